"""Dòng thời gian: central texts, the provincial documents that follow them, and the lag."""
import pandas as pd
import streamlit as st

from app import charts, filters, queries, ui
from app.i18n import current_lang, fmt_int, label, t

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
        period = charts.timeline_period(docs)
        if period:
            st.caption(t("timeline.grouped", n=fmt_int(len(docs), lang),
                         period=t(f"timeline.period_{period}")))
        if not lags.empty and not charts.lags_drawn(lags):
            st.caption(t("timeline.lags_not_drawn", n=fmt_int(len(lags), lang),
                         filter=t("filter.instrument")))
        # the CSV lists every point (each document, not the groups): made on click
        event = ui.chart(charts.timeline(docs, instruments, lags, period),
                         lambda: queries.timeline_points(f, lang), "file.timeline",
                         key="timeline_chart", select=True)
        st.caption(t("timeline.click_help"))

        # a document clicked in the chart opens below; the selectbox does the same. A
        # clicked group (many documents) narrows the selectbox to its documents.
        ids = set(docs.doc_id)
        points = [p["customdata"] for p in ui.selected_points(event) if p.get("customdata")]
        picked = [c[0] for c in points if c[0] in ids]
        group = next((c for c in points if c[0] == charts.GROUP and period), None)
        if picked and picked[0] != st.session_state.get("_timeline_pick"):
            st.session_state["_timeline_pick"] = picked[0]
            st.session_state["timeline_doc"] = picked[0]

        pool = docs if group is None else charts.docs_in_group(docs, group, period)
        pool = pool.sort_values("doc_date", ascending=False, kind="stable")
        choices = pool.head(queries.SHOWN_DOCUMENTS)
        current = st.session_state.get("timeline_doc")
        if current and current in ids and current not in set(choices.doc_id):
            choices = pd.concat([choices, docs[docs.doc_id == current]])
        if group is not None:
            st.caption(t("timeline.chooser_group", province=group[1], period=group[3],
                         n=fmt_int(len(pool), lang)))
        elif len(pool) > queries.SHOWN_DOCUMENTS:
            st.caption(t("timeline.chooser_more", shown=fmt_int(queries.SHOWN_DOCUMENTS, lang),
                         n=fmt_int(len(pool), lang)))
        labels = {"": t("timeline.choose_doc"), **ui.doc_labels(choices, lang)}
        # in a popover: the browser builds the list of up to 200 documents only when it is
        # opened (a third of the page's own drawing work otherwise); a click in the chart
        # sets it all the same
        with st.popover(t("timeline.open_doc"), icon=":material/description:", width="stretch"):
            doc_id = st.selectbox(t("timeline.open_doc"), list(labels), format_func=labels.get,
                                  key="timeline_doc", placeholder=t("widget.choose"))
        if doc_id:
            with st.container(border=True):
                ui.document_view(doc_id, key="timeline_docview")

        st.subheader(t("timeline.lags_title"))
        st.caption(t("timeline.lag_basis"))
        if lags.empty:
            ui.empty_state(t("empty.no_lags"))
        else:
            shown = lags.assign(lag_basis=lags.lag_basis.map(lambda b: label("lag_basis", b, lang)),
                                instrument_level=lags.instrument_level.map(
                                    lambda v: label("inst_level", v, lang)))
            cols = ["province", "instrument_id", "instrument_date", "first_action_doc",
                    "first_action_date", "lag_days", "lag_basis"]
            # A long table is drawn when its expander is opened: the data grid is the
            # heaviest thing on the page after the chart (~0.8 s of the browser's work at
            # 1,200 lags). A short one shows at once; the CSV below has every lag either way.
            box = st.expander(t("timeline.lags_table", n=fmt_int(len(lags), lang)),
                              expanded=len(lags) <= ui.TABLE_ROWS_OPEN, key="timeline_lags_open",
                              on_change="rerun", icon=":material/table:")
            if box.open:
                with box:
                    ui.table(shown, cols, key="timeline_lags")
            ui.download_csv(shown[["province", "instrument_id", "instrument_title",
                                   "instrument_level", "instrument_date", "first_action_doc",
                                   "first_action_date", "first_plan_doc", "first_plan_date",
                                   "lag_days", "lag_basis", "documents"]], "file.lags",
                            key="timeline_lags_csv")
