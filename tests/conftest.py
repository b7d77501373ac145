"""Shared test settings.

* Floating-point problems (except underflow to 0) are errors, as in py-pde.
* Under ``CI=true`` hypothesis is derandomized, so CI is repeatable; local runs
  keep exploring new examples.
* The app tests (``tests/app``) see the server of a lone reader (below).
"""

from __future__ import annotations

import os
from pathlib import Path

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


APP_TESTS = Path(__file__).parent / "app"


@pytest.fixture(autouse=True)
def _app_tests_see_a_lone_reader(request, monkeypatch):
    """No busy window in the app tests (``pages._shared.BUSY_WINDOW_S = 0``).

    They run one ``AppTest`` session after another in this process. A session that
    ended a moment ago would make the next one see a shared server (``others_active``),
    and then whether figures are computed ahead would depend on how fast the previous
    test was. With no window only a session running at the same moment counts, which
    never happens here. (A fixture here, not in ``tests/app/conftest.py``: ``tests/app``
    is not a package, so a second ``conftest`` module there clashes with this one.)
    """
    if APP_TESTS in Path(request.node.path).parents:
        import pages._shared as shared  # here: the model's tests need no Streamlit

        monkeypatch.setattr(shared, "BUSY_WINDOW_S", 0.0)
