"""axe-core finds no serious or critical violation; the focus is always visible (issue #7).

axe-core is the npm package pinned in ``package.json`` (``scripts/run-tests.sh``
runs ``npm ci``). Each page is checked with the projector toggle off and on;
every violation axe reports, whatever its impact, is also written to
``test-output/axe/<page>-<mode>.json``.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import Page

from browser import harness

pytestmark = [pytest.mark.browser, pytest.mark.slow]

FAILING_IMPACTS = ("serious", "critical")
MAX_TABS = 40
PAGE_IDS = [path.strip("/") or "explore" for path in harness.PAGES]

pages = pytest.mark.parametrize("path", harness.PAGES, ids=PAGE_IDS)
modes = pytest.mark.parametrize("projector", [False, True], ids=["normal", "projector"])

AXE_RUN_JS = """async () => {
    const result = await axe.run(document, {resultTypes: ['violations']});
    return result.violations.map((v) => ({
        id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({
            impact: n.impact || v.impact, target: n.target.flat(), html: n.html,
            summary: n.failureSummary,
        })),
    }));
}"""


@pages
@modes
def test_axe_finds_no_serious_violation(
    page: Page, axe_script: Path, path: str, projector: bool
) -> None:
    harness.open_page(page, path, projector=projector)
    page.add_script_tag(path=axe_script)
    violations = page.evaluate(AXE_RUN_JS)

    name = f"{path.strip('/') or 'explore'}-{'projector' if projector else 'normal'}"
    report = harness.OUTPUT_DIR / "axe" / f"{name}.json"
    report.parent.mkdir(parents=True, exist_ok=True)
    report.write_text(json.dumps(violations, indent=2), encoding="utf-8")

    failing = [
        f"{v['id']} ({node['impact']}): {v['help']}\n"
        f"    at {' '.join(node['target'])}\n    {node['html'][:160]}"
        for v in violations
        for node in v["nodes"]
        if node["impact"] in FAILING_IMPACTS
    ]
    assert not failing, f"axe-core on {path} ({name}), see {report}:\n" + "\n".join(failing)


# Runs after each Tab press, on the element that has the focus: its outline and
# box-shadow, and those of the elements around it, focused and then blurred (the
# focus is given back afterwards). Transitions are off (see the test), so the
# styles read are final.
FOCUS_STEP_JS = """async () => {
    const settle = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const transparent = (c) => /^(transparent|rgba\\(.*,\\s*0\\))$/.test(c.trim());
    const indicator = (el) => {
        if (!el.isConnected) return '';
        const cs = getComputedStyle(el);
        const parts = [];
        if (cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) > 0
            && !transparent(cs.outlineColor)) {
            parts.push(`outline ${cs.outlineStyle} ${cs.outlineWidth} ${cs.outlineColor}`);
        }
        const shadows = cs.boxShadow === 'none' ? [] : cs.boxShadow.split(/,(?![^(]*\\))/)
            .filter((s) => !transparent((s.match(/rgba?\\([^)]*\\)/) || ['transparent'])[0])
                && /[1-9]/.test(s.replace(/rgba?\\([^)]*\\)/, '')));
        if (shadows.length) parts.push(`box-shadow ${shadows.join(',')}`);
        return parts.join('; ');
    };
    const shown = (el) => {
        const r = el.getBoundingClientRect();
        return r.width >= 2 && r.height >= 2
            && el.checkVisibility({opacityProperty: true, visibilityProperty: true});
    };
    const describe = (el) => {
        const box = el.closest('[data-testid]');
        const key = (el.closest('[class*="st-key-"]')?.className.match(/st-key-\\S+/) || [''])[0];
        const name = (el.getAttribute('aria-label') || el.getAttribute('data-title')
            || el.innerText || el.value || '').trim().replace(/\\s+/g, ' ').slice(0, 40);
        const where = box ? box.dataset.testid : '?';
        return `<${el.tagName.toLowerCase()}> "${name}" in ${where} ${key}`;
    };
    // The element and what is around it: where a focus ring may be drawn.
    const around = (el) => {
        const nodes = new Set([el]);
        let up = el;
        for (let level = 0; level < 4 && up; level++, up = up.parentElement) {
            nodes.add(up);
            const inside = up.querySelectorAll('*');
            if (inside.length <= 200) inside.forEach((n) => nodes.add(n));
        }
        return Array.from(nodes);
    };
    await settle();
    let el = document.activeElement;
    while (el && el.shadowRoot && el.shadowRoot.activeElement) el = el.shadowRoot.activeElement;
    if (!el || el === document.body || el === document.documentElement) return null;
    const w = window;
    w.__focusIds = w.__focusIds || new WeakMap();
    if (!w.__focusIds.has(el)) {
        w.__focusN = (w.__focusN || 0) + 1;
        w.__focusIds.set(el, w.__focusN);
    }
    const nodes = around(el);
    const focused = nodes.map((n) => (shown(n) ? indicator(n) : ''));
    el.blur();
    await settle();
    const ring = nodes.filter((n, i) => focused[i] && focused[i] !== indicator(n));
    el.focus();
    await settle();
    return {id: w.__focusIds.get(el), label: describe(el), visible: ring.length > 0};
}"""

NO_TRANSITIONS = (
    "*, *::before, *::after { transition: none !important; animation: none !important; }"
)


@pages
@modes
def test_focus_is_visible(page: Page, path: str, projector: bool) -> None:
    harness.open_page(page, path, projector=projector)
    page.add_style_tag(content=NO_TRANSITIONS)
    harness.focus_top_of_page(page)
    invisible: list[str] = []
    first = None
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        step = page.evaluate(FOCUS_STEP_JS)
        if step is None or step["id"] == first:
            break  # back at the page itself, or round to the first element again
        first = first or step["id"]
        if not step["visible"]:
            invisible.append(step["label"])
    assert not invisible, f"{path}: no visible focus indicator on:\n" + "\n".join(invisible)
