"""The lockfiles pin every dependency that pyproject.toml declares."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _names(requirements: list[str]) -> set[str]:
    return {re.split(r"[<>=!~\[; ]", r, maxsplit=1)[0].lower() for r in requirements}


def _pinned(lock: str) -> dict[str, str]:
    text = (ROOT / "requirements" / lock).read_text(encoding="utf-8")
    return {m[0].lower(): m[1] for m in re.findall(r"^([A-Za-z0-9_.-]+)==(\S+) \\", text, re.M)}


@pytest.mark.parametrize("lock, extras", [("app.lock", ()), ("test.lock", ("test",))])
def test_lock_pins_every_declared_dependency_with_hashes(lock, extras):
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = _names(project["dependencies"])
    for extra in extras:
        wanted |= _names(project["optional-dependencies"][extra])
    pinned = _pinned(lock)
    assert wanted <= set(pinned), sorted(wanted - set(pinned))
    text = (ROOT / "requirements" / lock).read_text(encoding="utf-8")
    hashed = re.findall(r"^\S+==\S+ \\\n {4}--hash=sha256:[0-9a-f]{64}", text, re.M)
    assert len(hashed) == len(pinned), "every pin carries a hash"
    assert "file://" not in text and "--find-links" not in text, "no machine-specific index"


def test_app_lock_does_not_carry_the_test_tools():
    assert not {"pytest", "playwright", "salib"} & set(_pinned("app.lock"))
