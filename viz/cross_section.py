"""Cross-section of the skin through the scar, animated over the course.

The figure is drawn in plotted depth (see :mod:`viz.section_geometry`): mm
below the level of the surrounding skin, positive downwards. The animation
runs in the browser: one Plotly frame per drawn field time, named by
:func:`time_steps`; the page's time controls (outside the plot, operable from
the keyboard) step through them. The legend is HTML beside the chart
(:func:`legend_html`), so it wraps on a narrow screen instead of overlapping
the plot.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

import numpy as np
import plotly.graph_objects as go

from sim.model import Result
from viz.collagen_colours import (
    SHARE_LEVELS,
    VISIBLE_AMOUNT,
    collagen_colourscale,
    encode_collagen,
)
from viz.i18n import N_, _, ngettext, number, pct_number, pct_text
from viz.section_geometry import (
    LAYER_NAMES,
    block_mean,
    channel_lines,
    layer_bounds_mm,
    layer_shapes,
    region_outline,
    resample_to_plot,
    scar_region_mm,
)
from viz.style import Theme, figure_from_spec, merged, theme, theme_layout
from viz.timeline import wrap_label

CELL_MM = 0.04
"""Smallest cell size of the animated field (the model's 20 µm grid, averaged 2 x 2)."""

MAX_CELLS = 6_000
"""Cells per animation frame; taller sections get coarser cells to keep the figure small."""

MAX_FRAMES = 12
"""Animation frames drawn (sessions, first and last always among them): fewer
frames keep the figure small and the page quick after a slider change."""

DEPTH_EXAGGERATION = 2.0
"""Vertical exaggeration: 1 mm of depth is drawn this many times as long as 1 mm of width.

A scar 0.3 mm deep in a slice 8 mm wide is a thin strip at equal scales; the
y axis is tied to the x axis (Plotly ``scaleanchor``), so the ratio holds at
any screen width, and the figure says so next to its scale bars.
"""

NOMINAL_PLOT_WIDTH_PX = 600
"""Plot width the figure's height is chosen for: a 1024 px projector with the
sidebar open. Wider screens leave space beside the plot; on narrower ones the
browser lowers the height to the plot's width (``layout.meta.fit_height``, the
plot's height per px of its width, read by ``pages/_live_chart.js``)."""

PLOT_HEIGHT_PX = (260, 760)
"""Smallest and largest height of the plot area; a taller section is drawn narrower."""

SCALE_BAR_MM = (1.0, 0.5)
"""Lengths of the horizontal (width) and vertical (depth) scale bars."""

NOTE_EM = 7.5
LAYER_NAME_EM = 5.0
"""Longest lines (em) of the note beside the scale bars ("depth drawn 2x") and of the
fat's name, which share the bottom of the plot: on a phone (about 34 px per mm of
width) both fit side by side in every language ("profundidad<br>dibujada ×2",
"الدهون<br>تحت الجلد"); a layout choice, checked in screenshots at 390 px."""

LABEL_BACKGROUND = "rgba(255,255,255,0.8)"
"""Behind the layer names and the scale note, which lie on the picture."""


def margins_px(t: Theme) -> dict[str, int]:
    """Margins around the plot area: room for the title, tick labels and axis titles only
    (the legend and the time controls are outside the figure)."""
    return {
        "l": 80,  # tick labels and the depth title, at 18 px and at 24 px (projector)
        "r": 12,
        # The title and its subtitle, then room for the layer name that stands above
        # the plot's top edge (text at small_px).
        "t": round(1.25 * t.title_px + 2.3 * t.small_px) + 22,
        "b": 2 * t.font_px + 30,
    }


def frame_days(result: Result, max_frames: int | None = None) -> np.ndarray:
    """Days (after the first session) of the field frames to draw: ``result.fields.times_days``.

    With ``max_frames``, a subset of at most that many frames (more only when
    there are more sessions) that always keeps the first and last frame and
    every session day, the rest spread evenly.
    """
    days = result.fields.times_days
    n = days.size
    if max_frames is None or n <= max_frames:
        return days.copy()
    protected = {0, n - 1} | {int(np.argmin(np.abs(days - d))) for d in result.session_days}
    others = [k for k in range(n) if k not in protected]
    spare = max_frames - len(protected)
    picked = (
        {others[round(j)] for j in np.linspace(0, len(others) - 1, spare)} if spare > 0 else set()
    )
    return days[sorted(protected | picked)]


@dataclass(frozen=True)
class TimeStep:
    """One frame of the animation, as the time controls show it.

    Attributes
    ----------
    name : str
        Name of the Plotly frame (the day, e.g. ``"28"``).
    day : float
        Days after the first session.
    label : str
        What the controls say, e.g. ``"Day 28 (week 4): 2 of 3 sessions done"``.
    """

    name: str
    day: float
    label: str


def time_steps(result: Result) -> tuple[TimeStep, ...]:
    """The animation's frames in order (the same as :func:`cross_section_figure` draws)."""
    return tuple(
        TimeStep(name=f"{day:g}", day=float(day), label=frame_label(result, float(day)))
        for day in frame_days(result, MAX_FRAMES)
    )


def frame_label(result: Result, day: float) -> str:
    """Time and sessions of one frame, in words: ``Day 28 (week 4): 2 of 3 sessions done``."""
    done = int(np.sum(result.session_days <= day + 1e-9))
    sessions = result.scenario.sessions
    values = {
        "day": number(day),
        "week": number(day / 7),
        "done": number(done),
        "sessions": number(sessions),
    }
    if np.any(np.isclose(result.session_days, day)):
        return ngettext(
            "Day {day} (week {week}, session today): {done} of {sessions} session done",
            "Day {day} (week {week}, session today): {done} of {sessions} sessions done",
            sessions,
        ).format(**values)
    return ngettext(
        "Day {day} (week {week}): {done} of {sessions} session done",
        "Day {day} (week {week}): {done} of {sessions} sessions done",
        sessions,
    ).format(**values)


def _state_title(result: Result, day: float, index: int, *, still: bool = False) -> tuple[str, str]:
    """Headline of the picture on ``day`` (``index`` into the 1-D series): its state,
    and under it the typical range (10th-90th percentile) or why there is none.

    ``("Day 28: 35 % filled", "typical range 20 % to 47 %")`` (depressed), ``("Day 28:
    1.2 mm above the skin", "no flattening from collagen induction")`` (raised,
    ``still`` when the figure shows only the end), ``("Day 28: no treatment, no change",
    "acne scars are mostly permanent")`` (evidence direction 1). A point alone would be
    a claim nobody measured; the range says how far patients differ.
    """
    if result.scenario.scar_type.is_raised:
        template = (
            _("Day {day}: still {height} mm above the skin")
            if still
            else _("Day {day}: {height} mm above the skin")
        )
        state = template.format(
            day=number(day), height=number(float(result.raised_height_mm[index]), 1)
        )
        # TRANSLATORS: second line of the picture's title for a raised scar.
        return state, _("no flattening from collagen induction")
    if result.scenario.sessions == 0:
        # TRANSLATORS: title of the picture when the scar is not treated.
        state = _("Day {day}: no treatment, no change").format(day=number(day))
        # TRANSLATORS: second line of the picture's title when the scar is not treated.
        return state, _("acne scars are mostly permanent")
    state = _("Day {day}: {filled} % filled").format(
        day=number(day), filled=pct_number(float(result.improvement_pct[index]))
    )
    return state, fill_range_text(
        float(result.improvement_pct_p10[index]), float(result.improvement_pct_p90[index])
    )


def fill_range_text(low_pct: float, high_pct: float) -> str:
    """The typical range of a fill (%), ``"typical range 20 % to 47 %"``, or ``"about the
    same for most patients"`` when the lower and the upper responder round alike; the
    picture's title, the outcome text and How it looks all write it this way."""
    low, high = pct_text(low_pct), pct_text(high_pct)
    if low == high:
        # TRANSLATORS: said of the fill when the lower and upper responder round alike.
        return _("about the same for most patients")
    # TRANSLATORS: the range of the fill between the lower and the upper responder;
    # {low} and {high} are percentages such as "12 %" (or "<1 %").
    return _("typical range {low} to {high}").format(low=low, high=high)


def frame_title(result: Result, day: float) -> tuple[str, str]:
    """Headline of one frame, two short lines that fit a phone: ``Day 28: 35 % filled``
    and its typical range (:func:`_state_title`)."""
    # The 1-D series have an output time on every frame day.
    return _state_title(result, day, result.at_day(day))


def static_title(result: Result) -> tuple[str, str]:
    """Headline of the figure when it is not animated: the scar and its final state."""
    height = result.raised_height_mm
    return _state_title(
        result,
        float(result.times_days[-1]),
        result.times_days.size - 1,
        still=bool(height[-1] >= height[0]),
    )


def _title(lines: tuple[str, str]) -> dict[str, object]:
    """A title and its subtitle (Plotly's ``layout.title``; fonts set in the layout)."""
    return {"text": lines[0], "subtitle": {"text": lines[1]}}


TRACE_NAMES = (
    N_("New collagen"),
    N_("Original scar outline"),
    N_("Missing collagen (scar tract)"),
    N_("Surface now"),
    N_("Needles in past sessions"),
    N_("Needles, session today"),
)
"""Names of the figure's traces for a depressed scar, in order (English: the figure
holds them translated)."""
ANIMATED_TRACES = (0, 2, 3, 4, 5)
"""Indices of the traces that change from frame to frame."""


def cross_section_figure(
    result: Result,
    *,
    high_contrast: bool = False,
    animate: bool = True,
    cell_mm: float = CELL_MM,
) -> go.Figure:
    """:func:`cross_section_spec` as a figure (built without validation, see
    :func:`viz.style.figure_from_spec`)."""
    return figure_from_spec(
        cross_section_spec(result, high_contrast=high_contrast, animate=animate, cell_mm=cell_mm)
    )


def cross_section_spec(
    result: Result,
    *,
    high_contrast: bool = False,
    animate: bool = True,
    cell_mm: float = CELL_MM,
) -> dict[str, object]:
    """Skin cross-section with layers, scar, needle channels and new collagen, as a
    Plotly spec ``{"data", "layout", "frames"}`` (the app sends it to the browser
    as it is, :func:`viz.style.figure_json`).

    Parameters
    ----------
    result : Result
        A simulated course.
    high_contrast : bool
        Use the high-contrast theme.
    animate : bool
        If True, one Plotly frame per step of :func:`time_steps` (no controls
        inside the figure: the page draws them below it); the figure itself
        shows the end of follow-up. If False, only the end of follow-up is drawn.
    cell_mm : float
        Smallest cell size of the drawn collagen field (the model's fields
        are averaged over blocks of cells; tall sections get coarser cells so
        that a frame has at most :data:`MAX_CELLS` cells).

    Returns
    -------
    dict
        Traces, in order: new collagen (heatmap of :func:`encode_collagen`
        codes), original scar outline, scar tract (missing or extra
        collagen, hatched), surface now, needle channels of earlier and of
        the latest session; no legend (see :func:`legend_html`). The depth axis points down
        (mm below the level of the surrounding skin) and is drawn
        :data:`DEPTH_EXAGGERATION` times the width scale, as the note beside
        the 1 mm and 0.5 mm scale bars says; layers are filled shapes.
    """
    t = theme(high_contrast)
    snapshots = [result.fields.at(day) for day in frame_days(result, MAX_FRAMES)]
    surfaces = np.stack([snap.surface_mm for snap in snapshots])
    raised = result.scenario.scar_type.is_raised

    # Plotted depth range covering every time, drawn or not.
    top = min(0.0, float(-result.surface_mm.max()), float(-result.surface0_mm.max())) - 0.1
    bottom = float(result.layers_mm["total"])
    width_mm = float(result.x_mm.size * result.h_mm)
    wanted = max(cell_mm, float(np.sqrt(width_mm * (bottom - top) / MAX_CELLS)))
    k = max(1, int(np.ceil(wanted / result.h_mm - 1e-9)))
    cell = k * result.h_mm
    ny = int(np.ceil((bottom - top) / cell))
    y = top + (np.arange(ny) + 0.5) * cell
    x = block_mean(result.x_mm, k, (0,))
    surf_coarse = block_mean(surfaces, k, (1,))
    young, mature = (
        resample_to_plot(
            result,
            block_mean(np.stack([getattr(snap, name) for snap in snapshots]), k, (1, 2)),
            surf_coarse,
            y,
            cell,
        )
        for name in ("collagen3", "collagen1")
    )
    codes = encode_collagen(young, mature)
    rows = np.nonzero(codes.max(axis=(0, 2)) >= SHARE_LEVELS)[0]
    if rows.size == 0:
        rows = np.array([0])
    codes = codes[:, rows[0] : rows[-1] + 1]
    y_rows = y[rows[0] : rows[-1] + 1].astype(np.float32)

    region = scar_region_mm(result)
    region_name = _("Extra collagen (raised scar)") if raised else _(TRACE_NAMES[2])
    region_colour = t.excess if raised else t.deficit

    def frame_data(f: int, full: bool) -> list[dict]:
        day = snapshots[f].day
        surface_now = snapshots[f].surface_mm
        done = [s for s, d in enumerate(result.session_days) if d <= day + 1e-9]
        today = [s for s in done if abs(result.session_days[s] - day) < 1.0]
        past = [s for s in done if s not in today]
        cx, cy = channel_lines(result, surface_now, today)
        ox, oy = channel_lines(result, surface_now, past)
        rx, ry = region_outline(result, region, surface_now)
        data = [
            {"z": codes[f]},
            {"x": rx, "y": ry},
            {"y": (-surface_now).astype(np.float32)},
            {"x": ox, "y": oy},
            {"x": cx, "y": cy},
        ]
        if full:
            data[0].update(x=x.astype(np.float32), y=y_rows)
            data[2].update(x=result.x_mm.astype(np.float32))
        return data

    last = len(snapshots) - 1
    heat, outline, surface, older, latest = frame_data(last, full=True)
    data = [
        {
            "type": "heatmap",
            **heat,
            "zmin": 0,
            "zmax": 255,
            "colorscale": collagen_colourscale(t),
            "showscale": False,
            "hoverinfo": "skip",
            "name": _(TRACE_NAMES[0]),
        },
        {
            "type": "scatter",
            "x": result.x_mm.astype(np.float32),
            "y": (-result.surface0_mm).astype(np.float32),
            "mode": "lines",
            "line": {"color": t.text, "width": max(2.0, t.line_px - 1), "dash": "dash"},
            "name": _(TRACE_NAMES[1]),
            "hoverinfo": "skip",
        },
        {
            "type": "scatter",
            **outline,
            "mode": "lines",
            "fill": "toself",
            "fillcolor": "rgba(0,0,0,0)",
            "fillpattern": {
                "shape": "x" if raised else "/",
                "fgcolor": region_colour,
                "bgcolor": "rgba(0,0,0,0)",
                "size": 10,
                "solidity": 0.25,
            },
            "line": {"color": region_colour, "width": max(2.0, t.line_px - 1), "dash": "dot"},
            "name": region_name,
            "hoverinfo": "skip",
        },
        {
            "type": "scatter",
            **surface,
            "mode": "lines",
            "line": {"color": t.text, "width": t.line_px},
            "name": _(TRACE_NAMES[3]),
            "hoverinfo": "skip",
        },
        {
            "type": "scatter",
            **older,
            "mode": "lines",
            "line": {"color": "#555555", "width": max(2.0, t.line_px - 1), "dash": "dot"},
            "name": _(TRACE_NAMES[4]),
            "hoverinfo": "skip",
        },
        {
            "type": "scatter",
            **latest,
            "mode": "lines",
            "line": {"color": t.text, "width": t.line_px},
            "name": _(TRACE_NAMES[5]),
            "hoverinfo": "skip",
        },
    ]

    x_range = [float(result.x_mm[0] - result.h_mm / 2), float(result.x_mm[-1] + result.h_mm / 2)]
    px_per_mm = DEPTH_EXAGGERATION * NOMINAL_PLOT_WIDTH_PX / (x_range[1] - x_range[0])
    plot_height_px = int(np.clip(px_per_mm * (bottom - top), *PLOT_HEIGHT_PX))
    margin = margins_px(t)
    scale_bars = _scale_bars(x_range, bottom, t)
    layout = merged(
        theme_layout(t),
        {
            "height": margin["t"] + plot_height_px + margin["b"],
            # Plot height per px of plot width at this exaggeration: on a narrower
            # screen the browser lowers the height to fit (pages/_live_chart.js).
            "meta": {"fit_height": DEPTH_EXAGGERATION * (bottom - top) / (x_range[1] - x_range[0])},
            "showlegend": False,
            "shapes": layer_shapes(result, surfaces[last], t) + scale_bars,
            "annotations": _layer_labels(result, t) + _scale_labels(x_range, bottom, t),
            "margin": margin,
            "title": merged(
                _title(
                    frame_title(result, snapshots[last].day) if animate else static_title(result)
                ),
                {
                    "font": {"size": t.title_px},
                    "subtitle": {"font": {"size": t.small_px}},
                },
            ),
            "xaxis": {
                "title": {"text": _("Distance from the centre (mm)"), "standoff": 4},
                "range": x_range,
                "showgrid": False,
                "zeroline": False,
                "ticks": "outside",
                "constrain": "domain",
                "constraintoward": "left",
            },
            "yaxis": {
                **_depth_axis(top, bottom, raised=result.scenario.scar_type.is_raised),
                "range": [bottom, top],
                "showgrid": False,
                "zeroline": False,
                "ticks": "outside",
                "scaleanchor": "x",
                "scaleratio": DEPTH_EXAGGERATION,
                "constrain": "domain",
                "constraintoward": "top",
            },
        },
    )
    spec: dict[str, object] = {"data": data, "layout": layout}
    if animate:
        _add_animation(spec, result, snapshots, frame_data, t, scale_bars)
    # One spec, built without per-property validation (see figure_from_spec):
    # building the figure trace by trace and frame by frame took ~3x longer.
    return spec


DEPTH_TICK_MM = 0.5
"""Spacing of the depth axis's ticks over a raised scar (mm): Plotly's own choice for
these ranges."""


def _depth_axis(top: float, bottom: float, *, raised: bool) -> dict[str, object]:
    """Title and ticks of the picture's vertical axis (``top`` < ``bottom``, depth in mm).

    Over a raised scar the axis reaches above the skin, where depth is negative: a
    patient read "−2.5" as a depth. There the axis is the distance from skin level,
    its ticks every :data:`DEPTH_TICK_MM` written without sign (the skin line and the
    title, "2.5 mm above the skin", say which side); under a depressed scar it is the
    depth, with Plotly's ticks.
    """
    if not raised:
        return {"title": {"text": _("Depth (mm)"), "standoff": 4}}
    first = np.ceil(top / DEPTH_TICK_MM) * DEPTH_TICK_MM
    ticks = np.round(np.arange(first, bottom + 1e-9, DEPTH_TICK_MM), 6)
    return {
        # TRANSLATORS: vertical axis of the skin picture over a raised scar: ticks count
        # mm up from the skin line and down into the skin. Keep it short (a phone's
        # picture of a low scar is about 200 px tall).
        "title": {"text": _("Above / below skin (mm)"), "standoff": 4},
        "tickmode": "array",
        "tickvals": ticks.tolist(),
        "ticktext": [_short_number(abs(float(v))) for v in ticks],
    }


def _scale_corner(x_range: list[float], bottom: float) -> tuple[float, float]:
    """Where the two scale bars meet (mm): 0.5 mm plus the width bar from the left edge,
    so that the width bar's label fits left of the depth bar on a phone (34 px per mm)."""
    return x_range[0] + 0.5 + SCALE_BAR_MM[0], bottom - 0.12


def _scale_bars(x_range: list[float], bottom: float, t: Theme) -> list[dict]:
    """A 1 mm bar (width) and a 0.5 mm bar (depth) meeting in the bottom-left corner."""
    x1, yb = _scale_corner(x_range, bottom)
    line = {"color": t.text, "width": 6}
    common = {"type": "line", "line": line, "opacity": 1, "layer": "above"}
    return [
        {**common, "x0": x1 - SCALE_BAR_MM[0], "x1": x1, "y0": yb, "y1": yb},
        {**common, "x0": x1, "x1": x1, "y0": yb, "y1": yb - SCALE_BAR_MM[1]},
    ]


def _scale_labels(x_range: list[float], bottom: float, t: Theme) -> list[dict]:
    """Lengths of the scale bars and the vertical exaggeration. The width bar's label
    ends just left of the depth bar: centred on its bar, it ran into the depth bar
    where a millimetre is narrower than the label (a phone)."""
    x1, yb = _scale_corner(x_range, bottom)
    return [
        {
            "text": f"<b>{_scale_bar_text(SCALE_BAR_MM[0])}</b>",
            "x": x1,
            "xanchor": "right",
            "xshift": -6,
            "y": yb,
            "yshift": t.small_px,
            "showarrow": False,
            "font": {"size": t.small_px},
        },
        {
            "text": f"<b>{_scale_bar_text(SCALE_BAR_MM[1])}</b><br>"
            + wrap_label(exaggeration_note(), NOTE_EM),
            "x": x1,
            "xshift": 8,
            "xanchor": "left",
            # Standing on the plot's bottom edge: a note wrapped to two lines grows
            # upwards, not out of the plot.
            "y": bottom,
            "yanchor": "bottom",
            "yshift": 2,
            "align": "left",
            "showarrow": False,
            "bgcolor": LABEL_BACKGROUND,
            "font": {"size": t.small_px},
        },
    ]


def _short_number(value: float) -> str:
    """``value`` with as many decimals as ``:g`` writes (``1``, ``0.5``), in the current
    language (``0,5`` in Spanish)."""
    return number(value, len(f"{value:g}".partition(".")[2]))


def _scale_bar_text(length_mm: float) -> str:
    """A scale bar's length, e.g. ``0.5 mm``."""
    # TRANSLATORS: length of a scale bar drawn on the skin cross-section.
    return _("{length} mm").format(length=_short_number(length_mm))


def exaggeration_note() -> str:
    """The figure's note on its vertical exaggeration, e.g. ``depth drawn 2x``."""
    # TRANSLATORS: note beside the scale bars: depths are drawn {factor} times as long
    # as widths (vertical exaggeration); "x" means "times".
    return _("depth drawn {factor}x").format(factor=_short_number(DEPTH_EXAGGERATION))


def _layer_labels(result: Result, t: Theme) -> list[dict]:
    """Layer names inside the plot at its right edge, at each layer's depth in the
    surrounding skin (away from the scar in the middle), on a light background."""
    bounds = layer_bounds_mm(result)
    return [
        {
            "text": _(name) if k < len(LAYER_NAMES) - 1 else wrap_label(_(name), LAYER_NAME_EM),
            "xref": "x domain",
            "x": 0.995,
            "xanchor": "right",
            # The epidermis is thin: its name sits just above the surrounding skin.
            "y": 0.0 if k == 0 else (bounds[k] + bounds[k + 1]) / 2,
            "yref": "y",
            "yanchor": "bottom" if k == 0 else "middle",
            "showarrow": False,
            "bgcolor": LABEL_BACKGROUND,
            "font": {"size": t.small_px, "color": t.text},
        }
        for k, name in enumerate(LAYER_NAMES)
    ]


def _add_animation(
    spec: dict, result: Result, snapshots: list, frame_data, t: Theme, scale_bar: list
) -> None:
    """Add one Plotly frame per step of :func:`time_steps` to ``spec`` (played on the client)."""
    spec["frames"] = [
        {
            "name": f"{snap.day:g}",
            "data": [
                {"type": "heatmap" if n == 0 else "scatter", **trace}
                for n, trace in enumerate(frame_data(f, full=False))
            ],
            "traces": list(ANIMATED_TRACES),
            "layout": {
                "shapes": layer_shapes(result, snap.surface_mm, t) + scale_bar,
                "title": _title(frame_title(result, snap.day)),
            },
        }
        for f, snap in enumerate(snapshots)
    ]


def _swatch(kind: str, colour: str, t: Theme) -> str:
    """A 2.2 x 1.1 em swatch as a styled ``span`` (``square``, ``line``, ``dash``, ``dot``
    or ``hatch``): plain HTML and CSS, which Streamlit's HTML sanitiser keeps."""
    width = f"{t.line_px:g}px"
    styles = {
        "square": f"background:{colour};width:1.1em;margin:0 0.55em",
        "line": f"border-top:{width} solid {colour};height:0",
        "dash": f"border-top:{width} dashed {colour};height:0",
        "dot": f"border-top:{width} dotted {colour};height:0",
        "hatch": (
            f"border:2px dotted {colour};background:repeating-linear-gradient("
            f"-45deg,{colour} 0 2px,transparent 2px 7px)"
        ),
    }
    return (
        '<span class="swatch" aria-hidden="true" style="display:inline-block;'
        f'width:2.2em;height:1.1em;box-sizing:border-box;{styles[kind]}"></span>'
    )


def legend_entries(result: Result, t: Theme) -> list[tuple[str, str, str]]:
    """What the cross-section's legend lists: (name, swatch kind, colour); new collagen
    and needles only where the course has any (no session: neither is drawn)."""
    raised = result.scenario.scar_type.is_raised
    region = _("Extra collagen (raised scar)") if raised else _(TRACE_NAMES[2])
    new_collagen = max(float(result.collagen3.max()), float(result.collagen1.max()))
    needles = any(len(x) for x in result.track_x_mm)
    entries = []
    if new_collagen > VISIBLE_AMOUNT:
        entries += [
            (_("New collagen III (young)"), "square", t.collagen3),
            (_("New collagen I (mature)"), "square", t.collagen1),
        ]
    entries += [
        (_(TRACE_NAMES[3]), "line", t.text),
        (_(TRACE_NAMES[1]), "dash", t.text),
        (region, "hatch", t.excess if raised else t.deficit),
    ]
    if needles:
        entries += [(_(TRACE_NAMES[5]), "line", t.text), (_(TRACE_NAMES[4]), "dot", "#555555")]
    return entries


def legend_html(result: Result, *, high_contrast: bool = False) -> str:
    """The cross-section's legend as an HTML list (wraps on narrow screens, scales with
    the page's text): one item per entry of :func:`legend_entries`."""
    t = theme(high_contrast)
    items = "".join(
        f"<li>{_swatch(kind, colour, t)}<span>{escape(name)}</span></li>"
        for name, kind, colour in legend_entries(result, t)
    )
    label = escape(_("Legend"), quote=True)
    return f'<ul class="chart-legend" aria-label="{label}">{items}</ul>'
