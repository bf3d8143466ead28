"""Dates as Vietnamese texts write them, with or without the year."""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from .rx import word_rx

_D = r"(\d{1,2})"
_M = r"(\d{1,2})"
_Y = r"((?:19|20)\d\d)"

# "ngày 14 tháng 4 năm 2023", "14 tháng 4 năm 2023", "ngày 06 tháng 4, năm 2023"
_LONG = re.compile(rf"(?:ngày\s+)?{_D}\s+tháng\s+{_M}\s*,?\s+năm\s+{_Y}", re.I)
# _LONG without its optional "ngày": it starts with a digit, which `re` can skip ahead to
# (a case-blind pattern opening with an optional word is tried at every position).
# _long_dates puts the "ngày" back where _LONG would have taken it.
_LONG_DIGITS = re.compile(rf"{_D}\s+tháng\s+{_M}\s*,?\s+năm\s+{_Y}", re.I)
# "14/4/2023", "26-2-2014", "14.4.2023"
_NUMERIC = word_rx(rf"(?<![\d/.\-]){_D}\s?([/.\-])\s?{_M}\s?\2\s?{_Y}(?![\d/])")
# "Sáng 25/8", "Ngày 3/10", "chiều 26-2" (no year): must follow a time-of-day word or "ngày"
# what every _NO_YEAR match ends with: when a text has none, _NO_YEAR need not be run
_DAY_MONTH = re.compile(rf"{_D}\s?([/\-])\s?{_M}(?![\d/\-])(?!\s?[/\-]\s?\d)")
_NO_YEAR_RX = (rf"(?<!\w)(sáng|trưa|chiều|tối|đêm|ngày|hôm nay|hôm|từ ngày|đến ngày)\s+(?:nay\s+)?(?:\(|\s)*"
               rf"{_D}\s?([/\-])\s?{_M}(?![\d/\-])(?!\s?[/\-]\s?\d)")
_NO_YEAR = re.compile(_NO_YEAR_RX, re.I)
# The same on lower-cased text: case-blind, `re` has no first letter to skip ahead to and
# tries every position; on lower case the lead words give it one (5× faster).
_NO_YEAR_LOWER = word_rx(_NO_YEAR_RX)


@dataclass(frozen=True)
class DateMatch:
    value: date | None    # None when the year is missing
    day: int
    month: int
    year: int | None
    start: int
    end: int
    text: str
    lead_word: str = ""   # "sáng", "ngày", … for dates without a year


def _mk(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _long_dates(text: str) -> list[tuple[int, int, int, int, int]]:
    """(start, end, day, month, year) of each _LONG match, as `_LONG.finditer` gives them."""
    out = []
    last_end = 0
    for m in _LONG_DIGITS.finditer(text):
        start = j = m.start()
        while j > 0 and text[j - 1].isspace():  # \s is str.isspace in `re`
            j -= 1
        if j < start and j - 4 >= last_end and text[j - 4:j].lower() == "ngày":
            start = j - 4
        out.append((start, m.end(), int(m.group(1)), int(m.group(2)), int(m.group(3))))
        last_end = m.end()
    return out


def find_dates(text: str) -> list[DateMatch]:
    """All dates in `text` in order; dates without a year have value None."""
    out: list[DateMatch] = []
    spans: list[tuple[int, int]] = []
    found = _long_dates(text) + [(m.start(), m.end(), int(m.group(1)), int(m.group(3)), int(m.group(4)))
                                 for m in _NUMERIC.finditer(text)]
    for start, end, d, mo, y in found:
        v = _mk(y, mo, d)
        if v is None:
            continue
        if any(a <= start < b for a, b in spans):
            continue
        out.append(DateMatch(v, d, mo, y, start, end, text[start:end]))
        spans.append((start, end))
    no_year: Iterable[re.Match] = ()
    if _DAY_MONTH.search(text):
        low = text.lower()
        no_year = _NO_YEAR_LOWER.finditer(low) if len(low) == len(text) else _NO_YEAR.finditer(text)
    for m in no_year:
        if any(a <= m.start(2) < b or a <= m.start() < b for a, b in spans):
            continue
        d, mo = int(m.group(2)), int(m.group(4))
        if _mk(2000, mo, d) is None:
            continue
        out.append(DateMatch(None, d, mo, None, m.start(), m.end(), text[m.start():m.end()],
                             lead_word=m.group(1).lower()))
    out.sort(key=lambda x: x.start)
    return out


def complete_year(day: int, month: int, reference: date) -> date | None:
    """A day-month without year, placed at or before `reference` (an article reports
    what already happened: 'Ngày 3/10' in an article of 11/10/2019 is 3/10/2019;
    'Ngày 28/12' in an article of 2/1/2020 is 28/12/2019)."""
    v = _mk(reference.year, month, day)
    if v is None:
        return None
    if v > reference and (v - reference).days > 7:
        v = _mk(reference.year - 1, month, day)
    return v


# "sơ kết 5 năm thực hiện", "tổng kết 10 năm", "Trong 5 năm qua (2018-2023)"
_SPAN = re.compile(r"\(\s*((?:19|20)\d\d)\s*[-–]\s*((?:19|20)\d\d)\s*\)")


def explicit_span_end(text: str) -> int | None:
    m = _SPAN.search(text)
    return int(m.group(2)) if m else None
