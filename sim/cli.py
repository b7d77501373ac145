"""Command line: ``python -m sim simulate ...`` and ``python -m sim presets``.

Every registry parameter is an option (``--needle-mm 1.5``). Bad input exits
with status 2 and one line naming the parameter, its unit and the allowed range.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from dataclasses import asdict

import numpy as np

from sim import constants as C
from sim import goodman
from sim.devices import DEVICES
from sim.model import Result, simulate
from sim.registry import REGISTRY
from sim.scars import SCARS
from sim.scenario import Scenario, scenario_from
from sim.uncertainty import BAND_SAMPLES, UNCERTAIN
from sim.uncertainty import SPECS as UNCERTAIN_SPECS

NOTICE = "Educational model, not a prediction for you."


class _OneLineParser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        sys.stderr.write(f"error: {message}\n")
        raise SystemExit(2)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser, with one option per registry parameter."""
    parser = _OneLineParser(prog="python -m sim", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_OneLineParser)
    run = commands.add_parser("simulate", help="simulate one scenario")
    for spec in REGISTRY:
        unit = f" [{spec.unit}]" if spec.unit else ""
        run.add_argument(
            spec.cli_option,
            dest=spec.name,
            default=None,
            metavar="VALUE",
            help=f"{spec.label}{unit}: {spec.range_text()}; default {spec.to_text(spec.default)}.",
        )
    run.add_argument(
        "--h-mm",
        dest="h_mm",
        default=None,
        metavar="VALUE",
        help=f"Grid spacing [mm]: 0.005 to 0.1 mm; default {C.GRID_MM.value:g}.",
    )
    run.add_argument("--json", action="store_true", help="print one JSON object")
    presets = commands.add_parser("presets", help="list scars, devices and the parameter registry")
    presets.add_argument("--json", action="store_true", help="print one JSON object")
    return parser


def _series(values: np.ndarray, digits: int = 4) -> list[float]:
    return [round(float(v), digits) for v in values]


def result_json(result: Result) -> dict[str, object]:
    """The JSON summary of a run: series, side effects, typical range, sources."""
    effects = result.side_effects
    scenario = result.scenario
    grades = goodman.grade_series(result)
    return {
        "notice": NOTICE,
        "scenario": {s.name: getattr(scenario, s.name) for s in REGISTRY},
        "times_days": _series(result.times_days, 2),
        "session_days": _series(result.session_days, 2),
        "improvement_pct": _series(result.improvement_pct, 2),
        "improvement_pct_p10": _series(result.improvement_pct_p10, 2),
        "improvement_pct_p90": _series(result.improvement_pct_p90, 2),
        "depth_improvement_pct": _series(result.depth_improvement_pct, 2),
        "depression_depth_mm": _series(result.depression_depth_mm),
        "raised_height_mm": _series(result.raised_height_mm),
        "thickening_mm": _series(result.thickening_mm),
        "goodman_grade": [int(g) for g in grades.grade],
        "goodman_grade_p10": [int(g) for g in grades.grade_p10],
        "goodman_grade_p90": [int(g) for g in grades.grade_p90],
        "goodman_grade_rule": _grade_rule(),
        "final": {k: round(v, 4) for k, v in result.final.items()},
        "effective_depth_mm": round(effects.effective_depth_mm, 4),
        "depth_reached": _depth_reached(result),
        "bleeding": effects.bleeding,
        "bleeding_likelihood": effects.bleeding_likelihood,
        "keloid_flare_risk": _flare(result),
        "band": {
            "percentiles": [10, 90],
            "samples": BAND_SAMPLES,
            "combines": ["patient response", *(u.name for u in UNCERTAIN)],
            "method": "scrambled Sobol' points (scipy.stats.qmc), seeded by the scenario's seed",
        },
        "pain_index": round(effects.pain_index, 3),
        "downtime_days": round(effects.downtime_days, 2),
        "pigmentation_risk": {
            "microneedling_pct": round(effects.pigmentation_risk_pct, 2),
            "microneedling_range_pct": _pair(effects.pigmentation_risk_range_pct),
            "fractional_laser_pct": round(effects.laser_pigmentation_risk_pct, 2),
            "fractional_laser_range_pct": _pair(effects.laser_pigmentation_risk_range_pct),
            "fitzpatrick": scenario.fitzpatrick,
        },
        "sources": {
            "parameters": {s.name: s.source for s in REGISTRY},
            "scar": scenario.scar_type.source,
            "device": scenario.device_spec.source,
            "constants": {c.name: c.source for c in C.ALL},
            "uncertain": {u.name: u.source for u in UNCERTAIN},
        },
    }


def _grade_rule() -> dict[str, object]:
    """What ``goodman_grade`` means: the scale, the grades in words and the thresholds."""
    thresholds = (C.GB_FLAT_MM, C.GB_VISIBLE_MM, C.GB_DEEP_MM, C.GB_RAISED_SEVERE_MM)
    return {
        "scale": goodman.scale_sources(str, quantitative=False),
        "estimated": "from the model's surface by a modelling-choice rule (docs/model.md)",
        "grades": {g.number: g.plain for g in goodman.GRADES.values()},
        "grades_raised": {g.number: g.plain_raised for g in goodman.GRADES.values()},
        "thresholds_mm": {c.name: round(c.value, 4) for c in thresholds},
        "p10_p90": "grade of the lower (10th percentile) and upper (90th) responder",
    }


def _pair(values: tuple[float, float], digits: int = 2) -> list[float]:
    return [round(float(v), digits) for v in values]


def _depth_reached(result: Result) -> dict[str, object]:
    """Depth reached by the office device: central value, range and source."""
    effects, scenario = result.side_effects, result.scenario
    spec = UNCERTAIN_SPECS[scenario.device_spec.penetration]
    return {
        "device": scenario.device,
        "needle_mm": scenario.needle_mm,
        "central_mm": round(effects.effective_depth_mm, 4),
        "range_mm": _pair(effects.effective_depth_range_mm, 4),
        "share_of_needle": {"central": spec.central, "low": spec.low, "high": spec.high},
        "source": spec.source,
    }


def _flare(result: Result) -> dict[str, object] | None:
    """The keloid's flare risk as a reference range with its sources, or None."""
    risk = result.side_effects.keloid_flare_risk_pct
    if risk is None:
        return None
    return {
        "range_pct": _pair(risk, 1),
        "measured_after": "surgical excision and ear piercing, not microneedling",
        "sources": [C.KELOID_FLARE_LOW_PCT.source, C.KELOID_FLARE_HIGH_PCT.source],
    }


def _text(result: Result) -> str:
    s, e, f = result.scenario, result.side_effects, result.final
    lines = [
        f"{s.scar_type.label} scar, {s.device_spec.label} {s.needle_mm:g} mm, "
        f"{s.sessions} session(s) {s.interval_days} days apart, "
        f"seen {s.follow_up_days} days after the last.",
    ]
    if s.scar_type.is_raised:
        lines.append(
            f"Height above the skin {result.raised_height_mm[0]:.2f} mm -> "
            f"{f['raised_height_mm']:.2f} mm: collagen induction does not flatten a raised "
            "scar (it has no deficit to fill)."
        )
        if e.keloid_flare_risk_pct is not None:
            low, high = e.keloid_flare_risk_pct
            lines.append(
                f"Keloids can flare after any injury: {low:.0f}-{high:.0f} % after excision or "
                "ear piercing; no rate after needling is published. A contraindication."
            )
    else:
        lines.append(
            f"Improvement {f['improvement_pct']:.0f} % of the depression's volume "
            f"(typical range {f['improvement_pct_p10']:.0f}-{f['improvement_pct_p90']:.0f} %); "
            f"deepest point {result.depression_depth_mm[0]:.2f} -> "
            f"{f['depression_depth_mm']:.2f} mm."
        )
    grades = goodman.grade_series(result)
    start = int(grades.grade[0])
    grade, worse, better = grades.at(float(result.times_days[-1]))
    lines.append(
        f"Goodman & Baron grade (estimated from the surface) {start} -> {grade} "
        f"(range {better}-{worse}): {goodman.GRADES[grade].words(raised=s.scar_type.is_raised)}"
    )
    lines.append(
        f"Depth reached {e.effective_depth_mm:.2f} mm (range {e.effective_depth_range_mm[0]:.2f}-"
        f"{e.effective_depth_range_mm[1]:.2f}); bleeding: {e.bleeding_likelihood}; "
        f"pain index {e.pain_index:.2f}; redness ~{e.downtime_days:.1f} days; "
        f"pigmentation risk {e.pigmentation_risk_pct:.1f} % "
        f"(laser {e.laser_pigmentation_risk_pct:.1f} %)."
    )
    lines.append(NOTICE)
    return "\n".join(lines)


def presets_json() -> dict[str, object]:
    """Scars, devices, the registry and the constants."""
    return {
        "scars": {name: asdict(scar) for name, scar in SCARS.items()},
        "devices": {name: asdict(device) for name, device in DEVICES.items()},
        "registry": [asdict(spec) for spec in REGISTRY],
        "constants": [asdict(c) for c in C.ALL],
        "uncertain": [asdict(u) for u in UNCERTAIN],
    }


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point; returns the exit status."""
    args = build_parser().parse_args(argv)
    if args.command == "presets":
        data = presets_json()
        if args.json:
            return _emit(json.dumps(data, allow_nan=False, default=str))
        lines = [f"Scars: {', '.join(data['scars'])}", f"Devices: {', '.join(data['devices'])}"]
        lines += [f"  {spec.cli_option}: {spec.label} ({spec.range_text()})" for spec in REGISTRY]
        return _emit("\n".join(lines))
    given = {s.name: getattr(args, s.name) for s in REGISTRY if getattr(args, s.name) is not None}
    try:
        scenario: Scenario = scenario_from(given)
        h_mm = C.GRID_MM.value if args.h_mm is None else _grid_mm(args.h_mm)
        result = simulate(scenario, h_mm=h_mm)
    except ValueError as error:
        sys.stderr.write(f"error: {error}\n")
        return 2
    return _emit(json.dumps(result_json(result), allow_nan=False) if args.json else _text(result))


def _grid_mm(text: str) -> float:
    try:
        return float(text)
    except ValueError:
        raise ValueError(
            f"h_mm (grid spacing) = {text!r} mm is not allowed: 0.005 to 0.1 mm"
        ) from None


def _emit(text: str) -> int:
    """Print ``text``; a reader that closed the pipe early (``| head``) ends quietly."""
    try:
        print(text)
        sys.stdout.flush()
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    return 0
