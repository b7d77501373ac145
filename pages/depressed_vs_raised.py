"""Depressed vs. raised: the same protocol on a depressed and on a raised scar."""

from __future__ import annotations

import streamlit as st

from pages._shared import (
    chart,
    cross_section_cached,
    current_scenario,
    high_contrast,
    require_entrypoint,
    simulate_cached,
)
from sim.registry import SPECS, choice_label
from sim.scars import SCARS
from viz.describe import describe_cross_section, outcome_sentence
from viz.timeline import scar_level_figure

require_entrypoint(__file__)

DEPRESSED = tuple(n for n in SPECS["scar"].choices if not SCARS[n].is_raised)
RAISED = tuple(n for n in SPECS["scar"].choices if SCARS[n].is_raised)

st.title("Depressed vs. raised")
st.markdown(
    "Acne scars that sit **below** the skin lack collagen; needling makes new collagen "
    "that partly fills them. **Raised** scars (hypertrophic scars and keloids) already "
    "have too much collagen, made by overactive fibroblasts: collagen induction has "
    "nothing to fill there, so it gives them no flattening."
)


@st.fragment
def comparison() -> None:
    """Scar choices and the side-by-side pictures (reruns alone when a choice changes)."""
    scenario = current_scenario()
    contrast = high_contrast()
    left, right = st.columns(2)
    default_depressed = scenario.scar if scenario.scar in DEPRESSED else DEPRESSED[1]
    default_raised = scenario.scar if scenario.scar in RAISED else RAISED[0]
    depressed_name = left.selectbox(
        "Depressed scar",
        DEPRESSED,
        index=DEPRESSED.index(default_depressed),
        format_func=lambda v: choice_label("scar", v),
        key="dvr_depressed",
    )
    raised_name = right.selectbox(
        "Raised scar",
        RAISED,
        index=RAISED.index(default_raised),
        format_func=lambda v: choice_label("scar", v),
        key="dvr_raised",
    )
    depressed = scenario.with_changes(scar=depressed_name)
    raised = scenario.with_changes(scar=raised_name)
    r_depressed = simulate_cached(depressed)
    r_raised = simulate_cached(raised)
    left.info(outcome_sentence(r_depressed))
    right.warning(outcome_sentence(r_raised))
    for name, scen, result in (
        ("depressed", depressed, r_depressed),
        ("raised", raised, r_raised),
    ):
        chart(
            cross_section_cached(scen, contrast, False),
            f"{name}_cross_section",
            describe_cross_section(result, animate=False),
        )
    st.subheader("Distance from the level of the surrounding skin")
    chart(
        scar_level_figure(r_depressed, r_raised, high_contrast=contrast),
        "scar_level",
        f"Line chart over {r_depressed.times_days[-1] / 7:.0f} weeks: the depressed scar's "
        f"depth goes from {r_depressed.depression_depth_mm[0]:.2f} mm to "
        f"{r_depressed.depression_depth_mm[-1]:.2f} mm; the raised scar's height above the "
        f"skin stays at {r_raised.raised_height_mm[0]:.2f} mm.",
    )


comparison()

st.subheader("What is used for raised scars instead")
st.markdown(
    """
- **Silicone gel or sheets** worn on the scar for months, to flatten and soften it.
- **Steroid injections** (corticosteroid into the scar) to slow the overactive fibroblasts.
- **Needling only as a delivery route or with silicone**: in a randomised trial of pen
  needling of hypertrophic scars and keloids (n = 20), scars improved 52 % with needling
  alone and 63-68 % combined with silicone gel (Adv Skin Wound Care 2016); a review of
  burn scars says the same (Scars Burns Heal 2019). What improves them is remodelling and
  drug delivery, not new collagen.

**Keloids can flare after any injury.** No rate after microneedling has been published;
for reference, keloids come back in 19-45 % after excision (Lemperle 2020) and half of
32 people with keloids formed one after their first ear piercing (Lane 2005). The model
shows this as a risk with its source, not as a certain rise. Trials of microneedling for
acne scars **exclude** people with a history of keloids or hypertrophic scars (Alam et al.,
JAMA Dermatol 2014). Active keloids make collagen about 20 times faster than normal skin
(Craig 1975, as quoted by GPnotebook).
"""
)
