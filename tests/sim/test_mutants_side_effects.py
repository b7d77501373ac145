"""Side effects against their formulas, computed independently here (gaps found by
mutation testing)."""

from __future__ import annotations

import math

import pytest

from sim import Scenario
from sim import constants as C
from sim.side_effects import (
    DEEPEST_EFFECTIVE_MM,
    _bleeding_likelihood,
    depth_reached_mm,
    laser_pigmentation_range,
    laser_pigmentation_risk,
    needling_pigmentation_range,
    needling_pigmentation_risk,
    pain_index,
    redness_days,
    side_effects,
)
from sim.uncertainty import CENTRAL


def _logistic_risk(fitzpatrick, p4, odds):
    odds_4 = p4 / (1 - p4)
    odds_f = odds_4 * odds ** (fitzpatrick - 4)
    return odds_f / (1 + odds_f)


@pytest.mark.parametrize("fitzpatrick", [1, 3, 4, 6])
def test_laser_risk_is_logistic_through_the_type_4_anchor(fitzpatrick):
    p4, odds = C.LASER_PIH_TYPE_4.value, C.LASER_PIH_ODDS_PER_TYPE.value
    assert laser_pigmentation_risk(4) == pytest.approx(p4)
    assert laser_pigmentation_risk(fitzpatrick) == pytest.approx(
        _logistic_risk(fitzpatrick, p4, odds), rel=1e-12
    )
    assert laser_pigmentation_risk(fitzpatrick, 0.3, 2.0) == pytest.approx(
        _logistic_risk(fitzpatrick, 0.3, 2.0), rel=1e-12
    )
    corners = [
        _logistic_risk(fitzpatrick, a, b)
        for a in (C.LASER_PIH_TYPE_4.value, C.LASER_PIH_TYPE_4_HIGH.value)
        for b in (C.LASER_PIH_ODDS_LOW.value, C.LASER_PIH_ODDS_HIGH.value)
    ]
    low, high = laser_pigmentation_range(fitzpatrick)
    assert (low, high) == pytest.approx((min(corners), max(corners)), rel=1e-12)
    assert low <= laser_pigmentation_risk(fitzpatrick) <= high


@pytest.mark.parametrize("fitzpatrick", [2, 5])
def test_needling_risk_is_the_laser_risk_over_the_risk_ratio(fitzpatrick):
    laser = _logistic_risk(fitzpatrick, C.LASER_PIH_TYPE_4.value, C.LASER_PIH_ODDS_PER_TYPE.value)
    assert needling_pigmentation_risk(fitzpatrick) == pytest.approx(
        laser / C.PIH_RISK_RATIO.value, rel=1e-12
    )
    laser_low, laser_high = laser_pigmentation_range(fitzpatrick)
    low, high = needling_pigmentation_range(fitzpatrick)
    assert low == pytest.approx(laser_low / C.PIH_RISK_RATIO_HIGH.value, rel=1e-12)
    assert high == pytest.approx(laser_high / C.PIH_RISK_RATIO_LOW.value, rel=1e-12)
    assert low < needling_pigmentation_risk(fitzpatrick) < high


def test_pain_is_a_power_law_in_length_and_count_normalised_to_the_reference_pen():
    a, b = C.PAIN_LENGTH_EXPONENT.value, C.PAIN_COUNT_EXPONENT.value
    assert pain_index(1.5, 12) == pytest.approx(1.0)
    assert pain_index(3.0, 12) == pytest.approx(2.0**a, rel=1e-12)
    assert pain_index(1.5, 120) == pytest.approx(10.0**b, rel=1e-12)
    assert pain_index(0.75, 192) == pytest.approx(0.5**a * 16.0**b, rel=1e-12)


def test_redness_is_linear_between_the_epidermis_and_the_deepest_setting():
    shallow, deep = C.REDNESS_SHALLOW_DAYS.value, C.REDNESS_DEEP_DAYS.value
    assert DEEPEST_EFFECTIVE_MM == pytest.approx(2.5 * CENTRAL.pen_penetration)
    epidermis = 0.1
    middle = (epidermis + DEEPEST_EFFECTIVE_MM) / 2
    assert redness_days(0.05, epidermis) == pytest.approx(shallow)
    assert redness_days(epidermis, epidermis) == pytest.approx(shallow)
    assert redness_days(middle, epidermis) == pytest.approx((shallow + deep) / 2)
    assert redness_days(DEEPEST_EFFECTIVE_MM, epidermis) == pytest.approx(deep)
    assert redness_days(5.0, epidermis) == pytest.approx(deep)


def test_bleeding_needs_depth_strictly_past_the_epidermis():
    assert _bleeding_likelihood(0.1, 0.2, 0.1) == "possible"
    assert _bleeding_likelihood(0.11, 0.2, 0.1) == "yes"
    assert _bleeding_likelihood(0.05, 0.1, 0.1) == "no"
    assert _bleeding_likelihood(0.05, 0.10001, 0.1) == "possible"


def test_depth_reached_scales_the_needle_by_the_device_share_and_its_range():
    central, low, high = depth_reached_mm("office_pen", 2.0)
    assert (central, low, high) == pytest.approx((2.0 * 0.9, 2.0 * 0.75, 2.0 * 1.0))
    central, low, high = depth_reached_mm("medical_roller", 2.0)
    assert (central, low, high) == pytest.approx((2.0 * 0.35, 2.0 * 0.2, 2.0 * 0.6))
    params = CENTRAL.with_changes(pen_penetration=0.8, roller_penetration=0.5)
    assert depth_reached_mm("office_pen", 2.0, params)[0] == pytest.approx(1.6)
    assert depth_reached_mm("home_roller", 0.3, params)[0] == pytest.approx(0.15)


def test_side_effects_of_a_treated_keloid_put_the_pieces_together():
    scenario = Scenario(scar="keloid", sessions=2, needle_mm=2.0, fitzpatrick=5)
    params = CENTRAL.with_changes(pen_penetration=0.8)
    e = side_effects(scenario, params)
    assert e.effective_depth_mm == pytest.approx(1.6)
    assert e.effective_depth_range_mm == pytest.approx((1.5, 2.0))
    assert e.bleeding is True and e.bleeding_likelihood == "yes"
    assert e.pain_index == pytest.approx((2.0 / 1.5) ** C.PAIN_LENGTH_EXPONENT.value)
    assert e.downtime_days == pytest.approx(redness_days(1.6, scenario.epidermis_mm))
    assert e.pigmentation_risk_pct == pytest.approx(100 * needling_pigmentation_risk(5))
    assert e.pigmentation_risk_range_pct == pytest.approx(
        tuple(100 * v for v in needling_pigmentation_range(5))
    )
    assert e.laser_pigmentation_risk_pct == pytest.approx(100 * laser_pigmentation_risk(5))
    assert e.laser_pigmentation_risk_range_pct == pytest.approx(
        tuple(100 * v for v in laser_pigmentation_range(5))
    )
    assert e.laser_downtime_days == C.LASER_DOWNTIME_DAYS.value
    assert e.keloid_flare_risk_pct == (C.KELOID_FLARE_LOW_PCT.value, C.KELOID_FLARE_HIGH_PCT.value)


def test_untreated_skin_still_shows_the_laser_comparison_and_no_flare_for_other_scars():
    e = side_effects(Scenario(scar="keloid", sessions=0, fitzpatrick=4))
    assert e.pigmentation_risk_range_pct == (0.0, 0.0) and e.bleeding is False
    assert e.laser_pigmentation_risk_pct == pytest.approx(100 * C.LASER_PIH_TYPE_4.value)
    assert e.keloid_flare_risk_pct is None
    treated = side_effects(Scenario(scar="boxcar_deep", sessions=3))
    assert treated.keloid_flare_risk_pct is None
    assert math.isclose(treated.effective_depth_mm, 1.5 * CENTRAL.pen_penetration)


def test_needles_ending_exactly_at_the_dermis_do_not_bleed():
    scenario = Scenario(needle_mm=0.25, epidermis_mm=0.125)
    at_boundary = side_effects(scenario, CENTRAL.with_changes(pen_penetration=0.5))
    assert at_boundary.effective_depth_mm == scenario.epidermis_mm
    assert at_boundary.bleeding is False
    assert side_effects(scenario, CENTRAL.with_changes(pen_penetration=0.52)).bleeding is True
