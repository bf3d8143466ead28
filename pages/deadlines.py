"""Thời hạn: every deadline the filtered documents set, when it is next due on a chosen day,
and whether it is overdue, due soon, later or done; counted per status and per province."""
from datetime import date

import streamlit as st

from app import deadlines, filters, queries, ui
from app.i18n import current_lang, fmt_date, fmt_int, label, labels, t

SHOWN_ROWS = 500  # rows of the deadline list drawn in the browser

f = filters.current()
lang = current_lang()
ui.page_header("deadlines.title", "deadlines.intro")

if ui.has_documents(f):
    today = st.date_input(t("deadlines.today"), value=date.today(), key="today",
                          persist_state="session",
                          format="DD/MM/YYYY" if lang == "vi" else "YYYY-MM-DD",
                          help=t("deadlines.today_help"), width=220)
    today = today if isinstance(today, date) else date.today()
    st.markdown(t("deadlines.as_of", date=fmt_date(today, lang=lang)))
    with st.expander(t("deadlines.rules_title"), icon=":material/rule:"):
        st.markdown(t("deadlines.rules"))

    board = queries.deadline_board(f, today)
    if board.empty:
        ui.empty_state(t("deadlines.none"))
    else:
        st.subheader(t("deadlines.by_status"))
        n = deadlines.counts(board)
        ui.metric_row([(t(f"col.{s}"), fmt_int(n[s], lang), label("deadline_status", s, lang))
                       for s in deadlines.STATUSES if s != "undated" or n[s]])

        st.subheader(t("deadlines.by_province"))
        per = deadlines.per_province(board)
        cols = ["province", *(s for s in deadlines.STATUSES if s != "undated" or n[s]), "total"]
        ui.table(per, cols, key="deadlines_by_province")
        ui.download_csv(per[cols], "file.deadlines_by_province", key="deadlines_by_province_csv")

        st.subheader(t("deadlines.list"))
        # every status is an option whatever the day, named without its count: a status
        # chosen in a link stays chosen on another day or warehouse
        chosen = st.pills(t("deadlines.pick_status"), deadlines.STATUSES, selection_mode="multi",
                          format_func={s: label("deadline_status", s, lang)
                                       for s in deadlines.STATUSES}.get,
                          key="deadline_status",
                          help=t("deadlines.pick_status_help"))
        rows = board[board.deadline_status.isin(chosen)].reset_index(drop=True) if chosen else board
        if rows.empty:
            ui.empty_state(t("deadlines.none_status"))
        else:
            shown = rows.assign(
                deadline_status=labels("deadline_status", rows.deadline_status, lang).values,
                recurrence=rows.recurrence.fillna("once")).rename(columns={"description": "deadline"})
            cols = ["province", "deadline_status", "due", "deadline", "recurrence", "doc_number",
                    "issuer", "doc_date", "task_text", "last_due", "horizon", "last_report",
                    "last_report_date"]
            said = t("deadlines.shown", shown=fmt_int(len(rows), lang), n=fmt_int(len(board), lang))
            if len(rows) > SHOWN_ROWS:
                said += " " + t("deadlines.first_rows", shown=fmt_int(SHOWN_ROWS, lang),
                                n=fmt_int(len(rows), lang))
            st.caption(said + " " + t("deadlines.pick_row"))
            # a new choice of statuses is a new list: the row picked in the old one goes.
            # The browser gets the first rows only (the whole list of 10,000 documents'
            # deadlines was 10 MB sent on every visit); the CSV below has every row.
            picked = ui.table(shown.head(SHOWN_ROWS), cols,
                              key="deadlines_list_" + "-".join(sorted(chosen)), select=True)
            ui.download_csv(shown[[*cols, "level", "doc_type", "task_id", "doc_id"]],
                            "file.deadlines", key="deadlines_list_csv")

            if picked is not None:
                row = rows.iloc[picked]
                sentence = deadlines.sentence_of(row.task_text, row.description)
                st.subheader(t("deadlines.evidence_title"))
                st.markdown(f"> {ui.escaped(sentence)}" if sentence else t("deadlines.no_sentence"))
                with st.container(border=True):
                    ui.document_view(row.doc_id, key="deadlines_docview",
                                     marks=(sentence,) if sentence else ())
