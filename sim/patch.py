r"""A patch of skin seen from above: the model's profiles turned into surfaces.

The model computes a cross-section. A round scar is drawn as the surface of
revolution of its profile: the height at distance :math:`r` from the scar's
centre is the profile's height at :math:`x = r`, averaged over the two halves
of the cross-section,

.. math:: z(x, y) = \tfrac12\,[s(r) + s(-r)],\qquad r = \sqrt{(x-x_c)^2 + (y-y_c)^2},

and zero beyond the cross-section's half-width. This assumes round scars: an
elongated scar (e.g. a linear trough) is not drawn as it is.

Two patches:

* **one scar** at the centre of a 1 × 1 cm patch of cheek (the scenario's scar);
* **mixed scars**: 13 atrophic scars in a 1.4 × 1.4 cm patch, 8 ice pick
  (62 %), 3 boxcar (23 %: 2 shallow, 1 deep) and 2 rolling (15 %), inside the
  proportions Jacob, Dover & Kaminer (J Am Acad Dermatol 2001;45:109) give for
  atrophic acne scars: ice pick 60-70 %, boxcar 20-30 % (both as quoted by
  Fabbrocini et al.'s 2012 review; secondary), rolling 15-25 % (Jacob's figure
  as commonly quoted; not re-read here). Their places are a modelling choice
  (no two footprints touch). Each type is simulated with the same treatment.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import numpy as np

from sim import goodman, metrics
from sim.scars import SCARS
from sim.scenario import Scenario

if TYPE_CHECKING:
    from sim.model import Result

ONE_SCAR_PATCH_MM = 10.0
MIXED_PATCH_MM = 14.0
STEP_MM = 0.2
"""Spacing of the patch's grid (modelling choice: 5 points across the narrowest,
1 mm, scar; finer grids make the 3-D animation too heavy to send)."""

JACOB_PROPORTIONS_PCT = {"ice_pick": (60, 70), "boxcar": (20, 30), "rolling": (15, 25)}
"""Share of each atrophic scar type (%), Jacob, Dover & Kaminer 2001."""


@dataclass(frozen=True)
class PlacedScar:
    """A scar preset at ``(x_mm, y_mm)`` from the patch's centre."""

    scar: str
    x_mm: float
    y_mm: float


MIXED_SCARS: tuple[PlacedScar, ...] = (
    PlacedScar("rolling", -3.5, 3.5),
    PlacedScar("rolling", 3.5, -3.5),
    PlacedScar("boxcar_deep", 3.8, 3.8),
    PlacedScar("boxcar_shallow", -3.8, -3.6),
    PlacedScar("boxcar_shallow", 0.2, 0.0),
    *(
        PlacedScar("ice_pick", x, y)
        for x, y in (
            (0.0, 5.5),
            (0.0, -5.5),
            (5.5, 0.0),
            (-5.5, 0.0),
            (6.0, 6.0),
            (-6.0, -6.0),
            (6.0, -6.0),
            (-6.0, 6.0),
        )
    ),
)


def jacob_type(scar: str) -> str:
    """Jacob's type of a preset: ``ice_pick``, ``boxcar`` or ``rolling``."""
    return "boxcar" if scar.startswith("boxcar") else scar


def revolve(x_mm: np.ndarray, profile_mm: np.ndarray, r_mm: np.ndarray) -> np.ndarray:
    """Height at distances ``r_mm`` from a round scar's centre (mm).

    ``profile_mm`` has shape ``(..., nx)`` on the lateral grid ``x_mm``; the result
    has shape ``(...,) + r_mm.shape``: ``(s(r) + s(-r)) / 2``, 0 beyond the grid.
    """
    profile = np.asarray(profile_mm, dtype=float)
    flat_r = np.ravel(r_mm)
    x = np.asarray(x_mm, dtype=float)
    rows = profile.reshape(-1, x.size)
    out = np.empty((rows.shape[0], flat_r.size))
    for i, row in enumerate(rows):
        out[i] = 0.5 * (
            np.interp(flat_r, x, row, left=0.0, right=0.0)
            + np.interp(-flat_r, x, row, left=0.0, right=0.0)
        )
    return out.reshape(profile.shape[:-1] + np.shape(r_mm))


def patch_axis(size_mm: float, step_mm: float = STEP_MM) -> np.ndarray:
    """Cell centres across a square patch of side ``size_mm``, centred on 0 (mm)."""
    n = round(size_mm / step_mm) + 1
    return np.linspace(-size_mm / 2, size_mm / 2, n)


def mixed_scenarios(scenario: Scenario) -> dict[str, Scenario]:
    """The scenario's treatment applied to each scar preset of the mixed patch."""
    names = dict.fromkeys(p.scar for p in MIXED_SCARS)
    return {n: replace(scenario, scar=n, custom_profile_mm=None) for n in names}


@dataclass(frozen=True)
class Patch:
    """Heights of a patch of skin over a course (mm; arrays are read-only).

    Attributes
    ----------
    x_mm, y_mm : ndarray, shape (n,)
        Cell centres of the square patch.
    scars : tuple of PlacedScar
        What the patch holds.
    frame_days : ndarray, shape (n_f,)
        Days after the first session of the animation's frames.
    before_mm : ndarray, shape (n, n)
        Heights before treatment (``[y, x]``).
    height_mm, height_p10_mm, height_p90_mm : ndarray, shape (n_f, n, n)
        Heights at the frames: median, lower responder (10th percentile of
        improvement) and upper responder (90th).
    times_days : ndarray, shape (n_t,)
        Output times of the scores and grades.
    grades, grades_p10, grades_p90 : ndarray of int, shape (n_scars, n_t)
        Qualitative grade of each scar.
    score, score_p10, score_p90 : ndarray of int, shape (n_t,)
        Goodman & Baron quantitative score of the patch.
    """

    x_mm: np.ndarray
    y_mm: np.ndarray
    scars: tuple[PlacedScar, ...]
    frame_days: np.ndarray
    before_mm: np.ndarray
    height_mm: np.ndarray
    height_p10_mm: np.ndarray
    height_p90_mm: np.ndarray
    times_days: np.ndarray
    grades: np.ndarray
    grades_p10: np.ndarray
    grades_p90: np.ndarray
    score: np.ndarray
    score_p10: np.ndarray
    score_p90: np.ndarray

    def __post_init__(self) -> None:
        for value in vars(self).values():
            if isinstance(value, np.ndarray):
                value.setflags(write=False)


def _sizes(surface_mm: np.ndarray, raised: bool) -> np.ndarray:
    if raised:
        return metrics.raised_height_mm(surface_mm)
    return metrics.depression_depth_mm(surface_mm)


def _scores(scars: tuple[PlacedScar, ...], sizes: np.ndarray, raised_cm2: float) -> np.ndarray:
    """Quantitative score at each time from the scars' sizes ``(n_scars, n_t)``."""
    names = [p.scar for p in scars]
    return np.array(
        [
            goodman.score_of_scars(
                zip(names, sizes[:, t], strict=True), keloid_area_cm2=raised_cm2
            )[0]
            for t in range(sizes.shape[1])
        ]
    )


def footprint_area_cm2(x_mm: np.ndarray, surface0_mm: np.ndarray) -> float:
    """Area of a round scar's footprint (cm²): a disc out to where the initial
    profile first falls below 5 % of its peak (the footprint of :mod:`sim.scars`)."""
    size = np.abs(np.asarray(surface0_mm, dtype=float))
    inside = (
        np.abs(np.asarray(x_mm, dtype=float)[size > 0.05 * size.max()]) if size.max() > 0 else []
    )
    radius_mm = float(np.max(inside)) if len(inside) else 0.0
    return np.pi * radius_mm**2 / 100.0


def build_patch(
    results: Mapping[str, Result], scars: tuple[PlacedScar, ...], size_mm: float
) -> Patch:
    """Heights, grades and scores of a patch.

    Parameters
    ----------
    results : mapping of str to sim.model.Result
        One result per scar preset in ``scars``, all of the same treatment
        (same output times and frames).
    scars : tuple of PlacedScar
        Where each scar sits.
    size_mm : float
        Side of the square patch.

    Notes
    -----
    Heights of the scars add up; the layouts keep footprints apart, so each
    point carries one scar's height. Raised scars are scored by their
    footprint's area (row D2).
    """
    first = next(iter(results.values()))
    fields = first.fields
    axis = patch_axis(size_mm)
    xx, yy = np.meshgrid(axis, axis)
    n_f = fields.times_days.size
    shape = (n_f, axis.size, axis.size)
    before = np.zeros(shape[1:])
    heights = {k: np.zeros(shape) for k in ("", "_p10", "_p90")}
    sizes = {k: np.empty((len(scars), first.times_days.size)) for k in heights}
    raised_cm2 = 0.0
    for i, placed in enumerate(scars):
        result = results[placed.scar]
        r = np.hypot(xx - placed.x_mm, yy - placed.y_mm)
        before += revolve(result.x_mm, result.surface0_mm, r)
        raised = SCARS[placed.scar].is_raised
        for k in heights:
            heights[k] += revolve(result.x_mm, getattr(result.fields, f"surface{k}_mm"), r)
            sizes[k][i] = _sizes(getattr(result, f"surface{k}_mm"), raised)
        if raised:
            raised_cm2 += footprint_area_cm2(result.x_mm, result.surface0_mm)
    grades = {
        k: np.stack(
            [
                goodman.grade_of_size(sizes[k][i], raised=SCARS[p.scar].is_raised)
                for i, p in enumerate(scars)
            ]
        )
        for k in heights
    }
    scores = {k: _scores(scars, sizes[k], raised_cm2) for k in heights}
    return Patch(
        x_mm=axis,
        y_mm=axis.copy(),
        scars=scars,
        frame_days=np.asarray(fields.times_days, dtype=float),
        before_mm=before,
        height_mm=heights[""],
        height_p10_mm=heights["_p10"],
        height_p90_mm=heights["_p90"],
        times_days=np.asarray(first.times_days, dtype=float),
        grades=grades[""],
        grades_p10=grades["_p10"],
        grades_p90=grades["_p90"],
        score=scores[""],
        score_p10=scores["_p10"],
        score_p90=scores["_p90"],
    )
