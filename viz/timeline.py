"""Timelines: the scar's improvement (or height) over the course.

Time is shown in weeks since the first session (the model counts days).
Healing phases after the first session are shaded: inflammation (days 1-5),
proliferation (day 5 to week 8) and remodelling (week 8 to one year); later
sessions each start a new, shorter inflammation (shaded thinly).
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import plotly.graph_objects as go

from sim.model import Result
from viz.style import (
    OKABE_ITO,
    Theme,
    figure_from_spec,
    merged,
    rgba,
    template_spec,
    theme,
    theme_layout,
)

DAYS_PER_WEEK = 7.0

X_TITLE_PX = 75
"""Height of the x-axis tick labels and title below a chart."""

LEGEND_ROW_PX = 30
"""Height of one legend row below a chart."""

PHASES: tuple[tuple[str, float, float, str], ...] = (
    ("Inflammation (days 1-5)", 0.0, 5.0, OKABE_ITO["vermillion"]),
    ("Proliferation: collagen III laid down (day 5 to week 8)", 5.0, 56.0, OKABE_ITO["yellow"]),
    ("Remodelling: collagen III → I (week 8 to 1 year)", 56.0, 365.0, OKABE_ITO["green"]),
)
"""Healing phases after a session: name, start and end day, colour (wound-healing references)."""


def outcome_series(result: Result) -> tuple[str, np.ndarray, np.ndarray, np.ndarray]:
    """Axis title, median, 10th and 90th percentile of the plotted outcome.

    Depressed scars: % of the depression's volume filled. Raised scars: height
    above the surrounding skin (mm).
    """
    if result.scenario.scar_type.is_raised:
        return (
            "Scar height above the skin (mm)",
            result.raised_height_mm,
            result.raised_height_p10_mm,
            result.raised_height_p90_mm,
        )
    return (
        "Scar volume filled (%)",
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
                "name": name,
                "showlegend": True,
                "legendgroup": name,
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
                "name": "Office session",
                "hovertemplate": "Session on day %{customdata:.0f}<extra></extra>",
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
                "marker": {"symbol": "line-ns-open", "size": 12, "color": OKABE_ITO["green"]},
                "name": "Home roller",
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
        "line": {"dash": "dash", "color": t.text, "width": 2},
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


def _layout(t: Theme, height: int, extra: dict) -> dict:
    """Theme layout (with its template expanded, as validation would) updated by ``extra``."""
    return merged(theme_layout(t, height=height), {"template": template_spec(), **extra})


def timeline_figure(result: Result, *, high_contrast: bool = False) -> go.Figure:
    """Improvement (or raised height) over time with its typical range.

    Traces, in order: the 10th-90th percentile band, the median patient's
    line, then session markers (and home-roller markers). For raised scars a
    dashed line marks the height before treatment. Healing phases are shaded
    shapes with legend entries.

    Built as one spec without per-property validation (see
    :func:`viz.style.figure_from_spec`); ``tests/viz/test_specs.py`` checks
    that validating it changes nothing.
    """
    t = theme(high_contrast)
    title, median, low, high = outcome_series(result)
    weeks = result.times_days / DAYS_PER_WEEK
    colour = OKABE_ITO["vermillion"] if result.scenario.scar_type.is_raised else OKABE_ITO["blue"]
    data = [
        _band(weeks, low, high, colour, "Typical range (10th-90th percentile)", t),
        {
            "type": "scatter",
            "x": weeks,
            "y": median,
            "mode": "lines",
            "line": {"color": colour, "width": t.line_px},
            "name": "Typical (median) patient",
            "hovertemplate": "Week %{x:.1f}: %{y:.2f}<extra></extra>",
        },
    ]
    shapes: list[dict] = []
    extra: dict[str, object] = {}
    top = float(max(np.max(high), 1e-9))
    if result.scenario.scar_type.is_raised:
        y_max = top * 1.15
        line, label = _hline(float(median[0]), "height before treatment", t)
        shapes.append(line)
        extra["annotations"] = [label]
    else:
        y_max = max(10.0, min(100.0, top * 1.15))
    data += _session_markers(result, y_max, t)
    shapes += _phase_shapes(result, float(result.times_days[-1]))
    if shapes:  # (no empty list: validation would drop it)
        extra["shapes"] = shapes
    layout = _layout(
        t,
        470,
        {
            **extra,
            "legend": {"orientation": "h", "y": -0.22, "yanchor": "top", "x": 0},
            "margin": {"b": 150, "t": 40},
            "hovermode": "x",
            "xaxis": {
                "title": {"text": "Weeks since the first session"},
                "range": [0, float(weeks[-1])],
            },
            "yaxis": {"title": {"text": title}, "range": [0, y_max * 1.04]},
        },
    )
    return figure_from_spec({"data": data, "layout": layout})


def comparison_timeline_figure(
    results: Mapping[str, Result], *, high_contrast: bool = False
) -> go.Figure:
    """Several plans on one time axis: median line and typical band for each.

    Traces, per plan in order: band, then median line (``name`` = the plan's
    label). The legend lists each plan once, below the x-axis title; a plan's
    band shares its line's legend group, so clicking the entry hides both.
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
        band = _band(weeks, low, high, colour, f"{label}: typical range", t)
        band.update(legendgroup=label, showlegend=False)
        data.append(band)
        data.append(
            {
                "type": "scatter",
                "x": weeks,
                "y": median,
                "mode": "lines",
                "line": {"color": colour, "width": t.line_px, "dash": dashes[k % len(dashes)]},
                "name": label,
                "legendgroup": label,
                "hovertemplate": f"{label}<br>week %{{x:.1f}}: %{{y:.1f}}<extra></extra>",
            }
        )
    # Below the x-axis title (about 70 px): the legend title and one row per plan.
    legend_px = LEGEND_ROW_PX * (len(results) + 1)
    layout = _layout(
        t,
        360 + legend_px + 40,
        {
            "legend": {
                "title": {"text": "Line: typical patient; band: typical range", "side": "top"},
                "orientation": "v",
                "x": 0,
                "xanchor": "left",
                "y": 0,
                "yref": "container",
                "yanchor": "bottom",
                "tracegroupgap": 0,
            },
            "margin": {"b": X_TITLE_PX + legend_px, "t": 40},
            "xaxis": {"title": {"text": "Weeks since the first session"}, "range": [0, end]},
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
    after its typical band. Built as one spec, like :func:`timeline_figure`.
    """
    t = theme(high_contrast)
    data: list[dict] = []
    series = (
        (
            depressed,
            f"{depressed.scenario.scar_type.label}: depth below the skin",
            depressed.depression_depth_mm,
            None,
            None,
            OKABE_ITO["blue"],
        ),
        (
            raised,
            f"{raised.scenario.scar_type.label}: height above the skin",
            raised.raised_height_mm,
            raised.raised_height_p10_mm,
            raised.raised_height_p90_mm,
            OKABE_ITO["vermillion"],
        ),
    )
    for result, name, median, low, high, colour in series:
        weeks = result.times_days / DAYS_PER_WEEK
        if low is not None and high is not None:
            data.append(_band(weeks, low, high, colour, f"{name}: typical range", t))
        data.append(
            {
                "type": "scatter",
                "x": weeks,
                "y": median,
                "mode": "lines",
                "line": {"color": colour, "width": t.line_px},
                "name": name,
                "hovertemplate": "week %{x:.1f}: %{y:.2f} mm<extra></extra>",
            }
        )
    layout = _layout(
        t,
        460,
        {
            "legend": {"orientation": "h", "y": -0.22, "yanchor": "top", "x": 0},
            "margin": {"b": 140, "t": 40},
            "xaxis": {"title": {"text": "Weeks since the first session"}},
            "yaxis": {"title": {"text": "Distance from skin level (mm)"}, "rangemode": "tozero"},
        },
    )
    return figure_from_spec({"data": data, "layout": layout})
