"""Colours, fonts and the shared look of every chart.

The palette is Okabe & Ito's colour-blind-safe set (Okabe & Ito, *Color
Universal Design*, 2008). Chart fonts are at least 16 px; the high-contrast
(projector) variant uses at least 24 px, lines of at least 3 px, black text and
stronger tissue colours, so that a projected chart stays readable from the back
of a room (a modelling choice for a 1024 x 768 projector on a classroom wall).
"""

from __future__ import annotations

import base64
import json
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache

import numpy as np
import plotly.graph_objects as go
import plotly.io as pio
from _plotly_utils.utils import to_typed_array_spec

from viz.i18n import plotly_separators

OKABE_ITO: dict[str, str] = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
    "grey": "#999999",
}

MIN_FONT_PX = 16
"""Smallest font used in any chart."""

PROJECTOR_MIN_FONT_PX = 24
"""Smallest font of any chart in projector mode."""

TEMPLATE = "simple_white"
"""Plotly template every chart starts from."""


@dataclass(frozen=True)
class Theme:
    """Colours and sizes of one display mode.

    Attributes
    ----------
    high_contrast : bool
        Whether this is the high-contrast mode.
    font_px, title_px, small_px : int
        Base, title and smallest (annotations, legend) font sizes (px).
    line_px : float
        Width of data lines (px).
    text, grid, background : str
        Colours of text, grid lines and the plot background.
    epidermis, papillary, reticular, fat : str
        Fill colours of the skin layers.
    deficit, excess : str
        Missing collagen in a depressed scar's tract; extra collagen of a raised scar.
    collagen3, collagen1 : str
        New collagen III (young) and I (mature).
    band_opacity : float
        Opacity of the typical-range bands.
    """

    high_contrast: bool
    font_px: int
    title_px: int
    small_px: int
    line_px: float
    text: str
    grid: str
    background: str
    epidermis: str
    papillary: str
    reticular: str
    fat: str
    deficit: str
    excess: str
    collagen3: str
    collagen1: str
    band_opacity: float


NORMAL = Theme(
    high_contrast=False,
    font_px=18,
    title_px=20,
    small_px=16,
    line_px=3.0,
    text="#1a1a1a",
    grid="#dddddd",
    background="#ffffff",
    epidermis="#e9c9a3",
    papillary="#f6d5d5",
    reticular="#efbcbc",
    fat="#fbf1c6",
    deficit="#8c8c8c",
    excess=OKABE_ITO["purple"],
    collagen3=OKABE_ITO["orange"],
    collagen1=OKABE_ITO["blue"],
    band_opacity=0.25,
)

HIGH_CONTRAST = Theme(
    high_contrast=True,
    font_px=24,
    title_px=28,
    small_px=24,
    line_px=4.5,
    text="#000000",
    grid="#9a9a9a",
    background="#ffffff",
    epidermis="#c8955c",
    papillary="#f0b3b3",
    reticular="#d98686",
    fat="#f7e27a",
    deficit="#4d4d4d",
    excess="#9c3f78",
    collagen3="#d08a00",
    collagen1="#004f80",
    band_opacity=0.35,
)


def theme(high_contrast: bool = False) -> Theme:
    """The display mode's theme."""
    return HIGH_CONTRAST if high_contrast else NORMAL


def rgba(hex_colour: str, alpha: float) -> str:
    """``'#rrggbb'`` and an opacity as a CSS ``rgba(...)`` string."""
    value = hex_colour.lstrip("#")
    r, g, b = (int(value[i : i + 2], 16) for i in (0, 2, 4))
    return f"rgba({r},{g},{b},{alpha:g})"


def theme_layout(t: Theme, *, height: int | None = None) -> dict[str, object]:
    """Layout of ``t`` (fonts, colours, margins, both axes) as a plain dict.

    For figures assembled as one spec and validated once (much faster than
    updating a ``go.Figure`` piece by piece); :func:`apply_theme` applies the
    same settings to an existing figure. Numbers that Plotly.js writes (ticks,
    hover texts) use the current language's decimal and thousands separators
    (``separators``: ``0,5`` in Spanish).
    """
    axis = {
        "showgrid": True,
        "gridcolor": t.grid,
        "linecolor": t.text,
        "tickcolor": t.text,
        "linewidth": 2 if t.high_contrast else 1,
        "tickfont": {"size": t.font_px},
        "title": {"font": {"size": t.font_px}},
    }
    layout: dict[str, object] = {
        "template": TEMPLATE,
        "separators": plotly_separators(),
        "font": {"size": t.font_px, "color": t.text, "family": "Arial, Helvetica, sans-serif"},
        "title": {"font": {"size": t.title_px}, "x": 0.0, "xanchor": "left"},
        "paper_bgcolor": t.background,
        "plot_bgcolor": t.background,
        "hoverlabel": {"font": {"size": t.font_px}},
        "legend": {"font": {"size": t.small_px}},
        "margin": {"l": 80, "r": 30, "t": 70, "b": 70},
        "xaxis": dict(axis),
        "yaxis": dict(axis),
    }
    if height is not None:
        layout["height"] = height
    return layout


def apply_theme(fig: go.Figure, t: Theme, *, height: int | None = None) -> go.Figure:
    """Apply fonts, colours and margins of ``t`` to ``fig`` (in place) and return it."""
    layout = theme_layout(t, height=height)
    axis = layout.pop("xaxis")
    layout.pop("yaxis")
    fig.update_layout(layout)
    fig.update_xaxes(**axis)
    fig.update_yaxes(**axis)
    return fig


@cache
def template_spec() -> dict:
    """:data:`TEMPLATE` expanded to the dict that Plotly's validation puts in a figure.

    A spec built for :func:`figure_from_spec` holds this dict, not the
    template's name: only validation expands a name, and Plotly.js does not
    know templates by name. Shared between calls: do not modify it (a figure
    built from a spec holds its own copy).
    """
    return pio.templates[TEMPLATE].to_plotly_json()


def figure_from_spec(spec: dict) -> go.Figure:
    """A figure from a complete ``{"data", "layout", "frames"}`` spec, built
    without Plotly's per-property validation.

    Validation costs ~40 % of building the animated cross-section, on every
    slider change. The specs are made by our own builders, and
    ``tests/viz/test_specs.py`` rebuilds each one *with* validation for many
    scenarios, so an invalid property still fails the tests.
    """
    return go.Figure(spec, _validate=False)


def panel_titles(titles: Sequence[tuple[str, str]], t: Theme) -> list[dict]:
    """Annotations that title stacked panels: ``(text, y axis)`` pairs, each text at the
    chart's left edge just above its panel (a subplot title Plotly would centre)."""
    return [
        {
            "text": text,
            "xref": "paper",
            "x": 0,
            "xanchor": "left",
            "yref": f"{yref} domain",
            "y": 1,
            "yanchor": "bottom",
            "yshift": 4,
            "showarrow": False,
            "font": {"size": t.font_px},
        }
        for text, yref in titles
    ]


def merged(base: dict, extra: dict) -> dict:
    """``base`` updated by ``extra``, merging nested dicts (neither is changed).

    >>> merged({"a": {"b": 1, "c": 2}}, {"a": {"c": 3}, "d": 4})
    {'a': {'b': 1, 'c': 3}, 'd': 4}
    """
    out = dict(base)
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = merged(out[key], value)
        else:
            out[key] = value
    return out


def plot_config(filename: str, *, toolbar: bool = True) -> dict[str, object]:
    """Plotly config for ``st.plotly_chart``: no logo; a toolbar with only the PNG
    download (named ``filename``), or none.

    Each toolbar button is a tab stop: the full toolbar made a keyboard user
    press Tab 16 times per chart. The PNG button renders in the browser, so it
    works offline.
    """
    config: dict[str, object] = {"displaylogo": False}
    if not toolbar:
        config["displayModeBar"] = False
        return config
    config["modeBarButtons"] = [["toImage"]]
    config["toImageButtonOptions"] = {"format": "png", "filename": filename, "scale": 2}
    return config


# --- right-to-left text in charts -----------------------------------------------------

PHONE_CHART_PX = 360
"""Width (px) a chart's texts are laid out for on a 390 px phone: 363-364 px measured in
Chromium, with a few px kept in hand (the depth chart's columns, the trade-off maps'
phone arrangement)."""

RLI = "\u2067"
"""Unicode RIGHT-TO-LEFT ISOLATE: what follows, up to :data:`PDI`, is a right-to-left
paragraph of its own."""
PDI = "\u2069"
"""Unicode POP DIRECTIONAL ISOLATE: the end of an isolate."""
RTL_LETTERS = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")
_TEXT_KEYS = frozenset(
    {"text", "name", "title", "ticktext", "hovertext", "hovertemplate", "texttemplate"}
)


def rtl_text(text: str) -> str:
    """``text`` with each line that holds right-to-left letters (Arabic) isolated as
    right to left (between :data:`RLI` and :data:`PDI`), so that in a chart laid out
    left to right the line reads as it does in an Arabic paragraph of the page:
    "امتلاء 71 %" and "حتى 0.36 mm" are shown as "% 71 امتلاء" and "mm 0.36 حتى"
    (read from the right). Two right-to-left marks around the line were not enough:
    a line ending in Latin letters ("mm") kept them on the right of the Arabic."""
    lines = text.split("<br>")
    return "<br>".join(
        RLI + line + PDI if RTL_LETTERS.search(line) and not line.startswith(RLI) else line
        for line in lines
    )


# --- a figure as the browser receives it ------------------------------------------------


def _browser_value(value: object, rtl: bool) -> object:
    """``value`` made JSON-ready for Plotly.js (see :func:`figure_json`)."""
    if isinstance(value, dict):
        return {
            k: _browser_text(v, rtl) if rtl and k in _TEXT_KEYS else _browser_value(v, rtl)
            for k, v in value.items()
        }
    if isinstance(value, (list, tuple)):
        return [_browser_value(v, rtl) for v in value]
    if isinstance(value, np.ndarray):
        if value.dtype.kind in "biuf":
            typed = to_typed_array_spec(value)  # Plotly's own: {"dtype", "bdata", "shape"}
            if not isinstance(typed, np.ndarray):
                return typed
        return _browser_value(value.tolist(), rtl)
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None  # what Plotly's own encoder sends for NaN and infinities
    return value


def _browser_text(value: object, rtl: bool) -> object:
    if isinstance(value, str):
        return rtl_text(value)
    if isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value):
        return [rtl_text(v) for v in value]
    return _browser_value(value, rtl)


def figure_json(figure: go.Figure | Mapping[str, object], *, rtl: bool = False) -> str:
    """The figure as compact JSON for Plotly.js in the browser.

    Numeric arrays travel as Plotly's base64 typed arrays (``{"dtype", "bdata",
    "shape"}``, made by Plotly's ``to_typed_array_spec``, as ``plotly.io.to_json``
    does); NaN and infinities become ``null``. With ``rtl``, every text line with
    Arabic letters is marked right to left (:func:`rtl_text`).

    Parameters
    ----------
    figure : go.Figure or mapping
        A figure, or a spec ``{"data", "layout", "frames"}`` as the builders make it
        (no validation: a spec is sent as it is, see :func:`figure_from_spec`).
    rtl : bool
        Mark right-to-left text.

    Returns
    -------
    str
        JSON without spaces; ``json.loads`` of it is the figure with typed arrays.
    """
    spec = figure.to_plotly_json() if isinstance(figure, go.Figure) else figure
    if not rtl:
        try:  # the C encoder, when nothing but arrays needs converting
            return json.dumps(spec, default=_typed_array, separators=(",", ":"), allow_nan=False)
        except ValueError:  # a NaN outside an array: walk the figure
            pass
    return json.dumps(_browser_value(spec, rtl), separators=(",", ":"), allow_nan=False)


def _typed_array(value: object) -> object:
    """``json.dumps`` hook: a numpy array or number as :func:`_browser_value` makes it."""
    if isinstance(value, (np.ndarray, np.generic)):
        return _browser_value(value, False)
    raise TypeError(f"{type(value).__name__} is not JSON serialisable in a figure")


def decoded_figure(text: str) -> dict:
    """The figure in :func:`figure_json`'s text, with its typed arrays as numpy arrays:
    what Plotly.js in the browser reads (for tests and tools).

    >>> decoded_figure(figure_json({"data": [{"y": np.array([1.5, 2.5])}]}))["data"][0]["y"]
    array([1.5, 2.5])
    """
    return _decoded(json.loads(text))  # type: ignore[return-value]


def _decoded(value: object) -> object:
    if isinstance(value, dict) and "bdata" in value and "dtype" in value:
        array = np.frombuffer(base64.b64decode(value["bdata"]), dtype=np.dtype(value["dtype"]))
        shape = value.get("shape")
        if shape:
            dims = shape if isinstance(shape, list) else str(shape).split(",")
            array = array.reshape([int(d) for d in dims])
        return array
    if isinstance(value, dict):
        return {k: _decoded(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_decoded(v) for v in value]
    return value
