"""Import pandas once, in one thread, before a session's script draws anything.

Plotly imports pandas lazily, the first time it serialises a figure. When a
class opens the app at once, several sessions' script threads reach that
first import together, and one of them can see pandas half initialised
("partially initialized module 'pandas' has no attribute 'Series'": seen in
``tests/deploy``'s load test). A lock makes the first import happen once; every
later call returns at once.
"""

from __future__ import annotations

import importlib
import sys
import threading

_LOCK = threading.Lock()


def preload(modules: tuple[str, ...] = ("pandas",)) -> None:
    """Import ``modules`` (once, under a lock) so no script thread imports them concurrently."""
    if all(name in sys.modules for name in modules):
        return
    with _LOCK:
        for name in modules:
            importlib.import_module(name)
