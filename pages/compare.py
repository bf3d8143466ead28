"""So sánh: two to five provinces side by side."""
from dataclasses import replace
from datetime import date

import streamlit as st

from app import charts, deadlines, filters, queries, ui
from app.i18n import current_lang, fmt_date, fmt_int, label, labels, t

f = filters.current()
lang = current_lang()
ui.page_header("compare.title", "compare.intro")

if ui.has_documents(f):
    # every province is an option: the pick is the user's and outlives a filter that leaves
    # one of them without documents (shown empty, with a note)
    prov = queries.provinces()
    names = dict(zip(prov.gso_code, prov.name_vi))
    with_docs = list(queries.province_summary(f).province_code)
    chosen = st.multiselect(t("compare.pick"), list(names), format_func=names.get,
                            default=with_docs[:3], max_selections=5, key="compare",
                            persist_state="session", help=t("compare.pick_help"),
                            select_all=False, placeholder=t("widget.choose_many"))
    if len(chosen) < 2:
        ui.empty_state(t("compare.pick_more"))
    else:
        g = replace(f, provinces=tuple(chosen))
        empty = [c for c in chosen if c not in set(with_docs)]
        if empty:
            st.info(t("compare.no_docs_note", names=", ".join(names[c] for c in empty)),
                    icon=":material/info:")

        st.subheader(t("compare.coverage"))
        cells = queries.coverage_cells(g, lang)
        st.caption(t("coverage.legend"))
        # the provinces in the order they were picked
        ui.chart(charts.coverage_heatmap(cells, order=list(chosen)), cells,
                 "file.compare_coverage", key="compare_coverage")

        st.subheader(t("compare.lags"))
        st.caption(t("timeline.lag_basis"))
        lags = queries.lags(g, lang)
        if lags.empty:
            ui.empty_state(t("empty.no_lags"))
        else:
            shown = lags[["province", "instrument_key", "instrument_id", "instrument_date",
                          "first_action_doc", "first_action_date", "first_plan_doc",
                          "first_plan_date", "lag_days", "lag_basis"]]
            ui.chart(charts.lag_bars(shown), shown.drop(columns=["instrument_key"]),
                     "file.compare_lags", key="compare_lags")

        st.subheader(t("compare.agencies"))
        agencies = queries.lead_agencies(g)
        if agencies.empty:
            ui.empty_state(t("compare.no_agencies"))
        else:
            cols = st.columns(len(chosen))
            for c, code in zip(cols, chosen):
                with c:
                    st.markdown(f"**{names[code]}**")
                    ui.agency_list(agencies[agencies.province_code == code])
            ui.download_csv(agencies.assign(role=agencies.role.map(lambda r: label("role", r)))
                            .drop(columns=["province_code"]),
                            "file.compare_agencies", key="compare_agencies_csv")

        st.subheader(t("compare.deadlines"))
        # the deadlines page's rows and statuses, on the day chosen there (today if none)
        today = st.session_state.get("today")
        today = today if isinstance(today, date) else date.today()
        board = queries.deadline_board(g, today)
        if board.empty:
            ui.empty_state(t("compare.no_deadlines"))
        else:
            st.caption(t("deadlines.as_of", date=fmt_date(today, lang=lang)))
            per = deadlines.per_province(board)
            n = deadlines.counts(board)
            statuses = [s for s in deadlines.STATUSES if n[s]]
            ui.table(per, ["province", *statuses, "total"], key="compare_deadlines_by_province")
            dl = board.assign(
                deadline_status=labels("deadline_status", board.deadline_status, lang).values,
                recurrence=board.recurrence.fillna("once")).rename(columns={"description": "deadline"})
            # the task beside each deadline: two tasks of a plan may share a cycle
            cols = ["province", "deadline_status", "due", "deadline", "recurrence", "task_text",
                    "doc_number", "issuer", "doc_date", "last_due", "horizon", "last_report_date"]
            # as the timeline's lag table: a long one waits for a click (the data grid
            # was most of what this page cost the browser beyond the plotly anchor)
            box = st.expander(t("compare.deadlines_table", n=fmt_int(len(dl), lang)),
                              expanded=len(dl) <= ui.TABLE_ROWS_OPEN,
                              key="compare_deadlines_open", on_change="rerun",
                              icon=":material/table:")
            if box.open:
                with box:
                    ui.table(dl, cols, key="compare_deadlines")
            ui.download_csv(dl[[*cols, "doc_id"]], "file.compare_deadlines",
                            key="compare_deadlines_csv")
