"""Regenerate docs/validation.md (model vs. published results)."""

from __future__ import annotations

from pathlib import Path

from sim.validation import validation_markdown

if __name__ == "__main__":
    target = Path(__file__).resolve().parent.parent / "docs" / "validation.md"
    target.write_text(validation_markdown(), encoding="utf-8")
    print(f"wrote {target}")
