"""Tables for ``docs/model.md``, generated from the registry and presets."""

from __future__ import annotations

from sim import constants as C
from sim.devices import DEVICES
from sim.registry import REGISTRY
from sim.scars import SCARS
from sim.uncertainty import SPECS as UNCERTAIN_SPECS
from sim.uncertainty import UNCERTAIN

BEGIN = "<!-- BEGIN GENERATED TABLES (python scripts/make_docs.py) -->"
END = "<!-- END GENERATED TABLES -->"


def _cell(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def parameter_tables() -> str:
    """Markdown tables: user-facing parameters, model constants, scars, devices."""
    lines = [
        "### Parameters you can set (the app's controls, the URL and the CLI)",
        "",
        "| parameter (URL / CLI) | label on screen | unit | default | allowed | source |",
        "|---|---|---|---|---|---|",
    ]
    for s in REGISTRY:
        lines.append(
            f"| `{s.name}` / `{s.cli_option}` | {_cell(s.label)} | {s.unit or '-'} | "
            f"{s.to_text(s.default)} | {_cell(s.range_text())} | {_cell(s.source)} |"
        )
    lines += [
        "",
        "### What nobody measured (sampled for the typical range)",
        "",
        "| name | meaning | unit | central | range | source |",
        "|---|---|---|---|---|---|",
    ]
    for u in UNCERTAIN:
        lines.append(
            f"| `{u.name}` | {_cell(u.label)} | {u.unit or '-'} | {u.central:g} | "
            f"{u.low:g}-{u.high:g} | {_cell(u.source)} |"
        )
    lines += [
        "",
        "### Model constants",
        "",
        "| name | value | unit | meaning | source |",
        "|---|---|---|---|---|",
    ]
    for c in C.ALL:
        lines.append(
            f"| `{c.name}` | {c.value:.4g} | {c.unit or '-'} | {_cell(c.meaning)} | "
            f"{_cell(c.source)} |"
        )
    lines += [
        "",
        "### Scar presets",
        "",
        "| scar | kind | width (mm) | depth or height (mm) | tract (mm) | tethered share | "
        "collagen synthesis (x normal) | source |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for s in SCARS.values():
        tract = f"{s.tract_mm:g}" if s.tract_mm is not None else "-"
        lines.append(
            f"| {s.label} | {s.kind} | {s.width_mm:g} | {s.depth_mm:g} | {tract} | "
            f"{s.tether_fraction:g} | {s.synthesis:.3g} | {_cell(s.source)} |"
        )
    lines += [
        "",
        "### Devices",
        "",
        "| device | needle lengths (mm) | default (mm) | depth reached, share of length "
        "(range) | needles | needle Ø (mm) | passes for 250/cm² | source |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for d in DEVICES.values():
        share = UNCERTAIN_SPECS[d.penetration]
        lines.append(
            f"| {d.label} | {d.needle_min_mm:g}-{d.needle_max_mm:g} | {d.default_needle_mm:g} | "
            f"{share.central:g} ({share.low:g}-{share.high:g}, `{d.penetration}`) | "
            f"{d.needles} | {d.needle_diameter_mm or '-'} | {d.passes or '-'} | "
            f"{_cell(d.source)} |"
        )
    return "\n".join(lines)


def render(document: str) -> str:
    """``document`` with the text between the markers replaced by fresh tables."""
    head, rest = document.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    return f"{head}{BEGIN}\n\n{parameter_tables()}\n\n{END}{tail}"
