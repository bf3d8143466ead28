"""Done means (issue 13, items 3 and 4): a leader opens Thanh Hóa's profile from the map and
downloads its one-page brief as PDF and DOCX, Vietnamese intact — in real Chromium."""
from __future__ import annotations

import io
import unicodedata

from conftest import q
from streamlit_server import browser_page, open_app, require_chromium, serve, wait_ready


def _pick(page, label: str, text: str) -> None:
    """Choose `text` in the selectbox labelled `label` (typed, then Enter)."""
    box = page.get_by_label(label, exact=False).first
    box.click()
    page.keyboard.type(text)
    page.keyboard.press("Enter")
    wait_ready(page)


def test_thanh_hoa_from_the_map_to_its_brief(seed_db):
    require_chromium()
    import docx
    import pdfplumber
    with serve({"CYBERDASH_DB": str(seed_db)}) as base, browser_page(1440, 1000) as page:
        open_app(page, base, "/ban-do")
        _pick(page, "Chọn tỉnh", "Thanh Hóa")
        page.get_by_role("link", name="Mở hồ sơ Thanh Hóa").click()
        page.wait_for_url("**/ho-so-tinh**")
        wait_ready(page)
        assert "Hồ sơ tỉnh" in page.locator("h1").first.inner_text()
        main = page.locator('[data-testid="stMain"]')
        assert "116/KH-UBND" in main.inner_text()

        with page.expect_download() as dl:
            page.get_by_role("button", name="Tải PDF").click()
        pdf_bytes = open(dl.value.path(), "rb").read()
        assert dl.value.suggested_filename.startswith("38-thanh-hoa_")
        with pdfplumber.open(io.BytesIO(pdf_bytes)) as pdf:
            assert len(pdf.pages) == 1
            text = unicodedata.normalize("NFC", pdf.pages[0].extract_text())
        assert "Hồ sơ tỉnh: Thanh Hóa" in text
        assert "Tuyên truyền, phổ biến, nâng cao nhận thức" in text

        with page.expect_download() as dl:
            page.get_by_role("button", name="Tải Word (DOCX)").click()
        d = docx.Document(io.BytesIO(open(dl.value.path(), "rb").read()))
        words = "\n".join(p.text for p in d.paragraphs)
        assert "Hồ sơ tỉnh: Thanh Hóa" in words
        n = q(seed_db, "SELECT count(*) FROM documents WHERE province_code = '38'")[0][0]
        cells = [c.text for t in d.tables for r in t.rows for c in r.cells]
        assert f"Văn bản\n{n}" in cells
        assert page.js_errors == []
