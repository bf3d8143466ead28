"""word_rx moves a leading look-behind without changing a single match."""
import re

import pytest

from etl.extract.rx import word_rx

TEXTS = [
    "UBND tỉnh Bắc Giang; ubnd huyện Lục Ngạn, xã uy ban; tinh uy huyen uy quan uy thi uy",
    "Số: 156/KH-UBND ngày 14/4/2023; 29-NQ/TW, 1/2/3, x12/5/2020, 2019/KH-UB 12-NQ/ĐUQS",
    "sáng 25/8, Chiều 3-10, hôm nay 1/1 và NGÀY 2/2/2020; từ ngày 5/6 đến ngày 7/8",
    "khuyen uy, tinhuy, ban thuong vu tinh uy ban, (huyen uy)\nquan uy\n",
    "",
    "123456/ABC 1/KH 99999/2020/QĐ-UBND 1.2/3 a-1/2",
]
PATTERNS = [
    (r"(?<!\w)(tinh|thanh|huyen|quan|thi) uy(?!\w)(?! ban\b)", 0, True),
    (r"(?<!\w)(?:ubnd|uy ban nhan dan) (tinh|huyen|xa)(?!\w)", 0, True),
    (r"(?<!\w)ban thuong vu (tinh|huyen) uy", 0, True),
    (r"(?<!\w)(hoi (?:nong dan|phu nu)|doan thanh nien(?: cong san)?) (tinh|xa)", 0, True),
    (r"(?<![\w/.\-])(\d{1,5})\s*(?:/\s*((?:19|20)\d\d))?\s*/\s*([A-ZĐ][A-ZĐa-z0-9&]*(?:\s?-\s?[A-ZĐ]\w*)*)", 0, True),
    (r"(?<![\d/.\-])(\d{1,2})\s?([/.\-])\s?(\d{1,2})\s?\2\s?((?:19|20)\d\d)(?![\d/])", 0, True),
    (r"(?<!\w)(sáng|chiều|ngày|hôm nay|hôm|từ ngày|đến ngày)\s+(\d{1,2})\s?([/\-])\s?(\d{1,2})", re.I, True),
    (r"(?<!\w)\d+/", 0, True),
    # not safe to move: an optional first item, an empty alternative, no look-behind at all
    (r"(?<!\w)(\d?)/", 0, False),
    (r"(?<!\w)(a|)b", 0, False),
    (r"(?<!\w)\s+x", 0, False),
    (r"tinh uy", 0, False),
]


@pytest.mark.parametrize("pattern,flags,moved", PATTERNS)
def test_same_matches_as_re(pattern, flags, moved):
    fast, plain = word_rx(pattern, flags), re.compile(pattern, flags)
    assert (fast.pattern != pattern) is moved
    for text in TEXTS + [t.upper() for t in TEXTS]:
        assert [(m.span(), m.groups()) for m in fast.finditer(text)] == \
               [(m.span(), m.groups()) for m in plain.finditer(text)]
