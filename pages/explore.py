"""Explore: one scar, one treatment course, in plain words (the landing page)."""

from __future__ import annotations

import streamlit as st

from pages._shared import (
    ADVANCED,
    BASIC,
    chart,
    cross_section_cached,
    current_scenario,
    high_contrast,
    require_entrypoint,
    scenario_widgets,
    simulate_cached,
    timeline_cached,
)
from viz.describe import describe_cross_section, describe_timeline, outcome_sentence

require_entrypoint(__file__)

st.title("Explore")
st.markdown(
    "Choose a scar and a treatment. The picture shows a slice through the skin: "
    "press **▶ Play** to watch new collagen form after each session."
)

scenario_widgets(BASIC, columns=len(BASIC))
with st.expander("More settings (for clinicians and teachers)"):
    scenario_widgets(ADVANCED, columns=3)

scenario = current_scenario()
result = simulate_cached(scenario)
contrast = high_contrast()

st.info(outcome_sentence(result))

chart(
    cross_section_cached(scenario, contrast),
    "cross_section",
    describe_cross_section(result),
)
st.subheader("How the scar changes over time")
chart(timeline_cached(scenario, contrast), "timeline", describe_timeline(result))
