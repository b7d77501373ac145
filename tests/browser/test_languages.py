"""Every page in Spanish and Arabic, in Chromium (issue #10): a screenshot of each
(look at them: test-output/screenshots/lang-<code>-<page>.png), the page's language
for screen readers, Arabic text right to left with its charts left to right, no
sideways scrolling, and chart text that neither overlaps nor leaves its chart."""

from __future__ import annotations

import itertools

import pytest
from playwright.sync_api import Page

from browser import harness
from browser.test_layout import (
    CHART_TEXT,
    CHARTS_JS,
    PHONE,
    WIDE,
    chart_problems,
    cut_choices,
    wide_formulas,
)
from viz.i18n import _, speaking

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SIZES = {"1366x768": WIDE, "390x844": PHONE}

DIRECTIONS_JS = """() => {
    const main = document.querySelector('.stMain .block-container');
    const text = document.querySelector('.stMain [data-testid="stMarkdownContainer"] p');
    const chart = document.querySelector('.live-chart');
    const style = (el) => (el ? getComputedStyle(el) : null);
    return {
        lang: document.documentElement.lang,
        skip: document.querySelector('[data-testid="stSkipToContent"]')?.textContent ?? null,
        main: style(main)?.direction,
        textAlign: style(text)?.textAlign,
        chart: style(chart)?.direction ?? null,
        sideways: document.documentElement.scrollWidth > document.documentElement.clientWidth + 1,
    };
}"""


@pytest.mark.parametrize("size", ["1366x768", "390x844"])
@pytest.mark.parametrize("code", ["es", "ar"])
@pytest.mark.parametrize("path", harness.PAGES, ids=lambda p: p.strip("/") or "explore")
def test_page_in_language(page: Page, path: str, code: str, size: str) -> None:
    """Longer words (Spanish) and another script (Arabic) on a laptop and on a phone."""
    page.set_viewport_size(SIZES[size])
    harness.open_page(page, f"{path}?lang={code}")
    shot = harness.screenshot(page, f"lang-{code}-{path.strip('/') or 'explore'}-{size}")
    assert shot.stat().st_size > 10_000, f"screenshot {shot} is nearly empty"
    assert not harness.exception_texts(page), harness.exception_texts(page)
    found = page.evaluate(DIRECTIONS_JS)
    assert found["lang"] == code, found
    with speaking(code):
        assert found["skip"] == _("Skip to main content") != "Skip to main content", found
    assert not found["sideways"], f"{path} in {code} scrolls sideways (see {shot})"
    assert not cut_choices(page), f"{path} in {code}: select boxes cut {cut_choices(page)}"
    assert not wide_formulas(page), f"{path} in {code}: formulas scroll {wide_formulas(page)}"
    if code == "ar":
        assert found["main"] == "rtl" and found["textAlign"] in ("right", "start"), found
        if found["chart"] is not None:
            assert found["chart"] == "ltr", found
        # The time controls run left to right like the time axis above them (inside
        # their shadow root, which inherited the page's right to left).
        # A list's bullets go on the right, and need the indent there.
        indents = page.evaluate(
            """() => Array.from(document.querySelectorAll(
                '.stMain [data-testid="stMarkdownContainer"] li'),
                (li) => parseFloat(getComputedStyle(li).marginRight))"""
        )
        assert all(indent >= 10 for indent in indents), f"bullets without room: {indents}"
        controls = page.locator(".time-controls")
        if controls.count():
            direction = controls.first.evaluate("(el) => getComputedStyle(el).direction")
            assert direction == "ltr", f"time controls are {direction} (see {shot})"
    else:
        assert found["main"] == "ltr", found
    if path in harness.CHART_PAGES:
        charts = page.evaluate(CHARTS_JS, CHART_TEXT)
        problems = [problem for chart in charts for problem in chart_problems(chart)]
        assert not problems, f"{path} in {code} (see {shot}):\n" + "\n".join(problems)


RTL_LINES_JS = """() => {
    // Chart text lines that begin with an Arabic letter and end in a unit after a
    // number ("حتى 0.36 مم"): where the first letter, the number and the unit are drawn.
    const arabic = /[\\u0600-\\u06ff]/;
    const found = [];
    for (const chart of document.querySelectorAll('.live-chart svg')) {
        const walker = document.createTreeWalker(chart, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const text = node.data;
            const chars = [...text].map((c, i) => [c, i]);
            const letters = chars.filter(([c]) => /\\p{L}/u.test(c));
            const digits = chars.filter(([c]) => /[0-9]/.test(c));
            if (letters.length < 2 || !digits.length) continue;
            const [first, last] = [letters[0], letters[letters.length - 1]];
            const digit = digits[digits.length - 1];
            if (!arabic.test(first[0]) || first[1] > digits[0][1] || last[1] < digit[1]) continue;
            const box = (i) => {
                const range = document.createRange();
                range.setStart(node, i);
                range.setEnd(node, i + 1);
                return range.getBoundingClientRect();
            };
            // The first digit of each number that a word separates from the number
            // before it (a range such as "0.05-0.15" is one LTR run), in reading order.
            const starts = [];
            const units = []; // the first letter after each of those numbers, if any
            let word = true;
            for (const [c, i] of chars) {
                if (/\\p{L}/u.test(c)) {
                    if (!word) units.push(i);
                    word = true;
                } else if (/[0-9]/.test(c) && word) {
                    starts.push([c, i]);
                    word = false;
                }
            }
            found.push({
                text, first: box(first[1]).left, number: box(digit[1]).left,
                last: box(last[1]).left, numbers: starts.map(([c, i]) => box(i).left),
                units: units.map((i) => box(i).left),
            });
        }
    }
    return found;
}"""


def test_arabic_chart_lines_read_from_the_right(page: Page) -> None:
    """A chart line that starts in Arabic and ends in a unit after a number ("حتى 0.36 مم",
    "to 0.36 mm") is drawn as an Arabic paragraph would be: its first word on the right,
    then the number, the unit on the left. (Between two right-to-left marks a Latin "mm"
    stayed on the right; the unit is now CLDR's Arabic مم.)"""
    page.set_viewport_size(WIDE)
    harness.open_page(page, "/office_vs_home?lang=ar")
    lines = page.evaluate(RTL_LINES_JS)
    assert len(lines) >= 3, f"expected the depth chart's layer names, found {lines}"
    wrong = [line["text"] for line in lines if not line["first"] > line["number"] > line["last"]]
    # Numbers follow each other from right to left too: "1.50 مم، 3 جلسات" was drawn
    # "جلسات mm، 3 1.50" with a Latin "mm" (the 3 before the unit of the 1.50).
    # and a number's unit stands between it and the next number.
    for line in lines:
        numbers, units = line["numbers"], line["units"]
        order = [x for pair in zip(numbers, units, strict=False) for x in pair]
        if len(numbers) > len(units):
            order.append(numbers[-1])
        if any(a <= b for a, b in itertools.pairwise(order)):
            wrong.append(line["text"])
    assert not wrong, f"read left to right: {wrong}"


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
