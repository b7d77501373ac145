"""How it looks: the skin's surface in 3-D under side light, before and after a course."""

from __future__ import annotations

import streamlit as st

from pages._shared import (
    BASIC,
    SURFACE_EXAGGERATED,
    SURFACE_PATCH,
    chart,
    control_width_px,
    current_scenario,
    high_contrast,
    linked_fragment,
    require_entrypoint,
    scenario_widget,
    time_controls,
    view_widget,
)
from pages._surface_cache import surface_figure_cached, surface_texts_cached
from viz.i18n import N_, _

require_entrypoint(__file__)

PATCH_LABELS = {"one_scar": N_("One scar"), "mixed": N_("Mixed scars")}
# The 3-D panels do not turn or zoom (all four keep one camera, so they compare);
# without this, a finger or a mouse wheel over them would not scroll the page.
PASS_THROUGH_CSS = "<style>.st-key-chart_surface .gl-container { pointer-events: none; }</style>"

st.title(_("How it looks"), anchor=False)
st.markdown(
    # TRANSLATORS: "▶ Play" is the name of the button under the picture.
    _(
        "A patch of cheek under light from the side, before and after the course. Press "
        "**▶ Play** under the picture to watch it change."
    )
)


@linked_fragment
def surface_view() -> None:
    """Patch choice, settings, picture and outcome: a change reruns only this part."""
    # One row that wraps: the picture stays high enough to be seen on a laptop.
    with st.container(horizontal=True, gap="small", vertical_alignment="bottom"):
        kind = str(
            view_widget(
                SURFACE_PATCH,
                st.segmented_control,
                _("Patch of skin"),
                format_func=lambda k: _(PATCH_LABELS[k]),
                required=True,
            )
        )
        exaggerate = bool(view_widget(SURFACE_EXAGGERATED, st.toggle, _("Exaggerate height ×5")))
        # The mixed patch has its own scars; the treatment applies to all of them.
        for name in BASIC if kind != "mixed" else [n for n in BASIC if n != "scar"]:
            scenario_widget(name, width=control_width_px(name))

    scenario = current_scenario()
    texts = surface_texts_cached(scenario, kind, exaggerate)
    st.html(PASS_THROUGH_CSS)
    chart(
        surface_figure_cached(scenario, kind, exaggerate, high_contrast()),
        "surface",
        texts.description,
        toolbar=False,
        controls=lambda: time_controls("surface", texts.steps),
    )
    if kind == "mixed":
        st.markdown(
            _(
                "**Mixed scars:** 13 acne scars in the proportions Jacob, Dover & Kaminer "
                "report (J Am Acad Dermatol 2001): mostly ice pick, then boxcar, then rolling. "
                "Each gets the treatment set above."
            )
        )
    st.info(texts.outcome)


surface_view()

st.header(_("How to read it"))
HOW_TO_READ = (
    # TRANSLATORS: "Exaggerate height ×5" is the name of a switch above the picture.
    _(
        "**True scale** shows the heights as they are: a scar a few tenths of a millimetre "
        "deep is a shallow dent on a patch 1 cm wide. The switch **Exaggerate height ×5** "
        "draws every height five times higher, to show the shape; the picture then says so "
        "under the panels."
    ),
    _(
        "**The light** comes from the left, low over the skin, so a dip's left wall throws a "
        "shadow and its right wall catches the light. That is why scars look worse under side "
        "light than under light from the front."
    ),
    _(
        "**Each round scar** is the model's cross-section turned around its centre. Scars "
        "that are not round (a long trough, for example) are not drawn as they are."
    ),
    # TRANSLATORS: "One scar" is a choice of the control "Patch of skin".
    _(
        "**Raised scars** (hypertrophic, keloid: choose one under *One scar*) already have "
        "too much collagen: needling gives them no flattening, and the picture shows them "
        "unchanged."
    ),
    _(
        "**The grade** is Goodman & Baron's scale of acne scars (1 = a flat mark, 4 = "
        "severe), estimated here from the model's surface; a clinician grades by eye."
    ),
)
st.markdown("\n".join(f"- {item}" for item in HOW_TO_READ))
