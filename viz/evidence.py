"""Model against published results (rows of ``sim.validation.validation_rows``).

Each row's study and protocol are written across the plot area, above the row's
markers (as tick labels beside the plot they left it a fifth of a phone's
width). The vertical axes count pixels from the top of each panel, so a row's
height is set in pixels: enough for its text at any screen width. What the
model assumes for a row (a needle length the trial did not report) has lines of
its own under the protocol and is never shortened.

The tables of the page (:func:`validation_table_rows`, :func:`grade_rule_rows`)
have few columns, so that they fit a phone (390 px) and a projector's 1024 px
with the sidebar open; the long notes are a list below them
(:func:`validation_notes`).
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping, Sequence

import plotly.graph_objects as go

from sim import constants as C
from sim import goodman
from sim.validation import GOODMAN_BARON_TRIALS
from viz.i18n import N_, _, ngettext, number, significant, unit_text
from viz.style import OKABE_ITO, Theme, apply_theme, panel_titles, theme
from viz.timeline import below_plot, line_count, text_px, wrap_label

ROW_EM = 19.0
"""Longest line of a row's text (em): the plot area of a 390 px phone is about 330 px."""

ROW_LINES = 3
"""Most lines of a row's study and protocol; a longer protocol is shortened with "…".
The assumption (if any) comes on lines of its own, whole."""

LABEL_BACKGROUND = "rgba(255,255,255,0.85)"
"""Behind a row's text, over the vertical grid lines."""

NBSP = "\u00a0"
"""A no-break space: keeps "p = 0.318" on one line."""

PANEL_TITLES = (N_("Percentages (%)"), N_("Ratios"))
"""Titles of the two panels (translated where drawn)."""


GB_KEYS = frozenset(trial.key for trial in GOODMAN_BARON_TRIALS)
"""Rows on Goodman & Baron's scale: the study is tagged, so that a study with a row on
each scale (Dogra) does not show two rows with the same label and different numbers."""


def short_study(row: Mapping[str, object]) -> str:
    """A validation row's study as its first authors (a citation: kept as published),
    tagged when the row is on Goodman & Baron's score.

    Examples
    --------
    >>> short_study({"study": "Lotfi, Moneib & Yehia, J Egypt Women's Dermatol Soc 2013"})
    'Lotfi'
    """
    study = str(row["study"]).split(",")[0].split(" (")[0]
    if row.get("key") in GB_KEYS:
        # TRANSLATORS: after a study's first author in the validation chart: the row
        # compares the fall of Goodman & Baron's scar score (another row of the same
        # study compares the share of a scar's volume filled).
        study = _("{study} (G&B score)").format(study=study)
    return study


def assumption_text(row: Mapping[str, object]) -> str:
    """What the model assumes for a row (``"1.5 mm needle assumed"``), translated;
    empty if nothing."""
    assumption = str(row.get("assumption") or "")
    return _(assumption) if assumption else ""


def row_text(row: Mapping[str, object]) -> str:
    """Study (first authors, in bold) and protocol of a validation row, in at most
    :data:`ROW_LINES` lines that fit a phone, then what the model assumes (in
    italics, whole, on lines of its own). The study is a citation and stays as
    published; the protocol is translated where the catalogue has it.

    Examples
    --------
    >>> row_text({"study": "Lotfi, J Egypt Women's Dermatol Soc 2013 (n=30)",
    ...           "protocol": "1.5 mm roller, 5 sessions monthly, 8 weeks after"})
    '<b>Lotfi</b>: 1.5 mm roller, 5 sessions<br>monthly, 8 weeks after'
    >>> row_text({"study": "Asif, J Cosmet Dermatol 2016", "protocol": "3 monthly sessions",
    ...           "assumption": "follow-up of 3 months assumed"})
    '<b>Asif</b>: 3 monthly sessions<br><i>follow-up of 3 months assumed</i>'
    """
    study = short_study(row)
    full_protocol = _(str(row["protocol"]))
    protocol = full_protocol
    width = len(protocol)
    while True:
        text = wrap_label(f"{study}: {protocol}", ROW_EM, breaks=())
        if line_count(text) <= ROW_LINES or width < 10:
            break
        width -= 4
        protocol = textwrap.shorten(full_protocol, width=width, placeholder="…")
    if text.startswith(f"{study}:"):
        text = f"<b>{study}</b>{text[len(study) :]}"
    assumption = assumption_text(row)
    if assumption:
        lines = wrap_label(assumption, ROW_EM, breaks=()).split("<br>")
        text += "".join(f"<br><i>{line}</i>" for line in lines)
    return text


def _hover(row: Mapping[str, object]) -> str:
    """A row's study, protocol and assumption, for the hover text."""
    text = f"{row['study']}: {_(str(row['protocol']))}"
    assumption = assumption_text(row)
    return f"{text} ({assumption})" if assumption else text


def _marker_px(t: Theme) -> int:
    """Size of the markers: 16 px, 24 on a projector."""
    return t.small_px


def _row_px(text: str, t: Theme) -> tuple[int, int]:
    """Height of a row (px) and the offset of its markers from the row's top."""
    marker_row = _marker_px(t) + 12
    label = text_px(t.small_px, line_count(text)) + 6
    return label + marker_row + 4, label + marker_row // 2


def validation_figure(
    rows: Sequence[Mapping[str, object]], *, high_contrast: bool = False
) -> go.Figure:
    """Published vs model value per row: percentages on top, ratios below (rows checked
    as counts, unit ``"p"``, are left to the table: a p-value has no place on either axis).

    Returns
    -------
    plotly.graph_objects.Figure
        Four traces: published and model (percentages), published and model
        (ratios); rows used for calibration get open model markers. Each row's
        study and protocol (:func:`row_text`) are an annotation above its
        markers; the legend is below the lower panel.
    """
    t = theme(high_contrast)
    # Rows checked as counts (unit "p": an observed share against the model's
    # binomial p-value) are on no common axis with these: the table shows them.
    groups = (
        [r for r in rows if str(r["unit"]) == "%"],
        [r for r in rows if str(r["unit"]) == "ratio"],
    )
    title_px = text_px(t.font_px) + 8
    ticks_px = text_px(t.font_px) + 14
    data: list[go.Scatter] = []
    annotations: list[dict] = []
    shapes: list[dict] = []
    panel_px: list[int] = []
    for n, group in enumerate(groups, start=1):
        suffix = "" if n == 1 else str(n)
        texts = [row_text(r) for r in group]
        top = 0
        marker_y = []
        for k, text in enumerate(texts):
            height, offset = _row_px(text, t)
            annotations.append(
                {
                    "text": text,
                    "xref": f"x{suffix} domain",
                    "x": 0,
                    "xanchor": "left",
                    "yref": f"y{suffix}",
                    "y": top + 4,
                    "yanchor": "top",
                    "align": "left",
                    "showarrow": False,
                    "bgcolor": LABEL_BACKGROUND,
                    "font": {"size": t.small_px},
                }
            )
            if k:
                shapes.append(
                    {
                        "type": "line",
                        "xref": f"x{suffix} domain",
                        "x0": 0,
                        "x1": 1,
                        "yref": f"y{suffix}",
                        "y0": top,
                        "y1": top,
                        "line": {"color": t.grid, "width": 1},
                        "layer": "below",
                    }
                )
            marker_y.append(top + offset)
            top += height
        panel_px.append(max(top, 1))
        hover = [_hover(r) for r in group]
        data.append(
            go.Scatter(
                x=[float(r["published"]) for r in group],
                y=marker_y,
                mode="markers",
                marker={
                    "symbol": "diamond",
                    "size": _marker_px(t),
                    "color": OKABE_ITO["black"],
                },
                # TRANSLATORS: legend: the value a trial published
                name=_("Published"),
                showlegend=n == 1,
                cliponaxis=False,
                customdata=hover,
                hovertemplate="%{customdata}<br>"
                # TRANSLATORS: hover text; {value} is the number the trial published
                + _("published {value}").format(value="%{x:.3g}")
                + "<extra></extra>",
                xaxis=f"x{suffix}",
                yaxis=f"y{suffix}",
            )
        )
        data.append(
            go.Scatter(
                x=[float(r["model"]) for r in group],
                y=marker_y,
                mode="markers",
                marker={
                    "symbol": ["circle-open" if r["calibrated"] else "circle" for r in group],
                    "size": _marker_px(t),
                    "color": OKABE_ITO["vermillion"],
                    "line": {"width": 3, "color": OKABE_ITO["vermillion"]},
                },
                name=wrap_label(_("Model (open circle: row used for calibration)")),
                showlegend=n == 1,
                cliponaxis=False,
                customdata=hover,
                hovertemplate="%{customdata}<br>"
                # TRANSLATORS: hover text; {value} is the model's number
                + _("model {value}").format(value="%{x:.3g}")
                + "<extra></extra>",
                xaxis=f"x{suffix}",
                yaxis=f"y{suffix}",
            )
        )
    gap_px = ticks_px + title_px + 12
    plot_px = panel_px[0] + gap_px + panel_px[1]
    domains = ([(panel_px[1] + gap_px) / plot_px, 1.0], [0.0, panel_px[1] / plot_px])
    titles = [_(title) for title in PANEL_TITLES]
    annotations += panel_titles(list(zip(titles, ("y", "y2"), strict=True)), t)
    fig = go.Figure(data)
    apply_theme(fig, t)
    fig.update_layout(
        annotations=annotations,
        shapes=shapes,
        **below_plot(
            t,
            top_px=title_px,
            plot_px=plot_px,
            legend=[trace.name for trace in data[:2]],
            title_lines=0,
        ),
    )
    fig.update_layout(margin={"l": 16, "r": 24})
    for n, (domain, height) in enumerate(zip(domains, panel_px, strict=True), start=1):
        suffix = "" if n == 1 else str(n)
        fig.layout[f"xaxis{suffix}"] = {
            **fig.layout.xaxis.to_plotly_json(),
            "anchor": f"y{suffix}",
            "rangemode": "tozero",
            "ticks": "outside",
        }
        fig.layout[f"yaxis{suffix}"] = {
            "anchor": f"x{suffix}",
            "domain": domain,
            "range": [height, 0],
            "visible": False,
            "fixedrange": True,
        }
    return fig


def published_cell(row: Mapping[str, object]) -> str:
    """A validation row's published number as published, with the scale it is on: a
    count of patients as "5 of 30 patients", never with the model's p-value unit.

    Examples
    --------
    >>> published_cell({"published": 0.1667, "unit": "p", "count": (5, 30),
    ...                 "scale": "with hyperpigmentation"})
    '5 of 30 patients (with hyperpigmentation)'
    >>> published_cell({"published": 53.0, "unit": "%", "scale": "% more collagen"})
    '53 % (% more collagen)'
    """
    scale = _(str(row["scale"]))
    count = row.get("count")
    if count:
        events, n = count  # type: ignore[misc]
        # TRANSLATORS: a published count of patients, e.g. "5 of 30 patients (with
        # hyperpigmentation)"; {scale} says what was counted (kept in English, as published)
        template = ngettext(
            "{events} of {n} patient ({scale})", "{events} of {n} patients ({scale})", n
        )
        return template.format(events=number(events), n=number(n), scale=scale)
    unit = str(row["unit"])
    # TRANSLATORS: a published result: {value} and {unit} (%, ratio, points...), then
    # the scale it is on
    template = _("{value} {unit} ({scale})")
    return template.format(
        value=significant(float(row["published"])), unit=unit_text(unit), scale=scale
    )


def model_cell(row: Mapping[str, object]) -> str:
    """The model's number of a validation row: a p-value as "p = 0.318".

    Examples
    --------
    >>> model_cell({"model": 0.318, "unit": "p"}).replace(NBSP, " ")
    'p = 0.318'
    >>> model_cell({"model": 53.2, "unit": "%"})
    '53.2'
    """
    value = significant(float(row["model"]))
    if row["unit"] == "p":
        # TRANSLATORS: the model's p-value of a published count; keep "p"
        text = _("p = {value}").format(value=value)
        return text.replace(" ", NBSP)  # on one line in a narrow column
    return value


def validation_table_rows(rows: Sequence[Mapping[str, object]]) -> list[dict[str, str]]:
    """The validation table in three columns (Markdown cells): the study (first authors,
    marked when the row was used to fit a constant) with its protocol and what the
    model assumes, the published number with its scale (:func:`published_cell`) and
    the model's number (:func:`model_cell`). The full citations and notes are
    :func:`validation_notes`."""
    table = []
    for row in rows:
        study = f"**{short_study(row)}**"
        if row["calibrated"]:
            # TRANSLATORS: a study in the validation table whose row was used to fit a
            # constant (so the model agrees with it by design)
            study = _("{study} (calibrated)").format(study=study)
        study += f": {_(str(row['protocol']))}"
        assumption = assumption_text(row)
        if assumption:
            study += f" *({assumption})*"
        table.append(
            {
                _("Study"): study,
                _("Published"): published_cell(row),
                _("Model"): model_cell(row),
            }
        )
    return table


def validation_notes(rows: Sequence[Mapping[str, object]]) -> str:
    """A Markdown list: each row's full citation, protocol and note (how the model's
    number is computed), as published, in English."""
    return "\n".join(
        f"- **{row['study']}**: {_(str(row['protocol']))}. {_(str(row['note']))}" for row in rows
    )


def grade_rule_rows() -> list[dict[str, str]]:
    """The Goodman & Baron grade rule as table rows (Markdown cells): grade, published
    definition with the plain words under it, and the model's rule in mm on depth
    (depressed; first line) and height (raised; second line). Three columns, so that
    the table fits a phone also in Spanish.

    Column headers, grade names and words are in the current language; the
    thresholds are numbers in mm (:mod:`sim.constants`).
    """
    flat, vis = number(C.GB_FLAT_MM.value, 2), number(C.GB_VISIBLE_MM.value, 2)
    deep, high = number(C.GB_DEEP_MM.value, 1), number(C.GB_RAISED_SEVERE_MM.value, 1)
    # TRANSLATORS: a range of depths or heights in mm, e.g. "0.05 to 0.15"
    between = _("{low} to {high}")
    rules = {
        1: (
            # TRANSLATORS: rule of grade 1 on the depth of a dip, in mm
            _("shallower than {depth}").format(depth=flat),
            # TRANSLATORS: rule of grade 1 on the height of a bump, in mm
            _("lower than {height}").format(height=flat),
        ),
        2: (between.format(low=flat, high=vis), between.format(low=flat, high=vis)),
        3: (between.format(low=vis, high=deep), between.format(low=vis, high=high)),
        4: (
            # TRANSLATORS: rule of grade 4 on the depth of a dip, in mm
            _("{depth} or deeper").format(depth=deep),
            # TRANSLATORS: rule of grade 4 on the height of a bump, in mm
            _("{height} or higher").format(height=high),
        ),
    }
    # TRANSLATORS: a grade of the Goodman & Baron scale: {number} is 1-4, {name} its
    # name (macular, mild, moderate, severe)
    grade = _("{number} ({name})")
    plain = _("In plain words")
    return [
        {
            _("Grade"): grade.format(number=number(g.number), name=_(g.name)),
            _("Goodman & Baron's definition"): f"{_(g.definition)}  \n{plain}: *{_(g.plain)}*",
            # TRANSLATORS: column header; each cell has the rule on the depth of a dip
            # on its first line and that on the height of a bump on its second
            _("Model (mm): depth of a dip, height of a bump"): "  \n".join(rules[g.number]),
        }
        for g in goodman.GRADES.values()
    ]


def grade_rule_reasons() -> str:
    """Why the grade rule's thresholds are what they are (markdown), with sources.

    The meaning of each threshold is in the current language; its source stays
    as published.
    """
    lines = []
    for c in (C.GB_FLAT_MM, C.GB_VISIBLE_MM, C.GB_DEEP_MM, C.GB_RAISED_SEVERE_MM):
        meaning = _(c.meaning)
        # TRANSLATORS: a bullet of markdown: {meaning} (bold) is a threshold's meaning,
        # {value} its value in mm, {source} where it comes from (kept as published)
        line = _("- **{meaning}** ({value} mm): {source}.").format(
            meaning=meaning[:1].upper() + meaning[1:],
            value=significant(c.value),
            source=c.source,
        )
        lines.append(line)
    return "\n".join(lines)
