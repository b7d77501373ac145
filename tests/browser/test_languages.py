"""Every page in Spanish and Arabic, in Chromium (issue #10): a screenshot of each
(look at them: test-output/screenshots/lang-<code>-<page>.png), the page's language
for screen readers, Arabic text right to left with its charts left to right, no
sideways scrolling, and chart text that neither overlaps nor leaves its chart."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from browser import harness
from browser.test_layout import CHART_TEXT, CHARTS_JS, WIDE, chart_problems

pytestmark = [pytest.mark.browser, pytest.mark.slow]

DIRECTIONS_JS = """() => {
    const main = document.querySelector('.stMain .block-container');
    const text = document.querySelector('.stMain [data-testid="stMarkdownContainer"] p');
    const chart = document.querySelector('.live-chart');
    const style = (el) => (el ? getComputedStyle(el) : null);
    return {
        lang: document.documentElement.lang,
        main: style(main)?.direction,
        textAlign: style(text)?.textAlign,
        chart: style(chart)?.direction ?? null,
        sideways: document.documentElement.scrollWidth > document.documentElement.clientWidth + 1,
    };
}"""


@pytest.mark.parametrize("code", ["es", "ar"])
@pytest.mark.parametrize("path", harness.PAGES, ids=lambda p: p.strip("/") or "explore")
def test_page_in_language(page: Page, path: str, code: str) -> None:
    page.set_viewport_size(WIDE)
    harness.open_page(page, f"{path}?lang={code}")
    shot = harness.screenshot(page, f"lang-{code}-{path.strip('/') or 'explore'}")
    assert shot.stat().st_size > 10_000, f"screenshot {shot} is nearly empty"
    assert not harness.exception_texts(page), harness.exception_texts(page)
    found = page.evaluate(DIRECTIONS_JS)
    assert found["lang"] == code, found
    assert not found["sideways"], f"{path} in {code} scrolls sideways (see {shot})"
    if code == "ar":
        assert found["main"] == "rtl" and found["textAlign"] in ("right", "start"), found
        if found["chart"] is not None:
            assert found["chart"] == "ltr", found
    else:
        assert found["main"] == "ltr", found
    if path in harness.CHART_PAGES:
        charts = page.evaluate(CHARTS_JS, CHART_TEXT)
        problems = [problem for chart in charts for problem in chart_problems(chart)]
        assert not problems, f"{path} in {code} (see {shot}):\n" + "\n".join(problems)


def test_selector_switches_the_whole_app_and_the_link_keeps_it(page: Page) -> None:
    """Choose العربية in the sidebar: the page speaks Arabic, right to left, and the
    link carries ``lang=ar``; choose English again and it is gone."""
    page.set_viewport_size(WIDE)
    harness.open_page(page, "/office_vs_home")
    select = page.locator(".st-key-v_lang")
    select.click()
    page.get_by_role("option", name="العربية").click()
    harness.wait_for_app_idle(page)
    page.wait_for_function("() => document.documentElement.lang === 'ar'")
    assert "lang=ar" in page.evaluate("location.href")
    assert page.evaluate(DIRECTIONS_JS)["main"] == "rtl"
    harness.screenshot(page, "lang-selector-ar-office_vs_home")
    select.click()
    page.get_by_role("option", name="English").click()
    harness.wait_for_app_idle(page)
    page.wait_for_function("() => document.documentElement.lang === 'en'")
    assert "lang=" not in page.evaluate("location.href")
