"""So sánh: two to five provinces side by side."""
from dataclasses import replace

import streamlit as st

from app import charts, filters, queries, ui
from app.i18n import current_lang, fmt_int, label, t

f = filters.current()
lang = current_lang()
ui.page_header("compare.title", "compare.intro")

if ui.has_documents(f):
    summary = queries.province_summary(f)
    names = dict(zip(summary.province_code, summary.province))
    if len(names) < 2:
        ui.empty_state(t("compare.need_two", n=len(names)))
    else:
        chosen = st.multiselect(t("compare.pick"), list(names), format_func=names.get,
                                default=list(names)[:3], max_selections=5, key="compare",
                                bind="query-params", persist_state="session",
                                help=t("compare.pick_help"), select_all=False,
                                placeholder=t("widget.choose_many"))
        if len(chosen) < 2:
            ui.empty_state(t("compare.pick_more"))
        else:
            g = replace(f, provinces=tuple(chosen))

            st.subheader(t("compare.coverage"))
            cells = queries.coverage_cells(g, lang)
            ui.chart(charts.coverage_heatmap(cells), cells, "file.compare_coverage",
                     key="compare_coverage")
            st.caption(t("coverage.legend"))

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
            dl = queries.deadlines(g)
            if dl.empty:
                ui.empty_state(t("compare.no_deadlines"))
            else:
                cols = ["province", "description", "due_date", "recurrence", "doc_number",
                        "issuer", "doc_date"]
                # as the timeline's lag table: a long one waits for a click (the data grid
                # was most of what this page cost the browser beyond the plotly anchor)
                box = st.expander(t("compare.deadlines_table", n=fmt_int(len(dl), lang)),
                                  expanded=len(dl) <= ui.TABLE_ROWS_OPEN,
                                  key="compare_deadlines_open", on_change="rerun",
                                  icon=":material/table:")
                if box.open:
                    with box:
                        ui.table(dl, cols, key="compare_deadlines")
                ui.download_csv(dl[cols], "file.compare_deadlines", key="compare_deadlines_csv")
