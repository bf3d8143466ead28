"""Tổng quan: headline figures, one row per province, and what the last ETL run changed."""
import streamlit as st

from app import charts, filters, queries, ui
from app.i18n import fmt_date, fmt_int, t

f = filters.current()
ui.page_header("overview.title", "overview.intro")

if ui.has_documents(f):
    h = queries.headline(f)
    lag = h["median_lag_days"]
    ui.metric_row([
        (t("overview.documents"), fmt_int(h["documents"]), t("overview.documents_help")),
        (t("overview.provinces"), fmt_int(h["provinces"]), t("overview.provinces_help")),
        (t("overview.instruments"), fmt_int(h["instruments"]), t("overview.instruments_help")),
        (t("overview.median_lag"),
         t("chart.days", n=fmt_int(round(lag))) if lag is not None else "—",
         t("overview.median_lag_help", n=h["lag_pairs"])),
    ])

    st.subheader(t("overview.by_province"))
    summary = queries.province_summary(f)
    if summary.empty:
        ui.empty_state(t("empty.no_province"))
    else:
        shown = summary.assign(
            coverage=[f"{c}/{n}" for c, n in zip(summary.categories_covered, summary.categories_total)])
        ui.table(shown, ["province", "documents", "first_plan", "first_plan_date",
                         "first_plan_lag_days", "plan_instrument", "coverage",
                         "last_document_date", "warnings"], key="overview_table")
        st.caption(t("overview.table_help"))
        ui.download_csv(summary.drop(columns=["first_plan_doc_id"]), "file.province_summary",
                        key="overview_table_csv")

        st.subheader(t("overview.coverage_share"))
        share = summary[["province", "categories_covered", "categories_total"]]
        if share.categories_covered.sum() == 0:
            ui.empty_state(t("coverage.none_extracted"))
        else:
            ui.chart(charts.coverage_share_bars(share), share, "file.coverage_share",
                     key="overview_share")

st.subheader(t("overview.last_run"))
run = queries.last_run()
if run is None:
    ui.empty_state(t("overview.no_run"))
else:
    st.caption(t("overview.run_when", run=run["run_id"], when=fmt_date(run["finished_at"], time=True),
                 raw=run["raw_dir"]))
    ui.metric_row([
        (t("run.files_seen"), fmt_int(run["files_seen"]), None),
        (t("run.loaded"), fmt_int(run["loaded"]), None),
        (t("run.unchanged"), fmt_int(run["unchanged"]), None),
        (t("run.removed"), fmt_int(run["removed"]), None),
        (t("run.failed"), fmt_int(run["failed"]), None),
        (t("run.warnings"), fmt_int(run["warnings"]), None),
    ])
    ui.changes_view(int(run["run_id"]), key="overview_changes")
