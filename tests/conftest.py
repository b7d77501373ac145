"""Shared test settings.

* Floating-point problems (except underflow to 0) are errors, as in py-pde.
* Under ``CI=true`` hypothesis is derandomized, so CI is repeatable; local runs
  keep exploring new examples.
"""

from __future__ import annotations

import os

import numpy as np
import pytest
from hypothesis import settings

settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
if os.environ.get("CI", "").lower() == "true":
    settings.load_profile("ci")


@pytest.fixture(autouse=True)
def _floating_point_errors_raise():
    with np.errstate(all="raise", under="ignore"):
        yield
