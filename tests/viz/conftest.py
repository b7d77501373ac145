"""Shared fixtures of the figure tests: simulated results, computed once."""

from __future__ import annotations

import pytest

from sim import Scenario, simulate
from sim.model import Result


@pytest.fixture(scope="session")
def default_result() -> Result:
    """The default scenario (shallow boxcar, office pen 1.5 mm, 3 sessions 4 weeks apart)."""
    return simulate(Scenario())


@pytest.fixture(scope="session")
def keloid_result() -> Result:
    """A keloid treated with the default protocol."""
    return simulate(Scenario(scar="keloid"))


@pytest.fixture(scope="session")
def home_result() -> Result:
    """A shallow boxcar treated with a home roller."""
    return simulate(Scenario(device="home_roller", needle_mm=0.25))
