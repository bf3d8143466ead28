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


def test_long_dates_agree_with_the_plain_pattern():
    """dates._long_dates finds what _LONG.finditer finds, "ngày" included or not."""
    import random

    from etl.extract import dates
    rnd = random.Random(7)
    atoms = ["ngày", "NGÀY", "Ngày", " ", "  ", "\n", "5", "15", "115", "tháng", "THÁNG", "năm", "2023", "1999",
             ",", "x", "(", "/", "sáng", "3/4", "SÁNG", "Hôm nay", "TỪ NGÀY", "đến ngày", "12-10", "(", "nay"]
    texts = ["ngày 14 tháng 4 năm 2023", "Ngày  06 tháng 4, năm 2023", "xngày 5 tháng 6 năm 2020",
             "ngày ngày 5 tháng 6 năm 2020", "năm 2023ngày 5 tháng 6 năm 2020", "ngày 114 tháng 4 năm 2023"]
    texts += ["".join(rnd.choice(atoms) for _ in range(rnd.randint(1, 25))) for _ in range(3000)]
    for t in texts:
        assert dates._long_dates(t) == [(m.start(), m.end(), int(m.group(1)), int(m.group(2)), int(m.group(3)))
                                        for m in dates._LONG.finditer(t)], t
        if dates._NO_YEAR.search(t):
            assert dates._DAY_MONTH.search(t), t
        assert [(m.span(), m.group(1).lower(), m.groups()[1:]) for m in dates._NO_YEAR.finditer(t)] == \
               [(m.span(), m.group(1), m.groups()[1:]) for m in dates._NO_YEAR_LOWER.finditer(t.lower())], t


def test_issuer_patterns_need_the_words_they_are_skipped_without():
    """issuers._NEEDS: every match of a body pattern contains one of its words, so a text
    without them can skip the pattern. Checked on the gold documents and on made-up names."""
    from pathlib import Path

    from etl.extract import issuers
    from etl.text import clean_text, fold
    texts = [fold(clean_text(p.read_text(encoding="utf-8"))) for p in sorted(Path("tests/gold").glob("*/*.txt"))]
    texts += ["ban thuong vu tinh uy", "thuong truc huyen uy", "ban tuyen giao tinh uy", "dang uy quan su tinh",
              "dang uy bdbp tinh", "bch bdbp tinh", "bchqs tinh", "ban chqs huyen", "dang uy cong an tinh",
              "dang uy xa", "thi uy", "dang bo tinh", "ban chi dao 35 tinh", "cong an tinh", "chu tich ubnd tinh",
              "uy ban nhan dan xa", "bao an giang", "dai ptth tinh", "hoc vien chinh tri", "hoi nong dan xa",
              "mat tran to quoc viet nam tinh", "hdnd tinh", "hoi dong nhan dan huyen", "so tt&tt", "tinh doan",
              "huyen doan", "cuc thi hanh an dan su tinh", "dang uy khoi cac co quan tinh", "bo doi bien phong tinh",
              "van phong ubnd tinh", "ban chi dao 35 tinh uy", "doan cac cap o huyen", "ban thuong vu dang uy ubnd tinh"]
    seen = set()
    for t in texts:
        sq = issuers._Squeezed(t).text
        for rule, rx, *_ in issuers._PATTERNS:
            for m in rx.finditer(sq):
                seen.add(rule)
                assert any(w in m.group(0) + " " for w in issuers._NEEDS[rule]), (rule, m.group(0))
        for m in issuers._DEPT_RX.finditer(sq):
            assert "so " in m.group(0)
    assert seen == {rule for rule, *_ in issuers._PATTERNS}


@pytest.mark.parametrize("phrases, text, expected", [
    (["tăng", "tăng cường"], "tăng cường kiểm tra", "tăng cường"),        # the longest first
    (["tp.", "tp"], "tp. Huế", "tp."),
    (["chủ trì"], "chủ  trì,", "chủ  trì"),                                # any whitespace between words
    (["a+b", "(x)"], "(x) a+b", "(x)"),                                  # written as read: no regex syntax
    (["ban chỉ đạo", "bcđ"], "ban chỉ huy", None),
])
def test_phrases_rx(phrases, text, expected):
    from etl.extract.rx import phrases_rx
    m = re.compile(phrases_rx(phrases)).match(text)
    assert (m.group() if m else None) == expected


def test_vocabulary_files_load_and_first_chars():
    from etl.extract.rx import first_chars, vocabulary
    words = vocabulary("agency_words")
    assert "ủy ban nhân dân" in words["ubnd"] and words["party_ban"]["tuyên giáo"] == "Tuyên giáo"
    assert first_chars(["văn phòng", "vp"]) == frozenset({"vă", "vp"})
    with pytest.raises(ValueError):
        first_chars(["x y"])


@pytest.mark.parametrize("phrases, text, expected", [
    (["kế hoạch và đầu tư", "kh&đt"], "Kế hoạch - Đầu tư", "Kế hoạch - Đầu tư"),
    (["kế hoạch và đầu tư", "kh&đt"], "kế hoạch đầu tư tỉnh", "kế hoạch đầu tư"),   # no joint at all
    (["kế hoạch và đầu tư", "kh&đt"], "kế hoạch, đầu tư", "kế hoạch, đầu tư"),
    (["kế hoạch và đầu tư", "kh&đt"], "KHĐT", "KHĐT"),
    (["kế hoạch và đầu tư", "kh&đt"], "KH-ĐT", "KH-ĐT"),
    (["tc-kh"], "TC, KH&ĐT", None),                                                 # a list of two
    (["vh,tt&dl"], "VH, TT&DL", "VH, TT&DL"),                                       # a comma written in it
])
def test_phrases_rx_joints(phrases, text, expected):
    from etl.extract.rx import phrases_rx
    m = re.compile(phrases_rx(phrases, joints=True) + r"(?!\w)", re.I).match(text)
    assert (m.group() if m else None) == expected
