"""Fixed model constants, each with its value, unit and source.

These are not on screen as controls, but they are listed, with the registry's
parameters, in the parameter table of ``docs/model.md``. Internal units:
millimetres and days. "Calibrated" means the value was fitted so that the
model reproduces the named published result (see ``docs/validation.md``);
"modelling choice" means no published number exists and the value is ours.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from sim.text import N_


@dataclass(frozen=True)
class Constant:
    """A model constant with unit and source; ``meaning`` is marked with ``N_`` (the app
    shows it translated)."""

    name: str
    value: float
    unit: str
    meaning: str
    source: str


def _c(name: str, value: float, unit: str, meaning: str, source: str) -> Constant:
    return Constant(name, value, unit, meaning, source)


# --- grid -------------------------------------------------------------------
GRID_MM = _c(
    "grid_mm", 0.02, "mm", N_("grid spacing (lateral and depth)"), "Issue #2: 20 µm or finer"
)
WIDTH_MM = _c(
    "width_mm",
    8.0,
    "mm",
    N_("width of the cross-section"),
    "Modelling choice: holds a 5 mm rolling scar with normal skin on both sides",
)
FAT_MM = _c(
    "fat_mm",
    0.6,
    "mm",
    N_("depth of subcutaneous fat included below the dermis"),
    "Modelling choice: deep enough for the deepest scar tract (1.93 mm, Bansal 2025)",
)

# --- anatomy ----------------------------------------------------------------
PAPILLARY_FRACTION = _c(
    "papillary_fraction",
    0.2,
    "",
    N_("papillary dermis as a share of dermis thickness"),
    "Upper fifth of the dermis, ~0.3-0.4 mm below the surface: review text "
    "attributed to Sorrell & Caplan 2004 (secondary)",
)
PENETRATION_CV = _c(
    "penetration_cv",
    0.063,
    "",
    N_("puncture-to-puncture spread of channel depth (coefficient of variation)"),
    "152.5 ± 9.6 µm channels from a 770 µm roller in hairless RAT skin: Kalluri, Kolli & "
    "Banga, AAPS J 2011;13:473 (the only measured spread; used for every device)",
)

# --- growth-factor signal -----------------------------------------------------
SIGNAL_DECAY_PER_DAY = _c(
    "signal_decay_per_day",
    -math.log(0.35),
    "1/day",
    N_("decay rate k_S of the growth-factor signal"),
    "35 % of TGF-β1 intact in a rat wound at 24 h: Zioncheck et al., Pharm Res "
    "1994;11:213 (k_S = -ln 0.35 / 1 day); matches inflammation on days 1-5",
)
# --- fibroblasts and collagen -------------------------------------------------
RECRUIT_DAYS = _c(
    "recruit_days",
    5.0,
    "days",
    N_("mean time from signal to proliferating fibroblasts, 1/k_r"),
    "Proliferation begins ~day 5 (wound-healing references; device maker's "
    "description of percutaneous collagen induction)",
)
ACTIVE_DAYS = _c(
    "active_days",
    240.0,
    "days",
    N_("mean time fibroblasts stay collagen-producing, 1/k_a"),
    "Calibrated jointly with the deposit gain (scripts/calibrate.py --search) on Alam "
    "2014's sham-corrected change, 3 vs 6 months after the last session ((2.4-1.0)/"
    "(3.4-0.4) = 0.47). Inside remodelling's ~8 weeks to ~1 year (wound-healing "
    "references); 'considerable increase' of collagen at 6 months (Aust 2008)",
)
DEPOSIT_GAIN = _c(
    "deposit_gain",
    0.010,
    "1",
    N_("collagen laid down per unit signal exposure, alpha"),
    "Calibrated jointly with the activity time (scripts/calibrate.py --search) on "
    "papillary-dermis collagen of the scar +53 % 8 weeks after 5 monthly 1.5 mm roller "
    "sessions (Lotfi, Moneib & Yehia 2013)",
)
MATURATION_DAYS = _c(
    "maturation_days",
    90.0,
    "days",
    N_("mean time for collagen III to mature into collagen I, 1/k_m"),
    "Modelling choice inside the remodelling window of ~8 weeks to ~1 year "
    "(wound-healing references); type III first, type I from 72 h: Gay 1978",
)
SURPLUS_DAYS = _c(
    "surplus_days",
    90.0,
    "days",
    N_("mean lifetime of collagen above the set point, 1/beta"),
    "Modelling choice: remodelling returns normal skin close to baseline within "
    "~1 year (wound-healing references); 'considerable increase' still at 6 months "
    "(Aust 2008)",
)

HOME_PUNCTURES_PER_CM2 = _c(
    "home_punctures_per_cm2",
    250.0,
    "1/cm²",
    N_("puncture density of one home-roller use"),
    "~15 roller passes give ~250 punctures/cm² (manufacturer text, secondary)",
)

# --- adjuncts and patients ----------------------------------------------------
PRP_GAIN = _c(
    "prp_gain",
    1.69,
    "",
    N_("multiplier of the growth-factor signal when PRP is applied"),
    "Calibrated (scripts/calibrate.py --search): 62.2 % vs 45.8 % improvement with vs "
    "without PRP (Asif 2016); the odds ratio 2.97 for > 50 % improvement (Kang & Lu "
    "2022) is an independent check",
)
# --- raised scars -------------------------------------------------------------
KELOID_SYNTHESIS = _c(
    "keloid_synthesis",
    20.0,
    "x normal",
    N_("collagen synthesis of keloid fibroblasts relative to normal skin"),
    "Active keloids ~20x normal skin: Craig et al., Eur J Clin Invest 1975 (secondary, GPnotebook)",
)
HYPERTROPHIC_SYNTHESIS = _c(
    "hypertrophic_synthesis",
    20.0 / 3.0,
    "x normal",
    N_("collagen synthesis of hypertrophic-scar fibroblasts relative to normal skin"),
    "Keloid synthesis is ~3x that of hypertrophic scars: Craig 1975 (secondary)",
)
# --- side effects ---------------------------------------------------------------
PAIN_LENGTH_EXPONENT = _c(
    "pain_length_exponent",
    math.log(7.0) / math.log(3.0),
    "",
    N_("pain grows as needle length to this power"),
    "3x longer needle gives ~7x pain: Gill, Denson, Burris & Prausnitz, Clin J Pain 2008;24:585",
)
PAIN_COUNT_EXPONENT = _c(
    "pain_count_exponent",
    math.log10(2.0),
    "",
    N_("pain grows as needle count to this power"),
    "10x more needles give ~2x pain: Gill 2008",
)
REDNESS_SHALLOW_DAYS = _c(
    "redness_shallow_days",
    0.5,
    "days",
    N_("redness when needles stay in the epidermis"),
    "Hours to 1-2 days for rollers (cohort reports); 24-48 h after a pen (maker's page, secondary)",
)
REDNESS_DEEP_DAYS = _c(
    "redness_deep_days",
    3.0,
    "days",
    N_("redness at the deepest setting (2.5 mm pen)"),
    "'Like a moderate sunburn' after pens (SkinPen summary); 1-3 days at most "
    "(patient page acne.org, secondary)",
)
LASER_DOWNTIME_DAYS = _c(
    "laser_downtime_days",
    2.0,
    "days",
    N_("social downtime after non-ablative fractional laser"),
    "72 % limited social life for a mean of 2 days: Fisher & Geronemus, Dermatol Surg 2005;31:1245",
)
LASER_PIH_TYPE_4 = _c(
    "laser_pih_type_4",
    0.14,
    "",
    N_("pigmentation after a course of fractional CO2 laser, skin type IV (central value)"),
    "14 % of 37 patients, mainly type IV, ablative fractional CO2 course with routine "
    "bleaching creams: Lasers Surg Med 2011 (doi 10.1002/lsm.21092). Range up to ~50 % "
    "(temporary PIH, 44 type IV patients, fractional CO2: Lasers Med Sci 2013;28:627); "
    "a series of 13 counted mild transient PIH in 92 %",
)
LASER_PIH_TYPE_4_HIGH = _c(
    "laser_pih_type_4_high",
    0.50,
    "",
    N_("upper end of the same"),
    "Temporary PIH in about 50 % of 44 type IV patients: Lasers Med Sci 2013;28:627",
)
LASER_PIH_ODDS_PER_TYPE = _c(
    "laser_pih_odds_per_type",
    2.5,
    "x per type",
    N_("odds ratio of laser pigmentation per step of Fitzpatrick type (central; range 1.5-4.4)"),
    "Modelling choice: darker skin is more prone (direction from every source); the "
    "upper end 4.4 is the contrast between 12.4 % (types III-IV, Chan 2007) and "
    "8/14 (types IV-VI, Alexis 2016), two non-ablative lasers",
)
LASER_PIH_ODDS_LOW = _c(
    "laser_pih_odds_low", 1.5, "x per type", N_("lower end of the same"), "Modelling choice"
)
LASER_PIH_ODDS_HIGH = _c(
    "laser_pih_odds_high",
    4.4,
    "x per type",
    N_("upper end of the same"),
    "Chan 2007 vs Alexis 2016 (see above)",
)
PIH_RISK_RATIO = _c(
    "pih_risk_ratio",
    3.04,
    "",
    N_("risk ratio of pigmentation, fractional CO2 laser over microneedling, over a course"),
    "RR 3.04 (95 % CI 1.49-6.21), 17 studies: Lasers Med Sci 2026;41:124 (meta-analysis)",
)
PIH_RISK_RATIO_LOW = _c(
    "pih_risk_ratio_low", 1.49, "", N_("lower 95 % limit of the same"), "Lasers Med Sci 2026;41:124"
)
PIH_RISK_RATIO_HIGH = _c(
    "pih_risk_ratio_high",
    6.21,
    "",
    N_("upper 95 % limit of the same"),
    "Lasers Med Sci 2026;41:124",
)
KELOID_FLARE_LOW_PCT = _c(
    "keloid_flare_low_pct",
    19.0,
    "%",
    N_("lower end of the reference range for a keloid flaring after an injury"),
    "Keloid recurrence after excision 19-45 %: Lemperle et al., Plast Reconstr Surg "
    "Glob Open 2020;8:e2582 (quoting its ref. 5; secondary). Measured after surgery, "
    "not needling: no rate after microneedling has been published",
)
KELOID_FLARE_HIGH_PCT = _c(
    "keloid_flare_high_pct",
    50.0,
    "%",
    N_("upper end of the same"),
    "50 % of 32 people with keloids formed one after their first ear piercing, a small "
    "puncture injury: Lane et al., Pediatrics 2005;115:1312",
)

# --- the clinic's scale: Goodman & Baron grade from the surface (sim/goodman.py) ----
GB_FLAT_MM = _c(
    "gb_flat_mm",
    0.05,
    "mm",
    N_("a dip or rise shallower than this counts as flat (grade 1: a mark, not a contour)"),
    "Modelling choice within the depth of the normal skin's own lines, 20-200 µm "
    "(Bibb, Medical Modelling, textbook; secondary): a shallower dip is lost in the "
    "skin's texture",
)
GB_VISIBLE_MM = _c(
    "gb_visible_mm",
    500.0 * math.tan(math.radians(1.0 / 60.0)),
    "mm",
    N_("a dip this deep is obvious at a social distance of 50 cm (grade 3 or 4, not 2)"),
    "Modelling choice from two facts: Goodman & Baron 2006 grade by visibility at 50 cm; "
    "a normal eye resolves 1 minute of arc (visual acuity 1.0 = 6/6 = 20/20: ICO visual "
    "acuity standard 1984, ISO 8596), 0.145 mm at 50 cm; under light at 45° a dip casts a "
    "shadow as long as it is deep",
)
GB_DEEP_MM = _c(
    "gb_deep_mm",
    0.5,
    "mm",
    N_("a dip this deep does not flatten when the skin is stretched (grade 4, not 3)"),
    "Jacob, Dover & Kaminer 2001 divide shallow from deep boxcar scars at 0.5 mm; "
    "Goodman & Baron 2006 separate grade 3 from 4 by whether stretching flattens the "
    "scar, and list deep punched-out scars in grade 4 (secondary). Using depth as a "
    "stand-in for stretching is a modelling choice: the model has no skin mechanics",
)
GB_RAISED_SEVERE_MM = _c(
    "gb_raised_severe_mm",
    2.0,
    "mm",
    N_("a raised scar this high is severe (grade 4, not 3)"),
    "Height classes of the Vancouver Scar Scale (< 2 mm, 2-5 mm, > 5 mm; Sullivan et al., "
    "J Burn Care Rehabil 1990;11:256); the mapping to grades is a modelling choice",
)

ALL: tuple[Constant, ...] = tuple(v for v in list(globals().values()) if isinstance(v, Constant))
