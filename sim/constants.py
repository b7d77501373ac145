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


@dataclass(frozen=True)
class Constant:
    """A model constant with unit and source."""

    name: str
    value: float
    unit: str
    meaning: str
    source: str


def _c(name: str, value: float, unit: str, meaning: str, source: str) -> Constant:
    return Constant(name, value, unit, meaning, source)


# --- grid -------------------------------------------------------------------
GRID_MM = _c("grid_mm", 0.02, "mm", "grid spacing (lateral and depth)", "Issue #2: 20 µm or finer")
WIDTH_MM = _c(
    "width_mm",
    8.0,
    "mm",
    "width of the cross-section",
    "Modelling choice: holds a 5 mm rolling scar with normal skin on both sides",
)
FAT_MM = _c(
    "fat_mm",
    0.6,
    "mm",
    "depth of subcutaneous fat included below the dermis",
    "Modelling choice: deep enough for the deepest scar tract (1.93 mm, Bansal 2025)",
)

# --- anatomy ----------------------------------------------------------------
PAPILLARY_FRACTION = _c(
    "papillary_fraction",
    0.2,
    "",
    "papillary dermis as a share of dermis thickness",
    "Upper fifth of the dermis, ~0.3-0.4 mm below the surface: review text "
    "attributed to Sorrell & Caplan 2004 (secondary)",
)
CHANNEL_WIDTH_MM = _c(
    "channel_width_mm",
    0.0707,
    "mm",
    "width of one needle channel in the skin",
    "70.7 µm: Kalluri, Kolli & Banga, AAPS J 2011;13:473",
)
PENETRATION_CV = _c(
    "penetration_cv",
    0.063,
    "",
    "puncture-to-puncture spread of channel depth (coefficient of variation)",
    "152.5 ± 9.6 µm: Kalluri 2011",
)

# --- growth-factor signal -----------------------------------------------------
SIGNAL_DECAY_PER_DAY = _c(
    "signal_decay_per_day",
    -math.log(0.35),
    "1/day",
    "decay rate k_S of the growth-factor signal",
    "35 % of TGF-β1 intact in a rat wound at 24 h: Zioncheck et al., Pharm Res "
    "1994;11:213 (k_S = -ln 0.35 / 1 day); matches inflammation on days 1-5",
)
SIGNAL_LENGTH_MM = _c(
    "signal_length_mm",
    0.35,
    "mm",
    "spread length l = sqrt(D / k_S) of the signal around a channel",
    "Fitted jointly with the deposit gain and activity time to Lotfi 2013, Garg "
    "(boxcar) and Alam 2014 (scripts/calibrate.py --search); no published diffusion "
    "length of growth factors in dermis was found",
)

# --- fibroblasts and collagen -------------------------------------------------
RECRUIT_DAYS = _c(
    "recruit_days",
    5.0,
    "days",
    "mean time from signal to proliferating fibroblasts, 1/k_r",
    "Proliferation begins ~day 5 (wound-healing references; device maker's "
    "description of percutaneous collagen induction)",
)
ACTIVE_DAYS = _c(
    "active_days",
    180.0,
    "days",
    "mean time fibroblasts stay collagen-producing, 1/k_a",
    "Fitted jointly (scripts/calibrate.py --search), mainly by Alam 2014: improvement "
    "still growing from 3 to 6 months. Bounded at 180 days so that >= 85 % of "
    "production falls within the ~1 year of remodelling; longer than the ~8-week "
    "proliferation phase quoted by one maker",
)
DEPOSIT_GAIN = _c(
    "deposit_gain",
    0.35,
    "1",
    "collagen laid down per unit signal exposure, alpha",
    "Fitted jointly (scripts/calibrate.py --search), mainly by papillary-dermis "
    "collagen of the scar +53 % 8 weeks after 5 monthly 1.5 mm roller sessions "
    "(Lotfi, Moneib & Yehia 2013)",
)
MATURATION_DAYS = _c(
    "maturation_days",
    90.0,
    "days",
    "mean time for collagen III to mature into collagen I, 1/k_m",
    "Modelling choice inside the remodelling window of ~8 weeks to ~1 year "
    "(wound-healing references); type III first, type I from 72 h: Gay 1978",
)
SURPLUS_DAYS = _c(
    "surplus_days",
    90.0,
    "days",
    "mean lifetime of collagen above the set point, 1/beta",
    "Modelling choice: remodelling returns normal skin close to baseline within "
    "~1 year (wound-healing references); 'considerable increase' still at 6 months "
    "(Aust 2008)",
)

HOME_PUNCTURES_PER_CM2 = _c(
    "home_punctures_per_cm2",
    250.0,
    "1/cm²",
    "puncture density of one home-roller use",
    "~15 roller passes give ~250 punctures/cm² (manufacturer text, secondary)",
)

# --- adjuncts and patients ----------------------------------------------------
PRP_GAIN = _c(
    "prp_gain",
    1.75,
    "",
    "multiplier of the growth-factor signal when PRP is applied",
    "Calibrated: 62.2 % vs 45.8 % improvement with vs without PRP (Asif 2016); "
    "OR 2.97 for >50 % improvement (Kang & Lu 2022)",
)
RESPONSE_SPREAD = _c(
    "response_spread",
    0.4,
    "",
    "standard deviation of log response rate between patients",
    "Modelling choice: final scar scores 6.5 ± 2.71 (CV 0.42) after 5 sessions, Dogra 2014",
)
COHORT_SIZE = _c(
    "cohort_size",
    1000,
    "patients",
    "size of the simulated cohort behind the typical range",
    "Modelling choice (sampling error of the 10th/90th percentile < 3 %)",
)

# --- raised scars -------------------------------------------------------------
KELOID_SYNTHESIS = _c(
    "keloid_synthesis",
    20.0,
    "x normal",
    "collagen synthesis of keloid fibroblasts relative to normal skin",
    "Active keloids ~20x normal skin: Craig et al., Eur J Clin Invest 1975 (secondary, GPnotebook)",
)
HYPERTROPHIC_SYNTHESIS = _c(
    "hypertrophic_synthesis",
    20.0 / 3.0,
    "x normal",
    "collagen synthesis of hypertrophic-scar fibroblasts relative to normal skin",
    "Keloid synthesis is ~3x that of hypertrophic scars: Craig 1975 (secondary)",
)
RAISED_BREAKDOWN = _c(
    "raised_breakdown",
    1.0,
    "x normal",
    "collagen breakdown in raised scars relative to normal skin",
    "Collagenase similar in keloid, hypertrophic scar and normal skin: Milsom & "
    "Craig, Br J Dermatol 1973",
)

# --- side effects ---------------------------------------------------------------
PAIN_LENGTH_EXPONENT = _c(
    "pain_length_exponent",
    math.log(7.0) / math.log(3.0),
    "",
    "pain grows as needle length to this power",
    "3x longer needle gives ~7x pain: Gill, Denson, Burris & Prausnitz, Clin J Pain 2008;24:585",
)
PAIN_COUNT_EXPONENT = _c(
    "pain_count_exponent",
    math.log10(2.0),
    "",
    "pain grows as needle count to this power",
    "10x more needles give ~2x pain: Gill 2008",
)
REDNESS_SHALLOW_DAYS = _c(
    "redness_shallow_days",
    0.5,
    "days",
    "redness when needles stay in the epidermis",
    "Hours to 1-2 days for rollers (cohort reports); 24-48 h after a pen (maker's page, secondary)",
)
REDNESS_DEEP_DAYS = _c(
    "redness_deep_days",
    3.0,
    "days",
    "redness at the deepest setting (2.5 mm pen)",
    "'Like a moderate sunburn' after pens (SkinPen summary); 1-3 days at most "
    "(patient page acne.org, secondary)",
)
LASER_DOWNTIME_DAYS = _c(
    "laser_downtime_days",
    2.0,
    "days",
    "social downtime after non-ablative fractional laser",
    "72 % limited social life for a mean of 2 days: Fisher & Geronemus, Dermatol Surg 2005;31:1245",
)
LASER_PIH_TYPE_3_5 = _c(
    "laser_pih_type_3_5",
    0.124,
    "",
    "pigmentation after fractional laser, skin types III-IV",
    "12.4 % generalized PIH, 1540 nm fractional, Chinese patients: Chan et al., "
    "Lasers Surg Med 2007;39:381; 13.6 % in Cachafeiro 2016",
)
LASER_PIH_TYPE_5 = _c(
    "laser_pih_type_5",
    8.0 / 14.0,
    "",
    "pigmentation after fractional laser, skin types IV-VI",
    "5/7 and 3/7 halves of a split-face trial: Alexis et al., Dermatol Surg 2016;42:392",
)
NEEDLING_PIH_RATIO = _c(
    "needling_pih_ratio",
    (0.5 / 24.0) / (3.0 / 22.0),
    "",
    "pigmentation risk of needling relative to fractional laser at 250 punctures/cm²",
    "0/23 vs 3/22 in the RCT of Cachafeiro et al., Dermatol Surg 2016;42:232, with "
    "the Jeffreys estimate 0.5/24 for zero events (our calculation); no dyschromia "
    "in types I-VI: Fabbrocini 2014; Dogra 2014 saw 5/30 in types IV-V",
)

ALL: tuple[Constant, ...] = tuple(v for v in list(globals().values()) if isinstance(v, Constant))
