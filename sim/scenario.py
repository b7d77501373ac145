"""The scenario: everything a user can set, validated against the registry."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace

import numpy as np

from sim.anatomy import Skin
from sim.devices import DEVICES, Device
from sim.registry import SPECS, Value
from sim.scars import SCARS, ScarType


@dataclass(frozen=True)
class Scenario:
    """A treatment scenario. Field names, units and ranges are those of
    :data:`sim.registry.REGISTRY`; construction validates every field.

    Raises
    ------
    ValueError
        If a value is outside its registry range, or the needle length is
        outside the chosen device's range; the message names the parameter,
        its unit and the allowed range.

    Examples
    --------
    >>> Scenario(needle_mm=1.0).needle_mm
    1.0
    >>> Scenario(device="home_roller", needle_mm=1.5)
    Traceback (most recent call last):
    ...
    ValueError: needle_mm (Needle length) = 1.5 mm is not allowed (for a Home roller): ...
    """

    scar: str = str(SPECS["scar"].default)
    device: str = str(SPECS["device"].default)
    needle_mm: float = float(SPECS["needle_mm"].default)
    sessions: int = int(SPECS["sessions"].default)
    interval_days: int = int(SPECS["interval_days"].default)
    follow_up_days: int = int(SPECS["follow_up_days"].default)
    adjunct: str = str(SPECS["adjunct"].default)
    home_maintenance: bool = bool(SPECS["home_maintenance"].default)
    home_needle_mm: float = float(SPECS["home_needle_mm"].default)
    home_interval_days: int = int(SPECS["home_interval_days"].default)
    fitzpatrick: int = int(SPECS["fitzpatrick"].default)
    punctures_per_cm2: float = float(SPECS["punctures_per_cm2"].default)
    epidermis_mm: float = float(SPECS["epidermis_mm"].default)
    dermis_mm: float = float(SPECS["dermis_mm"].default)
    seed: int = int(SPECS["seed"].default)
    custom_profile_mm: tuple[float, ...] | None = None
    """Optional surface profile (mm, any sign) sampled evenly across the 8 mm
    cross-section; replaces the preset's shape, keeps its biology. Arrays are
    stored as a tuple so the scenario stays hashable."""

    def __post_init__(self) -> None:
        for name, spec in SPECS.items():
            object.__setattr__(self, name, spec.validate(getattr(self, name)))
        device = self.device_spec
        if not device.needle_min_mm <= self.needle_mm <= device.needle_max_mm:
            raise ValueError(
                f"needle_mm (Needle length) = {self.needle_mm!r} mm is not allowed "
                f"(for a {device.label}): allowed values are "
                f"{device.needle_min_mm:g} to {device.needle_max_mm:g} mm"
            )
        if self.custom_profile_mm is not None:
            try:
                array = np.asarray(self.custom_profile_mm, dtype=float)
            except (TypeError, ValueError):
                array = np.zeros((0, 0))
            if array.ndim != 1:
                raise ValueError(
                    "custom_profile_mm (surface profile) must be a flat sequence of numbers "
                    "in mm, from -3 to 3 mm"
                )
            profile = tuple(float(v) for v in array)
            _check_profile(profile)
            object.__setattr__(self, "custom_profile_mm", profile)

    @property
    def scar_type(self) -> ScarType:
        """The scar preset."""
        return SCARS[self.scar]

    @property
    def device_spec(self) -> Device:
        """The device preset."""
        return DEVICES[self.device]

    @property
    def skin(self) -> Skin:
        """Layer thicknesses."""
        return Skin(epidermis_mm=self.epidermis_mm, dermis_mm=self.dermis_mm)

    @property
    def session_days(self) -> tuple[float, ...]:
        """Days of the office sessions (first on day 0)."""
        return tuple(float(k * self.interval_days) for k in range(self.sessions))

    @property
    def end_day(self) -> float:
        """Last simulated day: last session plus follow-up."""
        last = self.session_days[-1] if self.sessions else 0.0
        return last + self.follow_up_days

    @property
    def home_days(self) -> tuple[float, ...]:
        """Days of home-roller use: every ``home_interval_days`` after the first
        office session until the end, skipping office-session days."""
        if not self.home_maintenance or self.sessions == 0:
            return ()
        office = set(self.session_days)
        days, day = [], float(self.home_interval_days)
        while day <= self.end_day:
            if day not in office:
                days.append(day)
            day += self.home_interval_days
        return tuple(days)

    def with_changes(self, **changes: Value) -> Scenario:
        """A validated copy with some fields changed."""
        return replace(self, **changes)


def _check_profile(profile: tuple[float, ...]) -> None:
    if len(profile) < 3:
        raise ValueError(f"custom_profile_mm must have at least 3 samples (mm), got {len(profile)}")
    for v in profile:
        if not isinstance(v, (int, float)) or not math.isfinite(v) or abs(v) > 3.0:
            raise ValueError(
                f"custom_profile_mm (surface profile) has the value {v!r} mm: "
                "allowed values are finite numbers from -3 to 3 mm"
            )
    if max(abs(v) for v in profile) == 0:
        raise ValueError("custom_profile_mm (surface profile) is flat: it needs a scar (mm)")


def scenario_from(params: Mapping[str, object]) -> Scenario:
    """Build a :class:`Scenario` from a mapping of registry names to values.

    Unknown keys raise ``ValueError``; values may be strings (parsed with the
    registry) or typed values.
    """
    known = {f.name for f in fields(Scenario)}
    unknown = sorted(set(params) - known)
    if unknown:
        raise ValueError(
            f"unknown parameter(s): {', '.join(unknown)}; known: {', '.join(sorted(SPECS))}"
        )
    values: dict[str, object] = {}
    for name, value in params.items():
        if name in SPECS and isinstance(value, str):
            values[name] = SPECS[name].parse(value)
        else:
            values[name] = value
    return Scenario(**values)  # type: ignore[arg-type]


class LinkNotice(str):
    """A plain English sentence about a link value that was ignored, which also says
    what it is about, so that the app can write it in the user's language.

    Attributes
    ----------
    key : str
        The link parameter.
    value : str
        The value the link gave.
    kind : {"unknown", "invalid", "device_needle"}
        An unknown parameter, a value outside its allowed values, or a needle
        length the chosen device does not allow.
    """

    key: str
    value: str
    kind: str

    def __new__(cls, text: str, key: str, value: str, kind: str) -> LinkNotice:
        notice = super().__new__(cls, text)
        notice.key, notice.value, notice.kind = key, value, kind
        return notice


def scenario_from_query(query: Mapping[str, object]) -> tuple[Scenario, list[LinkNotice]]:
    """Scenario from URL query parameters, never raising.

    Parameters
    ----------
    query : mapping of str to str (or list of str)
        E.g. ``st.query_params``. Keys are registry names; unknown keys are
        ignored with a notice.

    Returns
    -------
    scenario : Scenario
        Valid scenario; a malformed or out-of-range value falls back to its
        default.
    notices : list of str
        One plain sentence per value that was ignored.
    """
    values: dict[str, Value] = {}
    notices: list[LinkNotice] = []
    for key, raw in query.items():
        text = raw[-1] if isinstance(raw, (list, tuple)) and raw else raw
        if key not in SPECS:
            notices.append(
                LinkNotice(f"Ignored unknown link parameter {key!r}.", key, str(text), "unknown")
            )
            continue
        try:
            values[key] = SPECS[key].parse(str(text))
        except ValueError as error:
            notices.append(
                LinkNotice(
                    f"Ignored link value: {error}. Using the default instead.",
                    key,
                    str(text),
                    "invalid",
                )
            )
    try:
        return Scenario(**values), notices  # type: ignore[arg-type]
    except ValueError as error:
        # Valid one by one but not together (needle length outside the device's range).
        device = values.get("device", SPECS["device"].default)
        needle = str(query.get("needle_mm", ""))
        values["needle_mm"] = DEVICES[str(device)].default_needle_mm
        notices.append(
            LinkNotice(
                f"Ignored link value: {error}. Using the device's default needle.",
                "needle_mm",
                needle,
                "device_needle",
            )
        )
        return Scenario(**values), notices  # type: ignore[arg-type]


def scenario_to_query(scenario: Scenario) -> dict[str, str]:
    """URL query parameters for ``scenario`` (only values that differ from the
    registry default). Inverse of :func:`scenario_from_query`."""
    out = {}
    for name, spec in SPECS.items():
        value = getattr(scenario, name)
        if value != spec.default:
            out[name] = spec.to_text(value)
    return out
