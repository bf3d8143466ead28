"""Entry point: page config, language switch, shared filters, then the chosen page.

    streamlit run dashboard.py      (or: python3 dev.py run)
"""
import streamlit as st

from app import filters, i18n, queries, ui
from app.i18n import t

# No page_icon, here or on the pages: Streamlit fetches a material favicon from the web,
# and the browser must ask nothing of any host but this server.
# "auto": open beside the page on a desktop or tablet, closed on a phone (where an open
# sidebar covers the whole page).
st.set_page_config(page_title=t("app.title"), layout="wide", initial_sidebar_state="auto")


PAGES = [
    st.Page("pages/overview.py", title=t("page.overview"), url_path="tong-quan",
            default=True),
    st.Page("pages/status.py", title=t("page.status"), url_path="tinh-hinh-trien-khai"),
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
# The language switch comes after st.navigation (page titles read ?lang= directly until it
# is drawn): in Streamlit 1.67 a URL-bound widget drawn before st.navigation lost its
# parameter on the first page switch after a server start. The filters keep their values
# across a language switch.
i18n.language_switch(on_change=filters.keep_values_on_language_change)
if not queries.warehouse_ready():
    if page.url_path == "them-van-ban":  # the first documents can come through the upload page
        page.run()
        st.stop()
    ui.missing_warehouse()
    st.stop()
# Only pages that filter draw the filters (the upload page filters nothing); a choice made
# elsewhere is kept for the session (and comes back into the URL) all the same.
if page.url_path not in NO_FILTERS:
    filters.draw_sidebar()
page.run()
