"""Dữ liệu: every summary behind every chart as CSV, the whole warehouse tables, the
codebook, the last ETL run, data-quality warnings and ingest errors."""
import streamlit as st

from app import filters, queries, ui
from app.i18n import current_lang, fmt_date, fmt_int, t

f = filters.current()
lang = current_lang()
ui.page_header("data.title", "data.intro")

# Stateful tabs: only the open one is drawn (a table in a hidden tab never renders).
tab_sum, tab_tables, tab_codebook, tab_run, tab_quality = st.tabs([
    t("data.tab_summaries"), t("data.tab_tables"), t("data.tab_codebook"),
    t("data.tab_run"), t("data.tab_quality")], key="data_tab", on_change="rerun")

if tab_sum.open is not False:
    with tab_sum:
        st.caption(t("data.summaries_help"))
        if ui.has_documents(f):
            # Only the row counts are read here; each file is queried when its button is
            # clicked (the evidence sentences alone are ~190,000 rows at 10,000 documents).
            counts = queries.summary_counts(f)
            summaries = [
                ("province_summary", lambda: queries.province_summary(f)),
                ("timeline", lambda: queries.timeline_points(f, lang)),
                ("lags", lambda: queries.lags(f, lang)),
                ("coverage", lambda: queries.coverage_cells(f, lang)),
                ("pillars", lambda: queries.pillar_cells(f, lang)),
                ("evidence", lambda: queries.coverage_evidence(f, None, None, None, lang)),
                ("compare_agencies", lambda: queries.lead_agencies(f)),
                ("compare_deadlines", lambda: queries.deadlines(f)),
                ("documents", lambda: queries.search_documents(f, "")),
                ("warnings", lambda: queries.quality_warnings(f, lang)),
            ]
            for name, load in summaries:
                slug = "file." + name
                # one flex row (not three columns): a third fewer boxes for the browser
                with st.container(horizontal=True, vertical_alignment="center", gap="medium"):
                    st.markdown(f"**{t(slug + '_title')}** · {t('data.rows', n=fmt_int(counts[name]))}"
                                f"  \n{t(slug + '_desc')}", width="stretch")
                    ui.download_csv(load, slug, key=f"data_{slug}")

if tab_tables.open:
    with tab_tables:
        st.caption(t("data.tables_help"))
        sizes = queries.table_sizes()
        for name, rows in zip(sizes.table_name, sizes.rows):
            c1, c2, c3 = st.columns([4, 1, 2], vertical_alignment="center")
            c1.markdown(f"**`{name}`**  \n{t('table.' + name)}")
            c2.markdown(t("data.rows", n=fmt_int(rows)))
            with c3:
                # ids and codes as the codebook has them, and beside them what they name
                ui.download_csv(
                    lambda n=name: ui.with_code_names(queries.whole_table_named(n, lang)), "",
                    key=f"table_{name}", raw=True, file_name=f"{name}_{ui.today_iso()}.csv",
                    help=t("data.tables_help"))

if tab_codebook.open:
    with tab_codebook:
        cb = queries.codebook(lang)
        if cb.empty:
            ui.empty_state(t("data.no_codebook"))
        else:
            ui.table(cb, key="codebook_table", height=560)
            ui.download_csv(cb, "file.codebook", key="codebook_csv", filtered=False)

if tab_run.open:
    with tab_run:
        run = queries.last_run()
        if run is None:
            ui.empty_state(t("overview.no_run"))
        else:
            st.caption(t("overview.run_when", run=run["run_id"],
                         when=fmt_date(run["finished_at"], time=True), raw=run["raw_dir"]))
            runs = queries.etl_runs()
            ui.table(runs, key="runs_table")
            ui.download_csv(runs, "file.runs", key="runs_csv", filtered=False)
            st.markdown(f"**{t('overview.last_run')}**")
            ui.changes_view(int(run["run_id"]), key="data_changes")

if tab_quality.open:
    with tab_quality:
        st.markdown(f"**{t('data.warnings')}**")
        warnings = queries.quality_warnings(f, lang)
        if warnings.empty:
            st.success(t("data.no_warnings"), icon=":material/check_circle:")
        else:
            ui.table(warnings, ["kind", "doc_number", "province", "message", "evidence",
                                "source_file"], key="warnings_table")
            ui.download_csv(warnings, "file.warnings", key="warnings_csv")
        st.markdown(f"**{t('data.errors')}**")
        errors = queries.ingest_errors()
        if errors.empty:
            st.success(t("data.no_errors"), icon=":material/check_circle:")
        else:
            ui.table(errors, key="errors_table")
            ui.download_csv(errors, "file.errors", key="errors_csv", filtered=False)
