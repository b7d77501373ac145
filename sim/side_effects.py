r"""Side effects and risks of a course: depth reached, bleeding, pain, redness,
pigmentation, and the flare risk of a keloid.

* **Depth reached**: the needle length times the device's penetration share
  (:mod:`sim.uncertainty`: pens close to 1 in human skin, rollers less), with
  the range of that share.
* **Bleeding**: the epidermis has no blood vessels; capillary loops sit in the
  dermal papillae, so pinpoint bleeding means the needles reached the dermis
  (StatPearls "Microneedling"). ``"yes"`` if even the shallowest plausible
  depth passes the epidermis, ``"no"`` if even the deepest does not, else
  ``"possible"``.
* **Pain index**: Gill et al. 2008 measured pain growing as needle length
  :math:`^{1.77}` (3x longer, ~7x pain) and as needle count :math:`^{0.30}`
  (10x more needles, ~2x pain). The index is 1 for the office pen at 1.5 mm.
* **Redness (downtime)**: linear in how deep the needles go into the dermis,
  from 0.5 day (needles stay in the epidermis) to 3 days at the deepest pen
  setting; a modelling interpolation between the reported ranges.
* **Pigmentation**: post-inflammatory hyperpigmentation over a course of
  fractional CO2 laser, logistic in Fitzpatrick type through a type IV anchor
  (14 %, range to 50 %) with an odds ratio per type step (2.5, range
  1.5-4.4); needling's course risk is the laser's divided by the risk ratio
  of a meta-analysis of 17 studies, 3.04 (95 % CI 1.49-6.21). The single
  trials (Cachafeiro, Fabbrocini, Dogra, Al Qarqaz) are checks, not inputs.
* **Keloid flare**: keloid-prone skin can flare after any injury; no rate
  after needling has been published. The reference range 19-50 % comes from
  excision (Lemperle 2020) and ear piercing (Lane 2005), so it is a risk with
  its source, not a prediction; keloids are a contraindication.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from sim import constants as C
from sim.devices import DEVICES, REFERENCE_DEVICE
from sim.scenario import Scenario
from sim.text import N_
from sim.uncertainty import CENTRAL, SPECS, ModelParams

EXISTING_MARKS = N_(
    "Existing dark marks after acne may lighten with needling: the post-acne "
    "hyperpigmentation index improved (p = .0035) in 39 patients of skin types III-V, "
    "and no patient's pigmentation got worse (Al Qarqaz et al., J Cosmet Dermatol; one "
    "study without a control group, size of the change not reported). Weak evidence: "
    "the model does not compute it."
)
"""What is known about needling and existing post-acne marks, in plain words (marked
with ``N_``: show it as ``_(EXISTING_MARKS)``)."""


@dataclass(frozen=True)
class SideEffects:
    """Side effects of one scenario.

    Attributes
    ----------
    effective_depth_mm : float
        Mean depth the needles reach (central penetration share).
    effective_depth_range_mm : tuple of float
        Depth reached at the low and high end of the penetration share.
    bleeding : bool
        Whether the needles reach the capillaries of the papillary dermis at
        the central depth.
    bleeding_likelihood : {"no", "possible", "yes"}
        The same over the plausible range of depth.
    pain_index : float
        Pain relative to an office pen at 1.5 mm (= 1).
    downtime_days : float
        Days of visible redness after a session.
    pigmentation_risk_pct, pigmentation_risk_range_pct
        Chance of post-inflammatory hyperpigmentation over the course (%),
        central value and range.
    laser_pigmentation_risk_pct, laser_pigmentation_risk_range_pct
        The same for a fractional CO2 laser course, for comparison (%).
    laser_downtime_days : float
        Social downtime after a non-ablative fractional laser session.
    keloid_flare_risk_pct : tuple of float or None
        Reference range for a keloid flaring after an injury (keloids only).
    """

    effective_depth_mm: float
    effective_depth_range_mm: tuple[float, float]
    bleeding: bool
    bleeding_likelihood: str
    pain_index: float
    downtime_days: float
    pigmentation_risk_pct: float
    pigmentation_risk_range_pct: tuple[float, float]
    laser_pigmentation_risk_pct: float
    laser_pigmentation_risk_range_pct: tuple[float, float]
    laser_downtime_days: float
    keloid_flare_risk_pct: tuple[float, float] | None


def depth_reached_mm(
    device: str, needle_mm: float, params: ModelParams = CENTRAL
) -> tuple[float, float, float]:
    """Depth reached (mm): central value and the low and high end of its range.

    Examples
    --------
    A pen reaches close to its set length, a roller less:

    >>> pen, _, _ = depth_reached_mm("office_pen", 1.5)
    >>> roller, _, _ = depth_reached_mm("medical_roller", 1.5)
    >>> bool(roller < pen <= 1.5)
    True
    """
    name = DEVICES[device].penetration
    spec = SPECS[name]
    return (
        float(getattr(params, name) * needle_mm),
        float(spec.low * needle_mm),
        float(spec.high * needle_mm),
    )


def laser_pigmentation_risk(
    fitzpatrick: float,
    type_4: float = C.LASER_PIH_TYPE_4.value,
    odds_per_type: float = C.LASER_PIH_ODDS_PER_TYPE.value,
) -> float:
    """Fraction of fractional-CO2 laser courses followed by hyperpigmentation.

    :math:`\\mathrm{logit}\\,p = \\mathrm{logit}\\,p_{IV} + (F - 4)\\ln \\mathrm{OR}`.

    Examples
    --------
    >>> round(laser_pigmentation_risk(4), 2)
    0.14
    >>> laser_pigmentation_risk(6) > laser_pigmentation_risk(1)
    True
    """
    logit = np.log(type_4 / (1 - type_4)) + (fitzpatrick - 4) * np.log(odds_per_type)
    return float(1 / (1 + np.exp(-logit)))


def laser_pigmentation_range(fitzpatrick: float) -> tuple[float, float]:
    """Low and high end of :func:`laser_pigmentation_risk` over its ranges."""
    values = [
        laser_pigmentation_risk(fitzpatrick, p4, odds)
        for p4 in (C.LASER_PIH_TYPE_4.value, C.LASER_PIH_TYPE_4_HIGH.value)
        for odds in (C.LASER_PIH_ODDS_LOW.value, C.LASER_PIH_ODDS_HIGH.value)
    ]
    return min(values), max(values)


def needling_pigmentation_risk(fitzpatrick: float) -> float:
    """Fraction of needling courses followed by hyperpigmentation: laser / RR."""
    return laser_pigmentation_risk(fitzpatrick) / C.PIH_RISK_RATIO.value


def needling_pigmentation_range(fitzpatrick: float) -> tuple[float, float]:
    """Low and high end of :func:`needling_pigmentation_risk`."""
    low, high = laser_pigmentation_range(fitzpatrick)
    return low / C.PIH_RISK_RATIO_HIGH.value, high / C.PIH_RISK_RATIO_LOW.value


def pain_index(needle_mm: float, needles: int) -> float:
    """Pain relative to the reference pen at its default length (Gill 2008)."""
    return float(
        (needle_mm / REFERENCE_DEVICE.default_needle_mm) ** C.PAIN_LENGTH_EXPONENT.value
        * (needles / REFERENCE_DEVICE.needles) ** C.PAIN_COUNT_EXPONENT.value
    )


DEEPEST_EFFECTIVE_MM = DEVICES["office_pen"].needle_max_mm * SPECS["pen_penetration"].central
"""Depth reached at the deepest setting (2.5 mm pen, central penetration)."""


def redness_days(effective_depth_mm: float, epidermis_mm: float) -> float:
    """Days of redness, linear in dermal penetration (modelling interpolation)."""
    share = (effective_depth_mm - epidermis_mm) / (DEEPEST_EFFECTIVE_MM - epidermis_mm)
    shallow, deep = C.REDNESS_SHALLOW_DAYS.value, C.REDNESS_DEEP_DAYS.value
    return float(shallow + (deep - shallow) * np.clip(share, 0.0, 1.0))


def _pct(pair: tuple[float, float]) -> tuple[float, float]:
    return 100 * pair[0], 100 * pair[1]


def _bleeding_likelihood(low_mm: float, high_mm: float, epidermis_mm: float) -> str:
    if low_mm > epidermis_mm:
        return "yes"
    return "possible" if high_mm > epidermis_mm else "no"


def side_effects(scenario: Scenario, params: ModelParams = CENTRAL) -> SideEffects:
    """Side effects of ``scenario``'s office sessions (none if no session)."""
    depth, low, high = depth_reached_mm(scenario.device, scenario.needle_mm, params)
    treated = scenario.sessions > 0
    skin_type = scenario.fitzpatrick
    needling_range = _pct(needling_pigmentation_range(skin_type)) if treated else (0.0, 0.0)
    flare = (C.KELOID_FLARE_LOW_PCT.value, C.KELOID_FLARE_HIGH_PCT.value)
    return SideEffects(
        effective_depth_mm=depth,
        effective_depth_range_mm=(low, high),
        bleeding=bool(treated and depth > scenario.epidermis_mm),
        bleeding_likelihood=(
            _bleeding_likelihood(low, high, scenario.epidermis_mm) if treated else "no"
        ),
        pain_index=pain_index(scenario.needle_mm, scenario.device_spec.needles) if treated else 0.0,
        downtime_days=redness_days(depth, scenario.epidermis_mm) if treated else 0.0,
        pigmentation_risk_pct=100 * needling_pigmentation_risk(skin_type) if treated else 0.0,
        pigmentation_risk_range_pct=needling_range,
        laser_pigmentation_risk_pct=100 * laser_pigmentation_risk(skin_type),
        laser_pigmentation_risk_range_pct=_pct(laser_pigmentation_range(skin_type)),
        laser_downtime_days=C.LASER_DOWNTIME_DAYS.value,
        keloid_flare_risk_pct=flare if scenario.scar == "keloid" and treated else None,
    )
