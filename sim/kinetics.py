r"""The wound-healing cascade, solved exactly in time.

Equations (depth ``z`` in mm below the local surface, time ``t`` in days)
-------------------------------------------------------------------------
Each session ``k`` at day :math:`t_k` injures the skin along the needle
channels. Punctures fall at random places, so the model uses the expected
injury per unit volume (a homogenised cross-section):

.. math:: I(z) = g\,\phi\,P(z)\,m(z),\qquad
          \phi = \rho\,\pi (w/2)^2,\qquad
          P(z) = \tfrac12\,\mathrm{erfc}\!\left(\frac{z-d}{\sqrt2\,c\,d}\right)

with puncture density :math:`\rho` (per mm²), channel width :math:`w`,
effective depth :math:`d`, channel-depth spread :math:`c`, dermis share
:math:`m(z)` of each cell (the collagen-induction cascade starts with bleeding
in the dermis) and adjunct gain :math:`g` (PRP).

.. math::
    \partial_t S &= D\,\partial_z^2 S - k_S S + \sum_k I\,\delta(t-t_k)
        &&\text{growth-factor signal, no flux at both ends}\\
    \partial_t R &= k_S S - k_r R &&\text{recruited fibroblasts}\\
    \partial_t A &= k_r R - k_a A &&\text{collagen-producing fibroblasts}\\
    \partial_t N &= \alpha\,m\,A &&\text{cumulative new collagen (deposit)}

with :math:`D = k_S \ell^2`. Deposited collagen either fills a collagen
deficit :math:`\delta` (see :mod:`sim.model`) or is surplus :math:`s` above
the set point, remodelled away at rate :math:`\beta`:
:math:`\partial_t s = \alpha m A - \beta s`; surplus collagen III matures to I
at rate :math:`k_m`: :math:`\partial_t s_3 = \alpha m A - (\beta + k_m) s_3`.

Exact solution
--------------
Write :math:`L = k_S - D\partial_z^2`. For one session, each quantity
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
days after a session (checked against an explicit solver in the tests).
:math:`(L + p_j)^{-1} I` is computed exactly for the discrete operator with a
type-II DCT, which diagonalises the Neumann Laplacian. Sessions add linearly.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from scipy import fft
from scipy.special import erfc

from sim import constants as C


@dataclass(frozen=True)
class Kinetics:
    """Rate constants of the cascade (per day) and signal spread (mm).

    Defaults and sources: :mod:`sim.constants`.
    """

    signal_decay_per_day: float = C.SIGNAL_DECAY_PER_DAY.value
    signal_length_mm: float = C.SIGNAL_LENGTH_MM.value
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

    @property
    def diffusivity_mm2_per_day(self) -> float:
        """:math:`D = k_S \\ell^2`."""
        return self.signal_decay_per_day * self.signal_length_mm**2

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
        rates = self.decay_rates(quantity)
        poles = [-q for q in rates]
        scale = self.deposit_gain * self.signal_decay_per_day * self.recruit_per_day
        out = []
        for j, pj in enumerate(poles):
            denominator = np.prod([pj - pi for i, pi in enumerate(poles) if i != j])
            out.append(scale / denominator)
        return np.array(out)


QUANTITIES = ("deposit", "surplus", "surplus3")


@dataclass(frozen=True)
class Injury:
    """Expected injury of one kind of session.

    Parameters
    ----------
    effective_depth_mm : float
        Mean channel depth.
    punctures_per_cm2 : float
        Puncture density.
    gain : float
        Signal multiplier (1, or the PRP gain).
    """

    effective_depth_mm: float
    punctures_per_cm2: float
    gain: float = 1.0


def injury_profile(injury: Injury, z_mm: np.ndarray, dermis: np.ndarray) -> np.ndarray:
    """Expected injury per unit volume :math:`I(z) = g\\,\\phi\\,P(z)\\,m(z)`.

    Parameters
    ----------
    injury : Injury
    z_mm : ndarray
        Depth cell centres (mm).
    dermis : ndarray
        Dermis share of each cell.

    Returns
    -------
    ndarray
        Injury profile (dimensionless volume fraction of channels).
    """
    phi = injury.punctures_per_cm2 / 100.0 * np.pi * (C.CHANNEL_WIDTH_MM.value / 2) ** 2
    d = injury.effective_depth_mm
    reach = 0.5 * erfc((z_mm - d) / (np.sqrt(2.0) * C.PENETRATION_CV.value * d))
    return injury.gain * phi * reach * dermis


@lru_cache(maxsize=8)
def _laplacian_eigenvalues(nz: int, h_mm: float) -> np.ndarray:
    """Eigenvalues of :math:`-\\partial_z^2` (3-point, Neumann) in DCT-II order."""
    m = np.arange(nz)
    eig = (2.0 / h_mm * np.sin(np.pi * m / (2 * nz))) ** 2
    eig.setflags(write=False)
    return eig


def resolvents(
    source: np.ndarray, h_mm: float, kinetics: Kinetics, shifts: tuple[float, ...]
) -> dict[float, np.ndarray]:
    """Exact :math:`(L - q)^{-1} I` for every shift ``q`` in ``shifts``.

    :math:`L = k_S - D\\partial_z^2` with the standard 3-point Laplacian and
    zero-flux ends; the DCT-II diagonalises it, so the solve is exact to
    rounding. Every shift must be below :math:`k_S`.
    """
    eig = _laplacian_eigenvalues(source.size, h_mm)
    spectrum = fft.dct(source, type=2, norm="ortho")
    symbol = kinetics.signal_decay_per_day + kinetics.diffusivity_mm2_per_day * eig
    return {q: fft.idct(spectrum / (symbol - q), type=2, norm="ortho") for q in shifts}


def time_weights(
    times_days: np.ndarray, session_days: np.ndarray, rates: tuple[float, ...], k_s: float
) -> np.ndarray:
    """Sum over sessions of :math:`e^{-q\\tau} - e^{-k_S\\tau}` for each rate.

    Returns
    -------
    ndarray, shape (len(times_days), len(rates))
        Zero before the first session; :math:`\\tau = t - t_k \\ge 0`.
    """
    out = np.zeros((times_days.size, len(rates)))
    if session_days.size == 0:
        return out
    tau = times_days[:, None] - session_days[None, :]
    active = tau >= 0
    tau = np.where(active, tau, 0.0)
    fast = np.exp(-k_s * tau)
    for j, q in enumerate(rates):
        out[:, j] = np.where(active, np.exp(-q * tau) - fast, 0.0).sum(axis=1)
    return out


def cascade_profiles(
    injuries: list[tuple[Injury, np.ndarray]],
    times_days: np.ndarray,
    z_mm: np.ndarray,
    h_mm: float,
    dermis: np.ndarray,
    kinetics: Kinetics,
    quantities: tuple[str, ...] = QUANTITIES,
) -> dict[str, np.ndarray]:
    """Depth profiles of deposit, surplus and surplus collagen III over time.

    Parameters
    ----------
    injuries : list of (Injury, ndarray)
        Each kind of session with its days.
    times_days : ndarray
        Output times.
    z_mm, h_mm, dermis : ndarray, float, ndarray
        Depth grid, cell size and dermis share of each cell.
    kinetics : Kinetics
    quantities : tuple of str
        Which of ``"deposit"``, ``"surplus"``, ``"surplus3"`` to return.

    Returns
    -------
    dict of str to ndarray, shape (len(times_days), len(z_mm))
        New collagen as volume fraction of normal dermis, for a patient with
        response 1 (all quantities scale linearly with the response).
    """
    out = {q: np.zeros((times_days.size, z_mm.size)) for q in quantities}
    shifts = tuple(sorted({rate for q in quantities for rate in kinetics.decay_rates(q)}))
    for injury, days in injuries:
        if len(days) == 0 or injury.effective_depth_mm <= 0:
            continue
        fields = resolvents(injury_profile(injury, z_mm, dermis), h_mm, kinetics, shifts)
        for q in quantities:
            rates = kinetics.decay_rates(q)
            weights = time_weights(
                times_days, np.asarray(days, float), rates, kinetics.signal_decay_per_day
            ) * kinetics.residues(q)
            basis = np.stack([fields[rate] for rate in rates])
            out[q] += (weights @ basis) * dermis
    return out
