"""Timelines, depth bars, pigmentation and validation charts show the model's numbers.

The trade-off maps have their own tests (tests/viz/test_tradeoffs.py).
"""

from __future__ import annotations

import itertools
import math

import numpy as np
import plotly.io as pio
import pytest

from sim import Scenario, simulate
from sim.side_effects import laser_pigmentation_risk, needling_pigmentation_risk
from sim.validation import validation_rows
from viz.cross_section import cross_section_figure
from viz.depth import NARROWEST_CHART_PX, needle_depth_figure
from viz.evidence import row_text, validation_figure
from viz.i18n import _ as translated
from viz.i18n import speaking
from viz.skin_tone import (
    EXTRAPOLATED_NOTE,
    EXTRAPOLATED_TYPES,
    extrapolated_types_text,
    needling_vs_laser_figure,
    pigmentation_figure,
)
from viz.style import MIN_FONT_PX, PROJECTOR_MIN_FONT_PX, plot_config, theme
from viz.timeline import (
    comparison_timeline_figure,
    scar_level_figure,
    text_width_px,
    timeline_figure,
)


def test_timeline_shows_improvement_band_and_sessions(default_result):
    r = default_result
    fig = timeline_figure(r)
    band, median, sessions = fig.data[:3]
    np.testing.assert_allclose(median.x, r.times_days / 7)
    np.testing.assert_allclose(median.y, r.improvement_pct)
    n = r.times_days.size
    np.testing.assert_allclose(band.y[:n], r.improvement_pct_p90)
    np.testing.assert_allclose(band.y[n:], r.improvement_pct_p10[::-1])
    np.testing.assert_allclose(sessions.x, [0, 4, 8])
    phases = [s.name for s in fig.layout.shapes if s.name]
    assert phases[0].startswith("Inflammation") and phases[2].startswith("Remodelling")
    assert fig.layout.shapes[-1].x0 == pytest.approx(56 / 7)  # third session's inflammation


def test_timeline_of_raised_scar_shows_height(keloid_result):
    fig = timeline_figure(keloid_result)
    np.testing.assert_allclose(fig.data[0].y, keloid_result.raised_height_mm)
    assert fig.layout.yaxis.title.text == "Scar height above the skin (mm)"
    # Its height is the same in every sample: no band, and no "typical range" in the
    # legend for an invisible one.
    assert not any("Typical range" in (trace.name or "") for trace in fig.data)


def test_home_roller_days_are_marked():
    r = simulate(Scenario(home_maintenance=True))
    fig = timeline_figure(r)
    home = [t for t in fig.data if t.name == "Home roller"]
    np.testing.assert_allclose(home[0].x, r.home_days / 7)


def test_comparison_has_one_line_and_band_per_plan(default_result, home_result):
    fig = comparison_timeline_figure({"Office": default_result, "Home": home_result})
    assert [t.name for t in fig.data] == [
        "Office: typical range",
        "Office",
        "Home: typical range",
        "Home",
    ]
    np.testing.assert_allclose(fig.data[3].y, home_result.improvement_pct)


def test_comparison_legend_lists_each_plan_once_below_the_axis_title(default_result, home_result):
    plans = {"Office": default_result, "Home": home_result, "Both": home_result}
    fig = comparison_timeline_figure(plans)
    shown = [t.name for t in fig.data if t.showlegend is not False]
    assert shown == list(plans)
    for band, line in zip(fig.data[0::2], fig.data[1::2], strict=True):
        assert band.legendgroup == line.legendgroup == line.name  # one click hides both
    legend = fig.layout.legend
    # In the bottom margin, under the x-axis title (about 60 px), with a title
    # row and one row per plan (see test_legend_lies_below_the_axis_title_one_entry_per_row).
    assert legend.yref == "container" and legend.yanchor == "top"
    assert legend.title.text == "Line: typical patient; band: typical range"
    assert fig.layout.margin.b >= 60 + 24 * (len(plans) + 1)


def test_long_plan_names_are_wrapped_in_the_legend_only(default_result, home_result):
    label = "Office sessions + home roller between them"
    fig = comparison_timeline_figure({label: default_result, "Home": home_result})
    line = fig.data[1]
    assert line.name == "Office sessions + home<br>roller between them"
    assert line.hovertemplate.startswith(label)
    assert fig.data[0].name == f"{label}: typical range"  # no legend entry


def test_scar_level_depth_falls_and_height_does_not(default_result, keloid_result):
    fig = scar_level_figure(default_result, keloid_result)
    band, depth_line, height_line = fig.data
    depth = np.asarray(depth_line.y)
    height = np.asarray(height_line.y)
    assert depth[-1] < depth[0]
    assert height[-1] == height[0], "induction neither flattens nor raises it"
    # The depressed scar's depth has its typical range around it (patients differ);
    # the raised scar's height has none to show, so no band and no legend entry for
    # one (an invisible band was listed in the legend).
    assert band.fill == "toself" and "typical range" in band.name
    edge = np.asarray(band.y)
    n = depth.size
    upper, lower = edge[:n], edge[n:][::-1]
    # The band's surfaces are interpolated from the model's coarser band times: in the
    # first days they may miss the median by a few tenths of a micrometre.
    assert np.all(np.minimum(upper, lower) <= depth + 1e-3)
    assert np.all(depth <= np.maximum(upper, lower) + 1e-3)
    assert np.max(np.abs(upper - lower)) > 0.02
    assert not any("Keloid" in (d.name or "") and "typical range" in d.name for d in fig.data)


def test_depth_bars_show_nominal_and_effective_depth(default_result):
    entries = [("Office pen", 1.5, 0.3), ("Home roller", 0.25, 0.05)]
    fig = needle_depth_figure(entries, default_result.layers_mm)
    assert list(fig.data[0].y) == [1.5, 0.25]
    assert list(fig.data[1].y) == [0.3, 0.05]
    assert fig.layout.yaxis.range[0] > fig.layout.yaxis.range[1]  # depth points down
    labels = [a.text.replace("\xa0", " ") for a in fig.layout.annotations]
    assert "Epidermis<br>to 0.06 mm" in labels
    assert "Papillary<br>dermis<br>to 0.36 mm" in labels
    assert {"1.50 mm set", "0.30 mm", "0.25 mm set", "0.05 mm"} <= set(labels)


def test_pigmentation_bars_are_the_models_risks():
    needling = [100 * needling_pigmentation_risk(f) for f in range(1, 7)]
    laser = [100 * laser_pigmentation_risk(f) for f in range(1, 7)]
    fig = pigmentation_figure(needling, laser, 4)
    np.testing.assert_allclose(fig.data[0].y, needling)
    np.testing.assert_allclose(fig.data[1].y, laser)
    assert all(n < las for n, las in zip(fig.data[0].y, fig.data[1].y, strict=True))
    assert fig.layout.shapes[0].x0 == pytest.approx(2.5)


def test_extrapolated_skin_types_are_faded_and_starred():
    fig = pigmentation_figure([1] * 6, [2] * 6, 3)
    labels = list(fig.data[0].x)
    assert labels == ["Type I*", "Type II*", "Type III", "Type IV", "Type V", "Type VI*"]
    assert EXTRAPOLATED_TYPES == (1, 2, 6)
    for bars in fig.data[:2]:
        opacity = list(bars.marker.opacity)
        faded = [k + 1 for k, o in enumerate(opacity) if o < 1]
        assert faded == list(EXTRAPOLATED_TYPES)
    assert any(a.text.replace("<br>", " ") == EXTRAPOLATED_NOTE for a in fig.layout.annotations)
    assert EXTRAPOLATED_NOTE.startswith("* extrapolated")
    assert list(fig.layout.xaxis.ticktext) == ["I*", "II*", "III", "IV", "V", "VI*"]


def test_validation_chart_has_every_row():
    rows = [
        {
            "study": "A, x",
            "protocol": "p",
            "published": 40.0,
            "model": 45.0,
            "unit": "%",
            "calibrated": False,
        },
        {
            "study": "B",
            "protocol": "q",
            "published": 0.7,
            "model": 0.8,
            "unit": "ratio",
            "calibrated": True,
        },
    ]
    fig = validation_figure(rows)
    assert list(fig.data[0].x) == [40.0] and list(fig.data[1].x) == [45.0]
    assert list(fig.data[2].x) == [0.7] and list(fig.data[3].x) == [0.8]
    assert fig.data[3].marker.symbol == ("circle-open",)


def _font_sizes(node: object) -> list[float]:
    sizes = []
    if isinstance(node, dict):
        for key, value in node.items():
            if (
                key in ("font", "textfont", "tickfont")
                and isinstance(value, dict)
                and "size" in value
            ):
                if isinstance(value["size"], (int, float)):
                    sizes.append(value["size"])
            sizes += _font_sizes(value)
    elif isinstance(node, list):
        for item in node:
            sizes += _font_sizes(item)
    return sizes


@pytest.mark.parametrize("contrast", [False, True])
def test_every_chart_uses_large_fonts(default_result, keloid_result, contrast):
    figures = [
        cross_section_figure(keloid_result, high_contrast=contrast),
        timeline_figure(default_result, high_contrast=contrast),
        needle_depth_figure([("a", 1.5, 0.3)], default_result.layers_mm, high_contrast=contrast),
        pigmentation_figure([1] * 6, [2] * 6, 3, high_contrast=contrast),
        needling_vs_laser_figure(6, high_contrast=contrast),
    ]
    for fig in figures:
        spec = pio.to_json(fig, validate=False)
        sizes = _font_sizes(__import__("json").loads(spec))
        assert sizes and min(sizes) >= MIN_FONT_PX


def test_plot_config_exports_png_without_logo():
    config = plot_config("cross_section")
    assert config["displaylogo"] is False
    assert config["toImageButtonOptions"]["filename"] == "cross_section"


def test_pigmentation_ranges_are_whiskers_and_no_point_is_printed():
    from sim.side_effects import laser_pigmentation_range, needling_pigmentation_range

    types = range(1, 7)
    needling = [100 * needling_pigmentation_risk(f) for f in types]
    laser = [100 * laser_pigmentation_risk(f) for f in types]
    n_range = [tuple(100 * v for v in needling_pigmentation_range(f)) for f in types]
    l_range = [tuple(100 * v for v in laser_pigmentation_range(f)) for f in types]
    fig = pigmentation_figure(
        needling, laser, 4, needling_range_pct=n_range, laser_range_pct=l_range
    )
    for trace, values, ranges in ((fig.data[0], needling, n_range), (fig.data[1], laser, l_range)):
        assert trace.text is None
        highs = np.asarray(values) + np.asarray(trace.error_y.array)
        lows = np.asarray(values) - np.asarray(trace.error_y.arrayminus)
        np.testing.assert_allclose(highs, [hi for _, hi in ranges])
        np.testing.assert_allclose(lows, [lo for lo, _ in ranges])
    assert fig.layout.yaxis.range[1] >= max(hi for _, hi in l_range)


# --- layout: readable on a 390 px phone, a 1366 px laptop and a projector (issue #7) ---

PHONE_CHART_PX = 366
"""Width of a chart on a 390 px phone (the page keeps 12 px on each side)."""

LEGEND_SWATCH_PX = 40
"""Room Plotly.js gives a legend entry's swatch before its text."""


@pytest.fixture(scope="module")
def validation_table():
    return validation_rows()


@pytest.fixture(scope="module")
def figures(default_result, keloid_result, home_result, validation_table):
    """Every chart of this module's builders, in both themes: ``{(name, contrast): fig}``."""
    needling = [100 * needling_pigmentation_risk(f) for f in range(1, 7)]
    laser = [100 * laser_pigmentation_risk(f) for f in range(1, 7)]
    entries = [
        ("Office pen 1.50 mm", 1.5, 1.35, (1.12, 1.5)),
        ("Home roller 0.25 mm", 0.25, 0.09, (0.05, 0.15)),
    ]
    plans = {
        "Office: office pen 1.50 mm, 3 sessions": default_result,
        "Home roller 0.25 mm, every 7 days": home_result,
        "Office sessions + home roller between them": default_result,
    }
    builders = {
        "timeline": lambda c: timeline_figure(default_result, high_contrast=c),
        "timeline_raised": lambda c: timeline_figure(keloid_result, high_contrast=c),
        "comparison": lambda c: comparison_timeline_figure(plans, high_contrast=c),
        "scar_level": lambda c: scar_level_figure(default_result, keloid_result, high_contrast=c),
        "needle_depth": lambda c: needle_depth_figure(
            entries, default_result.layers_mm, high_contrast=c
        ),
        "pigmentation": lambda c: pigmentation_figure(needling, laser, 1, high_contrast=c),
        "needling_vs_laser": lambda c: needling_vs_laser_figure(6, high_contrast=c),
        "validation": lambda c: validation_figure(validation_table, high_contrast=c),
    }
    return {(name, c): build(c) for name, build in builders.items() for c in (False, True)}


FIGURES = (
    "timeline",
    "timeline_raised",
    "comparison",
    "scar_level",
    "needle_depth",
    "pigmentation",
    "needling_vs_laser",
    "validation",
)
WITH_LEGEND = tuple(name for name in FIGURES if name != "needling_vs_laser")


def _legend_entries(fig) -> list[str]:
    traces = [t.name for t in fig.data if t.showlegend is not False and t.name]
    return traces + [s.name for s in fig.layout.shapes if s.showlegend and s.name]


def _lines(text: str) -> int:
    return text.count("<br>") + 1


def _x_axes(fig) -> list:
    return [fig.layout[k] for k in fig.layout if k.startswith("xaxis") and fig.layout[k]]


@pytest.mark.parametrize("contrast", [False, True])
@pytest.mark.parametrize("name", WITH_LEGEND)
def test_legend_lies_below_the_axis_title_one_entry_per_row(figures, name, contrast):
    """Room for every legend row below the x-axis title, at any screen width.

    A legend placed at a fraction of the plot height (``y=-0.22``) or with several
    entries per row overlapped the axis title once it wrapped on a phone. Row
    heights are Chromium's: 1.3 em a line plus 3 px, 12 px of padding.
    """
    fig = figures[name, contrast]
    layout = fig.layout
    legend = layout.legend
    small = legend.font.size
    assert legend.yref == "container" and legend.yanchor == "top"
    one_per_row = legend.orientation == "v" or (
        legend.entrywidthmode == "pixels" and legend.entrywidth >= 1366
    )
    assert one_per_row, "entries must not share a row: how many fit depends on the screen"
    rows = sum(math.ceil(1.3 * small * _lines(e)) + 3 for e in _legend_entries(fig))
    if legend.title.text:
        rows += math.ceil(1.3 * small * _lines(legend.title.text)) + 8
    legend_top = legend.y * layout.height  # px above the figure's bottom edge
    assert legend_top >= rows + 12, "the legend does not fit the bottom margin"
    # Above the legend: every x axis's tick labels and title at the axis font.
    font = layout.font.size
    axis = _x_axes(fig)[-1]
    tick_lines = max(map(_lines, axis.ticktext)) if axis.ticktext else 1
    title_lines = _lines(axis.title.text) if axis.title.text else 0
    axis_px = 1.3 * font * (tick_lines + title_lines) + 16
    assert layout.margin.b - legend_top >= axis_px, "the legend overlaps the axis title"


@pytest.mark.parametrize("name", WITH_LEGEND)
def test_legend_entries_fit_a_phone(figures, name):
    fig = figures[name, False]
    small = fig.layout.legend.font.size
    assert fig.layout.legend.xref == "container" and fig.layout.legend.x == 0
    texts = [*_legend_entries(fig), fig.layout.legend.title.text or ""]
    for text in texts:
        width = text_width_px(text, small) + LEGEND_SWATCH_PX
        assert width <= PHONE_CHART_PX - 16, f"{text!r} is {width:.0f} px wide"


@pytest.mark.parametrize("contrast", [False, True])
@pytest.mark.parametrize("name", FIGURES)
def test_no_text_in_a_wide_right_margin(figures, name, contrast):
    """Labels lie inside the plot area, below it, or in a left margin sized for them:
    a 260 px right margin of layer names left the depth chart 23 px on a phone."""
    fig = figures[name, contrast]
    layout = fig.layout
    assert layout.margin.r is not None and layout.margin.r <= 40
    for a in layout.annotations:
        if a.xref != "paper" and not a.xref.endswith(" domain"):
            continue
        assert 0 <= a.x <= 1, f"{a.text!r} lies beside the plot area"
        if a.x == 1:
            assert a.xanchor == "right", f"{a.text!r} runs into the right margin"
        if a.x == 0 and a.xanchor == "right":  # a name in the left margin
            width = text_width_px(a.text, a.font.size or layout.font.size) - (a.xshift or 0)
            assert width <= layout.margin.l, f"{a.text!r} is cut at the left edge"


@pytest.mark.parametrize("contrast", [False, True])
@pytest.mark.parametrize("name", FIGURES)
def test_projector_mode_draws_every_chart_text_at_24_px_or_more(figures, name, contrast):
    fig = figures[name, contrast]
    layout = fig.layout
    base = layout.font.size
    sizes = [base, layout.legend.font.size or base, layout.legend.title.font.size or base]
    for axis in [layout[k] for k in layout if k[1:].startswith("axis") and layout[k]]:
        sizes += [axis.tickfont.size or base, axis.title.font.size or base]
    sizes += [a.font.size or base for a in layout.annotations]
    sizes += [t.textfont.size or base for t in fig.data if getattr(t, "text", None) is not None]
    assert min(sizes) >= (PROJECTOR_MIN_FONT_PX if contrast else MIN_FONT_PX)
    if not contrast:
        return
    assert PROJECTOR_MIN_FONT_PX == 24
    widths = [t.line.width for t in fig.data if t.type == "scatter" and "lines" in (t.mode or "")]
    widths += [t.error_y.thickness for t in fig.data if t.type == "bar" and t.error_y.array]
    widths += [
        s.line.width
        for s in layout.shapes
        if s.type == "line" and s.line.color != layout.xaxis.gridcolor
    ]
    assert not widths or min(w for w in widths if w) >= 3


def test_depth_chart_leaves_a_phone_most_of_its_width(figures):
    for contrast in (False, True):
        layout = figures["needle_depth", contrast].layout
        names = [a for a in layout.annotations if a.xref == "paper" and a.xanchor == "right"]
        assert len(names) == 4  # the layers, left of the plot area
    layout = figures["needle_depth", False].layout
    assert PHONE_CHART_PX - layout.margin.l - layout.margin.r >= 240


def test_depth_texts_of_one_device_do_not_overlap(default_result):
    """A pen reaching close to its needle length: its two depths are stacked, not drawn
    over each other."""
    for contrast in (False, True):
        fig = needle_depth_figure(
            [("Office pen 0.50 mm", 0.5, 0.48, (0.45, 0.5))],
            default_result.layers_mm,
            high_contrast=contrast,
        )
        layout = fig.layout
        texts = sorted((a for a in layout.annotations if a.xref == "x"), key=lambda a: float(a.y))
        assert [a.text.replace("\xa0", " ") for a in texts] == ["0.45-0.50 mm", "0.50 mm set"]
        plot_px = layout.height - layout.margin.t - layout.margin.b
        px_per_mm = plot_px / (layout.yaxis.range[0] - layout.yaxis.range[1])
        gap_px = (float(texts[1].y) - float(texts[0].y)) * px_per_mm
        assert gap_px >= 1.3 * texts[0].font.size
        lowest_px = float(texts[1].y) * px_per_mm + 1.3 * texts[1].font.size
        assert lowest_px <= plot_px, "the lowest depth is cut at the plot's bottom"


def test_validation_rows_are_written_above_their_markers(figures, validation_table):
    fig = figures["validation", False]
    layout = fig.layout
    plot_px = layout.height - layout.margin.t - layout.margin.b
    for n in ("", "2"):
        axis = layout[f"yaxis{n}"]
        domain_px = (axis.domain[1] - axis.domain[0]) * plot_px
        # One unit of the row axis is one pixel: row heights hold at any width.
        assert axis.range[0] - axis.range[1] == pytest.approx(domain_px, abs=1)
    texts = [a for a in layout.annotations if a.yref in ("y", "y2")]
    assert len(texts) == sum(1 for r in validation_table if r["unit"] in ("%", "ratio"))
    markers = [(t.yaxis, y) for t in fig.data[0::2] for y in t.y]
    for text, (axis, marker_y) in zip(texts, markers, strict=True):
        assert text.yref == axis and text.yanchor == "top"
        label_bottom = text.y + 1.3 * text.font.size * _lines(text.text)
        assert label_bottom + fig.data[0].marker.size / 2 <= marker_y
        assert text_width_px(text.text, text.font.size) <= PHONE_CHART_PX - 60


def test_needling_and_laser_panels_are_stacked_with_one_depth_title(figures):
    layout = figures["needling_vs_laser", False].layout
    top, bottom = layout.yaxis.domain, layout.yaxis2.domain
    assert bottom[1] < top[0]  # one above the other, each as wide as the chart
    assert tuple(layout.xaxis.domain or (0, 1)) == tuple(layout.xaxis2.domain or (0, 1)) == (0, 1)
    texts = [a.text for a in layout.annotations] + [
        layout[k].title.text for k in ("yaxis", "yaxis2") if layout[k].title.text
    ]
    assert texts.count("Depth (mm)") == 1


@pytest.mark.parametrize("contrast", [False, True])
@pytest.mark.parametrize("needle_mm", [0.5, 1.5, 2.5])
def test_layer_names_do_not_overlap(default_result, needle_mm, contrast):
    """Each layer's name is below the one above it, also where a deep needle makes the
    thin papillary dermis shorter than its three-line name."""
    fig = needle_depth_figure(
        [("Office pen", needle_mm, 0.9 * needle_mm), ("Home roller", 0.25, 0.09)],
        default_result.layers_mm,
        high_contrast=contrast,
    )
    layout = fig.layout
    plot_px = layout.height - layout.margin.t - layout.margin.b
    px_per_mm = plot_px / (layout.yaxis.range[0] - layout.yaxis.range[1])
    names = [a for a in layout.annotations if a.xref == "paper" and a.xanchor == "right"]
    assert [a.text.split("<br>")[0] for a in names] == [
        "Epidermis",
        "Papillary",
        "Reticular",
        "Fat",
    ]
    assert {a.yanchor for a in names} == {"bottom"}  # a name anchored off the axis is hidden
    assert all(0 < a.y <= layout.yaxis.range[0] for a in names)
    boxes = [(a.y * px_per_mm - 1.3 * a.font.size * _lines(a.text), a.y * px_per_mm) for a in names]
    for (_, bottom), (top, _) in itertools.pairwise(boxes):
        assert bottom <= top + 1
    assert -boxes[0][0] <= layout.margin.t, "the epidermis's name is cut at the top"
    assert boxes[-1][1] <= plot_px, "the fat's name is cut at the bottom"


def test_validation_chart_puts_no_p_value_on_a_percentage_axis():
    from sim.validation import validation_rows
    from viz.evidence import validation_figure

    rows = validation_rows()
    fig = validation_figure(rows)
    plotted = sum(len(trace.x) for trace in fig.data if trace.name) // 2
    assert plotted == sum(1 for r in rows if r["unit"] in ("%", "ratio"))
    assert any(r["unit"] == "p" for r in rows), "the count checks exist (in the table)"


def _chart_texts(fig) -> list[str | None]:
    layout = fig.layout
    texts = [t.name for t in fig.data] + [t.hovertemplate for t in fig.data]
    texts += [s.name for s in layout.shapes] + [a.text for a in layout.annotations]
    texts += [layout.xaxis.title.text, layout.yaxis.title.text, layout.legend.title.text]
    return texts


def test_timelines_show_every_text_translated(
    spanish, default_result, keloid_result, home_result, untranslated
):
    for fig in (timeline_figure(default_result), timeline_figure(keloid_result)):
        assert not untranslated(_chart_texts(fig))
        assert fig.layout.separators == ",."
    # A plan's name comes translated from the page: the only words left as given.
    fig = comparison_timeline_figure({"Pen": default_result, "Roller": home_result})
    assert not untranslated(_chart_texts(fig), allowed="Pen Roller")
    assert "Pen" in fig.data[1].name and "«{plan}: typical range»" not in _chart_texts(fig)
    assert not untranslated(_chart_texts(scar_level_figure(default_result, keloid_result)))


@pytest.mark.parametrize("code", ["en", "es", "ar"])
@pytest.mark.parametrize("projector", [False, True])
def test_depth_chart_texts_fit_a_device_column_on_the_narrowest_screen(
    default_result, code, projector
):
    """On a phone (or a projector with the sidebar open) each device's name and the
    texts under its bars fit the device's column, whatever the language, so that Plotly
    neither turns the names nor widens the axis (which narrowed the bars in Arabic)."""
    with speaking(code):
        office = translated("{device} {needle} mm").format(
            device=translated("Office pen"), needle="1.50"
        )
        home = translated("Home roller {needle} mm").format(needle="0.25")
        entries = [(office, 1.5, 1.35), (home, 0.25, 0.09, (0.05, 0.15))]
        fig = needle_depth_figure(entries, default_result.layers_mm, high_contrast=projector)
    t = theme(projector)
    chart_px = NARROWEST_CHART_PX[projector]
    column_px = (chart_px - fig.layout.margin.l - fig.layout.margin.r) / len(entries)
    assert list(fig.layout.xaxis.range) == [-0.5, 1.5] and fig.layout.xaxis.tickangle == 0
    for tick in fig.layout.xaxis.ticktext:
        assert text_width_px(tick, t.font_px) <= column_px, tick
    for text in (a.text for a in fig.layout.annotations if a.xref == "x"):
        assert text_width_px(text, t.small_px) <= column_px, text
        assert "mm" not in [line.strip() for line in text.split("<br>")], "unit on its own"


def test_depth_chart_shows_every_text_translated_with_spanish_numbers(
    spanish, default_result, untranslated
):
    fig = needle_depth_figure([("Pen 1,50 mm", 1.5, 0.3, (0.25, 0.35))], default_result.layers_mm)
    assert not untranslated(_chart_texts(fig), allowed="Pen")
    labels = [a.text.replace("\xa0", " ") for a in fig.layout.annotations]
    assert {"«1,50 mm set»", "«0,25-0,35 mm»"} <= set(labels)
    assert "«Papillary<br>dermis»<br>«to 0,36 mm»" in labels
    # The device's length stays on a line of its own in a Spanish label.
    assert fig.layout.xaxis.ticktext == ("Pen<br>1,50 mm",)
    assert fig.layout.separators == ",."


def test_skin_tone_charts_show_every_text_translated_with_spanish_numbers(spanish, untranslated):
    fig = pigmentation_figure([0.3, 0.8, 2.0, 4.7, 9.6, 16.4], [1, 2.5, 6.1, 14, 29, 50], 4)
    texts = _chart_texts(fig) + list(fig.data[0].text) + list(fig.data[0].customdata)
    assert not untranslated(texts), untranslated(texts)
    assert "«4,7 %»" in fig.data[0].text  # a bar's risk, with a Spanish decimal comma
    assert "«Type IV»" in fig.data[0].customdata and "«Type VI*»" in fig.data[0].customdata
    # The categories stay internal; the ticks under "Skin type" show the numerals alone.
    assert list(fig.layout.xaxis.ticktext) == ["I*", "II*", "III", "IV", "V", "VI*"]
    schematic = needling_vs_laser_figure(6)
    texts = _chart_texts(schematic) + [text for trace in schematic.data for text in trace.text]
    assert not untranslated(texts), untranslated(texts)
    assert extrapolated_types_text() == "«I«, »II and VI»"  # the list words come translated


def test_validation_rows_of_one_study_are_told_apart(validation_table):
    """Dogra has a row on the share of volume filled and one on Goodman & Baron's score,
    with different model numbers: their labels differ (they were the same)."""
    labels = [(row_text(r), r["model"]) for r in validation_table if r["unit"] == "%"]
    texts = [text for text, _model in labels]
    assert len(set(texts)) == len(texts), texts
    assert any("Dogra (G&B score)" in text for text in texts)
