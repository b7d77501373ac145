"""Settings of the app tests.

The app tests run one ``AppTest`` session after another in one process. A session that
ended a moment ago would make the next one see a shared server (``others_active``: another
session ran in the last ``BUSY_WINDOW_S``), and then whether figures are computed ahead
would depend on how fast the previous test was. With no window, only a session running at
the same moment counts, which never happens here: every test sees the server of a lone
reader.
"""

from __future__ import annotations

import pytest

import pages._shared as shared


@pytest.fixture(autouse=True)
def _alone_on_the_server(monkeypatch):
    monkeypatch.setattr(shared, "BUSY_WINDOW_S", 0.0)
