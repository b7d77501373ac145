"""Shared test settings: floating-point problems (not underflow to 0) are errors."""

from __future__ import annotations

import numpy as np
import pytest


@pytest.fixture(autouse=True)
def _floating_point_errors_raise():
    with np.errstate(all="raise", under="ignore"):
        yield
