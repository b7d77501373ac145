"""Helpers of the app tests: start the app, read the Plotly charts it sent."""

from __future__ import annotations

import json
from pathlib import Path

from streamlit.testing.v1 import AppTest

from viz.style import decoded_figure

APP = Path(__file__).resolve().parents[2] / "app.py"
PAGES = (
    "pages/explore.py",
    "pages/how_it_looks.py",
    "pages/office_vs_home.py",
    "pages/depressed_vs_raised.py",
    "pages/protocol_trade_offs.py",
    "pages/skin_tone_and_laser.py",
    "pages/cases.py",
    "pages/lesson.py",
    "pages/model_and_evidence.py",
)


def open_app(page: str | None = None, query: dict[str, str] | None = None) -> AppTest:
    """Run the app (with URL query values), then switch to ``page`` and run it."""
    at = AppTest.from_file(str(APP), default_timeout=60)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.run()
    if page is not None and page != PAGES[0]:
        at.switch_page(page).run()
    return at


def live_charts(at: AppTest) -> list[dict]:
    """What every chart on the page sends to the browser (``pages._shared.chart``, a
    ``live_chart`` component): ``{"figure": JSON text, "config", "alt", "plotly"}``."""
    return [
        json.loads(c.proto.json)
        for c in at.get("bidi_component")
        if c.proto.component_name.endswith("live_chart")
    ]


def charts(at: AppTest) -> list[dict]:
    """Every chart on the page as a decoded figure dict."""
    return [decoded_figure(c["figure"]) for c in live_charts(at)]
