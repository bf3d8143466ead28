"""Dòng thời gian: central texts, the provincial documents that follow them, and the lag."""
import streamlit as st

from app import charts, filters, queries, ui
from app.i18n import current_lang, label, t

f = filters.current()
lang = current_lang()
ui.page_header("timeline.title", "timeline.intro")

if ui.has_documents(f):
    docs = queries.timeline_documents(f)
    if docs.empty:
        ui.empty_state(t("timeline.no_dated"))
    else:
        instruments = queries.timeline_instruments(f, lang)
        lags = queries.lags(f, lang)
        event = ui.chart(charts.timeline(docs, instruments, lags),
                         queries.timeline_points(f, lang), "file.timeline",
                         key="timeline_chart", select=True)
        st.caption(t("timeline.click_help"))

        # a document clicked in the chart opens below; the selectbox does the same
        ids = set(docs.doc_id)
        picked = [p["customdata"][0] for p in ui.selected_points(event)
                  if p.get("customdata") and p["customdata"][0] in ids]
        if picked and picked[0] != st.session_state.get("_timeline_pick"):
            st.session_state["_timeline_pick"] = picked[0]
            st.session_state["timeline_doc"] = picked[0]
        labels = {"": t("timeline.choose_doc"),
                  **{r["doc_id"]: ui.doc_label(r) for r in docs.to_dict("records")}}
        doc_id = st.selectbox(t("timeline.open_doc"), ["", *docs.doc_id],
                              format_func=labels.get, key="timeline_doc")
        if doc_id:
            with st.container(border=True):
                ui.document_view(doc_id, key="timeline_docview")

        st.subheader(t("timeline.lags_title"))
        st.caption(t("timeline.lag_basis"))
        if lags.empty:
            ui.empty_state(t("empty.no_lags"))
        else:
            shown = lags.assign(lag_basis=lags.lag_basis.map(lambda b: label("lag_basis", b)),
                                instrument_level=lags.instrument_level.map(lambda v: label("inst_level", v)))
            cols = ["province", "instrument_id", "instrument_date", "first_action_doc",
                    "first_action_date", "lag_days", "lag_basis"]
            ui.table(shown, cols, key="timeline_lags")
            ui.download_csv(shown[["province", "instrument_id", "instrument_title",
                                   "instrument_level", "instrument_date", "first_action_doc",
                                   "first_action_date", "first_plan_doc", "first_plan_date",
                                   "lag_days", "lag_basis", "documents"]], "file.lags",
                            key="timeline_lags_csv")
