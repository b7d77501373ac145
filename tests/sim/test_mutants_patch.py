"""Surfaces of revolution and patch scores (sim/patch.py) against hand-computed values
(gaps found by mutation testing).

The hand-made results below have V-shaped profiles ``[0, -d, 0]`` on ``x = -1, 0, 1`` mm
(linear between samples), whose surface of revolution is a cone: height
``-d * max(0, 1 - r)`` at distance ``r`` mm from the scar's centre. Goodman & Baron
thresholds: flat 0.05 mm, visible 0.1454 mm, deep 0.5 mm, raised severe 2.0 mm.
"""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest

from sim import Scenario, patch
from sim.patch import PlacedScar, build_patch, footprint_area_cm2, revolve


def test_revolve_averages_both_halves_and_is_zero_beyond_the_cross_section():
    """z(r) = (s(r) + s(-r)) / 2, 0 beyond |x| = 2, even where the profile's edges are not 0."""
    x = np.array([-2.0, -1.0, 0.0, 1.0, 2.0])
    s = np.array([0.1, -1.0, -2.0, 0.0, 0.3])
    r = np.array([0.0, 0.5, 1.0, 1.5, 2.0, 2.5])
    # s(0.5) = -1, s(-0.5) = -1.5; s(1.5) = 0.15, s(-1.5) = -0.45; s(2) = 0.3, s(-2) = 0.1.
    expected = [-2.0, -1.25, -0.5, -0.15, 0.2, 0.0]
    np.testing.assert_allclose(revolve(x, s, r), expected, atol=1e-12)


def test_revolve_keeps_leading_axes_and_the_shape_of_the_distances():
    x = np.array([-1.0, 0.0, 1.0])
    profiles = np.array([[0.0, -0.4, 0.0], [0.0, 2.0, 0.0]])  # a dip and a bump
    r = np.array([[0.0, 0.25], [0.5, 3.0]])
    out = revolve(x, profiles, r)
    assert out.shape == (2, 2, 2)
    np.testing.assert_allclose(out[0], [[-0.4, -0.3], [-0.2, 0.0]])
    np.testing.assert_allclose(out[1], [[2.0, 1.5], [1.0, 0.0]])


@pytest.mark.parametrize(
    ("size_mm", "step_mm", "axis"),
    [
        (1.0, 0.25, [-0.5, -0.25, 0.0, 0.25, 0.5]),
        (2.0, 0.5, [-1.0, -0.5, 0.0, 0.5, 1.0]),
        (0.4, 0.2, [-0.2, 0.0, 0.2]),
    ],
)
def test_patch_axis_is_centred_and_spans_the_patch_at_the_step(size_mm, step_mm, axis):
    np.testing.assert_allclose(patch.patch_axis(size_mm, step_mm), axis, atol=1e-12)


def test_patch_axis_default_step_is_0_2_mm():
    axis = patch.patch_axis(10.0)
    assert axis.size == 51
    np.testing.assert_allclose(np.diff(axis), 0.2)
    assert axis[0] == pytest.approx(-5.0) and axis[-1] == pytest.approx(5.0)


def test_jacob_type_groups_both_boxcar_presets():
    assert [patch.jacob_type(s) for s in ("boxcar_shallow", "boxcar_deep")] == ["boxcar"] * 2
    assert patch.jacob_type("ice_pick") == "ice_pick"
    assert patch.jacob_type("rolling") == "rolling"


def test_mixed_scenarios_give_each_preset_the_same_treatment_and_its_own_shape():
    base = Scenario(
        scar="keloid", needle_mm=1.75, sessions=4, custom_profile_mm=(0.0, -0.2, -0.3, 0.0)
    )
    scenarios = patch.mixed_scenarios(base)
    assert list(scenarios) == ["rolling", "boxcar_deep", "boxcar_shallow", "ice_pick"]
    for name, scenario in scenarios.items():
        assert scenario.scar == name
        assert scenario.custom_profile_mm is None, "the preset's shape, not the custom one"
        assert (scenario.needle_mm, scenario.sessions) == (1.75, 4)


@pytest.mark.parametrize(
    ("x", "s", "radius_mm"),
    [
        # 5 % of the peak 1.0 is 0.05: 0.05 itself, at x = 3, is outside.
        ([-2.0, -1.0, 0.0, 1.0, 2.0, 3.0], [0.0, 0.5, 1.0, 0.5, 0.2, 0.05], 2.0),
        # The farthest point inside may lie on the negative side (x = -3).
        ([-3.0, -2.0, -1.0, 0.0, 1.0, 2.0, 3.0], [0.1, 0.2, 0.5, 1.0, 0.5, 0.0, 0.0], 3.0),
        # Peak 2.0: the limit is 0.1, so 0.08 at x = -2 is outside.
        ([-3.0, -2.0, -1.0, 0.0, 1.0], [0.0, 0.08, 1.0, 2.0, 0.12], 1.0),
        # A dip: magnitudes count; 0.049 at x = 2 is below 5 % of 1.0.
        ([-2.0, -1.0, 0.0, 1.0, 2.0], [0.0, -0.5, -1.0, -0.5, -0.049], 1.0),
        ([-1.0, 0.0, 1.0], [0.0, 0.0, 0.0], 0.0),
    ],
)
def test_footprint_is_a_disc_out_to_five_percent_of_the_peak(x, s, radius_mm):
    assert footprint_area_cm2(np.array(x), np.array(s)) == pytest.approx(
        np.pi * radius_mm**2 / 100.0, abs=1e-15
    )


X3 = np.array([-1.0, 0.0, 1.0])
X5 = np.array([-1.0, -0.5, 0.0, 0.5, 1.0])


def _v(x, heights_mm):
    """V-shaped profiles of the given signed peak heights on ``x`` (max |x| = 1)."""
    return np.outer(heights_mm, 1.0 - np.abs(x))


def _result(x, h0, frames, times, **curves):
    """The parts of a sim.model.Result that build_patch reads; peak heights in mm."""
    return SimpleNamespace(
        x_mm=x,
        surface0_mm=_v(x, [h0])[0],
        times_days=np.asarray(times, dtype=float),
        fields=SimpleNamespace(
            times_days=np.array([0.0, 30.0]),
            **{f"surface{k}_mm": _v(x, v) for k, v in frames.items()},
        ),
        **{f"surface{k}_mm": _v(x, v) for k, v in curves.items()},
    )


BOXCAR = _result(
    X3,
    -0.4,
    {"": [-0.4, -0.1], "_p10": [-0.4, -0.3], "_p90": [-0.4, -0.04]},
    [0, 15, 30],
    **{"": [-0.4, -0.3, -0.1], "_p10": [-0.4, -0.35, -0.3], "_p90": [-0.4, -0.1, -0.04]},
)
# Footprint: |s| > 0.125 at x = -0.5, 0, 0.5: a disc of radius 0.5 mm, 0.00785 cm².
KELOID = _result(
    X5,
    2.5,
    {"": [2.5, 1.9], "_p10": [2.5, 2.1], "_p90": [2.5, 1.5]},
    [0, 15, 30],
    **{"": [2.5, 2.2, 1.9], "_p10": [2.5, 2.4, 2.1], "_p90": [2.5, 1.9, 1.5]},
)
PLACED = (PlacedScar("boxcar_shallow", -0.4, 0.4), PlacedScar("keloid", 0.6, -0.6))


def _cones(axis, peaks):
    """Sum of cones ``h * max(0, 1 - r)`` at the scars of PLACED, on the grid [y, x]."""
    xx, yy = np.meshgrid(axis, axis)
    return sum(
        h * np.clip(1.0 - np.hypot(xx - p.x_mm, yy - p.y_mm), 0.0, None)
        for p, h in zip(PLACED, peaks, strict=True)
    )


def test_build_patch_draws_each_scar_as_a_cone_at_its_place():
    """The patch's heights are the two cones added (they overlap between the scars),
    before treatment and at each frame, for the median and both responders."""
    p = build_patch({"boxcar_shallow": BOXCAR, "keloid": KELOID}, PLACED, 2.0)
    axis = np.linspace(-1.0, 1.0, 11)  # 2 mm at 0.2 mm
    np.testing.assert_allclose(p.x_mm, axis, atol=1e-12)
    np.testing.assert_allclose(p.y_mm, axis, atol=1e-12)
    assert p.scars == PLACED
    np.testing.assert_array_equal(p.frame_days, [0.0, 30.0])
    np.testing.assert_allclose(p.before_mm, _cones(axis, (-0.4, 2.5)), atol=1e-12)
    # The boxcar's deepest point is at x = -0.4, y = 0.4 ([row 7, column 3]).
    assert p.before_mm[7, 3] == pytest.approx(-0.4)
    peaks = {"": ((-0.4, 2.5), (-0.1, 1.9)), "_p10": ((-0.4, 2.5), (-0.3, 2.1))}
    peaks["_p90"] = ((-0.4, 2.5), (-0.04, 1.5))
    for k, frames in peaks.items():
        heights = getattr(p, f"height{k}_mm")
        assert heights.shape == (2, 11, 11)
        for f, pair in enumerate(frames):
            np.testing.assert_allclose(heights[f], _cones(axis, pair), atol=1e-12, err_msg=k)


def test_build_patch_grades_and_scores_each_scar_on_its_own_scale():
    """Boxcar depths 0.4/0.3/0.1 mm: grades 3, 3, 2 and rows B2 (2 points), B2, A2 (1).
    Keloid heights 2.5/2.2/1.9 mm: grades 4, 4, 3 (raised scale: severe from 2 mm, not
    0.5) and row D2 by area: 0.00785 cm² (< 5 cm²) scores 6."""
    p = build_patch({"boxcar_shallow": BOXCAR, "keloid": KELOID}, PLACED, 2.0)
    np.testing.assert_array_equal(p.times_days, [0.0, 15.0, 30.0])
    assert p.grades.tolist() == [[3, 3, 2], [4, 4, 3]]
    assert p.grades_p10.tolist() == [[3, 3, 3], [4, 4, 4]]  # 0.35, 0.3 mm; 2.4, 2.1 mm
    assert p.grades_p90.tolist() == [[3, 2, 1], [4, 3, 3]]  # 0.1, 0.04 mm; 1.9, 1.5 mm
    assert p.score.tolist() == [8, 8, 7]
    assert p.score_p10.tolist() == [8, 8, 8]
    assert p.score_p90.tolist() == [8, 7, 7]


def test_patch_arrays_are_read_only():
    p = build_patch({"boxcar_shallow": BOXCAR, "keloid": KELOID}, PLACED, 2.0)
    for name, value in vars(p).items():
        if isinstance(value, np.ndarray):
            assert not value.flags.writeable, name


def test_raised_scars_score_by_the_total_area_of_their_footprints():
    """Two keloids of 2.54 cm² each (radius 9 mm) are 5.09 cm² together: 12 points, where
    either alone scores 6. A patch without raised scars has no area points at all."""
    x = np.array([-10.0, -9.0, 0.0, 9.0, 10.0])
    big = SimpleNamespace(
        x_mm=x,
        surface0_mm=np.array([0.0, 0.2, 2.5, 0.2, 0.0]),
        times_days=np.array([0.0]),
        fields=SimpleNamespace(
            times_days=np.array([0.0]),
            **{f"surface{k}_mm": np.zeros((1, 5)) for k in ("", "_p10", "_p90")},
        ),
        **{f"surface{k}_mm": np.full((1, 5), 2.5) for k in ("", "_p10", "_p90")},
    )
    assert footprint_area_cm2(x, big.surface0_mm) == pytest.approx(np.pi * 81 / 100)
    one = build_patch({"keloid": big}, (PlacedScar("keloid", 0.0, 0.0),), 0.4)
    two = build_patch({"keloid": big}, (PlacedScar("keloid", 0.0, 0.0),) * 2, 0.4)
    assert one.score.tolist() == [6]
    assert two.score.tolist() == two.score_p10.tolist() == two.score_p90.tolist() == [12]
    dip = build_patch({"boxcar_shallow": BOXCAR}, PLACED[:1], 0.4)
    assert dip.score.tolist() == [2, 2, 1]
