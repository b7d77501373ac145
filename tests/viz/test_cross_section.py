"""The cross-section shows what the model computed, frame by frame."""

from __future__ import annotations

import json
import re

import numpy as np
import plotly.graph_objects as go
import plotly.io as pio
import pytest

from sim import Scenario, simulate
from viz.collagen_colours import (
    COLLAGEN_FULL_SCALE,
    SHARE_LEVELS,
    decode_collagen,
    encode_collagen,
)
from viz.cross_section import (
    ANIMATED_TRACES,
    DEPTH_EXAGGERATION,
    MAX_FRAMES,
    NOMINAL_PLOT_WIDTH_PX,
    PLOT_HEIGHT_PX,
    TRACE_NAMES,
    cross_section_figure,
    frame_days,
    legend_entries,
    legend_html,
    time_steps,
)
from viz.section_geometry import LAYER_NAMES, model_depth, plotted_depth
from viz.style import PROJECTOR_MIN_FONT_PX, theme


def _array(value: object) -> np.ndarray:
    """A trace array as numpy (plain list or Plotly's typed array)."""
    if hasattr(value, "__len__") and not isinstance(value, dict):
        return np.asarray(value, dtype=float)
    raise TypeError(value)


def test_traces_are_named_as_documented(default_result):
    fig = cross_section_figure(default_result)
    assert [t.name for t in fig.data[: len(TRACE_NAMES)]] == [
        "New collagen",
        "Original scar outline",
        "Missing collagen (scar tract)",
        "Surface now",
        "Needles in past sessions",
        "Needles, session today",
    ]


def test_surface_and_outline_are_the_models(default_result):
    fig = cross_section_figure(default_result)
    np.testing.assert_allclose(_array(fig.data[3].y), -default_result.surface_mm[-1], atol=1e-6)
    np.testing.assert_allclose(_array(fig.data[1].y), -default_result.surface0_mm, atol=1e-6)
    np.testing.assert_allclose(_array(fig.data[3].x), default_result.x_mm, atol=1e-6)


def test_one_frame_per_drawn_field_time_with_the_models_surface(default_result):
    fig = cross_section_figure(default_result)
    r = default_result
    np.testing.assert_array_equal(frame_days(r), r.fields.times_days)
    days = frame_days(r, MAX_FRAMES)
    assert len(fig.frames) == days.size <= MAX_FRAMES
    assert [f.name for f in fig.frames] == [f"{d:g}" for d in days]
    for frame, day in zip(fig.frames, days, strict=True):
        assert list(frame.traces) == list(ANIMATED_TRACES)
        # The drawn surface is the 1-D series' surface on that day (two outputs, one truth).
        np.testing.assert_allclose(_array(frame.data[2].y), -r.surface_mm[r.at_day(day)], atol=1e-6)
    # The time controls are outside the figure (the page draws them), one step per frame.
    assert not fig.layout.sliders and not fig.layout.updatemenus
    steps = time_steps(r)
    assert [step.name for step in steps] == [f.name for f in fig.frames]
    np.testing.assert_allclose([step.day for step in steps], days)


def test_frame_titles_state_the_improvement_and_the_controls_the_same_day(default_result):
    fig = cross_section_figure(default_result)
    last = fig.frames[-1].layout.title.text
    assert f"{default_result.improvement_pct[-1]:.0f} % filled" in last
    assert fig.frames[0].layout.title.text.startswith("Day 0:")
    for frame, step in zip(fig.frames, time_steps(default_result), strict=True):
        day = frame.layout.title.text.split(":")[0]
        assert step.label.startswith(day + " "), (day, step.label)
    sessions = default_result.scenario.sessions
    assert time_steps(default_result)[-1].label.endswith(f"{sessions} of {sessions} sessions done")


def _title_lines(title: go.layout.Title) -> tuple[str, str]:
    """A figure's or frame's title and subtitle."""
    return title.text, title.subtitle.text


def _pct(text: str) -> float:
    """A written percentage's number; "<1" (a small positive value) reads as 0.25."""
    return 0.25 if text == "<1" else float(text)


def test_every_frame_title_gives_the_typical_range_around_the_picture(default_result):
    """A headline point alone ("71 % filled") would claim what nobody measured: each
    frame's second line is the typical range (10th-90th percentile) of that day, which
    holds the picture's own value and is a real spread by the end of the course."""
    r = default_result
    spreads = []
    for frame in cross_section_figure(r).frames:
        i = r.at_day(float(frame.name))
        state, spread = _title_lines(frame.layout.title)
        filled = _pct(re.search(r"(<1|\d+) % filled", state).group(1))
        assert filled == pytest.approx(r.improvement_pct[i], abs=0.5)
        if spread == "about the same for most patients":  # e.g. before any collagen
            assert r.improvement_pct_p90[i] - r.improvement_pct_p10[i] < 1, frame.name
            continue
        numbers = re.fullmatch(r"typical range (<1|\d+) % to (<1|\d+) %", spread).groups()
        low, high = (_pct(v) for v in numbers)
        assert low <= filled <= high, (frame.name, spread)
        spreads.append(high - low)
    assert spreads and spreads[-1] >= 10  # patients differ by tens of percent at the end


def test_untreated_and_raised_titles_state_no_number_the_model_did_not_compute(keloid_result):
    """No treatment: no change, for the reason evidence direction 1 gives, not an exact
    "0 % filled"; a raised scar: its height and that collagen induction does not flatten it."""
    untreated = cross_section_figure(simulate(Scenario(sessions=0)), animate=False)
    state, spread = _title_lines(untreated.layout.title)
    assert "no change" in state and "%" not in state + spread
    assert spread == "acne scars are mostly permanent"
    height = keloid_result.raised_height_mm[-1]
    for title in [f.layout.title for f in cross_section_figure(keloid_result).frames] + [
        cross_section_figure(keloid_result, animate=False).layout.title
    ]:
        state, spread = _title_lines(title)
        assert f"{height:.1f} mm above the skin" in state
        assert spread == "no flattening from collagen induction"


def test_legend_is_html_outside_the_plot_and_lists_every_drawn_thing(default_result, keloid_result):
    fig = cross_section_figure(default_result)
    assert fig.layout.showlegend is False
    html = legend_html(default_result)
    names = [name for name, _, _ in legend_entries(default_result, theme(False))]
    for name in names:
        assert name in html
    assert "Missing collagen (scar tract)" in names
    assert "Extra collagen (raised scar)" in legend_html(keloid_result)
    assert html.count("<li>") == len(names)


def test_projector_mode_draws_every_chart_text_at_24_px_or_more(default_result):
    fig = cross_section_figure(default_result, high_contrast=True)
    layout = fig.layout
    sizes = [layout.font.size, layout.title.font.size, layout.xaxis.tickfont.size]
    sizes += [layout.yaxis.tickfont.size, layout.xaxis.title.font.size]
    sizes += [a.font.size for a in layout.annotations]
    assert min(sizes) >= PROJECTOR_MIN_FONT_PX == 24
    widths = [t.line.width for t in fig.data if t.type == "scatter"]
    assert min(widths) >= 3


def test_needle_channels_reach_the_effective_depth(default_result):
    fig = cross_section_figure(default_result)
    first = fig.frames[0].data[4]
    ys = np.array([v for v in first.y if v is not None], dtype=float)
    depth = default_result.side_effects.effective_depth_mm
    lengths = ys[1::2] - ys[0::2]
    np.testing.assert_allclose(lengths, depth, atol=2e-3)
    assert len(lengths) == len(default_result.track_x_mm[0])


def test_collagen_heatmap_holds_the_models_new_collagen(default_result):
    r = default_result
    fig = cross_section_figure(r, animate=False)
    codes = np.asarray(fig.data[0].z)
    amount, share = decode_collagen(codes)
    # The drawn peak matches the model's peak (2 x 2 averaged) within one level.
    young, mature = r.collagen3[-1].astype(float), r.collagen1[-1].astype(float)
    total = young + mature
    n = total.shape[0] // 2 * 2
    coarse = total[:n].reshape(n // 2, 2, -1, 2).mean(axis=(1, 3))
    peak = min(coarse.max(), COLLAGEN_FULL_SCALE)
    assert abs(amount.max() - peak) <= COLLAGEN_FULL_SCALE / 15 + 1e-9
    # At the end of follow-up the new collagen is mostly mature (type I).
    assert share[amount > 0].mean() < 0.5


def test_encoding_round_trip():
    young = np.array([0.0, 0.03, 0.2, 0.5])
    mature = np.array([0.0, 0.01, 0.05, 0.5])
    amount, share = decode_collagen(encode_collagen(young, mature))
    expected = np.minimum(young + mature, COLLAGEN_FULL_SCALE)
    np.testing.assert_allclose(amount, expected, atol=COLLAGEN_FULL_SCALE / 15)
    assert amount[0] == 0
    np.testing.assert_allclose(share[1:], [0.75, 0.8, 0.5], atol=0.5 / (SHARE_LEVELS - 1))


@pytest.mark.parametrize("scar", ["boxcar_shallow", "keloid"])
def test_plotted_depth_inverts(scar):
    r = simulate(Scenario(scar=scar, sessions=1, follow_up_days=0))
    z = np.linspace(0, r.layers_mm["total"], 50)
    for s in (-0.3, 0.0, 1.2):
        y = plotted_depth(r, z, np.full_like(z, s))
        np.testing.assert_allclose(model_depth(r, y, np.full_like(z, s)), z, atol=1e-9)
        assert y[0] == pytest.approx(-s)
        assert np.all(np.diff(y) > 0)


def test_raised_scar_keeps_the_fat_in_place(keloid_result):
    r = keloid_result
    s = float(r.surface_mm[-1].max())
    assert s > 2
    bottom = plotted_depth(r, np.array([r.layers_mm["dermis"]]), np.array([s]))
    assert bottom[0] == pytest.approx(r.layers_mm["dermis"])


@pytest.mark.parametrize("scar", ["boxcar_shallow", "keloid", "ice_pick"])
def test_animated_figure_stays_small(scar):
    fig = cross_section_figure(simulate(Scenario(scar=scar, sessions=10, interval_days=90)))
    size = len(pio.to_json(fig, validate=False))
    assert size < 3_000_000
    json.loads(pio.to_json(fig, validate=False))


def test_static_figure_has_no_frames(default_result):
    fig = cross_section_figure(default_result, animate=False)
    assert len(fig.frames) == 0
    assert not fig.layout.sliders
    expected = f"{default_result.improvement_pct[-1]:.0f} % filled"
    assert expected in fig.layout.title.text


def _plot_height_px(fig) -> float:
    return fig.layout.height - fig.layout.margin.t - fig.layout.margin.b


def _bars(shapes) -> tuple[dict, dict]:
    lines = [s for s in shapes if s.type == "line"]
    horizontal = next(s for s in lines if s.y0 == s.y1)
    vertical = next(s for s in lines if s.x0 == s.x1)
    return horizontal, vertical


@pytest.mark.parametrize("animate", [True, False])
def test_depth_is_drawn_twice_the_width_scale_and_says_so(default_result, animate):
    fig = cross_section_figure(default_result, animate=animate)
    assert DEPTH_EXAGGERATION == 2
    # Tied axes keep 1 mm of depth exactly twice as long as 1 mm of width on any screen.
    assert fig.layout.yaxis.scaleanchor == "x"
    assert fig.layout.yaxis.scaleratio == DEPTH_EXAGGERATION
    assert fig.layout.xaxis.constrain == fig.layout.yaxis.constrain == "domain"
    # The figure is made tall enough for 2x at the nominal width (it was a ~200 px strip).
    depth_mm = abs(fig.layout.yaxis.range[0] - fig.layout.yaxis.range[1])
    width_mm = fig.layout.xaxis.range[1] - fig.layout.xaxis.range[0]
    px_per_mm_width = NOMINAL_PLOT_WIDTH_PX / width_mm
    assert _plot_height_px(fig) == pytest.approx(
        DEPTH_EXAGGERATION * px_per_mm_width * depth_mm, abs=1
    )
    texts = [a.text for a in fig.layout.annotations]
    assert any("depth drawn 2x" in t and "0.5 mm" in t for t in texts)
    assert "<b>1 mm</b>" in texts
    horizontal, vertical = _bars(fig.layout.shapes)
    assert horizontal.x1 - horizontal.x0 == pytest.approx(1.0)
    assert abs(vertical.y1 - vertical.y0) == pytest.approx(0.5)
    assert vertical.x0 == pytest.approx(horizontal.x1)  # the bars meet in a corner


def test_frames_keep_both_scale_bars(default_result):
    fig = cross_section_figure(default_result)
    for frame in fig.frames:
        horizontal, vertical = _bars(frame.layout.shapes)
        assert horizontal.x1 - horizontal.x0 == pytest.approx(1.0)
        assert abs(vertical.y1 - vertical.y0) == pytest.approx(0.5)


@pytest.mark.parametrize("sessions", [3, 10])
def test_tall_keloid_is_not_clipped(sessions):
    r = simulate(Scenario(scar="keloid", sessions=sessions))
    fig = cross_section_figure(r, animate=False)
    bottom, top = fig.layout.yaxis.range
    assert top < -float(r.surface_mm.max()) and bottom >= r.layers_mm["total"]
    # Capped height: a taller section is drawn narrower, still at 2x.
    assert _plot_height_px(fig) <= PLOT_HEIGHT_PX[1]
    assert fig.layout.yaxis.scaleratio == DEPTH_EXAGGERATION
    # Layer names follow the (narrower) plot, not the paper's right edge.
    layer_labels = [a for a in fig.layout.annotations if a.text in LAYER_NAMES]
    assert len(layer_labels) == 4 and {a.xref for a in layer_labels} == {"x domain"}


@pytest.mark.parametrize("sessions, interval", [(3, 28), (10, 7), (10, 90), (1, 28)])
def test_drawn_frames_are_capped_and_keep_sessions_first_and_last(sessions, interval):
    r = simulate(Scenario(sessions=sessions, interval_days=interval, follow_up_days=365))
    chosen = frame_days(r, MAX_FRAMES)
    all_frames = frame_days(r)
    assert chosen.size <= max(MAX_FRAMES, sessions + 2)
    assert chosen[0] == all_frames[0] and chosen[-1] == all_frames[-1]
    assert np.all(np.diff(chosen) > 0)
    for day in r.session_days:
        assert np.min(np.abs(chosen - day)) <= 1e-9 or day not in r.fields.times_days
    fig = cross_section_figure(r)
    assert len(fig.frames) == chosen.size


def _translated(text: str) -> bool:
    """Every word of ``text`` (outside tags) is inside a « » message."""
    outside = re.sub(r"</?[a-z][^<>]*>", "", text)  # tags, not "<1 %"
    while "«" in outside:  # messages nest: "«typical range «56 %» to «88 %»»"
        inner = re.sub(r"«[^«»]*»", "", outside)
        if inner == outside:
            break
        outside = inner
    return not re.search(r"[A-Za-z]", outside)


@pytest.mark.parametrize("scar", ["boxcar_shallow", "keloid"])
def test_every_text_of_the_figure_is_translated_with_the_languages_numbers(spanish, scar):
    r = simulate(Scenario(scar=scar))
    fig = cross_section_figure(r)
    static = cross_section_figure(r, animate=False)
    texts = [fig.layout.title.text, static.layout.title.text]
    texts += [fig.layout.title.subtitle.text, static.layout.title.subtitle.text]
    texts += [fig.layout.xaxis.title.text, fig.layout.yaxis.title.text]
    texts += [a.text for a in fig.layout.annotations] + [t.name for t in fig.data]
    texts += [frame.layout.title.text for frame in fig.frames]
    texts += [frame.layout.title.subtitle.text for frame in fig.frames]
    texts += [step.label for step in time_steps(r)]
    texts += [name for name, _, _ in legend_entries(r, theme(False))]
    assert all(_translated(text) for text in texts), [t for t in texts if not _translated(t)]
    assert 'aria-label="«Legend»"' in legend_html(r)
    # Numbers are written as Spanish writes them; Plotly's own numbers too.
    assert fig.layout.separators == ",."
    assert any("«0,5 mm»" in text for text in texts)
    if scar == "keloid":
        assert f"{r.raised_height_mm[-1]:.1f}".replace(".", ",") in static.layout.title.text
    # Frame names stay the days, untranslated: the page's controls find frames by them.
    assert [f.name for f in fig.frames] == [step.name for step in time_steps(r)]
    assert all(re.fullmatch(r"[0-9.]+", f.name) for f in fig.frames)


def test_english_charts_keep_plotlys_english_separators(default_result):
    assert cross_section_figure(default_result).layout.separators == ".,"


def test_one_session_is_counted_in_the_singular(default_result):
    r = simulate(Scenario(sessions=1))
    assert time_steps(r)[-1].label.endswith("1 of 1 session done")
    assert time_steps(default_result)[-1].label.endswith("3 of 3 sessions done")


def test_legend_lists_no_collagen_or_needles_for_a_course_without_sessions(default_result):
    """The lesson's first step (no treatment) draws no new collagen and no needle: its
    legend does not list them; a treated course lists them."""
    untreated = simulate(Scenario(sessions=0))
    names = [name for name, _kind, _colour in legend_entries(untreated, theme(False))]
    assert not any("collagen I" in n or "Needles" in n for n in names), names
    assert "Missing collagen (scar tract)" in names
    treated = [name for name, _kind, _colour in legend_entries(default_result, theme(False))]
    assert {"New collagen III (young)", "Needles, session today"} <= set(treated)


def test_raised_scar_axis_reads_as_distance_from_the_skin(keloid_result, default_result):
    """Over a raised scar the axis reached "−2.5" (a negative depth, which a patient
    reads as a depth): it now counts mm above and below the skin, written without sign,
    with a tick at the skin line. Under a depressed scar it stays the depth."""
    y = cross_section_figure(keloid_result).layout.yaxis
    assert y.title.text == "Above / below skin (mm)"
    assert 0.0 in y.tickvals and min(y.tickvals) <= -2.5
    assert all(not text.startswith(("-", "−")) for text in y.ticktext)
    assert [float(text) for text in y.ticktext] == [abs(v) for v in y.tickvals]
    low, high = sorted(y.range)
    assert all(low <= v <= high for v in y.tickvals)
    assert cross_section_figure(default_result).layout.yaxis.title.text == "Depth (mm)"
