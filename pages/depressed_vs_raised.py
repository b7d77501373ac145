"""Depressed vs. raised: the same protocol on a depressed and on a raised scar."""

from __future__ import annotations

import streamlit as st

from pages._shared import (
    DEPRESSED_SCAR,
    RAISED_SCAR,
    VIEW_PREFIX,
    chart,
    cross_section_cached,
    current_scenario,
    high_contrast,
    legend_cached,
    linked_fragment,
    require_entrypoint,
    simulate_cached,
    view_widget,
)
from sim.registry import choice_label
from viz.describe import (
    describe_cross_section,
    describe_scar_level,
    grade_sentence,
    outcome_sentence,
)
from viz.i18n import _
from viz.timeline import scar_level_figure

require_entrypoint(__file__)

# TRANSLATORS: page title: scars that sit below the skin against scars that stand above it.
st.title(_("Depressed vs. raised"), anchor=False)
st.markdown(
    _(
        "Acne scars that sit **below** the skin lack collagen; needling makes new collagen "
        "that partly fills them. **Raised** scars (hypertrophic scars and keloids) already "
        "have too much collagen, made by overactive fibroblasts: collagen induction has "
        "nothing to fill there, so it gives them no flattening."
    )
)


def scar_name(value: str) -> str:
    """A scar choice's label in the reader's language."""
    return _(choice_label("scar", value))


@linked_fragment
def comparison() -> None:
    """Scar choices and the two pictures, one above the other (each as wide as the
    page: side by side they were too small on a projector). Reruns alone when a
    choice changes."""
    scenario = current_scenario()
    contrast = high_contrast()
    # The shared scenario's scar is the first choice of its kind, unless the link says.
    for setting in (DEPRESSED_SCAR, RAISED_SCAR):
        if scenario.scar in (setting.choices or ()):
            st.session_state.setdefault(VIEW_PREFIX + setting.name, scenario.scar)
    with st.container(horizontal=True, gap="medium"):
        depressed_name = view_widget(
            DEPRESSED_SCAR,
            st.selectbox,
            # TRANSLATORS: label of the choice of a scar that sits below the skin.
            _("Depressed scar"),
            format_func=scar_name,
            width=260,
        )
        raised_name = view_widget(
            RAISED_SCAR,
            st.selectbox,
            # TRANSLATORS: label of the choice of a scar that stands above the skin.
            _("Raised scar"),
            format_func=scar_name,
            width=260,
        )
    results = {}
    for name, scar, box in (
        ("depressed", str(depressed_name), st.info),
        ("raised", str(raised_name), st.warning),
    ):
        scen = scenario.with_changes(scar=scar)
        result = results[name] = simulate_cached(scen)
        st.header(scar_name(scar))
        box(f"{outcome_sentence(result)}\n\n{grade_sentence(result)}")
        chart(
            cross_section_cached(scen, contrast, False),
            f"{name}_cross_section",
            describe_cross_section(result, animate=False),
            legend=legend_cached(scen, contrast),
            toolbar=False,
        )
    r_depressed, r_raised = results["depressed"], results["raised"]
    st.header(_("Distance from the level of the surrounding skin"))
    chart(
        scar_level_figure(r_depressed, r_raised, high_contrast=contrast),
        "scar_level",
        describe_scar_level(r_depressed, r_raised),
    )


comparison()

st.header(_("What is used for raised scars instead"))
raised_treatments = (
    _("**Silicone gel or sheets** worn on the scar for months, to flatten and soften it."),
    _("**Steroid injections** (corticosteroid into the scar) to slow the overactive fibroblasts."),
    # TRANSLATORS: the citations (journal names and years) stay as they are.
    _(
        "**Needling only as a delivery route or with silicone**: in a randomised trial of pen "
        "needling of hypertrophic scars and keloids (n = 20), scars improved 52 % with needling "
        "alone and 63-68 % combined with silicone gel (Adv Skin Wound Care 2016); a review of "
        "burn scars says the same (Scars Burns Heal 2019). What improves them is remodelling "
        "and drug delivery, not new collagen."
    ),
)
st.markdown("\n".join(f"- {item}" for item in raised_treatments))
st.markdown(
    # TRANSLATORS: the citations (author names, years, journals) stay as they are.
    _(
        "**Keloids can flare after any injury.** No rate after microneedling has been "
        "published; for reference, keloids come back in 19-45 % after excision (Lemperle "
        "2020) and half of 32 people with keloids formed one after their first ear piercing "
        "(Lane 2005). The model shows this as a risk with its source, not as a certain rise. "
        "Trials of microneedling for acne scars **exclude** people with a history of keloids "
        "or hypertrophic scars (Alam et al., JAMA Dermatol 2014). Active keloids make collagen "
        "about 20 times faster than normal skin (Craig 1975, as quoted by GPnotebook)."
    )
)
