"""Speed of the model: run with ``.venv/bin/python benchmarks/bench_model.py``.

Prints, in one run, medians and 95th percentiles for
1. the default scenario (3 office sessions 4 weeks apart, 6 months follow-up,
   full 2-D fields) - target <= 30 ms on one core;
2. a 1,000-scenario ``simulate_many`` sweep (needle length x sessions x
   interval x scar) - target <= 1 s, and >= 5x faster than the same
   scenarios passed to ``simulate_many`` one at a time in the same run;
3. the trade-off page's maps (needle length of the office pen by sessions,
   interval and puncture density, compared on one day), row by row as the page
   asks for them, with and without the typical range, against one at a time;
4. the ratio against the straightforward small-time-step solver
   (:mod:`sim.reference`) of the same equations on the same grid - target >= 50x;
5. peak memory of one default run (tracemalloc).

Timings are measured in the same process; the ratios compare two ways of
computing the same numbers in the same run, so they do not depend on the
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

TRADEOFF_NEEDLES_MM = (0.25, *(float(v) for v in np.round(np.arange(0.3, 2.45, 0.1), 3)), 2.5)
TRADEOFF_AXES = {
    "sessions": tuple(range(1, 11)),
    "interval_days": (7, 14, 21, 28, 35, 42, 56, 70, 90),
    "punctures_per_cm2": (25.0, 50.0, 100.0, 150.0, 250.0, 400.0, 550.0, 700.0, 850.0, 1000.0),
}
"""The trade-off page's maps (``sim.plans.SECOND_AXES``; office pen 0.25-2.5 mm,
24 needle lengths)."""


def _times(fn, repeats: int) -> list[float]:
    out = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        out.append(time.perf_counter() - start)
    return out


def _paired_times(fast, slow, repeats: int, slow_repeats: int) -> tuple[list[float], list[float]]:
    """Timings of two ways of computing the same thing, taken in turn, so that other
    load on the machine affects both alike."""
    fast_times, slow_times = [], []
    for k in range(max(repeats, slow_repeats)):
        if k < repeats:
            fast_times += _times(fast, 1)
        if k < slow_repeats:
            slow_times += _times(slow, 1)
    return fast_times, slow_times


def _p95(values: list[float]) -> float:
    return float(np.percentile(values, 95))


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


def tradeoff_maps(base: Scenario | None = None) -> dict[str, tuple[list[list[Scenario]], float]]:
    """Rows of scenarios of each trade-off map and the day they are compared on
    (the last day of the longest course on the map)."""
    base = Scenario() if base is None else base
    out = {}
    for name, values in TRADEOFF_AXES.items():
        rows = [
            [base.with_changes(needle_mm=x, **{name: y}) for x in TRADEOFF_NEEDLES_MM]
            for y in values
        ]
        out[name] = (rows, max(s.end_day for row in rows for s in row))
    return out


def _ms(values: list[float]) -> str:
    return f"median {1000 * statistics.median(values):.1f} ms, p95 {1000 * _p95(values):.1f} ms"


def main() -> dict[str, float]:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=30)
    parser.add_argument("--sweep-repeats", type=int, default=9)
    parser.add_argument("--unbatched-repeats", type=int, default=5)
    parser.add_argument("--band-repeats", type=int, default=3)
    parser.add_argument("--reference-repeats", type=int, default=1)
    args = parser.parse_args()
    figures: dict[str, float] = {}

    scenario = Scenario()
    simulate(scenario)  # warm caches (geometry, cohort quantiles)
    default_times = _times(lambda: simulate(scenario), args.repeats)
    figures["default_scenario_ms"] = 1000 * statistics.median(default_times)
    figures["default_scenario_p95_ms"] = 1000 * _p95(default_times)
    result = simulate(scenario)
    print(
        f"default scenario (2-D fields, {result.times_days.size} times, "
        f"{result.fields.times_days.size} frames, band of 128 samples): "
        f"{_ms(default_times)} (target: median <= 30 ms)"
    )

    scenarios = sweep_scenarios()
    simulate_many(scenarios[:10])
    # The same sweep one scenario at a time (no batching) is the reference for the speed-up.
    batched, single = _paired_times(
        lambda: simulate_many(scenarios),
        lambda: [simulate_many([s]) for s in scenarios],
        args.sweep_repeats,
        args.unbatched_repeats,
    )
    ratio = statistics.median(single) / statistics.median(batched)
    figures |= {
        "sweep_1000_s": statistics.median(batched),
        "sweep_1000_p95_s": _p95(batched),
        "sweep_1000_unbatched_s": statistics.median(single),
        "sweep_1000_unbatched_p95_s": _p95(single),
        "sweep_speedup_batched": ratio,
    }
    print(
        f"simulate_many, 1000 scenarios: {_ms(batched)} (target <= 1 s); one at a time "
        f"{_ms(single)} -> batching gains {ratio:.1f}x (target >= 5x)"
    )

    for band in (False, True):
        label = "with typical range" if band else "median"
        repeats = args.band_repeats if band else args.sweep_repeats
        for name, (rows, day) in tradeoff_maps().items():
            cells = [s for row in rows for s in row]

            def by_row(rows=rows, day=day, band=band):
                return [simulate_many(row, day=day, band=band) for row in rows]

            def one_at_a_time(cells=cells, day=day, band=band):
                return [simulate_many([s], day=day, band=band) for s in cells]

            by_row()
            rowwise, single = _paired_times(by_row, one_at_a_time, repeats, max(1, repeats // 3))
            ratio = statistics.median(single) / statistics.median(rowwise)
            key = f"tradeoff_{name}{'_band' if band else ''}"
            figures |= {
                f"{key}_ms": 1000 * statistics.median(rowwise),
                f"{key}_p95_ms": 1000 * _p95(rowwise),
                f"{key}_unbatched_ms": 1000 * statistics.median(single),
                f"{key}_speedup": ratio,
            }
            print(
                f"trade-off map needle x {name} ({len(cells)} cells, day {day:g}, {label}), "
                f"row by row: {_ms(rowwise)}; one at a time {_ms(single)} -> {ratio:.1f}x"
            )

    reference_times = _times(
        lambda: reference_solve(scenario, result.times_days, h_mm=result.h_mm),
        args.reference_repeats,
    )
    figures["reference_solver_s"] = statistics.median(reference_times)
    figures["speedup_vs_reference"] = figures["reference_solver_s"] / (
        figures["default_scenario_ms"] / 1000
    )
    print(
        f"small-time-step reference solver, same grid: {figures['reference_solver_s']:.1f} s -> "
        f"speed-up {figures['speedup_vs_reference']:.0f}x (target >= 50x)"
    )

    tracemalloc.start()
    simulate(scenario)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    figures["peak_memory_mb"] = peak / 2**20
    print(f"peak memory of one default run: {figures['peak_memory_mb']:.1f} MiB")
    out = Path(__file__).parent / "output"
    out.mkdir(exist_ok=True)
    (out / "bench_model.json").write_text(json.dumps(figures, indent=2))
    return figures


if __name__ == "__main__":
    main()
