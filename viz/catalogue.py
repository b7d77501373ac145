"""The app's message catalogues: extract, update, compile and check them with Babel.

``locales/messages.pot`` holds every message of the app, extracted from the
sources named in ``babel.cfg``; ``locales/<code>/LC_MESSAGES/messages.po`` holds
one language's translations and ``messages.mo`` their compiled form, which the
app reads (:mod:`viz.i18n`). ``python scripts/i18n.py`` runs these steps; the
tests call :func:`problems` so that a missing, stale or untranslated message
fails the suite.
"""

from __future__ import annotations

import io
from datetime import UTC, datetime
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from viz.i18n import DOMAIN, LANGUAGES, LOCALE_DIR, SOURCE

ROOT = LOCALE_DIR.parent
TEMPLATE = LOCALE_DIR / f"{DOMAIN}.pot"
PROJECT = "collagen-induction-simulator"
# A fixed date keeps the files identical from one extraction to the next.
FIXED_DATE = datetime(2026, 1, 1, tzinfo=UTC)


def po_path(code: str) -> Path:
    """The ``.po`` file of a language."""
    return LOCALE_DIR / code / "LC_MESSAGES" / f"{DOMAIN}.po"


def mo_path(code: str) -> Path:
    """The compiled ``.mo`` file of a language."""
    return po_path(code).with_suffix(".mo")


def translated_languages() -> list[str]:
    """Every language but the source (English)."""
    return [code for code in LANGUAGES if code != SOURCE]


def extract() -> Catalog:
    """Every message of the app, from the sources ``babel.cfg`` names."""
    with (ROOT / "babel.cfg").open(encoding="utf-8") as cfg:
        method_map, options_map = parse_mapping_cfg(cfg)
    catalog = Catalog(
        project=PROJECT, creation_date=FIXED_DATE, revision_date=FIXED_DATE, fuzzy=False
    )
    for filename, lineno, message, comments, context in extract_from_dir(
        str(ROOT),
        method_map,
        options_map,
        keywords=DEFAULT_KEYWORDS,
        comment_tags=("TRANSLATORS:",),
        strip_comment_tags=True,
    ):
        catalog.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    return catalog


def _po_bytes(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=100, sort_by_file=True, omit_header=False)
    return buffer.getvalue()


def read(path: Path, locale: str | None = None) -> Catalog:
    """A ``.po`` or ``.pot`` file as a catalogue."""
    with path.open("rb") as handle:
        return read_po(handle, locale=locale)


def write_template() -> None:
    """Write ``locales/messages.pot`` from the sources."""
    TEMPLATE.parent.mkdir(parents=True, exist_ok=True)
    TEMPLATE.write_bytes(_po_bytes(extract()))


def update(code: str) -> Catalog:
    """Bring a language's ``.po`` in step with the template (new messages empty,
    vanished ones dropped as obsolete), keeping its translations."""
    template = read(TEMPLATE)
    path = po_path(code)
    if path.exists():
        catalog = read(path, locale=code)
    else:
        catalog = Catalog(locale=code, project=PROJECT, creation_date=FIXED_DATE)
    catalog.update(template, update_header_comment=False, no_fuzzy_matching=True)
    catalog.obsolete.clear()
    catalog.revision_date = FIXED_DATE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(_po_bytes(catalog))
    return catalog


def compiled(code: str) -> bytes:
    """The ``.mo`` bytes of a language's ``.po`` (fuzzy entries left out)."""
    buffer = io.BytesIO()
    write_mo(buffer, read(po_path(code), locale=code), use_fuzzy=False)
    return buffer.getvalue()


def compile_all() -> None:
    """Write every language's ``.mo`` from its ``.po``."""
    for code in translated_languages():
        mo_path(code).write_bytes(compiled(code))


def problems(code: str) -> list[str]:
    """What is wrong with a language's catalogue; empty when it is complete.

    Checks: the template has the messages of the sources; every message of the template is
    in the ``.po``, translated, not fuzzy, with the same ``{placeholders}``; no
    message of the ``.po`` is missing from the template (stale); the ``.mo`` is
    the ``.po`` compiled.
    """
    out = []
    if not TEMPLATE.exists() or _ids(read(TEMPLATE)) != _ids(extract()):
        out.append(f"{TEMPLATE.name} is out of date: run python scripts/i18n.py all")
    if not po_path(code).exists():
        return [*out, f"{code}: no catalogue at {po_path(code)}"]
    template = {m.id for m in read(TEMPLATE) if m.id}
    catalog = read(po_path(code), locale=code)
    ids = {m.id for m in catalog if m.id}
    for missing in sorted(map(str, template - ids)):
        out.append(f"{code}: missing {missing[:80]!r}")
    for stale in sorted(map(str, ids - template)):
        out.append(f"{code}: stale {stale[:80]!r} (no longer in the app)")
    for message in catalog:
        if not message.id:
            continue
        text = str(message.id)[:80]
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if not all(strings):
            out.append(f"{code}: untranslated {text!r}")
        elif message.fuzzy:
            out.append(f"{code}: fuzzy {text!r}")
        else:
            out.extend(f"{code}: {err} in {text!r}" for err in _placeholder_errors(message))
    if not mo_path(code).exists() or mo_path(code).read_bytes() != compiled(code):
        out.append(f"{code}: {mo_path(code).name} is not the .po compiled")
    return out


def _ids(catalog: Catalog) -> set[object]:
    """The messages of a catalogue (their ids and contexts; not where they are in the
    code, which moves with every edit)."""
    return {(m.id, m.context) for m in catalog if m.id}


def _placeholders(text: str) -> set[str]:
    """``{name}`` placeholders of a message (``{{`` escapes excluded)."""
    import string

    return {field for _, field, _, _ in string.Formatter().parse(text) if field is not None}


def _placeholder_errors(message) -> list[str]:
    ids = message.id if isinstance(message.id, tuple) else (message.id,)
    strings = message.string if isinstance(message.string, tuple) else (message.string,)
    wanted = set().union(*(_placeholders(str(i)) for i in ids))
    return [
        f"placeholders {sorted(_placeholders(s) ^ wanted)} differ"
        for s in strings
        if _placeholders(s) != wanted and not (len(ids) > 1 and _placeholders(s) <= wanted)
    ]
