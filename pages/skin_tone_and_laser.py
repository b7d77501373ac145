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
from viz.skin_tone import (
    EXTRAPOLATED_TYPES,
    ROMAN,
    extrapolated_types_text,
    needling_vs_laser_figure,
    pigmentation_figure,
)

require_entrypoint(__file__)

st.title("Skin tone and laser")
st.markdown(
    "Dark marks after treatment (post-inflammatory hyperpigmentation) come from injury to "
    "the pigment-making epidermis. **Needling leaves the epidermis in place** and punctures "
    "about 1 % of its area; a fractional laser removes or heats columns of it."
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

extrapolated = (
    " (extrapolated beyond the published skin types)"
    if scenario.fitzpatrick in EXTRAPOLATED_TYPES
    else ""
)
st.info(
    f"Skin type {ROMAN[k]}: the model's chance of dark marks is about **{needling[k]:.1g} %** "
    f"(range {needling_low:.1g}-{needling_high:.2g} %) after a needling course and "
    f"**{laser[k]:.2g} %** (range {laser_low:.2g}-{laser_high:.2g} %) after a fractional CO2 "
    f"laser course{extrapolated}."
)
chart(
    needling_vs_laser_figure(scenario.fitzpatrick, high_contrast=contrast),
    "needling_vs_laser",
    "Schematic of two skin slices, one above the other. Top, microneedling: thin needle "
    "channels pass through an intact epidermis. Below, fractional laser: wide columns of "
    "epidermis and dermis are removed or heated. The epidermis is drawn in the colour of "
    f"skin type {ROMAN[k]}.",
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
    "Laser risk over a course of fractional CO2: 14 % in mainly type IV skin (Lasers Surg Med "
    "2011; up to ~50 % temporary marks in another type IV series, Lasers Med Sci 2013), rising "
    "with skin type by an odds ratio of 2.5 per type (range 1.5-4.4, a modelling choice). "
    "Needling: the laser's risk divided by 3.04 (95 % CI 1.49-6.21), the risk ratio of a "
    "meta-analysis of 17 studies (Lasers Med Sci 2026). Checked against four needling trials "
    "(Model and evidence page). "
    f"Types {extrapolated_types_text()} lie furthest from the measured skin types: their "
    "values (faded bars, marked *) are extrapolations of the curve."
)
st.markdown(EXISTING_MARKS)
