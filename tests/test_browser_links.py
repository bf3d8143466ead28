"""A copied link reopens the same view (issue 14), in real headless Chromium: filters set by
hand survive three page switches in the URL, and a fresh browser opening that URL shows the
same filter summary and the same headline numbers; a typed link with an unknown instrument
says so."""
from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest

from streamlit_server import browser_page, open_app, require_chromium, serve, wait_ready

SIDEBAR_SUMMARY = '[data-testid="stSidebar"] [data-testid="stCaptionContainer"]'
METRICS = '[data-testid="stMetricValue"]'


@pytest.fixture(scope="module")
def base(seed_db):
    require_chromium()
    with serve({"CYBERDASH_DB": str(seed_db)}) as url:
        yield url


def summary(page) -> str:
    return page.locator(SIDEBAR_SUMMARY).first.inner_text()


def metrics(page, at_least: int = 1) -> list[str]:
    """The overview's numbers (headline and last load), once drawn: "ready" can come a
    moment before the last elements of a first load are in the page."""
    page.wait_for_function("n => document.querySelectorAll('[data-testid=\"stMetricValue\"]')"
                           ".length >= n", arg=at_least, polling=100)
    return page.locator(METRICS).all_inner_texts()


def pick(page, box_label: str, option: str) -> None:
    """Choose `option` in the filter popover's multiselect labelled `box_label`."""
    box = page.locator('[data-testid="stMultiSelect"]').filter(has_text=box_label)
    box.locator('[role="combobox"]').click()
    page.keyboard.type(option)               # typed, as a person narrows the long list
    page.get_by_role("option", name=option, exact=True).click()
    page.wait_for_timeout(300)
    wait_ready(page)


def go(page, name: str) -> None:
    page.locator('[data-testid="stSidebarNav"]').get_by_role("link", name=name,
                                                              exact=True).click()
    page.wait_for_timeout(300)   # the click's rerun starts before the app reads as ready
    wait_ready(page)


def test_a_copied_link_reopens_the_same_view_in_a_fresh_browser(base):
    with browser_page(height=1400) as page:   # tall: the filter lists open in view
        open_app(page, base, "/")
        everything = metrics(page, 4 + 6)
        page.locator('[data-testid="stPopover"] button').first.click()   # the filters
        pick(page, "Loại văn bản", "Kế hoạch")
        pick(page, "Tỉnh, thành phố", "Ninh Bình")
        pick(page, "Tỉnh, thành phố", "Kon Tum")
        page.locator('[data-testid="stPopover"] button').first.click()   # close it
        wait_ready(page)
        said, numbers = summary(page), metrics(page, 4 + 6)   # headline and last load
        assert "Kế hoạch" in said and "Ninh Bình, Kon Tum" in said, said
        assert numbers[0] == "2" and numbers != everything, (numbers, everything)
        for name, path in (("Bản đồ", "/ban-do"), ("Dòng thời gian", "/dong-thoi-gian"),
                           ("Tổng quan", "/")):
            go(page, name)
            # the filters are back in the URL after every switch, not only on the first page
            page.wait_for_function("p => location.pathname === p && location.search.includes("
                                   "'province=37%2C62') && location.search.includes('type=plan')",
                                   arg=path, polling=100, timeout=10_000)
            assert summary(page) == said, name
        link = page.url
        assert parse_qs(urlsplit(link).query) == {"type": ["plan"], "province": ["37,62"]}, link
        assert metrics(page, len(numbers)) == numbers
        assert page.js_errors == []
    with browser_page() as fresh:   # another browser: nothing of the first session
        open_app(fresh, base, link[len(base):])
        assert summary(fresh) == said
        assert metrics(fresh, len(numbers)) == numbers
        assert fresh.url == link


def test_a_typed_link_with_an_unknown_instrument_says_so(base):
    with browser_page() as page:
        open_app(page, base, "/ban-do?instrument=999%2FXX&province=38")
        warning = page.locator('[data-testid="stAlert"]').filter(has_text="999/XX")
        assert "Liên kết có giá trị không nhận ra: instrument=999/XX" in warning.inner_text()
        said = summary(page)
        assert "Thanh Hóa" in said and "không nhận ra" in said, said
        # the known part of the link stays, in ids
        assert parse_qs(urlsplit(page.url).query) == {"province": ["38"]}, page.url
        assert re.search(r"/ban-do\?", page.url)


def test_typed_ids_in_english_keep_the_view(base):
    with browser_page() as page:
        open_app(page, base, "/ban-do?lang=en&instrument=964/qd-ttg&province=38&measure=lag")
        said = summary(page)
        assert "964/QĐ-TTg" in said and "Thanh Hóa" in said, said
        assert parse_qs(urlsplit(page.url).query) == {
            "lang": ["en"], "instrument": ["964/QĐ-TTg"], "province": ["38"],
            "measure": ["lag"], "map_instrument": ["964/QĐ-TTg"]}, page.url
