"""Collagen-induction simulator: the Streamlit entry point.

Run with ``python -m streamlit run app.py``. This file sets up the pages,
the shared scenario (session state + URL) and the sidebar every page shows;
the pages in ``pages/`` draw with ``viz`` what ``sim`` computes.
"""

from __future__ import annotations

import streamlit as st

from pages._shared import (
    CONTRAST_KEY,
    DISCLAIMER,
    init_scenario,
    mark_entrypoint,
    reset_all,
    return_to_wanted_page,
    scenario_json_later,
    show_notices,
    show_share_link,
    timeseries_csv_later,
)

st.set_page_config(
    page_title="Microneedling simulator",
    page_icon=":material/healing:",
    layout="wide",
    initial_sidebar_state="expanded",
)

PAGES = [
    st.Page("pages/explore.py", title="Explore", icon=":material/biotech:", default=True),
    st.Page("pages/office_vs_home.py", title="Office vs. home", icon=":material/home:"),
    st.Page(
        "pages/depressed_vs_raised.py", title="Depressed vs. raised", icon=":material/landscape:"
    ),
    st.Page("pages/protocol_trade_offs.py", title="Protocol trade-offs", icon=":material/grid_on:"),
    st.Page("pages/skin_tone_and_laser.py", title="Skin tone and laser", icon=":material/palette:"),
    st.Page("pages/model_and_evidence.py", title="Model and evidence", icon=":material/menu_book:"),
]

page = st.navigation(PAGES)
mark_entrypoint()
scenario = init_scenario()
return_to_wanted_page(scenario)

with st.sidebar:
    st.warning(f"**{DISCLAIMER}**", icon=":material/info:")
    st.toggle("High contrast (projector)", key=CONTRAST_KEY)
    show_share_link()
    st.button("Reset all", on_click=reset_all, type="secondary", width="stretch")
    st.download_button(
        "Download time series (CSV)",
        data=timeseries_csv_later(),
        file_name="microneedling_time_series.csv",
        mime="text/csv",
        width="stretch",
        on_click="ignore",
    )
    st.download_button(
        "Download scenario (JSON)",
        data=scenario_json_later(),
        file_name="microneedling_scenario.json",
        mime="application/json",
        width="stretch",
        on_click="ignore",
    )

st.markdown(
    f":orange-badge[:material/info: **{DISCLAIMER}**] The numbers come from a simplified "
    "model of published studies."
)
show_notices()
page.run()
