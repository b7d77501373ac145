"""The app in Spanish and Arabic (issue #10): the language from the link, the
selector and the browser; and no English left on any page.

"No English left" is checked with a pseudo-translation: every message of the
catalogue is shown as ``⟦message⟧``. Whatever a page shows outside those brackets
did not come from the catalogue. What may remain is listed in :data:`ALLOWED`:
numbers, units, the names of studies and people, and the sources of the model's
numbers, which are shown as published (in English) by design.
"""

from __future__ import annotations

import gettext
import io
import re

import pytest
import streamlit as st
from apptest_helpers import PAGES, charts, open_app
from babel.messages.mofile import write_mo

from pages import _shared as shared
from sim import constants as C
from sim.devices import DEVICES
from sim.registry import REGISTRY
from sim.scars import SCARS
from sim.uncertainty import UNCERTAIN
from sim.validation import PUBLISHED_PROTOCOLS, TRIALS
from viz import catalogue, i18n


def _no_errors(at) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


def test_link_language_is_used_and_kept_in_the_link(speak):
    speak("es")
    at = open_app(query={"lang": "es"})
    _no_errors(at)
    assert at.selectbox(key="v_lang").value == "es"
    assert at.query_params["lang"] == "es"
    assert "Educational model" not in " ".join(m.value for m in at.markdown)


def test_unknown_language_falls_back_to_english_with_the_usual_notice():
    at = open_app(query={"lang": "xx"})
    _no_errors(at)
    assert at.selectbox(key="v_lang").value == "en"
    notices = [w.value for w in at.warning]
    assert any("'lang' must be one of en, es, ar, not 'xx'" in n for n in notices), notices
    assert "lang" not in at.query_params


@pytest.mark.parametrize(
    ("locale", "code"),
    [("es-ES", "es"), ("es_MX", "es"), ("ar", "ar"), ("ar-JO", "ar"), ("fr-FR", None), ("", None)],
)
def test_browser_locale_picks_a_language_the_app_speaks(locale, code):
    assert shared.browser_language(locale) == code


# (The sidebar selector is tested in the browser, tests/browser/test_languages.py:
# AppTest drops a view setting's new value on the next run.)


# --- no English left ------------------------------------------------------------------

OPEN, CLOSE = "⟦", "⟧"


def _pseudo_translations() -> gettext.GNUTranslations:
    """Every message of the template as ``⟦message⟧`` (plurals too)."""
    template = catalogue.read(catalogue.TEMPLATE)
    for message in template:
        if not message.id:
            continue
        if isinstance(message.id, tuple):
            message.string = tuple(OPEN + str(i) + CLOSE for i in message.id)
        else:
            message.string = OPEN + str(message.id) + CLOSE
    buffer = io.BytesIO()
    write_mo(buffer, template)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def _published_texts() -> list[str]:
    """Texts shown as published, in English, by design: the sources of the model's
    numbers and the trials' own descriptions."""
    texts = [c.source for c in C.ALL]
    texts += [s.source for s in REGISTRY] + [s.source for s in SCARS.values()]
    texts += [d.source for d in DEVICES.values()] + [u.source for u in UNCERTAIN]
    texts += [p.source for p in PUBLISHED_PROTOCOLS] + [p.label for p in PUBLISHED_PROTOCOLS]
    for trial in TRIALS:
        texts += [trial.study, trial.protocol, trial.scale, trial.note, trial.known_miss]
    return sorted({t for t in texts if t}, key=len, reverse=True)


ALLOWED = {
    # units, symbols and abbreviations written the same in every language
    "mm",
    "cm",
    "µm",
    "PRP",
    "CO2",
    "CSV",
    "JSON",
    "PNG",
    "URL",
    "IV",
    "VI",
    "II",
    "III",
    # names of people, scales and studies
    "Goodman",
    "Baron",
    "Fitzpatrick",
    "Jacob",
    "Alam",
    "Dogra",
    "Harris",
    "Lotfi",
    "Asif",
    "Garg",
    "Sasaki",
    "Kalluri",
    "Chopra",
    "Gill",
    "Craig",
    "Lemperle",
    "Lane",
    "Cachafeiro",
    "Fabbrocini",
    "Qarqaz",
    "Chalabi",
    "Bansal",
    "Sullivan",
    "Vancouver",
    "Kang",
    "Zioncheck",
    "Gay",
    "Aust",
    "Sobol",
    "Majid",
    "Meng",
    "Selcuk",
    "Chaudhary",
    "Lu",
    # language names in themselves (the selector) and the app's own language name
    "English",
    "Español",
    "Language",
    # the name of a hidden trace (the white halo under a marker: never shown)
    "halo",
}


def _strip(text: str) -> str:
    """``text`` without its ``⟦...⟧`` parts (innermost first: messages nest)."""
    inner = re.compile(re.escape(OPEN) + "[^" + OPEN + CLOSE + "]*" + re.escape(CLOSE))
    while True:
        stripped = inner.sub(" ", text)
        if stripped == text:
            return text
        text = stripped


def _figure_texts(value: object) -> list[str]:
    """Every text a Plotly figure shows: titles, names, annotations, tick labels."""
    out: list[str] = []
    if isinstance(value, dict):
        for key, item in value.items():
            if key in ("text", "name", "ticktext", "title") and isinstance(item, str):
                out.append(item)
            elif key == "ticktext" and isinstance(item, list):
                out += [str(t) for t in item]
            elif key not in ("frames", "customdata", "meta"):
                out += _figure_texts(item)
    elif isinstance(value, list):
        for item in value:
            out += _figure_texts(item)
    return out


def _page_texts(at) -> list[str]:
    texts = []
    for kind in ("markdown", "caption", "info", "warning", "success", "title", "header"):
        texts += [str(e.value) for e in getattr(at, kind)]
    texts += [str(e.value) for e in at.get("subheader")]
    widgets = [*at.slider, *at.selectbox, *at.toggle, *at.radio, *at.button, *at.number_input]
    widgets += [*at.checkbox, *at.text_input, *at.multiselect]
    for widget in widgets:
        texts.append(str(getattr(widget, "label", "") or ""))
        texts.append(str(getattr(widget, "help", "") or ""))
        options = getattr(widget, "options", None)
        if options and widget.key != "v_lang":
            texts += [str(o) for o in options]
    texts += [str(e.label) for e in at.get("expander")]
    for chart in charts(at):
        texts += _figure_texts(chart.get("layout", {})) + _figure_texts(chart.get("data", []))
    return texts


def _english_left(texts: list[str], published: list[str]) -> list[str]:
    """English words shown outside the catalogue's brackets. A run of text that is part
    of a published text (a source, a trial's protocol: possibly broken into lines with
    ``<br>`` or shortened with "…" to fit a chart) is allowed."""
    found = []
    for text in texts:
        rest = _strip(text)
        for source in published:
            rest = rest.replace(source, " ")
        chunks = re.split(r"<br>|</?b>|\n", rest)
        rest = " ".join(
            c
            for c in chunks
            if not (c.strip(" …:") and any(c.strip(" …:") in p for p in published))
        )
        # links, internal names, Streamlit's markup (":material/info:", ":orange-badge[")
        rest = re.sub(r"https?://\S+|\b\w+_\w+\b|:material/\w+:|:[a-z]+-badge\[", " ", rest)
        words = [w for w in re.findall(r"[A-Za-z][A-Za-z'-]{2,}", rest) if w not in ALLOWED]
        if words:
            found.append(f"{words[:6]} in {text[:120]!r}")
    return found


@pytest.fixture
def pseudo_spanish(monkeypatch):
    """Spanish numbers, pseudo-translated words; caches emptied before and after so
    no real translation is drawn from them."""
    pseudo = _pseudo_translations()
    real = i18n.translations
    monkeypatch.setattr(i18n, "translations", lambda code: pseudo if code == "es" else real(code))
    st.cache_resource.clear()
    st.cache_data.clear()
    yield
    st.cache_resource.clear()
    st.cache_data.clear()


@pytest.fixture
def speak():
    """Set the test thread's language too. AppTest looks up a selectbox's shown value
    with the widget's ``format_func`` in the test's own thread, whose language would
    otherwise be English while the app ran in another (a browser sends the index)."""

    def use(code: str) -> None:
        i18n.set_language(code)

    yield use
    i18n.set_language(i18n.SOURCE)


@pytest.mark.parametrize("page", PAGES)
def test_no_english_left_on_any_page(pseudo_spanish, speak, page):
    """Every text of every page comes from the catalogue (issue #10)."""
    speak("es")
    at = open_app(page, query={"lang": "es"})
    _no_errors(at)
    found = _english_left(_page_texts(at), _published_texts())
    assert not found, f"{page}: text not from the catalogue:\n" + "\n".join(found[:25])


def test_the_check_finds_english_that_bypasses_the_catalogue():
    """The check itself can fail: a bare English sentence is caught, a bracketed one not."""
    assert _english_left(["⟦Needle length⟧ 1,5 mm"], []) == []
    assert _english_left(["⟦Needle ⟦length⟧⟧ (Harris 2015)"], []) == []
    assert _english_left(["Needle length 1,5 mm"], [])
    published = ["roller, 5 sessions monthly, 1 month after"]
    assert _english_left(["⟦Dogra⟧<br>roller, 5 sessions<br>monthly, 1 month…"], published) == []
