"""A straightforward small-time-step solver of the model's equations.

Written independently of :mod:`sim.kinetics` and :mod:`sim.model` (it imports
neither): it builds the injury from the :class:`~sim.scenario.Scenario` fields
itself, computes the healing-window weights session by session, and
integrates every equation with forward Euler: the 3-point finite-difference
Laplacian with reflecting (zero-flux) ends, the signal added as a jump at each
session, and, in every deficit cell, the fill, the kept surplus and their young
shares as ODEs (the fast solver uses closed forms and a filter instead). It
exists to check the fast solver (tests) and to measure its speed-up
(benchmarks); it is far too slow for the app.
"""

from __future__ import annotations

import math

import numpy as np

from sim import constants as C
from sim.anatomy import layer_fractions, make_grid
from sim.scars import scar_geometry
from sim.scenario import Scenario
from sim.uncertainty import CENTRAL, ModelParams


def _laplacian(u: np.ndarray, h_mm: float) -> np.ndarray:
    padded = np.concatenate([u[:1], u, u[-1:]])
    return (padded[2:] - 2 * u + padded[:-2]) / h_mm**2


def _kicks(
    scenario: Scenario, params: ModelParams, z_mm: np.ndarray, dermis: np.ndarray
) -> list[tuple[float, np.ndarray]]:
    """(day, injury profile) of every office session and home roll."""
    length = params.signal_length_mm
    pen = scenario.device == "office_pen"
    office_share = params.pen_penetration if pen else params.roller_penetration
    plans = [
        (
            scenario.session_days,
            office_share * scenario.needle_mm,
            scenario.punctures_per_cm2,
            C.PRP_GAIN.value if scenario.adjunct == "prp" else 1.0,
        ),
        (
            scenario.home_days,
            params.roller_penetration * scenario.home_needle_mm,
            C.HOME_PUNCTURES_PER_CM2.value,
            1.0,
        ),
    ]
    kicks = []
    for days, depth, per_cm2, gain in plans:
        reached = 1.0 - math.exp(-(per_cm2 / 100.0) * math.pi * length * length)
        spread = C.PENETRATION_CV.value * depth
        shape = np.array(
            [
                0.5 * math.erfc((z - depth) / (math.sqrt(2.0) * spread)) if depth > 0 else 0.0
                for z in z_mm
            ]
        )
        for k, day in enumerate(days):
            weight = 1.0
            for earlier in days[:k]:
                weight *= 1.0 - reached * math.exp(-(day - earlier) / params.healing_window_days)
            kicks.append((float(day), gain * reached * weight * shape * dermis))
    kicks.sort(key=lambda kick: kick[0])
    return kicks


def reference_solve(
    scenario: Scenario,
    times_days: np.ndarray,
    *,
    h_mm: float,
    params: ModelParams = CENTRAL,
    rates: dict[str, float] | None = None,
    dt_days: float | None = None,
) -> dict[str, np.ndarray]:
    """Integrate the equations with forward Euler for a median patient (r = 1).

    Parameters
    ----------
    scenario : Scenario
    times_days : ndarray
        Output times (sorted).
    h_mm : float
        Grid spacing.
    params : ModelParams
    rates : dict, optional
        ``signal_decay``, ``recruit``, ``active``, ``deposit_gain``,
        ``maturation``, ``surplus`` (per day); default from :mod:`sim.constants`.
    dt_days : float, optional
        Time step; default half the explicit diffusion limit
        :math:`h^2 / (4 D)`, at most 0.01 day.

    Returns
    -------
    dict
        ``surface_mm`` (n_t, nx), ``thickening_mm`` (n_t,), and the new collagen
        ``collagen3`` and ``collagen1`` (n_t, nz, nx).
    """
    k = {
        "signal_decay": C.SIGNAL_DECAY_PER_DAY.value,
        "recruit": 1 / C.RECRUIT_DAYS.value,
        "active": 1 / C.ACTIVE_DAYS.value,
        "deposit_gain": C.DEPOSIT_GAIN.value,
        "maturation": 1 / C.MATURATION_DAYS.value,
        "surplus": 1 / C.SURPLUS_DAYS.value,
        **(rates or {}),
    }
    skin = scenario.skin
    grid = make_grid(skin, h_mm)
    geometry = scar_geometry(scenario.scar_type, skin, grid, scenario.custom_profile_mm)
    dermis = layer_fractions(skin, grid)["dermis"]
    diffusivity = k["signal_decay"] * params.signal_length_mm**2
    if dt_days is None:
        dt_days = min(0.01, h_mm**2 / (4 * diffusivity))
    kicks = _kicks(scenario, params, grid.z_mm, dermis)

    zi, xi = np.nonzero(geometry.deficit)
    delta = geometry.deficit[zi, xi]
    signal, recruited, active = (np.zeros(grid.nz) for _ in range(3))
    surplus, surplus3 = np.zeros(grid.nz), np.zeros(grid.nz)
    fill, fill3, kept, kept3 = (np.zeros(delta.size) for _ in range(4))

    n_t = times_days.size
    out = {
        "surface_mm": np.zeros((n_t, grid.nx)),
        "thickening_mm": np.zeros(n_t),
        "collagen3": np.zeros((n_t, grid.nz, grid.nx)),
        "collagen1": np.zeros((n_t, grid.nz, grid.nx)),
    }
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
            deposit = k["deposit_gain"] * dermis * active
            into_deficit = (1 - fill / delta) * deposit[zi]
            beyond = (fill / delta) * deposit[zi]
            fill = fill + step * into_deficit
            fill3 = fill3 + step * (into_deficit - k["maturation"] * fill3)
            kept = kept + step * (beyond - k["surplus"] * kept)
            kept3 = kept3 + step * (beyond - (k["surplus"] + k["maturation"]) * kept3)
            surplus = surplus + step * (deposit - k["surplus"] * surplus)
            surplus3 = surplus3 + step * (deposit - (k["surplus"] + k["maturation"]) * surplus3)
            new_signal = signal + step * (
                diffusivity * _laplacian(signal, grid.h_mm) - k["signal_decay"] * signal
            )
            recruited = recruited + step * (k["signal_decay"] * signal - k["recruit"] * recruited)
            active = active + step * (k["recruit"] * recruited - k["active"] * active)
            signal = new_signal
            t += step
        young = np.repeat(surplus3[:, None], grid.nx, axis=1)
        total = np.repeat(surplus[:, None], grid.nx, axis=1)
        young[zi, xi] = fill3 + kept3
        total[zi, xi] = fill + kept
        out["collagen3"][n] = young
        out["collagen1"][n] = total - young
        lift = (total - surplus[:, None]).sum(axis=0) * grid.h_mm
        out["surface_mm"][n] = geometry.surface0_mm + lift
        out["thickening_mm"][n] = surplus.sum() * grid.h_mm
    return out
