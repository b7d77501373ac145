"""The app's message catalogues (viz/catalogue.py), from the command line.

    python scripts/i18n.py extract   # locales/messages.pot from the sources (babel.cfg)
    python scripts/i18n.py update    # every language's .po in step with the template
    python scripts/i18n.py compile   # every .po to its .mo (what the app reads)
    python scripts/i18n.py check     # what is missing, stale or untranslated; exit 1 if any

``all`` runs extract, update and compile.
"""

from __future__ import annotations

import sys

from viz import catalogue


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "check"
    if command not in ("extract", "update", "compile", "check", "all"):
        print(__doc__, file=sys.stderr)
        return 2
    if command in ("extract", "all"):
        catalogue.write_template()
    if command in ("update", "all"):
        for code in catalogue.translated_languages():
            catalogue.update(code)
    if command in ("compile", "all"):
        catalogue.compile_all()
    if command == "check":
        found = [p for code in catalogue.translated_languages() for p in catalogue.problems(code)]
        print("\n".join(found) or "every catalogue is complete")
        return 1 if found else 0
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
