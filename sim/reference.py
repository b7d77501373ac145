"""A straightforward small-time-step solver of the model's equations.

Written independently of :mod:`sim.kinetics`: forward Euler in time, the
3-point finite-difference Laplacian with reflecting (zero-flux) ends, the
signal added as a jump at each session, and the fill ODE
:math:`\\partial_t f = (1 - f/\\delta)\\,\\alpha m A` integrated cell by cell
(no closed form). It exists to check the fast exact solver (tests) and to
measure its speed-up (benchmarks); it is far too slow for the app.
"""

from __future__ import annotations

import numpy as np

from sim.anatomy import layer_fractions, make_grid
from sim.kinetics import Injury, Kinetics, injury_profile
from sim.model import DEFAULT_KINETICS, injuries
from sim.scars import scar_geometry
from sim.scenario import Scenario


def _laplacian(u: np.ndarray, h_mm: float) -> np.ndarray:
    padded = np.concatenate([u[:1], u, u[-1:]])
    return (padded[2:] - 2 * u + padded[:-2]) / h_mm**2


def reference_solve(
    scenario: Scenario,
    times_days: np.ndarray,
    *,
    h_mm: float,
    kinetics: Kinetics = DEFAULT_KINETICS,
    dt_days: float | None = None,
) -> dict[str, np.ndarray]:
    """Integrate the equations with forward Euler.

    Parameters
    ----------
    scenario : Scenario
    times_days : ndarray
        Output times (sorted).
    h_mm : float
        Grid spacing.
    kinetics : Kinetics
    dt_days : float, optional
        Time step; default half the explicit diffusion limit
        :math:`h^2 / (4 D)`, at most 0.01 day.

    Returns
    -------
    dict
        ``surface_mm`` (n_t, nx) for a median patient and ``thickening_mm`` (n_t,).
    """
    skin = scenario.skin
    grid = make_grid(skin, h_mm)
    geometry = scar_geometry(scenario.scar_type, skin, grid, scenario.custom_profile_mm)
    dermis = layer_fractions(skin, grid)["dermis"]
    k = kinetics
    diffusivity = k.signal_decay_per_day * k.signal_length_mm**2
    if dt_days is None:
        dt_days = min(0.01, h_mm**2 / (4 * diffusivity))

    kicks: list[tuple[float, np.ndarray]] = []
    for injury, days in injuries(scenario):
        profile = _injury(injury, grid.z_mm, dermis)
        kicks += [(float(day), profile) for day in days]
    kicks.sort(key=lambda kick: kick[0])

    zi, xi = np.nonzero(geometry.deficit)
    delta = geometry.deficit[zi, xi]
    raised = geometry.surface0_mm.max() > 0
    signal = np.zeros(grid.nz)
    recruited = np.zeros(grid.nz)
    active = np.zeros(grid.nz)
    surplus = np.zeros(grid.nz)
    fill = np.zeros(delta.size)

    surfaces = np.zeros((times_days.size, grid.nx))
    thickening = np.zeros(times_days.size)
    t, next_kick = 0.0, 0
    for n, target in enumerate(times_days):
        while True:
            while next_kick < len(kicks) and kicks[next_kick][0] <= t + 1e-9:
                signal = signal + kicks[next_kick][1]
                next_kick += 1
            if t >= target - 1e-9:
                break
            step = min(dt_days, target - t)
            if next_kick < len(kicks):
                step = min(step, kicks[next_kick][0] - t)
            deposit_rate = k.deposit_gain * dermis * active
            fill = fill + step * (1 - fill / delta) * deposit_rate[zi]
            surplus = surplus + step * (deposit_rate - k.surplus_per_day * surplus)
            new_signal = signal + step * (
                diffusivity * _laplacian(signal, grid.h_mm) - k.signal_decay_per_day * signal
            )
            recruited = recruited + step * (
                k.signal_decay_per_day * signal - k.recruit_per_day * recruited
            )
            active = active + step * (k.recruit_per_day * recruited - k.active_per_day * active)
            signal = new_signal
            t += step
        if raised:
            rise = (geometry.synthesis - 1.0) * surplus[:, None]
            surfaces[n] = geometry.surface0_mm + rise.sum(axis=0) * grid.h_mm
        else:
            lift = np.zeros(grid.nx)
            np.add.at(lift, xi, fill * grid.h_mm)
            surfaces[n] = geometry.surface0_mm + lift
        thickening[n] = surplus.sum() * grid.h_mm
    return {"surface_mm": surfaces, "thickening_mm": thickening}


def _injury(injury: Injury, z_mm: np.ndarray, dermis: np.ndarray) -> np.ndarray:
    if injury.effective_depth_mm <= 0:
        return np.zeros_like(z_mm)
    return injury_profile(injury, z_mm, dermis)
