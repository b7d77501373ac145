"""Marking the model's user-facing words for the app's message catalogues."""

from __future__ import annotations


def N_(message: str) -> str:
    """Return ``message`` unchanged, marked for extraction into the app's catalogues.

    The model, the CLI and the docs stay English; the app translates a marked
    label or sentence where it shows it (``viz.i18n._``). Marked strings are
    whole sentences, with ``{name}`` placeholders for numbers.
    """
    return message
