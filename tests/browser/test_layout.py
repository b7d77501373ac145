"""Layout at a laptop, a projector-sized laptop and a phone (issue #7, item 1).

Measured with ``getBoundingClientRect`` on Plotly's SVG: the plot area is a
subplot's drag rectangle (``.nsewdrag``). Screenshots of every page at every
size go to ``test-output/screenshots/``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page

from browser import harness
from sim.registry import SPECS, choice_label
from viz.i18n import _, speaking

pytestmark = [pytest.mark.browser, pytest.mark.slow]

LAPTOP = {"width": 1024, "height": 768}
WIDE = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}
MIN_PLOT_WIDTH = 560
CROSS_SECTION = ".st-key-chart_cross_section"
TOLERANCE = 1.0  # px: rounding of sub-pixel positions
CHART_TEXT = (
    ".xtick text, .ytick text, .g-xtitle, .g-ytitle, .legendtext, .annotation-text, .gtitle, "
    ".gtitle-subtitle"
)

# Boxes (left, top, right, bottom) of what each visible chart draws.
CHARTS_JS = """(textSelector) => {
    const box = (el) => {
        const r = el.getBoundingClientRect();
        return [r.left, r.top, r.right, r.bottom];
    };
    const union = (els) => {
        const boxes = els.map(box).filter(([l, t, r, b]) => r > l && b > t);
        if (!boxes.length) return null;
        return [Math.min(...boxes.map((b) => b[0])), Math.min(...boxes.map((b) => b[1])),
                Math.max(...boxes.map((b) => b[2])), Math.max(...boxes.map((b) => b[3]))];
    };
    return Array.from(document.querySelectorAll('.js-plotly-plot'))
        .filter((plot) => plot.getBoundingClientRect().width > 0)
        .map((plot) => {
            const key = plot.closest('[class*="st-key-"]');
            const legends = Array.from(plot.querySelectorAll('.infolayer > g'))
                .filter((g) => /^legend\\d*$/.test(g.getAttribute('class')));
            return {
                name: key ? key.className.match(/st-key-(\\S+)/)[1] : 'chart',
                svg: box(plot.querySelector('.main-svg')),
                plots: Array.from(plot.querySelectorAll('.nsewdrag'), box),
                legends: legends.map((legend) => ({
                    items: Array.from(legend.querySelectorAll('g.traces'), (item) => ({
                        text: item.querySelector('.legendtext')?.textContent || '',
                        box: union(Array.from(item.querySelectorAll('.legendtext, .layers'))),
                    })).filter((item) => item.box),
                })),
                texts: Array.from(plot.querySelectorAll(textSelector))
                    .filter((t) => t.textContent.trim())
                    .map((t) => ({text: t.textContent.trim().slice(0, 50), box: box(t)}))
                    .filter((t) => t.box[2] > t.box[0]),
            };
        });
}"""


def overlap(a: list[float], b: list[float]) -> bool:
    """Whether two boxes share more than :data:`TOLERANCE` px in both directions."""
    return (
        min(a[2], b[2]) - max(a[0], b[0]) > TOLERANCE
        and min(a[3], b[3]) - max(a[1], b[1]) > TOLERANCE
    )


def inside(inner: list[float], outer: list[float]) -> bool:
    return (
        inner[0] >= outer[0] - TOLERANCE
        and inner[1] >= outer[1] - TOLERANCE
        and inner[2] <= outer[2] + TOLERANCE
        and inner[3] <= outer[3] + TOLERANCE
    )


def chart_problems(chart: dict) -> list[str]:
    """Overlapping legend items, a legend over the plot area, text cut by the SVG's edge,
    two texts (tick labels, titles, annotations) on top of each other."""
    problems = []
    for legend in chart["legends"]:
        items = legend["items"]
        for i, a in enumerate(items):
            for b in items[i + 1 :]:
                if overlap(a["box"], b["box"]):
                    problems.append(f"legend items {a['text']!r} and {b['text']!r} overlap")
        for item in items:
            if any(overlap(item["box"], plot) for plot in chart["plots"]):
                problems.append(f"legend item {item['text']!r} lies on the plot area")
    for text in chart["texts"]:
        if not inside(text["box"], chart["svg"]):
            box = ", ".join(f"{v:.0f}" for v in text["box"])
            problems.append(f"text {text['text']!r} at ({box}) is cut by the chart's edge")
    for i, a in enumerate(chart["texts"]):
        for b in chart["texts"][i + 1 :]:
            if overlap(a["box"], b["box"]):
                problems.append(f"texts {a['text']!r} and {b['text']!r} overlap")
    return [f"{chart['name']}: {p}" for p in problems]


# Options of the page's select boxes that their box would cut: each option of the select
# box's list (the one holding its current value, else the value alone) measured in the
# field's own font, against the field's room inside its padding.
CUT_CHOICES_JS = """(choices) => {
    const context = document.createElement('canvas').getContext('2d');
    return Array.from(document.querySelectorAll('.stMain [data-testid="stSelectbox"] input'))
        .flatMap((input) => {
            const style = getComputedStyle(input);
            context.font = style.font;
            const room = input.clientWidth - parseFloat(style.paddingLeft)
                - parseFloat(style.paddingRight);
            const options = choices.find((labels) => labels.includes(input.value))
                ?? [input.value];
            return options.filter((text) => context.measureText(text).width > room + 1)
                .map((text) => `${input.getAttribute('aria-label')}: ${text}`);
        });
}"""


def cut_choices(page: Page) -> list[str]:
    """Options of the page's select boxes (scar type, device, ...) that would not show
    whole in their box, in the page's language."""
    code = page.evaluate("document.documentElement.lang")
    with speaking(code):
        choices = [
            [_(choice_label(name, value)) for value in spec.choices]
            for name, spec in SPECS.items()
            if spec.kind == "choice"
        ]
    return page.evaluate(CUT_CHOICES_JS, choices)


# Formulas wider than the column they stand in (KaTeX then scrolls them sideways).
WIDE_FORMULAS_JS = """() => Array.from(document.querySelectorAll('.stMain .katex-display'))
    .map((formula) => ({
        text: formula.textContent.slice(0, 40),
        width: formula.scrollWidth,
        room: formula.closest('[data-testid="stElementContainer"]').clientWidth,
    }))
    .filter((f) => f.width > f.room + 3)"""


def wide_formulas(page: Page) -> list[str]:
    """Formulas of the page that do not fit their column (and would scroll sideways)."""
    return [
        f"{f['text']!r}: {f['width']} px in {f['room']} px" for f in page.evaluate(WIDE_FORMULAS_JS)
    ]


def open_at(page: Page, size: dict[str, int], path: str, *, projector: bool = False) -> None:
    page.set_viewport_size(size)
    harness.open_page(page, path, projector=projector)


def plot_area(page: Page) -> dict[str, float]:
    """The cross-section's plot area (its xy subplot), as a DOMRect."""
    drag = page.locator(f'{CROSS_SECTION} .nsewdrag[data-subplot="xy"]')
    if drag.count() == 0:
        drag = page.locator(f"{CROSS_SECTION} .nsewdrag")
    assert drag.count() > 0, "the Explore page has no cross-section chart (key chart_cross_section)"
    return drag.first.evaluate("(el) => el.getBoundingClientRect().toJSON()")


@pytest.mark.parametrize("projector", [False, True], ids=["normal", "projector"])
def test_cross_section_is_wide_on_a_laptop(page: Page, projector: bool) -> None:
    open_at(page, LAPTOP, "/", projector=projector)
    area = plot_area(page)
    assert area["width"] >= MIN_PLOT_WIDTH, (
        f"at 1024x768 with the sidebar open (projector mode {projector}), the "
        f"cross-section's plot area is {area['width']:.0f} px wide (at least {MIN_PLOT_WIDTH})"
    )


def test_cross_section_starts_above_the_fold(page: Page) -> None:
    open_at(page, WIDE, "/")
    area = plot_area(page)
    assert area["top"] < WIDE["height"], (
        f"at 1366x768 the cross-section's plot area starts at y = {area['top']:.0f} px, "
        f"below the fold ({WIDE['height']} px)"
    )


def test_phone_starts_with_the_sidebar_closed_and_charts_fit(page: Page) -> None:
    open_at(page, PHONE, "/")
    sidebar = page.get_by_test_id("stSidebar")
    box = sidebar.evaluate("(el) => el.getBoundingClientRect().toJSON()")
    covering = sidebar.is_visible() and box["right"] > TOLERANCE and box["width"] > TOLERANCE
    assert not covering, f"at 390x844 the sidebar is open on first load (box {box})"
    too_wide = page.locator(".live-chart .main-svg").evaluate_all(
        """(svgs) => svgs.map((s) => s.getBoundingClientRect())
            .filter((r) => r.width > 0 && (r.left < -1 || r.right > window.innerWidth + 1))
            .map((r) => `${Math.round(r.left)}..${Math.round(r.right)}`)"""
    )
    assert not too_wide, f"at 390x844 charts reach beyond the screen (0..390): {too_wide}"


CASES = {
    "1024x768": (LAPTOP, False),
    "1024x768-projector": (LAPTOP, True),
    "1366x768": (WIDE, False),
    "390x844": (PHONE, False),
}


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("path", harness.CHART_PAGES, ids=lambda p: p.strip("/") or "explore")
def test_chart_text_and_legends_fit(page: Page, screenshot_dir: Path, path: str, case: str) -> None:
    size, projector = CASES[case]
    open_at(page, size, path, projector=projector)
    charts = page.evaluate(CHARTS_JS, CHART_TEXT)
    problems = [problem for chart in charts for problem in chart_problems(chart)]
    shot = harness.screenshot(page, f"{path.strip('/') or 'explore'}-{case}")
    assert shot.stat().st_size > 10_000, f"screenshot {shot} is nearly empty"
    assert charts, f"{path} at {case}: no visible chart"
    assert not problems, f"{path} at {case} (see {shot}):\n" + "\n".join(problems)
    assert not cut_choices(page), f"{path} at {case}: select boxes cut {cut_choices(page)}"
    assert not wide_formulas(page), f"{path} at {case}: formulas scroll {wide_formulas(page)}"
