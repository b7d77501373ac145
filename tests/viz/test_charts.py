"""Timelines, depth bars, maps, pigmentation and validation charts show the model's numbers."""

from __future__ import annotations

import numpy as np
import plotly.io as pio
import pytest

from sim import Scenario, simulate
from sim.side_effects import laser_pigmentation_risk, needling_pigmentation_risk
from sim.validation import PUBLISHED_PROTOCOLS
from viz.cross_section import cross_section_figure
from viz.depth import needle_depth_figure
from viz.evidence import validation_figure
from viz.skin_tone import (
    EXTRAPOLATED_NOTE,
    EXTRAPOLATED_TYPES,
    needling_vs_laser_figure,
    pigmentation_figure,
)
from viz.style import MIN_FONT_PX, plot_config
from viz.timeline import comparison_timeline_figure, scar_level_figure, timeline_figure
from viz.tradeoffs import (
    IMPROVEMENT_TARGETS_PCT,
    CheapestSetting,
    cheapest_settings,
    tradeoff_map_figure,
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
    np.testing.assert_allclose(fig.data[1].y, keloid_result.raised_height_mm)
    assert fig.layout.yaxis.title.text == "Scar height above the skin (mm)"


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
    # Anchored to the bottom of the figure, inside the bottom margin, under the
    # x-axis title (about 70 px) with one row per plan and a title row.
    assert legend.yref == "container" and legend.y == 0 and legend.yanchor == "bottom"
    assert legend.orientation == "v"
    assert fig.layout.margin.b >= 70 + 30 * (len(plans) + 1)


def test_scar_level_depth_falls_and_height_does_not(default_result, keloid_result):
    fig = scar_level_figure(default_result, keloid_result)
    depth = np.asarray(fig.data[0].y)
    height = np.asarray(fig.data[-1].y)
    assert depth[-1] < depth[0]
    assert height[-1] == height[0], "induction neither flattens nor raises it"


def test_depth_bars_show_nominal_and_effective_depth(default_result):
    entries = [("Office pen", 1.5, 0.3), ("Home roller", 0.25, 0.05)]
    fig = needle_depth_figure(entries, default_result.layers_mm)
    assert list(fig.data[0].y) == [1.5, 0.25]
    assert list(fig.data[1].y) == [0.3, 0.05]
    assert fig.layout.yaxis.range[0] > fig.layout.yaxis.range[1]  # depth points down
    labels = [a.text for a in fig.layout.annotations]
    assert "Epidermis (to 0.06 mm)" in labels


def test_cheapest_settings_match_brute_force():
    rng = np.random.default_rng(1)
    improvement = 60 * rng.random((6, 7))
    pain = rng.random((6, 7))
    top = float(improvement.max())
    chosen = cheapest_settings(improvement, pain, (20, 30, top, 99))
    assert [s.target_pct for s in chosen] == [20, 30, top]  # nothing reaches 99 %
    for s in chosen:
        reached = improvement >= s.target_pct
        assert reached[s.row, s.col]
        assert pain[s.row, s.col] == pain[reached].min()
        assert s.improvement_pct == improvement[s.row, s.col]
        assert s.course_pain == pain[s.row, s.col]


def test_cheapest_settings_prefer_more_improvement_at_equal_pain():
    improvement = np.array([[25.0, 35.0], [45.0, 10.0]])
    pain = np.array([[1.0, 1.0], [1.0, 0.5]])
    chosen = cheapest_settings(improvement, pain, (20,))
    assert (chosen[0].row, chosen[0].col) == (1, 0)


def _map(values=None, cheapest=(), x=(0.5, 1.0, 1.5, 2.0), y=(1, 2, 3), y_name="sessions"):
    return tradeoff_map_figure(
        np.arange(12.0).reshape(3, 4) if values is None else values,
        list(x),
        list(y),
        title="Scar volume filled",
        colour_title="%",
        x_title="Needle depth (mm)",
        y_title="Sessions",
        y_name=y_name,
        cheapest=cheapest,
        label_protocols=True,
    )


def test_tradeoff_map_marks_the_cheapest_settings_and_the_protocols():
    cheapest = [
        CheapestSetting(20, 0, 1, 21.0, 0.5),
        CheapestSetting(30, 2, 3, 32.0, 3.0),
        CheapestSetting(40, 2, 3, 41.0, 3.0),
    ]
    fig = _map(cheapest=cheapest)
    np.testing.assert_array_equal(np.asarray(fig.data[0].z), np.arange(12.0).reshape(3, 4))
    names = [t.name for t in fig.data]
    mark = fig.data[names.index("Least pain for a target")]
    stars = fig.data[names.index("Published protocols")]
    # One open circle per marked cell (two targets share one), drawn under the stars.
    assert list(mark.x) == [1.0, 2.0] and list(mark.y) == [1, 3]
    assert mark.marker.symbol == "circle-open" and mark.marker.size < stars.marker.size
    assert names.index("Least pain for a target") < names.index("Published protocols")
    texts = [a.text for a in fig.layout.annotations]
    assert "≥20 %" in texts and "≥30 %, ≥40 %" in texts
    assert len(stars.x) == len(PUBLISHED_PROTOCOLS)
    assert sorted(stars.y) == sorted(p.sessions for p in PUBLISHED_PROTOCOLS)
    assert any(a.text.replace("<br>", " ") == "Dogra, Lotfi" for a in fig.layout.annotations)


def test_tradeoff_map_without_targets_has_no_circles_and_is_tall():
    fig = _map()
    assert "Least pain for a target" not in [t.name for t in fig.data]
    assert not any("≥" in a.text for a in fig.layout.annotations)
    plot_px = fig.layout.height - fig.layout.margin.t - fig.layout.margin.b
    assert plot_px >= 400  # readable on a projector (it was about 270 px)


def test_overlapping_protocol_stars_share_one_label():
    fig = _map(np.zeros((9, 4)), y=(7, 14, 21, 28, 35, 42, 56, 70, 90), y_name="interval_days")
    labels = [a.text for a in fig.layout.annotations]
    # 28 and 30 days lie 2 % of the axis apart: one label for all five studies.
    assert len(labels) == 2
    assert all(len(line) <= 14 for a in labels for line in a.split("<br>"))


def test_every_target_is_marked_on_the_default_sweep():
    from sim import Scenario, simulate_many

    x = np.array([0.5, 1.0, 1.5, 2.0, 2.5])
    y = np.arange(1, 11)
    rows = [simulate_many([Scenario(needle_mm=float(n), sessions=int(s)) for n in x]) for s in y]
    improvement = np.stack([r["improvement_pct"] for r in rows])
    pain = np.stack([r["course_pain_index"] for r in rows])
    chosen = cheapest_settings(improvement, pain)
    assert [s.target_pct for s in chosen] == list(IMPROVEMENT_TARGETS_PCT)
    fig = _map(improvement, chosen, x, y)
    assert len(fig.data[2].x) <= len(IMPROVEMENT_TARGETS_PCT)  # a few marks, not a front


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
    assert any(a.text == EXTRAPOLATED_NOTE for a in fig.layout.annotations)
    assert EXTRAPOLATED_NOTE.startswith("* extrapolated")


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
