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
from viz.skin_tone import needling_vs_laser_figure, pigmentation_figure
from viz.style import MIN_FONT_PX, plot_config
from viz.timeline import comparison_timeline_figure, scar_level_figure, timeline_figure
from viz.tradeoffs import pareto_front, tradeoff_map_figure


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


def test_scar_level_depth_falls_and_height_does_not(default_result, keloid_result):
    fig = scar_level_figure(default_result, keloid_result)
    depth = np.asarray(fig.data[0].y)
    height = np.asarray(fig.data[-1].y)
    assert depth[-1] < depth[0]
    assert height[-1] > height[0]


def test_depth_bars_show_nominal_and_effective_depth(default_result):
    entries = [("Office pen", 1.5, 0.3), ("Home roller", 0.25, 0.05)]
    fig = needle_depth_figure(entries, default_result.layers_mm)
    assert list(fig.data[0].y) == [1.5, 0.25]
    assert list(fig.data[1].y) == [0.3, 0.05]
    assert fig.layout.yaxis.range[0] > fig.layout.yaxis.range[1]  # depth points down
    labels = [a.text for a in fig.layout.annotations]
    assert "Epidermis (to 0.06 mm)" in labels


def test_pareto_front_matches_brute_force():
    rng = np.random.default_rng(1)
    benefit = rng.random((6, 7))
    cost = rng.random((6, 7))
    front = pareto_front(benefit, cost)
    b, c = benefit.ravel(), cost.ravel()
    for i in range(b.size):
        dominated = any(
            b[j] >= b[i] and c[j] <= c[i] and (b[j] > b[i] or c[j] < c[i]) for j in range(b.size)
        )
        assert front.ravel()[i] == (not dominated)
    assert front[np.unravel_index(np.argmax(benefit), benefit.shape)]


def test_tradeoff_map_carries_values_front_and_protocols():
    values = np.arange(12.0).reshape(3, 4)
    front = np.zeros((3, 4), dtype=bool)
    front[2, 3] = True
    fig = tradeoff_map_figure(
        values,
        [0.5, 1.0, 1.5, 2.0],
        [1, 2, 3],
        title="Scar volume filled",
        colour_title="%",
        x_title="Needle depth (mm)",
        y_title="Sessions",
        y_name="sessions",
        front=front,
        label_protocols=True,
    )
    np.testing.assert_array_equal(np.asarray(fig.data[0].z), values)
    assert list(fig.data[1].x) == [2.0] and list(fig.data[1].y) == [3]
    assert len(fig.data[2].x) == len(PUBLISHED_PROTOCOLS)
    assert sorted(fig.data[2].y) == sorted(p.sessions for p in PUBLISHED_PROTOCOLS)
    assert any(a.text == "Dogra, Lotfi" for a in fig.layout.annotations)


def test_pigmentation_bars_are_the_models_risks():
    needling = [100 * needling_pigmentation_risk(f, 250) for f in range(1, 7)]
    laser = [100 * laser_pigmentation_risk(f) for f in range(1, 7)]
    fig = pigmentation_figure(needling, laser, 4)
    np.testing.assert_allclose(fig.data[0].y, needling)
    np.testing.assert_allclose(fig.data[1].y, laser)
    assert all(n < las for n, las in zip(fig.data[0].y, fig.data[1].y, strict=True))
    assert fig.layout.shapes[0].x0 == pytest.approx(2.5)


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
