"""Metrics of a simulated course, computed from surface profiles.

Observation is kept apart from simulation: these functions take the surface
profiles a run produced and say how much the scar changed.
"""

from __future__ import annotations

import numpy as np


def depression_area(surface_mm: np.ndarray, h_mm: float) -> np.ndarray:
    """Cross-section area of the depression (mm²), ``sum(max(-surface, 0)) h``.

    ``surface_mm`` has shape ``(..., nx)``; heights are relative to the
    surrounding skin, negative where depressed.
    """
    return np.clip(-surface_mm, 0.0, None).sum(axis=-1) * h_mm


def improvement_pct(surface_mm: np.ndarray, surface0_mm: np.ndarray, h_mm: float) -> np.ndarray:
    """Filled share of the original depression's volume (%).

    ``100 (V0 - V(t)) / V0``; 0 for a scar with no depression, and exactly 0 for an
    unchanged surface.
    """
    v0 = depression_area(surface0_mm, h_mm)
    if np.all(v0 <= 0):
        return np.zeros(surface_mm.shape[:-1])
    # Column differences first, so an unchanged surface gives exactly 0.
    lifted = np.clip(-surface0_mm, 0.0, None) - np.clip(-surface_mm, 0.0, None)
    return 100.0 * lifted.sum(axis=-1) * h_mm / v0


def depression_depth_mm(surface_mm: np.ndarray) -> np.ndarray:
    """Deepest point of the depression (mm, >= 0)."""
    return np.clip(-surface_mm.min(axis=-1), 0.0, None)


def depth_improvement_pct(surface_mm: np.ndarray, surface0_mm: np.ndarray) -> np.ndarray:
    """Reduction of the maximum depth (%); 0 for a scar with no depression."""
    d0 = depression_depth_mm(np.broadcast_to(surface0_mm, surface_mm.shape))
    if np.all(d0 <= 0):
        return np.zeros(surface_mm.shape[:-1])
    return 100.0 * (d0 - depression_depth_mm(surface_mm)) / d0


def raised_height_mm(surface_mm: np.ndarray) -> np.ndarray:
    """Highest point above the surrounding skin (mm, >= 0)."""
    return np.clip(surface_mm.max(axis=-1), 0.0, None)
