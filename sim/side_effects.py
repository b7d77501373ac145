r"""Side effects of a course: bleeding, pain, redness, pigmentation.

* **Bleeding**: the epidermis has no blood vessels; capillary loops sit in the
  dermal papillae, so pinpoint bleeding means the needles reached the dermis
  (StatPearls "Microneedling"): ``bleeding = effective depth > epidermis``.
* **Pain index**: Gill et al. 2008 measured pain growing as needle length
  :math:`^{1.77}` (3x longer, ~7x pain) and as needle count :math:`^{0.30}`
  (10x more needles, ~2x pain). The index is 1 for the office pen at 1.5 mm.
* **Redness (downtime)**: linear in how deep the needles go into the dermis,
  from 0.5 day (needles stay in the epidermis) to 3 days at the deepest
  setting (0.5 mm effective depth); a modelling interpolation between the
  reported ranges (see :mod:`sim.constants`).
* **Pigmentation risk**: post-inflammatory hyperpigmentation after a
  fractional laser grows with skin type; a logistic curve in Fitzpatrick type
  goes through 12.4 % at types III-IV (Chan 2007) and 57 % at types IV-VI
  (Alexis 2016). Needling leaves the epidermis in place and punctures only
  ~1 % of its area; its risk is the laser's times the ratio seen in the RCT of
  Cachafeiro 2016 (0/23 vs 3/22), scaled by puncture density.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from sim import constants as C
from sim.devices import REFERENCE_DEVICE
from sim.scenario import Scenario

DEEPEST_EFFECTIVE_MM = 0.5
"""Effective depth of the deepest default setting (2.5 mm pen x 0.2)."""


@dataclass(frozen=True)
class SideEffects:
    """Side effects of one scenario.

    Attributes
    ----------
    effective_depth_mm : float
        Mean depth the needles reach.
    bleeding : bool
        Whether the needles reach the capillaries of the papillary dermis.
    pain_index : float
        Pain relative to an office pen at 1.5 mm (= 1).
    downtime_days : float
        Days of visible redness after a session.
    pigmentation_risk_pct : float
        Chance of post-inflammatory hyperpigmentation over the course (%).
    laser_pigmentation_risk_pct : float
        The same for a fractional laser course, for comparison (%).
    laser_downtime_days : float
        Social downtime after a non-ablative fractional laser session.
    """

    effective_depth_mm: float
    bleeding: bool
    pain_index: float
    downtime_days: float
    pigmentation_risk_pct: float
    laser_pigmentation_risk_pct: float
    laser_downtime_days: float


def _logit(p: float) -> float:
    return float(np.log(p / (1 - p)))


def laser_pigmentation_risk(fitzpatrick: float) -> float:
    """Fraction of fractional-laser courses followed by hyperpigmentation.

    Logistic in skin type through 12.4 % at type 3.5 (Chan 2007) and 57 % at
    type 5 (Alexis 2016).

    Examples
    --------
    >>> round(laser_pigmentation_risk(3.5), 3)
    0.124
    >>> laser_pigmentation_risk(6) > laser_pigmentation_risk(1)
    True
    """
    a = _logit(C.LASER_PIH_TYPE_3_5.value)
    b = (_logit(C.LASER_PIH_TYPE_5.value) - a) / 1.5
    return float(1 / (1 + np.exp(-(a + b * (fitzpatrick - 3.5)))))


def needling_pigmentation_risk(fitzpatrick: float, punctures_per_cm2: float) -> float:
    """Fraction of needling courses followed by hyperpigmentation.

    ``laser risk x ratio x (density / 250 per cm²)``, never above the laser's.
    """
    laser = laser_pigmentation_risk(fitzpatrick)
    scaled = laser * C.NEEDLING_PIH_RATIO.value * punctures_per_cm2 / 250.0
    return float(min(scaled, laser))


def pain_index(needle_mm: float, needles: int) -> float:
    """Pain relative to the reference pen at its default length (Gill 2008)."""
    return float(
        (needle_mm / REFERENCE_DEVICE.default_needle_mm) ** C.PAIN_LENGTH_EXPONENT.value
        * (needles / REFERENCE_DEVICE.needles) ** C.PAIN_COUNT_EXPONENT.value
    )


def redness_days(effective_depth_mm: float, epidermis_mm: float) -> float:
    """Days of redness, linear in dermal penetration (modelling interpolation)."""
    share = (effective_depth_mm - epidermis_mm) / (DEEPEST_EFFECTIVE_MM - epidermis_mm)
    shallow, deep = C.REDNESS_SHALLOW_DAYS.value, C.REDNESS_DEEP_DAYS.value
    return float(shallow + (deep - shallow) * np.clip(share, 0.0, 1.0))


def side_effects(scenario: Scenario) -> SideEffects:
    """Side effects of ``scenario``'s office sessions (none if no session)."""
    depth = scenario.effective_depth_mm
    treated = scenario.sessions > 0
    laser = laser_pigmentation_risk(scenario.fitzpatrick)
    return SideEffects(
        effective_depth_mm=depth,
        bleeding=bool(treated and depth > scenario.epidermis_mm),
        pain_index=pain_index(scenario.needle_mm, scenario.device_spec.needles) if treated else 0.0,
        downtime_days=redness_days(depth, scenario.epidermis_mm) if treated else 0.0,
        pigmentation_risk_pct=100
        * (
            needling_pigmentation_risk(scenario.fitzpatrick, scenario.punctures_per_cm2)
            if treated
            else 0.0
        ),
        laser_pigmentation_risk_pct=100 * laser,
        laser_downtime_days=C.LASER_DOWNTIME_DAYS.value,
    )
