"""The app's languages: gettext message catalogues and Babel number formats.

Every string the app shows goes through :func:`_` (or :func:`ngettext`), which
looks it up in the catalogue of the language of the current run:
``locales/<code>/LC_MESSAGES/messages.mo``, compiled from the ``.po`` file
next to it (``python scripts/i18n.py compile``). English is the source
language and has no catalogue. Strings defined before a language is known
(labels in tables built at import) are marked with :func:`N_` and translated
where they are shown.

The language is a context value (:func:`set_language`), set by the pages layer
at the start of each run of the script and of each fragment: Streamlit runs a
session's script in its own thread, so sessions in different languages do not
see each other's. Numbers are formatted with Babel for the language's locale
(:func:`number`); CLDR writes Arabic numbers with Western digits by default,
and so does the app, charts included.

The CLI and the docs stay English: they never set a language.
"""

from __future__ import annotations

import functools
import gettext
import math
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar, Token
from dataclasses import dataclass
from pathlib import Path

from babel import Locale
from babel import numbers as babel_numbers

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locales"
DOMAIN = "messages"


@dataclass(frozen=True)
class Language:
    """A language the app speaks.

    Attributes
    ----------
    code : str
        Language code of the URL (``?lang=es``) and of the catalogue folder.
    name : str
        The language's name in itself, as the language selector shows it.
    """

    code: str
    name: str

    @property
    def rtl(self) -> bool:
        """Whether the language is written right to left (from Babel's CLDR data)."""
        return Locale.parse(self.code).character_order == "right-to-left"


SOURCE = "en"
LANGUAGES: dict[str, Language] = {
    lang.code: lang
    for lang in (
        Language("en", "English"),
        Language("es", "Español"),
        Language("ar", "العربية"),
    )
}
"""Every language of the app. Adding one: a catalogue in ``locales/`` and one line here."""

_current: ContextVar[str] = ContextVar("language", default=SOURCE)


def set_language(code: str) -> Token[str]:
    """Use ``code`` for what this run shows; ValueError naming the allowed codes."""
    if code not in LANGUAGES:
        raise ValueError(f"lang must be one of {', '.join(LANGUAGES)}, not {code!r}")
    return _current.set(code)


@contextmanager
def speaking(code: str) -> Iterator[Language]:
    """Use ``code`` inside the ``with`` block, then the language from before, even if
    the block raises (for code that speaks another language for a moment: tests, a
    text measured in the reader's language).

    Raises
    ------
    ValueError
        If ``code`` is not one of :data:`LANGUAGES` (nothing is changed then).
    """
    token = set_language(code)
    try:
        yield LANGUAGES[code]
    finally:
        _current.reset(token)


def language() -> Language:
    """The language of the current run."""
    return LANGUAGES[_current.get()]


@functools.cache
def translations(code: str) -> gettext.NullTranslations:
    """The compiled catalogue of ``code`` (none for the source language).

    Raises
    ------
    FileNotFoundError
        If the language has no compiled catalogue.
    """
    if code == SOURCE:
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, LOCALE_DIR, languages=[code])


def _(message: str) -> str:
    """``message`` in the current language (itself when the catalogue lacks it)."""
    return translations(_current.get()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural form for ``n``, in the current language's plural rules."""
    return translations(_current.get()).ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark ``message`` for the catalogue without translating it yet."""
    return message


MILLIMETRE = N_("mm")
"""The unit ``mm`` as a catalogue entry: ``_(MILLIMETRE)`` where a registry unit is
shown (Arabic writes مم, as CLDR does: a Latin "mm" between an Arabic word and a number
reordered the sentence, "1.50 mm، 3 جلسات" read "جلسات mm، 3 1.50")."""


def unit_text(unit: str) -> str:
    """A unit (``"mm"``, ``"days"``, ``"%"``) as the current language writes it: words and
    units with a catalogue entry translated, symbols as they are, nothing for none."""
    return _(unit) if unit else ""


def comma_list(items: Iterable[str]) -> str:
    """Items separated by the current language's comma (``"a, b"``; ``"a، b"`` in Arabic)."""
    # TRANSLATORS: separator between the items of a list, e.g. "I, II and VI"
    return _(", ").join(items)


def semicolon_list(items: Iterable[str]) -> str:
    """Items separated by the current language's semicolon (``"a; b"``; ``"a؛ b"`` in
    Arabic): for items that hold commas themselves."""
    # TRANSLATORS: separator between the items of a list whose items contain commas,
    # e.g. "type I: needling about 1 %, laser about 2 %; type II: ..."
    return _("; ").join(items)


def and_list(items: list[str] | tuple[str, ...]) -> str:
    """Items in words, in the current language: ``a``, ``a and b``, ``a, b and c``."""
    items = list(items)
    if len(items) < 2:
        return "".join(items)
    # TRANSLATORS: the end of a list: {items} are the first items (separated by commas),
    # {last} is the last one, e.g. "the longest needle and the most sessions"
    return _("{items} and {last}").format(items=comma_list(items[:-1]), last=items[-1])


def number(value: float, digits: int = 0) -> str:
    """``value`` rounded to ``digits`` decimals, as the current language writes it
    (``1,234.5``; ``1.234,5`` in Spanish)."""
    pattern = "#,##0" + ("." + "0" * digits if digits > 0 else "")
    return babel_numbers.format_decimal(value, format=pattern, locale=_current.get())


def _below_one_half(value: float) -> bool:
    """Whether a percentage rounds to 0 but is not 0: written "<1", never "0"."""
    return 0 < value < 0.5


def pct_number(value: float) -> str:
    """A percentage's number, rounded, for a message that writes "%" itself ("{filled} %
    filled", "typical {low}-{high} %"): "<1" for a small positive value, never "0".

    >>> pct_number(0.3), pct_number(0.0), pct_number(24.6)
    ('<1', '0', '25')
    """
    return "<1" if _below_one_half(value) else number(value, 0)


def pct_text(value: float) -> str:
    """A rounded percentage with its sign, ``"25 %"``; a small positive value reads "<1 %",
    never "0 %" (:func:`pct_number` gives the number alone).

    >>> pct_text(0.3), pct_text(24.6)
    ('<1 %', '25 %')
    """
    if _below_one_half(value):
        # TRANSLATORS: a percentage below one half, shown instead of "0 %".
        return _("<1 %")
    return _("{percent} %").format(percent=number(value, 0))


def significant(value: float, figures: int = 3) -> str:
    """``value`` to ``figures`` significant figures, trailing zeros dropped (what
    ``f"{value:.3g}"`` gives, without exponents), as the current language writes it.

    Examples
    --------
    >>> significant(36.67), significant(0.04321), significant(2.0), significant(0.5, 1)
    ('36.7', '0.0432', '2', '0.5')
    """
    value = float(value)
    if value == 0 or not math.isfinite(value):
        return number(value, 0)
    decimals = max(0, figures - 1 - math.floor(math.log10(abs(value))))
    rounded = round(value, decimals)
    while decimals > 0 and round(rounded, decimals - 1) == rounded:
        decimals -= 1
    return number(rounded, decimals)


def plotly_separators() -> str:
    """Plotly's ``layout.separators`` (decimal, then thousands) for the current language."""
    code = _current.get()
    return babel_numbers.get_decimal_symbol(code) + babel_numbers.get_group_symbol(code)
