"""Shared fixtures of the figure tests: simulated results, computed once."""

from __future__ import annotations

import gettext
import re

import pytest

from sim import Scenario, simulate
from sim.model import Result
from viz import i18n


@pytest.fixture(scope="session")
def default_result() -> Result:
    """The default scenario (shallow boxcar, office pen 1.5 mm, 3 sessions 4 weeks apart)."""
    return simulate(Scenario())


@pytest.fixture(scope="session")
def keloid_result() -> Result:
    """A keloid treated with the default protocol."""
    return simulate(Scenario(scar="keloid"))


@pytest.fixture(scope="session")
def home_result() -> Result:
    """A shallow boxcar treated with a home roller."""
    return simulate(Scenario(device="home_roller", needle_mm=0.25))


class Marked(gettext.NullTranslations):
    """A stand-in Spanish catalogue that wraps every message in « » (placeholders kept),
    so a test sees what went through the catalogue and what did not."""

    def gettext(self, message: str) -> str:
        return f"«{message}»"

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return f"«{singular if n == 1 else plural}»"


@pytest.fixture
def spanish(monkeypatch):
    """The current run in Spanish, with :class:`Marked` as its catalogue."""
    monkeypatch.setattr(i18n, "translations", lambda code: Marked())
    token = i18n.set_language("es")
    yield
    i18n._current.reset(token)


def untranslated_texts(texts, allowed: str = "") -> list[str]:
    """Texts with a word outside a « » message (tags, Plotly's %{...} and the words of
    ``allowed`` left out): what did not go through the catalogue."""
    out = []
    for text in filter(None, texts):
        rest = re.sub(r"<[^>]*>|%\{[^}]*\}", " ", str(text))
        while re.search(r"«[^«»]*»", rest):  # innermost first: a message inside a message
            rest = re.sub(r"«[^«»]*»", "", rest)
        for word in allowed.split():
            rest = rest.replace(word, "")
        if re.search(r"[A-Za-z]", rest):
            out.append(text)
    return out


@pytest.fixture
def untranslated():
    """:func:`untranslated_texts`, for the tests of the figures in Spanish."""
    return untranslated_texts
