"""Hồ sơ tỉnh: one province whole — the central texts it has acted on (status and days), its
documents by level, the task groups covered and not beside the national share, lead
agencies, overdue and coming deadlines, data warnings, every figure's evidence one click
away, and its one-page brief as PDF and DOCX."""
from datetime import date

import streamlit as st

from app import brief, filters, queries, ui
from app.i18n import current_lang, fmt_date, fmt_int, labels, t

f = filters.current()
lang = current_lang()
today = date.today()
ui.page_header("profile.title", "profile.intro")

provs = queries.provinces()
names = dict(zip(provs.gso_code, provs.name_vi))
code = st.selectbox(t("profile.pick"), ["", *provs.gso_code],
                    format_func={"": t("profile.pick_none"), **names}.get, key="profile",
                    help=t("profile.pick_help"), placeholder=t("widget.choose"))
if not code:
    ui.empty_state(t("profile.pick_one"))
    st.stop()

name = names[code]
merged = provs.loc[provs.gso_code == code, "merged_into_name_vi"].iloc[0]
st.caption(" ".join(p for p in (t("profile.merged", name=merged) if ui.present(merged)
                                 and merged != name else "", t("profile.scope")) if p))
one = f.only(code)
summary = queries.province_summary(one)
if summary.empty:
    ui.empty_state(t("profile.no_docs", province=name))
    st.stop()
s = summary.iloc[0]

inst = queries.profile_instruments(f, code, today, lang)
shares = queries.category_shares(f, code, lang)
board = queries.deadline_board(one, today)
warn = queries.quality_warnings(one, lang)
warn = warn[warn.province.notna()]          # not the warnings tied to no document
covered = int(shares.status.isin(["planned", "reported"]).sum())
due_counts = board.deadline_status.value_counts() if len(board) else {}

# ---------------------------------------------------------------- headline and the brief
# in a row that wraps: five figures side by side squeeze their labels on a narrow screen
figures = st.container(horizontal=True, gap="small")
for name_, value, help_ in [
    (t("overview.documents"), fmt_int(s["documents"], lang), t("profile.documents_help")),
    (t("profile.instruments_short"), fmt_int(len(inst), lang), t("profile.instruments_help")),
    (t("profile.groups"), f"{fmt_int(covered, lang)}/{fmt_int(len(shares), lang)}",
     t("profile.groups_help")),
    (t("profile.deadlines"), f"{fmt_int(due_counts.get('overdue', 0), lang)} · "
                             f"{fmt_int(due_counts.get('due_soon', 0), lang)}",
     t("profile.deadlines_help")),
    (t("profile.warnings"), fmt_int(len(warn), lang), t("profile.warnings_help")),
]:
    figures.metric(name_, value, help=help_, border=True, width="stretch")
if ui.present(s["first_plan"]):
    lag = (t("profile.first_plan_lag", days=t("chart.days", n=fmt_int(s["first_plan_lag_days"], lang)),
             text=ui.escaped(s["plan_instrument"]))
           if ui.present(s["first_plan_lag_days"]) else "")
    st.markdown(t("profile.first_plan", doc=ui.escaped(s["first_plan"]),
                  issuer=ui.escaped(s["first_plan_issuer"]),
                  date=fmt_date(s["first_plan_date"], lang=lang), lag=lag))
else:
    st.markdown(t("profile.no_first_plan"))


def _deferred_brief(fmt: str):
    """The brief is built only when its button is clicked (on a thread of its own, with no
    session: the filters, province and language are the ones the page was drawn with)."""
    def make() -> bytes:
        with queries.no_cache:
            return brief.render(brief.load(f, code, lang=lang, today=today), fmt)
    return make


with st.container(border=True):
    st.markdown(f"**{t('profile.brief')}**")
    st.caption(t("profile.brief_help"))
    c1, c2 = st.columns(2)
    stem = f"{code}-{brief.slug(name)}_{today.isoformat()}"
    c1.download_button(t("profile.download_pdf"), data=_deferred_brief("pdf"),
                       file_name=f"{stem}.pdf", mime="application/pdf", key="profile_pdf",
                       on_click="ignore", icon=":material/picture_as_pdf:", width="stretch")
    c2.download_button(t("profile.download_docx"), data=_deferred_brief("docx"),
                       file_name=f"{stem}.docx", key="profile_docx", on_click="ignore",
                       mime="application/vnd.openxmlformats-officedocument."
                            "wordprocessingml.document",
                       icon=":material/description:", width="stretch")

# ---------------------------------------------------------------- central texts
st.subheader(t("profile.instruments"))
n_central = int((queries.instruments(lang).level == "central").sum())
st.caption(t("profile.instruments_rules", n=fmt_int(n_central - len(inst), lang)))
if inst.empty:
    ui.empty_state(t("empty.no_match"))
else:
    inst_view = inst.assign(
        board_status=labels("board_status", inst.status, lang).values,
        first_plan_cell=[brief.first_doc(r, "plan", lang) for r in inst.to_dict("records")],
        first_action_cell=[brief.first_doc(r, "action", lang) for r in inst.to_dict("records")],
        first_news_cell=[brief.first_doc(r, "news", lang) for r in inst.to_dict("records")])
    ui.table(inst_view, ["instrument_id", "title", "board_status", "first_plan_cell",
                         "first_action_cell", "first_news_cell", "documents"],
             key="profile_instruments")
    ui.download_csv(inst_view.drop(columns=["status", "instrument_key", "plan_doc_id",
                                            "action_doc_id", "news_doc_id"]),
                    "file.profile_instruments", key="profile_instruments_csv")

# ---------------------------------------------------------------- documents by level
st.subheader(t("profile.levels"))
levels = queries.profile_levels(f, code)
ui.table(levels, ["level", "documents", "plans", "first_date", "last_date"], key="profile_levels")
ui.download_csv(levels, "file.profile_levels", key="profile_levels_csv")

# ---------------------------------------------------------------- task groups
st.subheader(t("profile.coverage"))
st.caption(t("profile.coverage_help"))
ui.table(shares, ["category", "status", "n_docs_covering", "n_evidence", "national_share",
                  "pillar"], key="profile_coverage",
         config={"national_share": st.column_config.ProgressColumn(
             format="%d %%", min_value=0, max_value=100)})
ui.download_csv(shares.drop(columns=["sort_order", "gci_pillar"]), "file.profile_coverage",
                key="profile_coverage_csv")
with_evidence = shares[shares.n_evidence > 0]
if len(with_evidence):
    cats = dict(zip(with_evidence.category_code, with_evidence.category))
    cat = st.selectbox(t("profile.evidence_pick"), ["", *cats],
                       format_func={"": t("profile.evidence_none"), **cats}.get,
                       key="profile_category", placeholder=t("widget.choose"))
    if cat:
        ev = queries.coverage_evidence(one, code, cat, None, lang)
        ui.evidence_list(ev)
        ui.download_csv(ev[["province", "category", "evidence", "mode", "cue", "doc_number",
                            "title", "issuer", "doc_date"]],
                        "file.profile_evidence", key="profile_evidence_csv")

# ---------------------------------------------------------------- agencies
st.subheader(t("profile.agencies"))
agencies = queries.lead_agencies(one)
ui.agency_list(agencies)
if len(agencies):
    ui.download_csv(agencies.drop(columns=["province_code"]), "file.profile_agencies",
                    key="profile_agencies_csv")

# ---------------------------------------------------------------- deadlines
st.subheader(t("profile.deadlines_title"))
due = board[board.deadline_status.isin(["overdue", "due_soon"])] if len(board) else board
if due.empty:
    st.success(t("profile.deadlines_none"), icon=":material/check_circle:")
else:
    due = due.assign(deadline_status=labels("deadline_status", due.deadline_status, lang).values,
                     recurrence=due.recurrence.fillna("once")).rename(
        columns={"description": "deadline"})
    cols = ["deadline_status", "due", "last_due", "deadline", "recurrence", "doc_number", "issuer",
            "last_report", "last_report_date"]
    ui.table(due, cols, key="profile_deadlines")
    ui.download_csv(due[[*cols, "task_text", "doc_date", "doc_id"]], "file.profile_deadlines",
                    key="profile_deadlines_csv")
st.page_link("pages/deadlines.py", label=t("profile.deadlines_more"), icon=":material/event:")

# ---------------------------------------------------------------- warnings
st.subheader(t("profile.warnings_title"))
if warn.empty:
    st.success(t("profile.warnings_none"), icon=":material/check_circle:")
else:
    ui.table(warn, ["kind", "message", "doc_number", "evidence"], key="profile_warnings")
    ui.download_csv(warn, "file.profile_warnings", key="profile_warnings_csv")

# ---------------------------------------------------------------- the evidence: any document
st.subheader(t("profile.documents"))
docs = queries.search_documents(one)
ui.light_table(docs, ["doc_number", "title", "doc_type", "level", "issuer", "doc_date"],
               height=320)
ui.download_csv(docs, "file.profile_documents", key="profile_documents_csv")
doc_names = ui.doc_labels(docs, lang)
doc_id = st.selectbox(t("profile.open_doc"), ["", *doc_names],
                      format_func={"": t("timeline.choose_doc"), **doc_names}.get,
                      key="profile_doc", placeholder=t("widget.choose"))
if doc_id:
    with st.container(border=True):
        ui.document_view(doc_id, key="profile_docview")
