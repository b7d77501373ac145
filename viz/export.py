"""Downloads: the time series as CSV and the scenario as JSON."""

from __future__ import annotations

import io
import json

import numpy as np

from sim.model import Result
from sim.registry import SPECS
from sim.scenario import Scenario

CSV_COLUMNS = (
    "time_days",
    "improvement_pct",
    "improvement_pct_p10",
    "improvement_pct_p90",
    "depth_improvement_pct",
    "depression_depth_mm",
    "raised_height_mm",
    "raised_height_p10_mm",
    "raised_height_p90_mm",
    "thickening_mm",
    "papillary_gain_pct",
    "office_session",
    "home_roller",
)
"""Column names of :func:`timeseries_csv`; units are in the names."""


def timeseries_csv(result: Result) -> str:
    """The course as CSV, one row per output time; units in the column names.

    ``office_session`` is 1 on the row of each office session's day and
    ``home_roller`` on the row of each home-roller day, 0 elsewhere. Every
    session day of either kind is an output time (:func:`sim.model.time_grid`),
    so the columns add up to the course's office sessions and home rolls.
    """
    times = result.times_days
    columns = {
        "time_days": times,
        "improvement_pct": result.improvement_pct,
        "improvement_pct_p10": result.improvement_pct_p10,
        "improvement_pct_p90": result.improvement_pct_p90,
        "depth_improvement_pct": result.depth_improvement_pct,
        "depression_depth_mm": result.depression_depth_mm,
        "raised_height_mm": result.raised_height_mm,
        "raised_height_p10_mm": result.raised_height_p10_mm,
        "raised_height_p90_mm": result.raised_height_p90_mm,
        "thickening_mm": result.thickening_mm,
        "papillary_gain_pct": result.papillary_gain_pct,
        "office_session": np.isin(times, result.session_days).astype(int),
        "home_roller": np.isin(times, result.home_days).astype(int),
    }
    out = io.StringIO()
    out.write(",".join(CSV_COLUMNS) + "\n")
    for n in range(times.size):
        row = []
        for name in CSV_COLUMNS:
            value = columns[name][n]
            row.append(
                str(int(value))
                if name in ("office_session", "home_roller")
                else f"{float(value):.6g}"
            )
        out.write(",".join(row) + "\n")
    return out.getvalue()


def scenario_dict(scenario: Scenario) -> dict[str, object]:
    """Every registry parameter of ``scenario`` with its value (typed)."""
    return {name: getattr(scenario, name) for name in SPECS}


def scenario_json(scenario: Scenario) -> str:
    """The scenario as JSON: registry names and values, plus their units."""
    payload = {
        "scenario": scenario_dict(scenario),
        "units": {name: spec.unit for name, spec in SPECS.items() if spec.unit},
    }
    return json.dumps(payload, indent=2, ensure_ascii=False)
