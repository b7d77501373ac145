"""The grid and the skin layers of the cross-section.

Coordinates: ``x`` is lateral position (mm, 0 at the scar's centre) and ``z``
is depth below the local skin surface (mm, positive down). Using depth below
the *local* surface (a terrain-following coordinate) keeps every layer a
horizontal band even under a depressed or raised scar; the viewer shifts each
column by the current surface height to draw it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np

from sim import constants as C


@dataclass(frozen=True)
class Skin:
    """Layer thicknesses of facial skin, in millimetres.

    Parameters
    ----------
    epidermis_mm : float
        Epidermis thickness (Chopra 2015: 0.030-0.063 mm on the face).
    dermis_mm : float
        Dermis thickness (Chopra 2015: 0.76-1.97 mm).
    papillary_fraction : float
        Share of the dermis that is papillary (Sorrell & Caplan 2004: ~1/5).
    fat_mm : float
        Depth of subcutaneous fat included in the model.
    """

    epidermis_mm: float
    dermis_mm: float
    papillary_fraction: float = C.PAPILLARY_FRACTION.value
    fat_mm: float = C.FAT_MM.value

    @property
    def papillary_bottom_mm(self) -> float:
        """Depth of the papillary/reticular boundary below the surface."""
        return self.epidermis_mm + self.papillary_fraction * self.dermis_mm

    @property
    def dermis_bottom_mm(self) -> float:
        """Depth of the dermis/fat boundary below the surface."""
        return self.epidermis_mm + self.dermis_mm

    @property
    def total_mm(self) -> float:
        """Depth of the modelled column."""
        return self.dermis_bottom_mm + self.fat_mm


@dataclass(frozen=True)
class Grid:
    """Cell-centred regular grid, ``h`` mm spacing.

    Parameters
    ----------
    width_mm : float
        Lateral extent, centred on 0.
    depth_mm : float
        Depth extent below the local surface.
    h_mm : float
        Cell size in both directions.
    """

    width_mm: float
    depth_mm: float
    h_mm: float

    @cached_property
    def nx(self) -> int:
        """Number of lateral cells."""
        return round(self.width_mm / self.h_mm)

    @cached_property
    def nz(self) -> int:
        """Number of depth cells (rounded up to cover ``depth_mm``)."""
        return int(np.ceil(self.depth_mm / self.h_mm - 1e-9))

    @cached_property
    def x_mm(self) -> np.ndarray:
        """Lateral cell centres, mm."""
        return (np.arange(self.nx) + 0.5) * self.h_mm - self.nx * self.h_mm / 2

    @cached_property
    def z_mm(self) -> np.ndarray:
        """Depth cell centres, mm."""
        return (np.arange(self.nz) + 0.5) * self.h_mm


def make_grid(
    skin: Skin, h_mm: float = C.GRID_MM.value, width_mm: float = C.WIDTH_MM.value
) -> Grid:
    """Grid covering ``width_mm`` and the whole skin column of ``skin``."""
    return Grid(width_mm=width_mm, depth_mm=skin.total_mm, h_mm=h_mm)


def band_fraction(z_mm: np.ndarray, h_mm: float, top_mm: float, bottom_mm: float) -> np.ndarray:
    """Share of each depth cell lying between ``top_mm`` and ``bottom_mm``.

    Cells are ``[z - h/2, z + h/2]``; partly covered cells get the covered
    share, so ``sum(band_fraction) * h == bottom - top`` for a band inside the
    grid.
    """
    lo = np.maximum(z_mm - h_mm / 2, top_mm)
    hi = np.minimum(z_mm + h_mm / 2, bottom_mm)
    return np.clip(hi - lo, 0.0, None) / h_mm


def layer_fractions(skin: Skin, grid: Grid) -> dict[str, np.ndarray]:
    """Share of each depth cell in each layer (``epidermis``, ``papillary``,
    ``reticular``, ``dermis``, ``fat``)."""
    z, h = grid.z_mm, grid.h_mm
    return {
        "epidermis": band_fraction(z, h, 0.0, skin.epidermis_mm),
        "papillary": band_fraction(z, h, skin.epidermis_mm, skin.papillary_bottom_mm),
        "reticular": band_fraction(z, h, skin.papillary_bottom_mm, skin.dermis_bottom_mm),
        "dermis": band_fraction(z, h, skin.epidermis_mm, skin.dermis_bottom_mm),
        "fat": band_fraction(z, h, skin.dermis_bottom_mm, np.inf),
    }
