r"""Global sensitivity analysis: which unknowns drive a scenario's outcome.

Method
------
Variance-based (Sobol') sensitivity analysis of the filled share of the scar's
depression at the end of follow-up (``improvement_pct``), computed with SALib:

* **Saltelli sampling** (:func:`SALib.sample.sobol.sample`, scrambled Sobol'
  sequence, seeded, no second-order indices): :math:`N (D + 2)` points in the
  :math:`D` factors of :data:`FACTORS`, each uniform over its range;
* **Sobol' indices** (:func:`SALib.analyze.sobol.analyze`): the first-order
  index :math:`S_1 = V[E(Y \mid X_i)] / V(Y)` (share of the outcome's variance
  due to the factor alone) and the total index
  :math:`S_T = E[V(Y \mid X_{\sim i})] / V(Y)` (alone plus all its
  interactions), with 95 % bootstrap confidence intervals (half-widths,
  100 resamples).

:math:`S_T \approx 0` means the factor could be fixed anywhere in its range
without changing the outcome; :math:`S_T - S_1` is its share through
interactions. Estimates of a few hundredths around 0 (even negative) are
sampling noise.

Factors
-------
* every uncertain parameter of :data:`sim.uncertainty.UNCERTAIN`, uniform over
  its plausible range;
* the **patient's response**, as its log-scale quantile
  :math:`z \in [-1.645, 1.645]` (the 5th-95th percentile patient of a standard
  normal, sampled uniformly), applied as :math:`r = \exp(\sigma z)` with the
  sampled response spread :math:`\sigma`, exactly as the typical range of
  :mod:`sim.model` applies it;
* the **skin**: ``epidermis_mm`` and ``dermis_mm`` uniform over the registry
  values a user can choose (their ranges in steps of the slider step, each
  value equally likely), because the grid and the scar's geometry depend on
  them.

Every other scenario field is that of the scenario analysed. The outcome is
evaluated by the model's own vectorised internals (:func:`sim.model._run`,
one call for all samples sharing a skin, on the time grid of the model's
typical range), so one sample with central values, :math:`z = 0` and the
scenario's skin gives the improvement of :func:`sim.model.simulate_many` to
within 0.01 percentage points.

SALib is imported only by :func:`sobol_analysis`; the precomputed results in
``sim/data/sensitivity.json`` (written by ``scripts/make_sensitivity.py``) are
read by :func:`load_results` without it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from importlib import resources
from typing import Any, Literal

import numpy as np

from sim import constants as C
from sim import metrics
from sim import model as M
from sim.kinetics import Kinetics
from sim.registry import SPECS as REGISTRY_SPECS
from sim.scenario import Scenario
from sim.text import N_
from sim.uncertainty import CENTRAL, UNCERTAIN, ModelParams, Samples

RESPONSE_Z = 1.6448536269514722
"""Standard normal quantile of the 95th percentile: the response factor spans
the 5th-95th percentile patient."""

SKIN_FIELDS = ("epidermis_mm", "dermis_mm")
DATA_FILE = "data/sensitivity.json"
"""Precomputed results, relative to the :mod:`sim` package."""

REPORTED: dict[str, Scenario] = {
    "office_pen": Scenario(),
    "medical_roller": Scenario(device="medical_roller"),
    "rolling_scar": Scenario(scar="rolling"),
}
"""Scenarios of the precomputed analysis (``scripts/make_sensitivity.py``, shown on
Model and evidence): the default office pen, the same course with a medical roller
(whose penetration is uncertain) and a rolling scar (whose tethered share is)."""


@dataclass(frozen=True)
class Factor:
    """One input varied by the sensitivity analysis.

    Parameters
    ----------
    name : str
        Field of :class:`~sim.uncertainty.ModelParams` or
        :class:`~sim.scenario.Scenario`, or ``"patient_response"``.
    label, unit : str
        Plain words and unit.
    low, high : float
        Range sampled (uniform).
    kind : {"parameter", "response", "skin"}
        Uncertain model parameter, patient response, or skin (a scenario field).
    step : float or None
        Skin factors only: values are the registry's slider steps in the range.
    """

    name: str
    label: str
    unit: str
    low: float
    high: float
    kind: Literal["parameter", "response", "skin"]
    step: float | None = None

    @property
    def levels(self) -> int:
        """Number of distinct values of a skin factor."""
        assert self.step is not None
        return round((self.high - self.low) / self.step) + 1


def _skin_factor(name: str) -> Factor:
    spec = REGISTRY_SPECS[name]
    assert spec.min is not None and spec.max is not None and spec.step is not None
    return Factor(name, spec.label, spec.unit, spec.min, spec.max, "skin", spec.step)


FACTORS: tuple[Factor, ...] = (
    *(Factor(u.name, u.label, u.unit, u.low, u.high, "parameter") for u in UNCERTAIN),
    Factor(
        "patient_response",
        N_("Patient's response (5th to 95th percentile patient)"),
        "z",
        -RESPONSE_Z,
        RESPONSE_Z,
        "response",
    ),
    *(_skin_factor(name) for name in SKIN_FIELDS),
)
"""Factors in the column order of every sample matrix."""

_COLUMN = {f.name: i for i, f in enumerate(FACTORS)}


def problem() -> dict[str, Any]:
    """SALib problem definition of :data:`FACTORS`.

    Examples
    --------
    >>> p = problem()
    >>> p["num_vars"] == len(FACTORS), p["names"][-2:]
    (True, ['epidermis_mm', 'dermis_mm'])
    """
    return {
        "num_vars": len(FACTORS),
        "names": [f.name for f in FACTORS],
        "bounds": [[f.low, f.high] for f in FACTORS],
    }


def skin_values(X: np.ndarray) -> np.ndarray:
    """Epidermis and dermis thickness (mm) of each row of ``X``, shape (n, 2).

    A skin column is split into ``levels`` equal intervals, one per registry
    value, so every value a user can choose is equally likely.
    """
    X = _check_matrix(X)
    out = np.empty((X.shape[0], len(SKIN_FIELDS)))
    for j, name in enumerate(SKIN_FIELDS):
        f = FACTORS[_COLUMN[name]]
        assert f.step is not None
        u = (X[:, _COLUMN[name]] - f.low) / (f.high - f.low)
        index = np.clip(np.floor(u * f.levels), 0, f.levels - 1)
        out[:, j] = np.round(f.low + index * f.step, 9)
    return out


def samples_from_matrix(X: np.ndarray) -> Samples:
    """Uncertain parameters and patient response of each row of ``X``.

    Parameters
    ----------
    X : ndarray, shape (n, len(FACTORS))
        Sample matrix in the column order of :data:`FACTORS` (e.g. SALib's).

    Returns
    -------
    Samples
        ``values`` from the parameter columns; ``response``
        :math:`r = \\exp(\\sigma z)` with :math:`\\sigma` the sampled
        ``response_spread`` and :math:`z` the ``patient_response`` column.
    """
    X = _check_matrix(X)
    values = {u.name: X[:, _COLUMN[u.name]].copy() for u in UNCERTAIN}
    response = np.exp(values["response_spread"] * X[:, _COLUMN["patient_response"]])
    return Samples(values, response)


def factor_row(scenario: Scenario, params: ModelParams = CENTRAL, z: float = 0.0) -> np.ndarray:
    """One row of a sample matrix: ``params``, response quantile ``z`` and the
    skin of ``scenario`` (which must lie on the registry's steps).

    Examples
    --------
    >>> row = factor_row(Scenario())
    >>> float(row[_COLUMN["patient_response"]]), skin_values(row[None]).tolist()
    (0.0, [[0.06, 1.5]])
    """
    row = np.empty(len(FACTORS))
    for f in FACTORS:
        if f.kind == "parameter":
            row[_COLUMN[f.name]] = getattr(params, f.name)
        elif f.kind == "response":
            row[_COLUMN[f.name]] = z
        else:
            row[_COLUMN[f.name]] = getattr(scenario, f.name)
    return row


def improvement(
    scenario: Scenario,
    X: np.ndarray,
    *,
    h_mm: float = C.GRID_MM.value,
    kinetics: Kinetics = M.DEFAULT_KINETICS,
    chunk: int = 128,
) -> np.ndarray:
    """Improvement (%) at the end of follow-up for every row of ``X``.

    Rows are grouped by skin (:func:`skin_values`); each group is one call of
    the model's vectorised cascade (:func:`sim.model._run`), in chunks of at
    most ``chunk`` samples to bound memory. Like the model's typical range, it
    runs on the about weekly frame times of :func:`sim.model.time_grid`
    (within 0.01 percentage points of the full time grid of
    :func:`sim.model.simulate_many`, about 4 times faster).

    Parameters
    ----------
    scenario : Scenario
        Everything but the skin is taken from it.
    X : ndarray, shape (n, len(FACTORS))
        Sample matrix (column order of :data:`FACTORS`).
    h_mm, kinetics
        As in :func:`sim.model.simulate`.
    chunk : int
        Largest number of samples per model call.

    Returns
    -------
    ndarray, shape (n,)
    """
    X = _check_matrix(X)
    samples = samples_from_matrix(X)
    times, frames = M.time_grid(scenario)
    times = times[frames]
    skins, group = np.unique(skin_values(X), axis=0, return_inverse=True)
    group = group.ravel()
    out = np.empty(X.shape[0])
    for k, (epidermis, dermis) in enumerate(skins):
        local = scenario.with_changes(epidermis_mm=float(epidermis), dermis_mm=float(dermis))
        setup = M._setup(local, h_mm)
        surface0, h = setup.geometry.surface0_mm, setup.grid.h_mm
        rows = np.flatnonzero(group == k)
        for start in range(0, rows.size, chunk):
            part = rows[start : start + chunk]
            sub = Samples({n: v[part] for n, v in samples.values.items()}, samples.response[part])
            _, collagen = M._run(local, setup, sub, times, kinetics, young=False)
            last = M._surfaces(setup.geometry, setup.deficit, collagen.excess[:, -1:], h)
            out[part] = metrics.improvement_pct(last, surface0, h)[:, -1]
    return out


@dataclass(frozen=True)
class SobolResult:
    """Output of :func:`sobol_analysis`.

    Attributes
    ----------
    indices : list of dict
        One dict per factor of :data:`FACTORS`, in that order: ``name``,
        ``label``, ``unit``, ``kind``, ``low``, ``high``, ``S1``, ``S1_conf``,
        ``ST``, ``ST_conf`` (confidence values are half-widths of the interval).
    X : ndarray, shape (n (D + 2), D)
        Saltelli sample matrix.
    Y : ndarray, shape (n (D + 2),)
        Improvement (%) of each sample.
    """

    indices: list[dict[str, Any]]
    X: np.ndarray = field(repr=False)
    Y: np.ndarray = field(repr=False)


def sobol_analysis(
    scenario: Scenario,
    n: int = 256,
    seed: int = 0,
    *,
    num_resamples: int = 100,
    conf_level: float = 0.95,
) -> SobolResult:
    """Sobol' first-order and total indices of ``improvement_pct`` for ``scenario``.

    Parameters
    ----------
    scenario : Scenario
        A depressed scar (a raised scar's improvement is always 0).
    n : int
        Base sample size, a power of 2 (at least 4); the model is evaluated
        ``n * (len(FACTORS) + 2)`` times.
    seed : int
        Seeds the scrambled Sobol' sequence and the bootstrap: the same seed
        gives identical results.
    num_resamples, conf_level
        Bootstrap resamples and level of the confidence intervals.

    Returns
    -------
    SobolResult

    Raises
    ------
    ValueError
        If ``n`` is not a power of 2, ``seed`` is negative, or the outcome does
        not vary over the samples.
    """
    from SALib.analyze import sobol as sobol_analyze
    from SALib.sample import sobol as sobol_sample

    if isinstance(n, bool) or not isinstance(n, int) or n < 4 or n & (n - 1):
        raise ValueError(f"n (base sample size) = {n!r} is not allowed: a power of 2, >= 4")
    if isinstance(seed, bool) or not isinstance(seed, int) or seed < 0:
        raise ValueError(f"seed = {seed!r} is not allowed: a whole number >= 0")
    spec = problem()
    X = sobol_sample.sample(spec, n, calc_second_order=False, seed=seed)
    Y = improvement(scenario, X)
    if np.ptp(Y) == 0:
        raise ValueError(
            f"improvement_pct is {Y[0]:g} % for every sample of this scenario "
            f"(scar {scenario.scar!r}): there is no variance to apportion"
        )
    # SALib treats seed=0 as "no seed", so the bootstrap gets seed + 1.
    si = sobol_analyze.analyze(
        spec,
        Y,
        calc_second_order=False,
        num_resamples=num_resamples,
        conf_level=conf_level,
        seed=seed + 1,
    )
    indices = [
        {
            "name": f.name,
            "label": f.label,
            "unit": f.unit,
            "kind": f.kind,
            "low": f.low,
            "high": f.high,
            **{key: float(si[key][i]) for key in ("S1", "S1_conf", "ST", "ST_conf")},
        }
        for i, f in enumerate(FACTORS)
    ]
    return SobolResult(indices, X, Y)


def sobol_indices(scenario: Scenario, n: int = 256, seed: int = 0) -> list[dict[str, Any]]:
    """Sobol' indices of ``improvement_pct``, one dict per factor (see
    :func:`sobol_analysis`, whose ``indices`` this returns)."""
    return sobol_analysis(scenario, n, seed).indices


def ranked(indices: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """``indices`` sorted by total index, largest first."""
    return sorted(indices, key=lambda row: row["ST"], reverse=True)


def load_results() -> dict[str, Any]:
    """The precomputed results in ``sim/data/sensitivity.json`` (no SALib needed).

    Raises
    ------
    FileNotFoundError
        If the file was not generated (``python scripts/make_sensitivity.py``).
    """
    text = resources.files("sim").joinpath(DATA_FILE).read_text(encoding="utf-8")
    return json.loads(text)


def _check_matrix(X: np.ndarray) -> np.ndarray:
    X = np.asarray(X, dtype=float)
    if X.ndim != 2 or X.shape[1] != len(FACTORS):
        raise ValueError(
            f"sample matrix must have shape (n, {len(FACTORS)}) (columns: "
            f"{', '.join(f.name for f in FACTORS)}), got {X.shape}"
        )
    if not np.all(np.isfinite(X)):
        raise ValueError("sample matrix contains values that are not finite numbers")
    return X
