"""Where things are drawn in the cross-section: plotted depth, layers, scar region, needles.

The model computes in a terrain-following frame (depth ``z`` below the
*local* surface). To draw, each column is shifted by the surface height at
that time: plotted depth ``y`` (mm, positive downwards) is measured from the
level of the surrounding skin. These functions map between the two frames and
build the shapes (layers, scar region, needle channels) in plotted depth.
"""

from __future__ import annotations

import numpy as np

from sim.model import Result
from viz.i18n import N_
from viz.style import Theme

LAYER_NAMES = (N_("Epidermis"), N_("Papillary dermis"), N_("Reticular dermis"), N_("Fat"))
"""Names of the skin layers, top down (English: translate with ``_()`` where shown)."""


def block_mean(values: np.ndarray, k: int, axes: tuple[int, ...]) -> np.ndarray:
    """Average ``values`` over blocks of ``k`` cells along ``axes`` (trailing cells dropped)."""
    out = values
    for axis in axes:
        n = out.shape[axis] // k
        out = np.take(out, np.arange(n * k), axis=axis)
        shape = [*out.shape[:axis], n, k, *out.shape[axis + 1 :]]
        out = out.reshape(shape).mean(axis=axis + 1)
    return out


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


def resample_to_plot(
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


def band_path(x: np.ndarray, top: np.ndarray, bottom: np.ndarray) -> str:
    """SVG path of the band between two polylines (plotted depths)."""
    xs, ts = _simplified(x, top)
    xb, bs = _simplified(x, bottom)
    # Python floats format about twice as fast as NumPy scalars: this is ~40 % of
    # drawing the cross-section for a new scenario (13 frames x 4 layers).
    px = np.concatenate([xs, xb[::-1]]).tolist()
    py = np.concatenate([ts, bs[::-1]]).tolist()
    return "M" + "L".join(map("{:.3f},{:.3f}".format, px, py)) + "Z"


def layer_bounds_mm(result: Result) -> tuple[float, ...]:
    """Depths below the local surface of the skin surface and the layer bottoms."""
    layers = result.layers_mm
    return (0.0, layers["epidermis"], layers["papillary"], layers["dermis"], layers["total"])


def layer_shapes(result: Result, surface_mm: np.ndarray, t: Theme) -> list[dict]:
    """Filled skin layers (drawn below the traces) for one surface profile."""
    bounds = layer_bounds_mm(result)
    colours = (t.epidermis, t.papillary, t.reticular, t.fat)
    return [
        {
            "type": "path",
            "path": band_path(
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


def region_outline(
    result: Result, region: tuple[np.ndarray, np.ndarray, np.ndarray], surface_mm: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Closed outline (plotted depths) of the scar region of :func:`scar_region_mm`."""
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


def channel_lines(
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
        x = np.asarray(result.track_x_mm[s], dtype=float)
        top = -np.interp(x, result.x_mm, surface_mm)
        for cx, ct, cb in zip(
            np.round(x, 3).tolist(),
            np.round(top, 3).tolist(),
            np.round(top + depth, 3).tolist(),
            strict=True,
        ):
            xs += [cx, cx, None]
            ys += [ct, cb, None]
    return xs, ys
