"""Model assembly: sweeps, bands, time grids and interpolation (gaps found by
mutation testing)."""

from __future__ import annotations

import numpy as np
import pytest

from sim import Scenario, metrics, simulate, simulate_many
from sim.anatomy import layer_fractions, make_grid
from sim.kinetics import Kinetics
from sim.model import (
    BAND_METRICS,
    MAX_FRAMES,
    SWEEP_METRICS,
    _end_filter_weights,
    _exp_filter,
    _interp_rows,
    _percentile_rows,
    _setup,
    band_improvements,
    band_times,
    series,
    time_grid,
    track_positions,
)
from sim.side_effects import side_effects
from sim.uncertainty import CENTRAL, params_samples

FAST = Kinetics(deposit_gain=0.013)
PARAMS = CENTRAL.with_changes(pen_penetration=0.8, signal_length_mm=0.2)


def test_sweep_returns_exactly_the_requested_metrics_and_bleeding_as_booleans():
    out = simulate_many([Scenario(sessions=1, follow_up_days=30)], h_mm=0.05)
    assert set(out) == set(SWEEP_METRICS)
    assert out["bleeding"].dtype == bool and out["bleeding"][0]


def test_sweep_with_band_agrees_with_the_full_run_on_another_grid_kinetics_and_params():
    scenarios = [Scenario(sessions=2, follow_up_days=60, fitzpatrick=5), Scenario(sessions=0)]
    out = simulate_many(scenarios, h_mm=0.05, kinetics=FAST, params=PARAMS, band=True)
    assert set(out) == set(SWEEP_METRICS) | set(BAND_METRICS)
    for i, scenario in enumerate(scenarios):
        full = simulate(scenario, h_mm=0.05, kinetics=FAST, params=PARAMS)
        final = full.final
        for name in ("improvement_pct", "depth_improvement_pct", *BAND_METRICS):
            assert out[name][i] == pytest.approx(final[name], abs=1e-9), name
        effects = side_effects(scenario, PARAMS)
        assert out["effective_depth_mm"][i] == effects.effective_depth_mm
        assert out["bleeding"][i] == effects.bleeding
        assert out["downtime_days"][i] == effects.downtime_days
        assert out["pigmentation_risk_pct"][i] == effects.pigmentation_risk_pct
        assert out["course_pain_index"][i] == pytest.approx(effects.pain_index * scenario.sessions)
    assert out["effective_depth_mm"][0] == pytest.approx(0.8 * 1.5)
    assert out["depth_improvement_pct"][0] > 0


def test_sweep_at_a_day_equals_a_course_that_ends_that_day_band_included():
    """Same sessions, follow-up cut at day 100: the same time grid, the same numbers."""
    long = Scenario(sessions=2, interval_days=28, follow_up_days=200)
    short = long.with_changes(follow_up_days=100 - 28)
    out = simulate_many([long], h_mm=0.05, day=100.0, band=True)
    final = simulate(short, h_mm=0.05).final
    for name in ("improvement_pct", "improvement_pct_p10", "improvement_pct_p90"):
        assert out[name][0] == pytest.approx(final[name], abs=1e-9), name
    end = simulate_many([long], h_mm=0.05, band=True)
    assert end["improvement_pct_p90"][0] > out["improvement_pct_p90"][0]


def test_grid_spacing_limits_are_inclusive():
    for h in (0.005, 0.1):
        assert _setup(Scenario(), h).grid.h_mm == h


def test_interpolated_rows_are_linear_in_time_between_the_coarse_times():
    coarse = np.array([0.0, 10.0, 30.0])
    rows = np.array([[0.0, 1.0], [10.0, -1.0], [20.0, 3.0]])
    times = np.array([-5.0, 0.0, 5.0, 10.0, 20.0, 30.0, 40.0])  # held constant outside
    got = _interp_rows(times, coarse, rows)
    for col in range(2):
        np.testing.assert_allclose(got[:, col], np.interp(times, coarse, rows[:, col]))
    single = _interp_rows(times, np.array([4.0]), rows[:1])
    np.testing.assert_array_equal(single, np.repeat(rows[:1], times.size, axis=0))


def test_percentile_rows_are_the_samples_nearest_the_10th_and_90th_percentiles():
    values = np.array([50.0, 10.0, 0.0, 100.0, 90.0, 30.0, 20.0, 40.0, 60.0, 70.0, 80.0])
    low, high = _percentile_rows(values)
    assert (values[low], values[high]) == (10.0, 90.0)


def test_time_grid_steps_and_frames():
    short = Scenario(sessions=3, interval_days=28, follow_up_days=180)
    times, frames = time_grid(short)
    assert np.all(np.diff(times) <= 2.0 + 1e-12) and times[-1] == short.end_day
    assert times[0] == 0.0 and frames[0] == 0 and frames[-1] == times.size - 1
    assert np.all(np.diff(times[frames]) <= 8.0 + 1e-12), "about weekly frames"
    long = Scenario(sessions=3, interval_days=28, follow_up_days=730)
    times, frames = time_grid(long)
    step = np.ceil(long.end_day / 150)
    assert np.max(np.diff(times)) == pytest.approx(step)
    assert set(long.session_days) <= set(times)
    assert frames.size <= MAX_FRAMES + long.sessions + 1
    assert set(np.searchsorted(times, long.session_days)) <= set(frames)
    cut, _ = time_grid(long, 40.0)
    assert cut[-1] == 40.0 and 56.0 not in cut and 28.0 in cut


def test_band_times_hold_every_other_frame_each_session_and_the_last_day():
    scenario = Scenario(sessions=3, interval_days=28, follow_up_days=180)
    times, frames = time_grid(scenario)
    got = band_times(scenario, times, frames)
    assert set(times[frames[::2]]) <= set(got)
    assert set(scenario.session_days) <= set(got) and got[-1] == times[-1]
    assert np.all(np.diff(got) > 0) and set(got) <= set(times[frames]) | {times[-1]}


def test_track_positions_are_evenly_spaced_at_the_mean_puncture_distance():
    scenario = Scenario(sessions=3, punctures_per_cm2=400.0)
    tracks = track_positions(scenario, 8.0)
    assert len(tracks) == 3
    spacing = 10.0 / np.sqrt(400.0)
    for t in tracks:
        np.testing.assert_allclose(np.diff(t), spacing)
        assert t[0] >= -4.0 and t[-1] < 4.0 and t.size == pytest.approx(8.0 / spacing, abs=1)
        assert t[0] < -4.0 + spacing
    # Session k is shifted by the fractional part of k / phi (phi: the golden ratio,
    # the positive root of x^2 = x + 1) of half a spacing, so sessions hit new places.
    phi = max(np.roots([1.0, -1.0, -1.0]))
    for k, t in enumerate(tracks):
        offset = (k / phi) % 1.0 + 0.5
        assert t[0] == pytest.approx(-4.0 + offset * spacing / 2)


def test_median_run_layers_band_surfaces_and_read_only_arrays():
    scenario = Scenario(sessions=3, follow_up_days=120)
    r = simulate(scenario, h_mm=0.04, params=PARAMS)
    assert r.params == PARAMS and r.scenario == scenario
    assert r.side_effects.effective_depth_mm == pytest.approx(PARAMS.pen_penetration * 1.5)
    skin = scenario.skin
    assert r.layers_mm["epidermis"] == skin.epidermis_mm
    assert r.layers_mm["papillary"] == pytest.approx(skin.papillary_bottom_mm)
    assert r.layers_mm["dermis"] == pytest.approx(skin.dermis_bottom_mm)
    assert r.layers_mm["total"] == pytest.approx(r.z_mm.size * 0.04)
    # The band's surfaces are the samples nearest the percentiles: their fill brackets
    # the median run and is close to the percentile values at the last day.
    low = metrics.improvement_pct(r.surface_p10_mm, r.surface0_mm, r.h_mm)
    high = metrics.improvement_pct(r.surface_p90_mm, r.surface0_mm, r.h_mm)
    assert low[-1] < r.improvement_pct[-1] < high[-1]
    assert low[-1] == pytest.approx(r.improvement_pct_p10[-1], abs=3.0)
    assert high[-1] == pytest.approx(r.improvement_pct_p90[-1], abs=3.0)
    assert r.surface_p10_mm.shape == r.surface_mm.shape == r.surface_p90_mm.shape
    assert np.all(r.improvement_pct_p10 <= r.improvement_pct_p90)
    # The 2-D fields are stored compactly (float32), the curves in full precision.
    assert r.collagen3.dtype == r.collagen1.dtype == r.collagen_baseline.dtype == np.float32
    assert r.surface_mm.dtype == np.float64
    for value in (r.surface_mm, r.times_days, r.collagen3, r.track_x_mm[0]):
        assert not value.flags.writeable
    assert r.at_day(57.0) == int(np.argmin(np.abs(r.times_days - 57.0)))
    assert r.times_days[r.at_day(57.0)] in (56.0, 58.0)
    # Papillary gain: surplus new collagen in the papillary band, % of its volume.
    assert r.papillary_gain_pct.max() > 0 and r.papillary_gain_pct[0] == 0


def test_papillary_gain_is_the_new_collagen_of_the_drawn_far_column_in_the_papillary_band():
    scenario = Scenario(sessions=2, follow_up_days=90)
    r = simulate(scenario, h_mm=0.04)
    papillary = layer_fractions(scenario.skin, make_grid(scenario.skin, 0.04))["papillary"]
    for frame, day in enumerate(r.field_times_days):
        column = (r.collagen3[frame] + r.collagen1[frame])[:, 0].astype(float)
        expected = 100 * (column @ papillary) / papillary.sum()
        assert r.papillary_gain_pct[r.at_day(day)] == pytest.approx(expected, rel=1e-5, abs=1e-9)
    assert r.papillary_gain_pct.max() > 1.0


def test_raised_scar_result_holds_its_excess_collagen_home_days_and_band_heights():
    scenario = Scenario(scar="keloid", sessions=2, follow_up_days=60, home_maintenance=True)
    r = simulate(scenario, h_mm=0.04)
    dermis = layer_fractions(scenario.skin, make_grid(scenario.skin, 0.04))["dermis"]
    # Baseline collagen = normal dermis + the scar's excess, which integrates to its height.
    excess = (r.collagen_baseline.astype(float) - dermis[:, None]).sum(axis=0) * r.h_mm
    np.testing.assert_allclose(excess, r.surface0_mm, atol=1e-5)
    np.testing.assert_array_equal(r.home_days, scenario.home_days)
    np.testing.assert_array_equal(r.session_days, scenario.session_days)
    assert r.home_days.size > 0
    # Induction leaves a raised scar's height unchanged: the band's heights are its height.
    np.testing.assert_allclose(r.raised_height_p10_mm, r.raised_height_mm[0])
    np.testing.assert_allclose(r.raised_height_p90_mm, r.raised_height_mm[0])
    half_width = r.x_mm.size * r.h_mm / 2
    for track in r.track_x_mm:
        assert track.size > 10 and np.all(np.abs(track) <= half_width)


@pytest.mark.parametrize("rate", [0.05, 1.0])
def test_exponential_filter_of_a_ramp_is_exact_also_for_two_times_and_fast_rates(rate):
    """y(t) = int_0^t e^{-k(t-u)} dv(u) for v linear between the times; a fast rate
    over a long course (k * span = 500) must not overflow the scaled sum."""
    for times in (np.array([0.0, 10.0]), np.arange(0.0, 502.0, 2.0)):
        values = np.sqrt(times)[:, None] * np.array([1.0, 2.0])
        got = _exp_filter(values, times, rate)
        expected = np.zeros_like(values)
        for n in range(1, times.size):
            x = rate * (times[n] - times[n - 1])
            step = (values[n] - values[n - 1]) * (1 - np.exp(-x)) / x
            expected[n] = np.exp(-x) * expected[n - 1] + step
        np.testing.assert_allclose(got, expected, rtol=1e-9, atol=1e-300)
        assert np.all(got[1:] > 0)


@pytest.mark.parametrize("rate", [1 / 90, 0.5])
def test_end_filter_weights_give_the_last_value_of_the_filter(rate):
    """sum_n c_n v_n = _exp_filter(v)[-1], also with a repeated last time (the
    padding rule: a step of zero length adds nothing)."""
    rng = np.random.default_rng(2)
    times = np.unique(np.concatenate([[0.0, 300.0], rng.uniform(0, 300, 40)]))
    values = np.cumsum(rng.random((times.size, 4)), axis=0)
    expected = _exp_filter(values, times, rate)[-1]
    np.testing.assert_allclose(_end_filter_weights(times, rate) @ values, expected, rtol=1e-12)
    padded = np.concatenate([times, [300.0, 300.0]])
    repeated = np.concatenate([values, values[-1:], values[-1:]])
    np.testing.assert_allclose(_end_filter_weights(padded, rate) @ repeated, expected, rtol=1e-12)
    assert _end_filter_weights(np.array([5.0]), rate).tolist() == [0.0]


def test_sweep_does_not_depend_on_its_chunk_size(monkeypatch):
    """Rows solved one at a time or all together give the same numbers."""
    from sim import model

    scenarios = [
        Scenario(scar="rolling", sessions=n, needle_mm=m, home_maintenance=n == 2)
        for n in (1, 2, 4)
        for m in (0.5, 2.0)
    ]
    together = simulate_many(scenarios, h_mm=0.05, band=True)
    monkeypatch.setattr(model, "SWEEP_CHUNK_VALUES", 1)
    one_by_one = simulate_many(scenarios, h_mm=0.05, band=True)
    for name in together:
        np.testing.assert_allclose(one_by_one[name], together[name], rtol=1e-12, atol=1e-12)
    assert together["improvement_pct"].min() > 0


def test_band_improvements_at_a_day_equal_those_of_the_course_cut_that_day():
    """What happens after day 100 cannot change the band on day 100 (causality)."""
    long = Scenario(sessions=2, interval_days=28, follow_up_days=200)
    short = long.with_changes(follow_up_days=100 - 28)
    at_day = band_improvements(long, h_mm=0.05, day=100.0)
    np.testing.assert_allclose(at_day, band_improvements(short, h_mm=0.05), rtol=1e-9, atol=1e-12)
    assert np.median(band_improvements(long, h_mm=0.05)) > np.median(at_day) > 0


def test_sweep_with_as_many_home_rolls_as_office_sessions_equals_the_full_run():
    """Sessions on days 0 and 28, rolls on 14 and 42: on day 42 two of each. The sweep
    equals the full run of the course cut at day 42, whose fill is not 0."""
    scenario = Scenario(sessions=2, home_maintenance=True, home_interval_days=14)
    cut = scenario.with_changes(follow_up_days=14)
    assert len(cut.session_days) == len(cut.home_days) == 2
    out = simulate_many([scenario], h_mm=0.05, day=42.0)
    full = simulate(cut, h_mm=0.05).final
    for name in ("improvement_pct", "depth_improvement_pct"):
        assert out[name][0] == pytest.approx(full[name], rel=1e-9), name
    assert full["improvement_pct"] > 0


def test_series_are_the_office_sessions_and_home_rolls_with_their_own_depth_and_reach():
    """Central values written out: pen 0.9 x 1.5 mm, roller 0.35 x 0.25 mm, signal
    length 0.15 mm; reach 1 - exp(-rho pi a^2) with rho per mm^2 (250 and 250 /cm^2);
    PRP multiplies the office signal by 1.69, not the home rolls'."""
    scenario = Scenario(home_maintenance=True, adjunct="prp")
    got = series(scenario, params_samples(CENTRAL))
    assert set(got) == {"office", "home"}
    office, home = got["office"], got["home"]
    np.testing.assert_array_equal(office.days, scenario.session_days)
    np.testing.assert_array_equal(home.days, scenario.home_days)
    np.testing.assert_allclose(office.depth_mm, [0.9 * 1.5], rtol=1e-12)
    np.testing.assert_allclose(home.depth_mm, [0.35 * 0.25], rtol=1e-12)
    reach = 1 - np.exp(-2.5 * np.pi * 0.15**2)
    np.testing.assert_allclose(office.reach, [reach], rtol=1e-12)
    np.testing.assert_allclose(home.reach, [reach], rtol=1e-12)
    assert (office.gain, home.gain) == (pytest.approx(1.69), 1.0)
    assert set(series(Scenario(), params_samples(CENTRAL))) == {"office"}
    assert series(Scenario(sessions=0), params_samples(CENTRAL)) == {}


def test_a_custom_profile_replaces_the_presets_shape_in_the_run_and_the_sweep():
    """A V of 0.4 mm sampled at five points across the cross-section: the initial
    surface is minus the linear interpolation of those points (sign ignored), and
    the sweep fills that depression, not the preset's."""
    profile = (0.0, -0.2, -0.4, -0.2, 0.0)
    scenario = Scenario(sessions=1, follow_up_days=60, custom_profile_mm=profile)
    r = simulate(scenario, h_mm=0.05)
    xs = np.linspace(r.x_mm[0], r.x_mm[-1], len(profile))
    np.testing.assert_allclose(r.surface0_mm, -np.interp(r.x_mm, xs, np.abs(profile)), atol=1e-12)
    out = simulate_many([scenario], h_mm=0.05)
    assert out["improvement_pct"][0] == pytest.approx(r.final["improvement_pct"], rel=1e-9)
    preset = simulate_many([scenario.with_changes(custom_profile_mm=None)], h_mm=0.05)
    assert out["improvement_pct"][0] != pytest.approx(preset["improvement_pct"][0], rel=1e-3)
