"""Model and evidence: equations, every parameter with its source, model vs published."""

from __future__ import annotations

import streamlit as st

from pages._shared import chart, high_contrast, require_entrypoint
from sim import constants as C
from sim import goodman
from sim.registry import REGISTRY, SPECS, choice_label
from sim.sensitivity import load_results
from sim.uncertainty import UNCERTAIN
from sim.validation import validation_rows
from viz.describe import describe_validation
from viz.evidence import grade_rule_reasons, grade_rule_rows, validation_figure

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

st.header("Equations")
st.markdown(
    "Each session injures the dermis down to the **depth reached**: pens reach close to "
    "the needle length in human skin (Sasaki 2019), rollers less (a roller in rat skin "
    "reached 20 %, Kalluri 2011). Punctures fall at random; each channel's wound response "
    "reaches about one spread length $\\ell$ around it, so the share of tissue a session "
    "reaches saturates with the puncture density $\\rho$, and tissue still healing from an "
    "earlier session (healing window $T_h$) has fewer fibroblasts left to recruit:"
)
st.latex(
    r"d = p_{\mathrm{device}}\,L_{\mathrm{needle}},\qquad"
    r"\kappa = 1 - e^{-\rho\pi\ell^2},\qquad"
    r"w_k = \prod_{j<k}\bigl(1 - \kappa\,e^{-(t_k - t_j)/T_h}\bigr)"
)
st.markdown(
    "A growth-factor signal $S$, recruited fibroblasts $R$, collagen-making fibroblasts "
    "$A$ and the new collagen $N$ follow (depth $z$ in mm, time $t$ in days):"
)
st.latex(
    r"\begin{aligned}"
    r"\partial_t S &= D\,\partial_z^2 S - k_S S + \textstyle\sum_k w_k\,\kappa\,I(z)\,"
    r"\delta(t - t_k) && \text{growth-factor signal}\\"
    r"\partial_t R &= k_S S - k_r R && \text{recruited fibroblasts}\\"
    r"\partial_t A &= k_r R - k_a A && \text{collagen-making fibroblasts}\\"
    r"\partial_t N &= \alpha\, m(z)\, A && \text{new collagen (type III, matures to I)}\\"
    r"\partial_t s &= \alpha\, m(z)\, A - \beta s && \text{surplus above the set point}"
    r"\end{aligned}"
)
st.markdown(
    f"$k_S = {C.SIGNAL_DECAY_PER_DAY.value:.2f}$/day (TGF-β1 35 % intact at 24 h), "
    f"$D = k_S\\ell^2$, $1/k_r = {C.RECRUIT_DAYS.value:g}$ days, "
    f"$1/k_a = {C.ACTIVE_DAYS.value:g}$ days, $1/\\beta = {C.SURPLUS_DAYS.value:g}$ days; "
    "sources in the tables below. These equations are solved exactly (no time stepping) "
    "and checked against an independent small-time-step solver. In a scar with collagen "
    "deficit $\\delta$, new collagen fills the deficit ever more slowly as it closes; the "
    "rest is surplus that is remodelled away:"
)
st.latex(
    r"f = \delta\,\bigl(1 - e^{-rN/\delta}\bigr),\qquad"
    r"\Delta h(x) = h\sum_z\bigl[\mathrm{new}(z,x) - \mathrm{new}_{\mathrm{surrounding}}(z)\bigr]"
)
st.markdown(
    "The surface moves by the new collagen in each column **minus** that of the surrounding "
    "skin, which also thickens for a while: the same field the cross-section draws. So the "
    "floor of a depressed scar rises toward, never above, the surrounding skin. A raised "
    "scar has no deficit: collagen induction leaves its height unchanged, and a keloid's "
    "flare after injury is shown as a risk with its source. Pain grows with needle length "
    "$L$ and needle count $n$ (Gill 2008):"
)
st.latex(
    r"\mathrm{pain} = \Bigl(\frac{L}{1.5\,\mathrm{mm}}\Bigr)^{1.77}\Bigl(\frac{n}{12}\Bigr)^{0.30}"
)

st.header("What nobody measured")
st.markdown(
    "These parameters have no published value. Each has a range; the **typical range** "
    "shown on every page combines them with the spread between patients (128 scrambled "
    "Sobol' points), so an unknown shows as a band, never as a confident number."
)
st.table(
    [
        {
            "Parameter": u.label,
            "Central": _value(u.central, u.unit),
            "Range": f"{u.low:g}-{u.high:g} {u.unit}".strip(),
            "Source": u.source,
        }
        for u in UNCERTAIN
    ],
    border="horizontal",
    hide_index=True,
)
sensitivity = load_results()
st.markdown(
    "**Which unknowns matter most.** Sobol' total-effect indices: the share of the "
    "outcome's variance that goes away if that one input were known exactly "
    f"({sensitivity['method'].split(';')[0]}; {sensitivity['n']} base samples)."
)
for case in sensitivity["scenarios"]:
    st.markdown(f"*{case['title']}*")
    st.table(
        [
            {
                "Input": row["label"],
                "Range": f"{row['low']:.3g} to {row['high']:.3g} {row['unit']}".strip(),
                "Total effect": f"{row['ST']:.2f} ± {row['ST_conf']:.2f}",
                "Alone": f"{max(row['S1'], 0.0):.2f} ± {row['S1_conf']:.2f}",
            }
            for row in case["indices"]
        ],
        border="horizontal",
        hide_index=True,
    )

st.header("Parameters you can set")
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

st.header("The clinic's scale: Goodman & Baron grades")
st.markdown(
    "Clinics and most trials grade acne scars on Goodman & Baron's qualitative scale, 1 "
    "(a flat mark) to 4 (severe), by eye: is the scar obvious at a social distance of "
    "50 cm, does make-up cover it, does stretching the skin flatten it "
    f"({goodman.SOURCE_QUALITATIVE}). The model has a surface, not a face, so it "
    "**estimates** the grade from the depth of a dip (or the height of a bump) with the "
    "rule below. The rule is a **modelling choice**; its thresholds and their reasons:"
)
st.table(grade_rule_rows(), border="horizontal", hide_index=True)
st.markdown(grade_rule_reasons())
st.markdown(
    "Each scar type starts on the grade Goodman & Baron give its kind: shallow boxcar and "
    "rolling scars 3, deep boxcar and ice-pick scars 4, a keloid 4. The app shows the "
    "grade of the typical patient with the grades of the lower and upper responder. Re-run "
    "on this scale, the model's grades and scores change less than the trials report (the "
    "last rows of the table below): read a grade as the model's estimate, not a prediction."
)

st.header("Model vs. published results")
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
