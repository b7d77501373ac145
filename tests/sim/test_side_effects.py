"""Side effects against their sources."""

from __future__ import annotations

import pytest

from sim import Scenario
from sim.side_effects import pain_index, redness_days, side_effects


def test_pain_follows_gill_2008():
    assert pain_index(3.0, 12) / pain_index(1.0, 12) == pytest.approx(7.0)
    assert pain_index(1.0, 120) / pain_index(1.0, 12) == pytest.approx(2.0)
    assert pain_index(1.5, 12) == pytest.approx(1.0)


def test_bleeding_means_reaching_the_dermis():
    assert side_effects(Scenario(needle_mm=1.5)).bleeding
    shallow = Scenario(device="home_roller", needle_mm=0.25)
    assert shallow.effective_depth_mm < shallow.epidermis_mm
    assert not side_effects(shallow).bleeding


def test_redness_grows_with_depth_within_reported_range():
    days = [redness_days(d, 0.06) for d in (0.03, 0.1, 0.3, 0.5, 1.0)]
    assert days == sorted(days)
    assert days[0] == pytest.approx(0.5) and days[-1] == pytest.approx(3.0)
