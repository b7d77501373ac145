"""Scar presets and the geometry they give on the grid.

A scar is a surface profile plus what lies beneath it:

* a **depressed** scar (ice pick, boxcar, rolling) has lost dermal collagen.
  Its surface depression ``d0(x)`` is split into a *fillable* collagen deficit
  ``(1 - tau) d0`` spread evenly over the scar tract below it, and a *tethered*
  part ``tau d0`` held down by fibrous bands or an epithelial tract that new
  collagen cannot lift;
* a **raised** scar (hypertrophic, keloid) holds excess collagen
  (``H u(x) / dermis`` per unit depth) made by fibroblasts that synthesise
  collagen faster than normal ones.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

import numpy as np

from sim import constants as C
from sim.anatomy import Grid, Skin, band_fraction
from sim.text import N_

Shape = Literal["V", "U", "M", "dome"]
EDGE_MM = 0.1  # half-width of the smoothed wall of a boxcar or raised scar (modelling choice)
MAX_DEFICIT = 0.9  # at most 90 % of the dermal collagen can be missing (modelling choice)


@dataclass(frozen=True)
class ScarType:
    """A scar preset.

    Parameters
    ----------
    name, label : str
        Identifier and plain-words name (marked with ``N_``, translated by the app).
    kind : {"depressed", "raised"}
        Whether the scar lies below or above the surrounding skin.
    shape : {"V", "U", "M", "dome"}
        Lateral profile: V (ice pick), U with steep walls (boxcar), broad bowl
        (rolling), dome (raised).
    width_mm : float
        Width at half depth (or half height).
    depth_mm : float
        Surface depression (depressed) or height (raised).
    tract_mm : float or None
        Depth below the surface reached by the damaged dermis (scar tract);
        None for raised scars.
    tether_fraction : float
        Share of the depression held by tethering, not by a collagen deficit.
    synthesis : float
        Collagen synthesis of the scar's fibroblasts relative to normal skin.
    source : str
        Where the numbers come from.
    """

    name: str
    label: str
    kind: Literal["depressed", "raised"]
    shape: Shape
    width_mm: float
    depth_mm: float
    tract_mm: float | None
    tether_fraction: float
    synthesis: float
    source: str

    @property
    def is_raised(self) -> bool:
        """Whether the scar stands above the skin (hypertrophic or keloid)."""
        return self.kind == "raised"


SCARS: dict[str, ScarType] = {
    s.name: s
    for s in (
        ScarType(
            "ice_pick",
            N_("Ice pick"),
            "depressed",
            "V",
            width_mm=1.0,
            depth_mm=0.8,
            tract_mm=1.93,
            tether_fraction=0.932,
            synthesis=1.0,
            source="Width < 2 mm, narrow epithelial tract to deep dermis or subcutis: Jacob "
            "2001; tract 1.93 ± 1.12 mm: Bansal 2025. Surface depth 0.8 mm is a modelling "
            "choice (deeper than a deep boxcar). Tether share calibrated to the ratio "
            "ice pick / boxcar = 6 / 47 scars fewer (Garg & Chaudhary).",
        ),
        ScarType(
            "boxcar_shallow",
            N_("Boxcar (shallow)"),
            "depressed",
            "U",
            width_mm=3.0,
            depth_mm=0.3,
            tract_mm=1.33,
            tether_fraction=0.0,
            synthesis=1.0,
            source="1.5-4 mm wide, 0.1-0.5 mm deep, steep walls: Jacob 2001; tract "
            "1.33 ± 0.57 mm: Bansal 2025",
        ),
        ScarType(
            "boxcar_deep",
            N_("Boxcar (deep)"),
            "depressed",
            "U",
            width_mm=3.0,
            depth_mm=0.7,
            tract_mm=1.90,
            tether_fraction=0.0,
            synthesis=1.0,
            source="1.5-4 mm wide, ≥ 0.5 mm deep: Jacob 2001; tract 1.33 + 0.57 mm (mean + "
            "1 SD, Bansal 2025; modelling choice for the deep form)",
        ),
        ScarType(
            "rolling",
            N_("Rolling"),
            "depressed",
            "M",
            width_mm=5.0,
            depth_mm=0.3,
            tract_mm=1.36,
            tether_fraction=0.537,
            synthesis=1.0,
            source="> 4-5 mm wide, tethered to subcutis by fibrous bands: Jacob 2001; tract "
            "1.36 ± 0.58 mm: Bansal 2025. Depth 0.3 mm is a modelling choice; tether share "
            "calibrated to the ratio rolling / boxcar = 37 / 47 scars fewer (Garg & Chaudhary).",
        ),
        ScarType(
            "hypertrophic",
            N_("Hypertrophic (raised)"),
            "raised",
            "dome",
            width_mm=3.0,
            depth_mm=1.0,
            tract_mm=None,
            tether_fraction=0.0,
            synthesis=C.HYPERTROPHIC_SYNTHESIS.value,
            source="Height < 2 mm class of the Vancouver Scar Scale (Sullivan 1990; 1 mm is a "
            "modelling choice); synthesis: Craig 1975 (secondary)",
        ),
        ScarType(
            "keloid",
            N_("Keloid (raised)"),
            "raised",
            "dome",
            width_mm=5.0,
            depth_mm=2.5,
            tract_mm=None,
            tether_fraction=0.0,
            synthesis=C.KELOID_SYNTHESIS.value,
            source="Height 2-5 mm class of the Vancouver Scar Scale (Sullivan 1990; 2.5 mm is a "
            "modelling choice); synthesis 20x normal: Craig 1975 (secondary)",
        ),
    )
}


def unit_profile(shape: Shape, width_mm: float, x_mm: np.ndarray) -> np.ndarray:
    """Lateral shape ``u(x)`` in ``[0, 1]``, 1 at the scar's deepest point.

    ``V``: triangle of base ``width_mm``; ``U``: flat floor with walls smoothed
    over ``EDGE_MM``, width at half depth ``width_mm``; ``M``: ``cos^2`` bowl of
    base ``width_mm``; ``dome``: like ``U`` with walls three times softer.
    """
    half = width_mm / 2
    r = np.abs(x_mm)
    if shape == "V":
        return np.clip(1 - r / half, 0.0, 1.0)
    if shape == "M":
        return np.where(r < half, np.cos(np.pi * r / width_mm) ** 2, 0.0)
    edge = EDGE_MM if shape == "U" else 3 * EDGE_MM
    u = 0.5 * (1 - np.tanh((r - half) / edge))
    return np.where(u < 1e-6, 0.0, u)


@dataclass(frozen=True)
class ScarGeometry:
    """A scar laid on the grid (arrays are read-only).

    Attributes
    ----------
    surface0_mm : ndarray, shape (nx,)
        Initial surface height relative to the surrounding skin (mm; negative
        where depressed).
    deficit : ndarray, shape (nz, nx)
        Missing collagen as a volume fraction of normal dermis (depressed
        scars; 0 elsewhere). ``deficit.sum(0) * h == (1 - tau) * depth(x)``.
    tether_mm : ndarray, shape (nx,)
        Part of the depression held by tethering (includes any part a thin
        dermis cannot hold as a deficit).
    excess : ndarray, shape (nz, nx)
        Excess collagen of a raised scar, volume fraction of normal dermis.
    synthesis : ndarray, shape (nz, nx)
        Collagen synthesis relative to normal dermis (1 outside raised scars).
    footprint : ndarray of bool, shape (nx,)
        Columns belonging to the scar (``u(x) > 0.05``).
    """

    surface0_mm: np.ndarray
    deficit: np.ndarray
    tether_mm: np.ndarray
    excess: np.ndarray
    synthesis: np.ndarray
    footprint: np.ndarray


def _profile(scar: ScarType, grid: Grid, custom: tuple[float, ...] | None) -> np.ndarray:
    if custom is None:
        return scar.depth_mm * unit_profile(scar.shape, scar.width_mm, grid.x_mm)
    values = np.asarray(custom, dtype=float)
    xs = np.linspace(grid.x_mm[0], grid.x_mm[-1], values.size)
    return np.interp(grid.x_mm, xs, np.abs(values))


@lru_cache(maxsize=64)
def scar_geometry(
    scar: ScarType, skin: Skin, grid: Grid, custom_profile_mm: tuple[float, ...] | None = None
) -> ScarGeometry:
    """Lay ``scar`` on ``grid``.

    Parameters
    ----------
    scar : ScarType
        Preset (its biology: tract, tether, synthesis).
    skin : Skin
        Layer thicknesses.
    grid : Grid
        Cross-section grid.
    custom_profile_mm : tuple of float, optional
        Surface profile sampled evenly across the grid's width (mm; its sign is
        ignored, the preset's kind decides whether it is a depression or a
        raised scar). Replaces the preset's shape.

    Returns
    -------
    ScarGeometry

    Notes
    -----
    A column's deficit is at most ``MAX_DEFICIT`` of normal dermis; where a
    deep scar in a thin dermis would need more, the rest of the depression
    counts as tethered (it cannot be refilled with collagen).
    """
    depth = _profile(scar, grid, custom_profile_mm)
    peak = depth.max()
    u = depth / peak if peak > 0 else depth
    nz, nx = grid.nz, grid.nx
    zero = np.zeros((nz, nx))
    footprint = u > 0.05
    if scar.is_raised:
        dermis = band_fraction(grid.z_mm, grid.h_mm, skin.epidermis_mm, skin.dermis_bottom_mm)
        excess = np.outer(dermis, depth / skin.dermis_mm)
        synthesis = 1.0 + (scar.synthesis - 1.0) * np.outer(dermis, u)
        geometry = ScarGeometry(depth, zero, np.zeros(nx), excess, synthesis, footprint)
    else:
        assert scar.tract_mm is not None, f"depressed scar {scar.name} needs tract_mm"
        bottom = np.minimum(
            skin.epidermis_mm + (scar.tract_mm - skin.epidermis_mm) * u, skin.dermis_bottom_mm
        )
        length = bottom - skin.epidermis_mm
        fillable = (1 - scar.tether_fraction) * depth
        density = np.divide(fillable, length, out=np.zeros(nx), where=length > 1e-9)
        density = np.minimum(density, MAX_DEFICIT)
        tether = depth - density * length
        lo = np.maximum(grid.z_mm[:, None] - grid.h_mm / 2, skin.epidermis_mm)
        hi = np.minimum(grid.z_mm[:, None] + grid.h_mm / 2, bottom[None, :])
        deficit = density[None, :] * np.clip(hi - lo, 0.0, None) / grid.h_mm
        geometry = ScarGeometry(-depth, deficit, tether, zero, np.ones((nz, nx)), footprint)
    for array in vars(geometry).values():
        array.setflags(write=False)
    return geometry
