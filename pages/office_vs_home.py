"""Office vs. home: an office pen against a 0.2-0.3 mm home roller, and both combined."""

from __future__ import annotations

import streamlit as st

from pages._shared import (
    chart,
    current_scenario,
    high_contrast,
    require_entrypoint,
    scenario_widgets,
    simulate_cached,
)
from sim.plans import office_vs_home_plans
from viz.depth import needle_depth_figure
from viz.describe import describe_comparison, describe_depth_bars, duration_text, pct_text
from viz.timeline import comparison_timeline_figure

require_entrypoint(__file__)

st.title("Office vs. home", anchor=False)
st.markdown(
    "The same scar treated in a clinic and with a home roller. Home rollers have "
    "needles of 0.2-0.3 mm. Pens reach close to their set length in human skin; rollers "
    "reach less, and how much less nobody has measured in human skin, so the home "
    "roller's effect is shown as a range."
)
scenario_widgets(("needle_mm", "home_needle_mm", "home_interval_days"))

scenario = current_scenario()
contrast = high_contrast()
plans = office_vs_home_plans(scenario)
office, home, combined = plans.office, plans.home, plans.combined
results = {
    f"Office: {office.device_spec.label.lower()} {office.needle_mm:.2f} mm, "
    f"{office.sessions} sessions": simulate_cached(office),
    f"Home roller {home.needle_mm:.2f} mm, every {duration_text(home.interval_days)}": (
        simulate_cached(home)
    ),
    "Office sessions + home roller between them": simulate_cached(combined),
}

st.header("How deep the needles go")
layers = next(iter(results.values())).layers_mm
office_effects = results[next(iter(results))].side_effects
home_effects = results[list(results)[1]].side_effects
entries = [
    (
        f"{office.device_spec.label} {office.needle_mm:.2f} mm",
        office.needle_mm,
        office_effects.effective_depth_mm,
        office_effects.effective_depth_range_mm,
    ),
    (
        f"Home roller {home.needle_mm:.2f} mm",
        home.needle_mm,
        home_effects.effective_depth_mm,
        home_effects.effective_depth_range_mm,
    ),
]
chart(
    needle_depth_figure(entries, layers, high_contrast=contrast),
    "needle_depth",
    describe_depth_bars(entries, layers),
)
low, high = (1000 * v for v in home_effects.effective_depth_range_mm)
st.markdown(
    f"The home roller's needles reach about **{low:.0f}-{high:.0f} µm** (the lower end is "
    "a roller in rat skin, Kalluri 2011; no human figure exists), against an epidermis of "
    f"{layers['epidermis'] * 1000:.0f} µm: at most they graze the top of the "
    "collagen-making dermis."
)

st.header("The three plans on one time axis")
chart(
    comparison_timeline_figure(results, high_contrast=contrast),
    "office_vs_home",
    describe_comparison(results),
)
office_r, home_r, combined_r = results.values()
if not office.scar_type.is_raised:
    home_low, home_high = (home_r.final[k] for k in ("improvement_pct_p10", "improvement_pct_p90"))
    st.markdown(
        f"The home roller alone fills **{pct_text(home_low)} to {pct_text(home_high)}** of the "
        "scar's volume "
        "(typical range: nobody has measured the depth a roller reaches in human skin, and "
        "patients differ); office sessions fill "
        f"**{office_r.final['improvement_pct_p10']:.0f}-"
        f"{office_r.final['improvement_pct_p90']:.0f} %**, and adding the home roller between "
        f"them gives **{combined_r.final['improvement_pct_p10']:.0f}-"
        f"{combined_r.final['improvement_pct_p90']:.0f} %**."
    )
