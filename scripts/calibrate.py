"""Reproduce the calibration of the fitted constants.

Targets come from the calibration rows of :data:`sim.validation.TRIALS`:

* deposit gain x activity time: a bounded least-squares grid over Lotfi's
  papillary collagen gain and Alam's sham-corrected 3/6-month ratio;
* the tethered shares of the rolling and ice pick scars: bisection on Garg's
  rolling/boxcar and ice pick/boxcar ratios;
* the PRP gain: bisection on Asif's with/without-PRP ratio.

Run: ``.venv/bin/python scripts/calibrate.py [--search]``. Without ``--search``
it prints every calibration row for the current constants.
"""

from __future__ import annotations

import argparse
import dataclasses
import itertools
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from sim import constants as C
from sim import model, scars
from sim.kinetics import Kinetics
from sim.validation import TRIALS, TRIALS_BY_KEY

GAINS = (0.008, 0.009, 0.010, 0.011, 0.012, 0.013, 0.015)
ACTIVE_DAYS = (100, 120, 150, 180, 240)  # not 90: equal to the surplus lifetime
"""Activity times up to 240 days: remodelling lasts ~8 weeks to ~1 year."""
JOINT = ("lotfi", "alam_ratio")


def loss(kinetics: Kinetics) -> tuple[float, dict[str, float]]:
    """Sum of squared relative errors of the joint targets."""
    values = {key: TRIALS_BY_KEY[key].model(kinetics) for key in JOINT}
    total = sum(
        ((values[k] - TRIALS_BY_KEY[k].published) / TRIALS_BY_KEY[k].published) ** 2 for k in JOINT
    )
    return total, values


def search() -> None:
    rows = []
    for gain, active in itertools.product(GAINS, ACTIVE_DAYS):
        k = Kinetics(deposit_gain=gain, active_per_day=1 / active)
        total, values = loss(k)
        rows.append((total, gain, active, values))
    rows.sort(key=lambda row: row[0])
    print("best 5 (loss, deposit_gain, active_days, targets):")
    for total, gain, active, values in rows[:5]:
        print(
            f"  {total:.4f} {gain} {active} " + " ".join(f"{k}={v:.3f}" for k, v in values.items())
        )


@contextmanager
def _scar_changed(name: str, **changes: float) -> Iterator[None]:
    original = scars.SCARS[name]
    scars.SCARS[name] = dataclasses.replace(original, **changes)
    scars.scar_geometry.cache_clear()
    model._compressed_deficit.cache_clear()
    try:
        yield
    finally:
        scars.SCARS[name] = original
        scars.scar_geometry.cache_clear()
        model._compressed_deficit.cache_clear()


@contextmanager
def _prp_gain(value: float) -> Iterator[None]:
    original = C.PRP_GAIN
    C.PRP_GAIN = dataclasses.replace(original, value=value)
    try:
        yield
    finally:
        C.PRP_GAIN = original


def bisect(
    set_value: Callable[[float], object], key: str, low: float, high: float, rising: bool
) -> float:
    """The value in [low, high] at which the trial ``key`` meets its target."""
    trial = TRIALS_BY_KEY[key]
    for _ in range(22):
        mid = (low + high) / 2
        with set_value(mid):  # type: ignore[attr-defined]
            value = trial.model(Kinetics())
        too_high = value > trial.published
        low, high = (low, mid) if too_high == rising else (mid, high)
    return (low + high) / 2


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--search", action="store_true", help="grid search and bisections")
    args = parser.parse_args()
    if args.search:
        search()
        for name, key in (("rolling", "garg_rolling"), ("ice_pick", "garg_ice_pick")):
            share = bisect(
                lambda v, n=name: _scar_changed(n, tether_fraction=v), key, 0.0, 0.99, rising=False
            )
            print(f"tethered share of {name} reproducing {key}: {share:.3f}")
        gain = bisect(_prp_gain, "asif_prp", 1.0, 4.0, rising=True)
        print(f"PRP gain reproducing asif_prp: {gain:.3f}")
    for trial in TRIALS:
        if trial.calibrated:
            print(
                f"{trial.key}: published {trial.published:.3g}, model "
                f"{trial.model(Kinetics()):.3g}, tolerance {trial.tolerance}"
            )


if __name__ == "__main__":
    main()
