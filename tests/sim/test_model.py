"""The model's science: limits, bounds, monotonicity, conservation, determinism."""

from __future__ import annotations

import numpy as np
import pytest

from sim import Scenario, simulate, simulate_many
from sim.anatomy import layer_fractions, make_grid
from sim.kinetics import cascade_profiles
from sim.model import DEFAULT_KINETICS, _setup, _surface, injuries, response_quantiles, time_grid
from sim.scars import SCARS

DEPRESSED = [n for n, s in SCARS.items() if s.kind == "depressed"]
RAISED = [n for n, s in SCARS.items() if s.kind == "raised"]


@pytest.mark.parametrize("scar", list(SCARS))
def test_no_session_no_change(scar):
    result = simulate(Scenario(scar=scar, sessions=0, follow_up_days=730))
    np.testing.assert_array_equal(
        result.surface_mm, np.broadcast_to(result.surface0_mm, result.surface_mm.shape)
    )
    assert np.all(result.collagen3 == 0) and np.all(result.collagen1 == 0)
    assert np.all(result.improvement_pct == 0) and np.all(result.depth_improvement_pct == 0)
    assert result.side_effects.pain_index == 0 and not result.side_effects.bleeding


@pytest.mark.parametrize("scar", DEPRESSED)
def test_depressed_scar_fills_toward_but_never_above_surrounding_skin(scar):
    result = simulate(
        Scenario(
            scar=scar,
            sessions=10,
            interval_days=14,
            needle_mm=2.5,
            penetration_fraction=1.0,
            adjunct="prp",
            follow_up_days=730,
        )
    )
    assert np.all(result.surface_mm <= 1e-12)
    assert np.all(result.surface_mm >= result.surface0_mm - 1e-12)
    tether = SCARS[scar].tether_fraction
    assert 0 < result.improvement_pct[-1] <= 100 * (1 - tether) + 1e-9
    assert np.all(np.diff(result.improvement_pct) >= -1e-9), "fill never goes backwards"


@pytest.mark.parametrize("scar", RAISED)
def test_raised_scar_never_flattens(scar):
    result = simulate(Scenario(scar=scar, sessions=6, follow_up_days=730))
    assert np.all(result.raised_height_mm >= result.raised_height_mm[0] - 1e-12)
    assert result.raised_height_mm.max() > result.raised_height_mm[0] + 0.1
    assert np.all(result.improvement_pct == 0)


def test_keloid_rises_more_than_hypertrophic_and_stays_higher():
    kw = {"sessions": 3, "follow_up_days": 365}
    keloid = simulate(Scenario(scar="keloid", **kw))
    hypertrophic = simulate(Scenario(scar="hypertrophic", **kw))
    rise_k = keloid.raised_height_mm - keloid.raised_height_mm[0]
    rise_h = hypertrophic.raised_height_mm - hypertrophic.raised_height_mm[0]
    assert rise_k[-1] > 2 * rise_h[-1] > 0


def test_normal_skin_returns_close_to_baseline():
    result = simulate(Scenario(sessions=3, follow_up_days=730))
    assert result.thickening_mm.max() > 0.02
    assert result.thickening_mm[-1] < 0.1 * result.thickening_mm.max()


@pytest.mark.parametrize(
    "field, values",
    [
        ("sessions", [1, 2, 3, 5, 8]),
        ("needle_mm", [0.25, 0.5, 1.0, 1.5, 2.0, 2.5]),
        ("punctures_per_cm2", [50.0, 100.0, 250.0, 500.0, 1000.0]),
        ("adjunct", ["none", "prp"]),
        ("follow_up_days", [0, 30, 90, 180, 365]),
    ],
)
def test_more_treatment_never_leaves_a_deeper_scar(field, values):
    improvements = [simulate(Scenario(**{field: v})).final["improvement_pct"] for v in values]
    assert np.all(np.diff(improvements) > 0), improvements


def test_typical_range_brackets_median_and_matches_brute_force_cohort():
    scenario = Scenario()
    result = simulate(scenario)
    assert np.all(result.improvement_pct_p10 <= result.improvement_pct + 1e-9)
    assert np.all(result.improvement_pct <= result.improvement_pct_p90 + 1e-9)
    # Brute force: every patient of the seeded cohort, then the empirical percentiles.
    grid, _, geometry, deficit, layers = _setup(scenario, 0.02)
    end = np.array([scenario.end_day])
    profiles = cascade_profiles(
        injuries(scenario), end, grid.z_mm, grid.h_mm, layers["dermis"], DEFAULT_KINETICS
    )
    rng = np.random.default_rng(scenario.seed)
    rates = np.exp(0.4 * rng.standard_normal(1000))
    v0 = np.clip(-geometry.surface0_mm, 0, None).sum()
    cohort = [
        100
        * (v0 - np.clip(-_surface(geometry, deficit, profiles, r, 0.02)[0][0], 0, None).sum())
        / v0
        for r in rates
    ]
    p10, p90 = np.quantile(cohort, [0.1, 0.9])
    assert result.improvement_pct_p10[-1] == pytest.approx(p10, abs=0.3)
    assert result.improvement_pct_p90[-1] == pytest.approx(p90, abs=0.3)
    assert response_quantiles(scenario.seed) == response_quantiles(scenario.seed)


def test_deterministic_bit_identical_and_pure():
    scenario = Scenario(scar="rolling", home_maintenance=True, adjunct="prp")
    a, b = simulate(scenario), simulate(scenario)
    for name, value in vars(a).items():
        if isinstance(value, np.ndarray):
            assert np.array_equal(value, getattr(b, name)), name
    assert scenario == Scenario(scar="rolling", home_maintenance=True, adjunct="prp")


def test_collagen_volume_is_conserved_in_surrounding_skin():
    """New collagen in a far column integrates to the reported thickening."""
    result = simulate(Scenario())
    frame = -1
    far = 0  # leftmost column, normal skin
    column = (result.collagen3[frame] + result.collagen1[frame])[:, far].astype(float)
    t = result.at_day(result.field_times_days[frame])
    assert column.sum() * result.h_mm == pytest.approx(result.thickening_mm[t], rel=1e-5)


def test_scar_lift_never_exceeds_the_collagen_deficit_beneath():
    result = simulate(Scenario(sessions=10, needle_mm=2.5, penetration_fraction=1.0))
    grid = make_grid(result.scenario.skin, result.h_mm)
    deficit = (
        -result.collagen_baseline + layer_fractions(result.scenario.skin, grid)["dermis"][:, None]
    )
    lift = result.surface_mm[-1] - result.surface0_mm
    assert np.all(lift <= deficit.sum(axis=0) * result.h_mm + 1e-9)
    assert lift.max() > 0


def test_new_collagen_matures_from_type_III_to_type_I():
    result = simulate(Scenario(follow_up_days=365))
    young = result.collagen3.sum(axis=(1, 2))
    mature = result.collagen1.sum(axis=(1, 2))
    assert np.all(result.collagen3 >= 0) and np.all(result.collagen1 >= 0)
    share_young = young[1:] / (young[1:] + mature[1:])
    assert share_young[0] > 0.8, "fresh collagen is mostly type III"
    assert share_young[-1] < 0.35, "a year on it is mostly type I"


def test_grid_converges():
    for scar in ("boxcar_shallow", "ice_pick", "rolling"):
        coarse = simulate(Scenario(scar=scar), h_mm=0.04).final["improvement_pct"]
        fine = simulate(Scenario(scar=scar), h_mm=0.01).final["improvement_pct"]
        assert coarse == pytest.approx(fine, abs=0.5)


def test_simulate_many_matches_simulate():
    scenarios = [
        Scenario(scar=s, sessions=n, needle_mm=m)
        for s in ("boxcar_deep", "keloid")
        for n in (0, 2, 5)
        for m in (0.5, 2.0)
    ]
    sweep = simulate_many(scenarios)
    for i, scenario in enumerate(scenarios):
        result = simulate(scenario)
        assert sweep["improvement_pct"][i] == pytest.approx(
            result.final["improvement_pct"], abs=1e-9
        )
        assert sweep["improvement_pct_p90"][i] == pytest.approx(
            result.final["improvement_pct_p90"], abs=1e-9
        )
        change = result.raised_height_mm[-1] - result.raised_height_mm[0]
        assert sweep["raised_height_change_mm"][i] == pytest.approx(change, abs=1e-9)
        assert sweep["pain_index"][i] == result.side_effects.pain_index


def test_time_grid_contains_sessions_and_frames_are_a_subset():
    scenario = Scenario(sessions=4, interval_days=21, follow_up_days=400)
    times, frames = time_grid(scenario)
    assert set(scenario.session_days) <= set(times)
    assert times[0] == 0 and times[-1] == scenario.end_day
    assert frames.size <= 45 and frames[-1] == times.size - 1


def test_custom_profile_behaves_like_the_preset_it_copies():
    preset = simulate(Scenario(scar="boxcar_shallow"))
    profile = tuple(float(v) for v in preset.surface0_mm[::4])
    custom = simulate(Scenario(scar="boxcar_shallow", custom_profile_mm=profile))
    assert custom.final["improvement_pct"] == pytest.approx(
        preset.final["improvement_pct"], abs=1.0
    )


@pytest.mark.parametrize(
    "profile", [(0.0, 0.0, 0.0), (0.1, float("nan"), 0.1), (1.0,), (0.0, 9.0, 0.0)]
)
def test_bad_custom_profile_is_rejected_with_units(profile):
    with pytest.raises(ValueError, match="mm"):
        Scenario(custom_profile_mm=profile)


def test_scar_too_deep_for_a_thin_dermis_fills_only_what_the_dermis_held():
    thin = Scenario(
        scar="boxcar_deep",
        dermis_mm=0.75,
        sessions=10,
        needle_mm=2.5,
        penetration_fraction=1.0,
        follow_up_days=730,
    )
    result = simulate(thin)
    # at most 90 % of a 0.75 mm dermis can be missing: 0.675 of the 0.7 mm depression
    assert 0 < result.improvement_pct[-1] <= 100 * 0.9 * 0.75 / 0.7 + 1e-6
    assert np.all(result.surface_mm <= 1e-12)
