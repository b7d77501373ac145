"""New collagen as colours: amount and type of collagen packed into one byte per cell.

The cross-section draws new collagen as one heatmap whose colour says the type
(young collagen III or mature collagen I, the Okabe-Ito orange and blue of the
theme) and whose opacity says the amount. Both are packed into one ``uint8``
code per cell so that an animation frame stays small.
"""

from __future__ import annotations

import functools

import numpy as np

from viz.style import Theme

COLLAGEN_FULL_SCALE = 0.3
"""New collagen (volume fraction of normal dermis) drawn at full colour; more saturates."""

VISIBLE_AMOUNT = 0.004
"""Least new collagen (volume fraction) drawn at all; less is drawn as none."""

AMOUNT_LEVELS = 15
SHARE_LEVELS = 16


def encode_collagen(young: np.ndarray, mature: np.ndarray) -> np.ndarray:
    """Amount and type of new collagen in one byte per cell.

    ``code = 16 * amount_level + share_level``: ``amount_level`` is 0 (none) to
    15 (at least :data:`COLLAGEN_FULL_SCALE` of normal dermis), ``share_level``
    is the young (type III) share of the new collagen, 0 (all type I) to 15
    (all type III). :func:`collagen_colourscale` turns codes into colours.
    """
    amount = np.nan_to_num(young + mature)
    level = np.ceil(np.clip(amount / COLLAGEN_FULL_SCALE, 0.0, 1.0) * AMOUNT_LEVELS - 1e-6)
    level = np.where(amount > VISIBLE_AMOUNT, np.maximum(level, 1), 0)
    share = np.divide(young, amount, out=np.zeros_like(amount), where=amount > 0)
    share_level = np.rint(np.clip(share, 0.0, 1.0) * (SHARE_LEVELS - 1))
    return (SHARE_LEVELS * level + share_level).astype(np.uint8)


def decode_collagen(code: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Inverse of :func:`encode_collagen` up to quantisation: (amount, young share)."""
    level = code.astype(int) // SHARE_LEVELS
    share = (code.astype(int) % SHARE_LEVELS) / (SHARE_LEVELS - 1)
    return level / AMOUNT_LEVELS * COLLAGEN_FULL_SCALE, share


def _mix(a: str, b: str, w: float) -> tuple[int, int, int]:
    ca = [int(a.lstrip("#")[i : i + 2], 16) for i in (0, 2, 4)]
    cb = [int(b.lstrip("#")[i : i + 2], 16) for i in (0, 2, 4)]
    r, g, bl = (round((1 - w) * x + w * y) for x, y in zip(ca, cb, strict=True))
    return r, g, bl


def collagen_colourscale(t: Theme) -> list[list]:
    """256-stop colour scale for :func:`encode_collagen` codes (zmin 0, zmax 255).

    Cells where young collagen (type III) makes up half or more of the new
    collagen get the young colour, the others the mature colour (type I);
    opacity grows with the amount; codes 0-15 (no new collagen) are transparent.
    A new list each call (the stops are worked out once per theme).
    """
    return [list(stop) for stop in _colourscale_stops(t.collagen1, t.collagen3)]


@functools.cache
def _colourscale_stops(mature: str, young: str) -> tuple[tuple[float, str], ...]:
    stops = []
    for code in range(256):
        level, share = divmod(code, SHARE_LEVELS)
        r, g, b = _mix(mature, young, float(share >= SHARE_LEVELS / 2))
        alpha = 0.0 if level == 0 else 0.08 + 0.84 * level / AMOUNT_LEVELS
        stops.append((code / 255, f"rgba({r},{g},{b},{alpha:.2f})"))
    return tuple(stops)
