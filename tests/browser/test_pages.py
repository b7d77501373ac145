"""Every page renders; sliders, links and bad links behave (issue #3)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from browser import harness
from sim.registry import choice_label, spec

pytestmark = [pytest.mark.browser, pytest.mark.slow]

DISCLAIMER = "not a prediction for you"
NAV_LINKS = '[data-testid="stSidebarNavLink"]'


def slider_value(page: Page, name: str) -> float:
    """Value shown by the slider of registry parameter ``name`` (widget key ``w_<name>``)."""
    thumb = page.locator(f".st-key-w_{name}").locator(harness.SLIDER_THUMB_SELECTOR)
    return float(thumb.evaluate("(t) => t.getAttribute('aria-valuenow') ?? t.value"))


def test_navigation_lists_the_six_pages(page: Page) -> None:
    harness.open_app(page, "/")
    links = page.locator(NAV_LINKS).evaluate_all(
        "(links) => links.map((a) => [a.innerText.trim(), new URL(a.href).pathname])"
    )
    # Material icons are ligatures: their name is part of the text ("biotech Explore").
    shown = {path.rstrip("/") or "/": text for text, path in links}
    assert list(shown) == list(harness.PAGES), f"navigation links: {links}"
    for path, title in harness.PAGES.items():
        assert shown[path].endswith(title), f"link to {path} reads {shown[path]!r}, not {title!r}"


@pytest.mark.parametrize("path", harness.PAGES, ids=lambda p: p.strip("/") or "explore")
def test_page_renders_a_chart_and_the_disclaimer(
    page: Page, js_errors: list[str], path: str
) -> None:
    harness.open_app(page, path)
    assert not harness.exception_texts(page), harness.exception_texts(page)
    drawn = page.locator(".js-plotly-plot").evaluate_all(
        "(charts) => charts.filter((c) => c.getBoundingClientRect().width > 0"
        " && (c.data || []).length > 0).length"
    )
    if path != "/cases":  # its charts come with the answers (tests/browser/test_cases.py)
        assert drawn > 0, f"{path}: no visible Plotly chart with data"
    assert page.get_by_text(DISCLAIMER).first.is_visible(), f"{path}: {DISCLAIMER!r} not shown"
    assert not js_errors, f"{path}: uncaught JavaScript errors: {js_errors}"


def test_keyboard_slider_change_updates_the_chart(page: Page) -> None:
    harness.open_app(page, "/")
    thumb = page.locator(".st-key-w_sessions").locator(harness.SLIDER_THUMB_SELECTOR)
    before_value = slider_value(page, "sessions")
    key = "ArrowLeft" if before_value >= (spec("sessions").max or 0) else "ArrowRight"
    before = page.evaluate(harness.PLOTLY_SIGNATURE_JS)
    assert before, "the Explore page has no Plotly chart"

    thumb.focus()
    page.keyboard.press(key)
    try:
        page.wait_for_function(
            "([old, js]) => JSON.stringify(eval(js)()) !== JSON.stringify(old)",
            arg=[before, harness.PLOTLY_SIGNATURE_JS],
            timeout=15_000,
        )
    except PlaywrightTimeoutError:
        pytest.fail(
            f"{key} on the sessions slider (value {before_value}) changed no chart within 15 s; "
            f"slider now {slider_value(page, 'sessions')}; exceptions: "
            f"{harness.exception_texts(page)}"
        )
    harness.wait_for_app_idle(page)
    assert slider_value(page, "sessions") != before_value, f"{key} did not move the slider"
    assert not harness.exception_texts(page)


def test_link_with_query_parameters_opens_that_scenario(page: Page) -> None:
    harness.open_app(page, "/?scar=keloid&sessions=5")
    assert not harness.exception_texts(page), harness.exception_texts(page)
    shown = page.locator(".st-key-w_scar").get_by_role("combobox").input_value()
    assert choice_label("scar", "keloid").lower() in shown.lower(), f"?scar=keloid shows {shown!r}"
    assert slider_value(page, "sessions") == 5


def test_malformed_link_shows_a_notice_and_no_exception(page: Page) -> None:
    alerts = page.locator('[data-testid="stAlert"]')
    harness.open_app(page, "/")
    clean = set(alerts.all_inner_texts())

    harness.open_app(page, "/?sessions=banana&needle_mm=99")
    assert not harness.exception_texts(page), harness.exception_texts(page)
    notices = [text for text in alerts.all_inner_texts() if text not in clean]
    assert any(re.search(r"sessions|needle|banana|\b99\b", n, re.IGNORECASE) for n in notices), (
        f"?sessions=banana&needle_mm=99 shows no notice about the bad values; new: {notices}"
    )
    for name in ("sessions", "needle_mm"):
        low, high = spec(name).min, spec(name).max
        assert low is not None and high is not None
        assert low <= slider_value(page, name) <= high, f"{name} slider outside {low}..{high}"
