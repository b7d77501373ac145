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
from viz.describe import describe_comparison, describe_depth_bars, duration_text
from viz.i18n import _, ngettext, number, pct_text
from viz.timeline import comparison_timeline_figure

require_entrypoint(__file__)

# TRANSLATORS: page title: treatment in a clinic (office) against a roller used at home.
st.title(_("Office vs. home"), anchor=False)
st.markdown(
    _(
        "The same scar treated in a clinic and with a home roller. Home rollers have "
        "needles of 0.2-0.3 mm. Pens reach close to their set length in human skin; rollers "
        "reach less, and how much less nobody has measured in human skin, so the home "
        "roller's effect is shown as a range."
    )
)
scenario_widgets(("needle_mm", "home_needle_mm", "home_interval_days"))

scenario = current_scenario()
contrast = high_contrast()
plans = office_vs_home_plans(scenario)
office, home, combined = plans.office, plans.home, plans.combined
office_device = _(office.device_spec.label)
# The plans' names: legend of the time chart and its description.
# TRANSLATORS: a plan of office sessions, e.g. "Office: pen 1.50 mm, 3 sessions";
# {device} is the device (lower case).
office_label = ngettext(
    "Office: {device} {needle} mm, {sessions} session",
    "Office: {device} {needle} mm, {sessions} sessions",
    office.sessions,
).format(
    device=office_device.lower(),
    needle=number(office.needle_mm, 2),
    sessions=number(office.sessions),
)
# TRANSLATORS: a plan of home rolling, e.g. "Home roller 0.25 mm, every 2 days";
# {interval} is a duration.
home_label = _("Home roller {needle} mm, every {interval}").format(
    needle=number(home.needle_mm, 2), interval=duration_text(home.interval_days)
)
# TRANSLATORS: a plan: office sessions, with a home roller used in the weeks between them.
combined_label = _("Office sessions + home roller between them")
results = {
    office_label: simulate_cached(office),
    home_label: simulate_cached(home),
    combined_label: simulate_cached(combined),
}

st.header(_("How deep the needles go"))
layers = results[office_label].layers_mm
office_effects = results[office_label].side_effects
home_effects = results[home_label].side_effects
entries = [
    (
        # TRANSLATORS: a bar of the depth chart: a device and its needle length.
        _("{device} {needle} mm").format(device=office_device, needle=number(office.needle_mm, 2)),
        office.needle_mm,
        office_effects.effective_depth_mm,
        office_effects.effective_depth_range_mm,
    ),
    (
        _("Home roller {needle} mm").format(needle=number(home.needle_mm, 2)),
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
    # TRANSLATORS: "Kalluri 2011" is a citation; keep it.
    _(
        "The home roller's needles reach about **{low}-{high} µm** (the lower end is "
        "a roller in rat skin, Kalluri 2011; no human figure exists), against an epidermis of "
        "{epidermis} µm: at most they graze the top of the collagen-making dermis."
    ).format(
        low=number(low, 0), high=number(high, 0), epidermis=number(layers["epidermis"] * 1000, 0)
    )
)

st.header(_("The three plans on one time axis"))
chart(
    comparison_timeline_figure(results, high_contrast=contrast),
    "office_vs_home",
    describe_comparison(results),
)
office_r, home_r, combined_r = results.values()
if not office.scar_type.is_raised:
    home_low, home_high = (home_r.final[k] for k in ("improvement_pct_p10", "improvement_pct_p90"))
    st.markdown(
        # TRANSLATORS: {home_low} and {home_high} are percentages such as "3 %" (or "<1 %").
        _(
            "The home roller alone fills **{home_low} to {home_high}** of the scar's volume "
            "(typical range: nobody has measured the depth a roller reaches in human skin, and "
            "patients differ); office sessions fill **{office_low}-{office_high} %**, and "
            "adding the home roller between them gives **{combined_low}-{combined_high} %**."
        ).format(
            home_low=pct_text(home_low),
            home_high=pct_text(home_high),
            office_low=number(office_r.final["improvement_pct_p10"], 0),
            office_high=number(office_r.final["improvement_pct_p90"], 0),
            combined_low=number(combined_r.final["improvement_pct_p10"], 0),
            combined_high=number(combined_r.final["improvement_pct_p90"], 0),
        )
    )
