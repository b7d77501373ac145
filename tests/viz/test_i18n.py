"""The app's languages (viz/i18n.py) and their catalogues (viz/catalogue.py): issue #10."""

from __future__ import annotations

import threading

import pytest

from viz import catalogue, i18n


@pytest.fixture(autouse=True)
def english_afterwards():
    yield
    i18n.set_language(i18n.SOURCE)


@pytest.mark.parametrize("code", catalogue.translated_languages())
def test_catalogue_is_complete(code):
    """Every message of the app is in the catalogue, translated, not fuzzy, with the
    same placeholders; nothing stale; the .mo is the .po compiled; the template is in
    step with the sources. A missing or stale translation fails here."""
    found = catalogue.problems(code)
    assert not found, "\n".join(found[:40]) + (f"\n... {len(found)} in all" if found else "")


def test_every_language_is_spoken_and_english_is_the_source():
    assert i18n.SOURCE == "en" and set(i18n.LANGUAGES) >= {"en", "es", "ar"}
    for code in catalogue.translated_languages():
        assert catalogue.mo_path(code).exists(), code
        template = catalogue.read(catalogue.TEMPLATE)
        sample = next(m.id for m in template if isinstance(m.id, str) and len(m.id) > 20)
        i18n.set_language(code)
        assert i18n._(sample) != sample, f"{code} does not translate {sample!r}"


def test_unknown_language_is_refused_by_name():
    with pytest.raises(ValueError, match="lang must be one of en, es, ar"):
        i18n.set_language("xx")


def test_speaking_gives_back_the_language_from_before_even_after_an_error():
    """``speaking`` restores the language that was in use, not English: nested blocks
    unwind in order, a block that raises still restores it, and an unknown code
    changes nothing."""
    i18n.set_language("ar")
    with i18n.speaking("es") as spanish:
        assert spanish.code == "es" and i18n.language().code == "es"
        with pytest.raises(RuntimeError), i18n.speaking("en"):
            assert i18n.language().code == "en"
            raise RuntimeError("inside the block")
        assert i18n.language().code == "es"
    assert i18n.language().code == "ar"
    with pytest.raises(ValueError, match="lang must be one of"), i18n.speaking("xx"):
        pass
    assert i18n.language().code == "ar"


def test_arabic_is_right_to_left_and_the_others_not():
    assert i18n.LANGUAGES["ar"].rtl
    assert not i18n.LANGUAGES["es"].rtl and not i18n.LANGUAGES["en"].rtl


@pytest.mark.parametrize(
    ("code", "big", "small", "separators"),
    [
        ("en", "12,345.5", "0.5", ".,"),
        ("es", "12.345,5", "0,5", ",."),
        ("ar", "12,345.5", "0.5", ".,"),
    ],
)
def test_numbers_are_written_as_each_language_writes_them(code, big, small, separators):
    """Spanish writes a decimal comma; Arabic keeps Western digits (CLDR's default)."""
    i18n.set_language(code)
    assert i18n.number(12345.5, 1) == big
    assert i18n.number(0.5, 1) == small
    assert i18n.number(2.0) == "2"
    assert i18n.plotly_separators() == separators


@pytest.mark.parametrize(
    ("code", "comma", "semicolon", "and_three"),
    [
        ("en", "a, b", "a; b", "a, b and c"),
        ("es", "a, b", "a; b", "a, b y c"),
        ("ar", "a، b", "a؛ b", "a، b وc"),  # "و" is written joined to the next word
    ],
)
def test_lists_are_punctuated_as_each_language_writes_them(code, comma, semicolon, and_three):
    """Arabic has its own comma and semicolon (U+060C, U+061B)."""
    i18n.set_language(code)
    assert i18n.comma_list(["a", "b"]) == comma
    assert i18n.semicolon_list(iter(["a", "b"])) == semicolon
    assert i18n.and_list(["a", "b", "c"]) == and_three
    assert i18n.comma_list([]) == "" and i18n.semicolon_list(["a"]) == "a"


def test_plurals_follow_the_language():
    i18n.set_language("en")
    assert i18n.ngettext("{n} session", "{n} sessions", 1) == "{n} session"
    assert i18n.ngettext("{n} session", "{n} sessions", 3) == "{n} sessions"


def test_languages_of_two_sessions_do_not_mix():
    """Streamlit runs each session's script in its own thread: the language is a
    context value, so one session's choice does not leak into another's."""
    seen = {}
    barrier = threading.Barrier(2)

    def session(code):
        i18n.set_language(code)
        barrier.wait()
        seen[code] = i18n.language().code

    threads = [threading.Thread(target=session, args=(c,)) for c in ("es", "ar")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert seen == {"es": "es", "ar": "ar"}
    assert i18n.language().code == "en", "the test's own thread kept its language"


def test_placeholder_check_catches_a_renamed_placeholder():
    """The catalogue check itself can fail: a translation that renames a placeholder."""
    from babel.messages.catalog import Message

    good = Message("{n} sessions", "{n} sesiones")
    bad = Message("{n} sessions", "{count} sesiones")
    assert catalogue._placeholder_errors(good) == []
    assert catalogue._placeholder_errors(bad)


def test_arabic_chart_lines_are_marked_right_to_left_and_others_left_alone():
    """In a chart laid out left to right, an Arabic line is isolated as right to left
    (the order it is shown in is checked in Chromium, tests/browser/test_languages.py);
    Latin lines are untouched."""
    import json

    import plotly.graph_objects as go

    from viz.style import PDI, RLI, figure_json, rtl_text

    assert rtl_text("اليوم 236: امتلاء 71 %") == RLI + "اليوم 236: امتلاء 71 %" + PDI
    assert rtl_text("Day 236: 71 % filled") == "Day 236: 71 % filled"
    assert rtl_text("mm<br>العمق") == "mm<br>" + RLI + "العمق" + PDI
    assert rtl_text(rtl_text("العمق")) == rtl_text("العمق"), "marked once"
    fig = go.Figure(go.Scatter(x=[1], y=[2], name="الوسيط"), layout={"title": {"text": "العمق"}})
    drawn = json.loads(figure_json(fig, rtl=True))
    assert drawn["data"][0]["name"] == RLI + "الوسيط" + PDI
    assert drawn["layout"]["title"]["text"] == RLI + "العمق" + PDI
    assert fig.data[0].name == "الوسيط", "the cached figure itself is not changed"
    plain = json.loads(figure_json(fig))
    assert plain["data"][0]["name"] == "الوسيط", "marked only for a right-to-left language"
