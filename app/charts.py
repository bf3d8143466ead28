"""Figure builders: a DataFrame in, a plotly Figure out. No data access here.

Everything is drawn with plain cartesian traces, so the figures need nothing but the
plotly.js that Streamlit bundles (no map tiles, no topojson from the network).
"""
from __future__ import annotations

import html
from datetime import timedelta

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from etl.text import fold

from app.i18n import current_lang, fmt_date, fmt_dates, fmt_int, label, labels, t, using_lang

STATUSES = ("no_docs", "silent", "planned", "reported")
STATUS_COLORS = {
    "no_docs": "#e6e6e6",    # no document under the filters: grey, never a zero
    "silent": "#f6c9a8",     # documents exist but say nothing on this: the gap
    "planned": "#8cbfe8",    # a plan commits to it
    "reported": "#2e7d32",   # a report says it was done
}
DOC_TYPE_COLORS = {"plan": "#1565c0", "report": "#2e7d32", "directive": "#6a1b9a",
                   "news": "#ef6c00", "other": "#757575"}
DOC_TYPE_SYMBOLS = {"plan": "circle", "report": "square", "directive": "triangle-up",
                    "news": "diamond-wide", "other": "x"}
CENTRAL_COLOR = "#b71c1c"
FONT = dict(size=13)


def _wrap(s: str, width: int = 34) -> str:
    """Break a long axis label into lines (plotly takes <br>)."""
    words, lines, line = str(s).split(), [], ""
    for w in words:
        if line and len(line) + 1 + len(w) > width:
            lines.append(line)
            line = w
        else:
            line = f"{line} {w}".strip()
    lines.append(line)
    return "<br>".join(lines)


def _empty_figure(message: str) -> go.Figure:
    fig = go.Figure()
    fig.add_annotation(text=message, showarrow=False, x=0.5, y=0.5, xref="paper", yref="paper",
                       font=dict(size=15, color="#555"))
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    fig.update_layout(height=200, margin=dict(l=10, r=10, t=10, b=10))
    return fig


# ---------------------------------------------------------------- coverage heatmap
ROW_PX = 22               # one province per row, always this tall: the figure grows with them
HEAD_PX = 130             # the group names across the top, upright (no overlap however narrow)
SORTS = ("coverage", "name", "region")


def province_order(cells: pd.DataFrame, by: str = "name") -> list[str]:
    """The province codes of `cells` in the order their rows are drawn: by "coverage" (the
    most groups planned or reported first, then the most evidence sentences), by "name"
    (alphabetical, diacritics folded: Đà Nẵng among the D), or by "region" (the regions in
    the order of their first province's statistics code, which runs north to south, then by
    name within each); any other value keeps the order of `cells`."""
    if cells.empty:
        return []
    per = (cells.assign(covered=cells.status.isin(["planned", "reported"]),
                        region=cells["region"] if "region" in cells else "")
           .groupby("province_code", sort=False)
           .agg(province=("province", "first"), covered=("covered", "sum"),
                evidence=("n_evidence", "sum"), region=("region", "first"))
           .reset_index())
    per["name_key"] = [fold(str(n)) for n in per.province]
    if by == "coverage":
        per = per.sort_values(["covered", "evidence", "name_key"], ascending=[False, False, True],
                              kind="stable")
    elif by == "name":
        per = per.sort_values("name_key", kind="stable")
    elif by == "region":
        first = per.groupby("region").province_code.transform("min")
        per = per.assign(_first=first).sort_values(["_first", "name_key"], kind="stable")
    return per.province_code.tolist()


def _group_name(code: str, full: str, by: str, lang: str) -> str:
    """A group's name short enough to stand above its column (the hover has the full one)."""
    short = label("category_short", code, lang) if by == "category" else full
    return short if short != code else _wrap(full, 18)


def coverage_heatmap(cells: pd.DataFrame, *, by: str = "category",
                     order: list[str] | None = None, region_lines: bool = False) -> go.Figure:
    """Provinces down, one row each, in `order` (province codes; the order of `cells` when
    None); task categories (or GCI pillars, by="pillar") across. Each cell is coloured by
    its grade, with the number of evidence sentences written in it. The figure is
    ROW_PX a province tall, so every name is written whole however many there are.
    region_lines: a line where the region changes (for rows sorted by region).

    `cells` has columns province_code, province, status, n_evidence, n_docs and either
    category_code + category or gci_pillar + pillar (+ categories_covered/_total); region
    when there is one (named on hover).

    Built column-wise, on numeric axes labelled with the provinces and groups: the cells'
    positions go to the browser as small integer arrays and their names once, in the tick
    labels and the hover data (at 63 provinces × 15 categories this is half the bytes and a
    tenth of the build time of per-cell labels)."""
    if cells.empty:
        return _empty_figure(t("empty.no_match"))
    lang = current_lang()
    code_col, label_col = ("category_code", "category") if by == "category" else ("gci_pillar", "pillar")
    names = dict(zip(cells.province_code, cells.province))
    codes = [c for c in (order or []) if c in names] or list(names)
    codes += [c for c in names if c not in set(codes)]
    groups = dict(zip(cells[code_col], cells[label_col]))
    y = cells.province_code.map({c: i for i, c in enumerate(codes)}).to_numpy(dtype="int64")
    x = cells[code_col].map({g: i for i, g in enumerate(groups)}).to_numpy(dtype="int64")
    status = cells.status.astype(object).to_numpy()
    n_ev = cells.n_evidence.fillna(0).astype("int64").to_numpy()
    if by == "pillar":
        k = cells.categories_covered.fillna(0).astype("int64").astype(str)
        n = cells.categories_total.fillna(0).astype("int64").astype(str)
        written = (k + "/" + n).to_numpy(dtype=object)
    else:
        written = n_ev.astype(str).astype(object)
    written = np.where(status == "no_docs", "–", written)

    z = np.full((len(codes), len(groups)), np.nan)
    z[y, x] = [STATUSES.index(s) for s in status]
    text = np.full((len(codes), len(groups)), "", dtype=object)
    text[y, x] = written

    # what a hover shows and a click reports: [province code, group code, province, group,
    # grade, evidence count, document count, region (, categories covered, categories total)]
    ints = {v: fmt_int(v, lang) for v in {*n_ev, *cells.n_docs.fillna(0).astype("int64")}}
    region = (cells.region.fillna("").astype(object).to_numpy() if "region" in cells
              else np.full(len(cells), "", dtype=object))
    custom = [cells.province_code.astype(object).to_numpy(),
              cells[code_col].astype(object).to_numpy(),
              cells.province.astype(object).to_numpy(),
              cells[label_col].astype(object).to_numpy(),
              labels("status", cells.status, lang).to_numpy(),
              np.array([ints[v] for v in n_ev], dtype=object),
              np.array([ints[v] for v in cells.n_docs.fillna(0).astype("int64")], dtype=object),
              region]
    detail = t("chart.cell_evidence", n="%{customdata[5]}")
    if by == "pillar":
        custom += [k.to_numpy(dtype=object), n.to_numpy(dtype=object)]
        detail += "<br>" + t("chart.cell_categories", k="%{customdata[8]}", n="%{customdata[9]}")
    hover = ("<b>%{customdata[2]}</b> <i>%{customdata[7]}</i><br>%{customdata[3]}<br>"
             "%{customdata[4]}<br>" + detail
             + "<br>" + t("chart.cell_docs") + ": %{customdata[6]}<extra></extra>")

    n_st = len(STATUSES)
    scale = []
    for i, s in enumerate(STATUSES):
        scale += [[i / n_st, STATUS_COLORS[s]], [(i + 1) / n_st, STATUS_COLORS[s]]]
    # no colour bar: it would take a fifth of a phone's width; the legend is written above
    fig = go.Figure(go.Heatmap(
        z=z, x=np.arange(len(groups)), y=np.arange(len(codes)), text=text,
        texttemplate="%{text}", textfont=dict(size=11), zmin=-0.5, zmax=n_st - 0.5,
        colorscale=scale, showscale=False, xgap=2, ygap=2, hoverinfo="skip"))
    # Heatmap cells cannot be selected in Streamlit; an invisible square marker on each
    # cell can, so a click on a cell reports its (province, group) in customdata.
    fig.add_trace(go.Scatter(
        x=x, y=y, customdata=np.column_stack(custom), mode="markers", showlegend=False,
        marker=dict(symbol="square", size=ROW_PX - 4, opacity=0), hovertemplate=hover,
        selected=dict(marker=dict(opacity=0)), unselected=dict(marker=dict(opacity=0))))
    fig.update_yaxes(tickfont=dict(size=12), tickvals=list(range(len(codes))),
                     ticktext=[names[c] for c in codes], range=[len(codes) - 0.5, -0.5],
                     showgrid=False, zeroline=False, automargin=True, fixedrange=True)
    fig.update_xaxes(side="top", tickangle=-90, tickfont=dict(size=11),
                     tickvals=list(range(len(groups))),
                     ticktext=[_group_name(g, full, by, lang) for g, full in groups.items()],
                     range=[-0.5, len(groups) - 0.5], showgrid=False, zeroline=False,
                     automargin=True, fixedrange=True)
    if region_lines and "region" in cells:
        of = dict(zip(cells.province_code, cells.region))
        for i in range(1, len(codes)):
            if of[codes[i]] != of[codes[i - 1]]:
                fig.add_shape(type="line", xref="paper", x0=0, x1=1, y0=i - 0.5, y1=i - 0.5,
                              line=dict(color="#31333f", width=2))
    fig.update_layout(
        height=HEAD_PX + ROW_PX * len(codes) + 10,
        margin=dict(l=4, r=4, t=HEAD_PX, b=10), font=FONT,
        xaxis_title=None, yaxis_title=None, clickmode="event+select", hovermode="closest")
    return fig


# ---------------------------------------------------------------- timeline
MAX_POINTS = 1500          # more documents than this: one marker per province and period
GROUP = "@group"           # customdata[0] of a grouped marker (a document's is its doc_id)
MAX_LAGS_PER_LANE = 3      # more lag lines in one province's lane: none drawn (unreadable)
MAX_CENTRAL_LABELS = 8     # more central texts: their numbers only on hover
_PERIODS = (("month", "M"), ("quarter", "Q"), ("year", "Y"))


def timeline_period(docs: pd.DataFrame) -> str | None:
    """None when every document gets its own marker; else the finest period ("month",
    "quarter", "year") that keeps the markers (province × period) within MAX_POINTS."""
    if len(docs) <= MAX_POINTS:
        return None
    when = pd.to_datetime(docs.doc_date)
    prov = pd.factorize(docs.province)[0].astype("int64")
    months = (when.dt.year * 12 + when.dt.month - 1).to_numpy(dtype="int64")
    for period, step in (("month", 1), ("quarter", 3), ("year", 12)):
        if len(np.unique(prov * 1_000_000 + months // step)) <= MAX_POINTS:
            return period
    return "year"


def lags_drawn(lags: pd.DataFrame) -> bool:
    """Whether the timeline draws the lag lines: only while no province has more than
    MAX_LAGS_PER_LANE of them (else they pile up over the next lanes)."""
    return not lags.empty and int(lags.groupby("province").size().max()) <= MAX_LAGS_PER_LANE


def period_start(dates, period: str) -> pd.Series:
    """First day of the month / quarter / year of each date."""
    code = dict(_PERIODS)[period]
    return pd.to_datetime(pd.Series(dates)).dt.to_period(code).dt.start_time


def period_end(start: pd.Timestamp, period: str) -> pd.Timestamp:
    """First day of the next period."""
    return start + pd.DateOffset(months={"month": 1, "quarter": 3, "year": 12}[period])


def docs_in_group(docs: pd.DataFrame, point, period: str) -> pd.DataFrame:
    """The documents behind a grouped marker (its customdata: GROUP, province, first day)."""
    start = pd.Timestamp(point[2])
    when = pd.to_datetime(docs.doc_date)
    return docs[(docs.province == point[1]) & (when >= start)
                & (when < period_end(start, period))]


def period_name(start: pd.Timestamp, period: str) -> str:
    """The period in words: tháng 03/2019 or 2019-03, quý 1/2019 or Q1 2019, năm 2019."""
    ts = pd.Timestamp(start)
    return t(f"timeline.{period}_label", y=ts.year, m=f"{ts.month:02d}",
             q=(ts.month - 1) // 3 + 1)


def _doc_names(docs: pd.DataFrame) -> pd.Series:
    """A document's number, else its title."""
    number = docs.doc_number.astype(object).where(docs.doc_number.notna(), "").astype(str)
    title = docs.title.astype(object).where(docs.title.notna(), "").astype(str)
    return number.where(number != "", title)


def _text(v) -> str:
    """A value as text, '' when missing (None, NaN, pd.NA)."""
    return "" if v is None or v is pd.NA or (isinstance(v, float) and v != v) else str(v)


def _grouped_docs(docs: pd.DataFrame, lane: dict, period: str, lang: str) -> go.Scatter:
    """One marker per province and period, sized by its number of documents; the hover
    gives the count, the count per type and the first few numbers.

    One pass over the documents in date order (10,000 of them: ~20 ms, where the same with
    pandas string and group operations took ~250 ms); each text is made once per group."""
    when = pd.to_datetime(docs.doc_date)
    order = np.argsort(when.to_numpy(), kind="stable")
    # days since 1970 as plain ints: numpy datetimes hash slowly as dictionary keys
    starts_all = period_start(when, period).to_numpy().astype("datetime64[D]").astype("int64")[order].tolist()
    numbers = docs.doc_number.astype(object).to_numpy()[order]
    titles = docs.title.astype(object).to_numpy()[order]
    groups: dict = {}  # (province, first day) → [documents, {type: documents}, first names]
    for p, s, num, title, dt in zip(docs.province.astype(object).to_numpy()[order], starts_all,
                                    numbers, titles, docs.doc_type.astype(object).to_numpy()[order]):
        g = groups.get((p, s))
        if g is None:
            g = groups[(p, s)] = [0, {}, []]
        if g[0] < 4:
            name = _text(num) or _text(title)
            if name:
                g[2].append(name if len(name) <= 40 else name[:39].rstrip() + "…")
        g[0] += 1
        g[1][dt] = g[1].get(dt, 0) + 1
    seen = {dt for g in groups.values() for dt in g[1]}
    type_order = [c for c in DOC_TYPE_COLORS if c in seen] + sorted(
        c for c in seen if c not in DOC_TYPE_COLORS)
    type_names = {dt: label("doc_type", dt, lang) for dt in type_order}
    n = np.array([g[0] for g in groups.values()], dtype="int64")
    starts = [np.datetime64(s, "D") for _, s in groups]
    names = {s: period_name(s, period) for s in set(starts)}
    half = {"month": np.timedelta64(14, "D"), "quarter": np.timedelta64(45, "D"),
            "year": np.timedelta64(182, "D")}[period]
    sizes = np.round(7 + 23 * (n / max(int(n.max()), 1)) ** 0.5, 1)
    custom = np.empty((len(n), 7), dtype=object)
    custom[:, 0] = GROUP
    custom[:, 1] = [p for p, _ in groups]
    custom[:, 2] = [str(s) for s in starts]
    custom[:, 3] = [names[s] for s in starts]
    custom[:, 4] = [t("timeline.group_count", n=fmt_int(k, lang)) for k in n]
    custom[:, 5] = [" · ".join(f"{type_names[dt]} {fmt_int(g[1][dt], lang)}"
                               for dt in type_order if g[1].get(dt))
                    for g in groups.values()]
    custom[:, 6] = [", ".join(g[2]) + (t("timeline.group_more", n=fmt_int(g[0] - 4, lang))
                                       if g[0] > 4 else "")
                    for g in groups.values()]
    return go.Scatter(
        x=[str(s + half) for s in starts],  # the middle of the period
        y=np.array([lane[p] for p, _ in groups]), mode="markers",
        marker=dict(size=sizes, color="#1565c0", opacity=0.75,
                    line=dict(width=1, color="white")),
        name=t("timeline.group_legend", period=t(f"timeline.period_{period}")),
        customdata=custom,
        hovertemplate=("<b>%{customdata[1]}</b> · %{customdata[3]}<br>%{customdata[4]}"
                       "<br>%{customdata[5]}<br>%{customdata[6]}<extra></extra>"))


_UNSET = object()


def timeline(docs: pd.DataFrame, instruments: pd.DataFrame, lags: pd.DataFrame,
             period=_UNSET) -> go.Figure:
    """Central texts as markers on their own lane at the top, provincial documents as
    points in one lane per province, and a line from each central text to each
    province's first action, labelled with the lag in days. Past MAX_POINTS documents,
    one marker per province and `period` (default: `timeline_period(docs)`)."""
    lang = current_lang()
    if period is _UNSET:
        period = timeline_period(docs) if not docs.empty else None
    with using_lang(lang):
        return _timeline(docs, instruments, lags, lang, period)


def _timeline(docs, instruments, lags, lang: str, period: str | None) -> go.Figure:
    if docs.empty and instruments.empty:
        return _empty_figure(t("empty.no_match"))
    central_lane = t("timeline.central")
    order = (docs.groupby("province")["doc_date"].min().sort_values().index.tolist()
             if not docs.empty else [])
    lane = {p: i + 1 for i, p in enumerate(order)}
    code_lane = {}
    if not docs.empty:
        pairs = docs[["province_code", "province"]].drop_duplicates()
        code_lane = {c: lane[p] for c, p in zip(pairs.province_code, pairs.province)}
    n_lanes = len(order) + 1
    traces = []

    central = instruments[instruments.level == "central"] if not instruments.empty else instruments
    shapes = [dict(type="line", x0=d, x1=d, y0=-0.4, y1=n_lanes - 0.6, xref="x", yref="y",
                   line=dict(color="#bbbbbb", width=1, dash="dot"), layer="below")
              for d in (central.issue_date if not central.empty else [])]

    # lag lines: central text → first action of each province
    ll = lags[lags.province.isin(lane)] if lags_drawn(lags) else lags.iloc[0:0]
    if not ll.empty:
        y0 = ll.province.map(lane).astype(float)
        k = ll.groupby("province").cumcount()               # the k-th line of its lane
        y = (y0 - 0.22 - 0.16 * k).to_numpy()
        start = pd.to_datetime(ll.instrument_date)
        end = pd.to_datetime(ll.first_plan_date).fillna(pd.to_datetime(ll.first_action_date))
        n = len(ll)
        xs = np.empty(3 * n, dtype=object)
        xs[0::3], xs[1::3], xs[2::3] = start.to_numpy(), end.to_numpy(), None
        ys = np.empty(3 * n, dtype=object)
        ys[0::3], ys[1::3], ys[2::3] = y, y, None
        days = [fmt_int(v, lang) for v in ll.lag_days]
        traces.append(go.Scatter(x=xs, y=ys, mode="lines", hoverinfo="skip",
                                 line=dict(color="#9e9e9e", width=1.5),
                                 name=t("timeline.lag_legend")))
        traces.append(go.Scatter(
            x=(start + (end - start) / 2).to_numpy(), y=y - 0.09, mode="text",
            text=[t("timeline.lag_label", inst=i, days=d) for i, d in zip(ll.instrument_id, days)],
            hoverinfo="skip", textposition="middle center", showlegend=False,
            textfont=dict(size=11, color="#616161")))

    if not central.empty:
        pos = ["top center" if i % 2 == 0 else "bottom center" for i in range(len(central))]
        labelled = len(central) <= MAX_CENTRAL_LABELS
        traces.append(go.Scatter(
            x=central.issue_date, y=[0] * len(central),
            mode="markers+text" if labelled else "markers",
            text=central.instrument_id, textposition=pos, textfont=dict(size=12, color=CENTRAL_COLOR),
            marker=dict(symbol="diamond", size=15, color=CENTRAL_COLOR, line=dict(width=1, color="white")),
            name=t("timeline.central_legend"),
            customdata=list(zip(central.instrument_id, central.issuing_body,
                                fmt_dates(central.issue_date, lang), central.title)),
            hovertemplate="<b>%{customdata[0]}</b><br>%{customdata[1]}<br>%{customdata[2]}"
                          "<br>%{customdata[3]}<extra></extra>"))
    local = (instruments[(instruments.level != "central")
                         & instruments.province_code.isin(code_lane)]
             if not instruments.empty else instruments)
    if not local.empty:
        traces.append(go.Scatter(
            x=local.issue_date, y=[code_lane[c] + 0.0 for c in local.province_code],
            mode="markers+text", text=local.instrument_id, textposition="bottom center",
            textfont=dict(size=11, color="#6a1b9a"),
            marker=dict(symbol="diamond-open", size=14, color="#6a1b9a", line=dict(width=2)),
            name=t("timeline.local_legend"),
            customdata=list(zip(local.instrument_id, local.issuing_body,
                                fmt_dates(local.issue_date, lang), local.title)),
            hovertemplate="<b>%{customdata[0]}</b><br>%{customdata[1]}<br>%{customdata[2]}"
                          "<br>%{customdata[3]}<extra></extra>"))

    if period:
        traces.append(_grouped_docs(docs, lane, period, lang))
    for dt in ([] if period else
               [d for d in DOC_TYPE_COLORS if not docs.empty and (docs.doc_type == d).any()]):
        part = docs[docs.doc_type == dt]
        name = label("doc_type", dt, lang)
        custom = np.empty((len(part), 6), dtype=object)
        custom[:, 0] = part.doc_id.to_numpy()
        custom[:, 1] = _doc_names(part).to_numpy()
        custom[:, 2] = part.issuer.fillna("").to_numpy()
        custom[:, 3] = fmt_dates(part.doc_date, lang).to_numpy()
        custom[:, 4] = name
        custom[:, 5] = part.implements.fillna("—").to_numpy()
        traces.append(go.Scatter(
            x=part.doc_date.to_numpy(), y=part.province.map(lane).to_numpy(), mode="markers",
            marker=dict(symbol=DOC_TYPE_SYMBOLS[dt], size=13, color=DOC_TYPE_COLORS[dt],
                        line=dict(width=1, color="white")),
            name=name, customdata=custom,
            hovertemplate=("<b>%{customdata[1]}</b><br>%{customdata[2]}<br>%{customdata[3]}"
                           " · %{customdata[4]}<br>" + t("timeline.implements")
                           + ": %{customdata[5]}<extra></extra>")))
    fig = go.Figure(data=traces, layout=dict(shapes=shapes))

    dates = pd.to_datetime(pd.concat([
        docs.doc_date if not docs.empty else pd.Series(dtype="datetime64[ns]"),
        instruments.issue_date if not instruments.empty else pd.Series(dtype="datetime64[ns]"),
    ], ignore_index=True), errors="coerce").dropna()
    if not dates.empty:
        lo, hi = dates.min(), dates.max()
        pad = max(timedelta(days=120), (hi - lo) * 0.04)
        fig.update_xaxes(range=[lo - pad, hi + pad])
    fig.update_yaxes(tickvals=list(range(n_lanes)), ticktext=[f"<b>{central_lane}</b>", *order],
                     range=[n_lanes - 0.4, -0.7], showgrid=True, gridcolor="#f0f0f0",
                     zeroline=False)
    fig.update_xaxes(showgrid=True, gridcolor="#f3f3f3", title=t("timeline.date_axis"))
    fig.update_layout(
        height=190 + 70 * n_lanes, margin=dict(l=10, r=10, t=30, b=10), font=FONT,
        legend=dict(orientation="h", yanchor="bottom", y=1.01, xanchor="left", x=0),
        hovermode="closest", clickmode="event+select")
    if n_lanes > 12:  # a tall chart: the dates on top too, where the reader starts
        fig.update_xaxes(side="top", title=None, showline=True, linecolor="#cccccc",
                         mirror="allticks", ticks="outside")
        fig.update_layout(margin=dict(t=90),
                          legend=dict(yref="container", yanchor="top", y=1.0))
    return fig


# ---------------------------------------------------------------- lags
def lag_bars(lags: pd.DataFrame) -> go.Figure:
    """Days from each instrument to each province's first action, grouped by instrument."""
    if lags.empty:
        return _empty_figure(t("empty.no_lags"))
    fig = go.Figure()
    names = {k: f"{i}" for k, i in zip(lags.instrument_key, lags.instrument_id)}
    for prov, part in lags.groupby("province", sort=False):
        fig.add_trace(go.Bar(
            y=[names[k] for k in part.instrument_key], x=part.lag_days, orientation="h",
            name=prov, text=[t("chart.days", n=fmt_int(v)) for v in part.lag_days],
            textposition="outside", cliponaxis=False,
            customdata=list(zip(part.first_plan_doc.fillna(part.first_action_doc).fillna(""),
                                [label("lag_basis", b) for b in part.lag_basis],
                                part.instrument_date.map(fmt_date),
                                [fmt_date(p if pd.notna(p) else a) for p, a in
                                 zip(part.first_plan_date, part.first_action_date)])),
            hovertemplate=(f"<b>{prov}</b> · %{{y}}<br>%{{customdata[2]}} → %{{customdata[3]}}"
                           "<br>%{customdata[0]} (%{customdata[1]})<extra></extra>")))
    n_rows = lags.instrument_key.nunique()
    n_prov = lags.province.nunique()
    top = max([v for v in lags.lag_days if pd.notna(v)] + [1])
    fig.update_layout(
        barmode="group", height=max(240, 90 + n_rows * (26 * n_prov + 24)), font=FONT,
        margin=dict(l=10, r=40, t=30, b=10),
        legend=dict(orientation="h", yanchor="bottom", y=1.01, x=0),
        xaxis=dict(title=t("chart.days_axis"), range=[min(0, min(lags.lag_days.min(), 0)), top * 1.18]),
        yaxis=dict(autorange="reversed", title=None))
    return fig


def coverage_share_bars(summary: pd.DataFrame) -> go.Figure:
    """Share of task categories each province's documents cover (overview)."""
    if summary.empty:
        return _empty_figure(t("empty.no_match"))
    s = summary.sort_values("categories_covered", ascending=True)
    share = s.categories_covered / s.categories_total.where(s.categories_total > 0, 1)
    fig = go.Figure(go.Bar(
        y=s.province, x=share * 100, orientation="h", marker_color="#b71c1c",
        text=[f"{int(c)}/{int(n)}" for c, n in zip(s.categories_covered, s.categories_total)],
        textposition="outside", cliponaxis=False,
        hovertemplate="<b>%{y}</b><br>%{text} · %{x:.0f}%<extra></extra>"))
    fig.update_layout(height=max(200, 60 + 34 * len(s)), font=FONT,
                      margin=dict(l=10, r=50, t=10, b=10),
                      xaxis=dict(title=t("chart.share_axis"), range=[0, 110], ticksuffix="%"),
                      yaxis=dict(title=None))
    return fig


def tidy_map_scale(fig: go.Figure, values, *, integer: bool, lo=None, hi=None) -> go.Figure:
    """Give a map's colour scale sensible bounds and ticks: whole numbers for counts and
    years, and a range that still shows when every province has the same value."""
    vals = [float(v) for v in values if pd.notna(v)]
    if not vals:
        return fig
    lo = min(vals) if lo is None else lo
    hi = max(vals) if hi is None else hi
    if hi <= lo:
        lo, hi = (lo - 1, hi) if integer and lo > 0 else (lo, lo + 1)
    span = hi - lo
    step = None
    if integer:
        step = max(1, int(round(span / 5)))
    for tr in fig.data:
        if getattr(tr, "showscale", False):
            tr.update(zmin=lo, zmax=hi, zauto=False)
            if step:
                tr.colorbar.update(tick0=lo, dtick=step, tickformat="d")
    return fig


# ---------------------------------------------------------------- status board (issue 13)
def _esc(values) -> list[str]:
    """Text from the documents made inert for plotly's hover (which reads pseudo-HTML)."""
    return [html.escape(_text(v), quote=False) for v in values]


ADOPTION_COLORS = ("#b71c1c", "#1565c0", "#2e7d32", "#6a1b9a", "#ef6c00", "#00838f",
                   "#5d4037", "#ad1457")


def adoption_steps(adoption: pd.DataFrame, end=None) -> go.Figure:
    """The cumulative number of provinces that have acted on each central text, by date, as
    a step line per text (OxCGRT-style spread), each text's issue date marked by a dotted
    line, and each province's step a point whose hover names it and its first document.

    `adoption` has one row per (text, province) with instrument_key, instrument_id,
    instrument_date, province, first_date (NaT: undated, left out), doc, issuer, kind and
    days (as queries.adoption gives it). Each line starts at 0 on the text's issue date and
    runs flat to `end` (default: the last date drawn)."""
    dated = adoption[adoption.first_date.notna()] if len(adoption) else adoption
    if dated.empty:
        return _empty_figure(t("status.no_adoption"))
    lang = current_lang()
    fig = go.Figure()
    keys = list(dict.fromkeys(dated.instrument_key))
    last = max(pd.to_datetime(dated.first_date).max(), pd.to_datetime(dated.instrument_date).max())
    end = max(pd.Timestamp(end), last) if end is not None else last
    for i, key in enumerate(keys):
        part = dated[dated.instrument_key == key].sort_values(["first_date", "province"],
                                                               kind="stable")
        color = ADOPTION_COLORS[i % len(ADOPTION_COLORS)]
        name = str(part.instrument_id.iloc[0])
        start = pd.Timestamp(part.instrument_date.iloc[0])
        dates = pd.to_datetime(part.first_date)
        n = len(part)
        fig.add_trace(go.Scatter(
            x=[start, *dates, end], y=[0, *range(1, n + 1), n], mode="lines",
            line_shape="hv", line=dict(color=color, width=2.5), name=name, legendgroup=key,
            hoverinfo="skip"))
        kinds = [label("board_status", k, lang) for k in part.kind]
        custom = list(zip(_esc(part.province), _esc(part.doc), _esc(part.issuer),
                          fmt_dates(dates, lang), kinds,
                          [t("chart.days", n=fmt_int(d, lang)) for d in part.days]))
        fig.add_trace(go.Scatter(
            x=dates, y=list(range(1, n + 1)), mode="markers", name=name, legendgroup=key,
            showlegend=False, marker=dict(color=color, size=8),
            customdata=custom,
            hovertemplate=(f"<b>%{{customdata[0]}}</b> · {_esc([name])[0]} · %{{y}}<br>"
                           "%{customdata[1]}<br>%{customdata[2]}<br>%{customdata[3]} "
                           "(%{customdata[5]}) · %{customdata[4]}<extra></extra>")))
        issued = t("chart.central_issued", instrument=name, date=fmt_date(start, lang=lang))
        fig.add_shape(type="line", x0=start, x1=start, y0=0, y1=1, yref="paper",
                      line=dict(color=color, width=1.5, dash="dot"))
        fig.add_trace(go.Scatter(
            x=[start], y=[0], mode="markers", name=issued, legendgroup=key, showlegend=False,
            marker=dict(color=color, size=11, symbol="diamond"),
            hovertemplate=f"{_esc([issued])[0]}<extra></extra>"))
    top = int(dated.groupby("instrument_key").size().max())
    fig.update_layout(
        height=420, font=FONT, margin=dict(l=10, r=10, t=30, b=10), hovermode="closest",
        legend=dict(orientation="h", yanchor="bottom", y=1.01, x=0),
        xaxis=dict(title=None, type="date"),
        yaxis=dict(title=t("chart.provinces_acted"), rangemode="tozero",
                   range=[0, top + max(1, top * 0.08)], tickformat="d",
                   dtick=max(1, round(top / 6)) if top > 6 else 1))
    return fig


def plan_days_bars(board: pd.DataFrame) -> go.Figure:
    """Days from the central text to each province's first provincial plan or directive
    (one bar per province that has a dated one, the slowest on top), from the status board
    (province, plan_days, plan_doc, plan_issuer, plan_date)."""
    rows = board[board.plan_days.notna()] if len(board) else board
    if rows.empty:
        return _empty_figure(t("status.no_plan_yet"))
    lang = current_lang()
    rows = rows.sort_values(["plan_days", "province"], ascending=[True, False], kind="stable")
    days = rows.plan_days.astype(float)
    fig = go.Figure(go.Bar(
        y=rows.province.astype(str), x=days, orientation="h", marker_color=CENTRAL_COLOR,
        text=[t("chart.days", n=fmt_int(d, lang)) for d in days], textposition="outside",
        cliponaxis=False,
        customdata=list(zip(_esc(rows.plan_doc), _esc(rows.plan_issuer),
                            fmt_dates(rows.plan_date, lang))),
        hovertemplate=("<b>%{y}</b> · %{text}<br>%{customdata[0]}<br>%{customdata[1]}"
                       " · %{customdata[2]}<extra></extra>")))
    lo = min(0.0, float(days.min()))
    fig.update_layout(height=max(200, 70 + 26 * len(rows)), font=FONT,
                      margin=dict(l=10, r=60, t=10, b=10),
                      xaxis=dict(title=t("chart.days_to_plan"),
                                 range=[lo * 1.1, max(1.0, float(days.max())) * 1.2]),
                      yaxis=dict(title=None))
    return fig
