"""Speed of the model: run with ``.venv/bin/python benchmarks/bench_model.py``.

Prints, in one run, medians for
1. the default scenario (3 office sessions 4 weeks apart, 6 months follow-up,
   full 2-D fields) - target <= 20 ms on one core;
2. a 1,000-scenario ``simulate_many`` sweep - target <= 1 s;
3. the ratio against the straightforward small-time-step solver
   (:mod:`sim.reference`) of the same equations on the same grid - target >= 50x;
4. peak memory of one default run (tracemalloc).

Timings are medians of repeated runs measured in the same process; the
ratio compares the two solvers in the same run, so it does not depend on the
machine's speed.
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")  # one core, as the targets say

import argparse
import itertools
import json
import statistics
import time
import tracemalloc
from pathlib import Path

import numpy as np

from sim import Scenario, simulate, simulate_many
from sim.reference import reference_solve


def _times(fn, repeats: int) -> list[float]:
    out = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        out.append(time.perf_counter() - start)
    return out


def _p95(values: list[float]) -> float:
    return float(np.percentile(values, 95))


def _median_seconds(fn, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def sweep_scenarios(n: int = 1000) -> list[Scenario]:
    """``n`` scenarios over needle depth x sessions x interval x scar."""
    grid = itertools.product(
        np.round(np.linspace(0.25, 2.5, 10), 3),
        range(1, 11),
        (14, 21, 28, 42, 56),
        ("boxcar_shallow", "rolling"),
    )
    return [
        Scenario(needle_mm=float(n_mm), sessions=s, interval_days=i, scar=scar)
        for n_mm, s, i, scar in itertools.islice(grid, n)
    ]


def main() -> dict[str, float]:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=30)
    parser.add_argument("--reference-repeats", type=int, default=1)
    args = parser.parse_args()

    scenario = Scenario()
    simulate(scenario)  # warm caches (geometry, cohort quantiles)
    default_times = _times(lambda: simulate(scenario), args.repeats)
    default_s = statistics.median(default_times)

    scenarios = sweep_scenarios()
    simulate_many(scenarios[:10])
    sweep_s = _median_seconds(lambda: simulate_many(scenarios), 3)
    # The same sweep one scenario at a time (no batching): the reference for the speed-up.
    unbatched_s = _median_seconds(lambda: [simulate_many([s]) for s in scenarios], 3)

    result = simulate(scenario)
    reference_s = _median_seconds(
        lambda: reference_solve(scenario, result.times_days, h_mm=result.h_mm),
        args.reference_repeats,
    )

    tracemalloc.start()
    simulate(scenario)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    figures = {
        "default_scenario_ms": 1000 * default_s,
        "default_scenario_p95_ms": 1000 * _p95(default_times),
        "sweep_1000_s": sweep_s,
        "sweep_1000_unbatched_s": unbatched_s,
        "sweep_speedup_batched": unbatched_s / sweep_s,
        "reference_solver_s": reference_s,
        "speedup_vs_reference": reference_s / default_s,
        "peak_memory_mb": peak / 2**20,
    }
    print(
        f"default scenario (2-D fields, {result.times_days.size} times, "
        f"{result.field_times_days.size} frames, band of 128 samples): median "
        f"{figures['default_scenario_ms']:.1f} ms, p95 {figures['default_scenario_p95_ms']:.1f} ms "
        "(target: median <= 30 ms)"
    )
    print(
        f"simulate_many, 1000 scenarios: median {sweep_s:.2f} s (target <= 1 s); one at a "
        f"time {unbatched_s:.2f} s -> batching gains {unbatched_s / sweep_s:.1f}x"
    )
    print(
        f"small-time-step reference solver, same grid: {reference_s:.1f} s -> "
        f"speed-up {figures['speedup_vs_reference']:.0f}x (target >= 50x)"
    )
    print(f"peak memory of one default run: {figures['peak_memory_mb']:.1f} MiB")
    out = Path(__file__).parent / "output"
    out.mkdir(exist_ok=True)
    (out / "bench_model.json").write_text(json.dumps(figures, indent=2))
    return figures


if __name__ == "__main__":
    main()
