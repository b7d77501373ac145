"""Plain-words texts of the practice cases (:mod:`sim.cases`): the case card, the
answer choices, the model's answer and the nearest published protocol.

Days become weeks or months here (:func:`viz.describe.duration_text`), never in
the model.
"""

from __future__ import annotations

from collections.abc import Sequence

import plotly.graph_objects as go

from sim.cases import (
    FOLLOW_UP_DAYS,
    ROMAN,
    WISHES,
    Case,
    Check,
    ModelAnswer,
    Prediction,
    Protocol,
    pain_band,
)
from sim.devices import DEVICES
from sim.scars import SCARS
from sim.validation import PUBLISHED_PROTOCOLS, PublishedProtocol
from viz.describe import duration_text, pct_text
from viz.style import OKABE_ITO, apply_theme, theme

SCAR_WORDS = {
    "ice_pick": "narrow pits (under 2 mm wide) with a deep, narrow tract (Jacob 2001)",
    "boxcar_shallow": "round or oval dents 1.5-4 mm wide with steep walls, shallow "
    "(0.1-0.5 mm deep; Jacob 2001)",
    "boxcar_deep": "round or oval dents 1.5-4 mm wide with steep walls, deep "
    "(0.5 mm or more; Jacob 2001)",
    "rolling": "broad, shallow waves over 4 mm wide, tied down by fibrous bands (Jacob 2001)",
    "hypertrophic": "firm scars raised above the skin, staying within the original wound "
    "(about 1 mm high in the model; Vancouver Scar Scale, Sullivan 1990)",
    "keloid": "raised scars that grow beyond the original wound (2-5 mm high; Vancouver "
    "Scar Scale, Sullivan 1990)",
}
"""What each scar preset looks like, in plain words, with the source of :mod:`sim.scars`."""

SKIN_WORDS = (
    "always burns, never tans",
    "usually burns, tans a little",
    "sometimes burns, tans evenly",
    "rarely burns, tans well",
    "very rarely burns, brown skin",
    "never burns, deeply pigmented skin",
)
"""Fitzpatrick skin types I-VI in plain words (Fitzpatrick scale)."""

ITEM_LABELS = {
    "fill": "How much of the scar fills",
    "bleeding": "Bleeding during the session",
    "pain": "Pain of a session",
    "pigmentation": "Chance of dark marks",
}
BLEEDING_LABELS = {"no": "No", "possible": "Possible", "yes": "Yes"}
PAIN_LABELS = {
    "much_less": "Under half",
    "less": "Somewhat less",
    "same": "About the same",
    "more": "Somewhat more",
    "much_more": "Twice or more",
}
"""Labels of :data:`sim.cases.PAIN_BANDS` (relative to an office pen at 1.5 mm)."""
PIGMENTATION_LABELS = {
    "under_1": "Under 1 %",
    "1_to_5": "1-5 %",
    "5_to_20": "5-20 %",
    "over_20": "Over 20 %",
}
"""Labels of :data:`sim.cases.PIGMENTATION_BANDS`."""


def case_title(case: Case) -> str:
    """``"Case 2: Rolling scars, skin type IV"``."""
    skin = ROMAN[case.fitzpatrick - 1]
    return f"Case {case.number}: {SCARS[case.scar].label} scars, skin type {skin}"


def case_card(case: Case) -> str:
    """The case in plain words (Markdown): the scar, the skin and what the patient wants."""
    scar = SCARS[case.scar]
    k = case.fitzpatrick - 1
    return (
        f"**Scars:** {scar.label.lower()}: {SCAR_WORDS[case.scar]}.  \n"
        f"**Skin:** type {ROMAN[k]} ({SKIN_WORDS[k]}).  \n"
        f"**The patient wants:** {WISHES[case.wish].text}"
    )


def protocol_words(device: str, needle_mm: float, sessions: int, interval_days: int) -> str:
    """``"office pen at 1.5 mm, 3 sessions 4 weeks apart"``."""
    label = DEVICES[device].label.lower()
    if sessions == 1:
        return f"{label} at {needle_mm:g} mm, 1 session"
    return f"{label} at {needle_mm:g} mm, {sessions} sessions {duration_text(interval_days)} apart"


def protocol_text(protocol: Protocol) -> str:
    """The trainee's protocol in words."""
    return protocol_words(
        protocol.device, protocol.needle_mm, protocol.sessions, protocol.interval_days
    )


def nearest_text(protocol: Protocol, nearest: Sequence[PublishedProtocol], distance: float) -> str:
    """The published protocols nearest the trainee's, with their sources and the
    distance (Markdown)."""
    lines = [
        f"- **{p.label}**: {protocol_words(p.device, p.needle_mm, p.sessions, p.interval_days)} "
        f"({p.source})."
        for p in nearest
    ]
    if distance == 0:
        how = "Your protocol is the published one."
    else:
        how = (
            f"Distance {distance:.1f}: one unit is 0.5 mm of needle, one session, 2 weeks "
            "between sessions, or another device (a modelling choice)."
        )
    if protocol.device not in {p.device for p in PUBLISHED_PROTOCOLS}:
        label = DEVICES[protocol.device].label.lower()
        how += (
            f" None of the published protocols in the model's evidence used this device ({label})."
        )
    return "\n".join(lines) + f"\n\n{how}"


def model_fill_text(answer: ModelAnswer) -> str:
    """The model's fill in words, with its range."""
    p10, p90 = answer.fill_range_pct
    if answer.case.is_raised:
        return "no flattening (0 %): a raised scar has nothing to fill"
    return f"{p10:.0f}-{p90:.0f} % (median {answer.fill_pct:.0f} %)"


def model_texts(answer: ModelAnswer) -> dict[str, str]:
    """What the model says, item by item (keys of :data:`ITEM_LABELS`)."""
    low, high = answer.pigmentation_range_pct
    return {
        "fill": model_fill_text(answer),
        "bleeding": BLEEDING_LABELS[answer.bleeding],
        "pain": f"{PAIN_LABELS[pain_band(answer.pain_index)]} (index {answer.pain_index:.2g}; "
        "a 1.5 mm pen is 1)",
        "pigmentation": f"{pct_text(low)} to {pct_text(high)} "
        f"(central {pct_text(answer.pigmentation_pct)})",
    }


def said_texts(prediction: Prediction) -> dict[str, str]:
    """What the trainee predicted, item by item."""
    low, high = prediction.fill_pct
    return {
        "fill": f"{low:.0f}-{high:.0f} %",
        "bleeding": BLEEDING_LABELS[prediction.bleeding],
        "pain": PAIN_LABELS[prediction.pain],
        "pigmentation": PIGMENTATION_LABELS[prediction.pigmentation],
    }


def answer_table(answer: ModelAnswer, prediction: Prediction, checks: Sequence[Check]) -> str:
    """Markdown list (it wraps on a phone, where a table of four columns did not): each
    prediction, the model's range and whether it falls inside."""
    said, model = said_texts(prediction), model_texts(answer)
    rows = []
    for check in checks:
        mark = "✓ inside the model's range" if check.hit else "✗ outside the model's range"
        rows.append(
            f"- **{ITEM_LABELS[check.item]}**: you said “{said[check.item]}”; the model: "
            f"{model[check.item]}. **{mark}**"
        )
    return "\n".join(rows)


def answer_description(answer: ModelAnswer, checks: Sequence[Check]) -> str:
    """One sentence: how many predictions fell inside the model's range, and when."""
    hits = sum(c.hit for c in checks)
    return (
        f"{hits} of {len(checks)} predictions inside the model's range, "
        f"{duration_text(FOLLOW_UP_DAYS)} after the last session."
    )


def summary_text(done: int, cases: int, hits: int, predictions: int) -> str:
    """The summary at the end of the page."""
    if done == 0:
        return f"No case answered yet: {cases} cases in this set."
    return (
        f"Cases answered: {done} of {cases}. Predictions inside the model's range: "
        f"{hits} of {predictions}."
    )


def _fill_axis_title(answer: ModelAnswer) -> str:
    if answer.case.is_raised:
        return "% of the height flattened"
    return "% of the scar's volume filled"


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
    rows = (
        ("You", prediction.fill_pct, OKABE_ITO["orange"]),
        ("The model", (p10, p90), OKABE_ITO["blue"]),
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
                hovertemplate=f"{name}: {low:.0f}-{high:.0f} %<extra></extra>",
            )
        )
    fig.add_trace(
        go.Scatter(
            y=["The model"],
            x=[answer.fill_pct],
            mode="markers",
            marker={"symbol": "line-ns", "size": 26, "line": {"width": 4, "color": t.text}},
            name="Model's median",
            hovertemplate="median: %{x:.0f} %<extra></extra>",
        )
    )
    apply_theme(fig, t, height=200 if not high_contrast else 260)
    fig.update_layout(
        showlegend=False,
        margin={"l": 10, "r": 40, "t": 10, "b": 60},
        xaxis={"range": [0, 100], "title": {"text": _fill_axis_title(answer)}},
        yaxis={"autorange": "reversed", "automargin": True},
    )
    return fig


def describe_fill_ranges(answer: ModelAnswer, prediction: Prediction) -> str:
    """Text description of :func:`fill_ranges_figure`."""
    low, high = prediction.fill_pct
    p10, p90 = answer.fill_range_pct
    return (
        f"Bar chart on a scale of 0-100 % filled: your range {low:.0f}-{high:.0f} %, the "
        f"model's typical range {p10:.0f}-{p90:.0f} % with its median at "
        f"{answer.fill_pct:.0f} %."
    )
