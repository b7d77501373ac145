"""Protocol trade-offs (for trainees): maps of benefit and burden over two settings."""

from __future__ import annotations

import numpy as np
import streamlit as st

from pages._shared import (
    chart,
    current_scenario,
    high_contrast,
    needle_range,
    require_entrypoint,
    scenario_widgets,
    simulate_many_cached,
)
from sim import Scenario
from sim.registry import SPECS
from sim.validation import PUBLISHED_PROTOCOLS
from viz.describe import RAISED_TARGETS_NOTE, cheapest_sentences, describe_map
from viz.tradeoffs import IMPROVEMENT_TARGETS_PCT, cheapest_settings, tradeoff_map_figure

require_entrypoint(__file__)

MAX_NEEDLE_VALUES = 25
NEEDLE_STEPS_MM = (0.05, 0.1, 0.25, 0.5)
Y_AXES = {
    "sessions": np.arange(1, 11),
    "interval_days": np.array([7, 14, 21, 28, 35, 42, 56, 70, 90]),
    "punctures_per_cm2": np.array([25, 50, 100, 150, 250, 400, 550, 700, 850, 1000]),
}


def needle_values(device: str) -> np.ndarray:
    """Needle lengths on the map: the device's range on a round grid (at most 25 values)."""
    low, high = needle_range(device)
    for step in NEEDLE_STEPS_MM:
        inner = np.arange(np.ceil(low / step - 1e-9) * step, high + 1e-9, step)
        values = np.unique(np.round(np.concatenate([[low], inner, [high]]), 3))
        if values.size <= MAX_NEEDLE_VALUES:
            return values
    return np.array([low, high])


def comparison_day(base: Scenario, y_name: str, y_values: np.ndarray) -> float:
    """Day after the first session at which every protocol on the map is compared: the
    longest course on the map, followed for the chosen follow-up."""
    longest = max(
        base.with_changes(**{y_name: y.item()}).end_day for y in (y_values.min(), y_values.max())
    )
    return float(longest)


def sweep(
    base: Scenario, x_values: np.ndarray, y_name: str, y_values: np.ndarray, day: float
) -> dict[str, np.ndarray]:
    """Metrics over the grid at ``day``, one row of ``y_values`` at a time, with a progress bar."""
    bar = st.progress(0.0, text="Computing the maps …")
    rows = []
    for k, y in enumerate(y_values):
        scenarios = tuple(
            base.with_changes(needle_mm=float(x), **{y_name: y.item()}) for x in x_values
        )
        rows.append(simulate_many_cached(scenarios, day))
        bar.progress((k + 1) / len(y_values), text=f"Computing the maps … row {k + 1}")
    bar.empty()
    return {name: np.stack([row[name] for row in rows]) for name in rows[0]}


st.title("Protocol trade-offs")
st.markdown(
    "For trainees: how needle depth and a second setting trade improvement against pain, "
    "bleeding and redness. Other settings are those of the shared scenario."
)
scenario_widgets(("scar", "device", "follow_up_days", "adjunct"), 4)


@st.fragment
def maps() -> None:
    """The map settings and the four maps (rerun alone when the axis changes)."""
    scenario = current_scenario()
    contrast = high_contrast()
    y_name = st.radio(
        "Second setting (vertical axis)",
        tuple(Y_AXES),
        format_func=lambda n: SPECS[n].label,
        horizontal=True,
        key="tradeoff_axis",
    )
    spec = SPECS[y_name]
    x_values = needle_values(scenario.device)
    y_values = Y_AXES[y_name]
    day = comparison_day(scenario, y_name, y_values)
    metrics = sweep(scenario, x_values, y_name, y_values, day)
    st.caption(
        f"Every setting is compared **{day:.0f} days after its first session** "
        f"(about {day / 30.4:.0f} months): the longest course on the map plus the chosen "
        "follow-up. Counted from each course's last session instead, longer courses would "
        "look better only because they are seen later."
    )
    x_title = "Needle length (mm)"
    y_title = f"{spec.label} ({spec.unit})" if spec.unit else spec.label
    raised = scenario.scar_type.is_raised
    cheapest = (
        []
        if raised
        else cheapest_settings(metrics["improvement_pct"], metrics["course_pain_index"])
    )
    low, high = needle_range(scenario.device)
    protocols = [p for p in PUBLISHED_PROTOCOLS if low <= p.needle_mm <= high]
    common = {
        "x_title": x_title,
        "y_title": y_title,
        "y_name": y_name,
        "protocols": protocols,
        "high_contrast": contrast,
    }
    if raised:
        first = (
            "raised_height_change_mm",
            "Change in scar height",
            "mm",
            metrics["raised_height_change_mm"],
            {"reverse_scale": True},
        )
    else:
        first = ("improvement_pct", "Scar volume filled", "%", metrics["improvement_pct"], {})
    panels = (
        first,
        ("pain_index", "Pain (1 = office pen at 1.5 mm)", "", metrics["pain_index"], {}),
        (
            "bleeding",
            "Pinpoint bleeding",
            "",
            metrics["bleeding"].astype(float),
            {"binary_labels": ("no bleeding", "bleeds")},
        ),
        ("downtime_days", "Redness after a session", "days", metrics["downtime_days"], {}),
    )
    stars = (
        "**Yellow stars**: published protocols (rollers assumed 1.5 mm where the study's "
        "length is not in our evidence table)."
    )
    if raised:
        st.markdown(stars)
        st.info(RAISED_TARGETS_NOTE)
    else:
        targets = ", ".join(f"{t} %" for t in IMPROVEMENT_TARGETS_PCT)
        st.markdown(
            f"**Open circles** (first map): for each target ({targets} of the scar's volume "
            "filled), the one setting that reaches it with the least pain over the whole "
            f"course (pain per session x sessions). {stars}"
        )
        sentences = cheapest_sentences(cheapest, x_values, y_values, y_name)
        st.info("\n".join(f"- {sentence}" for sentence in sentences))
    columns = st.columns(2)
    for k, (name, label, unit, values, extra) in enumerate(panels):
        with columns[k % 2]:
            fig = tradeoff_map_figure(
                values,
                x_values,
                y_values,
                title=label,
                colour_title=unit or label.split(" (")[0],
                cheapest=cheapest if k == 0 else (),
                label_protocols=k == 0,
                **common,
                **extra,
            )
            chart(
                fig,
                f"map_{name}",
                describe_map(label, unit, values, x_values, y_values, x_title, y_title),
            )


maps()
