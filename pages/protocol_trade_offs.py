"""Protocol trade-offs (for trainees): what a course fills against what it costs the patient."""

from __future__ import annotations

import numpy as np
import streamlit as st

from pages._shared import (
    TRADEOFF_AXIS,
    TRADEOFF_MEASURE,
    TRADEOFF_RANGE,
    chart,
    current_scenario,
    high_contrast,
    linked_fragment,
    require_entrypoint,
    scenario_key,
    scenario_widgets,
    view_widget,
)
from sim import Scenario, plans
from sim.registry import SPECS
from viz.describe import RAISED_TARGETS_NOTE, cheapest_sentences
from viz.i18n import _, number
from viz.tradeoffs import (
    IMPROVEMENT_TARGETS_PCT,
    TITLES,
    best_sentence,
    bleeding_sentence,
    cheapest_settings,
    describe_tradeoff_map,
    tradeoff_map_figure,
)

require_entrypoint(__file__)


@st.cache_data(max_entries=512, show_spinner=False, hash_funcs={Scenario: scenario_key})
def row_measures(scenarios: tuple[Scenario, ...], day: float, band: bool) -> dict[str, np.ndarray]:
    """:func:`sim.plans.evaluate_scenarios` of one row of a map, cached."""
    return plans.evaluate_scenarios(scenarios, day, band=band)


def compute(grid: plans.SweepGrid, base: Scenario, band: bool) -> plans.SweepResult:
    """Every cell of ``grid``, a row at a time, with a progress bar counting the settings."""
    rows = plans.grid_scenarios(grid, base)
    total = sum(len(row) for row in rows)
    if band:
        start = _("Simulating {total} settings with the typical range …")
        # TRANSLATORS: progress text, e.g. "... with the typical range: 24 of 240 done"
        step = _("Simulating settings with the typical range: {done} of {total} done")
    else:
        start = _("Simulating {total} settings …")
        # TRANSLATORS: progress text, e.g. "Simulating settings: 24 of 240 done"
        step = _("Simulating settings: {done} of {total} done")
    bar = st.progress(0.0, text=start.format(total=number(total)))
    done, results = 0, []
    for row in rows:
        results.append(row_measures(row, grid.comparison_day, band))
        done += len(row)
        bar.progress(done / total, text=step.format(done=number(done), total=number(total)))
    bar.empty()
    return plans.assemble(grid, base, results)


st.title(_("Protocol trade-offs"), anchor=False)
st.markdown(
    _(
        "For trainees: how the needle length and a second setting trade what a course fills "
        "against what it costs the patient (pain, redness, visits). Other settings are those "
        "of the shared scenario."
    )
)
scenario_widgets(("scar", "device", "follow_up_days", "adjunct"))


@linked_fragment
def maps() -> None:
    """The map settings and the maps (rerun alone when a view setting changes)."""
    scenario = current_scenario()
    contrast = high_contrast()
    raised = scenario.scar_type.is_raised
    left, right = st.columns(2)
    y_name = view_widget(
        TRADEOFF_AXIS,
        left.radio,
        _("Second setting (vertical axis)"),
        format_func=lambda n: _(SPECS[n].label),
    )
    burden = view_widget(
        TRADEOFF_MEASURE,
        right.radio,
        _("Compare with"),
        format_func=lambda n: _(TITLES[n][0]),
    )
    band = view_widget(
        TRADEOFF_RANGE,
        st.toggle,
        _("Typical range of the fill (10th-90th percentile patient; slower)"),
        disabled=raised,
        help=_("A raised scar has no fill and no typical range of it."),
    )
    band = band and not raised
    grid = plans.sweep_grid(scenario, y_name)
    sweep = compute(grid, scenario, band)
    day = grid.comparison_day
    st.caption(
        _(
            "Every course is compared **{days} days after its first session** (about "
            "{months} months): the longest course on the map plus the chosen follow-up. "
            "Counted from each course's last session instead, longer courses would look better "
            "only because they are seen later. Course totals add up every session (and home "
            "roll) of a course; the pain index is 1 for one office-pen session at 1.5 mm."
        ).format(days=number(day), months=number(day / 30.4))
    )
    st.markdown(
        _(
            "**Yellow is better on every map**, and every measure keeps one colour scale for "
            "all scars and devices, so two maps can be compared by their colours."
        )
    )
    outcome = sweep.outcome
    cheapest = [] if raised else cheapest_settings(sweep[outcome], sweep["course_pain_index"])
    fig = tradeoff_map_figure(
        sweep, outcome, cheapest=cheapest, label_protocols=True, high_contrast=contrast
    )
    chart(fig, f"map_{outcome}", describe_tradeoff_map(sweep, outcome))
    if raised:
        shows = _("The map shows the change in height above the skin.")
        trials = _("No published trial is marked: the acne-scar trials excluded raised scars.")
        note = _(RAISED_TARGETS_NOTE)
        st.info(f"{note} {shows} {best_sentence(sweep, outcome)} {trials}")
    else:
        # TRANSLATORS: separator between the items of a list, e.g. "I, II and VI"
        targets = _(", ").join(
            _("{value} %").format(value=number(t)) for t in IMPROVEMENT_TARGETS_PCT
        )
        st.caption(
            _(
                "**Least pain for a target**: for each target ({targets} of the scar's volume "
                "filled), the one setting that reaches it with the least course pain. "
                "**Published acne trials**: rollers assumed 1.5 mm where the study's length is "
                "not in our evidence table."
            ).format(targets=targets)
        )
        sentences = cheapest_sentences(cheapest, grid.x_values, grid.y_values, y_name)
        st.info("\n".join(f"- {s}" for s in [best_sentence(sweep, outcome), *sentences]))
    if sweep.best(burden) is None:
        st.info(best_sentence(sweep, burden))
    else:
        fig = tradeoff_map_figure(sweep, burden, label_protocols=False, high_contrast=contrast)
        chart(fig, f"map_{burden}", describe_tradeoff_map(sweep, burden))
    st.markdown(bleeding_sentence(sweep))


maps()
