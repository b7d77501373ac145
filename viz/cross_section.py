"""Cross-section of the skin through the scar, animated over the course.

The model computes in a terrain-following frame (depth below the *local*
surface). To draw, each column is shifted by the surface height at that time:
plotted depth ``y = z - surface(x)``, positive downwards, measured from the
level of the surrounding skin. The animation runs in the browser (Plotly
frames, a slider and play/pause buttons); the server sends it once.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from sim.model import Result
from viz.style import Theme, figure_from_spec, merged, theme, theme_layout

COLLAGEN_FULL_SCALE = 0.3
"""New collagen (volume fraction of normal dermis) drawn at full colour; more saturates."""

CELL_MM = 0.04
"""Smallest cell size of the animated field (the model's 20 µm grid, averaged 2 x 2)."""

MAX_CELLS = 6_000
"""Cells per animation frame; taller sections get coarser cells to keep the figure small."""

MAX_FRAMES = 12
"""Animation frames drawn (sessions, first and last always among them): fewer
frames keep the figure small and the page quick after a slider change."""

AMOUNT_LEVELS = 15
SHARE_LEVELS = 16

DEPTH_EXAGGERATION = 2.0
"""Vertical exaggeration: 1 mm of depth is drawn this many times as long as 1 mm of width.

A scar 0.3 mm deep in a slice 8 mm wide is a thin strip at equal scales; the
y axis is tied to the x axis (Plotly ``scaleanchor``), so the ratio holds at
any screen width, and the figure says so next to its scale bars.
"""

NOMINAL_PLOT_WIDTH_PX = 700
"""Plot width the figure's height is chosen for (a laptop or projector at 1400-1600 px)."""

PLOT_HEIGHT_PX = (300, 820)
"""Smallest and largest height of the plot area; a taller section is drawn narrower."""

MARGIN_TOP_PX = 60

SCALE_BAR_MM = (1.0, 0.5)
"""Lengths of the horizontal (width) and vertical (depth) scale bars."""

LAYER_NAMES = ("Epidermis", "Papillary dermis", "Reticular dermis", "Fat")


def field_frame_indices(result: Result, max_frames: int | None = None) -> np.ndarray:
    """Index into ``result.times_days`` of the field times to draw.

    With ``max_frames``, a subset of at most that many frames (more only when
    there are more sessions) that always keeps the first and last frame and
    every session day, the rest spread evenly.
    """
    all_frames = np.array([result.at_day(day) for day in result.field_times_days], dtype=int)
    n = all_frames.size
    if max_frames is None or n <= max_frames:
        return all_frames
    days = result.field_times_days
    protected = {0, n - 1} | {int(np.argmin(np.abs(days - d))) for d in result.session_days}
    others = [k for k in range(n) if k not in protected]
    spare = max_frames - len(protected)
    picked = (
        {others[round(j)] for j in np.linspace(0, len(others) - 1, spare)} if spare > 0 else set()
    )
    return all_frames[sorted(protected | picked)]


def _block_mean(values: np.ndarray, k: int, axes: tuple[int, ...]) -> np.ndarray:
    """Average ``values`` over blocks of ``k`` cells along ``axes`` (trailing cells dropped)."""
    out = values
    for axis in axes:
        n = out.shape[axis] // k
        out = np.take(out, np.arange(n * k), axis=axis)
        shape = [*out.shape[:axis], n, k, *out.shape[axis + 1 :]]
        out = out.reshape(shape).mean(axis=axis + 1)
    return out


def encode_collagen(young: np.ndarray, mature: np.ndarray) -> np.ndarray:
    """Amount and type of new collagen in one byte per cell.

    ``code = 16 * amount_level + share_level``: ``amount_level`` is 0 (none) to
    15 (at least :data:`COLLAGEN_FULL_SCALE` of normal dermis), ``share_level``
    is the young (type III) share of the new collagen, 0 (all type I) to 15
    (all type III). :func:`collagen_colourscale` turns codes into colours.
    """
    amount = np.nan_to_num(young + mature)
    level = np.ceil(np.clip(amount / COLLAGEN_FULL_SCALE, 0.0, 1.0) * AMOUNT_LEVELS - 1e-6)
    level = np.where(amount > 0.004, np.maximum(level, 1), 0)
    share = np.divide(young, amount, out=np.zeros_like(amount), where=amount > 0)
    share_level = np.rint(np.clip(share, 0.0, 1.0) * (SHARE_LEVELS - 1))
    return (SHARE_LEVELS * level + share_level).astype(np.uint8)


def decode_collagen(code: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Inverse of :func:`encode_collagen` up to quantisation: (amount, young share)."""
    level = code.astype(int) // SHARE_LEVELS
    share = (code.astype(int) % SHARE_LEVELS) / (SHARE_LEVELS - 1)
    return level / AMOUNT_LEVELS * COLLAGEN_FULL_SCALE, share


def _mix(a: str, b: str, w: float) -> tuple[int, int, int]:
    ca = [int(a.lstrip("#")[i : i + 2], 16) for i in (0, 2, 4)]
    cb = [int(b.lstrip("#")[i : i + 2], 16) for i in (0, 2, 4)]
    r, g, bl = (round((1 - w) * x + w * y) for x, y in zip(ca, cb, strict=True))
    return r, g, bl


def collagen_colourscale(t: Theme) -> list[list]:
    """256-stop colour scale for :func:`encode_collagen` codes (zmin 0, zmax 255).

    Cells where young collagen (type III) makes up half or more of the new
    collagen get the young colour, the others the mature colour (type I);
    opacity grows with the amount; codes 0-15 (no new collagen) are transparent.
    """
    scale = []
    for code in range(256):
        level, share = divmod(code, SHARE_LEVELS)
        r, g, b = _mix(t.collagen1, t.collagen3, float(share >= SHARE_LEVELS / 2))
        alpha = 0.0 if level == 0 else 0.08 + 0.84 * level / AMOUNT_LEVELS
        scale.append([code / 255, f"rgba({r},{g},{b},{alpha:.2f})"])
    return scale


def plotted_depth(result: Result, z_mm: np.ndarray, surface_mm: np.ndarray) -> np.ndarray:
    """Plotted depth (mm below the level of the surrounding skin) of model depth ``z``.

    Depressed scars: the model's terrain-following column is shifted by the
    surface height, ``y = z - surface``. Raised scars: the dome is extra
    dermis, so the epidermis rides on the surface, the dermis is stretched
    between it and its usual bottom ``D``, and the fat stays in place:
    ``y = z - surface * (D - z) / (D - E)`` inside the dermis (``E`` =
    epidermis bottom). The surface (``z = 0``) is at ``y = -surface`` either way.
    """
    z = np.asarray(z_mm, dtype=float)
    s = np.asarray(surface_mm, dtype=float)
    if not result.scenario.scar_type.is_raised:
        return z - s
    e, d = result.layers_mm["epidermis"], result.layers_mm["dermis"]
    weight = np.clip((d - z) / (d - e), 0.0, 1.0)
    return z - s * weight


def model_depth(result: Result, y_mm: np.ndarray, surface_mm: np.ndarray) -> np.ndarray:
    """Inverse of :func:`plotted_depth`: model depth ``z`` drawn at plotted depth ``y``."""
    y = np.asarray(y_mm, dtype=float)
    s = np.asarray(surface_mm, dtype=float)
    if not result.scenario.scar_type.is_raised:
        return y + s
    e, d = result.layers_mm["epidermis"], result.layers_mm["dermis"]
    stretched = (y + s * d / (d - e)) / (1 + s / (d - e))
    return np.where(y <= e - s, y + s, np.where(y < d, stretched, y))


def _resample_to_plot(
    result: Result, fields: np.ndarray, surface_mm: np.ndarray, y_mm: np.ndarray, cell_mm: float
) -> np.ndarray:
    """Resample model fields onto plotted depth ``y``.

    ``fields`` has shape (n_f, nz, nx) on cells of size ``cell_mm``;
    ``surface_mm`` has shape (n_f, nx). Cell ``(j, i)`` of frame ``f`` takes the
    value at ``z = model_depth(y_j, surface_f(x_i))``; outside the column it is 0.
    """
    nz = fields.shape[1]
    z = model_depth(result, y_mm[None, :, None], surface_mm[:, None, :])
    z_index = np.floor(z / cell_mm).astype(int)
    inside = (z_index >= 0) & (z_index < nz)
    gathered = np.take_along_axis(fields, np.clip(z_index, 0, nz - 1), axis=1)
    return np.where(inside, gathered, 0.0)


def _simplified(x: np.ndarray, y: np.ndarray, tol: float = 2e-4) -> tuple[np.ndarray, np.ndarray]:
    """Drop points of a polyline that lie on a straight line with their neighbours."""
    if x.size < 3:
        return x, y
    bend = np.abs(y[:-2] - 2 * y[1:-1] + y[2:]) > tol
    keep = np.concatenate([[True], bend, [True]])
    return x[keep], y[keep]


def _band_path(x: np.ndarray, top: np.ndarray, bottom: np.ndarray) -> str:
    """SVG path of the band between two polylines (plotted depths)."""
    xs, ts = _simplified(x, top)
    xb, bs = _simplified(x, bottom)
    points = [*zip(xs, ts, strict=True), *zip(xb[::-1], bs[::-1], strict=True)]
    return "M" + "L".join(f"{px:.3f},{py:.3f}" for px, py in points) + "Z"


def layer_bounds_mm(result: Result) -> tuple[float, ...]:
    """Depths below the local surface of the skin surface and the layer bottoms."""
    layers = result.layers_mm
    return (0.0, layers["epidermis"], layers["papillary"], layers["dermis"], layers["total"])


def _layer_shapes(result: Result, surface_mm: np.ndarray, t: Theme) -> list[dict]:
    """Filled skin layers (drawn below the traces) for one surface profile."""
    bounds = layer_bounds_mm(result)
    colours = (t.epidermis, t.papillary, t.reticular, t.fat)
    return [
        {
            "type": "path",
            "path": _band_path(
                result.x_mm,
                plotted_depth(result, np.full_like(surface_mm, bounds[k]), surface_mm),
                plotted_depth(result, np.full_like(surface_mm, bounds[k + 1]), surface_mm),
            ),
            "fillcolor": colour,
            "line": {"width": 0},
            "opacity": 1,
            "layer": "below",
        }
        for k, colour in enumerate(colours)
    ]


def scar_region_mm(result: Result) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Columns of the scar's collagen deficit (depressed) or excess (raised).

    Returns
    -------
    columns : ndarray of int
        Column indices where the deficit or excess is more than 2 % of its peak.
    top_mm, bottom_mm : ndarray
        Depth below the local surface of the region's top and bottom there.
    """
    z, h = result.z_mm, result.h_mm
    layers = result.layers_mm
    lo = np.maximum(z - h / 2, layers["epidermis"])
    hi = np.minimum(z + h / 2, layers["dermis"])
    dermis = np.clip((hi - lo) / h, 0.0, 1.0)[:, None]
    anomaly = np.abs(result.collagen_baseline - dermis)
    if anomaly.max() <= 0:
        empty = np.zeros(0)
        return empty.astype(int), empty, empty
    mask = anomaly > 0.02 * anomaly.max()
    columns = np.nonzero(mask.any(axis=0))[0]
    first = mask[:, columns].argmax(axis=0)
    last = z.size - 1 - mask[::-1, columns].argmax(axis=0)
    return columns, z[first] - h / 2, z[last] + h / 2


def _region_outline(
    result: Result, region: tuple[np.ndarray, np.ndarray, np.ndarray], surface_mm: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    columns, top, bottom = region
    if columns.size == 0:
        return np.zeros(0), np.zeros(0)
    x = result.x_mm[columns]
    s = surface_mm[columns]
    xs, ts = _simplified(x, plotted_depth(result, top, s))
    xb, bs = _simplified(x, plotted_depth(result, bottom, s))
    ox = np.concatenate([xs, xb[::-1], xs[:1]])
    oy = np.concatenate([ts, bs[::-1], ts[:1]])
    return ox.astype(np.float32), oy.astype(np.float32)


def _channel_lines(
    result: Result, surface_mm: np.ndarray, sessions: list[int]
) -> tuple[list[float | None], list[float | None]]:
    """Needle channels of the given sessions, from the surface down to the effective depth.

    Drawn at their true length below the surface, also where a raised scar's
    dermis is drawn stretched.
    """
    depth = result.side_effects.effective_depth_mm
    xs: list[float | None] = []
    ys: list[float | None] = []
    for s in sessions:
        for x in result.track_x_mm[s]:
            top = -float(np.interp(x, result.x_mm, surface_mm))
            xs += [round(float(x), 3), round(float(x), 3), None]
            ys += [round(top, 3), round(top + depth, 3), None]
    return xs, ys


def frame_title(result: Result, index: int) -> str:
    """Headline of one animation frame: time and state of the scar."""
    day = float(result.times_days[index])
    done = int(np.sum(result.session_days <= day + 1e-9))
    if result.scenario.scar_type.is_raised:
        state = f"scar {result.raised_height_mm[index]:.2f} mm above the skin"
    else:
        state = f"{result.improvement_pct[index]:.0f} % of the scar's volume filled"
    today = ", session today" if np.any(np.isclose(result.session_days, day)) else ""
    return (
        f"Day {day:.0f} (week {day / 7:.0f}{today}): {done} of "
        f"{result.scenario.sessions} sessions done, {state}"
    )


def static_title(result: Result) -> str:
    """Headline of the figure when it is not animated: the scar and its final state."""
    label = result.scenario.scar_type.label
    if result.scenario.scar_type.is_raised:
        return (
            f"{label}: {result.raised_height_mm[0]:.2f} mm → "
            f"{result.raised_height_mm[-1]:.2f} mm above the skin (day {result.times_days[-1]:.0f})"
        )
    return (
        f"{label}: {result.improvement_pct[-1]:.0f} % of its volume filled "
        f"(day {result.times_days[-1]:.0f})"
    )


def _legend_swatch(name: str, colour: str) -> dict:
    """An empty scatter trace whose legend entry is a coloured square."""
    return {
        "type": "scatter",
        "x": [None],
        "y": [None],
        "mode": "markers",
        "marker": {"symbol": "square", "size": 18, "color": colour},
        "name": name,
        "hoverinfo": "skip",
    }


TRACE_NAMES = (
    "New collagen",
    "Original scar outline",
    "Missing collagen (scar tract)",
    "Surface now",
    "Needles in past sessions",
    "Needles, session today",
)
ANIMATED_TRACES = (0, 2, 3, 4, 5)
"""Indices of the traces that change from frame to frame."""


def cross_section_figure(
    result: Result,
    *,
    high_contrast: bool = False,
    animate: bool = True,
    cell_mm: float = CELL_MM,
    title: str | None = None,
) -> go.Figure:
    """Skin cross-section with layers, scar, needle channels and new collagen.

    Parameters
    ----------
    result : Result
        A simulated course.
    high_contrast : bool
        Use the high-contrast theme.
    animate : bool
        If True, one Plotly frame per field time, with a time slider and
        play/pause buttons; the figure itself shows the end of follow-up. If
        False, only the end of follow-up is drawn.
    cell_mm : float
        Smallest cell size of the drawn collagen field (the model's fields
        are averaged over blocks of cells; tall sections get coarser cells so
        that a frame has at most :data:`MAX_CELLS` cells).
    title : str, optional
        Figure title when not animated (default: the frame headline).

    Returns
    -------
    plotly.graph_objects.Figure
        Traces, in order: new collagen (heatmap of :func:`encode_collagen`
        codes), original scar outline, scar tract (missing or extra
        collagen, hatched), surface now, needle channels of earlier and of
        the latest session, then legend swatches. The depth axis points down
        (mm below the level of the surrounding skin) and is drawn
        :data:`DEPTH_EXAGGERATION` times the width scale, as the note beside
        the 1 mm and 0.5 mm scale bars says; layers are filled shapes.
    """
    t = theme(high_contrast)
    frames_t = field_frame_indices(result, MAX_FRAMES)
    drawn = np.searchsorted(result.field_times_days, result.times_days[frames_t])
    surfaces = result.surface_mm[frames_t]
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
    x = _block_mean(result.x_mm, k, (0,))
    surf_coarse = _block_mean(surfaces, k, (1,))
    young = _resample_to_plot(
        result, _block_mean(result.collagen3[drawn], k, (1, 2)), surf_coarse, y, cell
    )
    mature = _resample_to_plot(
        result, _block_mean(result.collagen1[drawn], k, (1, 2)), surf_coarse, y, cell
    )
    codes = encode_collagen(young, mature)
    rows = np.nonzero(codes.max(axis=(0, 2)) >= SHARE_LEVELS)[0]
    if rows.size == 0:
        rows = np.array([0])
    codes = codes[:, rows[0] : rows[-1] + 1]
    y_rows = y[rows[0] : rows[-1] + 1].astype(np.float32)

    region = scar_region_mm(result)
    region_name = "Extra collagen (raised scar)" if raised else "Missing collagen (scar tract)"
    region_colour = t.excess if raised else t.deficit

    def frame_data(f: int, full: bool) -> list[dict]:
        i = int(frames_t[f])
        day = result.times_days[i]
        done = [s for s, d in enumerate(result.session_days) if d <= day + 1e-9]
        today = [s for s in done if abs(result.session_days[s] - day) < 1.0]
        past = [s for s in done if s not in today]
        cx, cy = _channel_lines(result, result.surface_mm[i], today)
        ox, oy = _channel_lines(result, result.surface_mm[i], past)
        rx, ry = _region_outline(result, region, result.surface_mm[i])
        data = [
            {"z": codes[f]},
            {"x": rx, "y": ry},
            {"y": (-result.surface_mm[i]).astype(np.float32)},
            {"x": ox, "y": oy},
            {"x": cx, "y": cy},
        ]
        if full:
            data[0].update(x=x.astype(np.float32), y=y_rows)
            data[2].update(x=result.x_mm.astype(np.float32))
        return data

    last = frames_t.size - 1
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
            "name": "New collagen",
        },
        {
            "type": "scatter",
            "x": result.x_mm.astype(np.float32),
            "y": (-result.surface0_mm).astype(np.float32),
            "mode": "lines",
            "line": {"color": t.text, "width": max(2.0, t.line_px - 1), "dash": "dash"},
            "name": "Original scar outline",
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
            "line": {"color": region_colour, "width": 2, "dash": "dot"},
            "name": region_name,
            "hoverinfo": "skip",
        },
        {
            "type": "scatter",
            **surface,
            "mode": "lines",
            "line": {"color": t.text, "width": t.line_px},
            "name": "Surface now",
            "hoverinfo": "skip",
        },
        {
            "type": "scatter",
            **older,
            "mode": "lines",
            "line": {"color": "#555555", "width": 2, "dash": "dot"},
            "name": "Needles in past sessions",
            "hoverinfo": "skip",
        },
        {
            "type": "scatter",
            **latest,
            "mode": "lines",
            "line": {"color": t.text, "width": 3},
            "name": "Needles, session today",
            "hoverinfo": "skip",
        },
        _legend_swatch("New collagen III (young)", t.collagen3),
        _legend_swatch("New collagen I (mature)", t.collagen1),
    ]

    x_range = [float(result.x_mm[0] - result.h_mm / 2), float(result.x_mm[-1] + result.h_mm / 2)]
    px_per_mm = DEPTH_EXAGGERATION * NOMINAL_PLOT_WIDTH_PX / (x_range[1] - x_range[0])
    plot_height_px = int(np.clip(px_per_mm * (bottom - top), *PLOT_HEIGHT_PX))
    # Bottom margin: x-axis title, slider and buttons (if animated) and the legend.
    margin_bottom = (250 if animate else 160) + (40 if high_contrast else 0)
    scale_bars = _scale_bars(x_range, bottom, t)
    layout = merged(
        theme_layout(t),
        {
            "height": MARGIN_TOP_PX + plot_height_px + margin_bottom,
            "shapes": _layer_shapes(result, result.surface_mm[frames_t[last]], t) + scale_bars,
            "annotations": _layer_labels(result) + _scale_labels(x_range, bottom),
            "legend": {
                "orientation": "h",
                "entrywidth": 0.5,
                "entrywidthmode": "fraction",
                "x": 0,
                "y": -0.02,
                "yref": "container",
                "yanchor": "bottom",
            },
            "margin": {"l": 80, "r": 175, "t": MARGIN_TOP_PX, "b": margin_bottom},
            "title": {
                "text": title
                or (frame_title(result, int(frames_t[last])) if animate else static_title(result))
            },
            "xaxis": {
                "title": {"text": "Distance from the scar's centre (mm)"},
                "range": x_range,
                "showgrid": False,
                "zeroline": False,
                "ticks": "outside",
                "constrain": "domain",
                "constraintoward": "left",
            },
            "yaxis": {
                "title": {"text": "Depth (mm)"},
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
        _add_animation(spec, result, frames_t, frame_data, t, scale_bars)
    # One spec, built without per-property validation (see figure_from_spec):
    # building the figure trace by trace and frame by frame took ~3x longer.
    return figure_from_spec(spec)


def _scale_bars(x_range: list[float], bottom: float, t: Theme) -> list[dict]:
    """A 1 mm bar (width) and a 0.5 mm bar (depth) meeting in the bottom-left corner."""
    x1 = x_range[0] + 0.25 + SCALE_BAR_MM[0]
    yb = bottom - 0.12
    line = {"color": t.text, "width": 6}
    common = {"type": "line", "line": line, "opacity": 1, "layer": "above"}
    return [
        {**common, "x0": x1 - SCALE_BAR_MM[0], "x1": x1, "y0": yb, "y1": yb},
        {**common, "x0": x1, "x1": x1, "y0": yb, "y1": yb - SCALE_BAR_MM[1]},
    ]


def _scale_labels(x_range: list[float], bottom: float) -> list[dict]:
    """Lengths of the scale bars and the vertical exaggeration."""
    x1 = x_range[0] + 0.25 + SCALE_BAR_MM[0]
    yb = bottom - 0.12
    return [
        {
            "text": f"<b>{SCALE_BAR_MM[0]:g} mm</b>",
            "x": x1 - SCALE_BAR_MM[0] / 2,
            "y": yb,
            "yshift": 16,
            "showarrow": False,
            "font": {"size": 16},
        },
        {
            "text": f"<b>{SCALE_BAR_MM[1]:g} mm</b><br>{exaggeration_note()}",
            "x": x1,
            "xshift": 8,
            "xanchor": "left",
            "y": yb - SCALE_BAR_MM[1] / 2,
            "align": "left",
            "showarrow": False,
            "font": {"size": 16},
        },
    ]


def exaggeration_note() -> str:
    """The figure's note on its vertical exaggeration, e.g. ``depth drawn 2x``."""
    return f"depth drawn {DEPTH_EXAGGERATION:g}x"


def _layer_labels(result: Result) -> list[dict]:
    """Layer names right of the plot, at each layer's depth in the surrounding skin."""
    bounds = layer_bounds_mm(result)
    return [
        {
            "text": name,
            "xref": "x domain",
            "x": 1.01,
            "xanchor": "left",
            "y": (bounds[k] + bounds[k + 1]) / 2,
            "yref": "y",
            "showarrow": False,
            "yshift": 8 if k == 0 else 0,
            "font": {"size": 16},
        }
        for k, name in enumerate(LAYER_NAMES)
    ]


def _add_animation(
    spec: dict, result: Result, frames_t: np.ndarray, frame_data, t: Theme, scale_bar: list
) -> None:
    """Add frames, slider and play/pause buttons (all on the client) to ``spec``."""
    frames = []
    steps = []
    for f, i in enumerate(frames_t):
        day = float(result.times_days[i])
        name = f"{day:g}"
        frames.append(
            {
                "name": name,
                "data": [
                    {"type": "heatmap" if n == 0 else "scatter", **trace}
                    for n, trace in enumerate(frame_data(f, full=False))
                ],
                "traces": list(ANIMATED_TRACES),
                "layout": {
                    "shapes": _layer_shapes(result, result.surface_mm[i], t) + scale_bar,
                    "title": {"text": frame_title(result, int(i))},
                },
            }
        )
        steps.append(
            {
                "method": "animate",
                "label": f"week {day / 7:.0f} (day {day:.0f})",
                "args": [
                    [name],
                    {
                        "mode": "immediate",
                        "frame": {"duration": 0, "redraw": True},
                        "transition": {"duration": 0},
                    },
                ],
            }
        )
    spec["frames"] = frames
    spec["layout"] = merged(
        spec["layout"],
        {
            "sliders": [
                {
                    "active": len(steps) - 1,
                    "steps": steps,
                    "x": 0.3,
                    "len": 0.7,
                    "y": 0,
                    "yanchor": "top",
                    "pad": {"t": 70},
                    "currentvalue": {"prefix": "Time: ", "font": {"size": 18, "color": t.text}},
                    "font": {"size": 16, "color": "rgba(0,0,0,0)"},
                    "tickcolor": t.text,
                }
            ],
            "updatemenus": [
                {
                    "type": "buttons",
                    "direction": "left",
                    "x": 0.0,
                    "y": 0,
                    "xanchor": "left",
                    "yanchor": "top",
                    "pad": {"t": 100},
                    "font": {"size": 16},
                    "buttons": [
                        {
                            "label": "▶ Play",
                            "method": "animate",
                            "args": [
                                None,
                                {
                                    "frame": {"duration": 350, "redraw": True},
                                    "fromcurrent": False,
                                    "transition": {"duration": 0},
                                    "mode": "immediate",
                                },
                            ],
                        },
                        {
                            "label": "❚❚ Pause",
                            "method": "animate",
                            "args": [
                                [None],
                                {"frame": {"duration": 0, "redraw": False}, "mode": "immediate"},
                            ],
                        },
                    ],
                }
            ],
        },
    )
