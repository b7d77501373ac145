"""Trade-off maps: fixed colour scales, yellow is better everywhere, honest markers."""

from __future__ import annotations

import re

import numpy as np
import plotly.graph_objects as go
import pytest

from sim import Scenario
from sim.plans import (
    COURSE_TOTALS,
    IMPROVEMENT_TARGETS_PCT,
    MEASURES,
    CheapestSetting,
    SweepGrid,
    SweepResult,
    cheapest_settings,
    evaluate_sweep,
    sweep_grid,
)
from sim.validation import PUBLISHED_PROTOCOLS
from viz.i18n import speaking
from viz.style import MIN_FONT_PX, PROJECTOR_MIN_FONT_PX
from viz.timeline import text_width_px
from viz.tradeoffs import (
    BETTER_COLOUR,
    EDGE_NOTE,
    MARK_SIZE_PX,
    NOMINAL_WIDTH_PX,
    PHONE_CHART_PX,
    WORSE_COLOUR,
    best_sentence,
    bleeding_sentence,
    colour_axis,
    describe_tradeoff_map,
    map_height_px,
    tradeoff_map_figure,
)

MAPPED = ("fill_pct", "height_change_mm", *COURSE_TOTALS)


def synthetic(
    values: np.ndarray,
    *,
    measure: str = "fill_pct",
    raised: bool = False,
    x: tuple[float, ...] = (0.5, 1.0, 1.5, 2.0),
    y: tuple[float, ...] = (1.0, 3.0, 5.0),
    y_name: str = "sessions",
) -> SweepResult:
    """A sweep with made-up numbers (no model run)."""
    shape = (len(y), len(x))
    measures = {name: np.ones(shape) for name in ("course_pain_index", "redness_days", "visits")}
    measures[measure] = np.asarray(values, dtype=float)
    measures["bleeding"] = np.ones(shape, dtype=bool)
    outcome = "height_change_mm" if raised else "fill_pct"
    measures.setdefault(outcome, np.zeros(shape))
    return SweepResult(SweepGrid("needle_mm", x, y_name, y, 300.0), raised, measures)


@pytest.fixture(scope="module")
def two_sweeps() -> tuple[SweepResult, SweepResult]:
    """Two very different maps: a shallow boxcar under a pen, an ice pick under a home roller."""
    pen = Scenario()
    home = Scenario(scar="ice_pick", device="home_roller", needle_mm=0.25, follow_up_days=30)
    return (
        evaluate_sweep(sweep_grid(pen, "sessions", y_values=[1, 4, 10]), pen),
        evaluate_sweep(sweep_grid(home, "interval_days", y_values=[7, 90]), home),
    )


def _colour_at(scale: list, position: float) -> str:
    return next(colour for p, colour in scale if p == position)


# --- colour ---------------------------------------------------------------------


def test_colour_scales_are_fixed_and_the_same_for_very_different_maps(two_sweeps):
    pen, home = two_sweeps
    assert pen["fill_pct"].max() > 50 > 5 > home["fill_pct"].max()  # very different data
    for measure in ("fill_pct", *COURSE_TOTALS):
        heat = [tradeoff_map_figure(s, measure).data[0] for s in two_sweeps]
        assert (heat[0].zmin, heat[0].zmax) == (heat[1].zmin, heat[1].zmax), measure
        assert (heat[0].zmin, heat[0].zmax) == (MEASURES[measure].low, MEASURES[measure].high)
        assert heat[0].colorscale == heat[1].colorscale
        assert heat[0].colorbar.tickvals == heat[1].colorbar.tickvals
    fill = tradeoff_map_figure(pen, "fill_pct").data[0]
    assert (fill.zmin, fill.zmax) == (0.0, 100.0)


@pytest.mark.parametrize("measure", MAPPED)
def test_yellow_is_better_on_every_map(measure):
    axis = colour_axis(measure)
    scale = axis["colorscale"]
    better_end, worse_end = (1.0, 0.0) if MEASURES[measure].higher_is_better else (0.0, 1.0)
    assert _colour_at(scale, better_end) == BETTER_COLOUR
    assert _colour_at(scale, worse_end) == WORSE_COLOUR
    texts = axis["colorbar"]["ticktext"]
    ends = (texts[-1], texts[0]) if MEASURES[measure].higher_is_better else (texts[0], texts[-1])
    assert "better" in ends[0] and "worse" in ends[1]
    assert not any("better" in t or "worse" in t for t in texts[1:-1])


@pytest.mark.parametrize("measure", COURSE_TOTALS)
def test_less_is_better_measures_have_the_reversed_scale(measure):
    assert not MEASURES[measure].higher_is_better
    reversed_scale = colour_axis(measure)["colorscale"]
    fill = colour_axis("fill_pct")["colorscale"]
    assert [c for _, c in reversed_scale] == [c for _, c in fill][::-1]
    assert [p for p, _ in reversed_scale] == pytest.approx([1 - p for p, _ in fill][::-1])


def test_raised_height_is_on_a_labelled_diverging_scale():
    axis = colour_axis("height_change_mm")
    assert axis["zmin"] == -axis["zmax"] < 0  # centred on "no change"
    assert axis["colorbar"]["ticktext"][1] == "no change"
    assert "flatter" in axis["colorbar"]["ticktext"][0]


# --- markers --------------------------------------------------------------------


def _names(fig: go.Figure) -> list[str]:
    """Name of every trace (the heatmap has none), in drawing order."""
    return [t.name or "" for t in fig.data]


def _trace(fig: go.Figure, starts: str) -> go.Scatter:
    """The trace whose name starts with ``starts`` (not its white halo)."""
    return next(t for t in fig.data if (t.name or "").startswith(starts) and t.showlegend)


def test_no_trial_markers_on_a_raised_scar_and_markers_on_a_depressed_one():
    values = np.zeros((3, 4))
    raised = tradeoff_map_figure(
        synthetic(values, measure="height_change_mm", raised=True), "height_change_mm"
    )
    assert "Published acne trials" not in _names(raised)
    for measure in ("course_pain_index", "redness_days"):
        fig = tradeoff_map_figure(synthetic(values, raised=True), measure)
        assert "Published acne trials" not in _names(fig)
    depressed = tradeoff_map_figure(synthetic(values), "fill_pct", label_protocols=True)
    stars = next(t for t in depressed.data if t.name == "Published acne trials")
    assert len(stars.x) == len(PUBLISHED_PROTOCOLS)
    assert sorted(stars.y) == sorted(p.sessions for p in PUBLISHED_PROTOCOLS)


def test_trials_outside_the_map_are_not_drawn():
    fig = tradeoff_map_figure(synthetic(np.zeros((3, 4)), x=(0.2, 0.25, 0.3, 0.35)), "fill_pct")
    assert "Published acne trials" not in _names(fig)  # 1.5 mm is not on a home-roller map


def test_best_cell_label_says_edge_when_on_the_edge():
    edge = np.arange(12.0).reshape(3, 4)  # best in the top right corner
    fig = tradeoff_map_figure(synthetic(edge), "fill_pct")
    best = _trace(fig, "Most filled")
    assert best.name == f"Most filled ({EDGE_NOTE})"
    assert (list(best.x), list(best.y)) == ([2.0], [5.0])
    inside = np.zeros((3, 4))
    inside[1, 2] = 50.0
    fig = tradeoff_map_figure(synthetic(inside), "fill_pct")
    best = _trace(fig, "Most filled")
    assert best.name == "Most filled"
    assert (list(best.x), list(best.y)) == ([1.5], [3.0])


def test_least_burden_is_marked_at_the_least_and_ties_are_all_marked():
    pain = np.array([[1.0, 1.0, 1.0, 1.0], [2.0, 2.0, 2.5, 3.0], [3.0, 3.0, 4.0, 5.0]])
    fig = tradeoff_map_figure(synthetic(pain, measure="visits"), "visits")
    best = _trace(fig, "Fewest sessions")
    assert list(best.x) == [0.5, 1.0, 1.5, 2.0] and list(best.y) == [1.0] * 4
    assert EDGE_NOTE in best.name


def test_a_flat_map_marks_no_best_cell():
    fig = tradeoff_map_figure(synthetic(np.zeros((3, 4))), "fill_pct")
    assert not any(n.startswith("Most filled") for n in _names(fig))


def test_least_painful_settings_are_circled_and_labelled():
    cheapest = [
        CheapestSetting(20, 0, 1, 21.0, 0.5),
        CheapestSetting(30, 2, 3, 32.0, 3.0),
        CheapestSetting(40, 2, 3, 41.0, 3.0),
    ]
    fig = tradeoff_map_figure(synthetic(np.zeros((3, 4))), "fill_pct", cheapest=cheapest)
    names = _names(fig)
    mark = fig.data[names.index("Least pain for a target")]
    stars = fig.data[names.index("Published acne trials")]
    # One open circle per marked cell (two targets share one), drawn under the stars.
    assert list(mark.x) == [1.0, 2.0] and list(mark.y) == [1, 5]
    assert mark.marker.symbol == "circle-open" and mark.marker.size < stars.marker.size
    assert names.index("Least pain for a target") < names.index("Published acne trials")
    texts = [a.text for a in fig.layout.annotations]
    assert "≥20 %" in texts and "≥30 %, ≥40 %" in texts


def test_overlapping_protocol_stars_share_one_label():
    sweep = synthetic(
        np.zeros((9, 4)),
        y=(7.0, 14.0, 21.0, 28.0, 35.0, 42.0, 56.0, 70.0, 90.0),
        y_name="interval_days",
    )
    fig = tradeoff_map_figure(sweep, "fill_pct", label_protocols=True)
    labels = [a.text for a in fig.layout.annotations]
    # 28 and 30 days lie 2 % of the axis apart: one label for all five studies.
    assert len(labels) == 2
    assert all(len(line) <= 14 for a in labels for line in a.split("<br>"))


def test_every_target_is_marked_on_the_default_sweep():
    base = Scenario()
    grid = sweep_grid(base, "sessions", x_values=[0.5, 1.0, 1.5, 2.0, 2.5])
    sweep = evaluate_sweep(grid, base)
    chosen = cheapest_settings(sweep["fill_pct"], sweep["course_pain_index"])
    assert [s.target_pct for s in chosen] == list(IMPROVEMENT_TARGETS_PCT)
    fig = tradeoff_map_figure(sweep, "fill_pct", cheapest=chosen)
    circles = next(t for t in fig.data if t.name == "Least pain for a target")
    assert len(circles.x) <= len(IMPROVEMENT_TARGETS_PCT)  # a few marks, not a front


# --- layout ---------------------------------------------------------------------


def test_colour_bar_and_legend_lie_outside_the_plot_area():
    fig = tradeoff_map_figure(synthetic(np.arange(12.0).reshape(3, 4)), "fill_pct")
    bar = fig.data[0].colorbar
    assert bar.orientation == "h" and bar.yref == "paper"
    assert bar.y < 0 and bar.yanchor == "top"  # below the plot area
    legend = fig.layout.legend
    assert legend.yref == "container" and legend.y == 0 and legend.yanchor == "bottom"
    plot_px = fig.layout.height - fig.layout.margin.t - fig.layout.margin.b
    # The bar's top lies below the x-axis title, and the bottom margin holds bar and legend.
    assert -bar.y * plot_px >= 60
    entries = sum(1 for t in fig.data if t.showlegend is not False and t.type == "scatter")
    assert fig.layout.margin.b >= -bar.y * plot_px + 70 + 25 * entries


def test_height_follows_the_width_above_a_minimum():
    narrow, wide = map_height_px(420, 2), map_height_px(1000, 2)
    assert narrow < wide
    assert map_height_px(200, 2) == map_height_px(300, 2)  # never below the minimum
    small = tradeoff_map_figure(synthetic(np.zeros((3, 4))), "fill_pct", width_px=420)
    large = tradeoff_map_figure(synthetic(np.zeros((3, 4))), "fill_pct", width_px=1000)
    assert small.layout.height < large.layout.height
    default = tradeoff_map_figure(synthetic(np.zeros((3, 4))), "fill_pct")
    plot_px = default.layout.height - default.layout.margin.t - default.layout.margin.b
    assert plot_px >= 400  # readable on a projector


def test_high_contrast_keeps_the_colours_and_thickens_the_outlines():
    sweep = synthetic(np.arange(12.0).reshape(3, 4))
    normal, contrast = (
        tradeoff_map_figure(sweep, "fill_pct", high_contrast=c) for c in (False, True)
    )
    assert normal.data[0].colorscale == contrast.data[0].colorscale
    star = [
        next(t for t in f.data if t.name == "Published acne trials") for f in (normal, contrast)
    ]
    assert star[1].marker.line.width > star[0].marker.line.width
    assert contrast.layout.font.size > normal.layout.font.size


# --- words ----------------------------------------------------------------------


def _decimals(text: str) -> list[int]:
    return [len(d) for d in re.findall(r"\d\.(\d+)", text)]


def test_text_alternative_has_rounded_numbers_and_the_edge_flag(two_sweeps):
    pen, _ = two_sweeps
    text = describe_tradeoff_map(pen, "fill_pct")
    assert f"day {pen.grid.comparison_day:.0f} after the first session" in text
    assert "yellow is better" in text
    assert f"on the {EDGE_NOTE}" in text and "the most sessions" in text
    assert max(_decimals(text), default=0) <= 2  # axis values like 0.25 mm, no long floats
    assert f"{pen['fill_pct'].max():.0f} %" in text
    pain = describe_tradeoff_map(pen, "course_pain_index")
    assert f"{pen['course_pain_index'].max():.1f}" in pain


def test_text_alternative_says_when_the_second_setting_changes_nothing():
    pain = np.tile(np.array([1.0, 2.0, 3.0, 4.0]), (3, 1))
    text = describe_tradeoff_map(synthetic(pain, measure="course_pain_index"), "course_pain_index")
    assert "does not change it in this model" in text
    flat = describe_tradeoff_map(
        synthetic(np.zeros((3, 4)), measure="height_change_mm", raised=True), "height_change_mm"
    )
    assert "0 mm on every setting of this map" in flat and "Lowest" not in flat


def test_a_small_fill_never_reads_as_zero():
    values = np.full((3, 4), 0.12)
    values[2, 3] = 0.3
    text = describe_tradeoff_map(synthetic(values), "fill_pct")
    assert "<1 %" in text and " 0 %" not in text


def _font_sizes(fig: go.Figure) -> list[float]:
    """Every font size set in the figure (layout, axes, colour bar, legend, annotations)."""
    layout = fig.layout
    bar = fig.data[0].colorbar
    sizes = [
        layout.font.size,
        layout.title.font.size,
        layout.legend.font.size,
        layout.xaxis.tickfont.size,
        layout.yaxis.tickfont.size,
        layout.xaxis.title.font.size,
        layout.yaxis.title.font.size,
        bar.tickfont.size,
        bar.title.font.size,
    ]
    return sizes + [a.font.size for a in layout.annotations]


@pytest.mark.parametrize(
    ("contrast", "smallest"), [(False, MIN_FONT_PX), (True, PROJECTOR_MIN_FONT_PX)]
)
def test_every_text_is_large_enough(contrast, smallest):
    cheapest = [CheapestSetting(20, 0, 1, 21.0, 0.5), CheapestSetting(30, 0, 2, 32.0, 1.0)]
    fig = tradeoff_map_figure(
        synthetic(np.arange(12.0).reshape(3, 4)),
        "fill_pct",
        cheapest=cheapest,
        label_protocols=True,
        high_contrast=contrast,
    )
    sizes = _font_sizes(fig)
    assert len(fig.layout.annotations) >= 3  # target and trial labels are checked too
    assert None not in sizes and min(sizes) >= smallest
    # The room under the plot grows with the text.
    normal = tradeoff_map_figure(synthetic(np.zeros((3, 4))), "fill_pct")
    big = tradeoff_map_figure(synthetic(np.zeros((3, 4))), "fill_pct", high_contrast=True)
    assert big.layout.margin.b > normal.layout.margin.b


def _boxes(fig: go.Figure, plot_w: float, plot_h: float) -> list[tuple[float, float, float, float]]:
    """Pixel boxes of the labels, estimated from their anchors (0.6 em a character)."""
    xr, yr = fig.layout.xaxis.range, fig.layout.yaxis.range
    out = []
    for a in fig.layout.annotations:
        px = (a.x - xr[0]) / (xr[1] - xr[0]) * plot_w + a.ax
        py = (yr[1] - a.y) / (yr[1] - yr[0]) * plot_h + a.ay
        lines = a.text.split("<br>")
        w = 0.6 * a.font.size * max(len(line) for line in lines)
        h = 1.2 * a.font.size * len(lines)
        x0 = {"left": px, "right": px - w, "center": px - w / 2}[a.xanchor]
        y0 = {"top": py, "bottom": py - h, "middle": py - h / 2}[a.yanchor]
        out.append((x0, y0, x0 + w, y0 + h))
    return out


@pytest.mark.parametrize("contrast", [False, True])
def test_labels_of_crowded_marks_do_not_overlap(contrast):
    # Four targets in two neighbouring columns and rows, near the trials' stars.
    cheapest = [
        CheapestSetting(20, 1, 0, 21.0, 0.5),
        CheapestSetting(30, 2, 0, 31.0, 0.6),
        CheapestSetting(40, 1, 1, 41.0, 0.7),
        CheapestSetting(50, 0, 2, 51.0, 0.8),
    ]
    x = (0.25, 0.5, 0.75, 1.0, 1.25, 1.5, 1.75, 2.0, 2.25, 2.5)
    y = tuple(float(n) for n in range(1, 11))
    fig = tradeoff_map_figure(
        synthetic(np.zeros((10, 10)), x=x, y=y),
        "fill_pct",
        cheapest=cheapest,
        label_protocols=True,
        high_contrast=contrast,
    )
    m = fig.layout.margin
    plot_w = NOMINAL_WIDTH_PX - m.l - m.r
    plot_h = fig.layout.height - m.t - m.b
    boxes = _boxes(fig, plot_w, plot_h)
    assert len(boxes) == 6  # four targets, two groups of trials
    for k, a in enumerate(boxes):
        for b in boxes[k + 1 :]:
            overlap_w = min(a[2], b[2]) - max(a[0], b[0])
            overlap_h = min(a[3], b[3]) - max(a[1], b[1])
            assert overlap_w <= 0 or overlap_h <= 0, (a, b)


def _map_texts(fig: go.Figure) -> list[str]:
    """Every text a map shows: title, axes, colour bar, legend, hover texts and labels."""
    heat = fig.data[0]
    texts = [fig.layout.title.text, fig.layout.xaxis.title.text, fig.layout.yaxis.title.text]
    texts += [heat.colorbar.title.text, *heat.colorbar.ticktext, *np.ravel(heat.text)]
    texts += [t.name for t in fig.data[1:] if t.showlegend is not False]
    texts += [t.hovertemplate for t in fig.data]
    return texts + [a.text for a in fig.layout.annotations]


def test_a_spanish_map_shows_every_text_translated_with_spanish_numbers(spanish, untranslated):
    edge = np.array([[0.0, 0.0, 0.0, 0.0], [0.0, 0.0, 0.0, 0.0], [0.0, 0.0, 0.0, 45.5]])
    plain = synthetic(edge, x=(0.5, 1.0, 1.5, 2.5))
    band = {"fill_p10_pct": edge * 0.5, "fill_p90_pct": edge * 1.5}
    sweep = SweepResult(plain.grid, False, {**plain.measures, **band})
    cheapest = [CheapestSetting(30, 2, 3, 45.5, 1.0)]
    fig = tradeoff_map_figure(sweep, "fill_pct", cheapest=cheapest, label_protocols=True)
    texts = _map_texts(fig)
    # Only the trials' first authors (citations) stay as they are.
    authors = " ".join(p.label for p in PUBLISHED_PROTOCOLS)
    assert not untranslated(texts, allowed=authors), untranslated(texts, allowed=authors)
    assert "««Most filled» (edge of the range shown)»" in texts  # the best cell, on the edge
    assert any("«0,5 mm»" in str(t) for t in np.ravel(fig.data[0].text))  # Spanish decimals
    assert any("«≥30 %»" in str(t) for t in texts)
    for measure in ("fill_pct", "course_pain_index", "height_change_mm"):
        assert not untranslated(colour_axis(measure)["colorbar"]["ticktext"])
    # The describers: whole translated sentences, numbers written the Spanish way.
    for text in (describe_tradeoff_map(sweep, "fill_pct"), bleeding_sentence(sweep)):
        assert not untranslated([text]), text
    assert "«45,5 %»" not in best_sentence(sweep, "fill_pct")  # fill is shown to 0 decimals
    assert "«46 %»" in best_sentence(sweep, "fill_pct")


def test_a_spanish_flat_map_says_so_in_translated_words(spanish, untranslated):
    sweep = synthetic(np.full((3, 4), 12.0))
    text = describe_tradeoff_map(sweep, "fill_pct")
    assert not untranslated([text]), text
    assert "««Scar volume filled»: «12 %» on every setting of this map" in text


# --- labels on a phone ----------------------------------------------------------


def test_labels_on_a_narrow_map_neither_cross_nor_cover_each_other():
    """The default fill map on a phone (positions in px as placed there): each label's
    line reaches its own label without crossing another's line or label. Before, the
    "≥30 %" line ran through the "≥20 %" label, so the two read swapped."""
    from viz.tradeoffs import _Box, _crosses, _Frame, _label_box, _label_size, _place_labels

    frame = _Frame([0.0, 244.0], [0.0, 405.0], 244.0, 405.0)  # 1 data unit = 1 px, y up

    def up(x: float, y_down: float) -> tuple[float, float]:
        return x, 405.0 - y_down

    labels = [
        (*up(134, 223), ["Dogra, Lotfi"], "trial"),
        (*up(134, 304), ["Alam, Garg,", "Asif, Harris"], "trial"),
        (*up(8, 344), ["≥20 %"], "target"),
        (*up(8, 263), ["≥30 %"], "target"),
        (*up(39, 344), ["≥40 %"], "target"),
        (*up(92, 385), ["≥50 %"], "target"),
    ]
    annotations = _place_labels(labels, [(x, y) for x, y, *_ in labels], [frame], 16)
    lines, boxes = [], []
    for a in annotations:
        px, py = frame.to_px(a["x"], a["y"])
        size = _label_size(a["text"].split("<br>"), 16)
        lines.append((px, py, px + a["ax"], py + a["ay"]))
        boxes.append(_label_box(px, py, a["ax"], a["ay"], a["xanchor"], a["yanchor"], size))
    for i, line in enumerate(lines):
        for j, other in enumerate(lines):
            if i != j:
                names = (annotations[i]["text"], annotations[j]["text"])
                assert not _crosses(line, other), names
                assert not boxes[j].cut_by(line), names
    square = _Box(0, 0, 10, 10)
    assert square.cut_by((-5, 5, 15, 5)) and not square.cut_by((10, 0, 20, 0))


@pytest.mark.parametrize("code", ["en", "es"])
def test_a_phone_gets_its_own_arrangement_of_labels_and_title(two_sweeps, code):
    """The browser draws a phone's arrangement on a narrow map (pages/_live_chart.js):
    labels placed for its plot area, and a title wrapped to fit ("Volumen de la
    cicatriz rellenado el día 432" was cut at the phone's edge)."""
    pen = two_sweeps[0]
    with speaking(code):
        fig = tradeoff_map_figure(pen, "fill_pct", label_protocols=True)
    phone, wide = fig.layout.meta["layouts"]
    assert phone["min_plot_px"] == 0 < wide["min_plot_px"]
    assert wide["layout"]["annotations"] == [a.to_plotly_json() for a in fig.layout.annotations]
    assert len(phone["layout"]["annotations"]) == len(fig.layout.annotations)
    title_px = fig.layout.title.font.size
    for line in phone["layout"]["title"]["text"].split("<br>"):
        assert text_width_px(line, title_px) <= PHONE_CHART_PX, line
    assert wide["layout"]["title"]["text"] == fig.layout.title.text


# --- every label by its own mark ------------------------------------------------

CHART_WIDTHS_PX = (360, 400, 450, 500, 550, 600, 659, 800, 1001, 1253)
"""Widths the map is drawn at in Chromium: a 390 px phone (360), 1024 px with the
sidebar open (659), 1366 px (1001) and 1920 px (1253), and widths between them,
across the switch from the phone's arrangement of labels to the wide one."""


@pytest.fixture(scope="module")
def default_fill_map() -> tuple[SweepResult, list[CheapestSetting]]:
    """The first map of the Protocol trade-offs page: the default scenario over needle
    length and sessions, with its least painful settings for each target."""
    base = Scenario()
    sweep = evaluate_sweep(sweep_grid(base, "sessions"), base)
    return sweep, cheapest_settings(sweep["fill_pct"], sweep["course_pain_index"])


def _drawn_labels(fig: go.Figure, chart_px: float) -> tuple[list[dict], float, float]:
    """The labels drawn on the map ``chart_px`` wide, and the plot's width and height (px):
    those of the last arrangement in ``meta.layouts`` whose ``min_plot_px`` the plot
    reaches, as pages/_live_chart.js chooses."""
    m = fig.layout.margin
    plot_w = chart_px - m.l - m.r
    layouts = fig.layout.meta["layouts"]
    fits = [option for option in layouts if plot_w >= option["min_plot_px"]]
    chosen = (fits or layouts)[-1]
    return chosen["layout"]["annotations"], plot_w, fig.layout.height - m.t - m.b


def _box_distance(box: tuple[float, ...], x: float, y: float) -> float:
    """Distance (px) from the point ``(x, y)`` to the rectangle ``box`` (x0, y0, x1, y1)."""
    return float(np.hypot(max(box[0] - x, 0, x - box[2]), max(box[1] - y, 0, y - box[3])))


def _segment_distance(point: tuple[float, ...], segment: tuple[float, ...]) -> float:
    """Distance (px) from ``point`` to the segment (x0, y0, x1, y1)."""
    p, a, b = (np.asarray(v, dtype=float) for v in (point, segment[:2], segment[2:]))
    t = np.clip(np.dot(p - a, b - a) / max(np.dot(b - a, b - a), 1e-9), 0.0, 1.0)
    return float(np.linalg.norm(p - a - t * (b - a)))


def _lines_meet(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    """Whether the segments ``a`` and ``b`` (x0, y0, x1, y1) cross, or one ends on the other."""

    def turn(p, q, r) -> float:
        return (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])

    p, q, r, s = a[:2], a[2:], b[:2], b[2:]
    crossing = turn(p, q, r) * turn(p, q, s) < 0 and turn(r, s, p) * turn(r, s, q) < 0
    ends = [_segment_distance(e, b) for e in (p, q)] + [_segment_distance(e, a) for e in (r, s)]
    return crossing or min(ends) < 1


def _label_problems(fig: go.Figure, chart_px: float) -> list[str]:
    """What could be misread on the map drawn ``chart_px`` wide: a label outside the plot,
    over a marker or touching another label; a label's line crossing another label's
    line or box; a line whose end (where it meets its label) lies as near another
    marker as its own, so that the label reads as that marker's."""
    annotations, w, h = _drawn_labels(fig, chart_px)
    (x0, x1), (y0, y1) = fig.layout.xaxis.range, fig.layout.yaxis.range

    def to_px(x: float, y: float) -> tuple[float, float]:
        return (x - x0) / (x1 - x0) * w, (y1 - y) / (y1 - y0) * h

    markers = {
        (float(x), float(y))
        for trace in fig.data[1:]
        for x, y in zip(trace.x, trace.y, strict=True)
    }
    drawn = []
    for a in annotations:
        font, lines = a["font"]["size"], a["text"].count("<br>") + 1
        # As Chromium draws a label: its text, 2 px of padding and a 1 px border around.
        width, height = text_width_px(a["text"], font) + 6, 1.3 * font * lines + 1
        px, py = to_px(a["x"], a["y"])
        ex, ey = px + a["ax"], py + a["ay"]  # where the line meets the label
        left = {"left": ex, "right": ex - width, "center": ex - width / 2}[a["xanchor"]]
        top = {"top": ey, "bottom": ey - height, "middle": ey - height / 2}[a["yanchor"]]
        # A group of stars sharing one label (5 % of the axis apart) are all its own.
        own = {p for p in markers if p[0] == a["x"] and abs(p[1] - a["y"]) <= 0.05 * (y1 - y0)}
        drawn.append((a["text"], (left, top, left + width, top + height), (px, py, ex, ey), own))
    problems = []
    for text, box, (px, py, ex, ey), own in drawn:
        if min(box[0], box[1]) < -1 or box[2] > w + 1 or box[3] > h + 1:
            problems.append(f"{text} leaves the plot")
        reach = np.hypot(ex - px, ey - py)
        for marker in markers:
            mx, my = to_px(*marker)
            if _box_distance(box, mx, my) < MARK_SIZE_PX / 2:
                problems.append(f"{text} covers the marker at {marker}")
            if marker not in own and np.hypot(ex - mx, ey - my) <= reach:
                problems.append(f"{text}: its line ends as near the marker at {marker}")
    for k, (text, box, line, _) in enumerate(drawn):
        for other, other_box, other_line, _ in drawn[k + 1 :]:
            gap = max(other_box[0] - box[2], box[0] - other_box[2])
            gap = max(gap, other_box[1] - box[3], box[1] - other_box[3])
            if gap < 2:
                problems.append(f"{text} touches {other}")
            through = [
                any(_box_distance(b, *point) == 0 for point in np.linspace(s[:2], s[2:], 50)[1:-1])
                for s, b in ((line, other_box), (other_line, box))
            ]
            if _lines_meet(line, other_line) or any(through):
                problems.append(f"the line of {text} or {other} meets the other's line or label")
    return problems


@pytest.mark.parametrize("code", ["en", "es", "ar"])
@pytest.mark.parametrize("contrast", [False, True], ids=["normal", "projector"])
def test_every_label_sits_by_its_own_mark_at_every_width(default_fill_map, contrast, code):
    """The page's first map as Chromium draws it, on a phone to a 1920 px screen, in
    normal and projector mode: every label clear of the others and of every marker, its
    line ending nearest its own marker. Before, in projector mode at 1024 px, "≥20 %"
    and "≥30 %" touched, their lines met at one point, and "≥20 %" sat beside the
    4-session circle though 20 % is first reached at 2 sessions."""
    sweep, cheapest = default_fill_map
    with speaking(code):
        fig = tradeoff_map_figure(
            sweep, "fill_pct", cheapest=cheapest, label_protocols=True, high_contrast=contrast
        )
    circles = next(t for t in fig.data[1:] if t.marker.symbol == "circle-open" and t.showlegend)
    for chart_px in CHART_WIDTHS_PX:
        annotations, *_ = _drawn_labels(fig, chart_px)
        texts = [a["text"] for a in annotations]
        assert set(circles.text) <= set(texts), (chart_px, texts)  # every target is named
        if chart_px >= NOMINAL_WIDTH_PX:
            assert len(texts) == len(circles.text) + 2, (chart_px, texts)  # and both trials
        assert not _label_problems(fig, chart_px), (chart_px, _label_problems(fig, chart_px))


def test_map_texts_write_the_unit_in_the_readers_language():
    """An axis title and a setting's words take the unit from the catalogue: Arabic writes
    مم (a Latin "mm" beside Arabic words reorders the numbers around it)."""
    from viz.tradeoffs import _axis_title, setting_text

    with speaking("ar"):
        title = _axis_title("needle_mm")
        words = setting_text("home_needle_mm", 0.25)
    assert "مم" in title and "mm" not in title, title
    assert "مم" in words and "mm" not in words, words
    assert _axis_title("needle_mm") == "Needle length (mm)"
