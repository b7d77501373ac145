"""Side effects against their sources and their own logic."""

from __future__ import annotations

import pytest

from sim import Scenario
from sim.side_effects import (
    DEEPEST_EFFECTIVE_MM,
    depth_reached_mm,
    pain_index,
    redness_days,
    side_effects,
)


def test_pain_grows_with_length_and_count_and_a_home_roller_hurts_less_than_a_pen():
    assert pain_index(1.0, 12) < pain_index(2.0, 12) < pain_index(2.5, 12)
    assert pain_index(1.0, 12) < pain_index(1.0, 192)
    # Length dominates count (Gill 2008): 192 needles of 0.25 mm vs 12 of 1.5 mm.
    assert pain_index(0.25, 192) < 0.5 * pain_index(1.5, 12)


@pytest.mark.parametrize(
    "scenario, expected",
    [
        (Scenario(needle_mm=1.5), "yes"),
        (Scenario(device="medical_roller", needle_mm=1.5), "yes"),
        (Scenario(device="home_roller", needle_mm=0.25), "possible"),
        (Scenario(device="office_pen", needle_mm=0.25, epidermis_mm=0.13), "yes"),
        (Scenario(device="home_roller", needle_mm=0.2, epidermis_mm=0.13), "no"),
    ],
)
def test_bleeding_likelihood_follows_the_range_of_depth_against_the_epidermis(scenario, expected):
    effects = side_effects(scenario)
    low, high = effects.effective_depth_range_mm
    assert effects.bleeding_likelihood == expected
    assert (low > scenario.epidermis_mm) == (expected == "yes")
    assert (high <= scenario.epidermis_mm) == (expected == "no")


def test_depth_reached_never_exceeds_the_needle_and_ranges_bracket_it():
    for device, needle in (("office_pen", 2.5), ("medical_roller", 2.0), ("home_roller", 0.3)):
        central, low, high = depth_reached_mm(device, needle)
        assert 0 < low < central < high <= needle


def test_redness_grows_with_depth_within_reported_range():
    days = [redness_days(d, 0.06) for d in (0.03, 0.1, 0.3, 0.5, 1.0, DEEPEST_EFFECTIVE_MM, 3.0)]
    assert days == sorted(days)
    assert days[0] == pytest.approx(0.5) and days[-1] == pytest.approx(3.0)
    assert days[3] < days[5], "still rising past the old 0.5 mm end"


def test_no_session_no_side_effects():
    effects = side_effects(Scenario(sessions=0, scar="keloid"))
    assert effects.pain_index == 0 and effects.downtime_days == 0
    assert effects.pigmentation_risk_pct == 0 and effects.keloid_flare_risk_pct is None
    assert effects.bleeding_likelihood == "no"


def test_every_device_names_an_uncertain_penetration_share_and_pens_reach_deepest():
    from sim.devices import DEVICES
    from sim.uncertainty import SPECS

    shares = {name: SPECS[d.penetration] for name, d in DEVICES.items()}
    assert shares["office_pen"].low > shares["medical_roller"].central
    assert shares["medical_roller"] is shares["home_roller"]
    assert shares["medical_roller"].low == 0.2, "the rat-skin roller figure is the lower bound"
