"""Treatment plans and the trade-off sweep: grid, comparison day, course totals, best cell."""

from __future__ import annotations

import numpy as np
import pytest

from sim import Scenario, simulate_many
from sim.devices import DEVICES
from sim.plans import (
    HOME_ROLLS,
    MEASURES,
    SECOND_AXES,
    SweepGrid,
    SweepResult,
    assemble,
    best_cell,
    cheapest_settings,
    evaluate_scenarios,
    evaluate_sweep,
    grid_scenarios,
    needle_axis_mm,
    office_vs_home_plans,
    sweep_grid,
)
from sim.side_effects import side_effects

# Gill 2008, written out here rather than taken from sim.side_effects: 3x longer
# needles give ~7x pain, 10x more needles ~2x; 1 = an office pen (12 needles) at 1.5 mm.
LENGTH_EXPONENT = np.log(7.0) / np.log(3.0)
COUNT_EXPONENT = np.log10(2.0)


def gill_pain(needle_mm: float, needles: int) -> float:
    return (needle_mm / 1.5) ** LENGTH_EXPONENT * (needles / 12) ** COUNT_EXPONENT


# --- office vs. home -------------------------------------------------------------


def test_office_plan_replaces_a_home_roller_with_the_pen():
    plans = office_vs_home_plans(Scenario(device="home_roller", needle_mm=0.25, sessions=4))
    assert plans.office.device == "office_pen"
    assert plans.office.needle_mm == DEVICES["office_pen"].default_needle_mm
    assert plans.office.sessions == 4
    assert not plans.office.home_maintenance


def test_home_plan_ends_on_the_office_plans_last_day():
    scenario = Scenario(home_needle_mm=0.3, home_interval_days=14, adjunct="prp")
    plans = office_vs_home_plans(scenario)
    home = plans.home
    assert home.device == "home_roller" and home.needle_mm == pytest.approx(0.3)
    assert home.sessions == HOME_ROLLS == 10
    assert home.interval_days == 14
    assert home.end_day == plans.office.end_day  # 9 x 14 + follow-up = 56 + 180
    assert home.adjunct == "none" and not home.home_maintenance


def test_home_plan_keeps_the_interval_within_the_registry():
    # Daily home rolls are allowed; days between sessions start at 7.
    home = office_vs_home_plans(Scenario(home_interval_days=1)).home
    assert home.interval_days == 7


def test_combined_plan_is_the_office_plan_with_the_home_roller():
    plans = office_vs_home_plans(Scenario(sessions=5, needle_mm=2.0))
    assert plans.combined.home_maintenance
    assert plans.combined.with_changes(home_maintenance=False) == plans.office


# --- the grid ---------------------------------------------------------------------


def test_grid_shape_units_and_cells():
    base = Scenario(device="medical_roller", needle_mm=1.0)
    grid = sweep_grid(base, "interval_days")
    assert grid.shape == (len(SECOND_AXES["interval_days"]), len(needle_axis_mm("medical_roller")))
    assert (grid.x_name, grid.x_unit, grid.y_name, grid.y_unit) == (
        "needle_mm",
        "mm",
        "interval_days",
        "days",
    )
    assert grid.x_values[0] == 0.5 and grid.x_values[-1] == 2.0  # the roller's whole range
    cells = grid_scenarios(grid, base)
    assert len(cells) == grid.shape[0] and all(len(row) == grid.shape[1] for row in cells)
    for i, row in enumerate(cells):
        for j, cell in enumerate(row):
            assert cell.needle_mm == grid.x_values[j]
            assert cell.interval_days == grid.y_values[i]
            assert isinstance(cell.interval_days, int)
            assert cell.device == "medical_roller" and cell.sessions == base.sessions


def test_comparison_day_is_the_longest_course_on_the_grid():
    base = Scenario(follow_up_days=90)
    grid = sweep_grid(base, "sessions")
    assert grid.comparison_day == 9 * 28 + 90  # 10 sessions 28 days apart
    cells = grid_scenarios(grid, base)
    assert grid.comparison_day == max(s.end_day for row in cells for s in row)
    assert all(s.end_day <= grid.comparison_day for row in cells for s in row)


def test_every_cell_is_compared_on_the_same_day():
    base = Scenario()
    grid = sweep_grid(base, "sessions", x_values=[1.0, 2.0], y_values=[1, 6])
    sweep = evaluate_sweep(grid, base)
    day = grid.comparison_day
    short = base.with_changes(needle_mm=1.0, sessions=1)
    on_the_day = simulate_many([short], day=day)["improvement_pct"][0]
    at_own_end = simulate_many([short])["improvement_pct"][0]
    assert on_the_day != pytest.approx(at_own_end, rel=1e-3)  # the day matters
    assert sweep["fill_pct"][0, 0] == pytest.approx(on_the_day, rel=1e-9)
    long = base.with_changes(needle_mm=2.0, sessions=6)
    assert sweep["fill_pct"][1, 1] == pytest.approx(
        simulate_many([long], day=day)["improvement_pct"][0], rel=1e-9
    )


@pytest.mark.parametrize(
    "changes",
    [
        {"x_name": "bogus"},
        {"y_name": "needle_mm"},
        {"y_name": "scar"},
        {"x_values": ()},
        {"y_values": (3.0, 1.0)},
        {"comparison_day": -1.0},
        {"comparison_day": float("nan")},
    ],
)
def test_grid_rejects_what_is_not_a_map(changes):
    args = {
        "x_name": "needle_mm",
        "x_values": (1.0, 1.5),
        "y_name": "sessions",
        "y_values": (1.0, 2.0),
        "comparison_day": 100.0,
    }
    with pytest.raises(ValueError):
        SweepGrid(**{**args, **changes})


def test_result_shapes_must_match_the_grid():
    grid = SweepGrid("needle_mm", (1.0, 1.5), "sessions", (1.0, 2.0, 3.0), 100.0)
    with pytest.raises(ValueError, match="shape"):
        SweepResult(grid, False, {"fill_pct": np.zeros((2, 3))})
    with pytest.raises(ValueError, match="rows"):
        assemble(grid, Scenario(), [{"fill_pct": np.zeros(2)}])
    result = SweepResult(grid, False, {"fill_pct": np.zeros((3, 2))})
    with pytest.raises(ValueError):
        result["fill_pct"][0, 0] = 1.0  # read-only


# --- course totals ----------------------------------------------------------------


@pytest.mark.parametrize("device", ["office_pen", "medical_roller"])
def test_course_totals_are_sessions_times_one_session(device):
    base = Scenario(device=device, needle_mm=1.0)
    grid = sweep_grid(base, "sessions", x_values=[0.5, 1.0, 2.0], y_values=[1, 3, 7])
    sweep = evaluate_sweep(grid, base)
    needles = DEVICES[device].needles
    for i, sessions in enumerate(grid.y_values):
        for j, needle in enumerate(grid.x_values):
            assert sweep["visits"][i, j] == sessions
            assert sweep["course_pain_index"][i, j] == pytest.approx(
                sessions * gill_pain(needle, needles), rel=1e-9
            )
            cell = base.with_changes(needle_mm=needle, sessions=int(sessions))
            assert sweep["redness_days"][i, j] == pytest.approx(
                sessions * side_effects(cell).downtime_days, rel=1e-9
            )
    # Longer needles and more sessions never hurt less.
    assert np.all(np.diff(sweep["course_pain_index"], axis=0) > 0)
    assert np.all(np.diff(sweep["course_pain_index"], axis=1) > 0)


def test_course_totals_count_the_home_rolls():
    base = Scenario(home_maintenance=True, home_needle_mm=0.3, home_interval_days=7)
    rows = evaluate_scenarios([base], base.end_day)
    rolls = len(base.home_days)
    assert rolls > 0
    roll_pain = gill_pain(0.3, DEVICES["home_roller"].needles)
    office_pain = 3 * gill_pain(base.needle_mm, 12)
    assert rows["visits"][0] == 3  # home rolls are not visits
    assert rows["course_pain_index"][0] == pytest.approx(office_pain + rolls * roll_pain)
    alone = evaluate_scenarios([base.with_changes(home_maintenance=False)], base.end_day)
    assert rows["redness_days"][0] > alone["redness_days"][0]


def test_interval_and_density_do_not_change_the_course_pain():
    base = Scenario()
    for y_name in ("interval_days", "punctures_per_cm2"):
        grid = sweep_grid(base, y_name, x_values=[0.5, 1.5], y_values=SECOND_AXES[y_name][:3])
        sweep = evaluate_sweep(grid, base)
        assert not sweep.depends_on_y("course_pain_index")
        assert sweep.depends_on_y("fill_pct")


def test_every_value_lies_in_its_measures_fixed_range():
    for base in (
        Scenario(),
        Scenario(scar="ice_pick", device="medical_roller", needle_mm=2.0),
        Scenario(device="home_roller", needle_mm=0.3),
    ):
        sweep = evaluate_sweep(sweep_grid(base, "sessions"), base)
        for name, values in sweep.measures.items():
            if name in MEASURES:
                m = MEASURES[name]
                assert m.low <= values.min() and values.max() <= m.high, name


def test_course_pain_range_is_ten_sessions_of_the_most_painful_device():
    # The medical roller at 2.0 mm (192 needles) hurts more than the pen at 2.5 mm.
    assert MEASURES["course_pain_index"].high == pytest.approx(10 * gill_pain(2.0, 192))
    assert MEASURES["redness_days"].high == pytest.approx(30.0)
    assert (MEASURES["fill_pct"].low, MEASURES["fill_pct"].high) == (0.0, 100.0)


# --- raised scars -----------------------------------------------------------------


def test_raised_scars_give_no_fill():
    base = Scenario(scar="keloid")
    grid = sweep_grid(base, "sessions", x_values=[0.5, 2.5], y_values=[1, 5])
    sweep = evaluate_sweep(grid, base, band=True)
    assert sweep.raised and sweep.outcome == "height_change_mm"
    assert not any(name.startswith("fill") for name in sweep.measures)
    np.testing.assert_array_equal(sweep["height_change_mm"], 0.0)  # no flattening
    assert sweep.best("height_change_mm") is None  # no setting is better than another
    assert sweep["course_pain_index"][1, 1] > 0  # the burden is real


def test_a_sweep_is_on_one_scar():
    with pytest.raises(ValueError, match="mix"):
        evaluate_scenarios([Scenario(), Scenario(scar="keloid")], 100.0)


def test_band_brackets_the_median():
    base = Scenario()
    grid = sweep_grid(base, "sessions", x_values=[1.0, 2.0], y_values=[2])
    sweep = evaluate_sweep(grid, base, band=True)
    assert np.all(sweep["fill_p10_pct"] < sweep["fill_p90_pct"])
    assert np.all(sweep["fill_p10_pct"] <= sweep["fill_pct"] + 1e-9)
    assert np.all(sweep["fill_pct"] <= sweep["fill_p90_pct"] + 1e-9)


# --- the best cell ----------------------------------------------------------------


def test_best_inside_the_grid_is_not_on_the_edge():
    values = np.array([[1.0, 2.0, 1.0], [1.0, 5.0, 1.0], [0.0, 1.0, 0.0]])
    best = best_cell(values, higher_is_better=True)
    assert best is not None
    assert (best.row, best.col, best.value) == (1, 1, 5.0)
    assert not best.on_edge and best.edges == ()


@pytest.mark.parametrize(
    ("cell", "edges"),
    [
        ((0, 1), ("y_min",)),
        ((2, 1), ("y_max",)),
        ((1, 0), ("x_min",)),
        ((1, 3), ("x_max",)),
        ((2, 3), ("x_max", "y_max")),
    ],
)
def test_best_on_the_edge_is_flagged(cell, edges):
    values = np.ones((3, 4))
    values[cell] = 9.0
    best = best_cell(values, higher_is_better=True)
    assert best is not None and best.on_edge
    assert best.cells == (cell,) and best.edges == edges
    low = best_cell(-values, higher_is_better=False)
    assert low is not None and low.cells == (cell,) and low.edges == edges


def test_ties_are_all_best_and_a_flat_map_has_none():
    values = np.array([[3.0, 3.0, 3.0], [4.0, 4.0, 5.0]])
    best = best_cell(values, higher_is_better=False)
    assert best is not None and best.cells == ((0, 0), (0, 1), (0, 2))
    assert best.edges == ("x_min", "x_max", "y_min")
    assert best_cell(np.full((3, 3), 2.0), higher_is_better=True) is None
    assert best_cell(np.full((2, 2), np.nan), higher_is_better=True) is None
    with_nan = np.array([[np.nan, 1.0], [2.0, 0.5]])
    nan_best = best_cell(with_nan, higher_is_better=True)
    assert nan_best is not None and nan_best.cells == ((1, 0),)


def test_best_fill_of_the_default_map_is_more_sessions_and_longer_needles():
    base = Scenario()
    grid = sweep_grid(base, "sessions", x_values=[0.5, 1.0, 1.5], y_values=[1, 2, 3])
    sweep = evaluate_sweep(grid, base)
    best = sweep.best("fill_pct")
    assert best is not None and best.on_edge and "y_max" in best.edges
    assert sweep.best("course_pain_index").cells == ((0, 0),)


# --- least pain for a target ------------------------------------------------------


def test_cheapest_settings_match_brute_force():
    rng = np.random.default_rng(1)
    improvement = 60 * rng.random((6, 7))
    pain = rng.random((6, 7))
    top = float(improvement.max())
    chosen = cheapest_settings(improvement, pain, (20, 30, top, 99))
    assert [s.target_pct for s in chosen] == [20, 30, top]  # nothing reaches 99 %
    for s in chosen:
        reached = improvement >= s.target_pct
        assert reached[s.row, s.col]
        assert pain[s.row, s.col] == pain[reached].min()
        assert s.improvement_pct == improvement[s.row, s.col]
        assert s.course_pain == pain[s.row, s.col]


def test_cheapest_settings_prefer_more_improvement_at_equal_pain():
    improvement = np.array([[25.0, 35.0], [45.0, 10.0]])
    pain = np.array([[1.0, 1.0], [1.0, 0.5]])
    chosen = cheapest_settings(improvement, pain, (20,))
    assert (chosen[0].row, chosen[0].col) == (1, 0)
