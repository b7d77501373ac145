r"""The wound-healing cascade, solved exactly in time for a batch of parameter samples.

Equations (depth ``z`` in mm below the local surface, time ``t`` in days)
-------------------------------------------------------------------------
Session ``k`` of a series (office sessions, or home rolls) at day :math:`t_k`
injures the dermis along needle channels of mean depth :math:`d`. Punctures
fall at random places (a Poisson process of density :math:`\rho` per mm²), and
each channel's wound response reaches about one spread length :math:`\ell`
around it, so the share of tissue a session reaches saturates with density (a
Boolean model):

.. math:: \kappa = 1 - e^{-\rho\pi \ell^2}.

Tissue still healing from an earlier session has few fibroblasts left to
recruit (a carrying capacity, as in Olsen, Sherratt & Maini 1995). The share
still healing at :math:`t_k` is :math:`O_k = 1 - \prod_{j<k}\bigl(1 - \kappa\,
e^{-(t_k - t_j)/T_h}\bigr)` with healing window :math:`T_h`, and session
:math:`k` adds a stimulus of weight :math:`w_k = 1 - O_k`. Its expected
injury per unit volume is

.. math:: I_k(z) = g\,\kappa\,w_k\,P(z)\,m(z),\qquad
          P(z) = \tfrac12\,\mathrm{erfc}\!\left(\frac{z-d}{\sqrt2\,c\,d}\right)

with channel-depth spread :math:`c`, dermis share :math:`m(z)` of each cell
(the collagen-induction cascade starts with bleeding in the dermis) and
adjunct gain :math:`g` (PRP). Then

.. math::
    \partial_t S &= D\,\partial_z^2 S - k_S S + \sum_k I_k\,\delta(t-t_k)
        &&\text{growth-factor signal, no flux at both ends}\\
    \partial_t R &= k_S S - k_r R &&\text{recruited fibroblasts}\\
    \partial_t A &= k_r R - k_a A &&\text{collagen-producing fibroblasts}\\
    \partial_t N &= \alpha\,m\,A &&\text{cumulative new collagen (deposit)}

with :math:`D = k_S \ell^2` (:math:`\ell`: spread length in depth). Surplus
collagen :math:`s` above the set point is remodelled away at rate
:math:`\beta`, :math:`\partial_t s = \alpha m A - \beta s`, and its young part
(collagen III) matures to I at rate :math:`k_m`:
:math:`\partial_t s_3 = \alpha m A - (\beta + k_m) s_3`.

Exact solution
--------------
Write :math:`L = k_S - D\partial_z^2`. For one session each quantity
:math:`Q \in \{N, s, s_3\}` has the Laplace transform
:math:`\hat Q(p) = \alpha k_S k_r\,(p+L)^{-1}(p+k_r)^{-1}(p+k_a)^{-1}(p+\omega)^{-1} I`
with :math:`\omega = 0, \beta, \beta+k_m`. Partial fractions over the scalar
poles :math:`p_j \in \{-k_r, -k_a, -\omega\}` give

.. math:: Q(\tau) = \sum_j r_j\,\bigl(e^{p_j\tau} - e^{-k_S\tau}\bigr)\,
          (L + p_j)^{-1} I,\qquad
          r_j = \frac{\alpha k_S k_r}{\prod_{i\ne j}(p_j - p_i)}.

The :math:`e^{-k_S\tau}` term replaces the operator pole's
:math:`e^{-L\tau}`; it is exact for the depth-uniform mode, keeps
:math:`Q(0)=0` exactly, and differs from the exact term only in the first
days after a session (checked against an independent explicit solver in the
tests). :math:`(L + p_j)^{-1} I` is computed exactly for the discrete operator
with a type-II DCT, which diagonalises the Neumann Laplacian. Sessions add
linearly once their weights :math:`w_k` are known.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from scipy import fft
from scipy.special import erfc

from sim import constants as C


@dataclass(frozen=True)
class Kinetics:
    """Calibrated rate constants of the cascade (per day).

    Defaults and sources: :mod:`sim.constants`. The uncertain spread length
    lives in :class:`sim.uncertainty.ModelParams`.
    """

    signal_decay_per_day: float = C.SIGNAL_DECAY_PER_DAY.value
    recruit_per_day: float = 1.0 / C.RECRUIT_DAYS.value
    active_per_day: float = 1.0 / C.ACTIVE_DAYS.value
    deposit_gain: float = C.DEPOSIT_GAIN.value
    maturation_per_day: float = 1.0 / C.MATURATION_DAYS.value
    surplus_per_day: float = 1.0 / C.SURPLUS_DAYS.value

    def __post_init__(self) -> None:
        rates = {
            "recruit_per_day": self.recruit_per_day,
            "active_per_day": self.active_per_day,
            "surplus_per_day": self.surplus_per_day,
            "surplus + maturation": self.surplus_per_day + self.maturation_per_day,
        }
        for name, value in vars(self).items():
            if not (np.isfinite(value) and value > 0):
                raise ValueError(f"Kinetics.{name} must be a positive number, got {value!r}")
        values = list(rates.values())
        for i, a in enumerate(values):
            for b in values[i + 1 :]:
                if abs(a - b) <= 1e-9 * max(a, b):
                    raise ValueError(
                        "Kinetics: the decay rates (1/day) must all differ for the "
                        f"partial-fraction solution; rates: {rates}"
                    )
        if max(values) >= self.signal_decay_per_day:
            raise ValueError(
                f"Kinetics: every decay rate must be below signal_decay_per_day "
                f"({self.signal_decay_per_day:g}/day); rates (1/day): {rates}"
            )

    def decay_rates(self, quantity: str) -> tuple[float, float, float]:
        """Scalar decay rates :math:`(k_r, k_a, \\omega)` of ``quantity``
        (``"deposit"``, ``"surplus"`` or ``"surplus3"``)."""
        omega = {
            "deposit": 0.0,
            "surplus": self.surplus_per_day,
            "surplus3": self.surplus_per_day + self.maturation_per_day,
        }[quantity]
        return (self.recruit_per_day, self.active_per_day, omega)

    def residues(self, quantity: str) -> np.ndarray:
        """Partial-fraction weights :math:`r_j` for the poles
        :math:`-k_r, -k_a, -\\omega`."""
        poles = [-q for q in self.decay_rates(quantity)]
        scale = self.deposit_gain * self.signal_decay_per_day * self.recruit_per_day
        out = []
        for j, pj in enumerate(poles):
            denominator = math.prod(pj - pi for i, pi in enumerate(poles) if i != j)
            out.append(scale / denominator)
        return np.array(out)


QUANTITIES = ("deposit", "surplus", "surplus3")


def coverage(punctures_per_cm2: float, radius_mm: np.ndarray) -> np.ndarray:
    """Share of tissue within ``radius_mm`` of a channel, :math:`1 - e^{-\\rho\\pi a^2}`.

    ``punctures_per_cm2`` is converted to per mm² (divided by 100).

    Examples
    --------
    Doubling the density gives less than double the reach:

    >>> a = coverage(250.0, np.array([0.3]))
    >>> b = coverage(500.0, np.array([0.3]))
    >>> bool(a[0] < b[0] < 2 * a[0])
    True
    """
    return -np.expm1(-punctures_per_cm2 / 100.0 * np.pi * np.asarray(radius_mm) ** 2)


def session_weights(days: np.ndarray, reach: np.ndarray, window_days: np.ndarray) -> np.ndarray:
    """Weights :math:`w_k = \\prod_{j<k}(1 - \\kappa e^{-(t_k-t_j)/T_h})` of each session.

    Parameters
    ----------
    days : ndarray, shape (K,)
        Session days, increasing.
    reach : ndarray, shape (S,)
        Share :math:`\\kappa` of tissue each session reaches.
    window_days : ndarray, shape (S,)
        Healing window :math:`T_h`.

    Returns
    -------
    ndarray, shape (S, K)
        1 for the first session; less for a session that falls while earlier
        ones are still healing.
    """
    days = np.asarray(days, float)
    gap = days[:, None] - days[None, :]  # (K, K): t_k - t_j
    earlier = gap > 0
    decay = np.exp(-np.where(earlier, gap, 0.0)[None] / np.asarray(window_days)[:, None, None])
    still = np.where(earlier[None], np.asarray(reach)[:, None, None] * decay, 0.0)
    return np.prod(1.0 - still, axis=2)


@dataclass(frozen=True)
class Series:
    """One kind of session (office sessions or home rolls) for S samples.

    Parameters
    ----------
    days : ndarray, shape (K,)
        Session days.
    depth_mm : ndarray, shape (S,)
        Mean channel depth reached.
    reach : ndarray, shape (S,)
        Share of tissue each session reaches, :math:`\\kappa`.
    weights : ndarray, shape (S, K)
        Healing-window weights :math:`w_k`.
    gain : float or ndarray, shape (S,)
        Signal multiplier (1, or the PRP gain).
    """

    days: np.ndarray
    depth_mm: np.ndarray
    reach: np.ndarray
    weights: np.ndarray
    gain: float | np.ndarray = 1.0


def reach_profile(depth_mm: np.ndarray, z_mm: np.ndarray, dermis: np.ndarray) -> np.ndarray:
    """:math:`P(z)\\,m(z)`: share of channels reaching each dermal cell, shape (S, nz).

    A depth of 0 gives no injury.
    """
    d = np.asarray(depth_mm, float)[:, None]
    safe = np.where(d > 0, d, 1.0)
    reach = 0.5 * erfc((z_mm[None, :] - safe) / (np.sqrt(2.0) * C.PENETRATION_CV.value * safe))
    return np.where(d > 0, reach, 0.0) * dermis[None, :]


@lru_cache(maxsize=8)
def _laplacian_eigenvalues(nz: int, h_mm: float) -> np.ndarray:
    """Eigenvalues of :math:`-\\partial_z^2` (3-point, Neumann) in DCT-II order."""
    m = np.arange(nz)
    eig = (2.0 / h_mm * np.sin(np.pi * m / (2 * nz))) ** 2
    eig.setflags(write=False)
    return eig


def resolvents(
    source: np.ndarray,
    h_mm: float,
    signal_decay_per_day: float,
    diffusivity_mm2_per_day: np.ndarray,
    shifts: tuple[float, ...],
) -> dict[float, np.ndarray]:
    """Exact :math:`(L - q)^{-1} I` for every shift ``q`` in ``shifts``.

    :math:`L = k_S - D\\partial_z^2` with the standard 3-point Laplacian and
    zero-flux ends; the DCT-II diagonalises it, so the solve is exact to
    rounding. ``source`` has shape (S, nz) and ``diffusivity_mm2_per_day``
    shape (S,). Every shift must be below :math:`k_S`.
    """
    eig = _laplacian_eigenvalues(source.shape[-1], h_mm)
    spectrum = fft.dct(source, type=2, norm="ortho", axis=-1)
    symbol = signal_decay_per_day + np.asarray(diffusivity_mm2_per_day)[:, None] * eig[None, :]
    return {q: fft.idct(spectrum / (symbol - q), type=2, norm="ortho", axis=-1) for q in shifts}


@lru_cache(maxsize=8)
def _dct_matrix(nz: int) -> np.ndarray:
    """Orthonormal DCT-II matrix :math:`M`: ``dct(v, type=2, norm="ortho") == v @ M``
    and, :math:`M` being orthogonal, the inverse transform is ``c @ M.T``."""
    matrix = fft.dct(np.eye(nz), type=2, norm="ortho", axis=-1)
    matrix.setflags(write=False)
    return matrix


def resolvents_at(
    source: np.ndarray,
    h_mm: float,
    signal_decay_per_day: float,
    diffusivity_mm2_per_day: np.ndarray,
    shifts: tuple[float, ...],
    at: np.ndarray,
) -> dict[float, np.ndarray]:
    """:func:`resolvents` at the depth indices ``at`` only, shape (S, len(at)) each.

    The same exact solve, with the transforms written as products with the
    orthonormal DCT-II matrix: for a grid of ~100 cells and a few rows per
    call this is several times quicker than ``scipy.fft`` (whose per-call cost
    dominates), and only the needed depths are transformed back. Equal to
    :func:`resolvents` to rounding (tested).
    """
    matrix = _dct_matrix(source.shape[-1])
    eig = _laplacian_eigenvalues(source.shape[-1], h_mm)
    spectrum = source @ matrix
    symbol = signal_decay_per_day + np.asarray(diffusivity_mm2_per_day)[:, None] * eig[None, :]
    back = matrix.T[:, at]
    return {q: (spectrum / (symbol - q)) @ back for q in shifts}


def time_weights(
    times_days: np.ndarray,
    session_days: np.ndarray,
    weights: np.ndarray,
    rates: tuple[float, ...],
    k_s: float,
) -> np.ndarray:
    """:math:`\\sum_k w_k (e^{-q\\tau_k} - e^{-k_S\\tau_k})` for each rate ``q``.

    Returns
    -------
    ndarray, shape (S, len(times_days), len(rates))
        Zero before the first session; :math:`\\tau_k = t - t_k \\ge 0`.
    """
    weights = np.atleast_2d(weights)
    out = np.zeros((weights.shape[0], times_days.size, len(rates)))
    if session_days.size == 0:
        return out
    tau = times_days[:, None] - session_days[None, :]
    active = tau >= 0
    tau = np.where(active, tau, 0.0)
    fast = np.exp(-k_s * tau)
    for j, q in enumerate(rates):
        kernel = np.where(active, np.exp(-q * tau) - fast, 0.0)  # (n_t, K)
        out[:, :, j] = weights @ kernel.T
    return out


def cascade_profiles(
    series: list[Series],
    times_days: np.ndarray,
    z_mm: np.ndarray,
    h_mm: float,
    dermis: np.ndarray,
    kinetics: Kinetics,
    signal_length_mm: np.ndarray,
    quantities: tuple[str, ...] = QUANTITIES,
) -> dict[str, np.ndarray]:
    """Depth profiles of deposit, surplus and surplus collagen III over time.

    Parameters
    ----------
    series : list of Series
        Each kind of session, for S samples.
    times_days : ndarray
        Output times.
    z_mm, h_mm, dermis : ndarray, float, ndarray
        Depth grid, cell size and dermis share of each cell.
    kinetics : Kinetics
    signal_length_mm : ndarray, shape (S,)
        Spread length :math:`\\ell` of the signal.
    quantities : tuple of str
        Which of ``"deposit"``, ``"surplus"``, ``"surplus3"`` to return.

    Returns
    -------
    dict of str to ndarray, shape (S, len(times_days), len(z_mm))
        New collagen as volume fraction of normal dermis, for a patient with
        response 1 (all quantities scale linearly with the response).
    """
    n_s = np.asarray(signal_length_mm).size
    out = {q: np.zeros((n_s, times_days.size, z_mm.size)) for q in quantities}
    shifts = tuple(sorted({rate for q in quantities for rate in kinetics.decay_rates(q)}))
    k_s = kinetics.signal_decay_per_day
    diffusivity = k_s * np.asarray(signal_length_mm, float) ** 2
    for s in series:
        if len(s.days) == 0 or not np.any(s.depth_mm > 0):
            continue
        source = (s.gain * s.reach)[:, None] * reach_profile(s.depth_mm, z_mm, dermis)
        fields = resolvents(source, h_mm, k_s, diffusivity, shifts)
        days = np.asarray(s.days, float)
        for q in quantities:
            rates = kinetics.decay_rates(q)
            weights = time_weights(times_days, days, s.weights, rates, k_s) * kinetics.residues(q)
            basis = np.stack([fields[rate] for rate in rates], axis=1)  # (S, 3, nz)
            out[q] += np.einsum("stj,sjz->stz", weights, basis) * dermis
    return out
