"""Figure builders: a DataFrame in, a plotly Figure out. No data access here.

Everything is drawn with plain cartesian traces, so the figures need nothing but the
plotly.js that Streamlit bundles (no map tiles, no topojson from the network).
"""
from __future__ import annotations

from datetime import timedelta

import pandas as pd
import plotly.graph_objects as go

from app.i18n import fmt_date, fmt_int, label, t

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
def coverage_heatmap(cells: pd.DataFrame, *, by: str = "category") -> go.Figure:
    """Task categories (or GCI pillars, by="pillar") down, provinces across; each cell
    coloured by its grade, with the number of evidence sentences written in it.

    `cells` has columns province_code, province, status, n_evidence, n_docs and either
    category_code + category or gci_pillar + pillar (+ categories_covered/_total)."""
    if cells.empty:
        return _empty_figure(t("empty.no_match"))
    code_col, label_col = ("category_code", "category") if by == "category" else ("gci_pillar", "pillar")
    provinces = list(dict.fromkeys(cells.province))
    rows = list(dict.fromkeys(cells[label_col]))
    codes = dict(zip(cells[label_col], cells[code_col]))
    pcode = dict(zip(cells.province, cells.province_code))
    grid = cells.set_index([label_col, "province"])
    z, text, custom = [], [], []
    for r in rows:
        zr, tr, cr = [], [], []
        for p in provinces:
            c = grid.loc[(r, p)]
            status = c["status"]
            zr.append(STATUSES.index(status))
            if status == "no_docs":
                tr.append("–")
            elif by == "pillar":
                tr.append(f"{int(c['categories_covered'])}/{int(c['categories_total'])}")
            else:
                tr.append(str(int(c["n_evidence"])) if c["n_evidence"] else "0")
            detail = t("chart.cell_evidence", n=fmt_int(c["n_evidence"]))
            if by == "pillar":
                detail += "<br>" + t("chart.cell_categories", k=int(c["categories_covered"]),
                                     n=int(c["categories_total"]))
            cr.append([pcode[p], codes[r], label("status", status), detail,
                       fmt_int(c["n_docs"])])
        z.append(zr)
        text.append(tr)
        custom.append(cr)
    n = len(STATUSES)
    scale = []
    for i, s in enumerate(STATUSES):
        scale += [[i / n, STATUS_COLORS[s]], [(i + 1) / n, STATUS_COLORS[s]]]
    fig = go.Figure(go.Heatmap(
        z=z, x=provinces, y=[_wrap(r) for r in rows], text=text, customdata=custom,
        texttemplate="%{text}", textfont=dict(size=13), zmin=-0.5, zmax=n - 0.5,
        colorscale=scale, xgap=2, ygap=2,
        colorbar=dict(tickvals=list(range(n)), ticktext=[label("status", s) for s in STATUSES],
                      title=dict(text=t("chart.status")), thickness=14, len=0.9),
        hovertemplate=("<b>%{x}</b><br>%{y}<br>%{customdata[2]}<br>%{customdata[3]}<br>"
                       + t("chart.cell_docs") + ": %{customdata[4]}<extra></extra>")))
    # Heatmap cells cannot be selected in Streamlit; an invisible square marker on each
    # cell can, so a click on a cell reports its (province, category) in customdata.
    hover = fig.data[0].hovertemplate
    fig.data[0].hoverinfo, fig.data[0].hovertemplate = "skip", None
    fig.add_trace(go.Scatter(
        x=[p for _ in rows for p in provinces], y=[_wrap(r) for r in rows for _ in provinces],
        customdata=[c for cr in custom for c in cr], mode="markers", showlegend=False,
        marker=dict(symbol="square", size=28, opacity=0), hovertemplate=hover,
        selected=dict(marker=dict(opacity=0)), unselected=dict(marker=dict(opacity=0))))
    fig.update_yaxes(autorange="reversed", tickfont=dict(size=12))
    fig.update_xaxes(side="top", tickangle=-35 if len(provinces) > 6 else 0)
    fig.update_layout(
        height=max(260, 70 + (44 if by == "category" else 56) * len(rows)
                   + (60 if len(provinces) > 6 else 20)),
        margin=dict(l=10, r=10, t=90 if len(provinces) > 6 else 40, b=10), font=FONT,
        xaxis_title=None, yaxis_title=None, clickmode="event+select", hovermode="closest")
    return fig


# ---------------------------------------------------------------- timeline
def timeline(docs: pd.DataFrame, instruments: pd.DataFrame, lags: pd.DataFrame) -> go.Figure:
    """Central texts as markers on their own lane at the top, provincial documents as
    points in one lane per province, and a line from each central text to each
    province's first action, labelled with the lag in days."""
    if docs.empty and instruments.empty:
        return _empty_figure(t("empty.no_match"))
    central_lane = t("timeline.central")
    order = (docs.groupby("province")["doc_date"].min().sort_values().index.tolist()
             if not docs.empty else [])
    lane = {p: i + 1 for i, p in enumerate(order)}
    code_lane = {}
    if not docs.empty:
        code_lane = {c: lane[p] for c, p in zip(docs.province_code, docs.province)}
    n_lanes = len(order) + 1
    fig = go.Figure()

    central = instruments[instruments.level == "central"] if not instruments.empty else instruments
    for d in (central.issue_date if not central.empty else []):
        fig.add_shape(type="line", x0=d, x1=d, y0=-0.4, y1=n_lanes - 0.6, xref="x", yref="y",
                      line=dict(color="#bbbbbb", width=1, dash="dot"), layer="below")

    # lag lines: central text → first action of each province
    if not lags.empty:
        ll = lags[lags.province.isin(lane)]
        per_lane: dict[int, int] = {}
        xs, ys, tx, ty, tt = [], [], [], [], []
        for _, r in ll.iterrows():
            y0 = lane[r.province]
            k = per_lane.get(y0, 0)
            per_lane[y0] = k + 1
            y = y0 - 0.22 - 0.16 * k
            end = r.first_plan_date if pd.notna(r.first_plan_date) else r.first_action_date
            xs += [r.instrument_date, end, None]
            ys += [y, y, None]
            mid = pd.Timestamp(r.instrument_date) + (pd.Timestamp(end) - pd.Timestamp(r.instrument_date)) / 2
            tx.append(mid)
            ty.append(y - 0.09)
            tt.append(t("timeline.lag_label", inst=r.instrument_id, days=fmt_int(r.lag_days)))
        if xs:
            fig.add_trace(go.Scatter(x=xs, y=ys, mode="lines", hoverinfo="skip",
                                     line=dict(color="#9e9e9e", width=1.5),
                                     name=t("timeline.lag_legend")))
            fig.add_trace(go.Scatter(x=tx, y=ty, mode="text", text=tt, hoverinfo="skip",
                                     textposition="middle center", showlegend=False,
                                     textfont=dict(size=11, color="#616161")))

    if not central.empty:
        pos = ["top center" if i % 2 == 0 else "bottom center" for i in range(len(central))]
        fig.add_trace(go.Scatter(
            x=central.issue_date, y=[0] * len(central), mode="markers+text",
            text=central.instrument_id, textposition=pos, textfont=dict(size=12, color=CENTRAL_COLOR),
            marker=dict(symbol="diamond", size=15, color=CENTRAL_COLOR, line=dict(width=1, color="white")),
            name=t("timeline.central_legend"),
            customdata=list(zip(central.instrument_id, central.issuing_body,
                                central.issue_date.map(fmt_date), central.title)),
            hovertemplate="<b>%{customdata[0]}</b><br>%{customdata[1]}<br>%{customdata[2]}"
                          "<br>%{customdata[3]}<extra></extra>"))
    local = (instruments[(instruments.level != "central")
                         & instruments.province_code.isin(code_lane)]
             if not instruments.empty else instruments)
    if not local.empty:
        fig.add_trace(go.Scatter(
            x=local.issue_date, y=[code_lane[c] + 0.0 for c in local.province_code],
            mode="markers+text", text=local.instrument_id, textposition="bottom center",
            textfont=dict(size=11, color="#6a1b9a"),
            marker=dict(symbol="diamond-open", size=14, color="#6a1b9a", line=dict(width=2)),
            name=t("timeline.local_legend"),
            customdata=list(zip(local.instrument_id, local.issuing_body,
                                local.issue_date.map(fmt_date), local.title)),
            hovertemplate="<b>%{customdata[0]}</b><br>%{customdata[1]}<br>%{customdata[2]}"
                          "<br>%{customdata[3]}<extra></extra>"))

    for dt in [d for d in DOC_TYPE_COLORS if not docs.empty and (docs.doc_type == d).any()]:
        part = docs[docs.doc_type == dt]
        fig.add_trace(go.Scatter(
            x=part.doc_date, y=[lane[p] for p in part.province], mode="markers",
            marker=dict(symbol=DOC_TYPE_SYMBOLS[dt], size=13, color=DOC_TYPE_COLORS[dt],
                        line=dict(width=1, color="white")),
            name=label("doc_type", dt),
            customdata=list(zip(part.doc_id,
                                [n if isinstance(n, str) and n else (ti or "") for n, ti
                                 in zip(part.doc_number, part.title)],
                                part.issuer.fillna(""), part.doc_date.map(fmt_date),
                                [label("doc_type", dt)] * len(part),
                                part.implements.fillna("—"))),
            hovertemplate=("<b>%{customdata[1]}</b><br>%{customdata[2]}<br>%{customdata[3]}"
                           " · %{customdata[4]}<br>" + t("timeline.implements")
                           + ": %{customdata[5]}<extra></extra>")))

    dates = [*(docs.doc_date.tolist() if not docs.empty else []),
             *(instruments.issue_date.tolist() if not instruments.empty else [])]
    dates = [pd.Timestamp(d) for d in dates if pd.notna(d)]
    if dates:
        lo, hi = min(dates), max(dates)
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
    return fig


# ---------------------------------------------------------------- lags
def lag_bars(lags: pd.DataFrame) -> go.Figure:
    """Days from each instrument to each province's first action, grouped by instrument."""
    if lags.empty:
        return _empty_figure(t("empty.no_lags"))
    fig = go.Figure()
    labels = {k: f"{i}" for k, i in zip(lags.instrument_key, lags.instrument_id)}
    for prov, part in lags.groupby("province", sort=False):
        fig.add_trace(go.Bar(
            y=[labels[k] for k in part.instrument_key], x=part.lag_days, orientation="h",
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
