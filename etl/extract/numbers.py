"""Document numbers ("số ký hiệu") in every form Vietnamese texts write them.

State form:  198/KH-UBND, 47/2023/QĐ-UBND, 24/2018/QH14, 17522/UBND-CNTT, 14 /CT-TTg
Party form:  29-NQ/TW, 180-KH/TU, 12-NQ/ĐUQS
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .rx import word_rx

_SEG = r"[A-ZĐ][A-ZĐƯa-zđ0-9&]*"
# digits, optional "/year", then a code that starts with an upper-case letter
_STATE = word_rx(
    rf"(?<![\w/.\-])(\d{{1,5}})\s*(?:/\s*((?:19|20)\d\d))?\s*/\s*({_SEG}(?:\s?-\s?{_SEG})*)"
)
_PARTY = word_rx(rf"(?<![\w/.\-])(\d{{1,5}})\s?-\s?([A-ZĐ][A-ZĐr]{{0,4}})\s?/\s?({_SEG})")
_KEEP_CASE = {"TTG": "TTg", "CTR": "CTr"}  # Thủ tướng, Chương trình: written with lower-case letters


@dataclass(frozen=True)
class NumberRef:
    canonical: str
    number: int
    year: int | None
    code: str       # "KH-UBND", "NQ/TW" (party form keeps its slash)
    kind_code: str  # the document-type part: KH, NQ, QĐ, CT, QH... ('' when absent)
    start: int
    end: int
    party: bool


def _canon_code(code: str) -> str:
    code = code.replace("TƯ", "TW")  # "29-NQ/TƯ": Trung ương, written with its own letter
    parts = re.split(r"\s*-\s*", code.strip())
    return "-".join(_KEEP_CASE.get(p.upper(), p.upper()) for p in parts)


def _is_plausible(code: str) -> bool:
    letters = re.sub(r"[^A-Za-zĐđ]", "", code)
    return len(letters) >= 2


def find_numbers(text: str) -> list[NumberRef]:
    """Every document number in `text`, in order, canonicalised."""
    out: list[NumberRef] = []
    taken: list[tuple[int, int]] = []
    for m in _PARTY.finditer(text):
        num, kind, body = m.group(1), _canon_code(m.group(2)), _canon_code(m.group(3))
        if not _is_plausible(kind + body):
            continue
        out.append(NumberRef(f"{num}-{kind}/{body}", int(num), None, f"{kind}/{body}", kind,
                             m.start(), m.end(), True))
        taken.append((m.start(), m.end()))
    for m in _STATE.finditer(text):
        if any(a <= m.start() < b for a, b in taken):
            continue
        num, year, code = m.group(1), m.group(2), _canon_code(m.group(3))
        if not _is_plausible(code):
            continue
        # "3/10" followed by "/2019" is a date, never a number; a lone upper-case word after
        # a slash ("1/TP") is too weak unless it is a law code (QH14) or has a hyphen
        if "-" not in code and not re.fullmatch(r"QH\d+|[A-ZĐ]{2,}\d*", code):
            continue
        if "-" not in code and not year and not code.startswith("QH"):
            continue
        canonical = f"{num}/{year}/{code}" if year else f"{num}/{code}"
        kind = code.split("-")[0] if "-" in code else re.sub(r"\d+$", "", code)
        out.append(NumberRef(canonical, int(num), int(year) if year else None, code, kind,
                             m.start(), m.end(), False))
    out.sort(key=lambda r: r.start)
    return out


def number_key(ref: NumberRef | str) -> tuple:
    """Comparable identity: leading zeros and spacing do not matter."""
    if isinstance(ref, str):
        found = find_numbers(ref)
        if not found:
            return (ref.upper(),)
        ref = found[0]
    return (ref.number, ref.year, ref.code.upper())


# Document-type code inside a number → doc_type of the document carrying it.
KIND_CODE_TYPE = {
    "KH": "plan", "CTR": "plan", "CTRHĐ": "plan", "CT": "directive", "HD": "directive",
    "BC": "report", "QĐ": "other", "NQ": "other", "TB": "other", "KL": "other",
}
