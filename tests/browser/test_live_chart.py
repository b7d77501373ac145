"""Charts are updated in place (``pages/_live_chart.js``, issue #8).

A slider move must redraw the cross-section inside the same element with
``Plotly.react``: ``st.plotly_chart`` unmounted the chart and drew it from
nothing on every move, which was most of the slider's latency.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from browser import harness

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CHART = ".st-key-chart_cross_section .live-chart"

MARK_JS = """(selector) => {
    const el = document.querySelector(selector);
    el.__sameElement = true;
    return {drawn: Number(el.dataset.drawn), data: el.data.map((t) => t.name)};
}"""

STATE_JS = """(selector) => {
    const el = document.querySelector(selector);
    return {
        same: el.__sameElement === true,
        drawn: Number(el.dataset.drawn),
        pending: el.dataset.pending ?? null,
        error: el.dataset.error ?? null,
        title: el.querySelector('.gtitle')?.textContent ?? '',
        plotly: typeof window.Plotly?.react === 'function',
        role: el.getAttribute('role'),
        label: el.getAttribute('aria-label') ?? '',
    };
}"""


def test_a_slider_move_redraws_the_same_chart_element(page: Page) -> None:
    harness.open_app(page, "/")
    before = page.evaluate(MARK_JS, CHART)
    first = page.evaluate(STATE_JS, CHART)
    assert first["plotly"], "Plotly.js (Streamlit's own file) was not loaded"
    assert first["role"] == "img", "a chart without toolbar is one picture to a screen reader"
    assert len(first["label"]) > 40, f"the chart's text alternative is {first['label']!r}"

    thumbs = harness.slider_thumbs(page)
    index = next(i for i, t in enumerate(thumbs) if t["label"].startswith("Needle length"))
    page.locator(harness.SLIDER_THUMB_SELECTOR).nth(index).focus()
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowLeft")
    harness.wait_for_app_idle(page)

    after = page.evaluate(STATE_JS, CHART)
    assert after["error"] is None, after["error"]
    assert after["same"], "the chart element was replaced (remounted) instead of updated"
    assert after["drawn"] > before["drawn"], "the new figure was not drawn"
    assert after["pending"] is None
    assert after["title"] and after["title"] != first["title"], (
        f"the chart still shows {first['title']!r} after a shorter needle"
    )
    assert page.evaluate("(s) => document.querySelectorAll(s).length", CHART) == 1


FILL_JS = """(selector) => {
    const gd = document.querySelector(selector);
    const full = gd._fullLayout;
    return {
        height: full.height,
        plotWidth: full._size.w,
        plotHeight: full._size.h,
        xLength: full.xaxis._length,
        yLength: full.yaxis._length,
    };
}"""


@pytest.mark.parametrize(
    ("width", "height", "fills_width"),
    [(390, 844, True), (1024, 768, True), (1366, 768, False)],
    ids=["phone", "projector", "laptop"],
)
def test_cross_section_fills_its_chart_without_an_empty_band(
    page: Page, width: int, height: int, fills_width: bool
) -> None:
    """Drawn to scale, the section leaves either an empty band under the plot or space
    beside it. On screens narrower than the one its height is made for, the chart is
    made lower (``layout.meta.fit_height``) so the picture fills it; wider screens keep
    the server's height and leave space beside it."""
    page.set_viewport_size({"width": width, "height": height})
    harness.open_app(page, "/")
    size = page.evaluate(FILL_JS, CHART)
    assert abs(size["yLength"] - size["plotHeight"]) <= 2, (
        f"at {width}x{height} the section is {size['yLength']:.0f} px high in a plot area "
        f"{size['plotHeight']:.0f} px high: an empty band under it ({size})"
    )
    if fills_width:
        assert abs(size["xLength"] - size["plotWidth"]) <= 2, size


def test_charts_leaving_the_page_while_the_window_resizes_raise_nothing(
    page: Page, js_errors: list[str]
) -> None:
    """A resize reaches Plotly 100 ms later; a lesson step changed meanwhile has removed
    the chart (``Plotly.purge``). Nothing may then be drawn into the removed chart."""
    page.set_viewport_size({"width": 1024, "height": 768})
    harness.open_app(page, "/lesson?step=2")
    for width in (390, 1024, 390, 1024, 390, 1024):
        page.set_viewport_size({"width": width, "height": 768})
        page.keyboard.press("PageDown" if width == 390 else "PageUp")
        page.wait_for_timeout(60)
    harness.wait_for_app_idle(page)
    page.wait_for_timeout(300)
    assert not js_errors, js_errors
