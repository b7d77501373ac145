r"""What nobody measured: the model's uncertain parameters and how they are sampled.

Each :class:`Uncertain` parameter has a central value (used for the median
curve), a plausible range with its source (or the words "modelling choice"),
and is sampled uniformly over that range. The typical range shown to users
combines patient-to-patient response **and** this parameter uncertainty: a
scrambled Sobol' sequence (:class:`scipy.stats.qmc.Sobol`, seeded by the
scenario's cohort seed) draws points in the unit cube of

.. math:: (u_1, \dots, u_m, u_r),

maps :math:`u_i` to each uncertain parameter and :math:`u_r` to the patient's
response rate :math:`r = \exp(\sigma\,\Phi^{-1}(u_r))`, where the response
spread :math:`\sigma` is itself one of the uncertain parameters. The band is
the 10th-90th percentile of the outcome over these points.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from functools import lru_cache

import numpy as np
from scipy.special import ndtri
from scipy.stats import qmc

from sim.scars import SCARS
from sim.text import N_

BAND_SAMPLES = 128
"""Sobol' points behind a typical range (a power of two keeps the sequence
balanced). Modelling choice: the 10th/90th percentiles move by < 2.5 percentage
points between 128 and 1024 points (tests), at ~25 ms for the default scenario."""


@dataclass(frozen=True)
class Uncertain:
    """A parameter no study pins to one number.

    Parameters
    ----------
    name : str
        Field of :class:`ModelParams` (carries its unit).
    label : str
        Plain words (marked with ``N_``: the app shows them translated).
    unit : str
        Unit of the value.
    central : float
        Value used for the median curve.
    low, high : float
        Plausible range, sampled uniformly.
    source : str
        Where the range comes from, or "modelling choice".
    """

    name: str
    label: str
    unit: str
    central: float
    low: float
    high: float
    source: str

    def __post_init__(self) -> None:
        if not (self.low <= self.central <= self.high and self.low < self.high):
            raise ValueError(
                f"{self.name}: need low <= central <= high, got "
                f"{self.low} / {self.central} / {self.high} {self.unit}"
            )

    def at(self, u: np.ndarray) -> np.ndarray:
        """Value at unit-cube coordinate ``u`` (uniform over ``[low, high]``)."""
        return self.low + (self.high - self.low) * u


ICE_PICK_TETHER_LOW, ICE_PICK_TETHER_HIGH = 0.898, 0.960
ROLLING_TETHER_LOW, ROLLING_TETHER_HIGH = 0.460, 0.604
"""Tethered shares giving Garg's ratios at the ends of their calibration tolerance
(ice pick / boxcar 0.18 and 0.08, rolling / boxcar 0.88 and 0.70), found by bisection
with :func:`sim.scars.scar_geometry` (``tests/sim/test_uncertainty.py`` re-checks them)."""
TETHERED: dict[str, str] = {"ice_pick": "ice_pick_tether", "rolling": "rolling_tether"}
"""Scar preset → the uncertain parameter that is its tethered share."""

UNCERTAIN: tuple[Uncertain, ...] = (
    Uncertain(
        "pen_penetration",
        N_("Depth reached by a pen, share of the needle length"),
        "",
        0.9,
        0.75,
        1.0,
        "Human skin histology after pen needling: channels 'closely approximated' the "
        "0.5 and 1.5 mm settings (Sasaki, Aesthet Surg J Open Forum 2019, ojz017); "
        "injury seen down to ~1.5 mm with 1.5 mm motor-driven needles (Skin Res "
        "Technol 2019;25:482). The lower end is a modelling choice for softer skin and "
        "the ±0.15 mm tolerance of a cleared pen (FDA 510(k) K182407).",
    ),
    Uncertain(
        "roller_penetration",
        N_("Depth reached by a roller, share of the needle length"),
        "",
        0.35,
        0.2,
        0.6,
        "Lower end: a 770 µm roller made 152.5 µm channels in hairless RAT skin "
        "(≈20 %, Kalluri, Kolli & Banga, AAPS J 2011;13:473), a lower bound for human "
        "skin. No human roller figure was found; the upper end and the central value "
        "are modelling choices (rollers enter at an angle and are pressed by hand, "
        "unlike pens).",
    ),
    Uncertain(
        "signal_length_mm",
        N_("Reach of the wound response around a channel (spread length)"),
        "mm",
        0.15,
        0.08,
        0.4,
        "Modelling choice: no measured reach of the wound response around a microneedle "
        "channel was found. The same length sets the signal's spread in depth and the "
        "radius each channel reaches, so the treated share saturates with puncture "
        "density (fibroblast carrying capacity: Olsen, Sherratt & Maini, J Theor Biol "
        "1995;177:113). Upper bound: free diffusion of large dextrans in human dermis, "
        "1-20 µm²/s (Wei et al., Sci Rep 2018;8:17759), with TGF-β's 35 % left at 24 h "
        "(Zioncheck 1994) would give 0.3-1.3 mm; growth factors bind to the matrix and "
        "diffuse less, so the range stops at 0.4 mm.",
    ),
    Uncertain(
        "healing_window_days",
        N_("How long a needled area keeps healing"),
        N_("days"),
        28.0,
        14.0,
        56.0,
        "Modelling choice inside the healing phases: inflammation days 1-5, "
        "proliferation from ~day 5 for weeks (~8 weeks per one maker). Re-needling "
        "an area still in this window recruits fewer new fibroblasts (carrying "
        "capacity, Olsen 1995).",
    ),
    Uncertain(
        "ice_pick_tether",
        N_("Share of an ice-pick scar held down by fibrous bands (cannot fill)"),
        "",
        SCARS["ice_pick"].tether_fraction,
        ICE_PICK_TETHER_LOW,
        ICE_PICK_TETHER_HIGH,
        "Central value calibrated to Garg & Chaudhary (n=51, roller): 6 % fewer ice-pick "
        "scars against 47 % fewer boxcar scars, a ratio of 0.128. The range gives the "
        "ratios 0.18 and 0.08, the tolerance of that calibration (modelling choice: the "
        "study gives no counts from which to compute a confidence interval, and counts "
        "of scars are not volumes).",
    ),
    Uncertain(
        "rolling_tether",
        N_("Share of a rolling scar held down by fibrous bands (cannot fill)"),
        "",
        SCARS["rolling"].tether_fraction,
        ROLLING_TETHER_LOW,
        ROLLING_TETHER_HIGH,
        "Central value calibrated to Garg & Chaudhary (n=51, roller): 37 % fewer rolling "
        "scars against 47 % fewer boxcar scars, a ratio of 0.787. The range gives the "
        "ratios 0.88 and 0.70, the tolerance of that calibration (modelling choice, as "
        "for the ice pick).",
    ),
    Uncertain(
        "response_spread",
        N_("Spread of response between patients (log scale)"),
        "",
        0.3,
        0.15,
        0.42,
        "Upper end: final scores 6.5 ± 2.71 (CV 0.42) after 5 sessions (Dogra 2014), "
        "an upper bound because that spread includes the spread of baseline scores. "
        "The rest of the range is a modelling choice.",
    ),
)
SPECS: dict[str, Uncertain] = {u.name: u for u in UNCERTAIN}


@dataclass(frozen=True)
class ModelParams:
    """One value for each uncertain parameter (defaults: the central values).

    Units are in the names; see :data:`UNCERTAIN` for ranges and sources.
    """

    pen_penetration: float = SPECS["pen_penetration"].central
    roller_penetration: float = SPECS["roller_penetration"].central
    signal_length_mm: float = SPECS["signal_length_mm"].central
    healing_window_days: float = SPECS["healing_window_days"].central
    ice_pick_tether: float = SPECS["ice_pick_tether"].central
    rolling_tether: float = SPECS["rolling_tether"].central
    response_spread: float = SPECS["response_spread"].central

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if not (isinstance(value, (int, float)) and np.isfinite(value) and value > 0):
                spec = SPECS[f.name]
                raise ValueError(
                    f"{f.name} ({spec.label}) = {value!r} {spec.unit} is not allowed: "
                    "it must be a positive finite number"
                )
        for name in ("pen_penetration", "roller_penetration"):
            if getattr(self, name) > 1.0:
                raise ValueError(f"{name} = {getattr(self, name)!r} is not allowed: at most 1")
        for name in TETHERED.values():
            if getattr(self, name) >= 1.0:
                raise ValueError(
                    f"{name} ({SPECS[name].label}) = {getattr(self, name)!r} is not allowed: "
                    "it must be below 1 (a scar held down entirely could not fill at all)"
                )

    def with_changes(self, **changes: float) -> ModelParams:
        """A validated copy with some values changed."""
        return replace(self, **changes)


CENTRAL = ModelParams()


def deficit_scale(scar: str, values: dict[str, np.ndarray]) -> np.ndarray:
    r"""Factor on a scar's collagen deficit for each sample of ``values``, shape (n,).

    A depressed scar's depression is split into a tethered share :math:`\tau`
    and a collagen deficit :math:`(1-\tau)\,d_0` spread over its tract
    (:func:`sim.scars.scar_geometry`, built with the preset's :math:`\tau_0`).
    For a scar with an uncertain tether (:data:`TETHERED`) a sample's deficit is
    the preset's times

    .. math:: c = \frac{1 - \tau}{1 - \tau_0},

    exactly the geometry of a preset with tether :math:`\tau`, as long as no
    column's deficit reaches :data:`sim.scars.MAX_DEFICIT` (then the model caps
    each cell at it; no preset comes near: the tests check). Other scars: 1.

    Examples
    --------
    >>> float(deficit_scale("ice_pick", {"ice_pick_tether": np.array([0.932])})[0])
    1.0
    >>> deficit_scale("boxcar_shallow", {"pen_penetration": np.array([0.8, 0.9])}).tolist()
    [1.0, 1.0]
    """
    name = TETHERED.get(scar)
    size = next(iter(values.values())).size
    if name is None:
        return np.ones(size)
    return (1.0 - values[name]) / (1.0 - SCARS[scar].tether_fraction)


@dataclass(frozen=True)
class Samples:
    """Joint samples of the uncertain parameters and the patient response.

    Attributes
    ----------
    values : dict of str to ndarray, shape (n,)
        One array per :class:`ModelParams` field.
    response : ndarray, shape (n,)
        Patient response rate :math:`r` (median 1).
    """

    values: dict[str, np.ndarray]
    response: np.ndarray

    @property
    def size(self) -> int:
        """Number of samples."""
        return self.response.size


@lru_cache(maxsize=32)
def band_samples(seed: int, n: int = BAND_SAMPLES) -> Samples:
    """Scrambled Sobol' samples (seeded) over :data:`UNCERTAIN` and the response.

    Examples
    --------
    >>> s = band_samples(1)
    >>> s.size, bool(s.response.min() > 0)
    (128, True)
    """
    cube = qmc.Sobol(d=len(UNCERTAIN) + 1, scramble=True, seed=seed).random(n)
    values = {u.name: u.at(cube[:, i]) for i, u in enumerate(UNCERTAIN)}
    # Keep the normal quantile finite at the cube's edges.
    z = ndtri(np.clip(cube[:, -1], 1e-9, 1 - 1e-9))
    response = np.exp(values["response_spread"] * z)
    for array in (*values.values(), response):
        array.setflags(write=False)
    return Samples(values, response)


def params_samples(params: ModelParams) -> Samples:
    """``params`` as one sample with median response (r = 1)."""
    return Samples(
        {f.name: np.array([float(getattr(params, f.name))]) for f in fields(params)},
        np.array([1.0]),
    )
