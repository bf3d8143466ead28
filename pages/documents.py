"""Văn bản: search with or without diacritics, the results, and one document in full."""
import streamlit as st

from app import filters, queries, ui
from app.i18n import current_lang, fmt_int, t

f = filters.current()
lang = current_lang()
ui.page_header("documents.title", "documents.intro")

query = st.text_input(t("documents.search"), key="q",
                      persist_state="session", placeholder=t("documents.search_placeholder"),
                      icon=":material/search:")
# The first SHOWN_DOCUMENTS matches (best first), and the open document wherever it ranks.
results = queries.search_documents_shown(f, query, keep=st.session_state.get("doc") or None)

if results.empty:
    ui.empty_state(t("documents.no_results", q=query) if query.strip() else t("empty.no_match"))
else:
    total = int(results.n_total.iloc[0])
    top = results[results.shown]
    order = t("documents.order_match") if query.strip() else t("documents.order_newest")
    if total > len(top):
        st.caption(t("documents.shown", shown=fmt_int(len(top)), n=fmt_int(total)) + ". " + order)
    else:
        st.caption(t("documents.count", n=fmt_int(total)) + ". " + order)
    cols = ["doc_number", "title", "doc_type", "issuer", "province", "doc_date"]
    # Stateful tabs: only the open one is drawn. The list is a plain table, light on first
    # paint; the data grid (sorting, searching, wide columns) loads when its tab is opened.
    as_list, as_grid = st.tabs([t("documents.view_list"), t("documents.view_grid")],
                               key="documents_view", on_change="rerun")
    if as_list.open is not False:
        with as_list:
            ui.light_table(top, cols)
    if as_grid.open:
        with as_grid:
            ui.table(top, cols, key="documents_table")
    csv_cols = cols[:3] + ["level"] + cols[3:] + ["source_file"]
    # every match, not only the rows shown: queried when the button is clicked
    ui.download_csv(lambda: queries.search_documents(f, query)[csv_cols], "file.documents",
                    key="documents_csv",
                    label=t("documents.csv_all", n=fmt_int(total)) if total > len(top) else None,
                    help=t("download.help_all") if total > len(top) else None)

    labels = ui.doc_labels(results, lang)
    # none open until one is chosen (the document view is the heaviest part of the page);
    # the list of up to 200 documents is built by the browser when the popover is opened
    with st.popover(t("documents.open"), icon=":material/description:", width="stretch"):
        doc_id = st.selectbox(t("documents.open"), list(labels), format_func=labels.get,
                              index=None, placeholder=t("documents.open_placeholder"),
                              key="doc", persist_state="session")
    if doc_id:
        with st.container(border=True):
            ui.document_view(doc_id, key="documents_docview")
