"""Published trials re-run through the model.

Each :class:`Trial` names a study, its protocol as a :class:`~sim.scenario.Scenario`
and the published number with its scale. Outcome scales differ between trials
(qualitative grades, quantitative points, % improvement, scar counts); the
model's number is always on the scale it can compute (filled share of the
depression's volume, or a ratio), and each row says which scale the published
number is on. Rows used to calibrate a constant say so.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from sim import constants as C
from sim.anatomy import layer_fractions, make_grid
from sim.kinetics import Kinetics
from sim.model import DEFAULT_KINETICS, Result, simulate
from sim.scenario import Scenario
from sim.side_effects import laser_pigmentation_risk, needling_pigmentation_risk

ROLLER = {"device": "medical_roller", "needle_mm": 1.5}
"""Rollers of the trials; 1.5 mm (the median of Harris 2015) where the length is
not in our evidence table."""


@dataclass(frozen=True)
class PublishedProtocol:
    """A published treatment protocol (roller, 1.5 mm unless stated)."""

    label: str
    sessions: int
    interval_days: int
    follow_up_days: int
    source: str
    needle_mm: float = 1.5
    punctures_per_cm2: float = 250.0
    device: str = "medical_roller"

    def settings(self) -> dict[str, object]:
        """Keyword arguments of :class:`~sim.scenario.Scenario` for this protocol."""
        return {
            "device": self.device,
            "needle_mm": self.needle_mm,
            "sessions": self.sessions,
            "interval_days": self.interval_days,
            "follow_up_days": self.follow_up_days,
            "punctures_per_cm2": self.punctures_per_cm2,
        }


PUBLISHED_PROTOCOLS: tuple[PublishedProtocol, ...] = (
    PublishedProtocol("Alam 2014", 3, 14, 180, "Alam et al., JAMA Dermatol 2014;150:844"),
    PublishedProtocol("Dogra 2014", 5, 30, 30, "Dogra et al., J Cosmet Dermatol 2014"),
    PublishedProtocol("Garg", 3, 28, 180, "Garg & Chaudhary, Int J Res Dermatol"),
    PublishedProtocol("Asif 2016", 3, 30, 90, "Asif et al., J Cosmet Dermatol 2016"),
    PublishedProtocol("Lotfi 2013", 5, 30, 56, "Lotfi et al., J Egypt Women's Dermatol Soc 2013"),
    PublishedProtocol(
        "Harris 2015 (median)", 3, 28, 180, "Harris et al., Int J Womens Dermatol 2015"
    ),
)
PROTOCOLS = {p.label: p for p in PUBLISHED_PROTOCOLS}


@dataclass(frozen=True)
class Trial:
    """A published result and how the model reproduces it."""

    study: str
    protocol: str
    scale: str
    published: float
    unit: str
    calibrated: bool
    note: str
    model: Callable[[], float]


def scar_papillary_gain_pct(result: Result, half_width_mm: float = 1.0) -> float:
    """Collagen in the scar's papillary dermis at the end, % above before treatment.

    Averaged over the papillary band of the columns within ``half_width_mm``
    of the scar's centre: ``100 * sum(new) / sum(baseline)``.
    """
    grid = make_grid(result.scenario.skin, result.h_mm)
    papillary = layer_fractions(result.scenario.skin, grid)["papillary"][:, None]
    columns = np.abs(result.x_mm) < half_width_mm
    new = (result.collagen3[-1] + result.collagen1[-1])[:, columns]
    base = result.collagen_baseline[:, columns]
    return float(100 * (new * papillary).sum() / (base * papillary).sum())


def _final(**kwargs: object) -> float:
    return simulate(Scenario(**kwargs)).final["improvement_pct"]  # type: ignore[arg-type]


def alam_ratio(kinetics: Kinetics = DEFAULT_KINETICS) -> float:
    """Improvement 3 months after Alam's last session over that at 6 months."""
    result = simulate(Scenario(**ALAM), kinetics=kinetics)
    last_session = float(result.session_days[-1])
    three_months = result.improvement_pct[result.at_day(last_session + 90)]
    return float(three_months / result.improvement_pct[-1])


def _asif_ratio() -> float:
    return _final(adjunct="prp", **ASIF) / _final(**ASIF)


def lotfi_papillary_gain(kinetics: Kinetics = DEFAULT_KINETICS) -> float:
    """Collagen gain in the scar's papillary dermis on Lotfi's protocol (%)."""
    return scar_papillary_gain_pct(simulate(Scenario(**LOTFI), kinetics=kinetics))


GARG = PROTOCOLS["Garg"].settings()
DOGRA = PROTOCOLS["Dogra 2014"].settings()
ALAM = PROTOCOLS["Alam 2014"].settings()
ASIF = PROTOCOLS["Asif 2016"].settings()
LOTFI = PROTOCOLS["Lotfi 2013"].settings()

TRIALS: tuple[Trial, ...] = (
    Trial(
        "Alam et al., JAMA Dermatol 2014 (RCT, n=15)",
        "roller, 3 sessions 2 weeks apart, 6 months after",
        "patient-rated % improvement",
        41.0,
        "%",
        False,
        "Model: % of the depression's volume filled (shallow boxcar).",
        lambda: _final(**ALAM),
    ),
    Trial(
        "Alam et al., JAMA Dermatol 2014",
        "improvement at 3 months / at 6 months",
        "ratio of quantitative-score changes (2.4 / 3.4)",
        2.4 / 3.4,
        "ratio",
        True,
        "Part of the joint fit (deposit gain, signal length, activity time); Alam's "
        "3-month change was not significant.",
        alam_ratio,
    ),
    Trial(
        "Dogra, Yadav & Sarangal, J Cosmet Dermatol 2014 (n=30)",
        "roller, 5 sessions monthly, 1 month after",
        "% fall of quantitative scar score (11.73 → 6.5)",
        100 * (11.73 - 6.5) / 11.73,
        "%",
        False,
        "Model: % of the depression's volume filled (shallow boxcar).",
        lambda: _final(**DOGRA),
    ),
    Trial(
        "Garg & Chaudhary, Int J Res Dermatol (n=51)",
        "roller, 3 sessions 4 weeks apart, 6 months after: boxcar",
        "% fewer boxcar scars",
        47.0,
        "%",
        True,
        "Part of the joint fit (deposit gain, signal length, activity time). "
        "Model: % of the volume filled.",
        lambda: _final(scar="boxcar_shallow", **GARG),
    ),
    Trial(
        "Garg & Chaudhary",
        "same protocol: rolling",
        "% fewer rolling scars",
        37.0,
        "%",
        True,
        "Calibrates the rolling scar's tethered share.",
        lambda: _final(scar="rolling", **GARG),
    ),
    Trial(
        "Garg & Chaudhary",
        "same protocol: ice pick",
        "% fewer ice pick scars",
        6.0,
        "%",
        True,
        "Calibrates the ice pick's tethered share.",
        lambda: _final(scar="ice_pick", **GARG),
    ),
    Trial(
        "Lotfi, Moneib & Yehia, J Egypt Women's Dermatol Soc 2013 (n=30)",
        "1.5 mm roller, 5 sessions monthly, 8 weeks after",
        "% more collagen in the papillary dermis (histology)",
        53.0,
        "%",
        True,
        "Part of the joint fit (deposit gain, signal length, activity time). "
        "Model: papillary dermis under the scar.",
        lotfi_papillary_gain,
    ),
    Trial(
        "Asif, Kanodia & Singh, J Cosmet Dermatol 2016 (n=50)",
        "3 monthly sessions, with / without PRP",
        "ratio of % improvement (62.2 / 45.8)",
        62.2 / 45.8,
        "ratio",
        True,
        "Calibrates the PRP gain; follow-up of 3 months assumed.",
        _asif_ratio,
    ),
    Trial(
        "Asif, Kanodia & Singh, J Cosmet Dermatol 2016",
        "3 monthly sessions without PRP",
        "% improvement (quantitative score)",
        45.8,
        "%",
        False,
        "Model: % of the depression's volume filled; follow-up of 3 months assumed.",
        lambda: _final(**ASIF),
    ),
    Trial(
        "Cachafeiro et al., Dermatol Surg 2016 (RCT, n=46)",
        "pigmentation, needling vs non-ablative fractional laser",
        "hyperpigmentation, % of patients (laser 13.6, needling 0)",
        13.6,
        "% (laser)",
        True,
        "Model: laser risk at skin type III-IV (3.5); needling risk is about 15 % of it.",
        lambda: 100 * laser_pigmentation_risk(3.5),
    ),
    Trial(
        "Fabbrocini et al., J Dermatolog Treat 2014 (n=60)",
        "needling, 3 monthly sessions, skin types I-VI",
        "dyschromia, % of patients",
        0.0,
        "%",
        False,
        "Model: needling risk averaged over types I-VI (equal numbers assumed). "
        "0 events in 60 patients is compatible with a risk of a few per cent.",
        lambda: 100 * float(np.mean([needling_pigmentation_risk(t, 250.0) for t in range(1, 7)])),
    ),
    Trial(
        "Dogra, Yadav & Sarangal, J Cosmet Dermatol 2014 (n=30)",
        "roller, 5 monthly sessions, skin types IV-V",
        "post-inflammatory hyperpigmentation, % of patients (5/30)",
        100 * 5 / 30,
        "%",
        False,
        "Model: needling risk at type 4.5. The model sits below this trial and above "
        "Cachafeiro's and Fabbrocini's zero counts.",
        lambda: 100 * needling_pigmentation_risk(4.5, 250.0),
    ),
)


def validation_rows() -> list[dict[str, object]]:
    """Every trial with the model's number, as plain dicts.

    Keys: ``study``, ``protocol``, ``scale``, ``published``, ``model``,
    ``unit``, ``calibrated``, ``note``.
    """
    return [
        {
            "study": t.study,
            "protocol": t.protocol,
            "scale": t.scale,
            "published": round(float(t.published), 3),
            "model": round(float(t.model()), 3),
            "unit": t.unit,
            "calibrated": t.calibrated,
            "note": t.note,
        }
        for t in TRIALS
    ]


def validation_markdown() -> str:
    """``docs/validation.md``: the model against the published results."""
    lines = [
        "# Model vs. published results",
        "",
        "Generated by `python scripts/make_validation.py`; do not edit by hand.",
        "",
        "Scales differ between trials; the model's number is on the scale it can compute "
        "(filled share of the depression's volume for a shallow boxcar unless said otherwise). "
        "Rows marked *calibrated* were used to fit a constant (see `sim/constants.py`); the "
        "others are checks the model was not fitted to.",
        "",
        "| study | protocol | published (scale) | model | calibrated | note |",
        "|---|---|---|---|---|---|",
    ]
    for row in validation_rows():
        lines.append(
            f"| {row['study']} | {row['protocol']} | {row['published']:g} {row['unit']} "
            f"({row['scale']}) | {row['model']:.3g} | {'yes' if row['calibrated'] else 'no'} "
            f"| {row['note']} |"
        )
    lines += [
        "",
        f"Response spread between patients: sigma = {C.RESPONSE_SPREAD.value} (log scale); "
        "the typical range shown in the app is the 10th-90th percentile of a seeded cohort.",
        "",
    ]
    return "\n".join(lines)
