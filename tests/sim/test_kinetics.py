"""The exact cascade solver against independent solutions."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy.integrate import solve_ivp

from sim import Scenario, metrics, simulate
from sim.kinetics import (
    Kinetics,
    coverage,
    resolvents,
    resolvents_at,
    session_weights,
    time_weights,
)
from sim.reference import reference_solve
from sim.uncertainty import CENTRAL

K = Kinetics()
LENGTH = CENTRAL.signal_length_mm
D = K.signal_decay_per_day * LENGTH**2


def test_resolvent_solves_the_finite_difference_equation():
    """(L - q) psi = I with the 3-point Neumann Laplacian, solved by the DCT."""
    rng = np.random.default_rng(0)
    h, n = 0.02, 90
    source = rng.random((2, n))
    diffusivity = np.array([D, 4 * D])
    for s in range(2):
        main = K.signal_decay_per_day + 2 * diffusivity[s] / h**2
        off = -diffusivity[s] / h**2
        matrix = (
            np.diag(np.full(n, main))
            + np.diag(np.full(n - 1, off), 1)
            + np.diag(np.full(n - 1, off), -1)
        )
        matrix[0, 0] = matrix[-1, -1] = main + off  # zero-flux ends (mirror ghost cells)
        fields = resolvents(source, h, K.signal_decay_per_day, diffusivity, (0.0, 0.2, 0.01))
        for q, psi in fields.items():
            np.testing.assert_allclose(
                (matrix - q * np.eye(n)) @ psi[s], source[s], rtol=1e-10, atol=1e-12
            )


def test_resolvents_at_chosen_depths_equal_the_fft_solve_there():
    """The dense-matrix transform of the sweep against scipy's DCT, rows with their
    own diffusivity, depths repeated and out of order."""
    rng = np.random.default_rng(3)
    h, n = 0.02, 108
    source = rng.random((5, n))
    diffusivity = D * rng.uniform(0.2, 4.0, 5)
    shifts = (0.0, 0.01, 0.2)
    at = np.array([0, 7, 7, 50, 3, n - 1])
    full = resolvents(source, h, K.signal_decay_per_day, diffusivity, shifts)
    some = resolvents_at(source, h, K.signal_decay_per_day, diffusivity, shifts, at)
    assert set(some) == set(shifts)
    for q in shifts:
        np.testing.assert_allclose(some[q], full[q][:, at], rtol=1e-12, atol=1e-15)


def test_time_weights_are_zero_before_a_session_and_add_over_sessions():
    times = np.array([0.0, 5.0, 10.0, 40.0])
    one = time_weights(times, np.array([10.0]), np.ones((1, 1)), (0.2,), 1.0)[0]
    assert np.all(one[:3] == 0)
    assert one[3, 0] == pytest.approx(np.exp(-0.2 * 30) - np.exp(-30))
    two = time_weights(times, np.array([0.0, 10.0]), np.array([[1.0, 0.5]]), (0.2,), 1.0)[0]
    first = time_weights(times, np.array([0.0]), np.ones((1, 1)), (0.2,), 1.0)[0]
    np.testing.assert_allclose(two, first + 0.5 * one)


def test_coverage_is_the_poisson_share_within_reach_of_a_channel():
    """1 - exp(-rho pi a^2): small densities are linear, large ones saturate."""
    radius = np.array([0.3])
    low = coverage(1.0, radius)[0]
    assert low == pytest.approx(0.01 * math.pi * 0.09, rel=2e-3)
    assert coverage(100.0, radius)[0] == pytest.approx(1 - math.exp(-math.pi * 0.09))
    assert coverage(1e6, radius)[0] == pytest.approx(1.0)
    shares = coverage(np.array([25.0, 250.0, 500.0, 1000.0])[:, None], radius)[:, 0]
    assert np.all(np.diff(shares) > 0) and shares[2] < 2 * shares[1]


def test_session_weights_follow_the_healing_window():
    """First session 1; a second one a window later is blunted by reach * e^-1."""
    w = session_weights(np.array([0.0, 28.0, 56.0]), np.array([0.4]), np.array([28.0]))[0]
    assert w[0] == 1.0
    assert w[1] == pytest.approx(1 - 0.4 * math.exp(-1))
    assert w[2] == pytest.approx((1 - 0.4 * math.exp(-2)) * (1 - 0.4 * math.exp(-1)))
    far = session_weights(np.array([0.0, 1e4]), np.array([0.9]), np.array([28.0]))[0]
    assert far[1] == pytest.approx(1.0)


def test_depth_uniform_mode_matches_an_ode_solution():
    """With a depth-uniform injury the cascade is a linear ODE system: integrate it
    with scipy's solve_ivp and compare the deposit with the closed form."""
    k = K
    n, h = 40, 0.02
    source = np.ones((1, n))
    rates = k.decay_rates("deposit")
    fields = resolvents(source, h, k.signal_decay_per_day, np.array([D]), rates)
    weights = time_weights(
        np.array([30.0, 120.0]), np.array([0.0]), np.ones((1, 1)), rates, k.signal_decay_per_day
    )[0] * k.residues("deposit")
    closed = weights @ np.stack([fields[r][0, 0] for r in rates])

    def rhs(_t, y):
        s, r, a, _n = y
        return [
            -k.signal_decay_per_day * s,
            k.signal_decay_per_day * s - k.recruit_per_day * r,
            k.recruit_per_day * r - k.active_per_day * a,
            k.deposit_gain * a,
        ]

    ode = solve_ivp(rhs, (0, 120), [1.0, 0, 0, 0], t_eval=[30.0, 120.0], rtol=1e-10, atol=1e-13)
    np.testing.assert_allclose(closed, ode.y[3], rtol=1e-8)


@pytest.mark.parametrize(
    "scenario",
    [
        Scenario(sessions=2, interval_days=14, follow_up_days=60),
        Scenario(scar="keloid", sessions=2, interval_days=14, follow_up_days=60),
        Scenario(
            scar="rolling",
            device="medical_roller",
            needle_mm=1.0,
            sessions=2,
            interval_days=21,
            follow_up_days=40,
            adjunct="prp",
            home_maintenance=True,
            home_needle_mm=0.3,
            home_interval_days=3,
        ),
    ],
    ids=["boxcar", "keloid", "rolling+roller+prp+home"],
)
def test_fast_solver_agrees_with_explicit_reference_solver(scenario):
    """Surface within 0.5 µm and 0.1 percentage points; collagen III and I fields
    within 2 % of their peak (the fast solver's early-days transient term and
    Euler's first-order error)."""
    fast = simulate(scenario, h_mm=0.04)
    ref = reference_solve(scenario, fast.times_days, h_mm=0.04)
    np.testing.assert_allclose(ref["surface_mm"], fast.surface_mm, atol=5e-4)
    np.testing.assert_allclose(ref["thickening_mm"], fast.thickening_mm, rtol=0.02, atol=1e-6)
    improvement = metrics.improvement_pct(ref["surface_mm"], fast.surface0_mm, 0.04)
    np.testing.assert_allclose(improvement, fast.improvement_pct, atol=0.1)
    frames = np.searchsorted(fast.times_days, fast.field_times_days)
    for name in ("collagen3", "collagen1"):
        expected, got = ref[name][frames], getattr(fast, name)
        peak = expected.max()
        assert peak > 0
        np.testing.assert_allclose(got, expected, rtol=0, atol=0.02 * peak, err_msg=name)


@pytest.mark.parametrize(
    "changes",
    [{"active_per_day": 1 / 90}, {"recruit_per_day": 2.0}, {"deposit_gain": float("nan")}],
)
def test_degenerate_kinetics_are_rejected(changes):
    with pytest.raises(ValueError, match=r"Kinetics|rates"):
        Kinetics(**changes)
