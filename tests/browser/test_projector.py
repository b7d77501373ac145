"""Projector mode (the sidebar toggle "High contrast (projector)"): big text, dark captions.

Issue #7, item 3, checked at 1024x768 on every page: with the toggle on, chart
tick labels are at least 20 px, chart and axis titles at least 24 px, the main
text is larger than with the toggle off, and captions contrast at least 7:1
with white.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from playwright.sync_api import Page

from browser import harness

pytestmark = [pytest.mark.browser, pytest.mark.slow]

LAPTOP = {"width": 1024, "height": 768}
MIN_TICK_PX = 20
MIN_TITLE_PX = 24
MIN_CAPTION_CONTRAST = 7.0

# Font size of each SVG text of the visible charts: the size Plotly sets (as a
# style; an attribute if ever), else the computed one.
CHART_FONTS_JS = """(selector) => Array.from(document.querySelectorAll('.js-plotly-plot'))
    .filter((plot) => plot.getBoundingClientRect().width > 0)
    .flatMap((plot) => Array.from(plot.querySelectorAll(selector)).map((t) => ({
        chart: (plot.closest('[class*="st-key-"]')?.className.match(/st-key-(\\S+)/)
                || [0, '?'])[1],
        text: t.textContent.trim().slice(0, 40),
        px: parseFloat(t.style.fontSize || t.getAttribute('font-size')
                       || getComputedStyle(t).fontSize),
    })).filter((t) => t.text))"""

# Paragraphs of the main text: not captions, widget labels or slider values.
PARAGRAPH_SIZES_JS = """() => Array.from(document.querySelectorAll(
        '[data-testid="stMain"] [data-testid="stMarkdownContainer"] p'))
    .filter((p) => p.getBoundingClientRect().width > 0 && p.textContent.trim() && !p.closest(
        '[data-testid="stCaptionContainer"], [data-testid="stWidgetLabel"], '
        + '[data-testid^="stSlider"], summary'))
    .map((p) => parseFloat(getComputedStyle(p).fontSize))"""

# Colour of each piece of caption text, and the opacity it is drawn with.
CAPTION_COLOURS_JS = """() => Array.from(
        document.querySelectorAll('[data-testid="stCaptionContainer"]'))
    .filter((c) => c.getBoundingClientRect().width > 0)
    .flatMap((c) => [c, ...c.querySelectorAll('*')].filter((el) => Array.from(el.childNodes)
        .some((n) => n.nodeType === Node.TEXT_NODE && n.textContent.trim()))
        .map((el) => {
            let opacity = 1;
            for (let up = el; up; up = up.parentElement) {
                opacity *= parseFloat(getComputedStyle(up).opacity);
            }
            return {text: c.textContent.trim().slice(0, 40),
                    colour: getComputedStyle(el).color, opacity};
        }))"""


def contrast_with_white(colour: str, opacity: float = 1.0) -> float:
    """WCAG contrast ratio with white of a CSS ``rgb()``/``rgba()`` colour drawn on white."""
    numbers = [float(v) for v in colour[colour.index("(") + 1 : -1].replace("/", ",").split(",")]
    alpha = (numbers[3] if len(numbers) > 3 else 1.0) * opacity
    channels = [(alpha * v + (1 - alpha) * 255) / 255 for v in numbers[:3]]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    return 1.05 / (luminance + 0.05)


def usual(sizes: list[float]) -> float:
    """The most common size (the body text's, not a heading's or a footnote's)."""
    assert sizes, "no paragraph of text in the main area"
    return Counter(sizes).most_common(1)[0][0]


def too_small(texts: list[dict], minimum: float, what: str) -> list[str]:
    """One line per chart with texts under ``minimum`` px."""
    small: dict[str, list[dict]] = {}
    for text in texts:
        if text["px"] < minimum:
            small.setdefault(text["chart"], []).append(text)
    return [
        f"{chart}: {len(found)} {what} under {minimum} px, e.g. {found[0]['text']!r} "
        f"({found[0]['px']:g} px)"
        for chart, found in small.items()
    ]


# Each visible slider's value (above its thumb) and its label, as the text's own boxes.
SLIDER_TEXTS_JS = """() => {
    const box = (el) => {
        const range = document.createRange();
        range.selectNodeContents(el);
        const r = range.getBoundingClientRect();
        return {left: r.left, right: r.right, top: r.top, bottom: r.bottom};
    };
    return Array.from(document.querySelectorAll('.stMain [data-testid="stSlider"]'))
        .filter((s) => s.getBoundingClientRect().width > 0)
        .map((s) => ({
            label: box(s.querySelector('[data-testid="stWidgetLabel"] p')),
            value: box(s.querySelector('[data-testid="stSliderThumbValue"] p')),
            text: s.querySelector('[data-testid="stWidgetLabel"] p').textContent,
        }));
}"""
MIN_SLIDER_GAP_PX = 2.0


def crowded_sliders(page: Page) -> list[str]:
    """Sliders whose value reaches into their label (text boxes closer than
    :data:`MIN_SLIDER_GAP_PX` where they share columns)."""
    problems = []
    for slider in page.evaluate(SLIDER_TEXTS_JS):
        label, value = slider["label"], slider["value"]
        side_by_side = value["right"] <= label["left"] or value["left"] >= label["right"]
        gap = value["top"] - label["bottom"]
        if not side_by_side and gap < MIN_SLIDER_GAP_PX:
            problems.append(f"slider {slider['text']!r}: its value is {gap:.1f} px below its label")
    return problems


# Text fields on show, also inside components' shadow roots (the share link's box).
FIELD_SIZES_JS = """() => {
    const found = [];
    const visit = (root) => {
        for (const field of root.querySelectorAll('input:not([type]), input[type=text], '
                + 'input[type=number], input[type=url]')) {
            const box = field.getBoundingClientRect();
            if (box.width && box.height) {
                found.push({
                    text: field.getAttribute('aria-label') || field.id || field.value.slice(0, 30),
                    px: parseFloat(getComputedStyle(field).fontSize),
                });
            }
        }
        for (const host of root.querySelectorAll('*')) if (host.shadowRoot) visit(host.shadowRoot);
    };
    visit(document);
    return found;
}"""
MIN_FIELD_PX = 19.5
"""Text in a field in projector mode: as large as a select box's (1.25rem = 20 px). The
Practice cases' number box was 15.75 px and the share link's box 13.6 px."""


@pytest.mark.parametrize("path", harness.PAGES, ids=lambda p: p.strip("/") or "explore")
def test_projector_mode_makes_text_big_and_dark(page: Page, path: str) -> None:
    page.set_viewport_size(LAPTOP)
    harness.open_page(page, path)
    text_before = usual(page.evaluate(PARAGRAPH_SIZES_JS))
    harness.set_projector(page, True)

    problems = []
    text_after = usual(page.evaluate(PARAGRAPH_SIZES_JS))
    if text_after <= text_before:
        problems.append(f"main text is {text_after:g} px, not larger than without: {text_before:g}")
    badge = page.evaluate(
        "() => parseFloat(getComputedStyle(document.querySelector('.stMain .stMarkdownBadge'))"
        ".fontSize)"
    )
    if badge < text_after - 1:
        problems.append(f"the 'educational model' badge is {badge:g} px, the text {text_after:g}")
    problems += crowded_sliders(page)
    problems += [
        f"field {field['text']!r}: {field['px']:g} px (< {MIN_FIELD_PX:g})"
        for field in page.evaluate(FIELD_SIZES_JS)
        if field["px"] < MIN_FIELD_PX
    ]
    ticks = page.evaluate(CHART_FONTS_JS, ".xtick text, .ytick text")
    titles = page.evaluate(CHART_FONTS_JS, ".gtitle, .g-xtitle text, .g-ytitle text")
    if path in harness.CHARTS_AFTER_ANSWERS:
        assert not problems, f"{path} in projector mode: " + "; ".join(problems)
        return
    assert ticks or titles, f"{path}: no chart text found"
    problems += too_small(ticks, MIN_TICK_PX, "tick labels")
    problems += too_small(titles, MIN_TITLE_PX, "titles")
    for caption in page.evaluate(CAPTION_COLOURS_JS):
        ratio = contrast_with_white(caption["colour"], caption["opacity"])
        if ratio < MIN_CAPTION_CONTRAST:
            problems.append(
                f"caption {caption['text']!r}: {caption['colour']} at opacity "
                f"{caption['opacity']:.2g} on white is {ratio:.1f}:1 "
                f"(< {MIN_CAPTION_CONTRAST:g}:1)"
            )
    assert not problems, f"{path}, projector mode at 1024x768:\n" + "\n".join(problems)


def test_projector_screenshot_of_explore(page: Page, screenshot_dir: Path) -> None:
    page.set_viewport_size({"width": 1920, "height": 1080})
    harness.open_page(page, "/", projector=True)
    assert not harness.exception_texts(page)
    assert page.locator(".js-plotly-plot").count() >= 1
    shot = harness.screenshot(page, "projector-explore-1920x1080", full_page=False)
    assert shot.stat().st_size > 10_000, f"screenshot {shot} is nearly empty"
