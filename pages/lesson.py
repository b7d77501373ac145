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
    describe_scar_level,
    duration_text,
)
from viz.i18n import N_, _, language, ngettext, number
from viz.lesson import step_message, step_rest, step_title
from viz.skin_tone import pigmentation_figure
from viz.timeline import comparison_timeline_figure, scar_level_figure

require_entrypoint(__file__)

STEP_KEY = VIEW_PREFIX + LESSON_STEP.name
# The page that shows more of a step's figure, and its title (as app.py names it).
MORE = {
    "cross_section": ("pages/explore.py", N_("Explore")),
    "needle_depth": ("pages/office_vs_home.py", N_("Office vs. home")),
    "animated_cross_section": ("pages/explore.py", N_("Explore")),
    "timeline": ("pages/explore.py", N_("Explore")),
    "office_vs_home": ("pages/office_vs_home.py", N_("Office vs. home")),
    "scar_level": ("pages/depressed_vs_raised.py", N_("Depressed vs. raised")),
    "pigmentation": ("pages/skin_tone_and_laser.py", N_("Skin tone and laser")),
}

_LESSON_KEYS = _own_component(
    "lesson_keys", '<div class="lesson-keys" role="status" aria-live="polite"></div>'
)


def go_to(step: int) -> None:
    """Show step ``step`` (1-based): the run that follows sets its scenario."""
    st.session_state[STEP_KEY] = str(step)


def step_counter(step: int) -> str:
    """ "Step N of 7" in the current language."""
    # TRANSLATORS: the lesson's counter between its Back and Next buttons.
    return _("Step {number} of {total}").format(number=number(step), total=number(len(STEPS)))


def navigation(step: int) -> None:
    """Back, "Step N of 7" and Next in one row (Tab and Enter reach them; a clicker
    presses them through ``pages/_lesson_keys.js``, which finds them by their keys)."""
    # The arrows point away from the counter: Back outwards on the reading direction's
    # start side (left in English, right in Arabic), Next on its end side.
    back, forward = ":material/arrow_back:", ":material/arrow_forward:"
    if language().rtl:
        back, forward = forward, back
    with st.container(horizontal=True, gap="small", vertical_alignment="center"):
        st.button(
            # TRANSLATORS: the lesson's button to the step before.
            _("Back"),
            key="lesson_back",
            icon=back,
            disabled=step == 1,
            on_click=go_to,
            args=(step - 1,),
        )
        st.markdown(f"**{step_counter(step)}**", width="content")
        st.button(
            # TRANSLATORS: the lesson's button to the next step.
            _("Next"),
            key="lesson_next",
            icon=forward,
            icon_position="right",
            disabled=step == len(STEPS),
            on_click=go_to,
            args=(step + 1,),
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
                    # TRANSLATORS: a device and its needle length, e.g. "Office pen 1.50 mm".
                    _("{device} {needle} mm").format(
                        device=_(shown.device_spec.label), needle=number(shown.needle_mm, 2)
                    ),
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
            # TRANSLATORS: a plan's name in a chart's legend, e.g. "Office: office pen
            # 1.50 mm, 3 sessions".
            ngettext(
                "Office: {device} {needle} mm, {sessions} session",
                "Office: {device} {needle} mm, {sessions} sessions",
                office.sessions,
            ).format(
                device=_(office.device_spec.label).lower(),
                needle=number(office.needle_mm, 2),
                sessions=number(office.sessions),
            ): simulate_cached(office),
            # TRANSLATORS: a plan's name in a chart's legend; {interval} is a duration such
            # as "2 weeks".
            _("Home roller {needle} mm, every {interval}").format(
                needle=number(home.needle_mm, 2), interval=duration_text(home.interval_days)
            ): simulate_cached(home),
            # TRANSLATORS: a plan's name in a chart's legend.
            _("Office sessions + home roller between them"): simulate_cached(plans.combined),
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
            describe_scar_level(depressed, raised),
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


def step_list(shown: int) -> None:
    """Every step's title: a button that jumps to it, the step shown in bold."""
    # TRANSLATORS: heading of the lesson's list of its seven steps.
    st.header(_("All steps"))
    with st.container(gap=None):
        for k, step in enumerate(STEPS, start=1):
            if k == shown:
                st.markdown(
                    # TRANSLATORS: the step shown, in the list of steps; keep the ** (bold).
                    _("**{number}. {title}** (shown now)").format(
                        number=number(k), title=step_title(step)
                    )
                )
            else:
                st.button(
                    # TRANSLATORS: a step in the list of steps, e.g. "2. How deep the needles go".
                    _("{number}. {title}").format(number=number(k), title=step_title(step)),
                    key=f"lesson_goto_{k}",
                    type="tertiary",
                    on_click=go_to,
                    args=(k,),
                )


@linked_fragment
def lesson() -> None:
    """The step shown: its scenario becomes the shared one (and goes into the link)."""
    shown = int(view_value(LESSON_STEP))
    step = STEPS[shown - 1]
    if current_scenario() != step.scenario:
        set_scenario(step.scenario)
    contrast = high_contrast()

    navigation(shown)
    st.title(step_title(step), anchor=False)
    # The step's message over the figure (it shows with the figure on a projector),
    # the rest of what the teacher says under it.
    st.markdown(step_message(step))
    show_figure(step, contrast)
    st.markdown(step_rest(step))
    if step.outcome:
        st.info(explore_texts(step.scenario).outcome)
    page, title = MORE[step.figure]
    st.page_link(
        page,
        # TRANSLATORS: a link to another page of the app, e.g. "More on Explore".
        label=_("More on {page}").format(page=_(title)),
        icon=":material/open_in_new:",
        help=_("Opens that page with this step's scenario."),
    )
    step_list(shown)
    # The status line screen readers read when the step changes ("Step 2 of 7: ...").
    _LESSON_KEYS(
        key="lesson_keys",
        data={
            "step": shown,
            # TRANSLATORS: read by screen readers when the lesson moves to another step.
            "status": _("Step {number} of {total}: {title}").format(
                number=number(shown), total=number(len(STEPS)), title=step_title(step)
            ),
        },
    )


lesson()
