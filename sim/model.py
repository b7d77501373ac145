r"""Simulate a course of microneedling on a scar.

New collagen, cell by cell
--------------------------
The cascade in :mod:`sim.kinetics` gives the cumulative collagen deposit
:math:`N(z,t)` of a patient whose response rate is :math:`r` (median 1):
deposit :math:`r N`, of which :math:`s` (surplus above the set point) is
remodelled away at rate :math:`\beta`. In a cell with collagen deficit
:math:`\delta` (volume fraction of normal dermis), new collagen first restores
the missing matrix, with an efficiency that falls as the deficit closes,

.. math:: \partial_t f = \Bigl(1 - \frac{f}{\delta}\Bigr)\,\partial_t (rN)
          \;\Rightarrow\; f = \delta\,\bigl(1 - e^{-rN/\delta}\bigr),

and the rest is surplus, :math:`\partial_t s_\delta = (f/\delta)\,\partial_t(rN)
- \beta s_\delta`, whose solution is
:math:`s_\delta = r s - \int_0^t e^{-\beta(t-u)}\,df(u)`. The new collagen of a
cell is :math:`f + s_\delta` (deficit cells) or :math:`r s` (all other cells),
split into young (III) and mature (I) collagen by age.

The scar surface
----------------
Collagen volume is conserved column by column, and heights are measured
against the surrounding skin, so a column's surface moves by the difference
between its new collagen and that of the surrounding skin at the same depth:

.. math:: \Delta h(x,t) = h \sum_z \bigl[\mathrm{new}(z,x,t) - r\,s(z,t)\bigr]
          = h \sum_{\text{deficit cells}} \Bigl(f - \int_0^t e^{-\beta(t-u)}df(u)\Bigr)

This is the same field the cross-section draws (a test integrates the drawn
field). The surrounding skin thickens for months while its surplus lasts, so
the scar's floor lifts relative to it more slowly than its deficit fills, and
never above it. The tethered share of the depression does not fill. A raised
scar has no deficit: collagen induction leaves its height unchanged relative
to the surrounding skin (its flare risk is in :mod:`sim.side_effects`).

Uncertainty
-----------
The median curve uses the central values of :mod:`sim.uncertainty` and a
median patient. The typical range is the 10th-90th percentile over scrambled
Sobol' samples of the uncertain parameters **and** the patient's response.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from scipy import sparse

from sim import constants as C
from sim import metrics
from sim.anatomy import Grid, Skin, layer_fractions, make_grid
from sim.devices import DEVICES
from sim.kinetics import (
    Kinetics,
    Series,
    cascade_profiles,
    coverage,
    reach_profile,
    resolvents_at,
    session_weights,
    time_weights,
)
from sim.scars import MAX_DEFICIT, ScarGeometry, ScarType, scar_geometry
from sim.scenario import Scenario
from sim.side_effects import SideEffects, side_effects
from sim.uncertainty import (
    CENTRAL,
    ModelParams,
    Samples,
    band_samples,
    deficit_scale,
    params_samples,
)

DEFAULT_KINETICS = Kinetics()
MAX_FRAMES = 40
BAND_PERCENTILES = (10.0, 90.0)


def _read_only(obj: object) -> None:
    """Make every array attribute of ``obj`` read-only (results are shared, e.g. by a cache)."""
    for value in vars(obj).values():
        if isinstance(value, np.ndarray):
            value.setflags(write=False)


@dataclass(frozen=True, eq=False)
class FieldSnapshot:
    """The 2-D collagen fields and the surface at one frame, with their coordinates.

    Lengths in mm, collagen as volume fraction of normal dermis. Arrays are
    read-only views into :class:`Fields`.

    Attributes
    ----------
    day : float
        Day of the frame (days after the first session); the nearest frame to
        the day asked for, not necessarily that day.
    frame : int
        Index of the frame in :attr:`Fields.times_days`.
    x_mm, z_mm : ndarray, shapes (nx,) and (nz,)
        Lateral and depth cell centres (depth below the local surface).
    collagen3, collagen1 : ndarray, shape (nz, nx), float32
        New collagen III (young) and I (mature).
    surface_mm, surface_p10_mm, surface_p90_mm : ndarray, shape (nx,)
        Surface height relative to the surrounding skin: median curve and the
        samples behind the typical range (see :class:`Result`).
    """

    day: float
    frame: int
    x_mm: np.ndarray
    z_mm: np.ndarray
    collagen3: np.ndarray
    collagen1: np.ndarray
    surface_mm: np.ndarray
    surface_p10_mm: np.ndarray
    surface_p90_mm: np.ndarray


@dataclass(frozen=True, eq=False)
class Fields:
    """The 2-D collagen fields of a run on their own (coarser) time axis.

    The 1-D series of :class:`Result` are given at every output time
    (``Result.times_days``); the 2-D fields only at the frames, about weekly,
    every office session and the last day. A caller asks for the fields at a
    day with :meth:`at` and gets them with the surface of the same frame and
    the coordinates, so nobody translates indices between the two time axes.
    Arrays are read-only.

    Attributes
    ----------
    times_days : ndarray, shape (n_f,)
        Days of the frames after the first session, increasing.
    x_mm, z_mm : ndarray, shapes (nx,) and (nz,)
        Lateral and depth cell centres, mm.
    collagen3, collagen1 : ndarray, shape (n_f, nz, nx), float32
        New collagen III (young) and I (mature), volume fraction of normal dermis.
    surface_mm, surface_p10_mm, surface_p90_mm : ndarray, shape (n_f, nx)
        Surface heights (mm) at the frames: median curve and the typical range's
        samples, the same values as ``Result.surface_mm`` etc. at these days.
    """

    times_days: np.ndarray
    x_mm: np.ndarray
    z_mm: np.ndarray
    collagen3: np.ndarray
    collagen1: np.ndarray
    surface_mm: np.ndarray
    surface_p10_mm: np.ndarray
    surface_p90_mm: np.ndarray

    def __post_init__(self) -> None:
        _read_only(self)

    def index(self, day: float) -> int:
        """Index of the frame nearest to ``day`` (the earlier one on a tie).

        Raises
        ------
        ValueError
            If ``day`` is not a finite number of days from the first frame to
            the last (the message names the allowed range).
        """
        first, last = float(self.times_days[0]), float(self.times_days[-1])
        allowed = f"allowed values are {first:g} to {last:g} days after the first session"
        try:
            value = float(day)
        except (TypeError, ValueError):
            raise ValueError(f"day = {day!r} is not a number of days: {allowed}") from None
        if not (np.isfinite(value) and first <= value <= last):
            raise ValueError(f"day = {day!r} days is outside the simulated course: {allowed}")
        return int(np.argmin(np.abs(self.times_days - value)))

    def at(self, day: float) -> FieldSnapshot:
        """The fields and surfaces of the frame nearest to ``day`` (days after the
        first session).

        No interpolation: the snapshot is a frame the model computed, and its
        :attr:`FieldSnapshot.day` says which. A day exactly between two frames
        gives the earlier one. At a frame's own day it is exactly that frame.

        Parameters
        ----------
        day : float
            Days after the first session, from the first frame (day 0) to the
            last day of the course.

        Returns
        -------
        FieldSnapshot

        Raises
        ------
        ValueError
            If ``day`` is NaN, infinite, not a number, or outside the course;
            the message names ``day``, its unit and the allowed range.

        Examples
        --------
        >>> fields = simulate(Scenario(sessions=1, follow_up_days=60)).fields
        >>> snapshot = fields.at(30.0)
        >>> abs(snapshot.day - 30.0) <= 4.0, snapshot.collagen3.shape == fields.collagen3[0].shape
        (True, True)
        """
        n = self.index(day)
        return FieldSnapshot(
            day=float(self.times_days[n]),
            frame=n,
            x_mm=self.x_mm,
            z_mm=self.z_mm,
            collagen3=self.collagen3[n],
            collagen1=self.collagen1[n],
            surface_mm=self.surface_mm[n],
            surface_p10_mm=self.surface_p10_mm[n],
            surface_p90_mm=self.surface_p90_mm[n],
        )


@dataclass(frozen=True, eq=False)
class Result:
    """Output of :func:`simulate`. Lengths in mm, times in days. Arrays are read-only.

    Attributes
    ----------
    scenario : Scenario
        The input.
    params : ModelParams
        Values of the uncertain parameters behind the median curve.
    x_mm, z_mm : ndarray
        Lateral and depth cell centres (depth below the local surface).
    h_mm : float
        Cell size.
    layers_mm : dict
        Depths of the epidermis, papillary and dermis bottoms.
    times_days : ndarray, shape (n_t,)
        Output times, days after the first session; every office-session and
        home-roller day is one of them.
    session_days, home_days : ndarray
        Days of office sessions and of home-roller use.
    track_x_mm : tuple of ndarray
        Illustrative lateral positions of needle channels, one array per office
        session (the model itself uses the expected injury).
    surface0_mm : ndarray, shape (nx,)
        Initial surface height relative to the surrounding skin.
    surface_mm, surface_p10_mm, surface_p90_mm : ndarray, shape (n_t, nx)
        Surface height of the median curve, and of the samples whose
        improvement is nearest the 10th and 90th percentiles at the last day.
    thickening_mm : ndarray, shape (n_t,)
        Thickening of the surrounding treated skin by surplus collagen.
    papillary_gain_pct : ndarray, shape (n_t,)
        New collagen in the papillary dermis of the surrounding skin, % of normal.
    fields : Fields
        The 2-D collagen fields and the surfaces at the frames, on their own
        time axis: ``result.fields.at(day)``.
    field_times_days : ndarray, shape (n_f,)
        Times of the 2-D collagen fields (a subset of ``times_days``); the same
        as ``fields.times_days``.
    collagen_baseline : ndarray, shape (nz, nx)
        Collagen before treatment, volume fraction of normal dermis.
    collagen3, collagen1 : ndarray, shape (n_f, nz, nx)
        New collagen III (young) and I (mature), volume fraction of normal
        dermis; the same arrays as ``fields.collagen3`` and ``fields.collagen1``.
    side_effects : SideEffects
    improvement_pct, improvement_pct_p10, improvement_pct_p90 : ndarray, shape (n_t,)
        Filled share of the depression's volume (%), median curve and typical
        range (patients and uncertain parameters together).
    depth_improvement_pct : ndarray, shape (n_t,)
        Reduction of the maximum depth (%).
    depression_depth_mm, raised_height_mm : ndarray, shape (n_t,)
        Deepest point below, and highest point above, the surrounding skin.
    raised_height_p10_mm, raised_height_p90_mm : ndarray, shape (n_t,)
        Typical range of the raised height.
    """

    scenario: Scenario
    params: ModelParams
    x_mm: np.ndarray
    z_mm: np.ndarray
    h_mm: float
    layers_mm: dict[str, float]
    times_days: np.ndarray
    session_days: np.ndarray
    home_days: np.ndarray
    track_x_mm: tuple[np.ndarray, ...]
    surface0_mm: np.ndarray
    surface_mm: np.ndarray
    surface_p10_mm: np.ndarray
    surface_p90_mm: np.ndarray
    thickening_mm: np.ndarray
    papillary_gain_pct: np.ndarray
    fields: Fields
    field_times_days: np.ndarray
    collagen_baseline: np.ndarray
    collagen3: np.ndarray
    collagen1: np.ndarray
    side_effects: SideEffects
    improvement_pct: np.ndarray
    improvement_pct_p10: np.ndarray
    improvement_pct_p90: np.ndarray
    depth_improvement_pct: np.ndarray
    depression_depth_mm: np.ndarray
    raised_height_mm: np.ndarray
    raised_height_p10_mm: np.ndarray
    raised_height_p90_mm: np.ndarray

    def at_day(self, day: float) -> int:
        """Index of the output time closest to ``day``."""
        return int(np.argmin(np.abs(self.times_days - day)))

    def __post_init__(self) -> None:
        _read_only(self)
        for value in self.track_x_mm:
            value.setflags(write=False)

    @property
    def final(self) -> dict[str, float]:
        """Metrics at the end of follow-up."""
        return {
            "improvement_pct": float(self.improvement_pct[-1]),
            "improvement_pct_p10": float(self.improvement_pct_p10[-1]),
            "improvement_pct_p90": float(self.improvement_pct_p90[-1]),
            "depth_improvement_pct": float(self.depth_improvement_pct[-1]),
            "depression_depth_mm": float(self.depression_depth_mm[-1]),
            "raised_height_mm": float(self.raised_height_mm[-1]),
        }


# --- pieces ---------------------------------------------------------------------


def time_grid(scenario: Scenario, end_day: float | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Output times and the indices of the frames for 2-D fields.

    Times run every 2 days (every :math:`\\lceil T/150 \\rceil` days for a course
    of :math:`T > 300` days) from day 0 to ``end_day`` (default: the scenario's
    last day), plus every office-session and home-roller day up to it, so each
    session of either kind has an output time of its own. Frames are about
    weekly, at most :data:`MAX_FRAMES` plus the sessions, and include every
    office session and the last day; they are chosen on the grid without the
    home-roller days, so daily rolls do not thin them.

    Returns
    -------
    times : ndarray, shape (n_t,)
        Days after the first session, increasing.
    frames : ndarray of int, shape (n_f,)
        Indices into ``times``.
    """
    end = scenario.end_day if end_day is None else float(end_day)
    step = 2.0 if end <= 300 else float(np.ceil(end / 150))
    sessions = [d for d in scenario.session_days if d <= end]
    base = np.unique(np.concatenate([np.arange(0.0, end, step), sessions, [end]]))
    stride = max(int(np.ceil(7 / step)), int(np.ceil(base.size / MAX_FRAMES)))
    at_sessions = np.searchsorted(base, sessions)
    frames = np.unique(
        np.concatenate([np.arange(0, base.size, stride), at_sessions, [base.size - 1]])
    ).astype(int)
    times = np.union1d(base, [d for d in scenario.home_days if d <= end])
    return times, np.searchsorted(times, base[frames])


def band_times(scenario: Scenario, times: np.ndarray, frames: np.ndarray) -> np.ndarray:
    """Times of the typical range: every other frame, every session and the last day.

    The band is interpolated linearly between them for display.
    """
    sessions = np.searchsorted(times, [d for d in scenario.session_days if d <= times[-1]])
    index = np.unique(np.concatenate([frames[::2], sessions, [times.size - 1]]).astype(int))
    return times[index]


def series(scenario: Scenario, samples: Samples) -> dict[str, Series]:
    """The office sessions and home rolls of ``scenario`` for each sample.

    Returns a dict with ``"office"`` and/or ``"home"`` (kinds without a session
    are left out). Each series has its own healing-window weights: a shallow
    home roll does not blunt an office session, which reaches tissue the roller
    does not (modelling choice).
    """
    v = samples.values
    radius, window = v["signal_length_mm"], v["healing_window_days"]
    gain = C.PRP_GAIN.value if scenario.adjunct == "prp" else 1.0
    kinds = {
        "office": (
            np.asarray(scenario.session_days, float),
            v[scenario.device_spec.penetration] * scenario.needle_mm,
            coverage(scenario.punctures_per_cm2, radius),
            gain,
        ),
        "home": (
            np.asarray(scenario.home_days, float),
            v[DEVICES["home_roller"].penetration] * scenario.home_needle_mm,
            coverage(C.HOME_PUNCTURES_PER_CM2.value, radius),
            1.0,
        ),
    }
    return {
        kind: Series(days, depth, reach, session_weights(days, reach, window), g)
        for kind, (days, depth, reach, g) in kinds.items()
        if days.size
    }


@dataclass(frozen=True)
class _Deficit:
    """Deficit cells compressed to unique (depth, deficit) pairs."""

    z_index: np.ndarray  # (n_u,)
    density: np.ndarray  # (n_u,)
    to_columns: sparse.csr_array  # (n_u, nx), counts
    cell_z: np.ndarray  # (n_cells,)
    cell_x: np.ndarray
    cell_unique: np.ndarray


DEFICIT_RESOLUTION = 1e-4
"""Relative resolution of the compressed deficit (modelling choice): cells at one
depth whose deficits differ by less than this share one value, the smallest of
them, so no cell can be filled beyond its own deficit. The walls of a deep boxcar
otherwise give every column its own deficit (5,886 cells instead of ~1,600)."""


@lru_cache(maxsize=64)
def _compressed_deficit(geometry_key: tuple) -> _Deficit:
    geometry = scar_geometry(*geometry_key)
    zi, xi = np.nonzero(geometry.deficit)
    values = geometry.deficit[zi, xi]
    bins = np.round(np.log(values) / DEFICIT_RESOLUTION)
    keys, inverse = np.unique(np.stack([zi.astype(float), bins]), axis=1, return_inverse=True)
    inverse = inverse.ravel()
    density = np.full(keys.shape[1], np.inf)
    np.minimum.at(density, inverse, values)
    to_columns = sparse.csr_array(
        (np.ones(zi.size), (inverse, xi)), shape=(keys.shape[1], geometry.deficit.shape[1])
    )
    return _Deficit(keys[0].astype(int), density, to_columns, zi, xi, inverse)


def _exp_filter(values: np.ndarray, times: np.ndarray, rate: float) -> np.ndarray:
    """:math:`y(t) = \\int_0^t e^{-k(t-u)}\\,dv(u)` along axis -2 (time).

    ``v`` is taken as piecewise linear between the given times, so each step
    contributes exactly :math:`\\Delta v\\,(1 - e^{-k\\Delta t})/(k\\Delta t)`, and

    .. math:: y_n = \\sum_{m \\le n} e^{-k (t_n - t_m)}\\, b_m,

    evaluated as a cumulative sum scaled by :math:`e^{k (t_m - t_{end})}`.
    """
    out = np.zeros_like(values)
    if times.size < 2:
        return out
    x = rate * np.diff(times)
    weight = np.where(x > 0, -np.expm1(-x) / np.where(x > 0, x, 1.0), 1.0)
    steps = np.diff(values, axis=-2) * weight[:, None]
    if rate * (times[-1] - times[0]) < 600:  # the scale stays well inside float64
        scale = np.exp(rate * (times[1:] - times[-1]))[:, None]
        out[..., 1:, :] = np.cumsum(steps * scale, axis=-2) / scale
        return out
    for n in range(1, times.size):  # very fast rates: the plain recursion
        out[..., n, :] = np.exp(-x[n - 1]) * out[..., n - 1, :] + steps[..., n - 1, :]
    return out


@dataclass(frozen=True)
class _DeficitCollagen:
    """New collagen in the compressed deficit cells, shape (..., n_t, n_u)."""

    total: np.ndarray
    young: np.ndarray
    excess: np.ndarray
    """New collagen above that of the surrounding skin at the same depth."""


def _deficit_collagen(
    deficit: _Deficit,
    delta: np.ndarray,
    deposit: np.ndarray,
    surplus: np.ndarray,
    surplus3: np.ndarray | None,
    times: np.ndarray,
    kinetics: Kinetics,
) -> _DeficitCollagen:
    """Fill, kept surplus and their young share in deficit cells.

    ``delta`` is the deficit of the compressed cells, shape (n_u,) or, one per
    sample, (n_s, 1, n_u) (:func:`_sample_deficit`). ``deposit``, ``surplus`` and
    ``surplus3`` are already scaled by the response and have shape (..., n_t, nz).
    """
    zu = deficit.z_index
    fill = delta * -np.expm1(-deposit[..., zu] / delta)
    beta, k_m = kinetics.surplus_per_day, kinetics.maturation_per_day
    # s_delta = s - int e^{-beta(t-u)} df >= 0 holds exactly; clipping removes rounding.
    kept = np.clip(surplus[..., zu] - _exp_filter(fill, times, beta), 0.0, None)
    total = fill + kept
    young = np.zeros(0)
    if surplus3 is not None:
        kept3 = np.clip(surplus3[..., zu] - _exp_filter(fill, times, beta + k_m), 0.0, None)
        young = np.minimum(_exp_filter(fill, times, k_m) + kept3, total)
    return _DeficitCollagen(total, young, total - surplus[..., zu])


def _surfaces(geometry: ScarGeometry, deficit: _Deficit, excess: np.ndarray, h_mm: float):
    """Surface heights (..., n_t, nx) from the new collagen above the surroundings."""
    if excess.shape[-1] == 0:
        return np.broadcast_to(
            geometry.surface0_mm, (*excess.shape[:-1], geometry.surface0_mm.size)
        )
    lift = (deficit.to_columns.T @ excess.reshape(-1, excess.shape[-1]).T).T * h_mm
    return geometry.surface0_mm + lift.reshape(*excess.shape[:-1], -1)


def _fields(
    geometry: ScarGeometry,
    deficit: _Deficit,
    surplus: np.ndarray,
    surplus3: np.ndarray,
    collagen: _DeficitCollagen,
    frames: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """New collagen III and I at the frames, shape (n_f, nz, nx), float32.

    Outside deficit cells the new collagen is the surplus of the surrounding
    skin at that depth; in deficit cells it is :class:`_DeficitCollagen`.
    """
    nx = geometry.surface0_mm.size
    s = np.clip(surplus[frames], 0.0, None)
    s3 = np.clip(surplus3[frames], 0.0, s)
    young = np.repeat(s3.astype(np.float32)[:, :, None], nx, axis=2)
    mature = np.repeat((s - s3).astype(np.float32)[:, :, None], nx, axis=2)
    if deficit.density.size:
        cells = deficit.cell_z * nx + deficit.cell_x
        u = deficit.cell_unique
        total, new3 = collagen.total[frames], collagen.young[frames]
        young.reshape(frames.size, -1)[:, cells] = new3[:, u]
        mature.reshape(frames.size, -1)[:, cells] = (total - new3)[:, u]
    return young, mature


def track_positions(scenario: Scenario, width_mm: float) -> tuple[np.ndarray, ...]:
    """Illustrative channel positions per office session.

    Spacing ``10 / sqrt(density)`` mm (mean spacing of the punctures); each
    session is shifted by the golden ratio of the spacing so that sessions
    hit different places.
    """
    spacing = 10.0 / np.sqrt(scenario.punctures_per_cm2)
    golden = (np.sqrt(5.0) - 1) / 2
    out = []
    for k in range(scenario.sessions):
        start = -width_mm / 2 + ((k * golden) % 1.0 + 0.5) * spacing / 2
        out.append(np.arange(start, width_mm / 2, spacing))
    return tuple(out)


@dataclass(frozen=True)
class _Setup:
    grid: Grid
    geometry: ScarGeometry
    deficit: _Deficit
    layers: dict[str, np.ndarray]


def _setup(scenario: Scenario, h_mm: float) -> _Setup:
    if not (isinstance(h_mm, (int, float)) and np.isfinite(h_mm) and 0.005 <= h_mm <= 0.1):
        raise ValueError(f"h_mm (grid spacing) = {h_mm!r} mm is not allowed: 0.005 to 0.1 mm")
    return _shared_setup(scenario.scar_type, scenario.skin, scenario.custom_profile_mm, h_mm)


SETUPS_KEPT = 16
"""Scar set-ups kept for reuse (~1.5 MB each). A sweep or a trade-off map needs one per
scar; 64 kept ~75 MB more in a server that had seen many links (benchmarks/bench_memory.py)."""


@lru_cache(maxsize=SETUPS_KEPT)
def _shared_setup(
    scar: ScarType, skin: Skin, custom_profile_mm: tuple[float, ...] | None, h_mm: float
) -> _Setup:
    """Grid, scar geometry, compressed deficit and layers, shared (read-only)."""
    grid = make_grid(skin, h_mm)
    key = (scar, skin, grid, custom_profile_mm)
    layers = layer_fractions(skin, grid)
    for values in layers.values():
        values.setflags(write=False)
    return _Setup(grid, scar_geometry(*key), _compressed_deficit(key), layers)


def _run(
    scenario: Scenario,
    setup: _Setup,
    samples: Samples,
    times: np.ndarray,
    kinetics: Kinetics,
    young: bool,
) -> tuple[dict[str, np.ndarray], _DeficitCollagen]:
    """Cascade and deficit collagen for every sample, response applied."""
    grid = setup.grid
    quantities = ("deposit", "surplus", "surplus3") if young else ("deposit", "surplus")
    profiles = cascade_profiles(
        list(series(scenario, samples).values()),
        times,
        grid.z_mm,
        grid.h_mm,
        setup.layers["dermis"],
        kinetics,
        samples.values["signal_length_mm"],
        quantities,
    )
    r = samples.response[:, None, None]
    profiles = {q: r * p for q, p in profiles.items()}
    collagen = _deficit_collagen(
        setup.deficit,
        _sample_deficit(setup.deficit, deficit_scale(scenario.scar, samples.values))[:, None],
        profiles["deposit"],
        profiles["surplus"],
        profiles.get("surplus3"),
        times,
        kinetics,
    )
    return profiles, collagen


def _sample_deficit(deficit: _Deficit, scale: np.ndarray) -> np.ndarray:
    """Deficit of the compressed cells for each sample, shape (n_s, n_u): the
    preset's times ``scale`` (:func:`sim.uncertainty.deficit_scale`), at most
    :data:`sim.scars.MAX_DEFICIT`."""
    return np.minimum(scale[:, None] * deficit.density, MAX_DEFICIT)


BAND_CHUNK = 32
"""Band samples solved together; bounds the memory of a long course on a scar
with many distinct deficit cells (about 4x less than all 128 at once)."""


def _subset(samples: Samples, rows: np.ndarray | slice) -> Samples:
    return Samples({k: v[rows] for k, v in samples.values.items()}, samples.response[rows])


@lru_cache(maxsize=16)
def _band_samples(seed: int) -> Samples:
    """:func:`sim.uncertainty.band_samples` (read-only), kept for reuse."""
    return band_samples(seed)


def _band(scenario: Scenario, setup: _Setup, times: np.ndarray, kinetics: Kinetics) -> np.ndarray:
    r"""Improvement (%) of every band sample at ``times``, shape (n_samples, n_t).

    The improvement is the lifted volume over the original one,
    :math:`100\,h^2 \sum_u n_u e_u / V_0` (``n_u`` cells share the compressed
    excess ``e_u``); no column lifts above its own depression, so this equals
    :func:`sim.metrics.improvement_pct` of the surfaces (checked in the tests).
    Samples are solved :data:`BAND_CHUNK` at a time.
    """
    samples = _band_samples(scenario.seed)
    h = setup.grid.h_mm
    v0 = metrics.depression_area(setup.geometry.surface0_mm, h)
    if v0 <= 0 or setup.deficit.density.size == 0:
        return np.zeros((samples.size, times.size))
    counts = np.asarray(setup.deficit.to_columns.sum(axis=1)).ravel()
    parts = []
    for start in range(0, samples.size, BAND_CHUNK):
        chunk = _subset(samples, slice(start, start + BAND_CHUNK))
        _, collagen = _run(scenario, setup, chunk, times, kinetics, young=False)
        parts.append(100.0 * h * h * (collagen.excess @ counts) / v0)
    return np.concatenate(parts)


def _band_surfaces(
    scenario: Scenario, setup: _Setup, times: np.ndarray, kinetics: Kinetics, rows: list[int]
) -> np.ndarray:
    """Surfaces of the band samples ``rows`` at ``times``, shape (len(rows), n_t, nx)."""
    chunk = _subset(_band_samples(scenario.seed), np.asarray(rows))
    _, collagen = _run(scenario, setup, chunk, times, kinetics, young=False)
    return _surfaces(setup.geometry, setup.deficit, collagen.excess, setup.grid.h_mm)


def _percentile_rows(values: np.ndarray) -> tuple[int, int]:
    """Samples nearest the 10th and 90th percentile of ``values`` (shape (n,))."""
    low, high = np.percentile(values, BAND_PERCENTILES)
    return int(np.argmin(np.abs(values - low))), int(np.argmin(np.abs(values - high)))


# --- public API -----------------------------------------------------------------


def simulate(
    scenario: Scenario,
    *,
    h_mm: float = C.GRID_MM.value,
    kinetics: Kinetics = DEFAULT_KINETICS,
    params: ModelParams = CENTRAL,
) -> Result:
    """Simulate ``scenario`` and return the full result.

    Parameters
    ----------
    scenario : Scenario
        Validated inputs (see :data:`sim.registry.REGISTRY`).
    h_mm : float, optional
        Grid spacing, 0.005 to 0.1 mm (default 0.02 mm).
    kinetics : Kinetics, optional
        Calibrated rate constants (defaults from :mod:`sim.constants`).
    params : ModelParams, optional
        Uncertain parameters of the median curve (default: central values).
        The typical range always samples the ranges of
        :data:`sim.uncertainty.UNCERTAIN`.

    Returns
    -------
    Result

    Raises
    ------
    ValueError
        If ``h_mm`` is outside 0.005-0.1 mm or not a finite number.

    Notes
    -----
    Pure and deterministic: the same inputs give bit-identical outputs.

    Examples
    --------
    More sessions never leave a deeper scar:

    >>> a = simulate(Scenario(sessions=2)).final["improvement_pct"]
    >>> b = simulate(Scenario(sessions=4)).final["improvement_pct"]
    >>> 0 < a < b < 100
    True
    """
    setup = _setup(scenario, h_mm)
    grid, geometry, deficit = setup.grid, setup.geometry, setup.deficit
    times, frames = time_grid(scenario)
    profiles, collagen = _run(scenario, setup, params_samples(params), times, kinetics, young=True)
    profiles = {q: p[0] for q, p in profiles.items()}
    collagen = _DeficitCollagen(collagen.total[0], collagen.young[0], collagen.excess[0])
    surface0 = geometry.surface0_mm
    h = grid.h_mm
    surface = _surfaces(geometry, deficit, collagen.excess, h)
    young, mature = _fields(
        geometry, deficit, profiles["surplus"], profiles["surplus3"], collagen, frames
    )

    coarse = band_times(scenario, times, frames)
    band = _band(scenario, setup, coarse, kinetics)
    p10, p90 = np.percentile(band, BAND_PERCENTILES, axis=0)
    rows = list(_percentile_rows(band[:, -1]))
    surface_p10, surface_p90 = (
        _interp_rows(times, coarse, rows_surface)
        for rows_surface in _band_surfaces(scenario, setup, coarse, kinetics, rows)
    )

    fields = Fields(
        times_days=times[frames],
        x_mm=grid.x_mm,
        z_mm=grid.z_mm,
        collagen3=young,
        collagen1=mature,
        surface_mm=surface[frames],
        surface_p10_mm=surface_p10[frames],
        surface_p90_mm=surface_p90[frames],
    )
    baseline = np.outer(setup.layers["dermis"], np.ones(grid.nx)) - geometry.deficit
    baseline = baseline + geometry.excess
    papillary = setup.layers["papillary"]
    skin = scenario.skin
    raised = metrics.raised_height_mm(surface)
    return Result(
        scenario=scenario,
        params=params,
        x_mm=grid.x_mm,
        z_mm=grid.z_mm,
        h_mm=h,
        layers_mm={
            "epidermis": skin.epidermis_mm,
            "papillary": skin.papillary_bottom_mm,
            "dermis": skin.dermis_bottom_mm,
            "total": grid.nz * h,
        },
        times_days=times,
        session_days=np.asarray(scenario.session_days),
        home_days=np.asarray(scenario.home_days),
        track_x_mm=track_positions(scenario, grid.nx * h),
        surface0_mm=surface0,
        surface_mm=surface,
        surface_p10_mm=surface_p10,
        surface_p90_mm=surface_p90,
        thickening_mm=profiles["surplus"].sum(axis=1) * h,
        papillary_gain_pct=100 * (profiles["surplus"] @ papillary) / papillary.sum(),
        fields=fields,
        field_times_days=fields.times_days,
        collagen_baseline=baseline.astype(np.float32),
        collagen3=fields.collagen3,
        collagen1=fields.collagen1,
        side_effects=side_effects(scenario, params),
        improvement_pct=metrics.improvement_pct(surface, surface0, h),
        improvement_pct_p10=np.interp(times, coarse, p10),
        improvement_pct_p90=np.interp(times, coarse, p90),
        depth_improvement_pct=metrics.depth_improvement_pct(surface, surface0),
        depression_depth_mm=metrics.depression_depth_mm(surface),
        raised_height_mm=raised,
        raised_height_p10_mm=metrics.raised_height_mm(surface_p10),
        raised_height_p90_mm=metrics.raised_height_mm(surface_p90),
    )


def _interp_rows(times: np.ndarray, coarse: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """Linear interpolation of ``rows`` (n_coarse, nx) from ``coarse`` onto ``times``."""
    index = np.clip(np.searchsorted(coarse, times, side="right") - 1, 0, coarse.size - 2)
    if coarse.size == 1:
        return np.repeat(rows, times.size, axis=0)
    t0, t1 = coarse[index], coarse[index + 1]
    w = np.clip((times - t0) / (t1 - t0), 0.0, 1.0)[:, None]
    return (1 - w) * rows[index] + w * rows[index + 1]


def band_improvements(
    scenario: Scenario,
    *,
    h_mm: float = C.GRID_MM.value,
    kinetics: Kinetics = DEFAULT_KINETICS,
    day: float | None = None,
) -> np.ndarray:
    """Improvement (%) of every sample behind the typical range, at the last day
    (or at ``day`` after the first session); shape (n_samples,)."""
    setup = _setup(scenario, h_mm)
    times, frames = time_grid(scenario, day)
    values = _band(scenario, setup, band_times(scenario, times, frames), kinetics)
    return values[:, -1]


# --- sweeps ---------------------------------------------------------------------

SWEEP_METRICS = (
    "improvement_pct",
    "depth_improvement_pct",
    "raised_height_change_mm",
    "effective_depth_mm",
    "bleeding",
    "pain_index",
    "course_pain_index",
    "downtime_days",
    "pigmentation_risk_pct",
)
BAND_METRICS = ("improvement_pct_p10", "improvement_pct_p90")

SWEEP_CHUNK_VALUES = 2**18
"""Work unit of :func:`simulate_many`: rows are solved together so that a chunk
holds about this many (time, deficit cell) values (2 MiB of float64), small
enough to stay in the processor's cache, where the exponentials are fastest."""


@dataclass(frozen=True)
class _Schedule:
    """Output times and session days shared by the scenarios of a sweep that have
    the same sessions, home rolls and end.

    ``times`` are those of :func:`time_grid` (or of :func:`band_times` for the
    typical range); ``office`` and ``home`` the session days up to the last time
    (later sessions cannot change it).
    """

    times: np.ndarray
    office: np.ndarray
    home: np.ndarray


def _schedule_key(scenario: Scenario) -> tuple[int, int, int, bool, int]:
    """The fields that fix a scenario's session days and output times."""
    return (
        scenario.sessions,
        scenario.interval_days,
        scenario.follow_up_days,
        scenario.home_maintenance,
        scenario.home_interval_days,
    )


def _schedule(scenario: Scenario, day: float | None, band: bool) -> _Schedule:
    """The schedule of ``scenario`` up to ``day`` (default: its last day); with
    ``band``, on the times of the typical range."""
    times, frames = time_grid(scenario, day)
    end = times[-1]
    if band:
        times = band_times(scenario, times, frames)
    office = np.array([d for d in scenario.session_days if d <= end], dtype=float)
    home = np.array([d for d in scenario.home_days if d <= end], dtype=float)
    return _Schedule(times, office, home)


@dataclass(frozen=True)
class _Rows:
    """Inputs of the cascade for R (scenario, sample) pairs, arrays of shape (R,):
    what :func:`series` builds for one scenario, for many at once."""

    office_depth_mm: np.ndarray
    office_reach: np.ndarray
    office_gain: np.ndarray
    home_depth_mm: np.ndarray
    home_reach: np.ndarray
    window_days: np.ndarray
    signal_length_mm: np.ndarray
    response: np.ndarray
    deficit_scale: np.ndarray

    def take(self, index: slice | np.ndarray) -> _Rows:
        """The rows ``index``."""
        return _Rows(**{name: value[index] for name, value in vars(self).items()})


def _rows(scenarios: Sequence[Scenario], samples: Samples) -> _Rows:
    """Every sample of ``samples`` for every scenario, scenario by scenario
    (``len(scenarios) * samples.size`` rows); the same values as :func:`series`."""
    m, n, v = len(scenarios), samples.size, samples.values
    radius = np.tile(v["signal_length_mm"], m)
    penetration = np.array([v[s.device_spec.penetration] for s in scenarios])
    needle = np.array([s.needle_mm for s in scenarios])
    punctures = np.array([s.punctures_per_cm2 for s in scenarios])
    prp = np.array([s.adjunct == "prp" for s in scenarios])
    home_needle = np.array([s.home_needle_mm for s in scenarios])
    return _Rows(
        office_depth_mm=(penetration * needle[:, None]).ravel(),
        office_reach=coverage(np.repeat(punctures, n), radius),
        office_gain=np.repeat(np.where(prp, C.PRP_GAIN.value, 1.0), n),
        home_depth_mm=np.tile(v[DEVICES["home_roller"].penetration], m) * np.repeat(home_needle, n),
        home_reach=coverage(C.HOME_PUNCTURES_PER_CM2.value, radius),
        window_days=np.tile(v["healing_window_days"], m),
        signal_length_mm=radius,
        response=np.tile(samples.response, m),
        deficit_scale=np.concatenate([deficit_scale(s.scar, v) for s in scenarios]),
    )


def _end_filter_weights(times: np.ndarray, rate: float) -> np.ndarray:
    r"""Weights :math:`c_n` with :math:`y(t_{N-1}) = \sum_n c_n v_n` for the filter of
    :func:`_exp_filter` at the last time only, shape (N,).

    With :math:`d_m = e^{-k (t_{N-1} - t_{m+1})} (1 - e^{-k\Delta t_m}) / (k\Delta t_m)`,
    :math:`y = \sum_m d_m (v_{m+1} - v_m)`, and summing by parts
    :math:`c_0 = -d_0`, :math:`c_n = d_{n-1} - d_n`, :math:`c_{N-1} = d_{N-2}`.
    A repeated time adds nothing.
    """
    x = rate * np.diff(times)
    step = np.where(x > 0, -np.expm1(-x) / np.where(x > 0, x, 1.0), 1.0)
    decay = np.exp(-rate * (times[-1] - times[1:])) * step
    weights = np.zeros(times.size)
    weights[:-1] -= decay
    weights[1:] += decay
    return weights


def _excess_at_end(
    setup: _Setup, schedule: _Schedule, rows: _Rows, kinetics: Kinetics
) -> np.ndarray:
    r"""New collagen above the surroundings in the deficit cells at the last of the
    schedule's times, for every row, shape (R, n_u); response applied.

    The quantity ``_deficit_collagen(...).excess[..., -1, :]`` of :func:`_run`,
    without the history: with :math:`X = -rN/\delta` at every time, the fill is
    :math:`f = -\delta\,\mathrm{expm1}(X)` and the surplus it keeps is the
    filter :math:`\sum_n c_n f_n` of :func:`_end_filter_weights`, so one
    exponential per (time, cell) and one weighted sum over time. The deposit
    :math:`N` and the surplus :math:`s` are those of
    :func:`sim.kinetics.cascade_profiles` (the same resolvents and time
    weights), evaluated only at the depths of the deficit cells, and the
    surplus only at the last time. Rows are solved :data:`SWEEP_CHUNK_VALUES`
    values at a time.
    """
    deficit, grid, dermis = setup.deficit, setup.grid, setup.layers["dermis"]
    zu, delta = deficit.z_index, deficit.density
    times = schedule.times
    out = np.zeros((rows.response.size, delta.size))
    if delta.size == 0 or schedule.office.size + schedule.home.size == 0:
        return out
    k_s = kinetics.signal_decay_per_day
    deposit_rates, surplus_rates = kinetics.decay_rates("deposit"), kinetics.decay_rates("surplus")
    deposit_residues, surplus_residues = kinetics.residues("deposit"), kinetics.residues("surplus")
    shifts = tuple(sorted(set(deposit_rates) | set(surplus_rates)))
    filter_weights = _end_filter_weights(times, kinetics.surplus_per_day)
    depths, at_depth = np.unique(zu, return_inverse=True)  # solve each depth once
    chunk = max(1, SWEEP_CHUNK_VALUES // (times.size * delta.size))
    for start in range(0, out.shape[0], chunk):
        part = rows.take(slice(start, start + chunk))
        kinds = (
            (schedule.office, part.office_depth_mm, part.office_reach, part.office_gain),
            (schedule.home, part.home_depth_mm, part.home_reach, 1.0),
        )
        diffusivity = k_s * part.signal_length_mm**2
        in_time, in_depth, surplus = [], [], np.zeros((part.response.size, delta.size))
        for days, depth, reach, gain in kinds:
            if days.size == 0:
                continue
            source = (gain * reach)[:, None] * reach_profile(depth, grid.z_mm, dermis)
            at = resolvents_at(source, grid.h_mm, k_s, diffusivity, shifts, depths)
            solved = {rate: values[:, at_depth] for rate, values in at.items()}
            weights = session_weights(days, reach, part.window_days)
            in_time.append(
                time_weights(times, days, weights, deposit_rates, k_s) * deposit_residues
            )
            in_depth.extend(solved[rate] for rate in deposit_rates)
            end = time_weights(times[-1:], days, weights, surplus_rates, k_s)[:, 0]
            for j, rate in enumerate(surplus_rates):
                surplus += (end[:, j] * surplus_residues[j])[:, None] * solved[rate]
        deficit_rows = _sample_deficit(deficit, part.deficit_scale)  # (c, n_u)
        # X = -r N / delta, N = dermis * (resolvent terms)
        scale = -part.response[:, None] * dermis[zu] / deficit_rows
        x = np.matmul(np.concatenate(in_time, axis=2), np.stack(in_depth, axis=1) * scale[:, None])
        np.expm1(x, out=x)  # (c, n_t, n_u): -fill / delta
        fill_end = -deficit_rows * x[:, -1]
        kept_by_fill = -deficit_rows * np.matmul(filter_weights, x)
        surplus *= part.response[:, None] * dermis[zu]
        out[start : start + chunk] = fill_end + np.clip(surplus - kept_by_fill, 0.0, None) - surplus
    return out


def simulate_many(
    scenarios: Sequence[Scenario],
    *,
    h_mm: float = C.GRID_MM.value,
    kinetics: Kinetics = DEFAULT_KINETICS,
    params: ModelParams = CENTRAL,
    day: float | None = None,
    band: bool = False,
) -> dict[str, np.ndarray]:
    """Metrics of many scenarios at one day each.

    Uses the same equations and time grid as :func:`simulate` but skips the
    2-D fields and the history: scenarios on the same scar geometry with the
    same sessions are solved as one batch (see :func:`_excess_at_end`), and
    the results equal those of :func:`simulate` to rounding (a test checks
    1e-9).

    Parameters
    ----------
    scenarios : sequence of Scenario
    h_mm, kinetics, params
        As in :func:`simulate`.
    day : float, optional
        Day after the first session at which to compare (the same for every
        scenario, so that protocols of different lengths are compared fairly);
        default: each scenario's own last day.
    band : bool
        Also return the typical range (``improvement_pct_p10``/``_p90``).

    Returns
    -------
    dict of str to ndarray
        One array of length ``len(scenarios)`` per name in
        :data:`SWEEP_METRICS` (and :data:`BAND_METRICS` with ``band``);
        ``raised_height_change_mm`` is the change of the highest point above
        the surrounding skin (0 for depressed scars).

    Examples
    --------
    A second session never leaves a deeper scar:

    >>> out = simulate_many([Scenario(sessions=1), Scenario(sessions=2)], day=180.0)
    >>> bool(0 < out["improvement_pct"][0] < out["improvement_pct"][1])
    True
    """
    names = SWEEP_METRICS + (BAND_METRICS if band else ())
    out = {name: np.zeros(len(scenarios)) for name in names}
    out["bleeding"] = np.zeros(len(scenarios), dtype=bool)
    one = params_samples(params)
    # Scar geometry -> sessions -> scenarios: each (geometry, sessions) pair is one batch.
    groups: dict[tuple, dict[tuple, list[int]]] = {}
    for i, scenario in enumerate(scenarios):
        skin = (scenario.scar, scenario.epidermis_mm, scenario.dermis_mm)
        geometry = (*skin, scenario.custom_profile_mm)
        groups.setdefault(geometry, {}).setdefault(_schedule_key(scenario), []).append(i)
    schedules: dict[tuple, _Schedule] = {}
    for batches in groups.values():
        members = [i for batch in batches.values() for i in batch]
        chosen = [scenarios[i] for i in members]
        setup = _setup(chosen[0], h_mm)
        rows = _rows(chosen, one)
        excess, start = [], 0
        for key, batch in batches.items():
            if key not in schedules:
                schedules[key] = _schedule(scenarios[batch[0]], day, band=False)
            part = rows.take(slice(start, start + len(batch)))
            excess.append(_excess_at_end(setup, schedules[key], part, kinetics))
            start += len(batch)
            if band:
                low, high = _band_at_end(setup, [scenarios[i] for i in batch], day, kinetics)
                out["improvement_pct_p10"][batch], out["improvement_pct_p90"][batch] = low, high
        h, surface0 = setup.grid.h_mm, setup.geometry.surface0_mm
        last = _surfaces(setup.geometry, setup.deficit, np.concatenate(excess), h)
        out["improvement_pct"][members] = metrics.improvement_pct(last, surface0, h)
        out["depth_improvement_pct"][members] = metrics.depth_improvement_pct(last, surface0)
        out["raised_height_change_mm"][members] = metrics.raised_height_mm(
            last
        ) - metrics.raised_height_mm(surface0)
    for i, scenario in enumerate(scenarios):
        found = _shared_side_effects(_side_effects_key(scenario), params)
        out["effective_depth_mm"][i] = found.effective_depth_mm
        out["bleeding"][i] = found.bleeding
        out["pain_index"][i] = found.pain_index
        out["course_pain_index"][i] = found.pain_index * scenario.sessions
        out["downtime_days"][i] = found.downtime_days
        out["pigmentation_risk_pct"][i] = found.pigmentation_risk_pct
    return out


def _side_effects_key(scenario: Scenario) -> tuple[str, float, bool, int, float, bool]:
    """What :func:`sim.side_effects.side_effects` reads of a scenario: device,
    needle length, whether it is treated, skin type, epidermis, whether a keloid
    (a test checks that no other field changes its result)."""
    return (
        scenario.device,
        scenario.needle_mm,
        scenario.sessions > 0,
        scenario.fitzpatrick,
        scenario.epidermis_mm,
        scenario.scar == "keloid",
    )


@lru_cache(maxsize=1024)
def _shared_side_effects(
    key: tuple[str, float, bool, int, float, bool], params: ModelParams
) -> SideEffects:
    """:func:`sim.side_effects.side_effects` of every scenario with this
    :func:`_side_effects_key`, computed once (a sweep varies few of its fields)."""
    device, needle_mm, treated, fitzpatrick, epidermis_mm, keloid = key
    scenario = Scenario(
        scar="keloid" if keloid else "boxcar_shallow",
        device=device,
        needle_mm=needle_mm,
        sessions=int(treated),
        fitzpatrick=fitzpatrick,
        epidermis_mm=epidermis_mm,
    )
    return side_effects(scenario, params)


def _band_at_end(
    setup: _Setup, scenarios: list[Scenario], day: float | None, kinetics: Kinetics
) -> tuple[np.ndarray, np.ndarray]:
    """10th and 90th percentile of the improvement (%) over the band samples at the
    last day, for scenarios with one schedule; the values of :func:`_band`."""
    h = setup.grid.h_mm
    v0 = metrics.depression_area(setup.geometry.surface0_mm, h)
    if v0 <= 0 or setup.deficit.density.size == 0:
        return np.zeros(len(scenarios)), np.zeros(len(scenarios))
    schedule = _schedule(scenarios[0], day, band=True)
    counts = np.asarray(setup.deficit.to_columns.sum(axis=1)).ravel()
    low, high = np.zeros(len(scenarios)), np.zeros(len(scenarios))
    by_seed: dict[int, list[int]] = {}
    for i, scenario in enumerate(scenarios):
        by_seed.setdefault(scenario.seed, []).append(i)
    for seed, chosen in by_seed.items():
        samples = _band_samples(seed)
        rows = _rows([scenarios[i] for i in chosen], samples)
        excess = _excess_at_end(setup, schedule, rows, kinetics)
        values = (100.0 * h * h * (excess @ counts) / v0).reshape(len(chosen), samples.size)
        low[chosen], high[chosen] = np.percentile(values, BAND_PERCENTILES, axis=1)
    return low, high
