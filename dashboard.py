"""Entry point: page config, language switch, shared filters, then the chosen page.

    streamlit run dashboard.py      (or: python3 dev.py run)
"""
import streamlit as st

from app import filters, i18n, queries, ui, urlstate
from app.i18n import t

# What a newly opened link names goes into session state before anything is drawn (the
# language included: the page titles below are in it).
urlstate.read_link()

# No page_icon, here or on the pages: Streamlit fetches a material favicon from the web,
# and the browser must ask nothing of any host but this server.
# "auto": open beside the page on a desktop or tablet, closed on a phone (where an open
# sidebar covers the whole page).
st.set_page_config(page_title=t("app.title"), layout="wide", initial_sidebar_state="auto")


PAGES = [
    st.Page("pages/overview.py", title=t("page.overview"), url_path="tong-quan",
            default=True),
    st.Page("pages/status.py", title=t("page.status"), url_path="tinh-hinh-trien-khai"),
    st.Page("pages/profile.py", title=t("page.profile"), url_path="ho-so-tinh"),
    st.Page("pages/map.py", title=t("page.map"), url_path="ban-do"),
    st.Page("pages/timeline.py", title=t("page.timeline"), url_path="dong-thoi-gian"),
    st.Page("pages/coverage.py", title=t("page.coverage"), url_path="bao-phu"),
    st.Page("pages/compare.py", title=t("page.compare"), url_path="so-sanh"),
    st.Page("pages/documents.py", title=t("page.documents"), url_path="van-ban"),
    st.Page("pages/deadlines.py", title=t("page.deadlines"), url_path="thoi-han"),
    st.Page("pages/data.py", title=t("page.data"), url_path="du-lieu"),
    st.Page("pages/upload.py", title=t("page.upload"), url_path="them-van-ban"),
]

NO_FILTERS = {"them-van-ban"}

page = st.navigation(PAGES, position="sidebar")
i18n.language_switch(on_change=urlstate.keep_values_on_language_change)
link_notes = None
try:
    if not queries.warehouse_ready():
        if page.url_path == "them-van-ban":  # the first documents can come through the upload page
            page.run()
            st.stop()
        ui.missing_warehouse()
        st.stop()
    link_notes = st.container()   # what a link named but cannot be shown, said first
    if urlstate.unknown():
        link_notes.warning(t("url.unknown", items=ui.escaped(
            urlstate.unknown_text(urlstate.unknown()))), icon=":material/link_off:")
    if urlstate.unavailable():
        link_notes.warning(t("url.unavailable", items=ui.escaped(
            urlstate.unknown_text(urlstate.unavailable()))), icon=":material/link_off:")
    # Only pages that filter draw the filters (the upload page filters nothing); a choice made
    # elsewhere is kept for the session (and stays in the URL) all the same.
    if page.url_path not in NO_FILTERS:
        filters.draw_sidebar()
    page.run()
finally:
    # the URL is the whole view at the end of every run, also one a page ended with st.stop
    # (a page switch sends the new page's address without the old page's parameters)
    not_taken = urlstate.write_link(page.url_path)
    if not_taken and link_notes is not None:
        link_notes.warning(t("url.unavailable", items=ui.escaped(
            urlstate.unknown_text(not_taken))), icon=":material/link_off:")
