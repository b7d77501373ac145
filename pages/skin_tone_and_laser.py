"""Skin tone and laser: why needling is gentler on darker skin than a fractional laser."""

from __future__ import annotations

import streamlit as st

from pages._shared import (
    chart,
    current_scenario,
    high_contrast,
    require_entrypoint,
    scenario_widgets,
)
from sim.side_effects import (
    EXISTING_MARKS,
    laser_pigmentation_range,
    laser_pigmentation_risk,
    needling_pigmentation_range,
    needling_pigmentation_risk,
)
from viz.describe import describe_pigmentation
from viz.i18n import _, significant
from viz.skin_tone import (
    EXTRAPOLATED_TYPES,
    ROMAN,
    extrapolated_types_text,
    needling_vs_laser_figure,
    pigmentation_figure,
)

require_entrypoint(__file__)

st.title(_("Skin tone and laser"))
st.markdown(
    _(
        "Dark marks after treatment (post-inflammatory hyperpigmentation) come from injury to "
        "the pigment-making epidermis. **Needling leaves the epidermis in place** and punctures "
        "about 1 % of its area; a fractional laser removes or heats columns of it."
    )
)
scenario_widgets(("fitzpatrick",))

scenario = current_scenario()
contrast = high_contrast()
types = range(1, 7)
needling = [100 * needling_pigmentation_risk(f) for f in types]
laser = [100 * laser_pigmentation_risk(f) for f in types]
needling_low, needling_high = (100 * v for v in needling_pigmentation_range(scenario.fitzpatrick))
laser_low, laser_high = (100 * v for v in laser_pigmentation_range(scenario.fitzpatrick))
k = scenario.fitzpatrick - 1


# One rule for both treatments: a central value to 1 significant figure (its range
# spans a factor of 10 or more, so a second figure would claim a precision it lacks),
# the range's ends to 2. The needling and laser values were written "2 %" and "6.1 %".
risks = {
    "numeral": ROMAN[k],
    "needling": significant(needling[k], 1),
    "needling_low": significant(needling_low, 2),
    "needling_high": significant(needling_high, 2),
    "laser": significant(laser[k], 1),
    "laser_low": significant(laser_low, 2),
    "laser_high": significant(laser_high, 2),
}
if scenario.fitzpatrick in EXTRAPOLATED_TYPES:
    # TRANSLATORS: {numeral} is a skin type (Fitzpatrick) in Roman numerals, e.g. "VI"
    risk_text = _(
        "Skin type {numeral}: the model's chance of dark marks is about **{needling} %** "
        "(range {needling_low}-{needling_high} %) after a needling course and **{laser} %** "
        "(range {laser_low}-{laser_high} %) after a fractional CO2 laser course (extrapolated "
        "beyond the published skin types)."
    )
else:
    # TRANSLATORS: {numeral} is a skin type (Fitzpatrick) in Roman numerals, e.g. "IV"
    risk_text = _(
        "Skin type {numeral}: the model's chance of dark marks is about **{needling} %** "
        "(range {needling_low}-{needling_high} %) after a needling course and **{laser} %** "
        "(range {laser_low}-{laser_high} %) after a fractional CO2 laser course."
    )
st.info(risk_text.format(**risks))
chart(
    needling_vs_laser_figure(scenario.fitzpatrick, high_contrast=contrast),
    "needling_vs_laser",
    _(
        "Schematic of two skin slices, one above the other. Top, microneedling: thin needle "
        "channels pass through an intact epidermis. Below, fractional laser: wide columns of "
        "epidermis and dermis are removed or heated. The epidermis is drawn in the colour of "
        "skin type {numeral}."
    ).format(numeral=ROMAN[k]),
)
chart(
    pigmentation_figure(
        needling,
        laser,
        scenario.fitzpatrick,
        needling_range_pct=[tuple(100 * v for v in needling_pigmentation_range(f)) for f in types],
        laser_range_pct=[tuple(100 * v for v in laser_pigmentation_range(f)) for f in types],
        high_contrast=contrast,
    ),
    "pigmentation_risk",
    describe_pigmentation(scenario.fitzpatrick, needling, laser),
)
st.caption(
    _(
        "Laser risk over a course of fractional CO2: 14 % in mainly type IV skin (Lasers Surg "
        "Med 2011; up to ~50 % temporary marks in another type IV series, Lasers Med Sci 2013), "
        "rising with skin type by an odds ratio of 2.5 per type (range 1.5-4.4, a modelling "
        "choice). Needling: the laser's risk divided by 3.04 (95 % CI 1.49-6.21), the risk "
        "ratio of a meta-analysis of 17 studies (Lasers Med Sci 2026). Checked against four "
        "needling trials (Model and evidence page)."
    )
    + " "
    # TRANSLATORS: {types} are skin types (Fitzpatrick) in Roman numerals, e.g. "I, II and VI"
    + _(
        "Types {types} lie furthest from the measured skin types: their values (faded bars, "
        "marked *) are extrapolations of the curve."
    ).format(types=extrapolated_types_text())
)
st.markdown(_(EXISTING_MARKS))
