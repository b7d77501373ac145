r"""Simulate a course of microneedling on a scar.

New collagen and the scar surface
---------------------------------
The cascade in :mod:`sim.kinetics` gives the cumulative collagen deposit
:math:`N(z,t)` of a patient whose response rate is :math:`r` (median 1):
deposit :math:`r N`. In a cell with collagen deficit :math:`\delta` (volume
fraction of normal dermis), new collagen first restores the missing matrix,
with an efficiency that falls as the deficit closes,

.. math:: \partial_t f = \Bigl(1 - \frac{f}{\delta}\Bigr)\,\partial_t (rN)
          \;\Rightarrow\; f = \delta\,\bigl(1 - e^{-rN/\delta}\bigr),

so the fill never exceeds the deficit and is zero without treatment. The rest
is surplus above the set point, which breakdown removes (rate :math:`\beta`);
normal skin therefore thickens for months and returns close to baseline.
Collagen volume is conserved column by column: the scar floor rises by
:math:`\int f\,dz`, measured against the surrounding skin (which gains the same
surplus), so a depressed scar fills toward, and never above, the surrounding
surface. The tethered share of the depression does not fill.

Raised scars hold excess collagen at their own (raised) set point; their
fibroblasts synthesise :math:`\gamma` times more collagen (hypertrophic 6.7x,
keloid 20x, Craig 1975) with normal breakdown (Milsom & Craig 1973), so the
scar rises relative to the surrounding skin by
:math:`\int (\gamma - 1)\,r\,s\,dz \ge 0`: never any flattening.

Patients differ: :math:`\ln r \sim \mathcal N(0, \sigma^2)`. Every metric is
monotone in :math:`r`, so the 10th-90th percentile band of a seeded cohort is
exactly the metric evaluated at the cohort's 10th and 90th percentile of
:math:`r`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from scipy import sparse

from sim import constants as C
from sim import metrics
from sim.anatomy import Grid, layer_fractions, make_grid
from sim.kinetics import Injury, Kinetics, cascade_profiles
from sim.scars import ScarGeometry, scar_geometry
from sim.scenario import Scenario
from sim.side_effects import SideEffects, side_effects

DEFAULT_KINETICS = Kinetics()
MAX_FRAMES = 40


@dataclass(frozen=True, eq=False)
class Result:
    """Output of :func:`simulate`. Lengths in mm, times in days. Arrays are read-only.

    Attributes
    ----------
    scenario : Scenario
        The input.
    x_mm, z_mm : ndarray
        Lateral and depth cell centres (depth below the local surface).
    h_mm : float
        Cell size.
    layers_mm : dict
        Depths of the epidermis, papillary and dermis bottoms.
    times_days : ndarray, shape (n_t,)
        Output times.
    session_days, home_days : ndarray
        Days of office sessions and of home-roller use.
    track_x_mm : tuple of ndarray
        Illustrative lateral positions of needle channels, one array per office
        session (the model itself uses the expected injury).
    surface0_mm : ndarray, shape (nx,)
        Initial surface height relative to the surrounding skin.
    surface_mm, surface_low_mm, surface_high_mm : ndarray, shape (n_t, nx)
        Surface height of a median patient and of the 10th and 90th percentile
        responders.
    thickening_mm : ndarray, shape (n_t,)
        Thickening of the surrounding treated skin by surplus collagen.
    papillary_gain_pct : ndarray, shape (n_t,)
        New collagen in the papillary dermis of the surrounding skin, % of normal.
    field_times_days : ndarray, shape (n_f,)
        Times of the 2-D collagen fields (a subset of ``times_days``).
    collagen_baseline : ndarray, shape (nz, nx)
        Collagen before treatment, volume fraction of normal dermis.
    collagen3, collagen1 : ndarray, shape (n_f, nz, nx)
        New collagen III (young) and I (mature), volume fraction of normal dermis.
    side_effects : SideEffects
    improvement_pct, improvement_pct_p10, improvement_pct_p90 : ndarray, shape (n_t,)
        Filled share of the depression's volume (%), median and typical range.
    depth_improvement_pct : ndarray, shape (n_t,)
        Reduction of the maximum depth (%).
    depression_depth_mm, raised_height_mm : ndarray, shape (n_t,)
        Deepest point below, and highest point above, the surrounding skin.
    raised_height_p10_mm, raised_height_p90_mm : ndarray, shape (n_t,)
        Typical range of the raised height.
    """

    scenario: Scenario
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
    surface_low_mm: np.ndarray
    surface_high_mm: np.ndarray
    thickening_mm: np.ndarray
    papillary_gain_pct: np.ndarray
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
        # Results are shared (e.g. by a cache); nobody may change them in place.
        for value in vars(self).values():
            if isinstance(value, np.ndarray):
                value.setflags(write=False)
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


@lru_cache(maxsize=64)
def response_quantiles(seed: int, spread: float = C.RESPONSE_SPREAD.value) -> tuple[float, float]:
    """10th and 90th percentile of the response rate in a seeded cohort.

    :math:`r = e^{\\sigma Z}`, :math:`Z \\sim N(0, 1)`, cohort of
    ``COHORT_SIZE`` patients drawn with ``numpy.random.default_rng(seed)``.
    """
    rng = np.random.default_rng(seed)
    rates = np.exp(spread * rng.standard_normal(int(C.COHORT_SIZE.value)))
    low, high = np.quantile(rates, [0.1, 0.9])
    return float(low), float(high)


def time_grid(scenario: Scenario) -> tuple[np.ndarray, np.ndarray]:
    """Output times (every 2 days, coarser for long courses, plus session
    days and the last day) and the indices of the frames for 2-D fields."""
    end = scenario.end_day
    step = 2.0 if end <= 300 else float(np.ceil(end / 150))
    times = np.unique(np.concatenate([np.arange(0.0, end, step), scenario.session_days, [end]]))
    stride = max(int(np.ceil(7 / step)), int(np.ceil(times.size / MAX_FRAMES)))
    sessions = np.searchsorted(times, scenario.session_days)
    frames = np.unique(
        np.concatenate([np.arange(0, times.size, stride), sessions, [times.size - 1]])
    )
    return times, frames.astype(int)


def injuries(scenario: Scenario) -> list[tuple[Injury, np.ndarray]]:
    """The kinds of session in ``scenario`` with their days."""
    gain = C.PRP_GAIN.value if scenario.adjunct == "prp" else 1.0
    office = Injury(scenario.effective_depth_mm, scenario.punctures_per_cm2, gain)
    out = [(office, np.asarray(scenario.session_days))]
    if scenario.home_days:
        depth = scenario.penetration_fraction * scenario.home_needle_mm
        home = Injury(depth, C.HOME_PUNCTURES_PER_CM2.value, 1.0)
        out.append((home, np.asarray(scenario.home_days)))
    return out


@dataclass(frozen=True)
class _Deficit:
    """Deficit cells compressed to unique (depth, deficit) pairs."""

    z_index: np.ndarray  # (n_u,)
    density: np.ndarray  # (n_u,)
    to_columns: sparse.csr_array  # (n_u, nx), counts
    cell_z: np.ndarray  # (n_cells,)
    cell_x: np.ndarray
    cell_unique: np.ndarray


@lru_cache(maxsize=64)
def _compressed_deficit(geometry_key: tuple) -> _Deficit:
    geometry = scar_geometry(*geometry_key)
    zi, xi = np.nonzero(geometry.deficit)
    values = geometry.deficit[zi, xi]
    keys, inverse = np.unique(np.stack([zi.astype(float), values]), axis=1, return_inverse=True)
    inverse = inverse.ravel()
    to_columns = sparse.csr_array(
        (np.ones(zi.size), (inverse, xi)), shape=(keys.shape[1], geometry.deficit.shape[1])
    )
    return _Deficit(keys[0].astype(int), keys[1], to_columns, zi, xi, inverse)


def _fill(deficit: _Deficit, deposit: np.ndarray, response: float) -> np.ndarray:
    """:math:`f = \\delta (1 - e^{-rN/\\delta})` on compressed cells, shape (n_t, n_u)."""
    if deficit.density.size == 0:
        return np.zeros((deposit.shape[0], 0))
    return deficit.density * -np.expm1(-response * deposit[:, deficit.z_index] / deficit.density)


def _surface(
    geometry: ScarGeometry,
    deficit: _Deficit,
    profiles: dict[str, np.ndarray],
    response: float,
    h_mm: float,
) -> tuple[np.ndarray, np.ndarray]:
    """Surface height over time and the compressed fill, for one response."""
    n_t = profiles["deposit"].shape[0]
    if geometry.surface0_mm.max() > 0:  # raised scar
        rise = response * profiles["surplus"] @ (geometry.synthesis - 1.0) * h_mm
        return geometry.surface0_mm + rise, np.zeros((n_t, 0))
    fill = _fill(deficit, profiles["deposit"], response)
    lift = np.ascontiguousarray((deficit.to_columns.T @ fill.T).T) * h_mm if fill.size else 0.0
    return geometry.surface0_mm + lift, fill


def _exp_filter(values: np.ndarray, times: np.ndarray, rate: float) -> np.ndarray:
    """:math:`y(t) = \\int_0^t e^{-k(t-u)}\\,dv(u)` with piecewise-constant rate of ``v``."""
    out = np.zeros_like(values)
    for n in range(1, times.size):
        x = rate * (times[n] - times[n - 1])
        weight = -np.expm1(-x) / x if x > 0 else 1.0
        out[n] = np.exp(-x) * out[n - 1] + (values[n] - values[n - 1]) * weight
    return out


def _fields(
    geometry: ScarGeometry,
    deficit: _Deficit,
    profiles: dict[str, np.ndarray],
    fill: np.ndarray,
    frames: np.ndarray,
    times: np.ndarray,
    kinetics: Kinetics,
) -> tuple[np.ndarray, np.ndarray]:
    """New collagen III and I at the frames, shape (n_f, nz, nx), float32.

    Outside deficit cells the new collagen is the surplus (times the scar's
    synthesis factor); in deficit cells it is the fill plus the surplus left
    after the fill, both split into III and I by their age.
    """
    nx = geometry.synthesis.shape[1]
    # 0 <= s3 <= s holds exactly; the early-days transient term can break it by rounding.
    surplus = np.clip(profiles["surplus"][frames], 0.0, None)
    surplus3 = np.clip(profiles["surplus3"][frames], 0.0, surplus)
    young = np.repeat(surplus3.astype(np.float32)[:, :, None], nx, axis=2)
    mature = np.repeat((surplus - surplus3).astype(np.float32)[:, :, None], nx, axis=2)
    if geometry.surface0_mm.max() > 0:  # raised: synthesis factor differs from 1
        young *= geometry.synthesis
        mature *= geometry.synthesis
    if fill.shape[1]:
        frame_times = times[frames]
        f = fill[frames]
        f_young = _exp_filter(f, frame_times, kinetics.maturation_per_day)
        f_kept = _exp_filter(f, frame_times, kinetics.surplus_per_day)
        f_kept3 = _exp_filter(
            f, frame_times, kinetics.surplus_per_day + kinetics.maturation_per_day
        )
        zu = deficit.z_index
        total = f + np.clip(surplus[:, zu] - f_kept, 0.0, None)
        new3 = np.minimum(f_young + np.clip(surplus3[:, zu] - f_kept3, 0.0, None), total)
        cells = deficit.cell_z * nx + deficit.cell_x
        u = deficit.cell_unique
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


def _setup(scenario: Scenario, h_mm: float) -> tuple[Grid, tuple, ScarGeometry, _Deficit, dict]:
    skin = scenario.skin
    grid = make_grid(skin, h_mm)
    key = (scenario.scar_type, skin, grid, scenario.custom_profile_mm)
    geometry = scar_geometry(*key)
    return grid, key, geometry, _compressed_deficit(key), layer_fractions(skin, grid)


# --- public API -----------------------------------------------------------------


def simulate(
    scenario: Scenario,
    *,
    h_mm: float = C.GRID_MM.value,
    kinetics: Kinetics = DEFAULT_KINETICS,
) -> Result:
    """Simulate ``scenario`` and return the full result.

    Parameters
    ----------
    scenario : Scenario
        Validated inputs (see :data:`sim.registry.REGISTRY`).
    h_mm : float, optional
        Grid spacing (default 0.02 mm).
    kinetics : Kinetics, optional
        Rate constants (defaults from :mod:`sim.constants`).

    Returns
    -------
    Result

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
    grid, _, geometry, deficit, layers = _setup(scenario, h_mm)
    times, frames = time_grid(scenario)
    profiles = cascade_profiles(
        injuries(scenario), times, grid.z_mm, grid.h_mm, layers["dermis"], kinetics
    )
    low, high = response_quantiles(scenario.seed)
    surface, fill = _surface(geometry, deficit, profiles, 1.0, grid.h_mm)
    surface_low, _ = _surface(geometry, deficit, profiles, low, grid.h_mm)
    surface_high, _ = _surface(geometry, deficit, profiles, high, grid.h_mm)
    young, mature = _fields(geometry, deficit, profiles, fill, frames, times, kinetics)
    baseline = np.outer(layers["dermis"], np.ones(grid.nx)) - geometry.deficit + geometry.excess
    papillary = layers["papillary"]
    skin = scenario.skin
    surface0 = geometry.surface0_mm
    h = grid.h_mm
    return Result(
        scenario=scenario,
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
        surface_low_mm=surface_low,
        surface_high_mm=surface_high,
        thickening_mm=profiles["surplus"].sum(axis=1) * h,
        papillary_gain_pct=100 * (profiles["surplus"] @ papillary) / papillary.sum(),
        field_times_days=times[frames],
        collagen_baseline=baseline.astype(np.float32),
        collagen3=young,
        collagen1=mature,
        side_effects=side_effects(scenario),
        improvement_pct=metrics.improvement_pct(surface, surface0, h),
        improvement_pct_p10=metrics.improvement_pct(surface_low, surface0, h),
        improvement_pct_p90=metrics.improvement_pct(surface_high, surface0, h),
        depth_improvement_pct=metrics.depth_improvement_pct(surface, surface0),
        depression_depth_mm=metrics.depression_depth_mm(surface),
        raised_height_mm=metrics.raised_height_mm(surface),
        raised_height_p10_mm=metrics.raised_height_mm(surface_low),
        raised_height_p90_mm=metrics.raised_height_mm(surface_high),
    )


SWEEP_METRICS = (
    "improvement_pct",
    "improvement_pct_p10",
    "improvement_pct_p90",
    "depth_improvement_pct",
    "raised_height_change_mm",
    "effective_depth_mm",
    "bleeding",
    "pain_index",
    "course_pain_index",
    "downtime_days",
    "pigmentation_risk_pct",
)


def simulate_many(
    scenarios: Sequence[Scenario],
    *,
    h_mm: float = C.GRID_MM.value,
    kinetics: Kinetics = DEFAULT_KINETICS,
) -> dict[str, np.ndarray]:
    """End-of-follow-up metrics for many scenarios at once.

    Uses the same equations as :func:`simulate` but evaluates them only at
    each scenario's last day and skips the 2-D fields.

    Returns
    -------
    dict of str to ndarray
        One array of length ``len(scenarios)`` per name in
        :data:`SWEEP_METRICS`; ``raised_height_change_mm`` is the change of the
        highest point above the surrounding skin (0 for depressed scars).
    """
    out = {name: np.zeros(len(scenarios)) for name in SWEEP_METRICS}
    out["bleeding"] = np.zeros(len(scenarios), dtype=bool)
    for i, scenario in enumerate(scenarios):
        grid, _, geometry, deficit, layers = _setup(scenario, h_mm)
        end = np.array([scenario.end_day])
        profiles = cascade_profiles(
            injuries(scenario),
            end,
            grid.z_mm,
            grid.h_mm,
            layers["dermis"],
            kinetics,
            quantities=("deposit", "surplus"),
        )
        surface0 = geometry.surface0_mm
        low, high = response_quantiles(scenario.seed)
        for name, response in (("", 1.0), ("_p10", low), ("_p90", high)):
            surface, _ = _surface(geometry, deficit, profiles, response, grid.h_mm)
            out["improvement_pct" + name][i] = metrics.improvement_pct(
                surface, surface0, grid.h_mm
            )[0]
            if not name:
                out["depth_improvement_pct"][i] = metrics.depth_improvement_pct(surface, surface0)[
                    0
                ]
                out["raised_height_change_mm"][i] = metrics.raised_height_mm(surface)[
                    0
                ] - metrics.raised_height_mm(surface0)
        effects = side_effects(scenario)
        out["effective_depth_mm"][i] = effects.effective_depth_mm
        out["bleeding"][i] = effects.bleeding
        out["pain_index"][i] = effects.pain_index
        out["course_pain_index"][i] = effects.pain_index * scenario.sessions
        out["downtime_days"][i] = effects.downtime_days
        out["pigmentation_risk_pct"][i] = effects.pigmentation_risk_pct
    return out
