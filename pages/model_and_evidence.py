"""Model and evidence: equations, every parameter with its source, model vs published."""

from __future__ import annotations

import streamlit as st

from pages._shared import chart, high_contrast, require_entrypoint
from sim import constants as C
from sim import goodman
from sim.registry import REGISTRY, SPECS, ParamSpec, choice_label
from sim.sensitivity import load_results
from sim.uncertainty import BAND_SAMPLES, UNCERTAIN
from sim.validation import validation_rows
from viz.describe import describe_validation, short_number
from viz.evidence import (
    grade_rule_reasons,
    grade_rule_rows,
    validation_figure,
    validation_notes,
    validation_table_rows,
)
from viz.i18n import N_, SOURCE, _, language, ngettext, number, significant, unit_text

require_entrypoint(__file__)

# Units that are words (the model's "days" is marked in sim/registry.py and
# sim/uncertainty.py); symbols such as mm, %, 1/cm² and z stay as they are.
_UNIT_WORDS = (
    # TRANSLATORS: unit of a constant: times the value of normal skin, e.g. "20 x normal"
    N_("x normal"),
    # TRANSLATORS: unit of an odds ratio per step of skin type, e.g. "2.5 x per type"
    N_("x per type"),
    # TRANSLATORS: unit of a rate constant, e.g. "0.44 1/day" (per day)
    N_("1/day"),
    # TRANSLATORS: unit of a published result: a ratio of two changes
    N_("ratio"),
    # TRANSLATORS: unit of a published result: points of a scar score
    N_("points"),
    # TRANSLATORS: unit of a published result: grades of the Goodman & Baron scale
    N_("grades"),
)

# The sampling method as scripts/make_sensitivity.py writes it in the results
# file: marked here so that the app shows it translated (any other text is shown as written).
_SENSITIVITY_METHOD = N_(
    "Saltelli sampling (SALib sobol.sample, scrambled Sobol' sequence, no second-order indices)"
)


@st.cache_data(show_spinner=_("Re-running the published trials through the model …"))
def cached_validation_rows() -> list[dict[str, object]]:
    """:func:`sim.validation.validation_rows`, computed once (data, in English: the
    page translates what it shows)."""
    return validation_rows()


def _number(value: object) -> str:
    """A value as the model's tables give it (4 significant digits; whole numbers as
    they are), in the current language's decimals."""
    if isinstance(value, float) and not value.is_integer():
        return significant(value, 4)
    return str(int(value)) if isinstance(value, float) else str(value)


def _value(value: object, unit: str) -> str:
    return f"{_number(value)} {unit_text(unit)}".strip()


def _default(name: str, value: object) -> str:
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, str):
        return _(choice_label(name, value))
    return _value(value, SPECS[name].unit)


def _range(low: str, high: str, unit: str) -> str:
    """``0.2 to 2.5 mm`` in the current language."""
    if unit:
        # TRANSLATORS: an allowed range, e.g. "0.2 to 2.5 mm" or "7 to 90 days"
        return _("{low} to {high} {unit}").format(low=low, high=high, unit=unit_text(unit))
    # TRANSLATORS: an allowed range without a unit, e.g. "1 to 6"
    return _("{low} to {high}").format(low=low, high=high)


def _bound(x: float | None) -> str:
    """A range's end as :meth:`ParamSpec.range_text` writes it (whole numbers without
    decimals), in the current language's decimals."""
    if x is None:
        return "?"
    return str(int(x)) if float(x).is_integer() else short_number(x, 6)


def _allowed(spec: ParamSpec) -> str:
    """:meth:`ParamSpec.range_text` in the current language (values of a link stay as
    they are: they are what a URL accepts)."""
    if spec.kind == "choice":
        # TRANSLATORS: {values} are the values a link (URL) accepts, kept in English
        return _("one of {values}").format(values=", ".join(spec.choices))
    if spec.kind == "bool":
        # TRANSLATORS: {true} and {false} are the values a link (URL) accepts, kept
        # in English: only "or" is translated
        return _("{true} or {false}").format(true="true", false="false")
    return _range(_bound(spec.min), _bound(spec.max), spec.unit)


def _parameter_cell(spec: ParamSpec) -> str:
    """A parameter's label (bold), URL key, default and range, one a line (Markdown)."""
    lines = (
        (None, f"**{_(spec.label)}**"),
        (_("Name (URL key)"), f"`{spec.name}`"),
        (_("Default"), _default(spec.name, spec.default)),
        (_("Range"), _allowed(spec)),
    )
    return "  \n".join(text if name is None else f"{name}: {text}" for name, text in lines)


def _capitalized(text: str) -> str:
    """``text`` with its first letter in upper case (a constant's meaning starts a line)."""
    return text[:1].upper() + text[1:]


def _case_title(case: dict[str, object]) -> str:
    """The title of a sensitivity scenario, rebuilt from its settings in the current
    language (the results file's own title is English)."""
    scenario = case.get("scenario")
    if not isinstance(scenario, dict):
        return _(str(case["title"]))
    sessions = int(scenario["sessions"])
    # TRANSLATORS: a course of treatment, e.g. "Boxcar (shallow) scar, office pen 1.5 mm,
    # 3 sessions 28 days apart, 180 days follow-up"; {device} is in lower case
    template = ngettext(
        "{scar} scar, {device} {needle} mm, {sessions} session {interval} days apart, "
        "{follow_up} days follow-up",
        "{scar} scar, {device} {needle} mm, {sessions} sessions {interval} days apart, "
        "{follow_up} days follow-up",
        sessions,
    )
    return template.format(
        scar=_(choice_label("scar", str(scenario["scar"]))),
        device=_(choice_label("device", str(scenario["device"]))).lower(),
        needle=short_number(float(scenario["needle_mm"]), 6),
        sessions=number(sessions),
        interval=number(int(scenario["interval_days"])),
        follow_up=number(int(scenario["follow_up_days"])),
    )


def _tex(text: str) -> str:
    """A translated word for a LaTeX ``\\text{}``: LaTeX's special characters escaped."""
    for char in "{}$&#%_":
        text = text.replace(char, "\\" + char)
    return text


def _tex_number(value: float, digits: int) -> str:
    """A number inside LaTeX: a decimal comma in braces, so that it is not a list comma."""
    return number(value, digits).replace(",", "{,}")


def _rounded(rows: list[dict[str, object]]) -> list[dict[str, object]]:
    """Rows with published and model numbers to 3 significant digits."""
    return [
        {**r, "published": float(f"{r['published']:.3g}"), "model": float(f"{r['model']:.3g}")}
        for r in rows
    ]


st.title(_("Model and evidence"))
st.markdown(
    _(
        "A short version of the equations; the full model is described in `docs/model.md`. "
        "Lengths are in millimetres and times in days inside the model."
    )
)
if language().code != SOURCE:
    st.caption(
        _(
            "Sources (studies, journals and their findings) are listed as published, in "
            "English; so are the model's documentation and the downloaded data."
        )
    )

st.header(_("Equations"))
st.markdown(
    _(
        "Each session injures the dermis down to the **depth reached**: pens reach close to "
        "the needle length in human skin (Sasaki 2019), rollers less (a roller in rat skin "
        "reached 20 %, Kalluri 2011). Punctures fall at random; each channel's wound response "
        "reaches about one spread length $\\ell$ around it, so the share of tissue a session "
        "reaches saturates with the puncture density $\\rho$, and tissue still healing from an "
        "earlier session (healing window $T_h$) has fewer fibroblasts left to recruit:"
    )
)
# One formula a line (side by side they were cut off on a phone and on a projector).
st.latex(
    r"\begin{gathered}"
    # TRANSLATORS: subscripts in a formula: the depth reached d is the device's share p
    # times the needle's length L
    r"d = p_{\text{" + _tex(_("device")) + r"}}\,L_{\text{" + _tex(_("needle")) + r"}},\\"
    r"\kappa = 1 - e^{-\rho\pi\ell^2},\\"
    r"w_k = \prod_{j<k}\bigl(1 - \kappa\,e^{-(t_k - t_j)/T_h}\bigr)"
    r"\end{gathered}"
)
st.markdown(
    _(
        "A growth-factor signal $S$, recruited fibroblasts $R$, collagen-making fibroblasts "
        "$A$, the new collagen $N$ (type III, maturing to type I) and its surplus $s$ above "
        "the set point follow (depth $z$ in mm, time $t$ in days):"
    )
)
# The names are in the sentence above, not in a column beside the equations: with them
# the block was 651 px wide and scrolled sideways on a phone.
st.latex(
    r"\begin{aligned}"
    r"\partial_t S &= D\,\partial_z^2 S - k_S S\\"
    r"&\quad + \textstyle\sum_k w_k\,\kappa\,I(z)\,\delta(t - t_k)\\"
    r"\partial_t R &= k_S S - k_r R\\"
    r"\partial_t A &= k_r R - k_a A\\"
    r"\partial_t N &= \alpha\, m(z)\, A\\"
    r"\partial_t s &= \alpha\, m(z)\, A - \beta s"
    r"\end{aligned}"
)
st.markdown(
    # TRANSLATORS: markdown with LaTeX formulas between $ signs: keep them as they are
    _(
        "$k_S = {decay}$/day (TGF-β1 35 % intact at 24 h), $D = k_S\\ell^2$, "
        "$1/k_r = {recruit}$ days, $1/k_a = {active}$ days, $1/\\beta = {surplus}$ days; "
        "sources in the tables below. These equations are solved exactly (no time stepping) "
        "and checked against an independent small-time-step solver. In a scar with collagen "
        "deficit $\\delta$, new collagen fills the deficit ever more slowly as it closes; the "
        "rest is surplus that is remodelled away:"
    ).format(
        decay=_tex_number(C.SIGNAL_DECAY_PER_DAY.value, 2),
        recruit=_tex_number(C.RECRUIT_DAYS.value, 0),
        active=_tex_number(C.ACTIVE_DAYS.value, 0),
        surplus=_tex_number(C.SURPLUS_DAYS.value, 0),
    )
)
# Two lines for the height: on one line it was 417 px wide and scrolled on a phone.
st.latex(
    r"\begin{gathered}"
    r"f = \delta\,\bigl(1 - e^{-rN/\delta}\bigr),\\"
    r"\begin{aligned}\Delta h(x) &= h\sum_z\bigl[\text{"
    # TRANSLATORS: in a formula: the new collagen at a point ...
    + _tex(_("new"))
    + r"}(z,x)\\&\qquad - \text{"
    + _tex(_("new"))
    + r"}_{\text{"
    # TRANSLATORS: ... minus the new collagen of the surrounding skin (a subscript)
    + _tex(_("surrounding"))
    + r"}}(z)\bigr]\end{aligned}"
    r"\end{gathered}"
)
st.markdown(
    _(
        "The surface moves by the new collagen in each column **minus** that of the "
        "surrounding skin, which also thickens for a while: the same field the cross-section "
        "draws. So the floor of a depressed scar rises toward, never above, the surrounding "
        "skin. A raised scar has no deficit: collagen induction leaves its height unchanged, "
        "and a keloid's flare after injury is shown as a risk with its source. Pain grows "
        "with needle length $L$ and needle count $n$ (Gill 2008):"
    )
)
st.latex(
    r"\text{"
    # TRANSLATORS: the left-hand side of a formula for pain
    + _tex(_("pain"))
    + r"} = \Bigl(\frac{L}{"
    + _tex_number(1.5, 1)
    + r"\,\mathrm{mm}}\Bigr)^{"
    + _tex_number(1.77, 2)
    + r"}\Bigl(\frac{n}{12}\Bigr)^{"
    + _tex_number(0.30, 2)
    + r"}"
)

st.header(_("What nobody measured"))
st.markdown(
    _(
        "These parameters have no published value. Each has a range; the **typical range** "
        "shown on every page combines them with the spread between patients ({samples} "
        "scrambled Sobol' points), so an unknown shows as a band, never as a confident number."
    ).format(samples=number(BAND_SAMPLES))
)
st.table(
    [
        {
            _("Parameter"): _(u.label),
            # TRANSLATORS: column header: the value used for the median curve
            _("Central"): _value(u.central, u.unit),
            _("Range"): f"{_bound(u.low)}-{_bound(u.high)} {unit_text(u.unit)}".strip(),
            _("Source"): u.source,
        }
        for u in UNCERTAIN
    ],
    border="horizontal",
    hide_index=True,
)
sensitivity = load_results()
method = sensitivity["method"].split(";")[0]
st.markdown(
    # TRANSLATORS: {method} names the sampling method, {n} a number of samples
    _(
        "**Which unknowns matter most.** Sobol' total-effect indices: the share of the "
        "outcome's variance that goes away if that one input were known exactly "
        "({method}; {n} base samples)."
    ).format(method=_(method), n=number(sensitivity["n"]))
)
for case in sensitivity["scenarios"]:
    st.markdown(f"*{_case_title(case)}*")
    st.table(
        [
            {
                _("Input"): _(row["label"]),
                _("Range"): _range(significant(row["low"]), significant(row["high"]), row["unit"]),
                # TRANSLATORS: column header: Sobol' total-effect index
                _("Total effect"): f"{number(row['ST'], 2)} ± {number(row['ST_conf'], 2)}",
                # TRANSLATORS: column header: Sobol' first-order index (the input alone)
                _("Alone"): f"{number(max(row['S1'], 0.0), 2)} ± {number(row['S1_conf'], 2)}",
            }
            for row in case["indices"]
        ],
        border="horizontal",
        hide_index=True,
    )

st.header(_("Parameters you can set"))
# Two columns, the parameter's facts one a line: with a column each the table was
# 660 px wide and cut on a phone.
st.table(
    [{_("Parameter"): _parameter_cell(spec), _("Source"): spec.source} for spec in REGISTRY],
    border="horizontal",
    hide_index=True,
)
with st.expander(_("Fixed constants (rates, calibrated values, side-effect anchors)")):
    # A list, not a table: a constant's name and its source did not fit side by side on
    # a phone.
    st.markdown(
        "\n".join(
            f"- **{_capitalized(_(c.meaning))}** (`{c.name}`): "
            f"{_value(c.value, c.unit)}. {c.source}"
            for c in C.ALL
        )
    )

st.header(_("The clinic's scale: Goodman & Baron grades"))
st.markdown(
    # TRANSLATORS: {source} is a citation, kept as published
    _(
        "Clinics and most trials grade acne scars on Goodman & Baron's qualitative scale, 1 "
        "(a flat mark) to 4 (severe), by eye: is the scar obvious at a social distance of "
        "50 cm, does make-up cover it, does stretching the skin flatten it ({source}). The "
        "model has a surface, not a face, so it **estimates** the grade from the depth of a "
        "dip (or the height of a bump) with the rule below. The rule is a **modelling "
        "choice**; its thresholds and their reasons:"
    ).format(source=goodman.SOURCE_QUALITATIVE)
)
st.table(grade_rule_rows(), border="horizontal", hide_index=True)
st.markdown(grade_rule_reasons())
st.markdown(
    _(
        "Each scar type starts on the grade Goodman & Baron give its kind: shallow boxcar and "
        "rolling scars 3, deep boxcar and ice-pick scars 4, a keloid 4. The app shows the "
        "grade of the typical patient with the grades of the lower and upper responder. "
        "Re-run on this scale, the model's grades and scores change less than the trials "
        "report (the last rows of the table below): read a grade as the model's estimate, "
        "not a prediction."
    )
)

st.header(_("Model vs. published results"))
rows = _rounded(cached_validation_rows())
st.markdown(
    _(
        "Scales differ between trials; each row says which scale the published number is on. "
        "Rows marked *calibrated* were used to fit a constant, so agreement there is by design."
    )
)
chart(
    validation_figure(rows, high_contrast=high_contrast()), "validation", describe_validation(rows)
)
# Three columns: with the protocol, calibration and note in columns of their own the
# table was cut on a phone and on a projector. The notes are listed below it.
st.table(validation_table_rows(rows), border="horizontal", hide_index=True)
with st.expander(_("Sources and how each model number is computed")):
    st.markdown(validation_notes(rows))
