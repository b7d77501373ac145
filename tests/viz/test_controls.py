"""The pages' controls: a select box shows its longest option, its row keeps
its width (whether the boxes cut nothing in Chromium is checked by
``tests/browser/test_layout.py::cut_choices``)."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from viz.controls import (
    NARROWEST_SHARE,
    SELECT_CHROME_EM,
    moved_slider,
    row_widths_px,
    select_width_px,
    slider_neighbours,
    slider_text,
    step_decimals,
)
from viz.timeline import text_width_px

BASE = 180


def test_a_select_box_grows_with_its_longest_option_and_never_below_the_row_width():
    short = select_width_px(["Office pen", "Home roller"], 16, BASE)
    assert short == BASE  # fits: nothing changes
    spanish = select_width_px(["Pluma de microagujas", "Rodillo de uso en casa"], 16, BASE)
    longest = text_width_px("Rodillo de uso en casa", 16)
    assert spanish == math.ceil(longest + SELECT_CHROME_EM * 16) > BASE
    # Projector mode's larger text needs a wider box for the same words.
    assert select_width_px(["Rodillo de uso en casa"], 20, BASE) > spanish
    assert select_width_px([], 16, BASE) == BASE


widths = st.lists(st.one_of(st.none(), st.integers(BASE, 2 * BASE)), min_size=1, max_size=8)


@given(widths)
def test_a_row_keeps_its_width_when_it_can_and_never_narrows_a_select_box(selects):
    out = row_widths_px(selects, BASE)
    assert len(out) == len(selects)
    floor = math.ceil(NARROWEST_SHARE * BASE)
    for want, got in zip(selects, out, strict=True):
        if want is None:
            assert floor <= got <= BASE
        else:
            assert got == want  # a select box shows its options whole
    others = selects.count(None)
    extra = sum(w - BASE for w in selects if w is not None)
    if others and extra <= others * (BASE - floor):
        # The others give up what the select boxes take (rounded up to whole px each):
        # the row is no wider than before, and narrower by less than a px per control.
        assert len(selects) * BASE - others < sum(out) <= len(selects) * BASE
    elif others:
        assert all(got == floor for want, got in zip(selects, out, strict=True) if want is None)


# --- a slider's next values (pages/_chart_ahead.js draws them ahead of a move) -------

grids = st.sampled_from([(0.2, 2.5, 0.05), (0.25, 2.5, 0.05), (0, 10, 1), (7, 90, 1), (1, 28, 1)])


@given(grids, st.data())
def test_the_next_values_are_one_step_away_on_the_sliders_grid_and_inside_its_range(grid, data):
    low, high, step = grid
    index = data.draw(st.integers(0, round((high - low) / step)))
    value = low + index * step  # as the browser's slider accumulates it: not always exact
    out = slider_neighbours(value, low, high, step)
    at_end = index in (0, round((high - low) / step))
    assert len(out) == (1 if at_end else 2)
    for v in out:
        assert low - 1e-12 <= v <= high + 1e-12
        steps = (v - low) / step
        assert abs(steps - round(steps)) < 1e-9, f"{v} is off the slider's grid"
        assert abs(abs(v - value) - step) < 1e-9, f"{v} is not one step from {value}"
        assert v == round(v, step_decimals(step)), "not snapped like the browser's slider"
    assert list(out) == sorted(out)


def test_the_next_values_at_the_ends_and_for_a_value_between_two_steps():
    assert slider_neighbours(2.5, 0.25, 2.5, 0.05) == (2.45,)
    assert slider_neighbours(0.25, 0.25, 2.5, 0.05) == (0.3,)
    # A value off the grid (a link's 1.52 mm) is snapped first, as the slider shows it.
    assert slider_neighbours(1.52, 0.25, 2.5, 0.05) == (1.45, 1.55)
    assert slider_neighbours(5, 5, 5, 1) == ()  # a slider of one value has no next one
    with pytest.raises(ValueError, match="low <= high"):
        slider_neighbours(1, 2, 1, 1)


def test_values_are_written_as_the_browser_writes_them():
    # Number(value).toFixed(decimals) in pages/_chart_ahead.js
    assert [step_decimals(s) for s in (0.05, 0.5, 1, 2, 0.001)] == [2, 1, 0, 0, 3]
    assert slider_text(1.5500000000000003, 0.05) == "1.55"
    assert slider_text(0.3 - 0.05, 0.05) == "0.25"
    assert slider_text(28, 1) == "28"
    with pytest.raises(ValueError, match="step must be > 0"):
        step_decimals(0)


def test_the_moved_slider_is_the_first_that_changed():
    before = {"needle_mm": 1.5, "sessions": 3}
    assert moved_slider(None, before, list(before)) is None
    assert moved_slider(before, dict(before), list(before)) is None
    assert moved_slider(before, {**before, "sessions": 4}, list(before)) == "sessions"
    assert moved_slider(before, {"needle_mm": 1.55, "sessions": 4}, list(before)) == "needle_mm"
