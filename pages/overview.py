"""Tổng quan: headline figures, one row per province, and what the last ETL run changed."""
import streamlit as st

from app import charts, filters, queries, ui
from app.i18n import fmt_date, fmt_int, label, t

f = filters.current()
ui.page_header("overview.title", "overview.intro")

if ui.has_documents(f):
    h = queries.headline(f)
    # the table comes first: the headline lag is the median of its own lag column
    summary = queries.province_summary(f)
    lag, lag_n = queries.plan_lag_median(summary)
    ui.metric_row([
        (t("overview.documents"), fmt_int(h["documents"]), t("overview.documents_help")),
        (t("overview.provinces"), fmt_int(h["provinces"]), t("overview.provinces_help")),
        (t("overview.instruments"), fmt_int(h["instruments"]), t("overview.instruments_help")),
        (t("overview.median_lag"),
         t("chart.days", n=fmt_int(round(lag))) if lag is not None else "—",
         t("overview.median_lag_help", n=fmt_int(lag_n))),
    ])

    st.subheader(t("overview.by_province"))
    if summary.empty:
        ui.empty_state(t("empty.no_province"))
    else:
        def by(prefix: str) -> list[str]:
            """Who issued it, and at which level: 'UBND tỉnh Lào Cai (Cấp tỉnh)'."""
            return [" ".join(p for p in (str(i) if ui.present(i) else "",
                                         f"({label('level', lv)})" if ui.present(lv) else "") if p)
                    for i, lv in zip(summary[f"{prefix}_issuer"], summary[f"{prefix}_level"])]

        shown = summary.assign(
            coverage=[f"{c}/{n}" for c, n in zip(summary.categories_covered, summary.categories_total)],
            first_plan_by=by("first_plan"), first_action_by=by("first_action"),
            profile=ui.profile_hrefs(summary.province_code))
        ui.table(shown, ["province", "profile", "documents", "first_plan", "first_plan_by", "first_plan_date",
                         "first_plan_lag_days", "plan_instrument", "first_action",
                         "first_action_by", "first_action_date", "coverage",
                         "last_document_date", "warnings"], key="overview_table",
                 config={"profile": st.column_config.LinkColumn(
                     display_text=t("profile.open_short"))})
        st.caption(t("overview.table_help"))
        csv = summary.drop(columns=["first_plan_doc_id", "first_action_doc_id"])
        csv = csv.assign(first_plan_level=csv.first_plan_level.map(lambda v: label("level", v)),
                         first_action_level=csv.first_action_level.map(lambda v: label("level", v)))
        ui.download_csv(csv, "file.province_summary", key="overview_table_csv")

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
