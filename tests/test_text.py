"""etl.text: sentence splitting and accent folding, checked against the straightforward
versions they replaced (kept below as references) on the seed documents and random text."""
from __future__ import annotations

import random
import re
import unicodedata
from pathlib import Path

import pytest

from etl.text import _FOLD, clean_text, fold, nfc, sentences

RAW = Path(__file__).resolve().parents[1] / "data" / "raw"

_ABBREV_END = re.compile(r"(?:\b(?:TP|Tp|tp|TX|Tx|ThS|TS|PGS|GS|Th|St|v\.v|ĐT|Đ/c|đ/c|Q|P|H|X)\.)$")


def sentences_reference(text: str) -> list[tuple[str, int, int]]:
    """The character-by-character splitter etl.text.sentences must agree with."""
    out = []
    pos = 0
    for line_no, line in enumerate(text.split("\n")):
        start = 0
        for i, ch in enumerate(line):
            if ch not in ".!?;":
                continue
            nxt = line[i + 1] if i + 1 < len(line) else " "
            end_here = nxt in " \"”’)" and not (ch == "." and _ABBREV_END.search(line[:i + 1]))
            if ch == "." and line[i + 1:i + 3] == "..":
                end_here = False
            if end_here and i + 1 < len(line):
                rest = line[i + 1:].lstrip()
                if rest and rest[0].islower() and ch == ".":
                    end_here = False
            if end_here:
                seg = line[start:i + 1].strip()
                if seg:
                    out.append((seg, pos + start + len(line[start:]) - len(line[start:].lstrip()), line_no))
                start = i + 1
        seg = line[start:].strip()
        if seg:
            out.append((seg, pos + start + len(line[start:]) - len(line[start:].lstrip()), line_no))
        pos += len(line) + 1
    return out


def clean_text_reference(s: str) -> str:
    s = nfc(s).replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    s = re.sub(r"((?:^|\n)[ \t]*(?:Số|SỐ|số)[ \t]*:?)[ \t]+(\d+[ \t]*/)", lambda m: m.group(1) + " " + m.group(2), s)
    s = re.sub(r"(?<=\S)(?:[ \u00a0]{3,}|\t+)(?=\S)", "\n", s)
    lines = [re.sub(r"[ \t\u00a0\u2009\u200b]+", " ", ln).strip() for ln in s.split("\n")]
    return "\n".join(lines).strip("\n")


def fold_reference(s: str) -> str:
    return nfc(s).translate(_FOLD).lower()


def split(text: str) -> list[tuple[str, int, int]]:
    return [(s.text, s.start, s.line_no) for s in sentences(text)]


def test_sentences_examples():
    assert [s.text for s in sentences("Họp tại TP. Huế ngày 25.7. Đồng thời báo cáo; xong!")] == [
        "Họp tại TP. Huế ngày 25.7.", "Đồng thời báo cáo;", "xong!"]
    assert [s.text for s in sentences("Các nội dung v.v. và khác. thường\nDòng hai")] == [
        "Các nội dung v.v. và khác. thường", "Dòng hai"]
    got = sentences("  Một.  Hai \n\n Ba… “Bốn.” (Năm.) Sáu...")
    # a closing quote or bracket after the mark starts the next sentence (as it always did)
    assert [(s.text, s.start, s.line_no) for s in got] == [
        ("Một.", 2, 0), ("Hai", 8, 0), ("Ba… “Bốn.", 15, 2), ("” (Năm.", 24, 2), (") Sáu...", 31, 2)]


def test_sentences_match_reference_on_seeds():
    for f in sorted(RAW.glob("*.txt")):
        raw = f.read_text(encoding="utf-8")
        for text in (raw, clean_text(raw)):
            assert split(text) == sentences_reference(text), f.name


PIECES = (list("aAbé. ;!?\"”’)(\t\u00a0\u2028\x1c\n/Đđ09xXQHPTcSshv")
          + ["TP.", "Tp.", "v.v.", "ThS.", "Đ/c.", "đ/c.", "...", ". a", ". A", "xTP.", "\u3000", "25.7", "ĐT.", "  "])


@pytest.mark.parametrize("seed", range(4))
def test_sentences_match_reference_on_random_text(seed):
    rnd = random.Random(seed)
    for _ in range(5000):
        text = "".join(rnd.choice(PIECES) for _ in range(rnd.randint(0, 30)))
        assert split(text) == sentences_reference(text), text


def test_fold_examples():
    assert fold("Kế hoạch Đảng ủy") == "ke hoach dang uy"
    assert fold("ABC def") == "abc def"
    assert fold("Hoa\u0300") == "hoa"  # composed first
    assert fold("İ") == "i̇" and fold("Å") == "a" and fold("😀Ω") == "😀ω"


def test_fold_matches_reference_on_every_character():
    chars = [chr(cp) for cp in range(0x110000) if unicodedata.category(chr(cp)) != "Cs"]
    text = "".join(chars)
    assert fold(text) == fold_reference(text)
    for c in chars[:0x10000]:
        for s in (c, "x" + c + "\u0301"):
            assert fold(s) == fold_reference(s), hex(ord(c))


def test_clean_text_examples():
    assert clean_text("UBND TỈNH X      CỘNG HÒA\r\nSố:   156  /KH-UBND\t\tngày  1 ") == (
        "UBND TỈNH X\nCỘNG HÒA\nSố: 156 /KH-UBND\nngày 1")
    assert clean_text("  a \u00a0\u2009 b\x00\n\n\t") == "a b"


@pytest.mark.parametrize("seed", range(3))
def test_clean_text_matches_reference(seed):
    pieces = list("   \t\t\u00a0\u2009\u200b\n\r\x00\x0babcAB5/:.") + ["Số", "SỐ", "số", "12", " /", "\r\n", "\u3000"]
    rnd = random.Random(seed)
    for _ in range(20000):
        text = "".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 16)))
        assert clean_text(text) == clean_text_reference(text), repr(text)
    for f in sorted(RAW.glob("*.txt")):
        raw = f.read_text(encoding="utf-8")
        assert clean_text(raw) == clean_text_reference(raw)


# ---------------------------------------------------------------- words for the search
@pytest.mark.parametrize("text, expected", [
    ("ke hoach so 198/kh-ubnd, ke hoach", ["198", "hoach", "ke", "kh", "so", "ubnd"]),
    ("trien khai bao ve", ["bao", "khai", "trien", "ve"]),
    ("a_b (c) 25.7", ["25", "7", "a", "b", "c"]),
    ("", []),
])
def test_words_are_the_distinct_words_sorted(text, expected):
    from etl.text import words
    assert words(text) == expected


@pytest.mark.parametrize("field, expected", [
    ("Số: 198/KH-UBND", " so 198 kh ubnd "),
    ("UBND quận Hai Bà Trưng", " ubnd quan hai ba trung "),
    ("  Đảng ủy – “Tỉnh”  ", " dang uy tinh "),
    (None, "  "),
    ("", "  "),
])
def test_spaced_fields_find_a_phrase_whole(field, expected):
    from etl.text import spaced
    assert spaced(field) == expected
