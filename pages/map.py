"""Bản đồ: every province coloured by a chosen measure, before or after the July 2025
merger; provinces without documents, and those with documents but none for the text shown,
in two greys. Choosing a province lists its documents."""
from dataclasses import replace

import pandas as pd
import streamlit as st

from app import charts, filters, maps, queries, ui
from app.i18n import current_lang, fmt_date, fmt_int, t

MEASURES = ("documents", "share", "lag", "last_date")
f = filters.current()
lang = current_lang()
ui.page_header("map.title", "map.intro")

c1, c2, c3 = st.columns(3, vertical_alignment="bottom")
measure = c1.selectbox(t("map.measure"), MEASURES,
                       format_func={m: t(f"map.measure_{m}") for m in MEASURES}.get,
                       key="measure", persist_state="session",
                       placeholder=t("widget.choose"))
view = c2.radio(t("map.borders"), ["63", "34"],
                format_func={v: t(f"map.view_{v}") for v in ("63", "34")}.get,
                horizontal=True, key="borders", persist_state="session")
lag_inst = None
if measure == "lag":
    ins = queries.instruments(lang)
    central = ins[ins.level == "central"]
    keys = list(central.instrument_key)
    labels = dict(zip(central.instrument_key, central.instrument_id + " — " + central.title))
    default = f.instrument if f.instrument in keys else ("29-NQ/TW" if "29-NQ/TW" in keys else keys[0])
    lag_inst = c3.selectbox(t("map.lag_instrument"), keys, index=keys.index(default),
                            format_func=labels.get, key="map_instrument",
                            persist_state="session",
                            placeholder=t("widget.choose"))

if ui.has_documents(f):
    units = queries.map_measures(f, lag_inst, view)
    total = units.categories_total.fillna(0)
    units = units.assign(
        share=(units.categories_covered / total.where(total > 0)).mul(100).round(0),
        last_year=pd.to_datetime(units.last_date).dt.year)
    value_col = {"documents": "documents", "share": "share", "lag": "lag_days",
                 "last_date": "last_year"}[measure]
    shown = units[units[value_col].notna()]
    if shown.empty:
        ui.empty_state(t("map.no_values"))
        st.stop()
    hover = pd.DataFrame({
        "map_key": shown.map_key,
        "label": shown.name,
        "value": shown[value_col].astype(float),
        t("col.documents"): shown.documents.map(fmt_int),
        t("col.coverage"): [f"{int(c)}/{int(n)}" for c, n in
                            zip(shown.categories_covered.fillna(0), shown.categories_total)],
        t("col.last_document_date"): shown.last_date.map(fmt_date),
    })
    # the measure is the hover's first line already: not again as a column
    hover_cols = [*([] if measure == "documents" else [t("col.documents")]),
                  t("col.coverage"), t("col.last_document_date")]
    if view == "34":
        hover[t("map.old_provinces")] = shown.old_provinces.values
        hover_cols.append(t("map.old_provinces"))
    # the darker grey: documents, but none for the central text shown (the instrument filter,
    # or the lag's text), or none that gives this measure a value
    text = lag_inst if measure == "lag" else f.instrument
    with_docs_keys = set(units.map_key[units.documents.notna()])
    if f.instrument:
        every = queries.map_measures(replace(f, instrument=None), None, view)
        with_docs_keys |= set(every.map_key[every.documents.notna()])
    other = sorted(with_docs_keys - set(shown.map_key))
    other_label = (t("map.other_text", text=text) if text else t("map.other_value"))
    fmt = {"documents": fmt_int, "share": lambda v: f"{fmt_int(v)}%",
           "lag": lambda v: t("chart.days", n=fmt_int(v)), "last_date": lambda v: str(int(v))}
    fig = maps.province_map_figure(
        hover, view=view, key_col="map_key", value_col="value", label_col="label",
        hover_cols=hover_cols, no_data_label=t("map.no_documents"),
        other_keys=other, other_label=other_label,
        **({"fit_width": maps.PHONE_WIDTH, "height": maps.PHONE_HEIGHT} if ui.on_phone() else {}),
        colorbar_title=t(f"map.measure_{measure}_short"),
        value_label=t(f"map.measure_{measure}_short"),
        value_format=lambda v: v if isinstance(v, str) else fmt[measure](v),
        islands_labels=(t("map.hoang_sa"), t("map.truong_sa")), credit=t("map.credit"))
    charts.tidy_map_scale(fig, hover.value, integer=measure != "share",
                          lo=0 if measure in ("documents", "share") else None,
                          hi=100 if measure == "share" else None)
    # the download is what the map shows: every unit, its value (empty = no data) and hover
    cols = ["map_key", "name", value_col, "documents", "categories_covered",
            "categories_total", "last_date", *(["old_provinces"] if view == "34" else [])]
    download = units[list(dict.fromkeys(cols))].rename(
        columns={"map_key": "province_key"})
    # one above the other: side by side, a tablet's screen left the map too narrow to fit
    map_col, side_col = st.container(), st.container()
    with map_col:
        event = ui.chart(fig, download, f"file.map_{view}", key=f"map_{view}_{measure}",
                         select=True, instrument=lag_inst)
        st.caption(t(f"map.explain_{measure}"))

    # choosing a province: a click on the map, or the box beside it
    names = dict(zip(units.map_key, units.name))
    provs = queries.provinces()
    prov_names = dict(zip(provs.gso_code, provs.name_vi))
    with_docs = [k for k in units.sort_values("documents", ascending=False).map_key
                 if pd.notna(units.set_index("map_key").at[k, "documents"])]
    pick_key = f"map_pick_{view}"
    for p in ui.selected_points(event):
        loc = p.get("location")
        if loc in names and loc != st.session_state.get(f"_{pick_key}"):
            st.session_state[f"_{pick_key}"] = loc
            st.session_state[pick_key] = loc
        break
    with side_col:
        options = ["", *with_docs, *[k for k in names if k not in with_docs]]
        chosen = st.selectbox(t("map.pick"), options, key=pick_key,
                              format_func={"": t("map.pick_none"), **names}.get,
                              placeholder=t("widget.choose"))
        if chosen:
            row = units[units.map_key == chosen].iloc[0]
            st.markdown(f"**{row['name']}**")
            if view == "34":
                st.caption(t("map.includes", names=row["old_provinces"]))
            codes = tuple(row["gso_codes"])
            for code in codes:   # the profile is of a province before July 2025
                st.page_link("pages/profile.py", query_params={"profile": code},
                             icon=":material/assignment:",
                             label=t("profile.open_named", province=prov_names.get(code, code)))
            docs = queries.search_documents(filters.Filters(
                instrument=f.instrument, year_from=f.year_from, year_to=f.year_to,
                provinces=codes, doc_types=f.doc_types, levels=f.levels))
            if docs.empty:
                st.info(t("map.no_data_here"), icon=":material/info:")
            else:
                ui.table(docs, ["doc_number", "title", "doc_type", "doc_date"],
                         key="map_docs")
            st.button(t("map.set_filter"), on_click=filters.set_provinces, args=(codes,),
                      icon=":material/filter_alt:", key="map_set_filter")
