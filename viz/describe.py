"""Plain-words sentences: the outcome and a text description of every chart.

Each chart on screen has one of these next to it, so that a screen reader
(or a reader who cannot see colour) gets the same numbers as the picture.
Days are converted to weeks or months here, never in the model.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from sim import goodman
from sim.model import Result
from sim.registry import choice_label
from viz.cross_section import DEPTH_EXAGGERATION, MAX_FRAMES, frame_days
from viz.skin_tone import EXTRAPOLATED_TYPES, extrapolated_types_text
from viz.tradeoffs import IMPROVEMENT_TARGETS_PCT, CheapestSetting, setting_text

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


def pct_text(value: float) -> str:
    """Rounded percentage; a small positive value reads "<1 %", never an exact 0."""
    return "<1 %" if 0 < value < 0.5 else f"{value:.0f} %"


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
    if s.sessions == 0:
        if result.scenario.scar_type.is_raised:
            return (
                f"Without treatment the model leaves the raised scar as it is, "
                f"{f['raised_height_mm']:.1f} mm above the skin."
            )
        return (
            "Without treatment the scar stays as it is: acne scars are mostly permanent "
            f"(deepest point {f['depression_depth_mm']:.2f} mm below the skin)."
        )
    if result.scenario.scar_type.is_raised:
        sentence = (
            f"After {protocol_text(result)}, the raised scar still stands "
            f"{f['raised_height_mm']:.1f} mm above the skin, {_after_last_text(result)}. "
            "Collagen induction gives it no flattening: it already has too much collagen and "
            "no deficit to fill."
        )
        flare = result.side_effects.keloid_flare_risk_pct
        if flare is not None:
            sentence += (
                f" Keloids can flare after any injury ({flare[0]:.0f}-{flare[1]:.0f} % after "
                "excision or ear piercing; no figure after needling is published), so needling "
                "a keloid is avoided."
            )
        return sentence
    low_pct, high_pct = pct_text(f["improvement_pct_p10"]), pct_text(f["improvement_pct_p90"])
    spread = (
        f"typical range {low_pct} to {high_pct}"
        if low_pct != high_pct
        else "about the same for most patients"
    )
    sentence = (
        f"After {protocol_text(result)}, new collagen has filled about "
        f"{pct_text(f['improvement_pct'])} ({spread}) of the scar's volume, "
        f"{_after_last_text(result)}; its deepest point went from "
        f"{result.depression_depth_mm[0]:.2f} mm to {f['depression_depth_mm']:.2f} mm below "
        "the surrounding skin."
    )
    low, high = result.side_effects.effective_depth_range_mm
    if low <= s.epidermis_mm:
        sentence += (
            f" The needles reach only about {low * 1000:.0f}-{high * 1000:.0f} µm, around "
            f"the {s.epidermis_mm * 1000:.0f} µm epidermis, so little new collagen forms."
        )
    elif s.scar_type.tether_fraction > 0.5:
        sentence += (
            " Most of this scar is held down by a narrow tract, which new collagen cannot lift."
        )
    return sentence


def grade_sentence(result: Result, day: float | None = None) -> str:
    """The Goodman & Baron grade before and on ``day`` (default: the end), in words a
    patient understands, with the range of the lower and upper responder.

    Examples
    --------
    >>> from sim import Scenario, simulate
    >>> print(grade_sentence(simulate(Scenario(scar="boxcar_shallow"))).split("): ")[1][:40])
    grade 3 before, grade 2 now (range 1-2).
    """
    series = goodman.grade_series(result)
    raised = result.scenario.scar_type.is_raised
    before = int(series.grade[0])
    grade, worse, better = series.at(float(result.times_days[-1]) if day is None else day)
    words = goodman.GRADES[grade].words(raised=raised)
    if grade == before and worse == better:
        change = f"grade {before} before and after"
    elif worse == better:
        change = f"grade {before} before, grade {grade} now"
    else:
        change = f"grade {before} before, grade {grade} now (range {better}-{worse})"
    return (
        "On the clinic's scale (Goodman & Baron, 1-4, estimated from the model's surface): "
        f"{change}. Grade {grade}: “{words}”"
    )


def collagen_summary(result: Result, day: float | None = None) -> tuple[float, float]:
    """Peak new collagen (% of normal dermis) and its type III share (%) on ``day``
    (the field frame nearest to it; default: the end of follow-up)."""
    snapshot = result.fields.at(result.times_days[-1] if day is None else day)
    young = snapshot.collagen3.astype(float)
    mature = snapshot.collagen1.astype(float)
    total = young + mature
    peak = float(total.max())
    share = float(young.sum() / total.sum()) if total.sum() > 0 else 0.0
    return 100 * peak, 100 * share


def describe_cross_section(result: Result, *, animate: bool = True) -> str:
    """Text description of :func:`viz.cross_section.cross_section_figure`
    (``animate`` as passed to it: only an animated figure has time controls)."""
    s = result.scenario
    layers = result.layers_mm
    width = result.x_mm.size * result.h_mm
    fx = result.side_effects
    peak, share = collagen_summary(result)
    day = float(result.times_days[-1])
    drawn = frame_days(result, MAX_FRAMES).size
    text = (
        f"Cross-section of the skin, {width:.0f} mm wide, through a "
        f"{choice_label('scar', s.scar).lower()} scar, shown at the end of follow-up "
        f"(day {day:.0f})"
        + (
            f"; the time controls below it (Play, Previous and Next step, or the arrow keys) "
            f"step through {drawn} moments of the course. "
            if animate
            else ". "
        )
        + "Layers from the top: "
        f"epidermis {layers['epidermis']:.2f} mm, papillary dermis to "
        f"{layers['papillary']:.2f} mm, reticular dermis to {layers['dermis']:.2f} mm, "
        f"then fat. Depth is drawn {DEPTH_EXAGGERATION:g} times the scale of width. "
    )
    if s.sessions:
        text += (
            f"At each of {s.sessions} sessions the needles ({s.needle_mm:.1f} mm long) "
            f"reached a depth of about {fx.effective_depth_mm:.1f} mm. "
        )
    if result.scenario.scar_type.is_raised:
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
    if result.scenario.scar_type.is_raised:
        body = (
            f"scar height above the skin goes from {result.raised_height_mm[0]:.1f} mm to "
            f"{result.raised_height_mm[-1]:.1f} mm (typical range "
            f"{result.raised_height_p10_mm[-1]:.1f}-{result.raised_height_p90_mm[-1]:.1f} mm)"
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
        if result.scenario.scar_type.is_raised:
            parts.append(f"{label}: {f['raised_height_mm']:.2f} mm high")
        else:
            parts.append(
                f"{label}: {f['improvement_pct']:.0f} % filled (typical "
                f"{f['improvement_pct_p10']:.0f}-{f['improvement_pct_p90']:.0f} %)"
            )
    return "Line chart, one line per plan, at the end of follow-up: " + "; ".join(parts) + "."


def describe_depth_bars(entries: Sequence[tuple], layers_mm: Mapping[str, float]) -> str:
    """Text description of :func:`viz.depth.needle_depth_figure`.

    ``entries`` are (label, nominal needle mm, depth reached mm[, (low, high) mm]).
    """
    parts = []
    for label, nominal, effective, *rest in entries:
        if effective <= layers_mm["epidermis"]:
            where = "stays in the epidermis"
        elif effective <= layers_mm["papillary"]:
            where = "reaches the papillary dermis"
        elif effective <= layers_mm["dermis"]:
            where = "reaches the reticular dermis"
        else:
            where = "reaches the fat"
        reach = f"{effective:.2f} mm"
        if rest:
            reach += f" (range {rest[0][0]:.2f}-{rest[0][1]:.2f} mm)"
        parts.append(f"{label}: needle {nominal:.2f} mm, reaches {reach}, {where}")
    return (
        f"Depth chart. Epidermis ends at {layers_mm['epidermis']:.2f} mm, papillary dermis at "
        f"{layers_mm['papillary']:.2f} mm, reticular dermis at {layers_mm['dermis']:.2f} mm. "
        + "; ".join(parts)
        + "."
    )


RAISED_TARGETS_NOTE = (
    "No settings are marked for a raised scar: no setting flattens it "
    "(collagen induction has no deficit to fill in a raised scar)."
)


def cheapest_sentences(
    settings: Sequence[CheapestSetting],
    x_values: Sequence[float],
    y_values: Sequence[float],
    y_name: str,
    targets_pct: Sequence[float] = IMPROVEMENT_TARGETS_PCT,
) -> list[str]:
    """The settings that reach each improvement target with the least pain, in words.

    One sentence per circle of :func:`viz.tradeoffs.tradeoff_map_figure`, e.g.
    "To fill at least 30 % with the least pain: 1.5 mm, 3 sessions (32 %,
    course pain 3.0)."; then one naming the targets no setting on the map reaches.
    """
    sentences = [
        f"To fill at least {s.target_pct:g} % with the least pain: "
        f"{x_values[s.col]:g} mm, {setting_text(y_name, float(y_values[s.row]))} "
        f"({s.improvement_pct:.0f} %, course pain {s.course_pain:.1f})."
        for s in settings
    ]
    reached = {s.target_pct for s in settings}
    missed = [t for t in targets_pct if t not in reached]
    if missed:
        even = "" if settings else "even "
        sentences.append(f"No setting on this map fills {even}{missed[0]:g} %.")
    return sentences


def describe_cheapest(
    settings: Sequence[CheapestSetting],
    x_values: Sequence[float],
    y_values: Sequence[float],
    y_name: str,
    targets_pct: Sequence[float] = IMPROVEMENT_TARGETS_PCT,
) -> str:
    """:func:`cheapest_sentences` as one paragraph."""
    return " ".join(cheapest_sentences(settings, x_values, y_values, y_name, targets_pct))


def describe_pigmentation(
    fitzpatrick: int,
    needling_pct: Sequence[float],
    laser_pct: Sequence[float],
    extrapolated: Sequence[int] = EXTRAPOLATED_TYPES,
) -> str:
    """Text description of :func:`viz.skin_tone.pigmentation_figure`.

    Types in ``extrapolated`` (Fitzpatrick numbers) are flagged as such.
    """
    roman = ("I", "II", "III", "IV", "V", "VI")
    flag = {f: " (extrapolated)" if f in extrapolated else "" for f in range(1, 7)}
    parts = [
        f"type {roman[k]}{flag[k + 1]}: needling about {pct_text(n)}, laser about {pct_text(laser)}"
        for k, (n, laser) in enumerate(zip(needling_pct, laser_pct, strict=True))
    ]
    k = fitzpatrick - 1
    text = (
        "Bar chart of the chance of dark marks (post-inflammatory hyperpigmentation) over a "
        "course, by skin type: " + "; ".join(parts) + f". Your choice is type {roman[k]}: "
        f"needling about {pct_text(needling_pct[k])} vs fractional laser about "
        f"{pct_text(laser_pct[k])}. "
        "Each bar carries a whisker for its range: the laser's risk by skin type and the "
        "needling-to-laser risk ratio are uncertain."
    )
    if extrapolated:
        text += (
            f" The values for types {extrapolated_types_text(extrapolated)} are extrapolated "
            "furthest from the measured skin types (studies mostly of types III-V); their "
            "bars are faded and marked *."
        )
    return text


def describe_validation(rows: Sequence[Mapping[str, object]]) -> str:
    """Text description of :func:`viz.evidence.validation_figure`."""
    parts = [
        f"{row['study']} ({row['protocol']}): published {float(row['published']):.3g}, "
        f"model {float(row['model']):.3g}{' %' if row['unit'] == '%' else ''}"
        for row in rows
        if row["unit"] in ("%", "ratio")
    ]
    return (
        "Dot chart, model against published results (percentages, then ratios; the "
        "pigmentation counts are checked in the table): " + "; ".join(parts) + "."
    )
