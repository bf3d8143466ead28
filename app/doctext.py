"""One document's text as the reader sees it: cleaned of the web page around it (or raw),
with the sentences behind its extracted fields marked, each with the field it supports, and
the searched words marked. Pure: text in, escaped HTML out."""
from __future__ import annotations

import html
import re
from dataclasses import dataclass

from app.search import Terms, folded_twin, term_spans
from etl.extract.furniture import mask_with_folded
from etl.text import fold

# The highlight groups, in the order offered; the first five are marked unless the reader
# chooses otherwise (the task groups mark much of a plan: they wait to be asked for).
FIELDS = ("number", "date", "issuer", "province", "implements", "deadlines", "coverage",
          "cites")
DEFAULT_FIELDS = ("number", "date", "issuer", "province", "implements")
# Background of each group's marks (light, readable under dark text); the searched words are
# bold and underlined on top of whichever mark they are in.
COLOURS = {"number": "#ffcf99", "date": "#bfe3ff", "issuer": "#c6efc0", "province": "#f9cde3",
           "implements": "#ddd0ff", "deadlines": "#e6d5bd", "coverage": "#d4ecec",
           "cites": "#d8e4ec"}
SEARCH_COLOUR = "#fff06a"


@dataclass(frozen=True)
class Evidence:
    """A sentence that supports a field: `tag` names the field in the margin of the mark
    ("Số hiệu"), `label` says what it supports, on hover ("Số hiệu: 198/KH-UBND")."""
    field: str
    tag: str
    label: str
    sentence: str


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    field: str
    tag: str
    label: str


# ---------------------------------------------------------------- cleaned text
_BLANK_RUN = re.compile(r"\n{3,}")


def cleaned(text: str) -> str:
    """The text without the web page around the article (menus, view counters, comment
    forms, lists of other articles: etl.extract.furniture), the lines it leaves empty
    dropped, no more than one empty line in a row."""
    masked, _ = mask_with_folded(text, fold(text))
    kept = [m for t, m in zip(text.split("\n"), masked.split("\n")) if m.strip() or not t.strip()]
    return _BLANK_RUN.sub("\n\n", "\n".join(kept)).strip("\n")


# ---------------------------------------------------------------- finding the evidence
def locate(text: str, sentence: str, folded: str | None = None) -> tuple[int, int] | None:
    """Where `sentence` stands in `text`: as written; else with other spaces or line breaks
    between its words (a task's evidence joins its heading and first sentence); else with
    other accents or capitals (a sentence cut short ends in "…"). None when it is not there
    (a hand correction's note, or text the cleaned view left out)."""
    s = (sentence or "").strip().removesuffix("…").strip()
    if not s:
        return None
    i = text.find(s)
    if i >= 0:
        return i, i + len(s)
    words = s.split()
    m = re.search(r"\s+".join(map(re.escape, words)), text)
    if m:
        return m.span()
    folded = folded_twin(text) if folded is None else folded
    m = re.search(r"\s+".join(re.escape(fold(w)) for w in words), folded)
    return m.span() if m else None


def evidence_marks(text: str, evidence: list[Evidence]) -> tuple[list[Mark], list[Evidence]]:
    """The marks of the evidence found in `text` and the evidence that was not found. One
    sentence behind several fields gives one mark per field, on the same letters."""
    folded = None
    marks, missing = [], []
    seen = {}
    for ev in evidence:
        key = ev.sentence
        if key not in seen:
            span = locate(text, ev.sentence, folded)
            if span is None and folded is None:  # fold once, only when needed
                folded = folded_twin(text)
                span = locate(text, ev.sentence, folded)
            seen[key] = span
        span = seen[key]
        if span is None:
            missing.append(ev)
        else:
            marks.append(Mark(span[0], span[1], ev.field, ev.tag, ev.label))
    return marks, missing


# ---------------------------------------------------------------- drawing
def _attr(s: str) -> str:
    return html.escape(s, quote=True)


def marked_html(text: str, marks: list[Mark], found: Terms | None = None,
                search_label: str = "") -> str:
    """The whole text as escaped HTML: each stretch inside one or more marks in a <mark>
    coloured by the narrowest of them, whose title names every field it supports; after
    the end of each mark, a small tag naming its field; the searched words bold and
    underlined (yellow where no field is marked). Overlapping marks split into stretches,
    never nest."""
    hits = term_spans(text, found) if found else []
    cuts = {0, len(text)}
    for m in marks:
        cuts.update((m.start, m.end))
    for a, b in hits:
        cuts.update((a, b))
    cuts = sorted(c for c in cuts if 0 <= c <= len(text))
    ends: dict[int, list[Mark]] = {}
    for m in marks:
        ends.setdefault(m.end, []).append(m)
    out = []
    hit_i = 0
    for a, b in zip(cuts, cuts[1:]):
        while hit_i < len(hits) and hits[hit_i][1] <= a:
            hit_i += 1
        hit = hit_i < len(hits) and hits[hit_i][0] <= a and b <= hits[hit_i][1]
        over = [m for m in marks if m.start <= a and b <= m.end]
        piece = html.escape(text[a:b])
        if over or hit:
            narrow = min(over, key=lambda m: (m.end - m.start, FIELDS.index(m.field)
                                              if m.field in FIELDS else 99), default=None)
            labels = list(dict.fromkeys(m.label for m in over))
            if hit and search_label:
                labels.append(search_label)
            cls = ["m"] + ([f"f-{narrow.field}"] if narrow else []) + (["hit"] if hit else [])
            field = f' data-f="{_attr(narrow.field)}"' if narrow else ""
            piece = (f'<mark class="{" ".join(cls)}"{field} title="{_attr("; ".join(labels))}">'
                     f"{piece}</mark>")
        out.append(piece)
        tags = list(dict.fromkeys((m.field, m.tag) for m in ends.get(b, [])))
        out.extend(f'<sup class="tag f-{_attr(f)}">{html.escape(t)}</sup>' for f, t in tags)
    return "".join(out)


def styles() -> str:
    """The marks' CSS: one background per field, the searched words on top."""
    rules = [f".doc-text mark.f-{f}, .doc-text sup.f-{f} {{background: {c}}}"
             for f, c in COLOURS.items()]
    return ("<style>.doc-text {white-space: pre-wrap; font-size: 0.95rem; line-height: 1.6; "
            "max-height: 640px; overflow-y: auto; padding: 0.75rem 1rem; "
            "border: 1px solid #ddd; border-radius: 0.5rem; background: #fafafa; "
            "overflow-wrap: anywhere} "
            ".doc-text mark.m {color: inherit; background: transparent; padding: 0 1px; "
            "border-radius: 2px} "
            ".doc-text sup.tag {font-size: 0.68rem; line-height: 1; padding: 0 3px; "
            "margin: 0 2px; border-radius: 3px; color: #333; white-space: nowrap; "
            "border: 1px solid rgba(0,0,0,0.15)} "
            + " ".join(rules)
            + f" .doc-text mark.hit {{font-weight: 700; text-decoration: underline "
              f"2px #c62828}} .doc-text mark.hit:not([data-f]) {{background: {SEARCH_COLOUR}}}"
            " .doc-legend {display: flex; flex-wrap: wrap; gap: 0.35rem 0.9rem; "
            "font-size: 0.85rem; margin: 0.25rem 0 0.5rem} "
            ".doc-legend .sw {display: inline-block; width: 0.9rem; height: 0.9rem; "
            "border-radius: 3px; vertical-align: -0.12rem; margin-right: 0.3rem; "
            "border: 1px solid rgba(0,0,0,0.15)}</style>")


def legend_html(items: list[tuple[str, str, int]]) -> str:
    """One swatch per highlighted group: (field or "search", its name, how many marks)."""
    spans = []
    for field, name, n in items:
        colour = SEARCH_COLOUR if field == "search" else COLOURS.get(field, "#eee")
        spans.append(f'<span><span class="sw" style="background: {colour}"></span>'
                     f"{html.escape(name)} ({n})</span>")
    return '<div class="doc-legend">' + "".join(spans) + "</div>"
