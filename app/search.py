"""What a search asks for, why a document matched it, and where its words stand in a text.

A search is folded as the stored text is (accents off, đ→d, lower case: etl.text.fold). Its
words are whole words ("ba" is not "bao", "hai" not "khai"), the words etl.text.words finds
in a document. Several words are a phrase first, then all the words anywhere; the phrase is
the search as typed, folded ("964/QĐ-TTg" is one piece of it, kept with its punctuation).
The documents are ranked in SQL (app.queries); this module gives the SQL its values and the
page its words.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from etl.text import fold

_WORD = re.compile(r"[^\W_]+")  # as etl.text.words
# A piece of the search between spaces, without the punctuation around it ("(hai," → "hai")
# but with the punctuation inside it ("964/qd-ttg").
_PIECE = re.compile(r"[^\W_]+(?:[^\s\w]+[^\W_]+)*")
# Around a phrase or a number in DuckDB's patterns (RE2): not a letter or digit of folded
# text, which is ASCII. Not \pL\pN: RE2 builds its Unicode tables at every compile, and a
# pattern is compiled for every query (+30 ms each at 10,000 documents).
_EDGE_BEFORE, _EDGE_AFTER = "(?:^|[^0-9a-z])", "(?:[^0-9a-z]|$)"

# How a document matched, best first; and where, best first.
MATCHES = ("phrase", "words")
PLACES = ("number", "title", "issuer", "text")


@dataclass(frozen=True)
class Terms:
    """A search, folded: `pieces` as typed between spaces, `parts` its distinct words."""
    pieces: tuple[str, ...]

    @property
    def parts(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(w for p in self.pieces for w in _WORD.findall(p)))

    @property
    def numbers(self) -> tuple[str, ...]:
        """The pieces with punctuation inside ("198/kh-ubnd"): a document number is one
        thing, found only as written, never as its words apart."""
        return tuple(dict.fromkeys(p for p in self.pieces if _WORD.fullmatch(p) is None))

    @property
    def numbers_pattern(self) -> str:
        """Any of the numbers, not inside a longer one, as one RE2 pattern for DuckDB (one
        pattern: DuckDB compiles a bound pattern once, a pattern per row each time)."""
        if not self.numbers:
            return ""
        either = "|".join(re.escape(n) for n in self.numbers)
        return f"{_EDGE_BEFORE}(?:{either}){_EDGE_AFTER}"

    @property
    def phrase(self) -> str:
        """The search as the folded text would hold it: one space between the pieces."""
        return " ".join(self.pieces)

    @property
    def phrase_pattern(self) -> str:
        """The phrase, not inside a longer word, as an RE2 pattern for DuckDB."""
        if not self.pieces:
            return ""
        body = " ".join(re.escape(p) for p in self.pieces)
        return f"{_EDGE_BEFORE}{body}{_EDGE_AFTER}"

    def __bool__(self) -> bool:
        return bool(self.pieces)


def terms(query: str | None) -> Terms:
    """'Hai Bà Trưng' -> pieces ('hai', 'ba', 'trung'); '964/QĐ-TTg,' -> ('964/qd-ttg',),
    whose parts are ('964', 'qd', 'ttg')."""
    return Terms(tuple(_PIECE.findall(fold(query or ""))))


def why_key(match, place, n_pieces: int) -> str | None:
    """The catalogue key that says why a document matched ("why.phrase_title"): a search of
    one piece that is found whole is a word, not a phrase. None without a search."""
    if match not in MATCHES or place not in PLACES:
        return None
    kind = "word" if match == "phrase" and n_pieces == 1 else match
    return f"why.{kind}_{place}"


def folded_twin(text: str) -> str:
    """`fold(text)` with the same length as `text`, so that offsets carry over. fold keeps
    the length of NFC text; a letter whose lower case is longer ('İ') is folded alone."""
    folded = fold(text)
    if len(folded) == len(text):
        return folded
    return "".join(f if len(f := fold(ch)) == 1 else ch for ch in text)


def term_spans(text: str, found: Terms) -> list[tuple[int, int]]:
    """Where each searched word stands in `text`, whole, with or without its accents:
    (start, end) offsets into `text`, in order, not overlapping."""
    if not found:
        return []
    plain = [w for p in found.pieces if p not in found.numbers for w in _WORD.findall(p)]
    words = sorted(set(plain) | set(found.numbers), key=len, reverse=True)
    rx = re.compile(r"(?<![^\W_])(?:" + "|".join(map(re.escape, words)) + r")(?![^\W_])")
    return [m.span() for m in rx.finditer(folded_twin(text))]
