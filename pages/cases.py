"""Practice cases: choose a protocol, predict the outcome, then see the model's range.

The case set is a view setting (``?case_set=42``: a class gets the same cases);
the trainee's answers are not in the link (their keys start with
``ANSWER_PREFIX``). The page never changes the shared scenario.
"""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from pages._shared import (
    ANSWER_PREFIX,
    CASE_SET,
    VIEW_PREFIX,
    chart,
    control_width_px,
    current_scenario,
    high_contrast,
    needle_range,
    release_free_memory,
    require_entrypoint,
    sync_query_params,
    view_value,
    view_widget,
)
from sim.cases import (
    FILL_MAX_WIDTH_PCT,
    FILL_TOLERANCE_PCT,
    FILL_WIDTH_FACTOR,
    Case,
    Check,
    ModelAnswer,
    Prediction,
    Protocol,
    cases_for,
    model_answer,
    nearest_published,
    score,
    wish_note,
)
from sim.devices import DEVICES
from sim.registry import SPECS, choice_label
from viz.cases import (
    BLEEDING_LABELS,
    PAIN_LABELS,
    PIGMENTATION_LABELS,
    answer_description,
    answer_table,
    case_card,
    case_text,
    case_title,
    describe_fill_ranges,
    fill_question,
    fill_ranges_figure,
    item_label,
    nearest_text,
    protocol_text,
    significant,
    summary_text,
)
from viz.i18n import _

require_entrypoint(__file__)

CASE_SET_KEY = VIEW_PREFIX + CASE_SET.name
SHOWN_SET_KEY = "cases_shown_set"  # the last valid case set (not a widget)
NOTICE_KEY = "cases_notice"
FILL_DEFAULT_PCT = (0, 100)


def _key(number: int, name: str) -> str:
    """Session-state key of an answer to case ``number`` (never in the link)."""
    return f"{ANSWER_PREFIX}{number}_{name}"


def _clear_answers() -> None:
    for key in list(st.session_state.keys()):
        if str(key).startswith(ANSWER_PREFIX):
            del st.session_state[key]


def _on_case_set() -> None:
    """A case set typed in: a whole number from the allowed range, or back to the last one."""
    shown = st.session_state.get(SHOWN_SET_KEY, CASE_SET.default)
    text = str(st.session_state[CASE_SET_KEY]).strip()
    try:
        value = str(CASE_SET.parse(text))
    except ValueError as error:
        st.session_state[CASE_SET_KEY] = shown
        # TRANSLATORS: {error} is an English message saying what is wrong with the number.
        st.session_state[NOTICE_KEY] = _(
            "Ignored case set: {error}. Keeping case set {shown}."
        ).format(error=error, shown=shown)
        return
    st.session_state[CASE_SET_KEY] = value
    if value != shown:
        _clear_answers()


def _next_set() -> None:
    low, high = CASE_SET.number_range or (1, 9999)
    current = int(st.session_state.get(CASE_SET_KEY, CASE_SET.default))
    st.session_state[CASE_SET_KEY] = str(current + 1 if current < high else low)
    _clear_answers()


def _clamp_needle(number: int) -> None:
    """A new device keeps the needle inside its range. The device is also kept beside
    its widget (a run that does not draw the widget drops its state)."""
    device = st.session_state[_key(number, "device")]
    st.session_state[_key(number, "device_chosen")] = device
    low, high = needle_range(device)
    key = _key(number, "needle_mm")
    st.session_state[key] = min(max(float(st.session_state.get(key, low)), low), high)


def _submit(number: int) -> None:
    """Keep the protocol and the predictions as submitted (not only in the widgets, whose
    state Streamlit drops while they are not drawn), or ask for the missing answers."""
    state = st.session_state
    answers = {n: state.get(_key(number, n)) for n in ("bleeding", "pain", "pigmentation")}
    complete = all(a is not None for a in answers.values())
    state[_key(number, "incomplete")] = not complete
    if not complete:
        return
    fill = state[_key(number, "fill_pct")]
    low, high = fill if isinstance(fill, (tuple, list)) else (fill, fill)
    protocol = Protocol(
        device=state[_key(number, "device")],
        needle_mm=float(state[_key(number, "needle_mm")]),
        sessions=int(state[_key(number, "sessions")]),
        interval_days=int(state[_key(number, "interval_days")]),
    )
    prediction = Prediction(fill_pct=(float(low), float(high)), **answers)
    state[_key(number, "submitted")] = (protocol, prediction)
    state[_key(number, "done")] = True


def _again(number: int) -> None:
    st.session_state[_key(number, "done")] = False


@st.cache_data(max_entries=256, show_spinner=False)
def _model_answer(
    scar: str,
    fitzpatrick: int,
    wish: str,
    device: str,
    needle_mm: float,
    sessions: int,
    interval: int,
) -> ModelAnswer:
    """:func:`sim.cases.model_answer`, cached (small: no 2-D fields are kept)."""
    answer = model_answer(
        Case(0, scar, fitzpatrick, wish), Protocol(device, needle_mm, sessions, interval)
    )
    release_free_memory()
    return answer


def _radio(label: str, options: dict[str, str], key: str, before: str | None) -> None:
    """A horizontal choice with nothing chosen at first (or the answer given before);
    ``options`` maps each value to its label marked with ``N_``."""
    st.radio(
        label,
        options=list(options),
        format_func=lambda v: _(options[v]),
        index=list(options).index(before) if before is not None else None,
        horizontal=True,
        key=key,
    )


def _answer_widgets(case: Case, before: tuple[Protocol, Prediction] | None) -> None:
    """The protocol and the predictions: the device outside the form (it sets the
    needle's range), the rest in a form. ``before``: the answers given last time."""
    n = case.number
    width = control_width_px()
    protocol, prediction = before if before is not None else (None, None)
    device_key = _key(n, "device")
    chosen = st.session_state.get(_key(n, "device_chosen"))
    st.session_state.setdefault(
        device_key, chosen or (protocol.device if protocol else SPECS["device"].default)
    )
    st.markdown(_("**Your protocol**"))
    device = str(
        st.selectbox(
            _("Device"),
            options=list(SPECS["device"].choices),
            format_func=lambda v: _(choice_label("device", v)),
            key=device_key,
            on_change=_clamp_needle,
            args=(n,),
            width=control_width_px("device"),
        )
    )
    low, high = needle_range(device)
    needle = protocol.needle_mm if protocol else DEVICES[device].default_needle_mm
    seeds = {
        "needle_mm": min(max(needle, low), high),
        "sessions": protocol.sessions if protocol else int(SPECS["sessions"].default),
        "interval_days": (
            protocol.interval_days if protocol else int(SPECS["interval_days"].default)
        ),
    }
    for name, seed in seeds.items():
        st.session_state.setdefault(_key(n, name), seed)
    with st.form(f"case_form_{n}", border=False):
        with st.container(horizontal=True, gap="small"):
            st.slider(
                _("Needle length (mm)"),
                min_value=float(low),
                max_value=float(high),
                step=float(SPECS["needle_mm"].step),
                format="%.2f",
                key=_key(n, "needle_mm"),
                help=_("Each device allows its own range of needle lengths."),
                width=width,
            )
            st.slider(
                _("Sessions"),
                min_value=1,
                max_value=int(SPECS["sessions"].max),
                key=_key(n, "sessions"),
                width=width,
            )
            st.slider(
                _("Days between sessions"),
                min_value=int(SPECS["interval_days"].min),
                max_value=int(SPECS["interval_days"].max),
                key=_key(n, "interval_days"),
                width=width,
            )
        st.markdown(_("**Your prediction**, before the model answers"))
        fill = prediction.fill_pct if prediction else FILL_DEFAULT_PCT
        st.slider(
            fill_question(case),
            min_value=0,
            max_value=100,
            step=5,
            value=(int(fill[0]), int(fill[1])),
            key=_key(n, "fill_pct"),
            help=_("Drag both ends: your range for a typical patient."),
        )
        _radio(
            _("Bleeding during the session"),
            BLEEDING_LABELS,
            _key(n, "bleeding"),
            prediction.bleeding if prediction else None,
        )
        _radio(
            _("Pain of a session, compared with an office pen at 1.5 mm"),
            PAIN_LABELS,
            _key(n, "pain"),
            prediction.pain if prediction else None,
        )
        _radio(
            _("Chance of dark marks after the course"),
            PIGMENTATION_LABELS,
            _key(n, "pigmentation"),
            prediction.pigmentation if prediction else None,
        )
        st.form_submit_button(
            _("Show the model's answer"), on_click=_submit, args=(n,), type="primary"
        )


def _reasons(case: Case, checks: list[Check]) -> str:
    """Markdown list: each item's name (as the answer's table names it) and the model's
    reason."""
    return "\n".join(
        "- "
        + _("**{item}**: {reason}").format(
            item=item_label(c.item, case), reason=case_text(c.reason)
        )
        for c in checks
    )


def _show_answer(case: Case, protocol: Protocol, prediction: Prediction) -> tuple[Check, ...]:
    n = case.number
    answer = _model_answer(
        case.scar,
        case.fitzpatrick,
        case.wish,
        protocol.device,
        protocol.needle_mm,
        protocol.sessions,
        protocol.interval_days,
    )
    answer = replace(answer, case=case)  # the cache holds it under case number 0
    checks = score(answer, prediction)
    st.markdown(_("**Your protocol:** {protocol}.").format(protocol=protocol_text(protocol)))
    st.markdown("#### " + _("The model's answer"))
    st.markdown(answer_table(answer, prediction, checks))
    st.caption(answer_description(answer, checks))
    chart(
        fill_ranges_figure(answer, prediction, high_contrast=high_contrast()),
        f"case_{n}_fill",
        describe_fill_ranges(answer, prediction),
        toolbar=False,
    )
    missed = [c for c in checks if not c.hit]
    if missed:
        st.markdown(_("**What you missed**"))
        st.markdown(_reasons(case, missed))
    else:
        st.success(_("All four predictions fall inside the model's range."))
    hits = [c for c in checks if c.hit]
    if hits:
        with st.expander(_("Why the model says what you predicted")):
            st.markdown(_reasons(case, hits))
    st.markdown(_("**What the patient wants:** {note}").format(note=case_text(wish_note(answer))))
    nearest, distance = nearest_published(protocol)
    st.markdown(_("**Nearest published protocol**"))
    st.markdown(nearest_text(protocol, nearest, distance))
    st.button(_("Try this case again"), key=_key(n, "again"), on_click=_again, args=(n,))
    return checks


def _case(case: Case) -> tuple[Check, ...] | None:
    """One case: its card, then the answers, or the model's answer once submitted."""
    n = case.number
    before = st.session_state.get(_key(n, "submitted"))
    done = bool(st.session_state.get(_key(n, "done"))) and before is not None
    with st.container(border=True):
        st.subheader(case_title(case), anchor=False)
        st.markdown(case_card(case))
        if done:
            return _show_answer(case, *before)
        _answer_widgets(case, before)
        if st.session_state.get(_key(n, "incomplete")):
            st.warning(_("Choose an answer for bleeding, pain and dark marks first."))
        return None


st.title(_("Practice cases"), anchor=False)
st.markdown(
    _(
        "Each case is a patient. Choose a protocol and predict the outcome **before** the "
        "model answers; then compare with **the model's range**. That range is what this "
        "simplified model computes for a typical patient (10th-90th percentile over patients "
        "and unknowns), not the right answer for a real one."
    )
)
# The case set's widget state is dropped by a run that does not draw it (AppTest runs
# the page file on its own first); the last set shown is kept beside it.
st.session_state.setdefault(CASE_SET_KEY, st.session_state.get(SHOWN_SET_KEY, CASE_SET.default))
st.session_state[SHOWN_SET_KEY] = str(view_value(CASE_SET))
with st.container(horizontal=True, gap="small", vertical_alignment="bottom"):
    view_widget(
        CASE_SET,
        st.text_input,
        _("Case set (a number from 1 to 9999)"),
        on_change=_on_case_set,
        help=_("Everyone who opens the same case set gets the same cases."),
        width=control_width_px(),
    )
    st.button(_("Next set of cases"), on_click=_next_set)
st.caption(
    # TRANSLATORS: "Link to this view" is the name of a button in the sidebar.
    _(
        "Everyone with the same case set gets the same three cases: share the page's link "
        "(Link to this view, in the sidebar). Your answers stay on your screen; they are not "
        "in the link."
    )
)
notice = st.session_state.pop(NOTICE_KEY, None)
if notice:
    st.warning(notice, icon=":material/link_off:")

with st.expander(_("How your predictions are scored")):
    rules = (
        _(
            "**Fill**: inside when the middle of your range lies within the model's typical "
            "range widened by {tolerance} points each side, and your range is no wider than "
            "{max_width} points or {factor} times the model's range, whichever is wider."
        ).format(
            tolerance=significant(FILL_TOLERANCE_PCT),
            max_width=significant(FILL_MAX_WIDTH_PCT),
            factor=significant(FILL_WIDTH_FACTOR),
        ),
        _(
            "**Bleeding**: inside when it is the model's answer (no, possible or yes: whether "
            "the needles pass the epidermis over the range of how deep the device reaches)."
        ),
        _("**Pain**: inside when your band holds the model's pain index (Gill 2008)."),
        _("**Dark marks**: inside when your band overlaps the model's range of the risk."),
    )
    st.markdown(
        "\n".join(f"- {rule}" for rule in rules)
        + "\n\n"
        + _("These rules and the bands are modelling choices.")
    )

CASES = cases_for(int(view_value(CASE_SET)))
results = [_case(case) for case in CASES]

st.header(_("Summary"), anchor=False)
answered = [checks for checks in results if checks is not None]
st.info(
    summary_text(
        len(answered),
        len(CASES),
        sum(c.hit for checks in answered for c in checks),
        sum(len(checks) for checks in answered),
    )
)
sync_query_params(current_scenario())  # the case set, if a run restored it
