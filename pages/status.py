"""Tình hình triển khai: for one central text, every province (the 63 before July 2025, or
the 34 units after) in one row with what it has done, those with nothing named first, then
the slowest; the days to each province's first provincial plan; and how adoption spread
over time, with other central texts overlaid."""
from dataclasses import replace
from datetime import date

import pandas as pd
import streamlit as st

from app import charts, filters, queries, ui
from app.i18n import current_lang, fmt_date, fmt_dates, fmt_int, label, labels, t

DEFAULT_INSTRUMENT = "964/QĐ-TTg"
f = filters.current()
lang = current_lang()
today = date.today()
ui.page_header("status.title", "status.intro")

ins = queries.instruments(lang)
central = ins[ins.level == "central"].sort_values("issue_date", ascending=False, kind="stable")
if central.empty:
    ui.empty_state(t("status.no_instrument"))
    st.stop()
keys = list(central.instrument_key)
# Options are shown (and kept in the URL) by their number, the same in both languages:
# ?board_instrument=964/QĐ-TTg. A number issued twice gets its year.
ids = dict(zip(central.instrument_key, central.instrument_id))
twice = central.instrument_id.duplicated(keep=False)
shown_id = {k: (f"{i} ({d.year})" if dup else i)
            for k, i, d, dup in zip(keys, central.instrument_id, central.issue_date, twice)}
titles = dict(zip(central.instrument_key, central.title))
dates = dict(zip(central.instrument_key, central.issue_date))
default = f.instrument if f.instrument in keys else (
    DEFAULT_INSTRUMENT if DEFAULT_INSTRUMENT in keys else keys[0])

inst = st.selectbox(t("status.instrument"), keys, index=keys.index(default),
                    format_func=shown_id.get, key="board_instrument",
                    persist_state="session", help=t("status.instrument_help"),
                    placeholder=t("widget.choose"))
st.caption(ui.escaped(titles.get(inst, "")))
after_2025 = st.toggle(t("status.view_34"), key="board_2025",
                       persist_state="session")
view = "34" if after_2025 else "63"

fb = replace(f, instrument=inst)
if queries.count_documents(fb) == 0:
    ui.empty_state(t("empty.no_match"))
board = queries.status_board(f, inst, view, today)

# ---------------------------------------------------------------- the board
counts = board.status.value_counts()
st.markdown(t("status.summary", total=fmt_int(len(board), lang),
              **{s: fmt_int(counts.get(s, 0), lang) for s in queries.BOARD_STATUSES}))
st.warning(t("status.nothing_means"), icon=":material/info:")
st.caption(t("status.as_of", instrument=ids[inst], date=fmt_date(dates[inst], lang=lang),
             today=fmt_date(today, lang=lang),
             days=t("chart.days", n=fmt_int((today - pd.Timestamp(dates[inst]).date()).days,
                                             lang))))


def cell(kind: str) -> pd.Series:
    """The first document of one kind as one line: number, issuer (level), date, days."""
    level = board[f"{kind}_level"].map(lambda v: label("level", v, lang))
    when = fmt_dates(board[f"{kind}_date"], lang)
    out = []
    for doc, issuer, lv, d, n in zip(board[f"{kind}_doc"], board[f"{kind}_issuer"], level,
                                     when, board[f"{kind}_days"]):
        if not ui.present(doc):
            out.append("")
            continue
        who = " ".join(p for p in (str(issuer) if ui.present(issuer) else "",
                                   f"({lv})" if lv else "") if p)
        days = t("chart.days", n=fmt_int(n, lang)) if ui.present(n) else ""
        out.append(" · ".join(p for p in (str(doc), who, d, days) if p))
    return pd.Series(out, index=board.index)


status_words = labels("board_status", board.status, lang)
shown = pd.DataFrame({
    "province": board.province,
    "board_status": status_words,
    "first_plan_cell": cell("plan"),
    "first_action_cell": cell("action"),
    "first_news_cell": cell("news"),
    "days_elapsed": [t("chart.days", n=fmt_int(n, lang)) if ui.present(n) else ""
                     for n in board.days_elapsed],
})
cols = ["province", "board_status", "first_plan_cell", "first_action_cell", "first_news_cell",
        "days_elapsed"]
if view == "34":
    shown.insert(1, "old_provinces", board.old_provinces)
    cols.insert(1, "old_provinces")

st.subheader(t("status.board"))
st.caption(t("status.rules"))
# page text, not a canvas grid: a browser's find (Ctrl+F) lands on a province's row
ui.light_table(shown, cols, height=720)
csv = pd.DataFrame({
    "province": board.province,
    **({"old_provinces": board.old_provinces} if view == "34" else {}),
    "board_status": status_words,
    **{c: (board[c].map(lambda v: label("level", v, lang)) if c.endswith("_level")
          else board[c])
       for kind in queries.BOARD_KINDS
       for c in (f"{kind}_doc", f"{kind}_issuer", f"{kind}_level", f"{kind}_date",
                 f"{kind}_days")},
    "days_elapsed": board.days_elapsed,
    "documents": board.documents,
    "instrument_id": board.instrument_id,
    "instrument_date": board.instrument_date,
    "today": today,
})
ui.download_csv(csv, "file.status_board", key="board_csv", instrument=inst)
provs = queries.provinces()
prov_names = dict(zip(provs.gso_code, provs.name_vi))
c_pick, c_link = st.columns([2, 3], vertical_alignment="bottom")
profile_code = c_pick.selectbox(t("profile.open"), ["", *provs.gso_code], key="board_profile",
                                format_func={"": t("profile.pick_none"), **prov_names}.get,
                                placeholder=t("widget.choose"))
if profile_code:
    c_link.page_link("pages/profile.py", query_params={"profile": profile_code},
                     icon=":material/assignment:",
                     label=t("profile.open_named", province=prov_names[profile_code]))

st.subheader(t("status.bar_title"))
with_plan = board[board.plan_days.notna()]
ui.chart(charts.plan_days_bars(board),
         with_plan[["province", "plan_doc", "plan_issuer", "plan_date", "plan_days"]],
         "file.plan_days", key="board_bars", instrument=inst)
st.caption(t("status.bar_help", n=fmt_int(len(board) - len(with_plan), lang)))

# the evidence: any first document named on the board, opened here
docs = {}
for kind in queries.BOARD_KINDS:
    for p, d, i in zip(board.province, board[f"{kind}_doc"], board[f"{kind}_doc_id"]):
        if ui.present(i):
            docs[i] = f"{p} — {d}"
if docs:
    with st.popover(t("timeline.open_doc"), icon=":material/description:", width="stretch"):
        doc_id = st.selectbox(t("timeline.open_doc"), ["", *docs],
                              format_func={"": t("timeline.choose_doc"), **docs}.get,
                              key="board_doc", placeholder=t("widget.choose"))
    if doc_id:
        with st.container(border=True):
            ui.document_view(doc_id, key="board_docview")

# ---------------------------------------------------------------- adoption over time
st.subheader(t("status.adoption_title"))
st.caption(t("status.adoption_intro"))
others = [k for k in keys if k != inst]
overlay = st.multiselect(t("status.overlay"), others, format_func=shown_id.get,
                         key="board_overlay", persist_state="session",
                         placeholder=t("status.overlay_placeholder"), select_all=False)
adopt = queries.adoption(f, [inst, *overlay], view)
undated = adopt[adopt.undated]
if len(undated):
    st.caption(t("status.undated", n=fmt_int(undated.unit_key.nunique(), lang)))
ui.chart(charts.adoption_steps(adopt, end=today),
         adopt.assign(kind=labels("board_status", adopt.kind, lang).values,
                      level=adopt.level)[
             ["instrument_id", "instrument_date", "province", "first_date", "doc", "issuer",
              "level", "kind", "days"]].rename(columns={"kind": "board_kind"}),
         "file.adoption", key="board_adoption")
