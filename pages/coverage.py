"""Mức độ bao phủ nhiệm vụ: provinces × task categories (or GCI pillars), graded, with
the evidence sentences behind any cell."""
import streamlit as st

from app import charts, filters, queries, ui
from app.i18n import current_lang, label, t

f = filters.current()
lang = current_lang()
ui.page_header("coverage.title", "coverage.intro")

if ui.has_documents(f):
    view = st.radio(t("coverage.view"), ["category", "pillar"], horizontal=True,
                    format_func={v: t(f"coverage.view_{v}") for v in ("category", "pillar")}.get,
                    key="view",
                    persist_state="session")
    by_pillar = view == "pillar"
    cells = queries.pillar_cells(f, lang) if by_pillar else queries.coverage_cells(f, lang)
    if cells.empty:
        ui.empty_state(t("empty.no_province"))
    else:
        if not cells.status.isin(["planned", "reported"]).any():
            st.info(t("coverage.none_extracted"), icon=":material/info:")
        chart_col, pick_col = st.columns([5, 2], gap="medium")
        with chart_col:
            sort = st.segmented_control(
                t("coverage.sort"), charts.SORTS, default="coverage", key="coverage_sort",
                format_func={v: t(f"coverage.sort_{v}") for v in charts.SORTS}.get,
                help=t("coverage.sort_help"))
            st.caption(t("coverage.legend"))  # above: the chart is as tall as its provinces
            order = charts.province_order(cells, sort or "coverage")
            event = ui.chart(charts.coverage_heatmap(cells, by=view, order=order,
                                                     region_lines=sort == "region"), cells,
                             "file.pillars" if by_pillar else "file.coverage",
                             key=f"coverage_chart_{view}", select=True)

        # choosing a cell: a click in the heatmap, or the two boxes beside it
        row_code, row_label = ("gci_pillar", "pillar") if by_pillar else ("category_code", "category")
        provs = dict(zip(cells.province_code, cells.province))
        rows = dict(zip(cells[row_code], cells[row_label]))
        pk, rk = f"cell_province_{view}", f"cell_row_{view}"
        for p in ui.selected_points(event):
            cd = p.get("customdata")
            if cd and (cd[0], cd[1]) != st.session_state.get(f"_{pk}_pick"):
                st.session_state[f"_{pk}_pick"] = (cd[0], cd[1])
                st.session_state[pk], st.session_state[rk] = cd[0], cd[1]
            break
        with pick_col:
            st.markdown(f"**{t('coverage.pick_title')}**")
            # the two boxes wait in a popover: the browser builds them when it is opened
            # (a click in the heatmap sets them all the same)
            with st.popover(t(f"coverage.pick_button_{view}"), icon=":material/grid_on:",
                            width="stretch"):
                province = st.selectbox(t("col.province"), list(provs), format_func=provs.get,
                                        key=pk, placeholder=t("widget.choose"))
                row = st.selectbox(t("col.pillar") if by_pillar else t("col.category"),
                                   list(rows), format_func=rows.get, key=rk,
                                   placeholder=t("widget.choose"))
            cell = cells[(cells.province_code == province) & (cells[row_code] == row)]
            if not cell.empty:
                c = cell.iloc[0]
                st.markdown(f"{ui.escaped(provs.get(province, ''))} × "
                            f"{ui.escaped(rows.get(row, ''))}  \n"
                            f"{t('chart.status')}: **{label('status', c['status'])}**  \n"
                            + t("chart.cell_evidence", n=int(c["n_evidence"])))

        st.subheader(t("coverage.evidence_title", province=provs.get(province, ""),
                       row=rows.get(row, "")))
        ev = queries.coverage_evidence(f, province, None if by_pillar else row,
                                       row if by_pillar else None, lang)
        if ev.empty:
            status = cells[(cells.province_code == province) & (cells[row_code] == row)].status
            ui.empty_state(t(f"coverage.none_{status.iloc[0] if len(status) else 'silent'}"))
        else:
            ui.evidence_list(ev, show_category=by_pillar)
            ui.download_csv(ev[["province", "category", "evidence", "mode", "cue", "doc_number",
                                "title", "issuer", "doc_date"]],
                            "file.evidence", key="coverage_evidence_csv")
