"""Explore: one scar, one treatment course, in plain words (the landing page)."""

from __future__ import annotations

import streamlit as st

from pages._shared import (
    ADVANCED,
    BASIC,
    chart,
    cross_section_cached,
    current_scenario,
    explore_texts,
    high_contrast,
    require_entrypoint,
    scenario_widgets,
    timeline_cached,
)

require_entrypoint(__file__)

st.title("Explore")
st.markdown(
    "Choose a scar and a treatment. The picture shows a slice through the skin: "
    "press **▶ Play** to watch new collagen form after each session."
)


@st.fragment
def explore() -> None:
    """Widgets, outcome and charts: a widget change reruns only this part of the app.

    The sidebar is not rerun, and needs not be: its share link is the page's
    own URL and its CSV download reads the scenario when pressed.
    """
    scenario_widgets(BASIC, columns=len(BASIC))
    with st.expander("More settings (for clinicians and teachers)"):
        scenario_widgets(ADVANCED, columns=3)

    scenario = current_scenario()
    contrast = high_contrast()
    texts = explore_texts(scenario)  # cached with the figures: no model result for a known one

    st.info(texts.outcome)
    chart(cross_section_cached(scenario, contrast), "cross_section", texts.cross_section)
    st.subheader("How the scar changes over time")
    chart(timeline_cached(scenario, contrast), "timeline", texts.timeline)


explore()
