"""Widths of the pages' controls (pure: the pages draw the widgets).

A row of controls is five boxes of one width (:func:`row_widths_px`): five fit a laptop,
three a projector with the sidebar open, one a phone, and the row wraps. A select box
whose longest option would be cut in the reader's language ("En furgón (superfic…")
is widened to show it whole (:func:`select_width_px`); the other controls of its row
give up that room, so the row still wraps where it did.

A slider's next values (:func:`slider_neighbours`, written by :func:`slider_text` as the
browser writes them) are the values one key press away, whose pictures the Explore page
sends ahead so that the press is drawn without a round trip (``pages/_chart_ahead.js``).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence

from viz.timeline import text_width_px

SELECT_CHROME_EM = 3.75
"""Room a select box takes beside its text, in em of its text: border, padding, the
chevron and the text field's own padding (measured in Chromium at 16 px: a 180 px box
gives its text field 142 px, and the field needs its text's width plus 18 px, so 56
px in all; at projector mode's 20 px the padding grows with the text), with a few px
spare for the text-width estimate: 60 px at 16 px."""

NARROWEST_SHARE = 5 / 6
"""The narrowest a control gets when a select box of its row takes room: this share of
the row's width per control (150 px of 180; a slider still reads at that width)."""


def select_width_px(labels: Iterable[str], font_px: float, least_px: int) -> int:
    """Width of a select box that shows the longest of ``labels`` whole, at least
    ``least_px``.

    .. math:: w = \\max(w_{least}, \\lceil \\max_i \\mathrm{width}(label_i) + c \\rceil)

    with the text width estimated by :func:`viz.timeline.text_width_px` (Arial widths,
    a few per cent wider than the app's Source Sans for Latin letters) and ``c`` =
    :data:`SELECT_CHROME_EM` ``* font_px``.

    >>> select_width_px(["Office pen", "Home roller"], 16, 180)
    180
    >>> select_width_px(["En furgón (superficial)"], 16, 180)
    219
    """
    longest = max((text_width_px(label, font_px) for label in labels), default=0.0)
    return max(least_px, math.ceil(longest + SELECT_CHROME_EM * font_px))


def row_widths_px(selects: Sequence[int | None], base_px: int) -> list[int]:
    """Widths of a row of controls that keeps the row's total width where possible.

    ``selects`` holds each select box's own width (:func:`select_width_px`, at least
    ``base_px``) and None for every other control. What the select boxes take beyond
    ``base_px`` is taken evenly from the other controls, none narrower than
    :data:`NARROWEST_SHARE` of it, so the row stays ``len(selects) * base_px`` wide
    whenever that is possible; a select box is never narrowed.

    >>> row_widths_px([220, 215, None, None, None], 180)
    [220, 215, 155, 155, 155]
    >>> row_widths_px([180, 280, None, None, None], 180)
    [180, 280, 150, 150, 150]
    >>> row_widths_px([180, None], 180)
    [180, 180]
    """
    others = [i for i, w in enumerate(selects) if w is None]
    extra = sum(w - base_px for w in selects if w is not None)
    narrower = base_px
    if extra > 0 and others:
        narrower = max(
            math.ceil(NARROWEST_SHARE * base_px), base_px - math.ceil(extra / len(others))
        )
    return [narrower if w is None else w for w in selects]


# --- a slider's next values (what the Explore page draws ahead of a move) ----------


def step_decimals(step: float) -> int:
    """Decimals a slider of ``step`` shows (and snaps its values to).

    >>> step_decimals(0.05), step_decimals(1), step_decimals(0.5)
    (2, 0, 1)
    """
    if step <= 0:
        raise ValueError(f"step must be > 0, got {step}")
    text = f"{step:.10f}".rstrip("0")
    return len(text.split(".")[1]) if "." in text else 0


def slider_text(value: float, step: float) -> str:
    """``value`` as the key the browser computes from the slider's ``value`` attribute
    (``Number(value).toFixed(decimals)`` in ``pages/_chart_ahead.js``).

    >>> slider_text(1.5500000000000003, 0.05), slider_text(3, 1)
    ('1.55', '3')
    """
    return f"{value:.{step_decimals(step)}f}"


def slider_neighbours(value: float, low: float, high: float, step: float) -> tuple[float, ...]:
    """The values one key press away from ``value`` on a slider from ``low`` to ``high``:
    one step down and one step up, on the slider's grid, inside its range.

    .. math:: v_\\pm = \\mathrm{clip}(low + \\mathrm{round}((v - low)/s \\pm 1)\\, s,\\ low,\\ high)

    rounded to the step's decimals, as the browser's slider (React Aria's
    ``snapValueToStep``) snaps them; a value at an end of the range has one neighbour.

    >>> slider_neighbours(1.5, 0.25, 2.5, 0.05)
    (1.45, 1.55)
    >>> slider_neighbours(0, 0, 10, 1)
    (1.0,)
    """
    if not low <= high:
        raise ValueError(f"slider range must have low <= high, got {low}..{high}")
    decimals = step_decimals(step)
    index = round((value - low) / step)
    out: list[float] = []
    for k in (index - 1, index + 1):
        candidate = float(round(min(max(low + k * step, low), high), decimals))
        if candidate != round(value, decimals) and candidate not in out:
            out.append(candidate)
    return tuple(out)


def moved_slider(
    before: Mapping[str, object] | None, after: Mapping[str, object], sliders: Sequence[str]
) -> str | None:
    """The first of ``sliders`` whose value differs between ``before`` and ``after``
    (the one the reader moved), or None if none did (or nothing came before).

    >>> moved_slider({"a": 1, "b": 2}, {"a": 1, "b": 3}, ["a", "b"])
    'b'
    """
    if before is None:
        return None
    return next((name for name in sliders if before.get(name) != after.get(name)), None)
