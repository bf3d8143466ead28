"""Văn bản: search with or without diacritics, why each document matched, and one document
in full, opened from its row, from the chooser or by its own link (?doc=ID)."""
from functools import partial
from urllib.parse import urlencode

import pandas as pd
import streamlit as st

from app import filters, queries, search, ui, urlstate
from app.i18n import current_lang, fmt_int, t

DOC = "doc"  # session key and URL parameter of the open document: its doc_id (app/urlstate)


def open_row(ids: list[str]) -> None:
    """Callback of the grid: the row picked opens its document."""
    rows = st.session_state["documents_table"].selection.rows
    if rows:
        st.session_state[DOC] = ids[rows[0]]


def row_links(ids) -> list[str]:
    """For each document, this page's address with it open (the other settings kept)."""
    kept = {k: v for k, v in urlstate.view_params("van-ban", st.session_state).items()
            if k != DOC}
    return ["?" + urlencode({**kept, DOC: i}, doseq=True) for i in ids]


def with_why(df: pd.DataFrame, found: search.Terms) -> pd.DataFrame:
    """The results with a column saying, in words, why each one matched."""
    keys = (search.why_key(m, p, len(found.pieces)) for m, p in zip(df["match"], df["place"]))
    return df.assign(why=[t(k) if k else "" for k in keys])


f = filters.current()
lang = current_lang()
ui.page_header("documents.title", "documents.intro")

query = st.text_input(t("documents.search"), key="q",
                      persist_state="session", placeholder=t("documents.search_placeholder"),
                      icon=":material/search:")
found = search.terms(query)
# The first SHOWN_DOCUMENTS matches (best first), and the open document wherever it ranks.
results = queries.search_documents_shown(f, query, keep=st.session_state.get(DOC) or None)
labels = {}

if results.empty:
    ui.empty_state(t("documents.no_results", q=ui.escaped(query)) if found
                   else t("empty.no_match"))
else:
    total, n_phrase = int(results.n_total.iloc[0]), int(results.n_phrase.iloc[0])
    top = with_why(results[results.shown], found)
    said = [t("documents.shown", shown=fmt_int(len(top)), n=fmt_int(total)) if total > len(top)
            else t("documents.count", n=fmt_int(total))]
    if len(found.pieces) > 1:
        said.append(t("documents.split", p=fmt_int(n_phrase), w=fmt_int(total - n_phrase)))
    said.append(t("documents.order_search") if found else t("documents.order_newest"))
    st.caption(". ".join(s.rstrip(".") for s in said) + ". " + t("documents.open_hint"))
    cols = ["doc_number", "title", *(["why"] if found else []), "doc_type", "issuer",
            "province", "doc_date"]
    # Stateful tabs: only the open one is drawn. The list is a plain table, light on first
    # paint; the data grid (sorting, searching, wide columns) loads when its tab is opened.
    as_list, as_grid = st.tabs([t("documents.view_list"), t("documents.view_grid")],
                               key="documents_view", on_change="rerun")
    if as_list.open is not False:
        with as_list:
            ui.light_table(top, cols, links=("doc_number", row_links(top.doc_id)))
    if as_grid.open:
        with as_grid:
            ui.table(top, cols, key="documents_table",
                     on_select=partial(open_row, list(top.doc_id)))
    csv_cols = ["doc_number", "title", *(["why"] if found else []), "doc_type", "level",
                "issuer", "province", "doc_date", "source_file"]
    # every match, not only the rows shown: queried when the button is clicked
    ui.download_csv(lambda: with_why(queries.search_documents(f, query), found)[csv_cols],
                    "file.documents", key="documents_csv",
                    label=t("documents.csv_all", n=fmt_int(total)) if total > len(top) else None,
                    help=t("download.help_all") if total > len(top) else None)
    labels = ui.doc_labels(results, lang)

# The open document stays open when the search or the filters no longer find it.
doc_id = st.session_state.get(DOC)
if doc_id and doc_id not in labels:
    doc = queries.document(doc_id)
    if doc is None:
        st.session_state.pop(DOC)
    else:
        labels[doc_id] = ui.doc_label(doc)
if labels:
    # none open until one is chosen (the document view is the heaviest part of the page);
    # the list of up to 200 documents is built by the browser when the popover is opened
    with st.popover(t("documents.open"), icon=":material/description:", width="stretch"):
        doc_id = st.selectbox(t("documents.open"), list(labels), format_func=labels.get,
                              index=None, placeholder=t("documents.open_placeholder"),
                              key=DOC, persist_state="session")
if doc_id:
    with st.container(border=True):
        ui.document_view(doc_id, key="documents_docview", query=query)
