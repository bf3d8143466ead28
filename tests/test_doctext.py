"""A document's text as the reader sees it (issue 14, items 5 and 8): cleaned of the web
page around it, evidence found and marked per field, searched words marked, all escaped."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from app.doctext import Evidence, Mark, cleaned, evidence_marks, locate, marked_html
from app.search import terms

RAW = Path(__file__).resolve().parents[1] / "data" / "raw"

PAGE = """Hai Bà Trưng triển khai kế hoạch (15:19 11/10/2019)
Lượt truy cập: 12345

HNP - Ngày 3/10, UBND quận Hai Bà Trưng ban hành Kế hoạch số 198/KH-UBND về thực hiện Nghị quyết số 29-NQ/TW.

Theo đó, tổ chức tốt việc phổ biến, học tập, quán triệt Nghị quyết trên các phương tiện thông tin đại chúng.

Đồng thời, tăng cường sự lãnh đạo của Đảng đối với nhiệm vụ bảo vệ Tổ quốc trên không gian mạng.

Các bài mới đăng
Bài cũ hơn nói về chuyện khác
Viết bình luận
Họ tên:(*)"""


# ---------------------------------------------------------------- cleaned text
def test_cleaned_text_drops_the_page_around_the_article():
    out = cleaned(PAGE)
    for furniture in ("Lượt truy cập", "Các bài mới đăng", "Viết bình luận", "Họ tên"):
        assert furniture in PAGE and furniture not in out
    for kept in ("Hai Bà Trưng triển khai", "198/KH-UBND", "không gian mạng."):
        assert kept in out
    assert "\n\n\n" not in out and out == out.strip("\n")


def test_cleaned_text_of_the_bundled_web_page():
    raw = (RAW / "000_0dcff6fa72119e79.txt").read_text("utf-8")
    out = cleaned(raw)
    assert "Viết bình luận" in raw and "Viết bình luận" not in out
    assert "Kế hoạch số 198/KH-UBND" in out and len(out) > len(raw) / 2


def test_a_formal_text_is_left_as_it_is():
    text = "UBND TỈNH A\nSố: 1/KH-UBND\n\nKẾ HOẠCH\nBảo đảm an toàn thông tin\n\n1. Nhiệm vụ."
    assert cleaned(text) == text


# ---------------------------------------------------------------- finding the evidence
@pytest.mark.parametrize("sentence, expected", [
    ("Kế hoạch số 198/KH-UBND", "Kế hoạch số 198/KH-UBND"),                       # as written
    ("Theo đó, tổ chức tốt việc phổ biến, học tập, quán triệt Nghị quyết trên các phương…",
     "Theo đó, tổ chức tốt việc phổ biến, học tập, quán triệt Nghị quyết trên các phương"),
    ("Hai Bà Trưng triển khai   kế hoạch", "Hai Bà Trưng triển khai kế hoạch"),   # other spaces
    ("UBND QUẬN HAI BÀ TRƯNG", "UBND quận Hai Bà Trưng"),                          # capitals
    ("sửa tay / corrected by hand: số sai", None),                                 # not in the text
    ("", None),
    ("…", None),
])
def test_locate_finds_the_sentence(sentence, expected):
    span = locate(PAGE, sentence)
    assert (PAGE[span[0]:span[1]] if span else None) == expected


def test_locate_across_a_line_break():
    text = "1. Phòng ngừa tội phạm\n\nCông an huyện chủ trì."
    a, b = locate(text, "1. Phòng ngừa tội phạm Công an huyện chủ trì.")
    assert text[a:b] == text


def test_evidence_marks_one_per_field_and_the_missing():
    ev = [Evidence("number", "Số hiệu", "Số hiệu: 198/KH-UBND", "Kế hoạch số 198/KH-UBND"),
          Evidence("issuer", "Cơ quan", "Cơ quan: UBND quận Hai Bà Trưng", "UBND quận Hai Bà Trưng"),
          Evidence("province", "Tỉnh", "Tỉnh: Hà Nội", "UBND quận Hai Bà Trưng"),
          Evidence("date", "Ngày", "Ngày: 03/10/2019", "sửa tay / corrected by hand")]
    marks, missing = evidence_marks(PAGE, ev)
    assert [m.field for m in marks] == ["number", "issuer", "province"]
    assert marks[1].start == marks[2].start and marks[1].end == marks[2].end
    assert [e.field for e in missing] == ["date"]


# ---------------------------------------------------------------- drawing
def _text_of(html_: str) -> str:
    """What the reader reads: the tags (and the field tags in the margin) taken out."""
    no_tags = re.sub(r'<sup class="tag[^>]*>.*?</sup>', "", html_)
    import html as h
    return h.unescape(re.sub(r"<[^>]+>", "", no_tags))


def test_document_text_stays_inert():
    text = 'Mở <script>alert(1)</script> <img src=x onerror="alert(2)">. Kế hoạch số 1 & "2".'
    marks = [Mark(text.index("Kế"), len(text), "number", "<b>Số</b>", 'x" onmouseover="alert(3)')]
    out = marked_html(text, marks, terms("kế hoạch"), "Từ tìm kiếm")
    assert "<script>" not in out and "<img" not in out and "<b>" not in out
    assert "&lt;script&gt;" in out and "&lt;img" in out
    assert 'onmouseover="' not in out and "x&quot; onmouseover=&quot;alert(3)" in out
    assert _text_of(out) == text


def test_overlapping_marks_split_never_nest():
    text = "Câu một nói về kế hoạch. Câu hai."
    inner = Mark(text.index("kế"), text.index("."), "implements", "Thực hiện", "Thực hiện: 1/KH")
    outer = Mark(0, text.index(".") + 1, "coverage", "Nhóm A", "Nhóm nhiệm vụ: A")
    partial = Mark(text.index("hoạch"), len(text), "deadlines", "Thời hạn", "Thời hạn: 2020")
    out = marked_html(text, [outer, inner, partial])
    assert _text_of(out) == text
    assert not re.search(r"<mark[^>]*>[^<]*<mark", out)           # no mark inside a mark
    # the narrowest mark colours each stretch; the title names every field it supports
    assert '<mark class="m f-implements" data-f="implements" title="Nhóm nhiệm vụ: A; ' \
           'Thực hiện: 1/KH">kế ' in out
    assert 'title="Nhóm nhiệm vụ: A; Thực hiện: 1/KH; Thời hạn: 2020">hoạch</mark>' in out
    # each mark's tag follows its end, once
    assert out.count('<sup class="tag f-coverage">Nhóm A</sup>') == 1
    assert out.count('<sup class="tag f-implements">Thực hiện</sup>') == 1
    assert out.endswith('Câu hai.</mark><sup class="tag f-deadlines">Thời hạn</sup>')


def test_searched_words_are_marked_inside_and_outside_the_evidence():
    text = "Quận Hai Bà Trưng. Kế hoạch của quận hai bà trưng."
    ev = Mark(0, text.index(".") + 1, "issuer", "Cơ quan", "Cơ quan: UBND quận Hai Bà Trưng")
    out = marked_html(text, [ev], terms("hai ba trung"), "Từ tìm kiếm")
    hits = re.findall(r'<mark class="([^"]*hit[^"]*)"[^>]*>([^<]*)</mark>', out)
    assert [w for _, w in hits] == ["Hai", "Bà", "Trưng", "hai", "bà", "trưng"]
    assert [c for c, _ in hits[:3]] == ["m f-issuer hit"] * 3          # on the evidence colour
    assert [c for c, _ in hits[3:]] == ["m hit"] * 3                    # alone: the search colour
    assert _text_of(out) == text


def test_no_marks_no_search_is_the_escaped_text():
    assert marked_html("a < b & c", []) == "a &lt; b &amp; c"
