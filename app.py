"""Collagen-induction simulator: the Streamlit entry point.

Run with ``python -m streamlit run app.py``. This file sets up the pages,
the shared scenario (session state + URL) and the sidebar every page shows;
the pages in ``pages/`` draw with ``viz`` what ``sim`` computes.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from pages._preload import preload
from pages._shared import (
    DISCLAIMER,
    LANGUAGE,
    PROJECTOR,
    init_scenario,
    mark_entrypoint,
    page_style,
    reset_all,
    return_to_wanted_page,
    script_running,
    show_notices,
    show_share_link,
    start_language,
    view_widget,
)
from viz.i18n import LANGUAGES, SOURCE, _, language

preload()  # before any figure is serialised (see pages/_preload.py)

# The page icon is a file of the app's own: a Material icon name would make the
# browser fetch the favicon from a font server on another host.
start_language()  # before any text: everything below speaks the session's language
st.set_page_config(
    page_title=_("Microneedling simulator"),
    page_icon=str(Path(__file__).parent / "assets" / "icon.png"),
    layout="wide",
    initial_sidebar_state="auto",  # open on a laptop or projector, closed on a phone
)

PAGES = [
    st.Page("pages/explore.py", title=_("Explore"), icon=":material/biotech:", default=True),
    st.Page("pages/how_it_looks.py", title=_("How it looks"), icon=":material/face:"),
    st.Page("pages/office_vs_home.py", title=_("Office vs. home"), icon=":material/home:"),
    st.Page(
        "pages/depressed_vs_raised.py",
        title=_("Depressed vs. raised"),
        icon=":material/landscape:",
    ),
    st.Page(
        "pages/protocol_trade_offs.py", title=_("Protocol trade-offs"), icon=":material/grid_on:"
    ),
    st.Page(
        "pages/skin_tone_and_laser.py", title=_("Skin tone and laser"), icon=":material/palette:"
    ),
    st.Page("pages/cases.py", title=_("Practice cases"), icon=":material/quiz:"),
    st.Page("pages/lesson.py", title=_("Lesson"), icon=":material/school:"),
    st.Page(
        "pages/model_and_evidence.py", title=_("Model and evidence"), icon=":material/menu_book:"
    ),
]

page = st.navigation(PAGES)
mark_entrypoint()
scenario = init_scenario(page.url_path)
page_style()
return_to_wanted_page(scenario)

with st.sidebar:
    st.warning(f"**{_(DISCLAIMER)}**", icon=":material/info:")
    # The word "Language" also in English, for someone who landed on a language they cannot read.
    label = _("Language")
    view_widget(
        LANGUAGE,
        st.selectbox,
        label + ("" if language().code == SOURCE else " · Language"),
        format_func=lambda code: LANGUAGES[code].name,
    )
    view_widget(PROJECTOR, st.toggle, _("High contrast (projector)"))
    show_share_link()
    st.button(_("Reset all"), on_click=reset_all, type="secondary", width="stretch")

st.markdown(
    f":orange-badge[:material/info: **{_(DISCLAIMER)}**] "
    + _("The numbers come from a simplified model of published studies.")
)
show_notices()
with script_running():  # figures sent ahead wait while another session runs
    page.run()
