"""Property tests over the whole valid parameter space (hypothesis)."""

from __future__ import annotations

import os

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sim import Scenario, simulate
from sim.devices import DEVICES
from sim.registry import SPECS


def _numeric(name: str) -> st.SearchStrategy:
    spec = SPECS[name]
    if spec.kind == "int":
        return st.integers(int(spec.min), int(spec.max))
    steps = round((spec.max - spec.min) / spec.step)
    return st.integers(0, steps).map(lambda k, s=spec: round(s.min + k * s.step, 10))


@st.composite
def scenarios(draw) -> Scenario:
    device = DEVICES[draw(st.sampled_from(SPECS["device"].choices))]
    needle = draw(st.floats(device.needle_min_mm, device.needle_max_mm))
    values = {
        "scar": draw(st.sampled_from(SPECS["scar"].choices)),
        "device": device.name,
        "needle_mm": needle,
        "adjunct": draw(st.sampled_from(SPECS["adjunct"].choices)),
        "home_maintenance": draw(st.booleans()),
    }
    for name in (
        "sessions",
        "interval_days",
        "follow_up_days",
        "home_needle_mm",
        "home_interval_days",
        "fitzpatrick",
        "punctures_per_cm2",
        "epidermis_mm",
        "dermis_mm",
    ):
        values[name] = draw(_numeric(name))
    return Scenario(**values)


SETTINGS = settings(
    max_examples=int(os.environ.get("HYPOTHESIS_EXAMPLES", "60")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


@SETTINGS
@given(scenarios())
def test_results_are_finite_and_bounded(scenario):
    result = simulate(scenario, h_mm=0.04)
    for name, value in vars(result).items():
        if isinstance(value, np.ndarray) and value.dtype.kind == "f":
            assert np.all(np.isfinite(value)), name
    assert np.all(result.collagen3 >= 0) and np.all(result.collagen1 >= 0)
    if not scenario.scar_type.is_raised:
        assert np.all(result.surface_mm <= 1e-12), "never above the surrounding skin"
        assert np.all((result.improvement_pct >= -1e-9) & (result.improvement_pct <= 100))
    else:
        assert np.all(result.raised_height_mm >= result.raised_height_mm[0] - 1e-12)
    effects = result.side_effects
    assert effects.pain_index >= 0 and effects.downtime_days >= 0
    assert 0 <= effects.pigmentation_risk_pct <= effects.laser_pigmentation_risk_pct <= 100


@SETTINGS
@given(scenarios())
def test_one_more_session_is_never_worse_for_a_depressed_scar(scenario):
    """Office-only courses. With home maintenance an extra office session takes the
    place of that day's home roll, which can be the stronger of the two (e.g. an
    office session at 25 punctures/cm² replacing a home roll at 250/cm²)."""
    if scenario.scar_type.kind != "depressed" or scenario.sessions == SPECS["sessions"].max:
        return
    scenario = scenario.with_changes(home_maintenance=False)
    fewer = simulate(scenario, h_mm=0.04).final["improvement_pct"]
    more = simulate(scenario.with_changes(sessions=scenario.sessions + 1), h_mm=0.04).final
    assert more["improvement_pct"] >= fewer - 1e-9


@SETTINGS
@given(scenarios())
def test_zero_sessions_change_nothing(scenario):
    result = simulate(scenario.with_changes(sessions=0), h_mm=0.04)
    assert np.array_equal(result.surface_mm[-1], result.surface0_mm)
    assert np.all(result.collagen3 == 0)
