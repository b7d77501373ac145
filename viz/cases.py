"""Plain-words texts of the practice cases (:mod:`sim.cases`): the case card, the
answer choices, the model's answer and the nearest published protocol.

Days become weeks or months here (:func:`viz.describe.duration_text`), never in
the model. The model's reasons and notes (:class:`sim.cases.Text`) are translated
and their numbers written in the language of the run here (:func:`case_text`).

One rule writes every percentage of the page: :func:`viz.i18n.pct_number` (a whole
number, "<1" for a small positive share), so a value reads the same in the case's
table, its reasons and its chart. The fill is named by one quantity everywhere, the
share of the scar's volume filled (of its height flattened, for a raised scar):
:func:`fill_quantity` is the chart's axis and the item's name, :func:`fill_question`
asks for it.
"""

from __future__ import annotations

from collections.abc import Sequence

import plotly.graph_objects as go

from sim.cases import (
    FILL_MAX_WIDTH_PCT,
    FILL_TOLERANCE_PCT,
    FILL_WIDTH_FACTOR,
    FOLLOW_UP_DAYS,
    ROMAN,
    WISHES,
    Case,
    Check,
    ModelAnswer,
    Prediction,
    Protocol,
    Text,
    fill_miss,
    pain_band,
)
from sim.devices import DEVICES
from sim.scars import SCARS
from sim.validation import PUBLISHED_PROTOCOLS, PublishedProtocol
from viz.describe import duration_text
from viz.i18n import N_, _, ngettext, number, pct_number, pct_text, significant
from viz.style import OKABE_ITO, apply_theme, theme

SCAR_WORDS = {
    "ice_pick": N_("narrow pits (under 2 mm wide) with a deep, narrow tract (Jacob 2001)"),
    "boxcar_shallow": N_(
        "round or oval dents 1.5-4 mm wide with steep walls, shallow (0.1-0.5 mm deep; Jacob 2001)"
    ),
    "boxcar_deep": N_(
        "round or oval dents 1.5-4 mm wide with steep walls, deep (0.5 mm or more; Jacob 2001)"
    ),
    "rolling": N_("broad, shallow waves over 4 mm wide, tied down by fibrous bands (Jacob 2001)"),
    "hypertrophic": N_(
        "firm scars raised above the skin, staying within the original wound "
        "(about 1 mm high in the model; Vancouver Scar Scale, Sullivan 1990)"
    ),
    "keloid": N_(
        "raised scars that grow beyond the original wound (2-5 mm high; Vancouver "
        "Scar Scale, Sullivan 1990)"
    ),
}
"""What each scar preset looks like, in plain words, with the source of :mod:`sim.scars`
(marked with ``N_``: translate with ``_`` where shown)."""

SKIN_WORDS = (
    N_("always burns, never tans"),
    N_("usually burns, tans a little"),
    N_("sometimes burns, tans evenly"),
    N_("rarely burns, tans well"),
    N_("very rarely burns, brown skin"),
    N_("never burns, deeply pigmented skin"),
)
"""Fitzpatrick skin types I-VI in plain words (Fitzpatrick scale; marked with ``N_``)."""

ITEM_LABELS = {
    "bleeding": N_("Bleeding during the session"),
    "pain": N_("Pain of a session"),
    "pigmentation": N_("Chance of dark marks"),
}
"""Names of the predicted items but the fill, whose name depends on the scar
(:func:`item_label`); marked with ``N_``: translate with ``_`` where shown, the same
for the labels below."""
BLEEDING_LABELS = {
    # TRANSLATORS: answer to "Bleeding during the session?"
    "no": N_("No"),
    # TRANSLATORS: answer to "Bleeding during the session?"
    "possible": N_("Possible"),
    # TRANSLATORS: answer to "Bleeding during the session?"
    "yes": N_("Yes"),
}
PAIN_LABELS = {
    # TRANSLATORS: pain of a session compared with an office pen at 1.5 mm.
    "much_less": N_("Under half"),
    # TRANSLATORS: pain of a session compared with an office pen at 1.5 mm.
    "less": N_("Somewhat less"),
    # TRANSLATORS: pain of a session compared with an office pen at 1.5 mm.
    "same": N_("About the same"),
    # TRANSLATORS: pain of a session compared with an office pen at 1.5 mm.
    "more": N_("Somewhat more"),
    # TRANSLATORS: pain of a session compared with an office pen at 1.5 mm.
    "much_more": N_("Twice or more"),
}
"""Labels of :data:`sim.cases.PAIN_BANDS` (relative to an office pen at 1.5 mm)."""
PIGMENTATION_LABELS = {
    # TRANSLATORS: chance of dark marks after a course of treatment.
    "under_1": N_("Under 1 %"),
    # TRANSLATORS: chance of dark marks after a course of treatment.
    "1_to_5": N_("1-5 %"),
    # TRANSLATORS: chance of dark marks after a course of treatment.
    "5_to_20": N_("5-20 %"),
    # TRANSLATORS: chance of dark marks after a course of treatment.
    "over_20": N_("Over 20 %"),
}
"""Labels of :data:`sim.cases.PIGMENTATION_BANDS`."""


def _value_text(value: float | str, form: str) -> str:
    """One value of a :class:`sim.cases.Text` in the language of the run (forms:
    :data:`sim.cases.NUMBER_FORMS` and :data:`sim.cases.WORD_FORMS`)."""
    if form == "pct":
        return pct_number(float(value))
    if form == "needles":
        n = round(float(value))
        return ngettext("{needles} needle", "{needles} needles", n).format(needles=number(n))
    if form == "times":
        return times_text(float(value))
    if form == "text":
        return str(value)
    if form == "label":
        return _(str(value))
    if form == "lower_label":
        return _(str(value)).lower()
    if form == "days":
        n = round(float(value))
        return ngettext("{days} day", "{days} days", n).format(days=number(n))
    if form == "visits":
        n = round(float(value))
        return ngettext("{visits} clinic visit", "{visits} clinic visits", n).format(
            visits=number(n)
        )
    if form == "g":
        return significant(float(value), 6)
    if form == ".2g":
        return significant(float(value), 2)
    if form.startswith(".") and form.endswith("f"):
        return number(float(value), int(form[1:-1]))
    raise ValueError(f"unknown form {form!r} of a value")


def times_text(ratio: float) -> str:
    """A ratio with its noun, to 2 significant figures: ``"2.3 times"``; a ratio whose 2
    figures are a whole number is a count and takes its plural form (``ngettext``:
    ``"2 times"``, and in Arabic the dual). A ratio near 1 reads better without a
    number ("about as much as"): the sentence, not this function, says so.

    Examples
    --------
    >>> times_text(2.0), times_text(2.34), times_text(0.0964), times_text(12.4)
    ('2 times', '2.3 times', '0.096 times', '12 times')
    """
    written = float(f"{ratio:.2g}")
    if written >= 1 and written == int(written):
        n = int(written)
        return ngettext("{times} time", "{times} times", n).format(times=number(n))
    # TRANSLATORS: a ratio with decimals, e.g. "2.3 times" (as much).
    return _("{times} times").format(times=significant(ratio, 2))


def case_text(text: Text | Sequence[Text]) -> str:
    """A reason or note of :mod:`sim.cases` (one :class:`~sim.cases.Text` or several
    sentences) translated, its numbers written as the language of the run writes them.

    Examples
    --------
    >>> from sim.cases import Text
    >>> case_text(Text("About {share} % in {span}.", (("share", 12.3, ".0f"), ("span", 1, "days"))))
    'About 12 % in 1 day.'
    """
    if isinstance(text, Text):
        return _(text.template).format(
            **{name: _value_text(value, form) for name, value, form in text.values}
        )
    return " ".join(case_text(t) for t in text)


def case_title(case: Case) -> str:
    """``"Case 2: rolling scars, skin type IV"``: the scar's label in lower case, as it
    stands inside the sentence (in Spanish "de tipo «ondulada»", not "«Ondulada»")."""
    skin = ROMAN[case.fitzpatrick - 1]
    # TRANSLATORS: {scar} is a scar type in lower case, e.g. "rolling"; {skin} a Roman
    # numeral I-VI.
    return _("Case {number}: {scar} scars, skin type {skin}").format(
        number=case.number, scar=_(SCARS[case.scar].label).lower(), skin=skin
    )


def case_card(case: Case) -> str:
    """The case in plain words (Markdown): the scar, the skin and what the patient wants."""
    scar = SCARS[case.scar]
    k = case.fitzpatrick - 1
    return "  \n".join(
        (
            # TRANSLATORS: {scar} is a scar type in lower case, e.g. "rolling".
            _("**Scars:** {scar}: {looks}.").format(
                scar=_(scar.label).lower(), looks=_(SCAR_WORDS[case.scar])
            ),
            # TRANSLATORS: {skin} is a Fitzpatrick skin type in Roman numerals (I to VI).
            _("**Skin:** type {skin} ({words}).").format(skin=ROMAN[k], words=_(SKIN_WORDS[k])),
            _("**The patient wants:** {wish}").format(wish=_(WISHES[case.wish].text)),
        )
    )


def protocol_words(device: str, needle_mm: float, sessions: int, interval_days: int) -> str:
    """``"office pen at 1.5 mm, 3 sessions 4 weeks apart"``."""
    label = _(DEVICES[device].label).lower()
    needle = significant(needle_mm, 6)
    if sessions == 1:
        # TRANSLATORS: {device} is a device in lower case, e.g. "office pen".
        return _("{device} at {needle} mm, 1 session").format(device=label, needle=needle)
    # TRANSLATORS: {device} is a device in lower case, e.g. "office pen"; {interval} e.g. "4 weeks".
    return ngettext(
        "{device} at {needle} mm, {sessions} session {interval} apart",
        "{device} at {needle} mm, {sessions} sessions {interval} apart",
        sessions,
    ).format(
        device=label,
        needle=needle,
        sessions=number(sessions),
        interval=duration_text(interval_days),
    )


def protocol_text(protocol: Protocol) -> str:
    """The trainee's protocol in words."""
    return protocol_words(
        protocol.device, protocol.needle_mm, protocol.sessions, protocol.interval_days
    )


def nearest_text(protocol: Protocol, nearest: Sequence[PublishedProtocol], distance: float) -> str:
    """The published protocols nearest the trainee's, with their sources and the
    distance (Markdown)."""
    lines = [
        "- "
        # TRANSLATORS: {study} is a study, e.g. "Alam 2014"; {source} its citation.
        + _("**{study}**: {protocol} ({source}).").format(
            study=p.label,
            protocol=protocol_words(p.device, p.needle_mm, p.sessions, p.interval_days),
            source=p.source,
        )
        for p in nearest
    ]
    if distance == 0:
        how = _("Your protocol is the published one.")
    else:
        how = _(
            "Distance {distance}: one unit is 0.5 mm of needle, one session, 2 weeks "
            "between sessions, or another device (a modelling choice)."
        ).format(distance=number(distance, 1))
    if protocol.device not in {p.device for p in PUBLISHED_PROTOCOLS}:
        label = _(DEVICES[protocol.device].label).lower()
        how += " " + _(
            "None of the published protocols in the model's evidence used this device ({device})."
        ).format(device=label)
    return "\n".join(lines) + f"\n\n{how}"


def fill_quantity(case: Case) -> str:
    """What the fill prediction measures, as the chart's axis and the answer's item name:
    ``"% of the scar's volume filled"`` (the model's ``improvement_pct``: the share of
    the depression's volume filled), or for a raised scar ``"% of the height
    flattened"``."""
    if case.is_raised:
        return _("% of the height flattened")
    return _("% of the scar's volume filled")


def fill_question(case: Case) -> str:
    """The fill question, asking for the quantity :func:`fill_quantity` names."""
    if case.is_raised:
        return _("How much of the scar's height will flatten, 6 months after the last session (%)")
    return _("How much of the scar's volume will fill, 6 months after the last session (%)")


def item_label(item: str, case: Case) -> str:
    """The name of a predicted item (key of :data:`sim.cases.ITEMS`) in ``case``."""
    return fill_quantity(case) if item == "fill" else _(ITEM_LABELS[item])


def model_fill_text(answer: ModelAnswer) -> str:
    """The model's fill in words, with its range."""
    p10, p90 = answer.fill_range_pct
    if answer.case.is_raised:
        return _("no flattening (0 %): a raised scar has nothing to fill")
    return _("{low}-{high} % (median {median} %)").format(
        low=pct_number(p10), high=pct_number(p90), median=pct_number(answer.fill_pct)
    )


def model_texts(answer: ModelAnswer) -> dict[str, str]:
    """What the model says, item by item (keys of :data:`ITEM_LABELS`)."""
    low, high = answer.pigmentation_range_pct
    return {
        "fill": model_fill_text(answer),
        "bleeding": _(BLEEDING_LABELS[answer.bleeding]),
        # TRANSLATORS: {band} is e.g. "About the same" (pain compared with a 1.5 mm pen).
        "pain": _("{band} (index {index}; a 1.5 mm pen is 1)").format(
            band=_(PAIN_LABELS[pain_band(answer.pain_index)]),
            index=significant(answer.pain_index, 2),
        ),
        "pigmentation": _("{low} to {high} (central {central})").format(
            low=pct_text(low), high=pct_text(high), central=pct_text(answer.pigmentation_pct)
        ),
    }


def said_texts(prediction: Prediction) -> dict[str, str]:
    """What the trainee predicted, item by item."""
    low, high = prediction.fill_pct
    return {
        "fill": _("{low}-{high} %").format(low=pct_number(low), high=pct_number(high)),
        "bleeding": _(BLEEDING_LABELS[prediction.bleeding]),
        "pain": _(PAIN_LABELS[prediction.pain]),
        "pigmentation": _(PIGMENTATION_LABELS[prediction.pigmentation]),
    }


def fill_verdict(predicted: tuple[float, float], model_range: tuple[float, float]) -> str:
    """Whether a fill range counts, in the words of the part of the rule that decides it
    (:func:`sim.cases.fill_miss`): close enough; too wide (saying whether it contains the
    model's range, which a range too wide often does); above or below.

    Examples
    --------
    >>> fill_verdict((0, 100), (6, 6))[:50]
    "✗ contains the model's range but is too wide to be"
    """
    rule = {
        "tolerance": significant(FILL_TOLERANCE_PCT),
        "max_width": significant(FILL_MAX_WIDTH_PCT),
        "factor": significant(FILL_WIDTH_FACTOR),
    }
    miss = fill_miss(predicted, model_range)
    (low, high), (p10, p90) = predicted, model_range
    if miss is None:
        text = _(
            "✓ close enough: the middle of your range lies within the model's range or at "
            "most {tolerance} points outside it, and your range is not too wide"
        )
    elif miss == "too_wide" and low <= p10 and p90 <= high:
        text = _(
            "✗ contains the model's range but is too wide to be useful: a range counts only "
            "up to {max_width} points wide, or {factor} times the model's range if that is "
            "wider"
        )
    elif miss == "too_wide":
        text = _(
            "✗ too wide to count: a range counts only up to {max_width} points wide, or "
            "{factor} times the model's range if that is wider"
        )
    elif miss == "too_high":
        text = _(
            "✗ above the model's range: the middle of your range is more than {tolerance} "
            "points above it"
        )
    else:
        text = _(
            "✗ below the model's range: the middle of your range is more than {tolerance} "
            "points below it"
        )
    return text.format(**rule)


def answer_table(answer: ModelAnswer, prediction: Prediction, checks: Sequence[Check]) -> str:
    """Markdown list (it wraps on a phone, where a table of four columns did not): each
    prediction, the model's range and whether it falls inside; the fill's verdict says
    which part of its rule decided it (:func:`fill_verdict`)."""
    said, model = said_texts(prediction), model_texts(answer)
    verdict = fill_verdict(prediction.fill_pct, answer.fill_range_pct)
    rows = []
    for check in checks:
        if check.item == "fill":
            # TRANSLATORS: {item} is e.g. "% of the scar's volume filled"; {said} the
            # trainee's prediction; {verdict} e.g. "✗ above the model's range: ...".
            row = _("**{item}**: you said “{said}”; the model: {model}. **{verdict}**")
        elif check.hit:
            # TRANSLATORS: {item} is e.g. "Pain of a session"; {said} the trainee's prediction.
            row = _(
                "**{item}**: you said “{said}”; the model: {model}. **✓ inside the model's range**"
            )
        else:
            # TRANSLATORS: {item} is e.g. "Pain of a session"; {said} the trainee's prediction.
            row = _(
                "**{item}**: you said “{said}”; the model: {model}. **✗ outside the model's range**"
            )
        rows.append(
            "- "
            + row.format(
                item=item_label(check.item, answer.case),
                said=said[check.item],
                model=model[check.item],
                verdict=verdict,
            )
        )
    return "\n".join(rows)


def answer_description(answer: ModelAnswer, checks: Sequence[Check]) -> str:
    """One sentence: how many predictions fell inside the model's range, and when."""
    hits = sum(c.hit for c in checks)
    # TRANSLATORS: {after} is a duration, e.g. "6 months".
    return ngettext(
        "{hits} of {predictions} prediction inside the model's range, {after} after the last "
        "session.",
        "{hits} of {predictions} predictions inside the model's range, {after} after the last "
        "session.",
        len(checks),
    ).format(
        hits=number(hits), predictions=number(len(checks)), after=duration_text(FOLLOW_UP_DAYS)
    )


def summary_text(done: int, cases: int, hits: int, predictions: int) -> str:
    """The summary at the end of the page."""
    if done == 0:
        return ngettext(
            "No case answered yet: {cases} case in this set.",
            "No case answered yet: {cases} cases in this set.",
            cases,
        ).format(cases=number(cases))
    return _(
        "Cases answered: {done} of {cases}. Predictions inside the model's range: "
        "{hits} of {predictions}."
    ).format(
        done=number(done), cases=number(cases), hits=number(hits), predictions=number(predictions)
    )


def fill_ranges_figure(
    answer: ModelAnswer, prediction: Prediction, *, high_contrast: bool = False
) -> go.Figure:
    """Two bars on the 0-100 % scale: the trainee's fill range and the model's typical
    range, with the model's median as a tick.

    Examples
    --------
    >>> from sim.cases import Case, Protocol, model_answer
    >>> pen = Protocol("office_pen", 1.5, 3, 28)
    >>> answer = model_answer(Case(1, "rolling", 3, "best_result"), pen)
    >>> fig = fill_ranges_figure(answer, Prediction((20, 40), "yes", "same", "1_to_5"))
    >>> [bar.y[0] for bar in fig.data[:2]]
    ['You', 'The model']
    """
    t = theme(high_contrast)
    p10, p90 = answer.fill_range_pct
    you, the_model = _("You"), _("The model")
    rows = (
        (you, prediction.fill_pct, OKABE_ITO["orange"]),
        (the_model, (p10, p90), OKABE_ITO["blue"]),
    )
    fig = go.Figure()
    for name, (low, high), colour in rows:
        fig.add_trace(
            go.Bar(
                y=[name],
                x=[max(high - low, 1.0)],  # a zero-width range stays visible
                base=[low if high > low else low - 0.5],
                orientation="h",
                marker={"color": colour},
                name=name,
                hovertemplate=_("{name}: {low}-{high} %").format(
                    name=name, low=pct_number(low), high=pct_number(high)
                )
                + "<extra></extra>",
            )
        )
    fig.add_trace(
        go.Scatter(
            y=[the_model],
            x=[answer.fill_pct],
            mode="markers",
            marker={"symbol": "line-ns", "size": 26, "line": {"width": 4, "color": t.text}},
            name=_("Model's median"),
            hovertemplate=_("median: {median} %").format(median=pct_number(answer.fill_pct))
            + "<extra></extra>",
        )
    )
    apply_theme(fig, t, height=200 if not high_contrast else 260)
    fig.update_layout(
        showlegend=False,
        margin={"l": 10, "r": 40, "t": 10, "b": 60},
        xaxis={"range": [0, 100], "title": {"text": fill_quantity(answer.case)}},
        yaxis={"autorange": "reversed", "automargin": True},
    )
    return fig


def describe_fill_ranges(answer: ModelAnswer, prediction: Prediction) -> str:
    """Text description of :func:`fill_ranges_figure`, naming its axis's quantity."""
    low, high = prediction.fill_pct
    p10, p90 = answer.fill_range_pct
    # TRANSLATORS: {quantity} is the chart's axis, e.g. "% of the scar's volume filled".
    return _(
        "Bar chart ({quantity}, 0 to 100): your range {low}-{high} %, the model's "
        "typical range {model_low}-{model_high} % with its median at {median} %."
    ).format(
        quantity=fill_quantity(answer.case),
        low=pct_number(low),
        high=pct_number(high),
        model_low=pct_number(p10),
        model_high=pct_number(p90),
        median=pct_number(answer.fill_pct),
    )
