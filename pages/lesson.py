"""Lesson: seven prepared steps for a class, from the skin to skin tone (sim.lesson).

Each step puts its prepared scenario into the shared scenario, so the link
(``?step=N`` and the scenario) reopens it. Next and Back are buttons; a
presentation clicker's PageDown/PageUp (or the arrow keys) press them
(``pages/_lesson_keys.js``). The figures are those of the other pages, built
by the same ``viz`` functions and page helpers.
"""

from __future__ import annotations

import streamlit as st

from pages._shared import (
    LESSON_STEP,
    VIEW_PREFIX,
    _own_component,
    chart,
    cross_section_cached,
    current_scenario,
    explore_texts,
    high_contrast,
    legend_cached,
    linked_fragment,
    require_entrypoint,
    set_scenario,
    simulate_cached,
    time_controls,
    timeline_cached,
    view_value,
)
from sim.lesson import STEPS, LessonStep
from sim.plans import office_vs_home_plans
from sim.side_effects import (
    laser_pigmentation_range,
    laser_pigmentation_risk,
    needling_pigmentation_range,
    needling_pigmentation_risk,
    side_effects,
)
from viz.depth import needle_depth_figure
from viz.describe import (
    describe_comparison,
    describe_cross_section,
    describe_depth_bars,
    describe_pigmentation,
    duration_text,
)
from viz.skin_tone import pigmentation_figure
from viz.timeline import comparison_timeline_figure, scar_level_figure

require_entrypoint(__file__)

STEP_KEY = VIEW_PREFIX + LESSON_STEP.name
# The page that shows more of a step's figure, and its title.
MORE = {
    "cross_section": ("pages/explore.py", "Explore"),
    "needle_depth": ("pages/office_vs_home.py", "Office vs. home"),
    "animated_cross_section": ("pages/explore.py", "Explore"),
    "timeline": ("pages/explore.py", "Explore"),
    "office_vs_home": ("pages/office_vs_home.py", "Office vs. home"),
    "scar_level": ("pages/depressed_vs_raised.py", "Depressed vs. raised"),
    "pigmentation": ("pages/skin_tone_and_laser.py", "Skin tone and laser"),
}

_LESSON_KEYS = _own_component(
    "lesson_keys", '<div class="lesson-keys" role="status" aria-live="polite"></div>'
)


def go_to(number: int) -> None:
    """Show step ``number`` (1-based): the run that follows sets its scenario."""
    st.session_state[STEP_KEY] = str(number)


def navigation(number: int) -> None:
    """Back, "Step N of 7" and Next in one row (Tab and Enter reach them; a clicker
    presses them through ``pages/_lesson_keys.js``, which finds them by their keys)."""
    with st.container(horizontal=True, gap="small", vertical_alignment="center"):
        st.button(
            "Back",
            key="lesson_back",
            icon=":material/arrow_back:",
            disabled=number == 1,
            on_click=go_to,
            args=(number - 1,),
        )
        st.markdown(f"**Step {number} of {len(STEPS)}**", width="content")
        st.button(
            "Next",
            key="lesson_next",
            icon=":material/arrow_forward:",
            icon_position="right",
            disabled=number == len(STEPS),
            on_click=go_to,
            args=(number + 1,),
        )


def show_figure(step: LessonStep, contrast: bool) -> None:
    """The step's figure, drawn as the page it comes from draws it."""
    scenario = step.scenario
    if step.figure == "cross_section":
        chart(
            cross_section_cached(scenario, contrast, False),
            "lesson_cross_section",
            describe_cross_section(simulate_cached(scenario), animate=False),
            legend=legend_cached(scenario, contrast),
            toolbar=False,
        )
    elif step.figure == "animated_cross_section":
        texts = explore_texts(scenario)
        chart(
            cross_section_cached(scenario, contrast),
            "lesson_cross_section",
            texts.cross_section,
            legend=legend_cached(scenario, contrast),
            toolbar=False,
            controls=lambda: time_controls("lesson_cross_section", texts.time_steps),
        )
    elif step.figure == "timeline":
        texts = explore_texts(scenario)
        chart(timeline_cached(scenario, contrast), "lesson_timeline", texts.timeline)
    elif step.figure == "needle_depth":
        entries = []
        for shown in step.scenarios:
            effects = side_effects(shown)
            entries.append(
                (
                    f"{shown.device_spec.label} {shown.needle_mm:.2f} mm",
                    shown.needle_mm,
                    effects.effective_depth_mm,
                    effects.effective_depth_range_mm,
                )
            )
        layers = simulate_cached(scenario).layers_mm
        chart(
            needle_depth_figure(entries, layers, high_contrast=contrast),
            "lesson_needle_depth",
            describe_depth_bars(entries, layers),
        )
    elif step.figure == "office_vs_home":
        plans = office_vs_home_plans(scenario)
        office, home = plans.office, plans.home
        results = {
            f"Office: {office.device_spec.label.lower()} {office.needle_mm:.2f} mm, "
            f"{office.sessions} sessions": simulate_cached(office),
            f"Home roller {home.needle_mm:.2f} mm, every {duration_text(home.interval_days)}": (
                simulate_cached(home)
            ),
            "Office sessions + home roller between them": simulate_cached(plans.combined),
        }
        chart(
            comparison_timeline_figure(results, high_contrast=contrast),
            "lesson_office_vs_home",
            describe_comparison(results),
        )
    elif step.figure == "scar_level":
        depressed, raised = simulate_cached(step.compare[0]), simulate_cached(scenario)
        chart(
            scar_level_figure(depressed, raised, high_contrast=contrast),
            "lesson_scar_level",
            f"Line chart over {depressed.times_days[-1] / 7:.0f} weeks: the depressed scar's "
            f"depth goes from {depressed.depression_depth_mm[0]:.2f} mm to "
            f"{depressed.depression_depth_mm[-1]:.2f} mm; the raised scar's height above the "
            f"skin stays at {raised.raised_height_mm[0]:.1f} mm.",
        )
    elif step.figure == "pigmentation":
        types = range(1, 7)
        needling = [100 * needling_pigmentation_risk(f) for f in types]
        laser = [100 * laser_pigmentation_risk(f) for f in types]
        needling_range = [tuple(100 * v for v in needling_pigmentation_range(f)) for f in types]
        laser_range = [tuple(100 * v for v in laser_pigmentation_range(f)) for f in types]
        chart(
            pigmentation_figure(
                needling,
                laser,
                scenario.fitzpatrick,
                needling_range_pct=needling_range,
                laser_range_pct=laser_range,
                high_contrast=contrast,
            ),
            "lesson_pigmentation",
            describe_pigmentation(scenario.fitzpatrick, needling, laser),
        )


def step_list(number: int) -> None:
    """Every step's title: a button that jumps to it, the step shown in bold."""
    st.header("All steps")
    with st.container(gap=None):
        for k, step in enumerate(STEPS, start=1):
            if k == number:
                st.markdown(f"**{k}. {step.title}** (shown now)")
            else:
                st.button(
                    f"{k}. {step.title}",
                    key=f"lesson_goto_{k}",
                    type="tertiary",
                    on_click=go_to,
                    args=(k,),
                )


@linked_fragment
def lesson() -> None:
    """The step shown: its scenario becomes the shared one (and goes into the link)."""
    number = int(view_value(LESSON_STEP))
    step = STEPS[number - 1]
    if current_scenario() != step.scenario:
        set_scenario(step.scenario)
    contrast = high_contrast()

    navigation(number)
    st.title(step.title, anchor=False)
    # The step's message over the figure (it shows with the figure on a projector),
    # the rest of what the teacher says under it.
    st.markdown(step.sentences[0])
    show_figure(step, contrast)
    st.markdown(" ".join(step.sentences[1:]))
    if step.outcome:
        st.info(explore_texts(step.scenario).outcome)
    page, title = MORE[step.figure]
    st.page_link(
        page,
        label=f"More on {title}",
        icon=":material/open_in_new:",
        help="Opens that page with this step's scenario.",
    )
    step_list(number)
    _LESSON_KEYS(
        key="lesson_keys",
        data={"step": number, "steps": len(STEPS), "title": step.title},
    )


lesson()
