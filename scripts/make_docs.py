"""Regenerate the tables of docs/model.md from the registry and the presets."""

from __future__ import annotations

from pathlib import Path

from sim.docs import render

if __name__ == "__main__":
    target = Path(__file__).resolve().parent.parent / "docs" / "model.md"
    target.write_text(render(target.read_text(encoding="utf-8")), encoding="utf-8")
    print(f"wrote {target}")
