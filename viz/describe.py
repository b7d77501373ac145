"""Plain-words sentences: the outcome and a text description of every chart.

Each chart on screen has one of these next to it, so that a screen reader
(or a reader who cannot see colour) gets the same numbers as the picture.
Days are converted to weeks or months here, never in the model.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from sim.model import Result
from sim.registry import choice_label
from viz.timeline import is_raised

DAYS_PER_MONTH = 365.25 / 12


def duration_text(days: float) -> str:
    """``28`` → ``"4 weeks"``, ``180`` → ``"6 months"``, ``10`` → ``"10 days"``.

    Examples
    --------
    >>> duration_text(28), duration_text(180), duration_text(1), duration_text(365)
    ('4 weeks', '6 months', '1 day', '12 months')
    """
    days = float(days)
    if days >= 56:
        months = days / DAYS_PER_MONTH
        if abs(months - round(months)) < 0.2:
            n = round(months)
            return f"{n} month" + ("s" if n != 1 else "")
    if days >= 14 and days % 7 == 0:
        n = round(days / 7)
        return f"{n} weeks"
    n = round(days)
    return f"{n} day" + ("s" if n != 1 else "")


def _pct(value: float) -> str:
    return f"{value:.0f} %"


def protocol_text(result: Result) -> str:
    """``"3 sessions 4 weeks apart"``, ``"1 session"``, ``"no session"``."""
    s = result.scenario
    if s.sessions == 0:
        return "no session"
    if s.sessions == 1:
        return "1 session"
    return f"{s.sessions} sessions {duration_text(s.interval_days)} apart"


def _after_last_text(result: Result) -> str:
    days = result.scenario.follow_up_days
    if days == 0:
        return "on the day of the last session"
    return f"{duration_text(days)} after the last session"


def outcome_sentence(result: Result) -> str:
    """One live sentence: what happened to the scar, in plain words.

    Examples
    --------
    >>> from sim import Scenario, simulate
    >>> outcome_sentence(simulate(Scenario()))[:60]
    'After 3 sessions 4 weeks apart, new collagen has filled abou'
    """
    s = result.scenario
    f = result.final
    depth = result.side_effects.effective_depth_mm
    if s.sessions == 0:
        if is_raised(result):
            return (
                f"Without treatment the model leaves the raised scar as it is, "
                f"{f['raised_height_mm']:.1f} mm above the skin."
            )
        return (
            "Without treatment the scar stays as it is: acne scars are mostly permanent "
            f"(deepest point {f['depression_depth_mm']:.2f} mm below the skin)."
        )
    if is_raised(result):
        before = float(result.raised_height_mm[0])
        return (
            f"After {protocol_text(result)}, the raised scar is "
            f"{f['raised_height_mm']:.1f} mm high (it was {before:.1f} mm; typical range "
            f"{result.raised_height_p10_mm[-1]:.1f}-{result.raised_height_p90_mm[-1]:.1f} mm), "
            f"{_after_last_text(result)}. Needling does not flatten raised scars: their "
            "overactive fibroblasts answer the injury with even more collagen."
        )
    sentence = (
        f"After {protocol_text(result)}, new collagen has filled about "
        f"{_pct(f['improvement_pct'])} (typical range {f['improvement_pct_p10']:.0f}"
        f"-{_pct(f['improvement_pct_p90'])}) of the scar's volume, "
        f"{_after_last_text(result)}; its deepest point went from "
        f"{result.depression_depth_mm[0]:.2f} mm to {f['depression_depth_mm']:.2f} mm below "
        "the surrounding skin."
    )
    if depth <= s.epidermis_mm:
        sentence += (
            f" The needles reach only {depth * 1000:.0f} µm, not through the "
            f"{s.epidermis_mm * 1000:.0f} µm epidermis, so almost no new collagen forms."
        )
    elif s.scar_type.tether_fraction > 0.5:
        sentence += (
            " Most of this scar is held down by a narrow tract, which new collagen cannot lift."
        )
    return sentence


def collagen_summary(result: Result, frame: int = -1) -> tuple[float, float]:
    """Peak new collagen (% of normal dermis) and its type III share (%) at a field frame."""
    young = result.collagen3[frame].astype(float)
    mature = result.collagen1[frame].astype(float)
    total = young + mature
    peak = float(total.max())
    share = float(young.sum() / total.sum()) if total.sum() > 0 else 0.0
    return 100 * peak, 100 * share


def describe_cross_section(result: Result) -> str:
    """Text description of :func:`viz.cross_section.cross_section_figure`."""
    s = result.scenario
    layers = result.layers_mm
    width = result.x_mm.size * result.h_mm
    fx = result.side_effects
    peak, share = collagen_summary(result)
    day = float(result.times_days[-1])
    text = (
        f"Cross-section of the skin, {width:.0f} mm wide, through a "
        f"{choice_label('scar', s.scar).lower()} scar, shown at the end of follow-up "
        f"(day {day:.0f}); a slider and a play button step through "
        f"{result.field_times_days.size} moments of the course. Layers from the top: "
        f"epidermis {layers['epidermis']:.2f} mm, papillary dermis to "
        f"{layers['papillary']:.2f} mm, reticular dermis to {layers['dermis']:.2f} mm, "
        "then fat. "
    )
    if s.sessions:
        text += (
            f"At each of {s.sessions} sessions the needles (set to {s.needle_mm:.2f} mm) "
            f"reached {fx.effective_depth_mm:.2f} mm. "
        )
    if is_raised(result):
        text += (
            f"The scar stood {result.raised_height_mm[0]:.2f} mm above the skin and now "
            f"stands {result.raised_height_mm[-1]:.2f} mm. "
        )
    else:
        text += (
            f"The scar floor was {result.depression_depth_mm[0]:.2f} mm below the skin and "
            f"is now {result.depression_depth_mm[-1]:.2f} mm below. "
        )
    if peak > 0.05:
        kind = "mostly young collagen III" if share >= 50 else "mostly mature collagen I"
        text += (
            f"New collagen reaches {peak:.0f} % of normal dermis, {kind} ({share:.0f} % type III)."
        )
    else:
        text += "Almost no new collagen has formed."
    return text


def describe_timeline(result: Result) -> str:
    """Text description of :func:`viz.timeline.timeline_figure`."""
    weeks = result.times_days[-1] / 7
    sessions = ", ".join(f"{d / 7:.0f}" for d in result.session_days) or "none"
    if is_raised(result):
        body = (
            f"scar height above the skin goes from {result.raised_height_mm[0]:.2f} mm to "
            f"{result.raised_height_mm[-1]:.2f} mm (typical range "
            f"{result.raised_height_p10_mm[-1]:.2f}-{result.raised_height_p90_mm[-1]:.2f} mm)"
        )
    else:
        body = (
            f"the scar's volume filled goes from 0 % to {result.improvement_pct[-1]:.0f} % "
            f"(typical range {result.improvement_pct_p10[-1]:.0f}-"
            f"{result.improvement_pct_p90[-1]:.0f} %)"
        )
    text = (
        f"Line chart over {weeks:.0f} weeks: {body}. Office sessions in weeks {sessions}. "
        "Shaded: inflammation (days 1-5), proliferation (to week 8) and remodelling "
        "(to one year) after the first session."
    )
    if result.home_days.size:
        text += f" Home roller used {result.home_days.size} times."
    return text


def describe_comparison(results: Mapping[str, Result]) -> str:
    """Text description of :func:`viz.timeline.comparison_timeline_figure`."""
    parts = []
    for label, result in results.items():
        f = result.final
        if is_raised(result):
            parts.append(f"{label}: {f['raised_height_mm']:.2f} mm high")
        else:
            parts.append(
                f"{label}: {f['improvement_pct']:.0f} % filled (typical "
                f"{f['improvement_pct_p10']:.0f}-{f['improvement_pct_p90']:.0f} %)"
            )
    return "Line chart, one line per plan, at the end of follow-up: " + "; ".join(parts) + "."


def describe_depth_bars(
    entries: Sequence[tuple[str, float, float]], layers_mm: Mapping[str, float]
) -> str:
    """Text description of :func:`viz.depth.needle_depth_figure`.

    ``entries`` are (label, nominal needle mm, effective depth mm).
    """
    parts = []
    for label, nominal, effective in entries:
        if effective <= layers_mm["epidermis"]:
            where = "stays in the epidermis"
        elif effective <= layers_mm["papillary"]:
            where = "reaches the papillary dermis"
        elif effective <= layers_mm["dermis"]:
            where = "reaches the reticular dermis"
        else:
            where = "reaches the fat"
        parts.append(f"{label}: needle {nominal:.2f} mm, reaches {effective:.2f} mm, {where}")
    return (
        f"Depth chart. Epidermis ends at {layers_mm['epidermis']:.2f} mm, papillary dermis at "
        f"{layers_mm['papillary']:.2f} mm, reticular dermis at {layers_mm['dermis']:.2f} mm. "
        + "; ".join(parts)
        + "."
    )


def describe_map(
    metric_label: str,
    unit: str,
    values: np.ndarray,
    x_values: Sequence[float],
    y_values: Sequence[float],
    x_title: str,
    y_title: str,
) -> str:
    """Text description of one trade-off map: range and where the extremes lie."""
    values = np.asarray(values, dtype=float)
    lo = np.unravel_index(np.nanargmin(values), values.shape)
    hi = np.unravel_index(np.nanargmax(values), values.shape)
    u = f" {unit}" if unit else ""
    return (
        f"Map of {metric_label.lower()} over {x_title.lower()} ({x_values[0]:g}-{x_values[-1]:g}) "
        f"and {y_title.lower()} ({y_values[0]:g}-{y_values[-1]:g}). Lowest "
        f"{values[lo]:.2f}{u} at {x_values[lo[1]]:g} and {y_values[lo[0]]:g}; highest "
        f"{values[hi]:.2f}{u} at {x_values[hi[1]]:g} and {y_values[hi[0]]:g}."
    )


def describe_pareto(
    points: Sequence[tuple[float, float, float, float]], x_title: str, y_title: str
) -> str:
    """Best trade-offs as text: (x, y, improvement %, pain index) per point."""
    if not points:
        return "No trade-off points."
    shown = ", ".join(
        f"{x:g} / {y:g} ({imp:.0f} % filled, pain {pain:.2f})" for x, y, imp, pain in points[:8]
    )
    more = f" and {len(points) - 8} more" if len(points) > 8 else ""
    return (
        f"Best trade-offs between improvement and pain ({x_title.lower()} / "
        f"{y_title.lower()}): {shown}{more}. No other setting gives more improvement "
        "for the same or less pain."
    )


def describe_pigmentation(
    fitzpatrick: int, needling_pct: Sequence[float], laser_pct: Sequence[float]
) -> str:
    """Text description of :func:`viz.skin_tone.pigmentation_figure`."""
    roman = ("I", "II", "III", "IV", "V", "VI")
    parts = [
        f"type {roman[k]}: needling {n:.1f} %, laser {laser:.1f} %"
        for k, (n, laser) in enumerate(zip(needling_pct, laser_pct, strict=True))
    ]
    k = fitzpatrick - 1
    return (
        "Bar chart of the chance of dark marks (post-inflammatory hyperpigmentation) over a "
        "course, by skin type: " + "; ".join(parts) + f". Your choice is type {roman[k]}: "
        f"needling {needling_pct[k]:.1f} % vs fractional laser {laser_pct[k]:.1f} %."
    )


def describe_validation(rows: Sequence[Mapping[str, object]]) -> str:
    """Text description of :func:`viz.evidence.validation_figure`."""
    parts = [
        f"{row['study']} ({row['protocol']}): published {float(row['published']):g}, "
        f"model {float(row['model']):g} {row['unit']}"
        for row in rows
    ]
    return "Dot chart, model against published results: " + "; ".join(parts) + "."
