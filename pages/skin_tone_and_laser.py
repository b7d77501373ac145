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
from sim.side_effects import laser_pigmentation_risk, needling_pigmentation_risk
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
scenario_widgets(("fitzpatrick", "punctures_per_cm2"), 2)

scenario = current_scenario()
contrast = high_contrast()
types = range(1, 7)
needling = [100 * needling_pigmentation_risk(f, scenario.punctures_per_cm2) for f in types]
laser = [100 * laser_pigmentation_risk(f) for f in types]
k = scenario.fitzpatrick - 1

extrapolated = (
    " (extrapolated beyond the published skin types)"
    if scenario.fitzpatrick in EXTRAPOLATED_TYPES
    else ""
)
st.info(
    f"Skin type {ROMAN[k]}: the model's chance of dark marks is about **{needling[k]:.1f} %** "
    f"after a needling course and **{laser[k]:.1f} %** after a fractional laser "
    f"course{extrapolated}."
)
chart(
    needling_vs_laser_figure(scenario.fitzpatrick, high_contrast=contrast),
    "needling_vs_laser",
    "Schematic of two skin slices. Left, microneedling: thin needle channels pass through "
    "an intact epidermis. Right, fractional laser: wide columns of epidermis and dermis are "
    f"removed or heated. The epidermis is drawn in the colour of skin type {ROMAN[k]}.",
)
chart(
    pigmentation_figure(needling, laser, scenario.fitzpatrick, high_contrast=contrast),
    "pigmentation_risk",
    describe_pigmentation(scenario.fitzpatrick, needling, laser),
)
st.caption(
    "Laser risk: logistic curve through 12.4 % at types III-IV (Chan 2007) and 57 % at "
    "types IV-VI (Alexis 2016). Needling: the laser's risk times the ratio seen in the "
    "randomised trial of Cachafeiro 2016 (0/23 vs 3/22), scaled by puncture density. "
    f"Types {extrapolated_types_text()} lie beyond these two anchors: their values (faded "
    "bars, marked *) are extrapolations of the curve, not published results."
)
