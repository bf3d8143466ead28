"""Văn bản: search with or without diacritics, the results, and one document in full."""
import streamlit as st

from app import filters, queries, ui
from app.i18n import fmt_int, label, t

f = filters.current()
ui.page_header("documents.title", "documents.intro")

query = st.text_input(t("documents.search"), key="q", bind="query-params",
                      persist_state="session", placeholder=t("documents.search_placeholder"),
                      icon=":material/search:")
results = queries.search_documents(f, query)

if results.empty:
    ui.empty_state(t("documents.no_results", q=query) if query.strip() else t("empty.no_match"))
else:
    st.caption(t("documents.count", n=fmt_int(len(results))))
    shown = results.assign(doc_type=results.doc_type.map(lambda v: label("doc_type", v)),
                           level=results.level.map(lambda v: label("level", v)))
    cols = ["doc_number", "title", "doc_type", "issuer", "province", "doc_date"]
    ui.table(shown, cols, key="documents_table")
    ui.download_csv(shown[cols[:3] + ["level"] + cols[3:] + ["source_file"]], "file.documents",
                    key="documents_csv")

    labels = {r["doc_id"]: ui.doc_label(r) for r in results.to_dict("records")}
    doc_id = st.selectbox(t("documents.open"), list(labels), format_func=labels.get,
                          key="doc", persist_state="session")
    if doc_id:
        with st.container(border=True):
            ui.document_view(doc_id, key="documents_docview")
