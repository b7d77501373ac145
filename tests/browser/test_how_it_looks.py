"""The page "How it looks" in Chromium: the four 3-D panels are seen, fit and animate.

Screenshots (``test-output/screenshots/how_it_looks-*.png``) at 1366x768, at
1024x768 in projector mode and at 390x844. What is checked in the pixels: each
panel draws the skin with the scar's shadow (at true scale, the default), and
no panel's drawing reaches the edge of its own area (nothing cut off).
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from playwright.sync_api import Page

from browser import harness

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CHART = ".st-key-chart_surface"
GROUP = '.st-key-time_surface [role="group"]'
SIZES = {
    "1366x768": ({"width": 1366, "height": 768}, False),
    "1024x768-projector": ({"width": 1024, "height": 768}, True),
    "390x844": ({"width": 390, "height": 844}, False),
}
SCENES_JS = """(chart) => Array.from(
    document.querySelectorAll(chart + ' .gl-container > div[id^="scene"]'),
    (el) => { const r = el.getBoundingClientRect();
              return {id: el.id, x: r.x, y: r.y, width: r.width, height: r.height}; })"""
TITLE_JS = "(chart) => document.querySelector(chart + ' .gtitle')?.textContent || ''"


def scene_pixels(page: Page, scene: dict) -> np.ndarray:
    """The scene's area on screen as an RGB array (scrolled into view first)."""
    page.locator(f"{CHART} #{scene['id']}").scroll_into_view_if_needed()
    box = page.locator(f"{CHART} #{scene['id']}").bounding_box()
    assert box is not None
    png = page.screenshot(
        clip={"x": box["x"], "y": box["y"], "width": box["width"], "height": box["height"]}
    )
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB"), dtype=float)


@pytest.mark.parametrize("case", SIZES)
@pytest.mark.parametrize("patch", ["one_scar", "mixed"])
def test_four_panels_show_the_scars_and_fit(
    page: Page, screenshot_dir: Path, js_errors: list[str], case: str, patch: str
) -> None:
    size, projector = SIZES[case]
    page.set_viewport_size(size)
    harness.open_page(page, f"/how_it_looks?patch={patch}", projector=projector)
    assert not harness.exception_texts(page), harness.exception_texts(page)
    page.locator(CHART).scroll_into_view_if_needed()
    harness.wait_for_app_idle(page)
    shot = harness.screenshot(page, f"how_it_looks-{patch}-{case}", full_page=False)
    scenes = page.evaluate(SCENES_JS, CHART)
    assert [s["id"] for s in scenes] == ["scene", "scene2", "scene3", "scene4"], scenes
    chart = page.locator(CHART).bounding_box()
    assert chart is not None and chart["x"] + chart["width"] <= size["width"] + 1
    for scene in scenes:
        assert scene["x"] >= chart["x"] - 1
        assert scene["x"] + scene["width"] <= chart["x"] + chart["width"] + 1
        pixels = scene_pixels(page, scene)
        brightness = pixels.mean(axis=2)
        skin = brightness < 245  # not the white background
        assert skin.mean() > 0.15, f"{scene['id']} at {case}: hardly any skin drawn ({shot})"
        # Nothing cut off: the outermost columns and rows of the area are background.
        for edge in (skin[:, :2], skin[:, -2:], skin[:2, :], skin[-2:, :]):
            assert edge.mean() < 0.02, f"{scene['id']} at {case}: the patch is cut ({shot})"
        if scene["id"] == "scene":
            # Before treatment, at true scale, the side light shows the scar: part of
            # the skin is much darker than the typical (flat) skin.
            flat = np.median(brightness[skin])
            assert np.percentile(brightness[skin], 1) < flat - 40, (
                f"{case}: no scar visible in the 'Before' panel ({shot})"
            )
    assert not js_errors, js_errors


def test_time_controls_animate_the_surface(page: Page) -> None:
    page.set_viewport_size({"width": 1366, "height": 768})
    harness.open_app(page, "/how_it_looks")
    group = page.locator(GROUP)
    assert group.count() == 1, "no time controls under the surface"
    last = int(group.get_attribute("data-frame") or -1)
    assert last > 0
    title = page.evaluate(TITLE_JS, CHART)
    assert title.startswith("Day "), title
    before = page.evaluate(harness.PLOTLY_SIGNATURE_JS)
    group.get_by_role("button", name="Previous step", exact=True).click()
    page.wait_for_function(
        "([chart, old]) => (document.querySelector(chart + ' .gtitle')?.textContent || '') !== old",
        arg=[CHART, title],
        timeout=10_000,
    )
    assert int(group.get_attribute("data-frame") or -1) == last - 1
    shown = re.search(r"Day \d+", group.locator("output").inner_text())
    assert shown and shown.group() in page.evaluate(TITLE_JS, CHART)
    assert page.evaluate(harness.PLOTLY_SIGNATURE_JS) != before, "the surface did not change"
    group.get_by_role("button", name="Next step", exact=True).click()
    page.wait_for_function(
        "([chart, old]) => (document.querySelector(chart + ' .gtitle')?.textContent || '') === old",
        arg=[CHART, title],
        timeout=10_000,
    )
    assert page.evaluate(harness.PLOTLY_SIGNATURE_JS) == before


def test_the_mouse_wheel_over_the_panels_scrolls_the_page(page: Page) -> None:
    """The 3-D panels do not catch the wheel (or a finger): the page scrolls past them."""
    page.set_viewport_size({"width": 1366, "height": 768})
    harness.open_app(page, "/how_it_looks")
    scene = page.locator(f"{CHART} #scene")
    scene.scroll_into_view_if_needed()
    box = scene.bounding_box()
    assert box is not None
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    top = page.evaluate("() => document.querySelector('[data-testid=\"stMain\"]').scrollTop")
    page.mouse.wheel(0, 300)
    page.wait_for_function(
        "(top) => document.querySelector('[data-testid=\"stMain\"]').scrollTop > top",
        arg=top,
        timeout=5_000,
    )


@pytest.mark.parametrize(
    ("case", "rows", "min_side_px"),
    [("390x844", 2, 150), ("1024x768-projector", 2, 260), ("1366x768", 1, 240)],
)
def test_panels_use_the_width_of_the_screen(
    page: Page, case: str, rows: int, min_side_px: float
) -> None:
    """The panels' arrangement follows the chart's width (``viz.surface.GRIDS``): a 2 x 2
    grid on a phone, larger panels on a projector, the four in one row on a laptop, so
    that a class sees *before* and *after* side by side and large enough."""
    size, projector = SIZES[case]
    page.set_viewport_size(size)
    harness.open_page(page, "/how_it_looks?patch=mixed", projector=projector)
    scenes = page.evaluate(SCENES_JS, CHART)
    assert len(scenes) == 4, scenes
    tops = sorted({round(s["y"]) for s in scenes})
    assert len(tops) == rows, f"at {case} the panels stand in {len(tops)} rows: {scenes}"
    smallest = min(min(s["width"], s["height"]) for s in scenes)
    assert smallest >= min_side_px, f"at {case} a panel is {smallest:.0f} px on a side: {scenes}"
    left, right = min(s["x"] for s in scenes), max(s["x"] + s["width"] for s in scenes)
    assert left >= 0 and right <= size["width"] + 1, f"panels reach beyond the screen: {scenes}"
