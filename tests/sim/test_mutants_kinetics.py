"""The cascade's rate checks, partial fractions and conservation (gaps found by
mutation testing)."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy.integrate import solve_ivp
from scipy.special import erfc

from sim import constants as C
from sim.kinetics import (
    Kinetics,
    Series,
    cascade_profiles,
    reach_profile,
    session_weights,
    time_weights,
)

K = Kinetics()


@pytest.mark.parametrize(
    "changes",
    [
        {"signal_decay_per_day": math.inf},
        {"deposit_gain": 0.0},
        {"surplus_per_day": -0.01},
        {"maturation_per_day": math.nan},
    ],
)
def test_every_rate_must_be_a_positive_finite_number(changes):
    with pytest.raises(ValueError, match="must be a positive number"):
        Kinetics(**changes)


def test_colliding_poles_are_rejected_and_the_message_names_the_rates():
    # surplus + maturation = active: the collagen III pole coincides with the active one.
    with pytest.raises(ValueError, match="must all differ") as info:
        Kinetics(active_per_day=0.05, surplus_per_day=0.02, maturation_per_day=0.03)
    for name in ("recruit_per_day", "active_per_day", "surplus_per_day", "surplus + maturation"):
        assert name in str(info.value)
    assert str(info.value).startswith("Kinetics")


def test_a_rate_equal_to_the_signal_decay_is_rejected():
    with pytest.raises(ValueError, match="below signal_decay_per_day"):
        Kinetics(recruit_per_day=K.signal_decay_per_day)


def test_nearly_equal_rates_are_still_accepted_and_give_consistent_residues():
    """One part in a million apart is distinct enough for the partial fractions."""
    k = Kinetics(recruit_per_day=0.01, active_per_day=0.01 * (1 + 1e-6))
    assert np.all(np.isfinite(k.residues("deposit")))


@pytest.mark.parametrize("quantity", ["deposit", "surplus", "surplus3"])
def test_residues_are_the_partial_fractions_of_the_cascade(quantity):
    """sum_j r_j / (p - p_j) == alpha k_S k_r / prod_j (p - p_j) for any p."""
    omega = {
        "deposit": 0.0,
        "surplus": K.surplus_per_day,
        "surplus3": K.surplus_per_day + K.maturation_per_day,
    }[quantity]
    assert K.decay_rates(quantity) == (K.recruit_per_day, K.active_per_day, omega)
    poles = -np.array([K.recruit_per_day, K.active_per_day, omega])
    scale = K.deposit_gain * K.signal_decay_per_day * K.recruit_per_day
    r = K.residues(quantity)
    for p in (0.3, 1.7, -0.5, 2.5j):
        assert np.sum(r / (p - poles)) == pytest.approx(scale / np.prod(p - poles), rel=1e-9)


def test_reach_profile_is_the_share_of_channels_past_each_depth():
    z = np.array([0.5, 1.0, 1.0 + math.sqrt(2) * C.PENETRATION_CV.value, 3.0])
    dermis = np.array([1.0, 0.5, 1.0, 1.0])
    got = reach_profile(np.array([1.0, 0.0]), z, dermis)
    assert got.shape == (2, 4)
    np.testing.assert_allclose(got[0, 1:3], [0.25, 0.5 * erfc(1.0)], rtol=1e-12)
    assert got[0, 0] == pytest.approx(1.0) and got[0, 3] == pytest.approx(0.0, abs=1e-12)
    np.testing.assert_array_equal(got[1], 0.0)  # a depth of 0 injures nothing


def test_time_weights_without_sessions_are_zero():
    out = time_weights(np.array([0.0, 10.0]), np.array([]), np.ones((3, 0)), (0.1, 0.2), 1.0)
    assert out.shape == (3, 2, 2)
    np.testing.assert_array_equal(out, 0.0)


def _uniform_run(times, gain=1.3, reach=0.4, quantities=("deposit", "surplus", "surplus3")):
    """A depth-uniform injury: needles far deeper than the 2 mm column, dermis everywhere."""
    nz, h = 50, 0.04
    z = (np.arange(nz) + 0.5) * h
    one = Series(np.array([0.0]), np.array([1000.0]), np.array([reach]), np.ones((1, 1)), gain)
    return cascade_profiles([one], times, z, h, np.ones(nz), K, np.array([0.15]), quantities)


def test_depth_uniform_cascade_matches_the_ode_for_every_quantity():
    """Each cell then follows the scalar ODEs of the cascade exactly."""
    times = np.array([0.0, 0.5, 3.0, 30.0, 200.0, 800.0])
    out = _uniform_run(times)
    k = K
    beta, k_m = k.surplus_per_day, k.maturation_per_day

    def rhs(_t, y):
        s, r, a, _n, surplus, young = y
        made = k.deposit_gain * a
        return [
            -k.signal_decay_per_day * s,
            k.signal_decay_per_day * s - k.recruit_per_day * r,
            k.recruit_per_day * r - k.active_per_day * a,
            made,
            made - beta * surplus,
            made - (beta + k_m) * young,
        ]

    y0 = [1.3 * 0.4, 0, 0, 0, 0, 0]
    ode = solve_ivp(rhs, (0, 800), y0, t_eval=times, rtol=1e-11, atol=1e-15, method="LSODA")
    for i, q in enumerate(("deposit", "surplus", "surplus3")):
        assert out[q].shape == (1, times.size, 50)
        np.testing.assert_allclose(out[q][0], out[q][0, :, :1] * np.ones(50), rtol=1e-9)
        np.testing.assert_allclose(out[q][0, :, 0], ode.y[3 + i], rtol=1e-7, atol=1e-15)


def test_all_collagen_laid_down_is_gain_times_injury_over_the_active_rate():
    """Conservation: in the long run N = alpha * I / k_a, the surplus is remodelled away."""
    out = _uniform_run(np.array([0.0, 20000.0]), gain=2.0, reach=0.25)
    expected = K.deposit_gain * 2.0 * 0.25 / K.active_per_day
    np.testing.assert_allclose(out["deposit"][0, -1], expected, rtol=1e-9)
    np.testing.assert_allclose(out["surplus"][0, -1], 0.0, atol=1e-12)
    for q in out:
        np.testing.assert_array_equal(out[q][0, 0], 0.0)  # nothing yet on the day itself


def test_cascade_returns_only_the_requested_quantities_and_adds_series():
    nz, h = 30, 0.05
    z = (np.arange(nz) + 0.5) * h
    dermis = np.clip((z - 0.1) / 0.2, 0, 1)
    times = np.array([0.0, 5.0, 40.0, 120.0])

    def one(day, depth, gain):
        return Series(np.array([day]), np.array([depth]), np.array([0.3]), np.ones((1, 1)), gain)

    def run(series, quantities=("deposit",)):
        return cascade_profiles(series, times, z, h, dermis, K, np.array([0.1]), quantities)

    a, b = run([one(0.0, 1.0, 1.0)]), run([one(10.0, 0.6, 1.7)])
    both = run([one(0.0, 1.0, 1.0), one(10.0, 0.6, 1.7)])
    assert set(both) == {"deposit"}
    np.testing.assert_allclose(both["deposit"], a["deposit"] + b["deposit"], rtol=1e-12)
    np.testing.assert_array_equal(b["deposit"][0, :2], 0.0)  # before its day
    assert np.all(a["deposit"][0, 1:].sum(axis=1) > 0)
    # Outside the dermis no collagen; a series with no depth or no days adds nothing.
    np.testing.assert_array_equal(a["deposit"][0][:, dermis == 0], 0.0)
    none = run(
        [
            one(0.0, 0.0, 1.0),
            Series(np.array([]), np.array([1.0]), np.array([0.3]), np.ones((1, 0)), 1.0),
        ]
    )
    np.testing.assert_array_equal(none["deposit"], 0.0)
    # A series that injures nothing does not stop the ones after it from counting.
    after = run([one(0.0, 0.0, 1.0), one(10.0, 0.6, 1.7)])
    np.testing.assert_allclose(after["deposit"], b["deposit"], rtol=1e-12)


def test_a_second_pass_the_same_day_is_blunted_too():
    """Sessions hours apart: the tissue reached by the first is still healing."""
    w = session_weights(np.array([0.0, 0.25, 0.5]), np.array([0.6]), np.array([14.0]))[0]
    assert w[0] == 1.0
    assert w[1] == pytest.approx(1 - 0.6 * math.exp(-0.25 / 14))
    assert w[2] == pytest.approx((1 - 0.6 * math.exp(-0.5 / 14)) * (1 - 0.6 * math.exp(-0.25 / 14)))
