"""Needling devices."""

from __future__ import annotations

from dataclasses import dataclass

from sim.text import N_


@dataclass(frozen=True)
class Device:
    """A needling device.

    Parameters
    ----------
    name, label : str
        Identifier and plain-words name (marked with ``N_``, translated by the app).
    needle_min_mm, needle_max_mm : float
        Needle lengths the device is sold with.
    default_needle_mm : float
        Needle length used when none is chosen.
    needles : int
        Needles on the roller drum or pen cartridge (sets the pain index).
    needle_diameter_mm : float or None
        Needle diameter where a source gives it. The model itself uses the
        measured channel width (70.7 µm, Kalluri 2011) for every device.
    passes : int or None
        Passes that give the default 250 punctures/cm², where a source gives it.
    penetration : str
        The uncertain parameter (:mod:`sim.uncertainty`) that sets the share of
        the needle length the device reaches: pens and rollers differ.
    source : str
        Where the numbers come from.
    """

    name: str
    label: str
    needle_min_mm: float
    needle_max_mm: float
    default_needle_mm: float
    needles: int
    needle_diameter_mm: float | None
    passes: int | None
    penetration: str
    source: str


DEVICES: dict[str, Device] = {
    d.name: d
    for d in (
        Device(
            "office_pen",
            N_("Office pen"),
            0.25,
            2.5,
            1.5,
            12,
            None,
            None,
            "pen_penetration",
            "Motorised pens: 11-12 needles, 0.25-2.5 mm (trade pages, secondary); "
            "office pens 0.5-3.5 mm: Sci Rep 2022",
        ),
        Device(
            "medical_roller",
            N_("Medical roller"),
            0.5,
            2.0,
            1.5,
            192,
            0.1,
            15,
            "roller_penetration",
            "192 needles in 8 rows, Ø 0.1 mm; ~15 passes give ~250 punctures/cm² "
            "(manufacturer text, secondary); clinical 0.5 mm, "
            "medical 1-2 mm (lecture slides citing Aust 2008, secondary)",
        ),
        Device(
            "home_roller",
            N_("Home roller"),
            0.2,
            0.3,
            0.25,
            192,
            0.1,
            15,
            "roller_penetration",
            "Home rollers 0.2-0.3 mm (lecture slides citing Aust 2008, secondary); "
            "< 0.5 mm: Sci Rep 2022",
        ),
    )
}

REFERENCE_DEVICE = DEVICES["office_pen"]
"""The pain index is 1 for this device at its default needle length."""
