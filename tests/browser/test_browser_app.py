"""The Streamlit app in Debian's Chromium: pages, sliders, links, screenshots (issue #3).

One server and one browser serve the whole session (see ``conftest.py``); each
test opens its own page. Screenshots land in ``test-output/screenshots/``.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from browser import harness
from sim.registry import choice_label, spec

pytestmark = [pytest.mark.browser, pytest.mark.slow]

DISCLAIMER = "not a prediction for you"
MIN_PAGES = 6
ISSUE_3_PAGES = (
    "Explore",
    "Office vs. home",
    "Depressed vs. raised",
    "Protocol trade-offs",
    "Skin tone and laser",
    "Model and evidence",
)


def _label_regex(name: str) -> str:
    """Regex for a widget label that starts with the registry label of ``name``."""
    return "^" + re.escape(spec(name).label) + r"\b"


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z]+", text.lower())) - {"vs", "and", "the", "of"}


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "page"


def _one_widget(page: Page, name: str) -> dict[str, str]:
    found = harness.widget_values(page, _label_regex(name))
    assert found, (
        f"no widget labelled {spec(name).label!r} on {page.url}; "
        f"labels: {page.locator('[data-testid=stWidgetLabel]').all_inner_texts()}"
    )
    return found[0]


def _number(text: str) -> float:
    match = re.search(r"-?\d+(?:\.\d+)?", text)
    assert match, f"no number in widget value {text!r}"
    return float(match.group())


@pytest.fixture(scope="module")
def pages(
    app_browser: Browser, base_url: str, app_under_test: harness.AppUnderTest
) -> list[tuple[str, str]]:
    """(title, URL) of every page listed in the app's navigation, landing page first."""
    context = app_browser.new_context(viewport={"width": 1400, "height": 900})
    try:
        page = context.new_page()
        harness.open_app(page, base_url)
        links = harness.nav_links(page)
    finally:
        context.close()
    minimum = MIN_PAGES if app_under_test.is_project_app else 2
    assert len(links) >= minimum, (
        f"navigation lists {len(links)} page(s), expected at least {minimum}: {links}"
    )
    return links


def test_navigation_lists_the_pages_of_issue_3(
    pages: list[tuple[str, str]], app_under_test: harness.AppUnderTest
) -> None:
    titles = [title for title, _ in pages]
    assert "explore" in titles[0].lower(), f"the first (landing) page is not Explore: {titles}"
    if not app_under_test.is_project_app:
        pytest.skip("page names are only checked for the project's app.py")
    missing = [
        wanted
        for wanted in ISSUE_3_PAGES
        if not any(_words(wanted) <= _words(title) for title in titles)
    ]
    assert not missing, f"pages from issue #3 missing from the navigation {titles}: {missing}"


def test_every_page_renders_a_chart_and_the_disclaimer(
    app_page: Page,
    pages: list[tuple[str, str]],
    page_problems: harness.PageProblems,
    screenshot_dir: Path,
) -> None:
    problems: list[str] = []
    for number, (title, url) in enumerate(pages, start=1):
        errors_before = len(page_problems.page_errors)
        harness.open_app(app_page, url)
        where = f"page {number} {title!r} ({url})"
        exceptions = harness.exception_texts(app_page)
        if exceptions:
            problems.append(f"{where}: exception box(es): {exceptions}")
        charts = app_page.locator(".js-plotly-plot")
        visible = [i for i in range(charts.count()) if charts.nth(i).is_visible()]
        if not visible:
            problems.append(f"{where}: no visible Plotly chart")
        elif not any(harness.plotly_data(app_page, i) for i in visible):
            problems.append(f"{where}: every Plotly chart is empty (no traces)")
        disclaimer = app_page.get_by_text(DISCLAIMER, exact=False)
        if not any(disclaimer.nth(i).is_visible() for i in range(disclaimer.count())):
            problems.append(f"{where}: the text {DISCLAIMER!r} is not visible")
        new_errors = page_problems.page_errors[errors_before:]
        if new_errors:
            problems.append(f"{where}: uncaught JavaScript error(s): {new_errors}")
        shot = screenshot_dir / f"page-{number:02d}-{_slug(title)}-1400x900.png"
        harness.save_full_page_screenshot(app_page, shot)
        assert shot.stat().st_size > 10_000, f"{where}: screenshot {shot} is nearly empty"
    assert not problems, "\n".join(problems)


def test_keyboard_slider_change_updates_the_chart(app_page: Page, base_url: str) -> None:
    harness.open_app(app_page, base_url)
    thumbs = harness.slider_thumbs(app_page)
    assert thumbs, "the Explore page has no slider"
    preferred = [spec(name).label.lower() for name in ("needle_mm", "sessions")]
    index = next(
        (
            i
            for want in preferred
            for i, t in enumerate(thumbs)
            if t["label"].lower().startswith(want)
        ),
        0,
    )
    thumb = thumbs[index]
    key = (
        "ArrowLeft"
        if thumb["value"] is not None and thumb["value"] >= thumb["max"]
        else "ArrowRight"
    )
    before = harness.plotly_signatures(app_page)
    assert before, "the Explore page has no Plotly chart"
    traces_before = [harness.plotly_data(app_page, i) for i in range(len(before))]

    app_page.locator(harness.SLIDER_THUMB_SELECTOR).nth(index).focus()
    app_page.keyboard.press(key)
    try:
        harness.wait_for_plotly_change(app_page, before)
    except PlaywrightTimeoutError:
        pytest.fail(
            f"{key} on the slider {thumb['label']!r} (value {thumb['value']}) did not change "
            f"any chart's data within 15 s; slider now shows "
            f"{harness.slider_thumbs(app_page)[index]['value']}; "
            f"exceptions: {harness.exception_texts(app_page)}"
        )
    harness.wait_for_app_idle(app_page)

    moved = harness.slider_thumbs(app_page)[index]
    assert moved["value"] != thumb["value"], (
        f"{key} did not move the slider {thumb['label']!r} (still {moved['value']})"
    )
    after = harness.plotly_signatures(app_page)
    changed = [i for i, (a, b) in enumerate(zip(before, after, strict=False)) if a != b]
    assert changed, f"moving {thumb['label']!r} did not change any chart's data"
    traces_after = harness.plotly_data(app_page, changed[0])
    assert traces_after != traces_before[changed[0]]
    assert not harness.exception_texts(app_page)


def test_link_with_query_parameters_opens_that_scenario(app_page: Page, base_url: str) -> None:
    harness.open_app(app_page, f"{base_url}/?scar=keloid&sessions=5")
    assert not harness.exception_texts(app_page), harness.exception_texts(app_page)
    scar = _one_widget(app_page, "scar")
    keloid = choice_label("scar", "keloid")
    assert keloid.lower() in scar["value"].lower() or "keloid" in scar["value"].lower(), (
        f"?scar=keloid: the {scar['label']!r} widget shows {scar['value']!r}, not {keloid!r}"
    )
    sessions = _one_widget(app_page, "sessions")
    assert _number(sessions["value"]) == 5, (
        f"?sessions=5: the {sessions['label']!r} widget shows {sessions['value']!r}"
    )


def test_malformed_link_shows_a_notice_and_no_exception(app_page: Page, base_url: str) -> None:
    harness.open_app(app_page, base_url)
    clean_notices = set(harness.notice_texts(app_page))

    harness.open_app(app_page, f"{base_url}/?sessions=banana&needle_mm=99")
    assert not harness.exception_texts(app_page), harness.exception_texts(app_page)
    notices = [n for n in harness.notice_texts(app_page) if n not in clean_notices]
    about_link = [
        n for n in notices if re.search(r"sessions|needle|banana|\b99\b", n, flags=re.IGNORECASE)
    ]
    assert about_link, (
        "?sessions=banana&needle_mm=99 shows no notice about the bad values; "
        f"new notices: {notices}"
    )
    for name in ("sessions", "needle_mm"):
        shown = _number(_one_widget(app_page, name)["value"])
        low, high = spec(name).min, spec(name).max
        assert low is not None and high is not None
        assert low <= shown <= high, f"{name} widget shows {shown}, outside {low}..{high}"


def test_projector_screenshot_of_explore(
    projector_page: Page, base_url: str, screenshot_dir: Path
) -> None:
    harness.open_app(projector_page, base_url)
    assert not harness.exception_texts(projector_page)
    assert projector_page.locator(".js-plotly-plot").count() >= 1
    shot = screenshot_dir / "projector-explore-1920x1080.png"
    shot.parent.mkdir(parents=True, exist_ok=True)
    projector_page.screenshot(path=str(shot))
    assert shot.stat().st_size > 10_000, f"screenshot {shot} is nearly empty"
