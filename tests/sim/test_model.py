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
    # The home course has more output times (its roll days): compare at the office ones.
    same_days = np.searchsorted(both.times_days, office.times_days)
    np.testing.assert_array_equal(both.times_days[same_days], office.times_days)
    with_home = both.thickening_mm[same_days]
    late = office.times_days > office.times_days[-1] - 60
    assert np.all(with_home[late] > office.thickening_mm[late])
    gap = with_home - office.thickening_mm
    assert gap[-1] > 0.5 * gap[office.at_day(office.session_days[-1] + 90)]


# --- the fields at a day -------------------------------------------------------------


@pytest.fixture(scope="module")
def course():
    return simulate(Scenario(sessions=3, interval_days=28, follow_up_days=120), h_mm=0.04)


def test_fields_at_each_frame_day_are_exactly_that_frame(course):
    fields = course.fields
    np.testing.assert_array_equal(fields.times_days, course.field_times_days)
    for n, day in enumerate(fields.times_days):
        snapshot = fields.at(float(day))
        assert snapshot.frame == n and snapshot.day == day
        np.testing.assert_array_equal(snapshot.collagen3, course.collagen3[n])
        np.testing.assert_array_equal(snapshot.collagen1, course.collagen1[n])
        t = int(np.flatnonzero(course.times_days == day)[0])
        np.testing.assert_array_equal(snapshot.surface_mm, course.surface_mm[t])
        np.testing.assert_array_equal(snapshot.surface_p10_mm, course.surface_p10_mm[t])
        np.testing.assert_array_equal(snapshot.surface_p90_mm, course.surface_p90_mm[t])
        assert snapshot.x_mm is course.x_mm and snapshot.z_mm is course.z_mm


def test_fields_between_frames_are_the_nearest_frame_earlier_on_a_tie(course):
    days = course.fields.times_days
    for n in range(days.size - 1):
        a, b = float(days[n]), float(days[n + 1])
        middle = (a + b) / 2
        assert course.fields.at(middle).frame == n, "a tie goes to the earlier frame"
        assert course.fields.at(np.nextafter(middle, b)).frame == n + 1
        assert course.fields.at(np.nextafter(middle, a)).frame == n
        assert course.fields.at(np.nextafter(middle, a)).day == a


@pytest.mark.parametrize("day", [-1.0, -1e-9, 176.5, float("nan"), float("inf"), "soon", None])
def test_fields_at_a_day_outside_the_course_raise_with_day_unit_and_range(course, day):
    assert course.fields.times_days[-1] == 176.0
    with pytest.raises(ValueError, match=r"day = .* 0 to 176 days after the first session"):
        course.fields.at(day)


def test_fields_and_snapshots_are_read_only(course):
    fields = course.fields
    snapshot = fields.at(28.0)
    for value in (*vars(fields).values(), *vars(snapshot).values()):
        if isinstance(value, np.ndarray):
            assert not value.flags.writeable
    with pytest.raises(ValueError, match="read-only"):
        snapshot.collagen3[0, 0] = 1.0
    assert fields.collagen3 is course.collagen3, "the fields are shared, not copied"


# --- session days on the time grid ---------------------------------------------------


@pytest.mark.parametrize(
    "changes",
    [
        {},
        {"home_interval_days": 1},
        {"home_interval_days": 3, "sessions": 5, "interval_days": 21, "follow_up_days": 100},
        {"home_interval_days": 10, "sessions": 10, "interval_days": 90, "follow_up_days": 730},
        {"home_interval_days": 28, "sessions": 1, "follow_up_days": 0},
    ],
)
def test_every_office_and_home_session_day_is_an_output_time(changes):
    scenario = Scenario(home_maintenance=True, **changes)
    times, frames = time_grid(scenario)
    assert set(scenario.session_days) | set(scenario.home_days) <= set(times)
    assert np.all(np.diff(times) > 0) and times[-1] == scenario.end_day
    # The frames are those of the course without home rolls (the same days).
    office_times, office_frames = time_grid(scenario.with_changes(home_maintenance=False))
    np.testing.assert_array_equal(times[frames], office_times[office_frames])
    cut, _ = time_grid(scenario, 50.0)
    expected = {d for d in scenario.session_days + scenario.home_days if d <= 50.0}
    assert expected <= set(cut) and cut[-1] == 50.0


# --- the sweep equals one scenario at a time -------------------------------------------


SWEEP_CASES = [
    Scenario(),
    Scenario(sessions=0),
    Scenario(sessions=1, needle_mm=0.5, follow_up_days=0),
    Scenario(sessions=10, interval_days=7, needle_mm=2.5, adjunct="prp"),
    Scenario(sessions=4, interval_days=90, follow_up_days=365, punctures_per_cm2=50.0),
    Scenario(scar="rolling", device="medical_roller", needle_mm=1.0, sessions=5, interval_days=21),
    Scenario(scar="rolling", device="medical_roller", needle_mm=2.0, sessions=5, interval_days=21),
    Scenario(scar="ice_pick", device="home_roller", needle_mm=0.25, sessions=6, interval_days=14),
    Scenario(scar="boxcar_deep", sessions=3, home_maintenance=True, home_interval_days=3),
    Scenario(scar="boxcar_deep", sessions=3, home_maintenance=True, home_needle_mm=0.2, seed=7),
    Scenario(home_maintenance=True, home_interval_days=10, adjunct="prp", seed=3),
    Scenario(scar="keloid", sessions=5, needle_mm=2.0),
    Scenario(scar="hypertrophic", device="medical_roller", needle_mm=1.5, sessions=2),
    Scenario(epidermis_mm=0.06, dermis_mm=1.0, sessions=2, fitzpatrick=6),
    Scenario(custom_profile_mm=(0.0, -0.2, -0.4, -0.2, 0.0), sessions=3),
    Scenario(custom_profile_mm=(0.0, 0.3, 0.0), sessions=2),
]


@pytest.mark.parametrize("band", [False, True], ids=["median", "band"])
@pytest.mark.parametrize("day", [None, 150.0], ids=["own-end", "day-150"])
def test_sweep_equals_one_scenario_at_a_time_and_the_full_run(band, day):
    """Batched in shuffled order (so batches mix scars, skins, schedules and seeds),
    one at a time, and :func:`simulate` (the history path, other code) agree to 1e-9."""
    order = np.random.default_rng(5).permutation(len(SWEEP_CASES))
    scenarios = [SWEEP_CASES[i] for i in order]
    batched = simulate_many(scenarios, day=day, band=band, h_mm=0.04)
    keys = ("improvement_pct", "depth_improvement_pct", "raised_height_change_mm")
    keys += ("improvement_pct_p10", "improvement_pct_p90") if band else ()
    for i, scenario in enumerate(scenarios):
        alone = simulate_many([scenario], day=day, band=band, h_mm=0.04)
        for key in alone:
            np.testing.assert_allclose(batched[key][i], alone[key][0], rtol=0, atol=1e-9)
        end = scenario.end_day if day is None else day
        full = _full_run_at(scenario, end)
        for key in keys:
            assert batched[key][i] == pytest.approx(full[key], abs=1e-9), (key, scenario)
    assert np.ptp(batched["improvement_pct"]) > 50, "the cases span the range"


def _full_run_at(scenario: Scenario, end: float) -> dict[str, float]:
    """:func:`simulate` of ``scenario`` ending on day ``end`` (same sessions up to it)."""
    last = max([d for d in scenario.session_days if d <= end], default=0.0)
    sessions = sum(d <= end for d in scenario.session_days)
    cut = scenario.with_changes(sessions=sessions, follow_up_days=round(end - last))
    result = simulate(cut, h_mm=0.04)
    final = result.final
    final["raised_height_change_mm"] = final["raised_height_mm"] - result.raised_height_mm[0]
    return final


def test_side_effects_read_only_the_fields_the_sweep_shares_them_by():
    """The sweep computes side effects once per :func:`sim.model._side_effects_key`;
    changing any other field (sessions among positive counts) leaves them unchanged."""
    from sim.model import _side_effects_key
    from sim.side_effects import side_effects

    base = Scenario(scar="rolling", sessions=2)
    others = {
        "scar": "ice_pick",
        "sessions": 7,
        "interval_days": 60,
        "follow_up_days": 30,
        "adjunct": "prp",
        "home_maintenance": True,
        "home_needle_mm": 0.2,
        "home_interval_days": 2,
        "punctures_per_cm2": 900.0,
        "dermis_mm": 1.8,
        "seed": 11,
        "custom_profile_mm": (0.0, -0.3, 0.0),
    }
    for name, value in others.items():
        changed = base.with_changes(**{name: value})
        assert _side_effects_key(changed) == _side_effects_key(base), name
        assert side_effects(changed) == side_effects(base), name


@pytest.mark.parametrize("scenario", SWEEP_CASES[:3] + SWEEP_CASES[7:])
def test_shared_side_effects_equal_those_of_the_scenario(scenario):
    from sim.model import _shared_side_effects, _side_effects_key
    from sim.side_effects import side_effects

    for params in (CENTRAL, DEEPEST):
        shared = _shared_side_effects(_side_effects_key(scenario), params)
        assert shared == side_effects(scenario, params)
