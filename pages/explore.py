"""Explore: one scar, one treatment course, in plain words (the landing page)."""

from __future__ import annotations

import streamlit as st

from pages._shared import (
    ADVANCED,
    BASIC,
    MORE_SETTINGS,
    chart,
    chart_ahead,
    cross_section_cached,
    current_scenario,
    downloads,
    explore_texts,
    high_contrast,
    is_slider,
    legend_cached,
    linked_fragment,
    require_entrypoint,
    scenario_widgets,
    time_controls,
    timeline_cached,
    view_widget,
)
from viz.i18n import _

require_entrypoint(__file__)

# TRANSLATORS: title of the landing page, where one scar and one treatment are explored.
st.title(_("Explore"), anchor=False)
st.markdown(
    # TRANSLATORS: "Play" is the label of the button under the picture (keep the same word).
    _(
        "Choose a scar and a treatment. The picture is a slice through the skin: "
        "press **▶ Play** below it (or use the arrow keys) to watch new collagen form "
        "after each session."
    )
)


@linked_fragment
def explore() -> None:
    """Widgets, outcome and charts: a widget change reruns only this part of the app.

    The sidebar is not rerun, and needs not be: its share link is the page's
    own URL and its CSV download reads the scenario when pressed.
    """
    shown = BASIC
    scenario_widgets(BASIC)
    # A switch, not an expander: a closed expander still sends its eleven widgets on
    # every rerun; hidden ones cost nothing (benchmarks/RESULTS-latency.md).
    if view_widget(MORE_SETTINGS, st.toggle, _("More settings (for clinicians and teachers)")):
        scenario_widgets(ADVANCED)
        shown = BASIC + ADVANCED

    scenario = current_scenario()
    contrast = high_contrast()
    texts = explore_texts(scenario)  # cached with the figures: no model result for a known one

    chart(
        cross_section_cached(scenario, contrast),
        "cross_section",
        texts.cross_section,
        legend=legend_cached(scenario, contrast),
        toolbar=False,
        controls=lambda: time_controls("cross_section", texts.time_steps),
    )
    st.info(f"{texts.outcome}\n\n{texts.grade}")
    st.header(_("How the scar changes over time"))
    chart(timeline_cached(scenario, contrast), "timeline", texts.timeline)
    st.header(_("The numbers behind the pictures"))
    downloads()
    # Last: the picture's figures one key press away, drawn in the browser on that press.
    chart_ahead(
        "cross_section",
        scenario,
        [name for name in shown if is_slider(name)],
        lambda s: (cross_section_cached(s, contrast), explore_texts(s).cross_section),
    )


explore()
