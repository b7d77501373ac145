"""Treatment plans and the trade-off sweep against values worked out by hand here
(gaps found by mutation testing)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from sim import Scenario, plans, simulate
from sim.plans import (
    SweepGrid,
    SweepResult,
    assemble,
    best_cell,
    cheapest_settings,
    evaluate_scenarios,
    evaluate_sweep,
    grid_scenarios,
    home_roller_course,
    needle_axis_mm,
    sweep_grid,
)

# Written out here rather than taken from the code: Gill 2008 (3x longer needles
# ~7x pain, 10x more needles ~2x; 1 = an office pen of 12 needles at 1.5 mm), the
# central penetration shares (pen 0.9, roller 0.35), and redness 0.5 day at the
# epidermis rising linearly to 3 days at the deepest setting (2.5 mm pen x 0.9).
PEN_SHARE, ROLLER_SHARE = 0.9, 0.35
REDNESS_SHALLOW, REDNESS_DEEP, DEEPEST_MM = 0.5, 3.0, 2.5 * 0.9


def gill_pain(needle_mm: float, needles: int) -> float:
    return (needle_mm / 1.5) ** (math.log(7.0) / math.log(3.0)) * (needles / 12) ** math.log10(2)


def redness(depth_mm: float, epidermis_mm: float) -> float:
    share = min(max((depth_mm - epidermis_mm) / (DEEPEST_MM - epidermis_mm), 0.0), 1.0)
    return REDNESS_SHALLOW + (REDNESS_DEEP - REDNESS_SHALLOW) * share


CORE = {"visits", "course_pain_index", "redness_days", "bleeding", "effective_depth_mm"}


# --- office vs. home -------------------------------------------------------------


def test_home_course_ends_on_its_last_roll_when_the_rolls_outlast_the_office_course():
    """One office session and no follow-up end on day 0; ten weekly rolls end on day
    63, so the home course has no follow-up (0, not negative, not 1)."""
    home = home_roller_course(Scenario(sessions=1, follow_up_days=0, home_interval_days=7))
    assert home.follow_up_days == 0
    assert home.end_day == 9 * 7


def test_home_course_follow_up_is_capped_at_the_registrys_730_days():
    """Office: 10 sessions 90 days apart + 730 days = day 1540. Daily rolls become
    weekly (registry minimum 7), the last on day 63; 1540 - 63 = 1477 days of
    follow-up is more than allowed, so the home course stops at 63 + 730."""
    office = Scenario(sessions=10, interval_days=90, follow_up_days=730, home_interval_days=1)
    home = home_roller_course(office)
    assert home.interval_days == 7
    assert home.follow_up_days == 730
    assert home.end_day == 63 + 730 < office.end_day


def test_home_roller_course_has_no_home_rolls_of_its_own():
    """The home course is the roller alone, also when the scenario had home rolls."""
    home = home_roller_course(Scenario(home_maintenance=True))
    assert not home.home_maintenance and home.home_days == ()
    assert home.device == "home_roller" and home.adjunct == "none"


# --- the needle axis --------------------------------------------------------------


def test_needle_axes_are_round_grids_of_at_most_25_values_with_both_ends():
    """Pen 0.25-2.5 mm: a 0.05 mm grid has 46 values, so 0.1 mm: 0.25, 0.3, ..., 2.5
    (24 values). Medical roller 0.5-2.0 mm: 31 values at 0.05, so 0.1 mm (16 values).
    Home roller 0.2-0.3 mm: 0.05 mm (3 values)."""
    pen = (0.25, *(round(0.3 + 0.1 * k, 3) for k in range(23)))
    roller = tuple(round(0.5 + 0.1 * k, 3) for k in range(16))
    assert needle_axis_mm("office_pen") == pytest.approx(pen, abs=1e-12)
    assert needle_axis_mm("medical_roller") == pytest.approx(roller, abs=1e-12)
    assert needle_axis_mm("home_roller") == pytest.approx((0.2, 0.25, 0.3), abs=1e-12)


def test_needle_axis_limit_is_inclusive_and_coarser_steps_follow(monkeypatch):
    """24 values are allowed when the limit is 24; with 23 the pen takes 0.25 mm steps
    (10 values), with 15 the medical roller too (0.5, 0.75, ..., 2.0), and with 2 no
    round step fits, so only the two ends remain."""
    monkeypatch.setattr(plans, "MAX_NEEDLE_VALUES", 24)
    assert len(needle_axis_mm("office_pen")) == 24
    monkeypatch.setattr(plans, "MAX_NEEDLE_VALUES", 23)
    assert needle_axis_mm("office_pen") == pytest.approx(tuple(0.25 * k for k in range(1, 11)))
    monkeypatch.setattr(plans, "MAX_NEEDLE_VALUES", 15)
    assert needle_axis_mm("medical_roller") == pytest.approx(
        tuple(0.5 + 0.25 * k for k in range(7))
    )
    monkeypatch.setattr(plans, "MAX_NEEDLE_VALUES", 2)
    assert needle_axis_mm("office_pen") == (0.25, 2.5)


# --- the grid ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"x_name": "bogus"}, "'bogus' is not a numeric setting"),
        ({"y_name": "needle_mm"}, "both axes are 'needle_mm'"),
        ({"y_values": (1.0, 1.0)}, "'sessions' must be a non-empty increasing"),
        ({"comparison_day": -1.0}, "comparison_day = -1.0 days"),
    ],
)
def test_grid_errors_name_the_setting_and_repeated_values_are_rejected(changes, message):
    """A repeated value is not increasing: two identical rows are not a map."""
    args = {
        "x_name": "needle_mm",
        "x_values": (1.0, 1.5),
        "y_name": "sessions",
        "y_values": (1.0, 2.0),
        "comparison_day": 100.0,
    }
    with pytest.raises(ValueError, match=message):
        SweepGrid(**{**args, **changes})


def test_whole_number_settings_computed_in_floating_point_become_integers():
    """0.1 * 3 * 10 = 3.0000000000000004: the cell has 3 sessions."""
    value = 0.1 * 3 * 10
    assert value != 3.0
    grid = sweep_grid(Scenario(), "sessions", x_values=[1.0], y_values=[1.0, value])
    cells = grid_scenarios(grid, Scenario())
    assert [row[0].sessions for row in cells] == [1, 3]
    assert grid.comparison_day == 2 * 28 + 180


def test_a_second_setting_without_defaults_needs_its_values():
    """Home-roll interval has no default axis: with values it is a map (the end day
    does not depend on it), without values the error lists the known axes."""
    base = Scenario(home_maintenance=True)
    grid = sweep_grid(base, "home_interval_days", x_values=[1.0], y_values=[7, 14])
    assert grid.shape == (2, 1) and grid.comparison_day == base.end_day
    with pytest.raises(ValueError, match="sessions, interval_days, punctures_per_cm2"):
        sweep_grid(base, "home_interval_days")


# --- course totals and the outcome ------------------------------------------------


def test_course_range_is_ten_sessions_of_the_medical_roller_at_2_mm():
    """Every device at its longest allowed needle: pen 2.5 mm x 12 needles gives
    (5/3)^1.77 = 2.47, the medical roller 2.0 mm x 192 needles (4/3)^1.77 x 2.30 =
    3.03, the home roller 0.3 mm x 192 much less: the roller is the most painful."""
    assert plans._max_session_pain() == pytest.approx(gill_pain(2.0, 192), rel=1e-12)
    assert gill_pain(2.0, 192) > gill_pain(2.5, 12) > gill_pain(0.3, 192)


def test_sessions_and_rolls_on_the_comparison_day_count():
    """Office sessions on days 0, 28, 56; weekly rolls on 7, 14, 21, 35, ... On day 28
    the course has had 2 sessions (day 28 included) and 3 rolls (7, 14, 21):
    pain 2 p(pen 1.5 mm) + 3 p(roller 0.3 mm), redness likewise, each from the depth
    reached (pen 0.9 x 1.5 mm, roller 0.35 x 0.3 mm below a 0.06 mm epidermis). The
    sessions on day 21 are one office session and three rolls."""
    base = Scenario(home_maintenance=True, home_needle_mm=0.3, home_interval_days=7)
    pen_pain, roll_pain = gill_pain(1.5, 12), gill_pain(0.3, 192)
    pen_red, roll_red = redness(PEN_SHARE * 1.5, 0.06), redness(ROLLER_SHARE * 0.3, 0.06)
    assert roll_red == pytest.approx(0.5 + 2.5 * (0.105 - 0.06) / (2.25 - 0.06))
    for day, office, rolls in ((28.0, 2, 3), (21.0, 1, 3)):
        out = evaluate_scenarios([base], day)
        assert out["visits"][0] == office
        expected_pain = office * pen_pain + rolls * roll_pain
        assert out["course_pain_index"][0] == pytest.approx(expected_pain, rel=1e-12)
        expected_red = office * pen_red + rolls * roll_red
        assert out["redness_days"][0] == pytest.approx(expected_red, rel=1e-12)


def test_outcome_names_depth_reached_and_bleeding():
    """Without ``band`` only the median fill and the totals; the depth reached is the
    penetration share of the needle, and a session bleeds when it passes the
    epidermis (pen 0.9 x 1.5 mm > 0.06 mm; home roller 0.35 x 0.2 = 0.07 mm < 0.1 mm)."""
    pen = Scenario(sessions=1, follow_up_days=30)
    roller = pen.with_changes(device="home_roller", needle_mm=0.2, epidermis_mm=0.1)
    out = evaluate_scenarios([pen, roller], 30.0)
    assert set(out) == CORE | {"fill_pct"}
    np.testing.assert_allclose(out["effective_depth_mm"], [0.9 * 1.5, 0.35 * 0.2], rtol=1e-12)
    assert out["bleeding"].tolist() == [True, False]
    raised = evaluate_scenarios([Scenario(scar="keloid", sessions=1)], 30.0)
    assert set(raised) == CORE | {"height_change_mm"}


def test_a_sweep_without_band_has_no_percentiles():
    base = Scenario(sessions=1, follow_up_days=30)
    grid = sweep_grid(base, "sessions", x_values=[1.0], y_values=[1])
    assert set(evaluate_sweep(grid, base).measures) == CORE | {"fill_pct"}


def test_a_sweep_counts_equal_numbers_of_sessions_and_rolls():
    """Office sessions on days 0 and 28, rolls on 14 and 42 (28 is an office day):
    on day 42 two of each. The fill equals the full run of the course cut at day 42."""
    base = Scenario(sessions=2, home_maintenance=True, home_interval_days=14)
    cut = base.with_changes(follow_up_days=14)
    assert len(cut.session_days) == len(cut.home_days) == 2
    out = evaluate_scenarios([base], 42.0)
    full = simulate(cut).final["improvement_pct"]
    assert out["fill_pct"][0] == pytest.approx(full, rel=1e-9) and full > 0


# --- reading a map ----------------------------------------------------------------


def test_depends_on_y_ignores_matching_nans_and_sees_a_half_unit_change():
    grid = SweepGrid("needle_mm", (1.0, 1.5), "sessions", (1.0, 2.0), 100.0)
    flat_with_nan = np.array([[np.nan, 2.0], [np.nan, 2.0]])
    changed = np.array([[1.0, 2.0], [1.0, 2.5]])
    result = SweepResult(grid, False, {"a": flat_with_nan, "b": changed})
    assert not result.depends_on_y("a")
    assert result.depends_on_y("b")


def test_assemble_says_how_many_rows_the_grid_has():
    grid = SweepGrid("needle_mm", (1.0, 1.5), "sessions", (1.0, 2.0, 3.0), 100.0)
    with pytest.raises(ValueError, match="1 rows for a grid of 3"):
        assemble(grid, Scenario(), [{"fill_pct": np.zeros(2)}])


def test_ties_are_relative_to_the_maps_scale():
    """Large values: 1e-8 apart at 100 is a tie (rtol 1e-9 of the largest magnitude).
    Small values (mm heights): 1e-10 apart at 1e-6 is not."""
    large = np.array([[100.0, 100.0 + 1e-8], [1.0, 2.0]])
    best = best_cell(large, higher_is_better=True)
    assert best is not None and best.cells == ((0, 0), (0, 1))
    small = np.array([[1e-6, 1e-6 + 1e-10], [0.0, 0.0]])
    best = best_cell(small, higher_is_better=True)
    assert best is not None and best.cells == ((0, 1),) and best.value == 1e-6 + 1e-10


def test_one_cell_or_a_flat_pair_has_no_best_but_an_unequal_pair_has():
    assert best_cell(np.array([[4.0]]), higher_is_better=True) is None
    assert best_cell(np.array([[2.0, 2.0]]), higher_is_better=True) is None
    # One cell with a value among cells without: nothing to be better than either.
    assert best_cell(np.array([[np.nan, 3.0], [np.nan, np.nan]]), higher_is_better=True) is None
    pair = best_cell(np.array([[1.0, 2.0]]), higher_is_better=True)
    assert pair is not None and pair.cells == ((0, 1),)
    assert pair.edges == ("x_max", "y_min", "y_max")
    with pytest.raises(ValueError, match="two dimensions"):
        best_cell(np.zeros(3), higher_is_better=True)


def test_cheapest_settings_skip_an_unreached_target_in_any_order():
    """Targets need not be sorted: 99 % is out of reach, 20 % still has its cell."""
    improvement = np.array([[10.0, 25.0], [35.0, 45.0]])
    pain = np.array([[1.0, 2.0], [3.0, 6.0]])
    chosen = cheapest_settings(improvement, pain, (99, 20))
    assert [(s.target_pct, s.row, s.col) for s in chosen] == [(20, 0, 1)]
