"""Widths of the pages' controls: a select box shows its longest option, its row keeps
its width (whether the boxes cut nothing in Chromium is checked by
``tests/browser/test_layout.py::cut_choices``)."""

from __future__ import annotations

import math

from hypothesis import given
from hypothesis import strategies as st

from viz.controls import NARROWEST_SHARE, SELECT_CHROME_EM, row_widths_px, select_width_px
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
