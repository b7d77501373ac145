"""The command line."""

from __future__ import annotations

import itertools
import json
import subprocess
import sys

import pytest

from sim.cli import main
from sim.registry import REGISTRY

ISSUE_COMMAND = [
    "simulate",
    "--scar",
    "boxcar_shallow",
    "--device",
    "office_pen",
    "--needle-mm",
    "1.5",
    "--sessions",
    "3",
    "--interval-days",
    "28",
    "--follow-up-days",
    "180",
    "--json",
]


def test_issue_command_prints_a_sourced_believable_answer(capsys):
    assert main(ISSUE_COMMAND) == 0
    data = json.loads(capsys.readouterr().out)
    for key in (
        "times_days",
        "improvement_pct",
        "depth_improvement_pct",
        "depression_depth_mm",
        "raised_height_mm",
        "effective_depth_mm",
        "bleeding",
        "pain_index",
        "downtime_days",
        "pigmentation_risk",
        "improvement_pct_p10",
        "improvement_pct_p90",
        "sources",
        "depth_reached",
        "keloid_flare_risk",
        "band",
        "bleeding_likelihood",
    ):
        assert key in data
    n = len(data["times_days"])
    assert all(
        len(data[k]) == n for k in ("improvement_pct", "improvement_pct_p10", "improvement_pct_p90")
    )
    assert 20 < data["improvement_pct"][-1] < 85
    assert (
        data["improvement_pct_p10"][-1]
        < data["improvement_pct"][-1]
        < data["improvement_pct_p90"][-1]
    )
    assert data["effective_depth_mm"] == pytest.approx(0.9 * 1.5)
    low, high = data["depth_reached"]["range_mm"]
    assert low < data["effective_depth_mm"] <= high <= 1.5
    assert "Sasaki" in data["depth_reached"]["source"]
    assert "RAT" in data["sources"]["uncertain"]["roller_penetration"]
    assert data["bleeding"] is True and data["keloid_flare_risk"] is None
    assert "patient response" in data["band"]["combines"]


def test_keloid_json_carries_the_flare_risk_with_its_sources(capsys):
    assert main(["simulate", "--scar", "keloid", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    flare = data["keloid_flare_risk"]
    assert flare["range_pct"][0] < flare["range_pct"][1]
    assert any("Lemperle" in s for s in flare["sources"])
    assert data["raised_height_mm"][-1] == data["raised_height_mm"][0]


def test_a_closed_pipe_ends_quietly():
    run = subprocess.run(
        f"{sys.executable} -m sim simulate --json | head -c 5",
        shell=True,
        capture_output=True,
        text=True,
    )
    assert run.stdout == '{"not' and run.stderr == ""


def test_every_registry_parameter_is_an_option():
    text = subprocess.run(
        [sys.executable, "-m", "sim", "simulate", "--help"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    for spec in REGISTRY:
        assert spec.cli_option in text


@pytest.mark.parametrize(
    "args, needle",
    [
        (["--needle-mm", "9"], "needle_mm"),
        (["--sessions", "two"], "sessions"),
        (["--scar", "acne"], "scar"),
        (["--device", "home_roller", "--needle-mm", "1.5"], "needle_mm"),
        (["--bogus", "1"], "bogus"),
        (["--needle-mm", "nan"], "needle_mm"),
        (["--h-mm", "0"], "h_mm"),
        (["--h-mm", "-1"], "h_mm"),
        (["--h-mm", "fine"], "h_mm"),
    ],
)
def test_bad_input_exits_2_with_one_line(args, needle):
    run = subprocess.run(
        [sys.executable, "-m", "sim", "simulate", *args], capture_output=True, text=True
    )
    assert run.returncode == 2
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and needle in lines[0]


def test_presets_json_lists_scars_devices_and_registry(capsys):
    assert main(["presets", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data["scars"]) >= {
        "ice_pick",
        "boxcar_shallow",
        "boxcar_deep",
        "rolling",
        "hypertrophic",
        "keloid",
    }
    assert {r["name"] for r in data["registry"]} == {s.name for s in REGISTRY}


def test_text_output_says_it_is_not_a_prediction(capsys):
    assert main(["simulate", "--scar", "keloid"]) == 0
    out = capsys.readouterr().out
    assert "not a prediction for you" in out and "does not flatten" in out


def test_json_carries_the_goodman_grade_over_time(capsys):
    """Issue #9: ``goodman_grade`` is a series over ``times_days`` of integers 1-4, with
    the grades of the lower and upper responder around it; a boxcar filled by an office
    course drops a grade, and the grade never rises while the scar fills."""
    assert main(["simulate", "--scar", "boxcar_shallow", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    n = len(data["times_days"])
    grade, worse, better = (
        data[k] for k in ("goodman_grade", "goodman_grade_p10", "goodman_grade_p90")
    )
    assert len(grade) == len(worse) == len(better) == n
    assert all(isinstance(g, int) and 1 <= g <= 4 for g in grade + worse + better)
    assert all(b <= g <= w for g, w, b in zip(grade, worse, better, strict=True))
    assert all(later <= earlier for earlier, later in itertools.pairwise(grade))
    assert grade[0] == 3 and grade[-1] < grade[0]
    rule = data["goodman_grade_rule"]
    assert "Goodman & Baron" in rule["scale"] and set(rule["grades"]) == {"1", "2", "3", "4"}
    assert rule["thresholds_mm"]["gb_visible_mm"] == pytest.approx(0.1454, abs=1e-4)


def test_keloid_grade_stays_severe(capsys):
    """A keloid gets no flattening: grade 4 from the first day to the last."""
    assert main(["simulate", "--scar", "keloid", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data["goodman_grade"]) == {4}
