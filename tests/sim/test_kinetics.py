"""The exact cascade solver against independent solutions."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.integrate import solve_ivp

from sim import Scenario, metrics, simulate
from sim.kinetics import Kinetics, resolvents, time_weights
from sim.reference import reference_solve

K = Kinetics()


def test_resolvent_solves_the_finite_difference_equation():
    """(L - q) psi = I with the 3-point Neumann Laplacian, solved by the DCT."""
    rng = np.random.default_rng(0)
    h, n = 0.02, 90
    source = rng.random(n)
    diffusivity = K.signal_decay_per_day * K.signal_length_mm**2
    main = K.signal_decay_per_day + 2 * diffusivity / h**2
    off = -diffusivity / h**2
    matrix = (
        np.diag(np.full(n, main))
        + np.diag(np.full(n - 1, off), 1)
        + np.diag(np.full(n - 1, off), -1)
    )
    matrix[0, 0] = matrix[-1, -1] = main + off  # zero-flux ends (mirror ghost cells)
    for q, psi in resolvents(source, h, K, (0.0, 0.2, 0.01)).items():
        np.testing.assert_allclose((matrix - q * np.eye(n)) @ psi, source, rtol=1e-10, atol=1e-12)


def test_time_weights_are_zero_before_a_session_and_add_over_sessions():
    times = np.array([0.0, 5.0, 10.0, 40.0])
    one = time_weights(times, np.array([10.0]), (0.2,), 1.0)
    assert np.all(one[:3] == 0)
    assert one[3, 0] == pytest.approx(np.exp(-0.2 * 30) - np.exp(-30))
    two = time_weights(times, np.array([0.0, 10.0]), (0.2,), 1.0)
    np.testing.assert_allclose(two, one + time_weights(times, np.array([0.0]), (0.2,), 1.0))


def test_depth_uniform_mode_matches_an_ode_solution():
    """With a depth-uniform injury the cascade is a linear ODE system: integrate it
    with scipy's solve_ivp and compare the deposit with the closed form."""
    k = K
    n, h = 40, 0.02
    source = np.ones(n)
    fields = resolvents(source, h, k, (k.recruit_per_day, k.active_per_day, 0.0))
    weights = time_weights(
        np.array([30.0, 120.0]), np.array([0.0]), k.decay_rates("deposit"), k.signal_decay_per_day
    ) * k.residues("deposit")
    closed = weights @ np.stack([fields[r][0:1] for r in k.decay_rates("deposit")])

    def rhs(_t, y):
        s, r, a, _n = y
        return [
            -k.signal_decay_per_day * s,
            k.signal_decay_per_day * s - k.recruit_per_day * r,
            k.recruit_per_day * r - k.active_per_day * a,
            k.deposit_gain * a,
        ]

    ode = solve_ivp(rhs, (0, 120), [1.0, 0, 0, 0], t_eval=[30.0, 120.0], rtol=1e-10, atol=1e-13)
    np.testing.assert_allclose(closed[:, 0], ode.y[3], rtol=1e-8)


@pytest.mark.parametrize(
    "scenario",
    [
        Scenario(sessions=2, interval_days=14, follow_up_days=60),
        Scenario(scar="keloid", sessions=2, interval_days=14, follow_up_days=60),
        Scenario(
            scar="rolling",
            needle_mm=0.5,
            penetration_fraction=0.5,
            sessions=2,
            interval_days=21,
            follow_up_days=40,
            adjunct="prp",
            home_maintenance=True,
            home_needle_mm=0.3,
            home_interval_days=3,
        ),
    ],
    ids=["boxcar", "keloid", "rolling+prp+home"],
)
def test_fast_solver_agrees_with_explicit_reference_solver(scenario):
    """Tolerance: 0.05 percentage points of improvement, 0.5 µm of surface height."""
    fast = simulate(scenario, h_mm=0.04)
    ref = reference_solve(scenario, fast.times_days, h_mm=0.04)
    np.testing.assert_allclose(ref["surface_mm"], fast.surface_mm, atol=5e-4)
    np.testing.assert_allclose(ref["thickening_mm"], fast.thickening_mm, atol=5e-5)
    improvement = metrics.improvement_pct(ref["surface_mm"], fast.surface0_mm, 0.04)
    np.testing.assert_allclose(improvement, fast.improvement_pct, atol=0.05)


@pytest.mark.parametrize(
    "changes",
    [{"active_per_day": 1 / 90}, {"recruit_per_day": 2.0}, {"deposit_gain": float("nan")}],
)
def test_degenerate_kinetics_are_rejected(changes):
    with pytest.raises(ValueError, match=r"Kinetics|rates"):
        Kinetics(**changes)
