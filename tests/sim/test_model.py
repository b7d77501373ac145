"""The model's science: limits, bounds, monotonicity, conservation, determinism."""

from __future__ import annotations

import numpy as np
import pytest

from sim import Scenario, metrics, simulate, simulate_many
from sim.anatomy import layer_fractions, make_grid
from sim.kinetics import Kinetics
from sim.model import band_improvements, time_grid
from sim.scars import SCARS
from sim.uncertainty import CENTRAL, ModelParams, band_samples

DEPRESSED = [n for n, s in SCARS.items() if not s.is_raised]
RAISED = [n for n, s in SCARS.items() if s.is_raised]
DEEPEST = CENTRAL.with_changes(pen_penetration=1.0)


@pytest.mark.parametrize("scar", list(SCARS))
def test_no_session_no_change(scar):
    result = simulate(Scenario(scar=scar, sessions=0, follow_up_days=730))
    np.testing.assert_array_equal(
        result.surface_mm, np.broadcast_to(result.surface0_mm, result.surface_mm.shape)
    )
    assert np.all(result.collagen3 == 0) and np.all(result.collagen1 == 0)
    assert np.all(result.improvement_pct == 0) and np.all(result.improvement_pct_p90 == 0)
    assert result.side_effects.pain_index == 0 and not result.side_effects.bleeding


@pytest.mark.parametrize("scar", DEPRESSED)
def test_depressed_scar_fills_toward_but_never_above_surrounding_skin(scar):
    scenario = Scenario(
        scar=scar, sessions=10, interval_days=14, needle_mm=2.5, adjunct="prp", follow_up_days=730
    )
    result = simulate(scenario, params=DEEPEST)
    assert np.all(result.surface_mm <= 1e-12)
    assert np.all(result.surface_mm >= result.surface0_mm - 1e-12)
    tether = SCARS[scar].tether_fraction
    assert 0 < result.improvement_pct[-1] <= 100 * (1 - tether) + 1e-9
    assert np.all(result.surface_p10_mm <= 1e-12) and np.all(result.surface_p90_mm <= 1e-12)


@pytest.mark.parametrize("scar", RAISED)
@pytest.mark.parametrize("sessions", [1, 3, 10])
def test_raised_scar_gets_no_flattening_and_no_certain_rise(scar, sessions):
    """Collagen induction has no deficit to fill in a raised scar: its height above the
    surrounding skin does not change, and the keloid's flare is a risk, not a rise."""
    result = simulate(Scenario(scar=scar, sessions=sessions, follow_up_days=365))
    np.testing.assert_allclose(result.raised_height_mm, result.raised_height_mm[0], atol=1e-12)
    np.testing.assert_allclose(result.raised_height_p90_mm, result.raised_height_mm[0], atol=1e-12)
    assert np.all(result.improvement_pct == 0)
    assert result.collagen1[-1].max() > 0, "the skin still makes new collagen"
    flare = result.side_effects.keloid_flare_risk_pct
    if scar == "keloid":
        assert flare is not None and 0 < flare[0] < flare[1] < 100
    else:
        assert flare is None


def test_normal_skin_returns_close_to_baseline():
    result = simulate(Scenario(sessions=3, follow_up_days=730))
    assert result.thickening_mm.max() > 0.002
    assert result.thickening_mm[-1] < 0.5 * result.thickening_mm.max()


@pytest.mark.parametrize(
    "field, values",
    [
        ("sessions", [1, 2, 3, 5, 8]),
        ("needle_mm", [0.5, 1.0, 1.5, 2.0]),
        ("punctures_per_cm2", [50.0, 100.0, 250.0, 500.0, 1000.0]),
        ("adjunct", ["none", "prp"]),
        ("follow_up_days", [0, 30, 90, 180, 365]),
    ],
)
def test_more_treatment_never_leaves_a_deeper_scar(field, values):
    scenarios = [Scenario(device="medical_roller", **{field: v}) for v in values]
    improvements = simulate_many(scenarios)["improvement_pct"]
    assert np.all(np.diff(improvements) > 0), improvements


@pytest.mark.parametrize(
    "field, low, high", [("punctures_per_cm2", 250.0, 500.0), ("sessions", 2, 4)]
)
def test_doubling_density_or_sessions_gives_less_than_double(field, low, high):
    """Evidence direction 10, on the roller protocols of the trials (not near a full fill)."""
    a, b = simulate_many([Scenario(device="medical_roller", **{field: v}) for v in (low, high)])[
        "improvement_pct"
    ]
    assert a < b < 2 * a


def test_density_saturates_in_the_collagen_laid_down_not_only_in_the_fill():
    """Surrounding skin (no deficit): 4x the punctures gives well under 4x the collagen."""
    a, b = (
        simulate(Scenario(punctures_per_cm2=p, follow_up_days=60)).papillary_gain_pct.max()
        for p in (250.0, 1000.0)
    )
    assert a < b < 3 * a


def test_re_needling_a_healing_area_adds_less():
    """A second session 7 days after the first adds less collagen than one 90 days later,
    measured at the same time after the second session; a longer healing window blunts more."""

    def second_session_gain(interval, window):
        params = CENTRAL.with_changes(healing_window_days=window)
        two = simulate(
            Scenario(sessions=2, interval_days=interval, follow_up_days=120), params=params
        )
        one = simulate(Scenario(sessions=1, follow_up_days=interval + 120), params=params)
        return two.papillary_gain_pct.max() - one.papillary_gain_pct.max()

    assert second_session_gain(7, 28.0) < second_session_gain(90, 28.0)
    assert second_session_gain(14, 56.0) < second_session_gain(14, 14.0)


def test_compared_at_the_same_day_longer_intervals_do_not_always_win():
    """Counted from the first session, the best interval lies inside the allowed range."""
    intervals = (7, 14, 21, 28, 42, 60, 90)
    at_year = simulate_many(
        [Scenario(device="medical_roller", interval_days=i) for i in intervals], day=365
    )["improvement_pct"]
    best = int(np.argmax(at_year))
    assert 0 < best < len(intervals) - 1, at_year
    own_end = simulate_many([Scenario(device="medical_roller", interval_days=i) for i in intervals])
    assert np.all(np.diff(own_end["improvement_pct"]) > 0), "later follow-up is later in time"


def test_typical_range_matches_brute_force_over_its_samples():
    """Each band sample re-run through the single-run path: response r scales the
    deposit gain exactly (every collagen quantity is linear in alpha r)."""
    scenario = Scenario(device="medical_roller")
    samples = band_samples(scenario.seed)
    brute = []
    for i in range(samples.size):
        params = ModelParams(**{name: float(v[i]) for name, v in samples.values.items()})
        kinetics = Kinetics(deposit_gain=Kinetics().deposit_gain * float(samples.response[i]))
        brute.append(
            simulate(scenario, h_mm=0.04, params=params, kinetics=kinetics).final["improvement_pct"]
        )
    # The band integrates the surplus filter over its own coarser times, the single run
    # over every output time: they agree to 1 %.
    np.testing.assert_allclose(band_improvements(scenario, h_mm=0.04), brute, rtol=1e-2)
    result = simulate(scenario, h_mm=0.04)
    p10, p90 = np.percentile(brute, [10, 90])
    assert result.final["improvement_pct_p10"] == pytest.approx(p10, rel=1e-2)
    assert result.final["improvement_pct_p90"] == pytest.approx(p90, rel=1e-2)
    assert p10 < result.final["improvement_pct"] < p90


def test_home_roller_shows_a_band_near_zero_never_an_exact_zero():
    result = simulate(Scenario(device="home_roller", needle_mm=0.25))
    final = result.final
    assert 0 < final["improvement_pct_p10"] < 1.0
    assert 2.0 < final["improvement_pct_p90"] < 30.0
    assert final["improvement_pct_p10"] < final["improvement_pct"] < final["improvement_pct_p90"]


def test_band_is_stable_in_the_number_of_samples():
    """128 Sobol' points against 1024: percentiles within 2.5 points (BAND_SAMPLES note)."""
    from sim import model

    scenario = Scenario(device="medical_roller")
    setup = model._setup(scenario, 0.04)
    times, frames = time_grid(scenario)
    few = band_improvements(scenario, h_mm=0.04)
    many_samples = band_samples(scenario.seed, 1024)
    coarse = model.band_times(scenario, times, frames)
    _, collagen = model._run(scenario, setup, many_samples, coarse, Kinetics(), False)
    surfaces = model._surfaces(setup.geometry, setup.deficit, collagen.excess, 0.04)
    many = metrics.improvement_pct(surfaces[:, -1], setup.geometry.surface0_mm, 0.04)
    np.testing.assert_allclose(
        np.percentile(few, [10, 90]), np.percentile(many, [10, 90]), atol=2.5
    )


def test_deterministic_bit_identical_and_pure():
    scenario = Scenario(scar="rolling", home_maintenance=True, adjunct="prp")
    a, b = simulate(scenario), simulate(scenario)
    for name, value in vars(a).items():
        if isinstance(value, np.ndarray):
            assert np.array_equal(value, getattr(b, name)), name
    assert scenario == Scenario(scar="rolling", home_maintenance=True, adjunct="prp")


@pytest.mark.parametrize("scar", ["boxcar_shallow", "rolling", "ice_pick"])
def test_surface_is_the_integral_of_the_drawn_collagen_field(scar):
    """Column by column, the lift of the surface equals the new collagen drawn in that
    column minus that of the surrounding skin (the leftmost column)."""
    result = simulate(Scenario(scar=scar, sessions=4, follow_up_days=365))
    new = (result.collagen3 + result.collagen1).astype(float)
    lift = (new - new[:, :, :1]).sum(axis=1) * result.h_mm
    index = np.searchsorted(result.times_days, result.field_times_days)
    expected = result.surface_mm[index] - result.surface0_mm
    assert expected.max() > 0.01
    np.testing.assert_allclose(lift, expected, atol=2e-6)


def test_far_column_collagen_integrates_to_the_reported_thickening():
    result = simulate(Scenario())
    column = (result.collagen3[-1] + result.collagen1[-1])[:, 0].astype(float)
    t = result.at_day(result.field_times_days[-1])
    assert column.sum() * result.h_mm == pytest.approx(result.thickening_mm[t], rel=1e-5)


def test_scar_lift_never_exceeds_the_collagen_deficit_beneath():
    result = simulate(Scenario(sessions=10, needle_mm=2.5), params=DEEPEST)
    grid = make_grid(result.scenario.skin, result.h_mm)
    deficit = (
        -result.collagen_baseline + layer_fractions(result.scenario.skin, grid)["dermis"][:, None]
    )
    lift = result.surface_mm[-1] - result.surface0_mm
    assert np.all(lift <= deficit.sum(axis=0) * result.h_mm + 1e-6)
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
    sweep = simulate_many(scenarios, band=True)
    for i, scenario in enumerate(scenarios):
        result = simulate(scenario)
        for key in ("improvement_pct", "improvement_pct_p10", "improvement_pct_p90"):
            assert sweep[key][i] == pytest.approx(result.final[key], abs=1e-9), key
        change = result.raised_height_mm[-1] - result.raised_height_mm[0]
        assert sweep["raised_height_change_mm"][i] == pytest.approx(change, abs=1e-9)
        assert sweep["pain_index"][i] == result.side_effects.pain_index


def test_simulate_many_at_a_day_matches_the_full_run_at_that_day():
    scenario = Scenario(sessions=3, interval_days=28, follow_up_days=200)
    result = simulate(scenario)
    assert 200.0 in result.times_days
    at = simulate_many([scenario], day=200.0)["improvement_pct"][0]
    assert at == pytest.approx(result.improvement_pct[result.at_day(200.0)], abs=1e-9)


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
    "profile",
    [(0.0, 0.0, 0.0), (0.1, float("nan"), 0.1), (1.0,), (0.0, 9.0, 0.0), ((0.1, 0.2), (0.3, 0.4))],
)
def test_bad_custom_profile_is_rejected_with_units(profile):
    with pytest.raises(ValueError, match="mm"):
        Scenario(custom_profile_mm=profile)


@pytest.mark.parametrize("h_mm", [0.0, -0.02, float("nan"), 1.0])
def test_bad_grid_spacing_is_rejected_with_units(h_mm):
    with pytest.raises(ValueError, match=r"h_mm .* mm"):
        simulate(Scenario(), h_mm=h_mm)


def test_scar_too_deep_for_a_thin_dermis_fills_only_what_the_dermis_held():
    thin = Scenario(
        scar="boxcar_deep", dermis_mm=0.75, sessions=10, needle_mm=2.5, follow_up_days=730
    )
    result = simulate(thin, params=DEEPEST)
    # at most 90 % of a 0.75 mm dermis can be missing: 0.675 of the 0.7 mm depression
    assert 0 < result.improvement_pct[-1] <= 100 * 0.9 * 0.75 / 0.7 + 1e-6
    assert np.all(result.surface_mm <= 1e-12)


@pytest.mark.parametrize("rate, span", [(1 / 90, 400.0), (1.0, 900.0)], ids=["cumsum", "recursion"])
def test_exponential_filter_equals_the_direct_sum(rate, span):
    """y_n = sum_m exp(-k (t_n - t_m)) dv_m (1 - e^{-k dt_m}) / (k dt_m), summed directly."""
    from sim.model import _exp_filter

    rng = np.random.default_rng(1)
    times = np.unique(np.concatenate([[0.0, span], rng.uniform(0, span, 60)]))
    values = np.cumsum(rng.random((times.size, 3)), axis=0)
    got = _exp_filter(values, times, rate)
    dt = np.diff(times)
    b = np.diff(values, axis=0) * (-np.expm1(-rate * dt) / (rate * dt))[:, None]
    expected = np.zeros_like(values)
    for n in range(1, times.size):
        decay = np.exp(-rate * (times[n] - times[1 : n + 1]))
        expected[n] = decay @ b[:n]
    np.testing.assert_allclose(got, expected, rtol=1e-10, atol=1e-12)


def test_batched_sweep_equals_one_scenario_at_a_time():
    """Scenarios sharing a geometry and time grid are solved as one batch, with
    different session counts, devices, PRP and home rolls in the same batch."""
    scenarios = [
        Scenario(sessions=n, device=d, needle_mm=1.0, adjunct=a, home_maintenance=hm)
        for n in (0, 1, 3)
        for d in ("office_pen", "medical_roller")
        for a in ("none", "prp")
        for hm in (False, True)
    ]
    batched = simulate_many(scenarios, day=240.0)
    for i, scenario in enumerate(scenarios):
        alone = simulate_many([scenario], day=240.0)
        for key in ("improvement_pct", "depth_improvement_pct", "raised_height_change_mm"):
            assert batched[key][i] == pytest.approx(alone[key][0], rel=1e-12, abs=1e-12), key


@pytest.mark.parametrize("interval", [1, 7, 10, 28])
def test_home_rolls_run_every_interval_until_the_end_of_follow_up(interval):
    scenario = Scenario(home_maintenance=True, home_interval_days=interval, follow_up_days=180)
    days = np.asarray(scenario.home_days)
    office = set(scenario.session_days)
    expected = [
        d for d in np.arange(interval, scenario.end_day + 1e-9, interval) if d not in office
    ]
    np.testing.assert_array_equal(days, expected)
    assert days[-1] > scenario.end_day - 2 * interval, "rolls go on to the end of follow-up"


def test_home_rolls_late_in_follow_up_still_add_collagen():
    """The surrounding skin's new collagen with home rolls stays above the office-only
    course's right to the end, because the rolls go on."""
    office = simulate(Scenario(follow_up_days=365))
    both = simulate(Scenario(follow_up_days=365, home_maintenance=True))
    late = office.times_days > office.times_days[-1] - 60
    assert np.all(both.thickening_mm[late] > office.thickening_mm[late])
    gap = both.thickening_mm - office.thickening_mm
    assert gap[-1] > 0.5 * gap[office.at_day(office.session_days[-1] + 90)]
