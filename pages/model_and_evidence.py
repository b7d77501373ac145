"""Model and evidence: equations, every parameter with its source, model vs published."""

from __future__ import annotations

import streamlit as st

from pages._shared import chart, high_contrast, require_entrypoint
from sim import constants as C
from sim.registry import REGISTRY, SPECS, choice_label
from sim.validation import validation_rows
from viz.describe import describe_validation
from viz.evidence import validation_figure

require_entrypoint(__file__)


@st.cache_data(show_spinner="Re-running the published trials through the model …")
def cached_validation_rows() -> list[dict[str, object]]:
    """:func:`sim.validation.validation_rows`, computed once."""
    return validation_rows()


def _default(name: str, value: object) -> str:
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, str):
        return choice_label(name, value)
    return _value(value, SPECS[name].unit)


def _value(value: object, unit: str) -> str:
    text = f"{value:.4g}" if isinstance(value, float) else str(value)
    return f"{text} {unit}".strip()


def _rounded(rows: list[dict[str, object]]) -> list[dict[str, object]]:
    """Rows with published and model numbers to 3 significant digits."""
    return [
        {**r, "published": float(f"{r['published']:.3g}"), "model": float(f"{r['model']:.3g}")}
        for r in rows
    ]


st.title("Model and evidence")
st.markdown(
    "A short version of the equations; the full model is described in `docs/model.md`. "
    "Lengths are in millimetres and times in days inside the model."
)

st.subheader("Equations")
st.markdown(
    "Each session injures the skin down to the **effective depth** (a share of the needle "
    "length). A growth-factor signal spreads and decays; fibroblasts lay down new collagen "
    "$N(z,t)$ (type III first, maturing into type I). In a scar with collagen deficit "
    "$\\delta$, new collagen fills the deficit ever more slowly as it closes:"
)
st.latex(r"d_{\mathrm{eff}} = p \, L_{\mathrm{needle}}")
st.markdown(
    "Each session $k$ adds the expected injury $I(z)$ of its punctures in the dermis; the "
    "signal $S$, recruited fibroblasts $R$, collagen-making fibroblasts $A$ and the new "
    "collagen $N$ follow (depth $z$ in mm, time $t$ in days):"
)
st.latex(
    r"\begin{aligned}"
    r"\partial_t S &= D\,\partial_z^2 S - k_S S + \textstyle\sum_k I(z)\,\delta(t - t_k)"
    r" && \text{growth-factor signal}\\"
    r"\partial_t R &= k_S S - k_r R && \text{recruited fibroblasts}\\"
    r"\partial_t A &= k_r R - k_a A && \text{collagen-making fibroblasts}\\"
    r"\partial_t N &= \alpha\, m(z)\, A && \text{new collagen (type III, matures to I)}\\"
    r"\partial_t s &= \alpha\, m(z)\, A - \beta s && \text{surplus above the set point}"
    r"\end{aligned}"
)
st.markdown(
    f"$k_S = {C.SIGNAL_DECAY_PER_DAY.value:.2f}$/day (TGF-β1 35 % intact at 24 h), "
    f"$\\ell = \\sqrt{{D/k_S}} = {C.SIGNAL_LENGTH_MM.value:g}$ mm, "
    f"$1/k_r = {C.RECRUIT_DAYS.value:g}$ days, $1/k_a = {C.ACTIVE_DAYS.value:g}$ days, "
    f"$1/\\beta = {C.SURPLUS_DAYS.value:g}$ days; the sources are in the table of constants "
    "below. These linear equations are solved exactly (no time stepping) and checked against "
    "an independent small-time-step solver."
)
st.latex(
    r"\partial_t f = \Bigl(1 - \frac{f}{\delta}\Bigr)\,\partial_t (rN)"
    r"\;\Rightarrow\; f = \delta\,\bigl(1 - e^{-rN/\delta}\bigr)"
)
st.markdown(
    "The scar floor rises by $\\int f\\,dz$ in each column, never above the surrounding "
    "skin. Raised scars make $\\gamma$ times more collagen (hypertrophic 6.7, keloid 20) "
    "with normal breakdown, so they rise:"
)
st.latex(r"\Delta h_{\mathrm{raised}} = \int (\gamma - 1)\, r\, s \, dz \;\ge\; 0")
st.markdown(
    "Patients differ by a response rate $r$ with $\\ln r \\sim \\mathcal{N}(0, \\sigma^2)$; "
    "the typical range is the 10th-90th percentile. Pain grows with needle length $L$ and "
    "needle count $n$ (Gill 2008):"
)
st.latex(
    r"\mathrm{pain} = \Bigl(\frac{L}{1.5\,\mathrm{mm}}\Bigr)^{1.77}\Bigl(\frac{n}{12}\Bigr)^{0.30}"
)

st.subheader("Parameters you can set")
st.table(
    [
        {
            "Label": spec.label,
            "Name (URL key)": spec.name,
            "Unit": spec.unit,
            "Default": _default(spec.name, spec.default),
            "Range": spec.range_text(),
            "Source": spec.source,
        }
        for spec in REGISTRY
    ],
    border="horizontal",
    hide_index=True,
)
with st.expander("Fixed constants (rates, calibrated values, side-effect anchors)"):
    st.table(
        [
            {
                "Name": c.name,
                "Value": _value(c.value, c.unit),
                "Meaning": c.meaning,
                "Source": c.source,
            }
            for c in C.ALL
        ],
        border="horizontal",
        hide_index=True,
    )

st.subheader("Model vs. published results")
rows = _rounded(cached_validation_rows())
st.markdown(
    "Scales differ between trials; each row says which scale the published number is on. "
    "Rows marked *calibrated* were used to fit a constant, so agreement there is by design."
)
chart(
    validation_figure(rows, high_contrast=high_contrast()), "validation", describe_validation(rows)
)
st.table(
    [
        {
            "Study": r["study"],
            "Protocol": r["protocol"],
            "Published": f"{r['published']:g} {r['unit']} ({r['scale']})",
            "Model": f"{r['model']:g}",
            "Calibrated": "yes" if r["calibrated"] else "no",
            "Note": r["note"],
        }
        for r in rows
    ],
    border="horizontal",
    hide_index=True,
)
