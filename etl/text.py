"""Text helpers shared by every extractor: NFC, accent folding, lines and sentences."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from .extract.rx import word_rx

# Inner spaces: each run of [ \t\u00a0\u2009\u200b] becomes one space. _WS matches only the
# runs that this changes (all but a lone space), and starts with a character class so that
# the regex engine jumps from space to space; `[…]+` would make it try every position.
_WS = re.compile(r"[ \t\u00a0\u2009\u200b](?:[ \t\u00a0\u2009\u200b]+|(?<! ))")


def nfc(s: str) -> str:
    return unicodedata.normalize("NFC", s)


def _fold_table() -> dict[int, str]:
    table = {}
    for cp in list(range(0xC0, 0x250)) + list(range(0x1E00, 0x1F00)):
        ch = chr(cp)
        base = unicodedata.normalize("NFD", ch)[0].lower()
        if len(ch.lower()) == 1 and base.isascii():
            table[cp] = base
    table[ord("đ")] = table[ord("Đ")] = "d"
    # "Đăk R’lấp" and "Đắk R'Lấp" are one name: typographic apostrophes fold to the plain one
    table[ord("’")] = table[ord("‘")] = table[ord("ʼ")] = "'"
    return table


_FOLD = _fold_table()
# The same table as one string indexed by code point: str.translate looks a string up
# about twice as fast as a dict. Characters past its end are left alone, as by the dict.
_FOLD_STR = "".join(map(chr, range(0x10000))).translate(_FOLD)


# A word of folded text: letters and digits ("964/qd-ttg" is three words, as "hai ba trung")
_WORD = re.compile(r"[^\W_]+")


def words(folded: str) -> list[str]:
    """The distinct words of a folded text, sorted: what the search looks a whole word up in
    ("ba" must not find "bao", "hai" not "trien khai")."""
    return sorted(set(_WORD.findall(folded)))


def spaced(s: str | None) -> str:
    """A short field folded, its words between single spaces and a space at each end:
    'Số 198/KH-UBND' -> ' so 198 kh ubnd '. A phrase or a word is then found whole by a
    plain substring test, whatever punctuation stood between the words."""
    return " " + " ".join(_WORD.findall(fold(s or ""))) + " "


def fold(s: str) -> str:
    """Lower-case, accents removed, đ→d: 'Kế hoạch Đảng' -> 'ke hoach dang'.

    Keeps string length for NFC input (each letter folds to one letter), so offsets found
    in the folded text point into the original."""
    if s.isascii():  # nothing to compose or fold
        return s.lower()
    return nfc(s).translate(_FOLD_STR).lower()


# "\n" or the start of the text, then the field: run on "\n" + text, so that the regex
# starts with a literal the engine can jump to (`(?:^|\n)` makes it try every position)
_FIELD_GAP = re.compile(r"(\n[ \t]*(?:Số|SỐ|số)[ \t]*:?)[ \t]+(\d+[ \t]*/)")
# A column gap is (?<=\S)(?:[ \u00a0]{3,}|\t+)(?=\S). _GAP finds the same runs,
# written to start with a character class so that the regex engine jumps from space to
# space instead of trying every position; _column_break checks both sides.
_GAP = re.compile(r"[ \u00a0\t](?:(?<=\t)\t*|(?<!\t)[ \u00a0]{2,})")


def _column_break(m: re.Match) -> str:
    s, a, b = m.string, m.start(), m.end()
    if a and b < len(s) and not s[a - 1].isspace() and not s[b].isspace():
        return "\n"
    return m.group()


def clean_text(s: str) -> str:
    """NFC, unified newlines, no NUL, collapsed inner spaces, trimmed lines.

    A wide gap inside a line is a column break: text taken from a PDF puts the two header
    columns side by side ("UBND TỈNH X      CỘNG HÒA XÃ HỘI …"); they become two lines, as
    a Word table gives them."""
    s = nfc(s).replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    # a filled-in form keeps wide gaps inside one field ("Số:   156  /KH-UBND"): not a column
    s = _FIELD_GAP.sub(lambda m: m.group(1) + " " + m.group(2), "\n" + s)[1:]
    s = _GAP.sub(_column_break, s)
    # _WS never spans a line break, so one pass over the text does every line
    lines = [ln.strip() for ln in _WS.sub(" ", s).split("\n")]
    return "\n".join(lines).strip("\n")


@dataclass(frozen=True)
class Sentence:
    text: str
    start: int  # offset in the document text
    line_no: int


# A sentence ends at . ; ! ? or a line break; not inside numbers (25.7), abbreviations
# like "TP." / "Tp." / "v.v." or a document number.
_ABBREV_END = re.compile(r"(?:\b(?:TP|Tp|tp|TX|Tx|ThS|TS|PGS|GS|Th|St|v\.v|ĐT|Đ/c|đ/c|Q|P|H|X)\.)$")
_ABBREV_LEN = 4  # longest abbreviation above, dot included ("v.v.", "ThS.")
# a possible end: the mark, then a space, a closing quote or bracket, or the end of the line
_END_MARK = re.compile(r"[.!?;](?=[ \"”’)]|$)")
_NEXT_CHAR = re.compile(r"\s*(\S)")


def sentences(text: str) -> list[Sentence]:
    """Split into sentences with their offsets. Line breaks always end a sentence:
    administrative text puts each heading, item and header field on its own line."""
    out: list[Sentence] = []
    pos = 0
    for line_no, line in enumerate(text.split("\n")):
        start = 0
        for m in _END_MARK.finditer(line):
            i = m.start()
            if line[i] == ".":
                # the abbreviation must end at this dot, so only its last few characters
                # matter; \b still sees the character before the window
                if _ABBREV_END.search(line, max(0, i + 1 - _ABBREV_LEN), i + 1):
                    continue
                # "… năm 2023. Đồng thời" ends; ". và" goes on ("ngày 25.7" never got here)
                nxt = _NEXT_CHAR.match(line, i + 1)
                if nxt and nxt.group(1).islower():
                    continue
            seg = line[start:i + 1]
            text_ = seg.strip()
            if text_:
                out.append(Sentence(text_, pos + start + len(seg) - len(seg.lstrip()), line_no))
            start = i + 1
        seg = line[start:] if start else line
        text_ = seg.strip()
        if text_:
            out.append(Sentence(text_, pos + start + len(seg) - len(seg.lstrip()), line_no))
        pos += len(line) + 1
    return out


def shorten(s: str, limit: int = 400) -> str:
    s = s.strip()
    return s if len(s) <= limit else s[: limit - 1].rstrip() + "…"


# Old and new tone placement ("Hoá"/"Hóa", "uỷ"/"ủy") are both common. For matching we move
# the mark to the first vowel of a final "oa"/"oe"/"uy" (the form the reference uses); this
# keeps string length, so offsets stay valid. "quý" is left alone: there "u" is part of "qu".
_TONE_MOVES = {
    "oà": "òa", "oá": "óa", "oả": "ỏa", "oã": "õa", "oạ": "ọa",
    "oè": "òe", "oé": "óe", "oẻ": "ỏe", "oẽ": "õe", "oẹ": "ọe",
    "uỳ": "ùy", "uý": "úy", "uỷ": "ủy", "uỹ": "ũy", "uỵ": "ụy",
}
_TONE_RX = word_rx(  # the look-behind moved by word_rx: a scan for o/u instead of every position
    r"(?<![qQ])(" + "|".join(list(_TONE_MOVES) + [k.upper() for k in _TONE_MOVES]
                            + [k[0].upper() + k[1] for k in _TONE_MOVES]) + r")(?!\w)")


def tone_normalise(s: str) -> str:
    def repl(m: re.Match) -> str:
        src = m.group(1)
        dst = _TONE_MOVES[src.lower()]
        return "".join(d.upper() if c.isupper() else d for c, d in zip(src, dst))
    return _TONE_RX.sub(repl, nfc(s))
