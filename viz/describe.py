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
from viz.cross_section import DEPTH_EXAGGERATION, MAX_FRAMES, fill_range_text, frame_days
from viz.i18n import (
    N_,
    _,
    comma_list,
    ngettext,
    number,
    pct_number,
    pct_text,
    semicolon_list,
    significant,
)
from viz.skin_tone import EXTRAPOLATED_TYPES, extrapolated_types_text
from viz.tradeoffs import IMPROVEMENT_TARGETS_PCT, CheapestSetting, setting_text

DAYS_PER_MONTH = 365.25 / 12


def short_number(value: float, max_digits: int = 3) -> str:
    """``value`` with as few decimals as it needs (at most ``max_digits``), as the
    current language writes it: what ``f"{value:g}"`` gives in English.

    Examples
    --------
    >>> short_number(1.5), short_number(2.0), short_number(0.25)
    ('1.5', '2', '0.25')
    """
    value = float(value)
    digits = next((d for d in range(max_digits) if abs(value - round(value, d)) < 1e-9), max_digits)
    return number(value, digits)


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
            return ngettext("{n} month", "{n} months", n).format(n=number(n))
    if days >= 14 and days % 7 == 0:
        n = round(days / 7)
        return ngettext("{n} week", "{n} weeks", n).format(n=number(n))
    n = round(days)
    return ngettext("{n} day", "{n} days", n).format(n=number(n))


def protocol_text(result: Result) -> str:
    """``"3 sessions 4 weeks apart"``, ``"1 session"``, ``"no session"``."""
    s = result.scenario
    if s.sessions == 0:
        # TRANSLATORS: a treatment plan with no session at all.
        return _("no session")
    if s.sessions == 1:
        # TRANSLATORS: a treatment plan of a single session.
        return _("1 session")
    # TRANSLATORS: a treatment plan, e.g. "3 sessions 4 weeks apart"; {interval} is a
    # duration such as "4 weeks". Used after "After …" in the outcome sentence.
    return ngettext(
        "{sessions} session {interval} apart",
        "{sessions} sessions {interval} apart",
        s.sessions,
    ).format(sessions=number(s.sessions), interval=duration_text(s.interval_days))


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
    same_day = s.follow_up_days == 0
    if s.sessions == 0:
        if result.scenario.scar_type.is_raised:
            return _(
                "Without treatment the model leaves the raised scar as it is, "
                "{height} mm above the skin."
            ).format(height=number(f["raised_height_mm"], 1))
        return _(
            "Without treatment the scar stays as it is: acne scars are mostly permanent "
            "(deepest point {depth} mm below the skin)."
        ).format(depth=number(f["depression_depth_mm"], 2))
    if result.scenario.scar_type.is_raised:
        if same_day:
            # TRANSLATORS: {protocol} is a plan such as "3 sessions 4 weeks apart".
            template = _(
                "After {protocol}, the raised scar still stands {height} mm above the skin, "
                "on the day of the last session. Collagen induction gives it no flattening: "
                "it already has too much collagen and no deficit to fill."
            )
        else:
            # TRANSLATORS: {protocol} is a plan such as "3 sessions 4 weeks apart";
            # {duration} a duration such as "6 months".
            template = _(
                "After {protocol}, the raised scar still stands {height} mm above the skin, "
                "{duration} after the last session. Collagen induction gives it no "
                "flattening: it already has too much collagen and no deficit to fill."
            )
        sentence = template.format(
            protocol=protocol_text(result),
            height=number(f["raised_height_mm"], 1),
            duration=duration_text(s.follow_up_days),
        )
        flare = result.side_effects.keloid_flare_risk_pct
        if flare is not None:
            sentence += " " + _(
                "Keloids can flare after any injury ({low}-{high} % after excision or ear "
                "piercing; no figure after needling is published), so needling a keloid is "
                "avoided."
            ).format(low=number(flare[0], 0), high=number(flare[1], 0))
        return sentence
    spread = fill_range_text(f["improvement_pct_p10"], f["improvement_pct_p90"])
    if same_day:
        # TRANSLATORS: {protocol} is a plan such as "3 sessions 4 weeks apart"; {filled} a
        # percentage such as "25 %"; {spread} is "typical range 10 % to 40 %" or "about
        # the same for most patients".
        template = _(
            "After {protocol}, new collagen has filled about {filled} ({spread}) of the "
            "scar's volume, on the day of the last session; its deepest point went from "
            "{before} mm to {after} mm below the surrounding skin."
        )
    else:
        # TRANSLATORS: {protocol} is a plan such as "3 sessions 4 weeks apart"; {filled} a
        # percentage such as "25 %"; {spread} is "typical range 10 % to 40 %" or "about
        # the same for most patients"; {duration} a duration such as "6 months".
        template = _(
            "After {protocol}, new collagen has filled about {filled} ({spread}) of the "
            "scar's volume, {duration} after the last session; its deepest point went from "
            "{before} mm to {after} mm below the surrounding skin."
        )
    sentence = template.format(
        protocol=protocol_text(result),
        filled=pct_text(f["improvement_pct"]),
        spread=spread,
        duration=duration_text(s.follow_up_days),
        before=number(result.depression_depth_mm[0], 2),
        after=number(f["depression_depth_mm"], 2),
    )
    low, high = result.side_effects.effective_depth_range_mm
    if low <= s.epidermis_mm:
        sentence += " " + _(
            "The needles reach only about {low}-{high} µm, around the {epidermis} µm "
            "epidermis, so little new collagen forms."
        ).format(
            low=number(low * 1000, 0),
            high=number(high * 1000, 0),
            epidermis=number(s.epidermis_mm * 1000, 0),
        )
    elif s.scar_type.tether_fraction > 0.5:
        sentence += " " + _(
            "Most of this scar is held down by a narrow tract, which new collagen cannot lift."
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
    words = _(goodman.GRADES[grade].words(raised=raised))
    if grade == before and worse == better:
        # TRANSLATORS: Goodman & Baron's qualitative scale of acne scars (grades 1-4);
        # {words} is the grade's description in plain words.
        template = _(
            "On the clinic's scale (Goodman & Baron, 1-4, estimated from the model's "
            "surface): grade {before} before and after. Grade {grade}: “{words}”"
        )
    elif worse == better:
        # TRANSLATORS: Goodman & Baron's qualitative scale of acne scars (grades 1-4);
        # {words} is the grade's description in plain words.
        template = _(
            "On the clinic's scale (Goodman & Baron, 1-4, estimated from the model's "
            "surface): grade {before} before, grade {grade} now. Grade {grade}: “{words}”"
        )
    else:
        # TRANSLATORS: Goodman & Baron's qualitative scale of acne scars (grades 1-4);
        # "range" spans the grades of the upper ({better}) and lower ({worse}) responder;
        # {words} is the grade's description in plain words.
        template = _(
            "On the clinic's scale (Goodman & Baron, 1-4, estimated from the model's "
            "surface): grade {before} before, grade {grade} now (range {better}-{worse}). "
            "Grade {grade}: “{words}”"
        )
    return template.format(
        before=number(before),
        grade=number(grade),
        better=number(better),
        worse=number(worse),
        words=words,
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
    if animate:
        # TRANSLATORS: {scar} is a scar type such as "rolling" or "ice pick" (lower case;
        # in brackets, so that no article has to agree with it); "Play",
        # "Previous" and "Next step" are the labels of the buttons under the picture.
        intro = ngettext(
            "Cross-section of the skin, {width} mm wide, through the scar ({scar}), shown at "
            "the end of follow-up (day {day}); the time controls below it (Play, Previous and "
            "Next step, or the arrow keys) step through {moments} moment of the course.",
            "Cross-section of the skin, {width} mm wide, through the scar ({scar}), shown at "
            "the end of follow-up (day {day}); the time controls below it (Play, Previous and "
            "Next step, or the arrow keys) step through {moments} moments of the course.",
            drawn,
        )
    else:
        # TRANSLATORS: {scar} is a scar type such as "rolling" (lower case, in brackets).
        intro = _(
            "Cross-section of the skin, {width} mm wide, through the scar ({scar}), shown at "
            "the end of follow-up (day {day})."
        )
    parts = [
        intro.format(
            width=number(width, 0),
            scar=_(choice_label("scar", s.scar)).lower(),
            day=number(day, 0),
            moments=number(drawn),
        ),
        _(
            "Layers from the top: epidermis {epidermis} mm, papillary dermis to {papillary} mm, "
            "reticular dermis to {dermis} mm, then fat. Depth is drawn {exaggeration} times "
            "the scale of width."
        ).format(
            epidermis=number(layers["epidermis"], 2),
            papillary=number(layers["papillary"], 2),
            dermis=number(layers["dermis"], 2),
            exaggeration=short_number(DEPTH_EXAGGERATION),
        ),
    ]
    if s.sessions:
        parts.append(
            ngettext(
                "At the single session the needles ({needle} mm long) reached a depth of "
                "about {depth} mm.",
                "At each of {sessions} sessions the needles ({needle} mm long) reached a "
                "depth of about {depth} mm.",
                s.sessions,
            ).format(
                sessions=number(s.sessions),
                needle=number(s.needle_mm, 1),
                depth=number(fx.effective_depth_mm, 1),
            )
        )
    if result.scenario.scar_type.is_raised:
        parts.append(
            _("The scar stood {before} mm above the skin and now stands {now} mm.").format(
                before=number(result.raised_height_mm[0], 2),
                now=number(result.raised_height_mm[-1], 2),
            )
        )
    else:
        # The picture is the typical patient's (the title's range says how far others differ).
        parts.append(
            _(
                "The scar floor was {before} mm below the skin and, in a typical patient, is "
                "now {now} mm below."
            ).format(
                before=number(result.depression_depth_mm[0], 2),
                now=number(result.depression_depth_mm[-1], 2),
            )
        )
    if peak > 0.05:
        if share >= 50:
            template = _(
                "New collagen reaches {peak} % of normal dermis, mostly young collagen III "
                "({share} % type III)."
            )
        else:
            template = _(
                "New collagen reaches {peak} % of normal dermis, mostly mature collagen I "
                "({share} % type III)."
            )
        parts.append(template.format(peak=number(peak, 0), share=number(share, 0)))
    else:
        parts.append(_("Almost no new collagen has formed."))
    return " ".join(parts)


def describe_timeline(result: Result) -> str:
    """Text description of :func:`viz.timeline.timeline_figure`."""
    weeks = round(result.times_days[-1] / 7)
    # TRANSLATORS: no office session at all (in "Office sessions in weeks none").
    sessions = comma_list(number(d / 7, 0) for d in result.session_days) or _("none")
    if result.scenario.scar_type.is_raised:
        # TRANSLATORS: {sessions} is a list of week numbers such as "0, 4, 8".
        # No typical range: the height is the same in every sample, because collagen
        # induction does not flatten a raised scar ("1.0-1.0 mm" said nothing).
        template = ngettext(
            "Line chart over {weeks} week: scar height above the skin goes from {before} mm "
            "to {after} mm; collagen induction does not flatten a raised scar. Office "
            "sessions in weeks {sessions}. Shaded: inflammation (days 1-5), proliferation "
            "(to week 8) and remodelling (to one year) after the first session.",
            "Line chart over {weeks} weeks: scar height above the skin goes from {before} mm "
            "to {after} mm; collagen induction does not flatten a raised scar. Office "
            "sessions in weeks {sessions}. Shaded: inflammation (days 1-5), proliferation "
            "(to week 8) and remodelling (to one year) after the first session.",
            weeks,
        )
        values = (
            result.raised_height_mm[0],
            result.raised_height_mm[-1],
            result.raised_height_p10_mm[-1],
            result.raised_height_p90_mm[-1],
        )
        digits = 1
    else:
        # TRANSLATORS: {sessions} is a list of week numbers such as "0, 4, 8".
        template = ngettext(
            "Line chart over {weeks} week: the scar's volume filled goes from {before} % to "
            "{after} % (typical range {low}-{high} %). Office sessions in weeks {sessions}. "
            "Shaded: inflammation (days 1-5), proliferation (to week 8) and remodelling (to "
            "one year) after the first session.",
            "Line chart over {weeks} weeks: the scar's volume filled goes from {before} % to "
            "{after} % (typical range {low}-{high} %). Office sessions in weeks {sessions}. "
            "Shaded: inflammation (days 1-5), proliferation (to week 8) and remodelling (to "
            "one year) after the first session.",
            weeks,
        )
        values = (
            0.0,
            result.improvement_pct[-1],
            result.improvement_pct_p10[-1],
            result.improvement_pct_p90[-1],
        )
        digits = 0
    before, after, low, high = (number(v, digits) for v in values)
    text = template.format(
        weeks=number(weeks),
        before=before,
        after=after,
        low=low,
        high=high,
        sessions=sessions,
    )
    rolls = int(result.home_days.size)
    if rolls:
        text += " " + ngettext(
            "Home roller used {count} time.", "Home roller used {count} times.", rolls
        ).format(count=number(rolls))
    return text


def describe_comparison(results: Mapping[str, Result]) -> str:
    """Text description of :func:`viz.timeline.comparison_timeline_figure`
    (``results`` keyed by the plans' labels, already in the reader's language)."""
    parts = []
    for label, result in results.items():
        f = result.final
        if result.scenario.scar_type.is_raised:
            # TRANSLATORS: {plan} is the name of a treatment plan; a scar's height.
            part = _("{plan}: {height} mm high").format(
                plan=label, height=number(f["raised_height_mm"], 2)
            )
        else:
            # TRANSLATORS: {plan} is the name of a treatment plan; the share of the scar's
            # volume filled, with the range between the lower and upper responder.
            part = _("{plan}: {filled} % filled (typical {low}-{high} %)").format(
                plan=label,
                filled=pct_number(f["improvement_pct"]),
                low=pct_number(f["improvement_pct_p10"]),
                high=pct_number(f["improvement_pct_p90"]),
            )
        parts.append(part)
    # TRANSLATORS: {plans} is a list of "plan: result" items separated by semicolons.
    return _("Line chart, one line per plan, at the end of follow-up: {plans}.").format(
        plans=semicolon_list(parts)
    )


_DEPTH_BAR = {
    # TRANSLATORS: one bar of the needle depth chart; {label} names the device.
    ("epidermis", False): N_(
        "{label}: needle {nominal} mm, reaches {depth} mm, stays in the epidermis"
    ),
    ("papillary", False): N_(
        "{label}: needle {nominal} mm, reaches {depth} mm, reaches the papillary dermis"
    ),
    ("dermis", False): N_(
        "{label}: needle {nominal} mm, reaches {depth} mm, reaches the reticular dermis"
    ),
    ("fat", False): N_("{label}: needle {nominal} mm, reaches {depth} mm, reaches the fat"),
    # TRANSLATORS: one bar of the needle depth chart, with the range of the depth reached
    # (nobody measured it in human skin); {label} names the device.
    ("epidermis", True): N_(
        "{label}: needle {nominal} mm, reaches {depth} mm (range {low}-{high} mm), stays in "
        "the epidermis"
    ),
    ("papillary", True): N_(
        "{label}: needle {nominal} mm, reaches {depth} mm (range {low}-{high} mm), reaches "
        "the papillary dermis"
    ),
    ("dermis", True): N_(
        "{label}: needle {nominal} mm, reaches {depth} mm (range {low}-{high} mm), reaches "
        "the reticular dermis"
    ),
    ("fat", True): N_(
        "{label}: needle {nominal} mm, reaches {depth} mm (range {low}-{high} mm), reaches the fat"
    ),
}
"""One bar of :func:`describe_depth_bars`, by the layer reached and whether a range is given."""


def describe_depth_bars(entries: Sequence[tuple], layers_mm: Mapping[str, float]) -> str:
    """Text description of :func:`viz.depth.needle_depth_figure`.

    ``entries`` are (label, nominal needle mm, depth reached mm[, (low, high) mm]),
    labels already in the reader's language.
    """
    parts = []
    for label, nominal, effective, *rest in entries:
        layer = next(
            (name for name in ("epidermis", "papillary", "dermis") if effective <= layers_mm[name]),
            "fat",
        )
        low, high = rest[0] if rest else (0.0, 0.0)
        parts.append(
            _(_DEPTH_BAR[layer, bool(rest)]).format(
                label=label,
                nominal=number(nominal, 2),
                depth=number(effective, 2),
                low=number(low, 2),
                high=number(high, 2),
            )
        )
    # TRANSLATORS: {bars} is a list of the chart's bars separated by semicolons.
    return _(
        "Depth chart. Epidermis ends at {epidermis} mm, papillary dermis at {papillary} mm, "
        "reticular dermis at {dermis} mm. {bars}."
    ).format(
        epidermis=number(layers_mm["epidermis"], 2),
        papillary=number(layers_mm["papillary"], 2),
        dermis=number(layers_mm["dermis"], 2),
        bars=semicolon_list(parts),
    )


RAISED_TARGETS_NOTE = N_(
    "No settings are marked for a raised scar: no setting flattens it "
    "(collagen induction has no deficit to fill in a raised scar)."
)
"""Shown as ``_(RAISED_TARGETS_NOTE)`` (marked for the catalogue, translated where shown)."""


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
        # TRANSLATORS: {setting} is a setting in words, e.g. "3 sessions" or "sessions
        # every 28 days"; "course pain" is the model's pain score summed over a course.
        _(
            "To fill at least {target} % with the least pain: {needle} mm, {setting} "
            "({filled} %, course pain {pain})."
        ).format(
            target=short_number(s.target_pct),
            needle=short_number(x_values[s.col]),
            setting=setting_text(y_name, float(y_values[s.row])),
            filled=number(s.improvement_pct, 0),
            pain=number(s.course_pain, 1),
        )
        for s in settings
    ]
    reached = {s.target_pct for s in settings}
    missed = [t for t in targets_pct if t not in reached]
    if missed:
        if settings:
            template = _("No setting on this map fills {target} %.")
        else:
            # TRANSLATORS: not even the smallest target share of the scar is reached.
            template = _("No setting on this map fills even {target} %.")
        sentences.append(template.format(target=short_number(missed[0])))
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
    parts = []
    for k, (n, laser) in enumerate(zip(needling_pct, laser_pct, strict=True)):
        if k + 1 in extrapolated:
            # TRANSLATORS: {type} is a Fitzpatrick skin type in Roman numerals (I-VI).
            template = _(
                "type {type} (extrapolated): needling about {needling}, laser about {laser}"
            )
        else:
            # TRANSLATORS: {type} is a Fitzpatrick skin type in Roman numerals (I-VI).
            template = _("type {type}: needling about {needling}, laser about {laser}")
        parts.append(template.format(type=roman[k], needling=pct_text(n), laser=pct_text(laser)))
    k = fitzpatrick - 1
    # TRANSLATORS: {types} is a list of the skin types' results separated by semicolons;
    # {type} is the reader's Fitzpatrick skin type in Roman numerals (I-VI).
    text = _(
        "Bar chart of the chance of dark marks (post-inflammatory hyperpigmentation) over a "
        "course, by skin type: {types}. Your choice is type {type}: needling about "
        "{needling} vs fractional laser about {laser}. Each bar carries a whisker for its "
        "range: the laser's risk by skin type and the needling-to-laser risk ratio are "
        "uncertain."
    ).format(
        types=semicolon_list(parts),
        type=roman[k],
        needling=pct_text(needling_pct[k]),
        laser=pct_text(laser_pct[k]),
    )
    if extrapolated:
        # TRANSLATORS: {types} is a list of Fitzpatrick skin types such as "I, II and VI".
        text += " " + _(
            "The values for types {types} are extrapolated furthest from the measured skin "
            "types (studies mostly of types III-V); their bars are faded and marked *."
        ).format(types=extrapolated_types_text(extrapolated))
    return text


def describe_validation(rows: Sequence[Mapping[str, object]]) -> str:
    """Text description of :func:`viz.evidence.validation_figure`.

    Study names are citations and stay as published; protocols are translated
    where the catalogue has them.
    """
    parts = []
    for row in rows:
        if row["unit"] not in ("%", "ratio"):
            continue
        if row["unit"] == "%":
            # TRANSLATORS: {study} is a citation (kept as published), {protocol} the
            # trial's treatment; "published" and "model" are percentages.
            template = _("{study} ({protocol}): published {published}, model {model} %")
        else:
            # TRANSLATORS: {study} is a citation (kept as published), {protocol} the
            # trial's treatment; "published" and "model" are ratios.
            template = _("{study} ({protocol}): published {published}, model {model}")
        parts.append(
            template.format(
                study=row["study"],
                protocol=_(str(row["protocol"])),
                published=significant(float(row["published"])),
                model=significant(float(row["model"])),
            )
        )
    # TRANSLATORS: {results} is a list of "study (protocol): published …, model …" items
    # separated by semicolons.
    return _(
        "Dot chart, model against published results (percentages, then ratios; the "
        "pigmentation counts are checked in the table): {results}."
    ).format(results=semicolon_list(parts))


def describe_scar_level(depressed: Result, raised: Result) -> str:
    """What the scar-level chart shows, for screen readers: the depressed scar's depth
    at the start and the end, the raised scar's height."""
    weeks = round(depressed.times_days[-1] / 7)
    return ngettext(
        "Line chart over {weeks} week: the depressed scar's depth goes from {start} mm to "
        "{end} mm; the raised scar's height above the skin stays at {height} mm.",
        "Line chart over {weeks} weeks: the depressed scar's depth goes from {start} mm to "
        "{end} mm; the raised scar's height above the skin stays at {height} mm.",
        weeks,
    ).format(
        weeks=number(weeks),
        start=number(depressed.depression_depth_mm[0], 2),
        end=number(depressed.depression_depth_mm[-1], 2),
        height=number(raised.raised_height_mm[0], 1),
    )
