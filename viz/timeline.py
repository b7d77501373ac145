"""Timelines: the scar's improvement (or height) over the course.

Time is shown in weeks since the first session (the model counts days).
Healing phases after the first session are shaded: inflammation (days 1-5),
proliferation (day 5 to week 8) and remodelling (week 8 to one year); later
sessions each start a new, shorter inflammation (shaded thinly).

Everything but the curves lies outside the plot area, sized in pixels so that
it fits a 390 px phone as well as a projector: the legend below the axis title,
one entry per row (:func:`below_plot`), entries broken into lines that fit a
phone (:func:`wrap_label`). The depth, skin-tone and evidence charts use the same
helpers.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import numpy as np
import plotly.graph_objects as go

from sim.metrics import depression_depth_mm
from sim.model import Result
from viz.i18n import N_, _
from viz.style import (
    OKABE_ITO,
    RTL_LETTERS,
    Theme,
    figure_from_spec,
    merged,
    rgba,
    template_spec,
    theme,
    theme_layout,
)

DAYS_PER_WEEK = 7.0

LINE_SPACING = 1.3
"""Height of a line of chart text over its font size (Plotly.js's line spacing)."""

LABEL_EM = 18.5
"""Longest line of a legend entry or a note below a chart (em): about 300 px at 16 px,
so that an entry and its swatch fit the 366 px wide chart of a 390 px phone (and, at
24 px, the chart of a 1024 px projector with the sidebar open)."""

LEGEND_ENTRY_PX = 3000
"""Width given to each legend entry: wider than any screen, so each has a row of its own."""

LEGEND_GAP_PX = 10
"""Space between the x-axis title (or a note under it) and a legend below it."""

PLOT_PX = 320
"""Height of a timeline's plot area (px)."""

COMPARISON_LEGEND_TITLE = N_("Line: typical patient; band: typical range")
"""Title of the comparison chart's legend (English: translate with ``_()`` where shown)."""

_NARROW = frozenset(" \u00a0.,:;'|!ijlftrI()[]-/*")
_WIDE = frozenset("mwMW%@")
ARABIC_EM = 0.5
"""Advance width of an Arabic letter (em): joined letters are narrower than Latin ones
(0.39-0.45 em for the layer and device names at 18 px, measured in Chromium here, but
up to 0.55 em for short words): a little more than the average, so that a label is
rather given too much room than cut off."""


def text_width_px(text: str, font_px: float) -> float:
    """Estimated width (px) of the longest line of ``text`` in Arial at ``font_px``.

    Rough Arial advance widths: 0.28 em for narrow characters (``i``, ``l``, ``t``,
    ``r``, spaces, punctuation), 0.83 em for ``m``, ``w``, ``%``, 0.67 em for other
    capitals and 0.56 em for the rest (other lower case, digits). ``<b>`` tags are
    ignored and ``<br>`` starts a new line. Arabic letters (``viz.style.RTL_LETTERS``)
    count :data:`ARABIC_EM` each (a rough average: their widths vary more with the font
    and with joining).

    Examples
    --------
    >>> round(text_width_px("to 1.56 mm", 16))
    80
    """
    lines = text.replace("<b>", "").replace("</b>", "").split("<br>")

    def em(line: str) -> float:
        return sum(
            0.28
            if c in _NARROW
            else 0.83
            if c in _WIDE
            else 0.67
            if c.isupper()
            else ARABIC_EM
            if RTL_LETTERS.match(c)
            else 0.56
            for c in line
        )

    return max(em(line) for line in lines) * font_px


def text_px(font_px: float, lines: int = 1) -> int:
    """Height (px) of ``lines`` lines of chart text at ``font_px``."""
    return math.ceil(LINE_SPACING * font_px * lines)


def line_count(text: str) -> int:
    """Lines of a chart text (``<br>`` starts a line)."""
    return text.count("<br>") + 1


def _greedy_lines(words: list[str], max_em: float) -> list[str]:
    lines: list[str] = []
    for word in words:
        if lines and text_width_px(f"{lines[-1]} {word}", 1.0) <= max_em:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines


def _wrap_words(text: str, max_em: float) -> list[str]:
    """Words of ``text`` in as few lines as fit ``max_em``; two lines as even as possible."""
    words = text.split(" ")
    lines = _greedy_lines(words, max_em)
    if len(lines) != 2:
        return lines
    width = max_em
    while width > 1.0:
        width -= 0.5
        narrower = _greedy_lines(words, width)
        if len(narrower) > len(lines):
            break
        lines = narrower
    return lines


def wrap_label(
    text: str, max_em: float = LABEL_EM, breaks: Sequence[str] = (": ", "; ", "؛ ", " (")
) -> str:
    """``text`` broken with ``<br>`` into lines at most ``max_em`` em wide
    (:func:`text_width_px`), as even as possible.

    A break after ``": "`` or a semicolon (``"; "``, Arabic ``"؛ "``) or before
    ``" ("`` (``breaks``) is preferred to a break between other words when it
    needs no more lines.

    Examples
    --------
    >>> wrap_label("Proliferation: collagen III laid down (day 5 to week 8)")
    'Proliferation: collagen III laid down<br>(day 5 to week 8)'
    >>> wrap_label("Typical (median) patient")
    'Typical (median) patient'
    """
    if text_width_px(text, 1.0) <= max_em:
        return text
    options = []
    for sep in breaks:
        cut = 1 if sep.endswith(" ") else 0  # after ": ", before " ("
        i = text.find(sep)
        while i >= 0:
            head, tail = text[: i + cut], text[i + cut :].lstrip()
            if text_width_px(head, 1.0) <= max_em:
                options.append(f"{head}<br>{wrap_label(tail, max_em, breaks)}")
            i = text.find(sep, i + 1)
    words = "<br>".join(_wrap_words(text, max_em))
    # Fewest lines first; at equal lines, a break at a separator with the longest first line.
    best = min(options, key=lambda o: (line_count(o), -len(o.split("<br>")[0])), default=words)
    return best if line_count(best) <= line_count(words) else words


def x_title_px(t: Theme, tick_lines: int = 1, title_lines: int = 1) -> int:
    """Height (px) under a plot area taken by its x tick labels (``tick_lines``
    lines) and its x-axis title (``title_lines``), both at ``t.font_px``
    (measured in Chromium: 57 px for one line of each at 16 px, 76 px at 24 px)."""
    return text_px(t.font_px, tick_lines) + text_px(t.font_px, title_lines) + 16


def legend_px(t: Theme, entries: Sequence[str], title: str | None = None) -> int:
    """Height (px) of a vertical legend of ``entries`` (one per row, ``<br>`` for more
    lines) with an optional title, at ``t.small_px`` (measured in Chromium:
    Plotly.js draws an entry 1.3 em a line plus 3 px high, with 10-12 px of padding)."""
    if not entries:
        return 0
    rows = sum(text_px(t.small_px, line_count(e)) + 3 for e in entries)
    head = text_px(t.small_px, line_count(title)) + 8 if title else 0
    return rows + head + 12


def below_plot(
    t: Theme,
    *,
    top_px: int,
    plot_px: int,
    legend: Sequence[str] = (),
    legend_title: str | None = None,
    tick_lines: int = 1,
    title_lines: int = 1,
    note_px: int = 0,
) -> dict[str, object]:
    """Height, margins and legend of a chart whose legend lies below its x-axis title.

    From the plot area down: the x tick labels and axis title
    (:func:`x_title_px`), ``note_px`` for a note, then the legend with one
    entry per row. A legend that puts several entries in a row wraps into as
    many rows as the screen needs, which the server cannot know, and then
    overlaps the axis title; one entry per row has a height known in advance, so
    the bottom margin holds it at any width. The legend starts at the chart's left
    edge (not the plot area's), so an entry of :data:`LABEL_EM` fits a phone.

    Returns
    -------
    dict
        ``height``, ``margin`` (``t`` and ``b``) and ``legend`` (or
        ``showlegend=False`` without entries) of the figure's layout.
    """
    above_legend = x_title_px(t, tick_lines, title_lines) + note_px
    legend_height = legend_px(t, legend, legend_title)
    bottom = above_legend + (LEGEND_GAP_PX + legend_height if legend else 0) + 6
    height = top_px + plot_px + bottom
    layout: dict[str, object] = {"height": height, "margin": {"t": top_px, "b": bottom}}
    if not legend:
        layout["showlegend"] = False
        return layout
    # Horizontal with entries wider than any chart: one entry per row, and
    # Plotly.js reserves room below the plot for it (a vertical legend at the
    # chart's left edge would reserve a left margin as wide as itself; entries as
    # wide as the plot area would cut their text on a phone).
    box: dict[str, object] = {
        "orientation": "h",
        "entrywidth": LEGEND_ENTRY_PX,
        "entrywidthmode": "pixels",
        "xref": "container",
        "x": 0,
        "xanchor": "left",
        "yref": "container",
        "y": (bottom - above_legend - LEGEND_GAP_PX) / height,
        "yanchor": "top",
        "tracegroupgap": 0,
        "font": {"size": t.small_px},
    }
    if legend_title:
        box["title"] = {"text": legend_title, "side": "top", "font": {"size": t.small_px}}
    layout["legend"] = box
    return layout


PHASES: tuple[tuple[str, float, float, str], ...] = (
    (N_("Inflammation (days 1-5)"), 0.0, 5.0, OKABE_ITO["vermillion"]),
    (
        N_("Proliferation: collagen III laid down (day 5 to week 8)"),
        5.0,
        56.0,
        OKABE_ITO["yellow"],
    ),
    (N_("Remodelling: collagen III → I (week 8 to 1 year)"), 56.0, 365.0, OKABE_ITO["green"]),
)
"""Healing phases after a session: name (English: translate with ``_()`` where shown),
start and end day, colour (wound-healing references)."""


def outcome_series(result: Result) -> tuple[str, np.ndarray, np.ndarray, np.ndarray]:
    """Axis title, median, 10th and 90th percentile of the plotted outcome.

    Depressed scars: % of the depression's volume filled. Raised scars: height
    above the surrounding skin (mm).
    """
    if result.scenario.scar_type.is_raised:
        return (
            _("Scar height above the skin (mm)"),
            result.raised_height_mm,
            result.raised_height_p10_mm,
            result.raised_height_p90_mm,
        )
    return (
        _("Scar volume filled (%)"),
        result.improvement_pct,
        result.improvement_pct_p10,
        result.improvement_pct_p90,
    )


def _phase_shapes(result: Result, end_day: float) -> list[dict]:
    shapes = []
    if result.session_days.size == 0:
        return shapes
    first = float(result.session_days[0])
    for name, start, stop, colour in PHASES:
        x0, x1 = first + start, min(first + stop, end_day)
        if x0 >= end_day:
            continue
        shapes.append(
            {
                "type": "rect",
                "xref": "x",
                "yref": "paper",
                "x0": x0 / DAYS_PER_WEEK,
                "x1": x1 / DAYS_PER_WEEK,
                "y0": 0,
                "y1": 1,
                "fillcolor": rgba(colour, 0.16),
                "line": {"width": 0},
                "opacity": 1,
                "layer": "below",
                "name": wrap_label(_(name)),
                "showlegend": True,
                "legendgroup": name,  # an id (English), shared with later inflammations
            }
        )
    inflammation = PHASES[0]
    for day in result.session_days[1:]:
        shapes.append(
            {
                "type": "rect",
                "xref": "x",
                "yref": "paper",
                "x0": float(day) / DAYS_PER_WEEK,
                "x1": min(float(day) + inflammation[2], end_day) / DAYS_PER_WEEK,
                "y0": 0,
                "y1": 1,
                "fillcolor": rgba(inflammation[3], 0.22),
                "line": {"width": 0},
                "opacity": 1,
                "layer": "below",
                "legendgroup": inflammation[0],
            }
        )
    return shapes


def _band(
    x: np.ndarray, low: np.ndarray, high: np.ndarray, colour: str, name: str, t: Theme
) -> dict:
    """A filled band between ``low`` and ``high`` (a scatter trace spec)."""
    return {
        "type": "scatter",
        "x": np.concatenate([x, x[::-1]]),
        "y": np.concatenate([high, low[::-1]]),
        "fill": "toself",
        "fillcolor": rgba(colour, t.band_opacity),
        "line": {"width": 0},
        "mode": "lines",
        "name": name,
        "hoverinfo": "skip",
    }


def _session_markers(result: Result, y: float, t: Theme) -> list[dict]:
    traces = []
    if result.session_days.size:
        traces.append(
            {
                "type": "scatter",
                "x": result.session_days / DAYS_PER_WEEK,
                "y": np.full(result.session_days.size, y),
                "mode": "markers",
                "marker": {
                    "symbol": "triangle-down",
                    "size": 18,
                    "color": t.text,
                    "line": {"width": 1, "color": "white"},
                },
                "name": _("Office session"),
                "hovertemplate": _("Session on day {day}").format(day="%{customdata:.0f}")
                + "<extra></extra>",
                "customdata": result.session_days,
                "cliponaxis": False,
            }
        )
    if result.home_days.size:
        traces.append(
            {
                "type": "scatter",
                "x": result.home_days / DAYS_PER_WEEK,
                "y": np.full(result.home_days.size, y),
                "mode": "markers",
                "marker": {
                    "symbol": "line-ns-open",
                    "size": 12,
                    "color": OKABE_ITO["green"],
                    "line": {"width": 3 if t.high_contrast else 2},
                },
                "name": _("Home roller"),
                "hoverinfo": "skip",
                "cliponaxis": False,
            }
        )
    return traces


def _hline(y: float, text: str, t: Theme) -> tuple[dict, dict]:
    """Dashed line across the plot at ``y`` with a label below its right end.

    The same shape and annotation as ``fig.add_hline(y, annotation_position="bottom
    right")`` makes, as plain dicts.
    """
    shape = {
        "type": "line",
        "xref": "x domain",
        "x0": 0,
        "x1": 1,
        "yref": "y",
        "y0": y,
        "y1": y,
        "line": {"dash": "dash", "color": t.text, "width": 3 if t.high_contrast else 2},
    }
    annotation = {
        "text": text,
        "showarrow": False,
        "font": {"size": t.small_px},
        "xref": "x domain",
        "x": 1,
        "xanchor": "right",
        "yref": "y",
        "y": y,
        "yanchor": "top",
    }
    return shape, annotation


def _layout(t: Theme, height: int | None, extra: dict) -> dict:
    """Theme layout (with its template expanded, as validation would) updated by ``extra``."""
    return merged(theme_layout(t, height=height), {"template": template_spec(), **extra})


def _top_px(t: Theme) -> int:
    """Top margin: room for the highest y tick label and the session markers on the top edge."""
    return text_px(t.font_px) + 8


def timeline_figure(result: Result, *, high_contrast: bool = False) -> go.Figure:
    """:func:`timeline_spec` as a figure (built without validation)."""
    return figure_from_spec(timeline_spec(result, high_contrast=high_contrast))


BAND_SHOWN_MM = 0.005
"""Narrowest typical band of a height or depth that is drawn: half the 0.01 mm the
charts resolve (modelling choice)."""
BAND_SHOWN_PCT = 0.5
"""Narrowest typical band of the filled share that is drawn (percentage points):
half the 1 % the texts resolve (modelling choice)."""


def band_shown(low: np.ndarray, high: np.ndarray, *, raised: bool) -> bool:
    """Whether a typical band from ``low`` to ``high`` is wide enough to be drawn
    somewhere (:data:`BAND_SHOWN_MM` for a raised scar's height in mm,
    :data:`BAND_SHOWN_PCT` for a filled share in %). An invisible band in a
    legend would claim a range that is not there."""
    return bool(np.max(np.abs(high - low)) >= (BAND_SHOWN_MM if raised else BAND_SHOWN_PCT))


def timeline_spec(result: Result, *, high_contrast: bool = False) -> dict[str, object]:
    """Improvement (or raised height) over time with its typical range, as a Plotly
    spec ``{"data", "layout"}``.

    Traces, in order: the 10th-90th percentile band, the median patient's
    line, then session markers (and home-roller markers). The band is left out
    where it would be invisible (:func:`band_shown`: a raised scar's height, an
    untreated scar), so the legend never lists it. For raised scars a
    dashed line marks the height before treatment. Healing phases are shaded
    shapes with legend entries.

    Built as one spec without per-property validation (see
    :func:`viz.style.figure_from_spec`); ``tests/viz/test_specs.py`` checks
    that validating it changes nothing.
    """
    t = theme(high_contrast)
    title, median, low, high = outcome_series(result)
    weeks = result.times_days / DAYS_PER_WEEK
    raised = result.scenario.scar_type.is_raised
    colour = OKABE_ITO["vermillion"] if raised else OKABE_ITO["blue"]
    data = []
    if band_shown(low, high, raised=raised):
        data.append(_band(weeks, low, high, colour, _("Typical range (10th-90th percentile)"), t))
    data.append(
        {
            "type": "scatter",
            "x": weeks,
            "y": median,
            "mode": "lines",
            "line": {"color": colour, "width": t.line_px},
            "name": _("Typical (median) patient"),
            # TRANSLATORS: hover text of a point of the timeline: the week and the value
            # of the chart's y axis (filled % or height in mm).
            "hovertemplate": _("Week {week}: {value}").format(week="%{x:.1f}", value="%{y:.2f}")
            + "<extra></extra>",
        }
    )
    shapes: list[dict] = []
    extra: dict[str, object] = {}
    top = float(max(np.max(high), 1e-9))
    if raised:
        y_max = top * 1.15
        line, label = _hline(float(median[0]), _("height before treatment"), t)
        shapes.append(line)
        extra["annotations"] = [label]
    else:
        y_max = max(10.0, min(100.0, top * 1.15))
    data += _session_markers(result, y_max, t)
    shapes += _phase_shapes(result, float(result.times_days[-1]))
    if shapes:  # (no empty list: validation would drop it)
        extra["shapes"] = shapes
    legend = [trace["name"] for trace in data] + [s["name"] for s in shapes if "name" in s]
    layout = _layout(
        t,
        None,
        {
            **extra,
            **below_plot(t, top_px=_top_px(t), plot_px=PLOT_PX, legend=legend),
            "hovermode": "x",
            "xaxis": {
                "title": {"text": _("Weeks since the first session")},
                "range": [0, float(weeks[-1])],
            },
            "yaxis": {"title": {"text": title}, "range": [0, y_max * 1.04]},
        },
    )
    return {"data": data, "layout": layout}


def comparison_timeline_figure(
    results: Mapping[str, Result], *, high_contrast: bool = False
) -> go.Figure:
    """Several plans on one time axis: median line and typical band for each.

    Traces, per plan in order: band, then median line (``name`` = the plan's
    label, broken into lines that fit a phone by :func:`wrap_label`). The legend
    lists each plan once, one per row below the x-axis title (:func:`below_plot`);
    a plan's band shares its line's legend group, so clicking the entry hides both.
    All plans must treat the same kind of scar. Built as one spec, like
    :func:`timeline_figure`.
    """
    t = theme(high_contrast)
    colours = (OKABE_ITO["blue"], OKABE_ITO["orange"], OKABE_ITO["green"], OKABE_ITO["purple"])
    dashes = ("solid", "dash", "dot", "dashdot")
    data: list[dict] = []
    title = ""
    end = 0.0
    for k, (label, result) in enumerate(results.items()):
        title, median, low, high = outcome_series(result)
        weeks = result.times_days / DAYS_PER_WEEK
        end = max(end, float(weeks[-1]))
        colour = colours[k % len(colours)]
        # TRANSLATORS: {plan} is the name of a treatment plan, e.g. "Office pen 1.5 mm".
        band_name = _("{plan}: typical range").format(plan=label)
        name = wrap_label(label)
        if band_shown(low, high, raised=result.scenario.scar_type.is_raised):
            band = _band(weeks, low, high, colour, band_name, t)
            band.update(legendgroup=name, showlegend=False)
            data.append(band)
        data.append(
            {
                "type": "scatter",
                "x": weeks,
                "y": median,
                "mode": "lines",
                "line": {"color": colour, "width": t.line_px, "dash": dashes[k % len(dashes)]},
                "name": name,
                "legendgroup": name,
                "hovertemplate": f"{label}<br>"
                + _("week {week}: {value}").format(week="%{x:.1f}", value="%{y:.1f}")
                + "<extra></extra>",
            }
        )
    legend = [trace["name"] for trace in data if trace.get("showlegend", True)]
    layout = _layout(
        t,
        None,
        {
            **below_plot(
                t,
                top_px=_top_px(t),
                plot_px=PLOT_PX,
                legend=legend,
                legend_title=wrap_label(_(COMPARISON_LEGEND_TITLE)),
            ),
            "xaxis": {"title": {"text": _("Weeks since the first session")}, "range": [0, end]},
            "yaxis": {"title": {"text": title}, "rangemode": "tozero"},
        },
    )
    return figure_from_spec({"data": data, "layout": layout})


def scar_level_figure(
    depressed: Result, raised: Result, *, high_contrast: bool = False
) -> go.Figure:
    """Distance of the scar's extreme point from the surrounding skin level, over time.

    A depressed scar's depth falls as it fills; a raised scar's height does
    not fall. Traces: depressed depth (median), raised height (median), each
    after its typical band (the depth or height of the 10th- and
    90th-percentile samples' surfaces). A band narrower than
    :data:`BAND_SHOWN_MM` everywhere is left out, legend entry included: a
    raised scar's height is the same in every sample, because collagen
    induction does not flatten it, and an invisible band listed in the
    legend says nothing true. Built as one spec, like :func:`timeline_figure`.
    """
    t = theme(high_contrast)
    data: list[dict] = []
    depressed_label = _(depressed.scenario.scar_type.label)
    raised_label = _(raised.scenario.scar_type.label)
    series = (
        (
            depressed,
            # TRANSLATORS: {scar} is a scar type, e.g. "Boxcar".
            _("{scar}: depth below the skin").format(scar=depressed_label),
            depressed.depression_depth_mm,
            depression_depth_mm(depressed.surface_p10_mm),
            depression_depth_mm(depressed.surface_p90_mm),
            OKABE_ITO["blue"],
        ),
        (
            raised,
            _("{scar}: height above the skin").format(scar=raised_label),
            raised.raised_height_mm,
            raised.raised_height_p10_mm,
            raised.raised_height_p90_mm,
            OKABE_ITO["vermillion"],
        ),
    )
    for result, name, median, low, high, colour in series:
        weeks = result.times_days / DAYS_PER_WEEK
        if band_shown(low, high, raised=True):  # both in mm
            # TRANSLATORS: {scar} is a scar type, e.g. "Keloid".
            band_name = _("{scar}: typical range").format(scar=_(result.scenario.scar_type.label))
            data.append(_band(weeks, low, high, colour, wrap_label(band_name), t))
        data.append(
            {
                "type": "scatter",
                "x": weeks,
                "y": median,
                "mode": "lines",
                "line": {"color": colour, "width": t.line_px},
                "name": wrap_label(name),
                "hovertemplate": _("week {week}: {value} mm").format(
                    week="%{x:.1f}", value="%{y:.2f}"
                )
                + "<extra></extra>",
            }
        )
    layout = _layout(
        t,
        None,
        {
            **below_plot(t, top_px=_top_px(t), plot_px=PLOT_PX, legend=[d["name"] for d in data]),
            "xaxis": {"title": {"text": _("Weeks since the first session")}},
            "yaxis": {"title": {"text": _("Distance from skin level (mm)")}, "rangemode": "tozero"},
        },
    )
    return figure_from_spec({"data": data, "layout": layout})
