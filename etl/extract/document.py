"""One document's text → its metadata, references, tasks and coverage, each with evidence."""
from __future__ import annotations

import bisect
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from .. import settings
from ..reference import Reference, read_csv
from ..text import Sentence, fold, sentences, shorten, tone_normalise
from .dates import DateMatch, complete_year, explicit_span_end, find_dates
from .furniture import mask_with_folded
from .instruments import (InstrumentLink, find_refs, infer_from_bases, mark_action_programmes, mark_implements,
                          is_central_form, preamble_spans, purpose_spans)
from .issuers import IssuerHit, find_issuers
from .numbers import KIND_CODE_TYPE, NumberRef, find_numbers
from .places import matcher_for, provinces_in_domains
from .sites import SiteHit, address_words, site_owner, site_province


@dataclass
class Value:
    value: object
    evidence: str
    rule: str
    inferred: bool = False
    corrected: bool = False


@dataclass
class Extraction:
    fields: dict[str, Value] = field(default_factory=dict)
    instruments: list[InstrumentLink] = field(default_factory=list)
    # kind, message (English), message (Vietnamese)[, evidence]
    warnings: list[tuple] = field(default_factory=list)
    tasks: list = field(default_factory=list)
    coverage: list = field(default_factory=list)
    deadlines: list = field(default_factory=list)

    def get(self, name: str):
        v = self.fields.get(name)
        return v.value if v else None


_TYPE_TITLES = {
    "ke hoach": "plan", "ke hoach hanh dong": "plan", "chuong trinh": "plan", "chuong trinh hanh dong": "plan",
    "chi thi": "directive", "huong dan": "directive", "cong van": "directive", "cong dien": "directive",
    "bao cao": "report", "bao cao so ket": "report", "bao cao tong ket": "report",
    "quyet dinh": "other", "nghi quyet": "other", "thong bao": "other", "ket luan": "other",
    "to trinh": "other", "de an": "plan", "quy che": "other",
}
_TITLE_LINE = re.compile(r"^(" + "|".join(sorted(_TYPE_TITLES, key=len, reverse=True)) + r")\b(.{0,160})$")
# "Số: 61/KH-UBND" opens a header line (column gaps are line breaks by now, see clean_text)
# a table cell may put the number on the next line ("Số:\n72/2023/QĐ-UBND")
_SO_HEADER = re.compile(r"^[ \t]*(?:Số|SỐ|số)[ \t]*(?::[ \t]*\n?)?[ \t]*(?=\d)", re.M)
_PLACE_DATE = re.compile(r"^\s*([^\n,]{2,40}?),\s*(?:ngày\s+\d|\d{1,2}\s+tháng)", re.I | re.M)
_ISSUE_VERB = re.compile(r"^\s*(?:\(\w+\)\s*)?(?:da\s+|vua\s+|moi\s+)?(?:chinh thuc\s+)?(ban hanh|ky ban hanh|phe duyet|xay dung)\b")
_EVENT_VERB = re.compile(
    r"\b(to chuc|khai mac|dien ra|hop|nhom hop)\b.{0,40}?\b(hoi nghi|hoi thao|le |buoi|dien tap|toa dam|hoi thi|cuoc thi|phien hop|tap huan)"
    r"|\b(hoi nghi|hoi thao|dien tap|toa dam|tap huan)\b"
    # the reported instrument's day: "Ngày 27/3/2024, UBND huyện … có văn bản chỉ đạo …"
    r"|\b(?:da |vua )?(?:ban hanh|co van ban|co cong van|ky ban hanh)\b")
_SKIP_AFTER_ISSUER = re.compile(r"^\s*(?:\([^)]{0,60}\)\s*|phoi hop (?:(?:voi|cung) )?[^.;]{0,140}?(?=\s(?:to chuc|trien khai|ban hanh)\b))")


def _lead_verbs() -> dict[str, list[str]]:
    """data/reference/lead_verbs.csv, folded, by role (acts, issues, reports)."""
    out: dict[str, list[str]] = defaultdict(list)
    for row in read_csv(settings.REFERENCE_DIR / "lead_verbs.csv"):
        out[row["role"]].append(fold(row["phrase"]))
    return out


def _alt(phrases) -> str:
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in sorted(set(phrases), key=len, reverse=True))


_VERBS = _lead_verbs()
_MODAL = r"(?:\(\w+\)\s*)?(?:(?:da|vua|moi|cung|deu|chinh thuc|tiep tuc|chu dong|tich cuc|thuong xuyen)\s+)*"
# the body opening a news lead, then what it does: "Tỉnh đoàn (đã) tổ chức …", "UBND huyện có văn bản …"
_ORG_VERB = re.compile(r"^\s*" + _MODAL + r"(" + _alt(_VERBS["acts"] + _VERBS["issues"]) + r")\b")
_REPORT_VERB = re.compile(r"^\s*" + _MODAL + r"(" + _alt(_VERBS["reports"]) + r")\b")
# "được Sở TT-TT tổ chức", "do Ban Tuyên giáo chủ trì"
_PASSIVE_BEFORE = re.compile(r"\b(?:duoc|do)\s+$")
# "Ban Thường vụ Tỉnh ủy, UBND tỉnh cùng 129 xã, phường đều đã lập …": the first of the subjects
_CO_SUBJECTS = re.compile(r"^(?:\s*(?:,|\bva\b|\bcung\b)[^.;]{1,80}?)\s+deu\b")
_BY_ORG = re.compile(r"\bdo\s+$")
_NEWS_ISSUE_KINDS = (r"(ke hoach(?: hanh dong)?|chi thi|quyet dinh|cong van|huong dan|chuong trinh(?: hanh dong)?|bao cao"
                     r"|nghi quyet|de an|thong bao|ket luan)")
_ISSUED_NUMBER = re.compile(_NEWS_ISSUE_KINDS + r"\s*(?:so\s*:?\s*)?$")
_CENTRAL_CODE = re.compile(r"(/TW$|-TTg|NĐ-CP|NQ-CP|/QH\d+|QĐ-BTTTT|-BCA|-BQP)")
_VV_LINE = re.compile(r"^\s*v/v\b[^\n]*", re.M)
# "Báo Cà Mau điện tử", "Cổng Thông tin điện tử tỉnh Quảng Nam": the site, not the headline
_SITE_NAME = re.compile(r"^(?:(?:bao|cong thong tin|cong giao tiep|trang thong tin|trang tin)\b[^.:]{0,40}?\bdien tu\b"
                        r"|website\b|cong thong tin\b)")
_DOMAIN_LINE = re.compile(r"^\(?[\w.-]+\.(?:vn|com|net|org)\)?$", re.I)
_WEEKDAY = r"(?:thu (?:hai|ba|tu|nam|sau|bay)|chu nhat|t[2-7]|cn)"
_DATELINE_REST = re.compile(r"^[\s,.:;|()\-–/]*(?:(?:cap nhat|ngay dang|dang ngay|dang luc|xuat ban|thoi gian|luc|ngay|"
                            r"luot xem|luot doc|luot truy cap|\d+|"
                            + _WEEKDAY + r"|gmt\s*\+?\s*7|\d{1,2}:\d{2}(?::\d{2})?|sa|ch|am|pm)[\s,.:;|()\-–/]*)*$")
_TIME_LINE = re.compile(r"^[\s(]*(\d{1,2}:\d{2}\s*)?(\w{2,4},?\s*)?\d{1,2}[/\-.]\d{1,2}[/\-.]\d{4}(\s*[-|,]?\s*\d{1,2}:\d{2})?[\s)]*$")


_CLOCK = re.compile(r"\(\s*\d{1,2}:\d{2}\s+")


def _clock_before(line: str, date_text: str) -> bool:
    """'(15:19 11/10/2019)': a clock time in brackets just before the date."""
    return any(line.startswith(date_text, m.end()) for m in _CLOCK.finditer(line))


def _is_dateline(line: str) -> bool:
    """'Thứ Năm, 16/03/2023 - 09:12', 'Cập nhật: 17/03/2023 14:22', '(15:19 11/10/2019)'."""
    if len(line) > 70:
        return False
    f = fold(line)
    rest = _DATE_ANY.sub(" ", f)
    return rest != f and bool(_DATELINE_REST.match(rest))


_DATE_ANY = re.compile(r"(?:ngay\s+)?\d{1,2}\s+thang\s+\d{1,2}\s*,?\s+nam\s+\d{4}|\d{1,2}\s?[/.\-]\s?\d{1,2}\s?[/.\-]\s?\d{4}")


# "date 2021-07" or "date 2021-07-13" before the headline: the saved page's own date
_STAMP = re.compile(r"^\s*date\s+((?:19|20)\d\d)-(\d\d)(?:-(\d\d))?(?!\d)")
# "(BTO) Ngày 14-8, …", "(BP online) - …", "(Baodaklak.vn) - …": a newspaper's tag opens the lead
_AGENCY_TAG = re.compile(r"^\([^()\n]{2,30}\)\s*[-–:]?\s*\w")


def _page_stamp(masked: str, folded: str) -> tuple[str, str, tuple[int, int, int | None] | None]:
    """The page's date stamp, blanked out of the text (offsets kept) so that it is neither
    the headline nor a date of the text: (year, month, day or None)."""
    m = _STAMP.match(folded)
    if not m:
        return masked, folded, None
    y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3)) if m.group(3) else None
    if not 1 <= mo <= 12 or (d is not None and _safe(y, mo, d) is None):
        return masked, folded, None
    blank = " " * m.end()
    return blank + masked[m.end():], blank + folded[m.end():], (y, mo, d)


def stamp_evidence(stamp: tuple[int, int, int | None]) -> str:
    y, mo, d = stamp
    return f"date {y:04d}-{mo:02d}" + (f"-{d:02d}" if d else "")


class _Index:
    """Sentence lookup by offset."""

    def __init__(self, sents: list[Sentence]):
        self.sents = sents
        self.starts = [s.start for s in sents]

    def at(self, pos: int) -> Sentence | None:
        i = bisect.bisect_right(self.starts, pos) - 1
        return self.sents[i] if i >= 0 else None

    def text(self, pos: int) -> str:
        s = self.at(pos)
        return shorten(s.text) if s else ""


@dataclass
class _Doc:
    """One document read once: its text views, line offsets and every mention found in it.
    `masked` has page furniture blanked (offsets kept), `folded` is its folded twin (also the
    folded twin of `norm`, the tone-normalised text: moving a tone mark within "oà"/"uỷ"
    changes nothing once accents are folded away)."""
    text: str                        # before the furniture was blanked
    masked: str
    folded: str
    norm: str
    stamp: tuple[int, int, int | None] | None
    sents: list[Sentence]
    idx: _Index
    places: list
    numbers: list[NumberRef]
    dates: list[DateMatch]
    issuers: list[IssuerHit]
    lines: list[str]
    line_starts: list[int]


@dataclass
class _Layout:
    """Where things are: a formal text's header and title, or an article's headline and lead."""
    title_line: int | None           # line of "KẾ HOẠCH", "QUYẾT ĐỊNH", …
    so: NumberRef | None             # the header's "Số: …"
    site: tuple[NumberRef, str] | None  # a legal site's own line naming the text
    formal: bool
    header_end: int
    title: str = ""
    title_span: tuple[int, int] = (0, 0)
    body_sents: list[Sentence] = field(default_factory=list)
    lead: list[Sentence] = field(default_factory=list)
    body_lines: list[tuple[int, int]] = field(default_factory=list)
    lead_spans: list[tuple[int, int]] = field(default_factory=list)


@dataclass(frozen=True)
class _Page:
    """The address a page was saved from, read once: the province its site names, its words."""
    url: str | None
    site: SiteHit | None
    words: str | None


def extract(text: str, ref: Reference, folded_text: str | None = None, *,
            source_url: str | None = None) -> Extraction:
    """`text` is clean NFC text (etl.text.clean_text); `folded_text`, when the caller has
    it already, is `fold(text)`; `source_url`, the address the page was saved from, if known.
    One function per field below, in the order each needs the one before."""
    ex = Extraction()
    doc = _read(text, folded_text, ref)
    page = _Page(source_url, site_province(source_url, ref), address_words(source_url))
    lay = _layout(doc)
    ex.fields["title"] = _title(doc, lay)
    _body(doc, lay)
    published = _published_date(doc, lay)
    if published and not lay.formal:
        ex.fields["published_date"] = published
    own = _own_number(ex, doc, lay)
    ex.fields["doc_type"] = _doc_type(ex, doc, lay)
    issuer = _issuer(ex, doc, lay, ref, page)
    _province(ex, doc, lay, issuer, ref, page)
    _dates(ex, doc, lay, own, ref)
    _complete_issuer(ex, issuer, ref)
    ex.instruments = _references(ex, doc, lay, own, ref, page)
    _warnings(ex, lay)
    return ex


def _read(text: str, folded_text: str | None, ref: Reference) -> _Doc:
    masked, folded = mask_with_folded(text, fold(text) if folded_text is None else folded_text)
    masked, folded, stamp = _page_stamp(masked, folded)
    norm = tone_normalise(masked)
    sents = sentences(masked)
    places = matcher_for(ref).find(norm, folded)
    lines = masked.split("\n")
    line_starts = [0]
    for ln in lines[:-1]:
        line_starts.append(line_starts[-1] + len(ln) + 1)
    return _Doc(text, masked, folded, norm, stamp, sents, _Index(sents), places, find_numbers(masked), find_dates(masked),
                find_issuers(norm, folded, places, ref), lines, line_starts)


def _layout(doc: _Doc) -> _Layout:
    """A formal text has a title line ("KẾ HOẠCH") or a "Số: …" header; anything else is an article."""
    lines, line_starts = doc.lines, doc.line_starts
    title_line = None
    for i, ln in enumerate(lines[:60]):
        s = ln.strip()
        if not s:
            continue
        m = _TITLE_LINE.match(fold(s))
        if m and s[:len(m.group(1))].isupper() and (len(s) < 40 or s.isupper()):
            title_line = i
            break
    so = None
    for m in _SO_HEADER.finditer(doc.masked[: line_starts[min(len(lines) - 1, 25)] + 200]):
        so = next((n for n in doc.numbers if n.start >= m.end() and n.start - m.end() <= 2), None)
        if so:
            break
    formal = title_line is not None or so is not None
    # a legal-document site's own line above the text: "Nghị Quyết số 22/NQ-TU ngày 08/6/2022 ban hành bởi …"
    site = None if formal else _site_title(lines, line_starts, doc.numbers, doc.folded)
    header_end = line_starts[title_line] if title_line is not None else (
        line_starts[min(len(lines) - 1, 12)] if so else 0)
    return _Layout(title_line, so, site, formal, header_end)


def _title(doc: _Doc, lay: _Layout) -> Value:
    """The title block under "KẾ HOẠCH"; an article's headline, past section labels and the
    site's name; or, when the article opens with its lead, that lead's first sentence."""
    lines, line_starts, masked = doc.lines, doc.line_starts, doc.masked
    if lay.title_line is not None:
        parts = [lines[lay.title_line].strip()]
        last = lay.title_line
        for j in range(lay.title_line + 1, min(len(lines), lay.title_line + 5)):
            ln = lines[j]
            if not ln.strip():
                if len(parts) > 1:
                    break
                continue
            if re.match(r"^(căn cứ|thực hiện|kính gửi|i\.|1\.)", ln.strip(), re.I) and len(parts) > 1:
                break
            if ln.strip().isupper() and _AUTHORITY.match(fold(ln.strip())):
                break  # "ỦY BAN NHÂN DÂN TỈNH" above the Căn cứ list names the body, not the text
            parts.append(ln.strip())
            last = j
            if len(" ".join(parts)) > 300:
                break
        lay.title = " ".join(parts)
        lay.title_span = (line_starts[lay.title_line], line_starts[last] + len(lines[last]))
        return Value(shorten(lay.title, 300), shorten(lay.title, 300), "title_block")
    nonempty = [ln.strip() for ln in lines if ln.strip()]
    first = nonempty[0] if nonempty else ""
    # a section label above the headline ("Chính trị", "CHUYỂN ĐỔI SỐ", "baodaklak.vn")
    while len(nonempty) > 1 and (len(re.findall(r"\w+", first)) <= 4 and len(first) <= 32
                                 or _DOMAIN_LINE.match(first) or _SITE_NAME.match(fold(first))) \
            and len(nonempty[1]) > len(first):
        nonempty = nonempty[1:]
        first = nonempty[0]
    fs = masked.find(first)
    opens_like_a_lead = re.match(r"^(\(?[\w.]+\)?\s*-\s*)?(sang|chieu|toi|trua|ngay|hom nay|vua qua|moi day)\b",
                                 fold(first)) or _AGENCY_TAG.match(first) or (
        len(first) > 160 and first.rstrip().endswith((".", "…")))
    if len(first) <= 250 and not opens_like_a_lead:
        lay.title = re.sub(r"\s*\(\s*\d{1,2}:\d{2}.*?\)\s*$", "", first)
        lay.title_span = (fs, fs + len(first))
        return Value(shorten(lay.title, 300), shorten(first), "first_line")
    # no headline: the article opens with its lead paragraph
    lay.title = doc.sents[0].text if doc.sents else first
    lay.title_span = (fs, fs)
    return Value(shorten(lay.title, 200), shorten(lay.title), "first_sentence")


def _body(doc: _Doc, lay: _Layout) -> None:
    """The body's sentences and lines, its lead, and the spans where an implementing verb
    names what the text carries out (title, preamble or lead, purpose clauses, subject line)."""
    lines, line_starts, folded = doc.lines, doc.line_starts, doc.folded
    end = lay.title_span[1]
    lay.body_sents = [s for s in doc.sents if s.start >= end and not _TIME_LINE.match(s.text)
                      and len(s.text) > 25 and not _is_dateline(s.text)]
    lay.lead = lay.body_sents[:3]
    lay.body_lines = [(line_starts[i], line_starts[i] + len(ln)) for i, ln in enumerate(lines)
                      if ln.strip() and line_starts[i] >= end and len(ln.strip()) > 25
                      and not _TIME_LINE.match(ln.strip()) and not _is_dateline(ln)]
    spans = [lay.title_span]
    if lay.formal:  # the preamble: "Thực hiện …" paragraphs before the first section
        spans.extend(preamble_spans(folded, [(line_starts[i], line_starts[i] + len(ln)) for i, ln in enumerate(lines)
                                             if ln.strip() and line_starts[i] >= end]))
    elif lay.body_lines:  # an article's lead paragraph says what the news is about
        spans.append(lay.body_lines[0])
    # "Kế hoạch (được ban hành) nhằm thực hiện …", "Lớp tập huấn nhằm triển khai …"
    spans.extend(purpose_spans(folded, lay.body_lines[:4]))
    # a letter's subject line: "V/v triển khai thực hiện Nghị định số 13/2023/NĐ-CP"
    for m in _VV_LINE.finditer(folded[:lay.header_end + 400 if lay.header_end else 1200]):
        spans.append((m.start(), m.end()))
    lay.lead_spans = spans


def _published_date(doc: _Doc, lay: _Layout) -> Value | None:
    """A page's dateline near the top ("Thứ Năm, 16/03/2023 - 09:12", "Cập nhật: …"), else its stamp."""
    lines, line_starts = doc.lines, doc.line_starts
    shown = [i for i, ln in enumerate(lines) if ln.strip()]  # furniture is blank by now
    top_limit = line_starts[shown[min(len(shown) - 1, 8)]] if shown else 0
    for d in doc.dates:
        if d.value is None or d.start > top_limit:
            continue
        line = lines[bisect.bisect_right(line_starts, d.start) - 1]
        if _TIME_LINE.match(line.strip()) or _is_dateline(line) or _clock_before(line, d.text) or \
                re.search(r"(ngày đăng|cập nhật|đăng ngày|xuất bản)", line, re.I):
            return Value(d.value, shorten(line.strip()), "dateline")
    # "02/03/2022 | 14:05 | Lượt xem: 120": the view counter made the whole line furniture
    for i in range(min(len(lines), 12)):
        if lines[i].strip():
            continue
        line = doc.text[line_starts[i]:line_starts[i] + len(lines[i])]
        if line.strip() and _is_dateline(line):
            d = next((d for d in find_dates(line) if d.value), None)
            if d:
                return Value(d.value, shorten(line.strip()), "dateline")
    if doc.stamp and doc.stamp[2]:
        return Value(date(*doc.stamp), stamp_evidence(doc.stamp), "page_stamp")
    return None


def _own_number(ex: Extraction, doc: _Doc, lay: _Layout) -> NumberRef | None:
    """The header's "Số: …", a legal site's line, or for news the number of the instrument the
    lead says was issued ("… ban hành Kế hoạch số 198/KH-UBND")."""
    idx = doc.idx
    if lay.so:
        ex.fields["doc_number"] = Value(lay.so.canonical, idx.text(lay.so.start), "header_so")
        return lay.so
    if lay.site:
        own = lay.site[0]
        ex.fields["doc_number"] = Value(own.canonical, idx.text(own.start), "site_title")
        return own
    if lay.formal:
        return None
    for s in lay.lead[:3] + [doc.sents[0]] if doc.sents else []:
        for n in doc.numbers:
            if not (s.start <= n.start < s.start + len(s.text)) or _CENTRAL_CODE.search(
                    n.code if not n.party else n.canonical):
                continue
            before = doc.folded[max(0, n.start - 60):n.start]
            if _ISSUED_NUMBER.search(before) and re.search(
                    r"(ban hanh|ky|phe duyet|xay dung)\s+(?:\w+\s+){0,3}" + _NEWS_ISSUE_KINDS + r"\s*(so\s*:?\s*)?$",
                    before):
                ex.fields["doc_number"] = Value(n.canonical, idx.text(n.start), "news_issued_number")
                return n
    return None


def _doc_type(ex: Extraction, doc: _Doc, lay: _Layout) -> Value:
    """By the title word, the number's kind code, a legal site's line; otherwise news."""
    if lay.title_line is not None:
        m = _TITLE_LINE.match(fold(doc.lines[lay.title_line].strip()))
        return Value(_TYPE_TITLES[m.group(1)], shorten(lay.title), "title_word")
    if lay.so is not None:
        so = lay.so
        dtype = KIND_CODE_TYPE.get(so.kind_code.upper(), "directive" if "-" in so.code and so.kind_code.upper()
                                   not in KIND_CODE_TYPE else "other")
        return Value(dtype, doc.idx.text(so.start), "number_code")
    if lay.site:
        return Value(_TYPE_TITLES[lay.site[1]], doc.idx.text(lay.site[0].start), "site_title")
    return Value("news", ex.fields["title"].evidence, "article_without_header")


def _issuer(ex: Extraction, doc: _Doc, lay: _Layout, ref: Reference, page: _Page) -> IssuerHit | None:
    """Sets issuer, level (and district) and returns the body found in the text: a formal
    text's header (refined to its organ or chairman), a legal site's line, or the subject of
    a lead; failing all, the body that runs the site it was saved from (inferred)."""
    issuer, rule, chair = None, "", False
    if lay.formal:
        issuer, rule, chair = _formal_issuer(doc.masked, doc.folded, doc.lines, doc.line_starts, doc.issuers,
                                             doc.places, lay.header_end)
        if issuer is not None and not chair:
            issuer, chair = _organ(issuer, doc.lines, doc.line_starts, doc.issuers, doc.folded, lay.title_span,
                                   _preamble(lay.body_sents, doc.folded), lay.so.kind_code.upper() if lay.so else "")
    if issuer is None and lay.site:
        site_end = lay.site[0].end
        line_end = doc.folded.find("\n", site_end)
        by = re.compile(r"\b(?:ban hanh boi|cua|do)\s+$")
        issuer = next((h for h in doc.issuers if site_end <= h.start < (line_end if line_end != -1 else len(doc.folded))
                       and by.search(doc.folded[max(0, h.start - 14):h.start])), None)
        rule = "site_title" if issuer else ""
    if issuer is None:
        issuer, rule = _lead_subject(lay.lead if not lay.formal else lay.body_sents[:8], doc.issuers, doc.folded,
                                     lay.formal)
    if issuer is None and not lay.formal:
        named = _issuer_in_address(page, ref)
        if named:  # nobody acts in the text; the page's address names who did ("…-ban-hanh-ke-hoach-…")
            hit, url = named
            ex.fields["issuer"] = Value(hit.issuer, url, "source_url_words", inferred=True)
            ex.fields["level"] = Value(hit.level, url, "source_url_words", inferred=True)
            return None
    if issuer is None and not lay.formal:
        # nobody acts in the lead of a page from a provincial site: the first body of that
        # province the article names is whom it is about ("Sở TT&TT tỉnh Hà Tĩnh" on baohatinh.vn)
        home = page.site
        issuer = next((h for h in doc.issuers if home and home.rule == "source_site"
                       and h.province_code == home.province_code
                       and h.rule not in ("newspaper", "broadcaster", "school")), None)
        rule = "site_province_body" if issuer else ""
    if issuer is None:
        owner = site_owner(page.url, ref, page.site)
        if owner:  # nobody acts in the text: the body whose own site published it
            ex.fields["issuer"] = Value(owner.issuer, owner.evidence, "source_site", inferred=True)
            ex.fields["level"] = Value(owner.level, owner.evidence, "source_site", inferred=True)
            if owner.district:
                ex.fields["district"] = Value(owner.district, owner.evidence, "source_site", inferred=True)
        else:
            ex.fields["level"] = Value("other", "", "no_issuer_found")
        return None
    name = ("Chủ tịch " + issuer.issuer) if chair and issuer.rule in ("peoples_committee", "header_tierless") \
        else issuer.issuer
    ev = doc.idx.text(issuer.start)
    ex.fields["issuer"] = Value(name, ev, rule, inferred=rule == "site_province_body")
    ex.fields["level"] = Value(issuer.level, ev, rule)
    if issuer.district:
        ex.fields["district"] = Value(issuer.district, ev, rule)
    return issuer


def _issuer_in_address(page: _Page, ref: Reference) -> tuple[IssuerHit, str] | None:
    """The first body in the address's words that acts (organises, issues), with the address."""
    words = page.words
    if not words:
        return None
    folded = fold(words)
    norm = tone_normalise(words)
    hits = find_issuers(norm, folded, matcher_for(ref).find(norm, folded), ref)
    for h in hits:
        if h.province_code and _ORG_VERB.match(folded[h.end:h.end + 60]):
            return h, page.url.strip()
    return None


def _province(ex: Extraction, doc: _Doc, lay: _Layout, issuer: IssuerHit | None, ref: Reference,
              page: _Page) -> None:
    """A weighted vote: the issuer's place, the header's places, the place-date line, site
    names, the page's address, other local bodies, names in the text. The winner needs a
    clear lead; otherwise the province stays unknown, with a warning naming the contenders."""
    masked, folded, places, idx = doc.masked, doc.folded, doc.places, doc.idx
    header_end = lay.header_end
    votes: dict[str, float] = defaultdict(float)
    evidence: dict[str, tuple[float, str, str]] = {}

    def vote(code: str, weight: float, pos: int, why: str, ev: str | None = None) -> None:
        votes[code] += weight
        if code not in evidence or evidence[code][0] < weight:
            evidence[code] = (weight, ev if ev is not None else idx.text(pos), why)

    if issuer and issuer.province_code:
        vote(issuer.province_code, 10, issuer.start, "issuer_place")
    ambiguous = issuer.candidates if issuer and not issuer.province_code and len(issuer.candidates) > 1 else ()
    if lay.formal:
        for h in places:
            if h.start >= header_end:
                continue
            before = folded[max(0, h.start - 10):h.start]
            district_tier = re.search(r"(huyen|quan|thi xa|thi tran|xa|phuong)\s+$", before)
            if h.kind == "province" and not district_tier:
                vote(h.province_code, 8, h.start, "header_place")
            elif h.kind == "district" and district_tier:
                # "UBND HUYỆN QUẢNG NINH" is the district of Quảng Bình, not the province Quảng Ninh
                same = {x.province_code for x in places if x.start == h.start and x.kind == "district"
                        and x.unit_type == h.unit_type}
                if len(same) == 1:
                    vote(h.province_code, 8, h.start, "header_district")
        for m in _PLACE_DATE.finditer(masked[:max(header_end, 1) + 400] if header_end else masked[:1500]):
            ph = [h for h in places if m.start(1) <= h.start < m.end(1)]
            if ph and len({h.province_code for h in ph}) == 1:
                vote(ph[0].province_code, 8, m.start(1), "place_date_line")
    for code, dom in provinces_in_domains(masked, ref):
        vote(code, 6, masked.find(dom), "site_name")
    from_site = page.site  # the page's address: weaker than the text's header
    if from_site:
        vote(from_site.province_code, from_site.weight, 0, from_site.rule, from_site.evidence)
    for h in doc.issuers:
        if h is not issuer and h.province_code:
            vote(h.province_code, 3, h.start, "local_body")
    tier_words = re.compile(r"(tinh|thanh pho|tp\.?|dia ban|bao|dai)\s*$")
    province_hits = [h for h in places if h.kind == "province"]
    for h in province_hits:
        w = 2 if tier_words.search(folded[max(0, h.start - 12):h.start]) else 0.5
        vote(h.province_code, w, h.start, "named_in_text")
    # districts vote only when they are not also a province's name
    for h in places:
        if h.kind == "district" and not any(p.start == h.start for p in province_hits):
            same_name = [x for x in places if x.start == h.start and x.kind == "district"]
            if len(same_name) == 1:
                vote(h.province_code, 1, h.start, "district_named")
    if ambiguous:
        # "huyện Châu Thành" exists in ten provinces: the one the rest of the text supports
        backed = sorted(((votes.get(c, 0), c) for c in ambiguous), reverse=True)
        if backed[0][0] > 0 and (len(backed) == 1 or backed[0][0] > backed[1][0]):
            vote(backed[0][1], 10, issuer.start, "issuer_place+context")
    if not votes:
        ex.warnings.append(("province_unknown", "no province named in the text", "văn bản không nêu tỉnh nào"))
        return
    ranked = sorted(votes.items(), key=lambda kv: -kv[1])
    best, score = ranked[0]
    runner = ranked[1][1] if len(ranked) > 1 else 0
    if score >= 2 and score >= 1.5 * runner:
        p = ref.province_by_code[best]
        ex.fields["province_code"] = Value(best, evidence[best][1], evidence[best][2])
        ex.fields["province_name"] = Value(p.name_vi, evidence[best][1], evidence[best][2])
    else:
        names = ", ".join(f"{ref.province_by_code[c].name_vi} ({v:g})" for c, v in ranked[:3])
        ex.warnings.append(("province_unknown", "the province could not be told apart: " + names,
                            "không phân biệt được tỉnh: " + names))


def _complete_issuer(ex: Extraction, issuer: IssuerHit | None, ref: Reference) -> None:
    """"UBND tỉnh", "Đảng ủy Quân sự tỉnh", "Sở Y tế" without a name: the province found
    elsewhere completes it (marked inferred)."""
    iv = ex.fields.get("issuer")
    if iv and issuer and not issuer.province_code and ex.get("province_name") and (re.search(
            r"(tỉnh|thành phố|Tỉnh ủy|Thành ủy|Tỉnh đoàn|Thành đoàn)$", iv.value) or issuer.rule == "department"):
        value = iv.value + (" tỉnh" if issuer.rule == "department" else "")  # "Sở Y tế" of that province
        if ref.province_by_code[ex.get("province_code")].unit_type == "thanh-pho":
            # a header that says only "ỦY BAN NHÂN DÂN" in Hà Nội or Đà Nẵng: the city's committee
            value = re.sub(r"tỉnh$", "thành phố", value)
        ex.fields["issuer"] = Value(f"{value} {ex.get('province_name')}", iv.evidence, iv.rule + "+province",
                                    inferred=True)


def _references(ex: Extraction, doc: _Doc, lay: _Layout, own: NumberRef | None,
                ref: Reference, page: _Page) -> list[InstrumentLink]:
    """Every text the document names, one link each: what it carries out (central texts:
    "implements"; local steps on the way: "implements_local") and what it only cites."""
    masked, folded, idx = doc.masked, doc.folded, doc.idx
    refs = find_refs(masked, folded, doc.numbers, doc.dates, own, ex.get("province_code"), ref, _doc_day(ex))
    mark_implements(refs, folded, lay.lead_spans, own)
    if not lay.formal and not any(r.relation == "implements" for r in refs):
        # a news item whose lead names no text: the next paragraphs say what the relayed
        # instruction carries out ("… nội dung của Công văn 1352/UBND-KGVX về việc triển khai Chỉ thị 09/CT-TTg")
        mark_implements(refs, folded, lay.body_lines[1:3], own, through_local=True)
    links: dict[tuple[str, str], InstrumentLink] = {}
    for r in refs:
        key = r.instrument.key if r.instrument else None
        cur = links.get((r.instrument_id, "x"))
        ev = idx.text(r.start)
        if cur is None:
            cur = links[(r.instrument_id, "x")] = InstrumentLink(
                r.instrument_id, r.relation, ev, key, r.instrument is not None, r.rule, cited_date=r.cited_date,
                via=r.via)
        elif r.relation == "implements" and (cur.relation != "implements" or cur.via and not r.via):
            cur.relation, cur.evidence, cur.rule, cur.via = "implements", ev, r.rule, r.via
        if r.cited_date and cur.cited_date is None:
            cur.cited_date = r.cited_date
        if r.instrument and r.cited_date and r.cited_date != r.instrument.issue_date:
            msg = (f"the text dates {r.instrument_id} {r.cited_date:%d/%m/%Y}; the catalogue says "
                   f"{r.instrument.issue_date:%d/%m/%Y}")
            msg_vi = (f"văn bản ghi {r.instrument_id} ngày {r.cited_date:%d/%m/%Y}; danh mục ghi ngày "
                      f"{r.instrument.issue_date:%d/%m/%Y}")
            if not any(w[1] == msg for w in ex.warnings):
                ex.warnings.append(("instrument_date_mismatch", msg, msg_vi, ev))
    out = list(links.values())
    _not_before_its_text(ex, out, ref)
    if lay.formal:
        infer_from_bases(out, refs, masked, folded, [(doc.line_starts[i], doc.line_starts[i] + len(ln))
                                                     for i, ln in enumerate(doc.lines) if ln.strip()],
                         ref, is_plan=ex.get("doc_type") == "plan" or "kế hoạch" in (ex.get("title") or "").lower(),
                         address_subject=page.words)
    mark_action_programmes(out, ref)
    _chain(out, ref)
    # What a text "implements" is the central text it carries out (the corpus rule); a local
    # intermediary it carries out (a provincial plan, a Tỉnh ủy programme) is kept apart, so
    # that the instrument filter and the lags count central texts only. Catalogued provincial
    # texts (03/CT-UBND of Quảng Ngãi) are followed like central ones.
    for link in out:
        if link.relation == "implements" and not _followed(link, ref):
            link.relation = "implements_local"
    return out


def _not_before_its_text(ex: Extraction, out: list[InstrumentLink], ref: Reference) -> None:
    """A text cannot carry out one issued after it: the same number issued twice (14/CT-TTg of
    2018 and 2019) is the one before this document; a later catalogued text is only cited."""
    doc_day = _doc_day(ex)
    if not doc_day:
        return
    for link in out:
        inst = ref.instrument_by_key.get(link.instrument_key) if link.instrument_key else None
        if link.instrument_key is None and link.catalogued is False:
            earlier = [i for i in ref.instruments_by_id.get(link.instrument_id.upper(), [])
                       if i.issue_date <= doc_day and (i.level == "central" or i.province_code == ex.get("province_code"))]
            if len(earlier) == 1 and len(ref.instruments_by_id.get(link.instrument_id.upper(), [])) > 1:
                link.instrument_key, link.catalogued = earlier[0].key, True
                inst = earlier[0]
        if inst and inst.issue_date > doc_day and link.relation == "implements":
            link.relation = "cites"
            ex.warnings.append(("implements_later_text",
                                f"{link.instrument_id} ({inst.issue_date:%d/%m/%Y}) is dated after this document "
                                f"({doc_day:%d/%m/%Y}): recorded as cited",
                                f"{link.instrument_id} ({inst.issue_date:%d/%m/%Y}) ban hành sau văn bản này "
                                f"({doc_day:%d/%m/%Y}): chỉ ghi là trích dẫn", link.evidence))


def _chain(out: list[InstrumentLink], ref: Reference) -> None:
    """A catalogued text carried out here that itself carries out another: that one too, `via` it."""
    for link in list(out):
        seen = {link.instrument_id}
        inst = ref.instrument_by_key.get(link.instrument_key) if link.instrument_key else None
        while link.relation == "implements" and inst and inst.implements:
            parent = ref.instrument_by_key.get(inst.implements)
            if parent is None or parent.instrument_id in seen:
                break
            seen.add(parent.instrument_id)
            existing = next((o for o in out if o.instrument_id == parent.instrument_id), None)
            if existing is None:
                out.append(InstrumentLink(parent.instrument_id, "implements", link.evidence, parent.key, True,
                                          "chain", via=link.instrument_id, inferred=link.inferred))
            elif existing.relation != "implements":
                existing.relation, existing.via, existing.rule = "implements", link.instrument_id, "chain"
            inst = parent


def _warnings(ex: Extraction, lay: _Layout) -> None:
    if lay.formal and not ex.get("doc_number"):
        ex.warnings.append(("no_number", "no document number found in the header",
                            "không tìm thấy số ký hiệu ở phần đầu văn bản"))
    if not ex.get("issue_date") and not ex.get("event_date"):
        ex.warnings.append(("no_date", "no issue or event date found", "không tìm thấy ngày ban hành hay ngày sự kiện"))
    if not ex.get("issuer"):
        ex.warnings.append(("no_issuer", "no issuing body found", "không tìm thấy cơ quan ban hành"))


_STOP_HEADER = re.compile(r"^[\s|]*(?:can cu|xet de nghi|theo de nghi|thuc hien|trien khai|quyet dinh\s*:|dieu 1\b"
                          r"|kinh gui|i[.\-]\s|1\.\s)", re.M)
_TIER = r"(tinh|thanh pho|huyen|quan|thi xa|xa|phuong|thi tran)"
# the body named again above the Căn cứ list, typos and all ("ỦY BAN NHÂN NHÂN TỈNH")
_AUTHORITY = re.compile(r"^[\s|]*(chu tich\s+)?(?:uy\s*ban\s+nhan\s+(?:dan|nhan)|ubnd)(?:\s+" + _TIER + r"\b[^|\n]*)?[\s|]*$")
# "ỦY BAN NHÂN DÂN |" with its place cut off by the page's table layout
_TIERLESS = re.compile(r"(?<!\w)(?:uy\s*ban\s+nhan\s+(?:dan|nhan)|ubnd)(?=[\s|]*(?:\||$|cong hoa|\n\s*\|))", re.M)
_TIER_DISPLAY = {"tinh": ("tỉnh", "province"), "thanh pho": ("thành phố", "province"), "huyen": ("huyện", "district"),
                 "quan": ("quận", "district"), "thi xa": ("thị xã", "district"), "xa": ("xã", "commune"),
                 "phuong": ("phường", "commune"), "thi tran": ("thị trấn", "commune")}


_SITE_KIND = re.compile(r"\s*(" + "|".join(sorted(_TYPE_TITLES, key=len, reverse=True)) + r")\s+(?:so\s*:?\s*)?(?=\d)")
# the text itself follows: a numbered part, a Căn cứ list, an article
_BODY_START = re.compile(r"\s*(?:(?:[ivx]+|\d{1,2})\s*[.\-–)]\s*\S|can cu\b|dieu 1\b|phan (?:i|1|mot)\b)")


def _site_title(lines: list[str], line_starts: list[int], numbers: list[NumberRef],
                folded: str) -> tuple[NumberRef, str] | None:
    """A page of a legal-document site opens with its own line naming the text ("Nghị Quyết số
    22/NQ-TU ngày 08/6/2022 ban hành bởi Tỉnh Ủy Kiên Giang về …") and then gives the text
    itself. Only when the next line starts the body: a news headline naming a plan is news."""
    shown = [i for i, ln in enumerate(lines[:12]) if ln.strip()]
    if len(shown) < 2:
        return None
    i, nxt = shown[0], shown[1]
    m = _SITE_KIND.match(folded, line_starts[i], line_starts[i] + len(lines[i]))
    if not m or not _BODY_START.match(folded, line_starts[nxt], line_starts[nxt] + len(lines[nxt])):
        return None
    n = next((n for n in numbers if n.start == m.end()), None)
    if n is None or _CENTRAL_CODE.search(n.code if not n.party else n.canonical):
        return None
    return n, m.group(1)


def _formal_issuer(masked: str, folded: str, lines: list[str], line_starts: list[int], issuers: list[IssuerHit],
                   places: list, header_end: int) -> tuple[IssuerHit | None, str, bool]:
    """The issuing body of a formal text: the body in the header, above the Căn cứ list.
    Bodies named after it ("Xét đề nghị của Giám đốc Sở …") proposed the text, they did not
    issue it. A line just above the Căn cứ list that names the body again says whether the
    chairman signs in his own name ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH")."""
    m = _STOP_HEADER.search(folded, 0, min(len(folded), 5000))
    stop = m.start() if m else len(folded)
    limit = min(header_end, stop) if header_end else stop
    chair, auth_tier = False, None
    li = bisect.bisect_right(line_starts, stop) - 1
    seen = 0
    for j in range(li - 1, max(-1, li - 6), -1):
        ln = lines[j].strip(" |\t")
        if not ln:
            continue
        seen += 1
        if seen > 2 or not ln.isupper():
            break
        am = _AUTHORITY.match(fold(ln))
        if am:
            chair, auth_tier = bool(am.group(1)), am.group(2)
            break
    head = [h for h in issuers if h.start < limit]
    if head:
        return head[-1], "header_body", chair
    tl = _TIERLESS.search(folded, 0, limit) or (_TIERLESS.search(folded, 0, stop) if auth_tier or chair else None)
    if tl:
        tier, district = auth_tier, None
        if tier is None:
            # the place-date line names the province for a provincial body and the district
            # for a district's: "Đại Lộc, ngày …" under "ỦY BAN NHÂN DÂN |" is the district's
            pm = _PLACE_DATE.search(masked, 0, min(len(masked), stop + 200))
            hits = [h for h in places if pm and pm.start(1) <= h.start < pm.end(1)]
            if any(h.kind == "province" for h in hits):
                tier = "tinh"
            elif hits and len({(h.name, h.province_code) for h in hits}) == 1:
                district = hits[0]
                tier = {"quan": "quan", "huyen": "huyen", "thi-xa": "thi xa", "thanh-pho": "thanh pho"}.get(
                    district.unit_type)
        if tier is None:
            return None, "", False
        word, level = _TIER_DISPLAY[tier]
        if district is not None:
            hit = IssuerHit(f"UBND {word} {district.name}", "district", "header_tierless", district.province_code,
                            district.name, tl.start(), tl.end())
        else:
            hit = IssuerHit(f"UBND {word}", level, "header_tierless", None, None, tl.start(), tl.end())
        return hit, "header_body", chair
    return None, "", False


_ORGAN_LINE = re.compile(r"ban (?!chap hanh\b)(\w+)((?: \w+){0,3}?)(?: (\d+))?")
# what the issuing organ does in the preamble: "…, Ban Thường vụ Tỉnh ủy yêu cầu:", "…, Chủ tịch UBND tỉnh chỉ thị:"
_DIRECTS = re.compile(r"\s*(?:\(\w+\)\s*)?(?:(?:da|vua|xin|tiep tuc)\s+)*(?:yeu cau|chi thi|huong dan|ket luan|quyet dinh|"
                      r"ban hanh|xay dung|de nghi cac|giao)\b")
# a PDF's second column interleaves the motto with the header's first
_MOTTO = re.compile(r"\s*(?:dang cong san viet nam|cong hoa xa hoi chu nghia viet nam|doc lap\s*-\s*tu do)")
_PARTY_ORGANS = ("party_standing", "party_standing2", "party_board", "steering_committee", "party_steering")


def _organ(h: IssuerHit, lines: list[str], line_starts: list[int], issuers: list[IssuerHit], folded: str,
           title_span: tuple[int, int], preamble: list[Sentence], kind_code: str = "") -> tuple[IssuerHit, bool]:
    """The organ of the header's body that issues the text: the line under a Party committee
    ("TỈNH ỦY QUẢNG NINH" / "BAN CHỈ ĐẠO 35"), the title's "CỦA BAN THƯỜNG VỤ TỈNH ỦY", or the
    preamble's subject ("…, Chủ tịch UBND tỉnh yêu cầu:"). Returns the body and whether the
    chairman issues it in his own name."""
    if h.rule == "party_committee":
        li = bisect.bisect_right(line_starts, h.end - 1) - 1
        nxt = next((j for j in range(li + 1, min(len(lines), li + 4)) if lines[j].strip(" |*\t")
                    and not _MOTTO.match(fold(lines[j]))), None)
        if nxt is not None:
            own_line = lines[nxt].strip(" |*\t")
            words = own_line.split()
            m = _ORGAN_LINE.fullmatch(fold(own_line).strip())
            if m and own_line.isupper() and len(words) <= 6:
                organ = " ".join([words[0].capitalize(), words[1].capitalize()] + [w.lower() for w in words[2:]])
                return _renamed(h, f"{organ} {h.issuer}", h.rule), False
    for x in issuers:
        in_title = title_span[0] <= x.start < title_span[1] and folded[max(0, x.start - 4):x.start] == "cua "
        in_preamble = any(s.start <= x.start < s.start + len(s.text) for s in preamble) and \
            _DIRECTS.match(folded, x.end, x.end + 40)
        if not (in_title or in_preamble) or x.province_code not in (None, h.province_code):
            continue
        if h.rule in ("peoples_committee", "header_tierless") and x.rule == "chair" \
                and not folded[max(0, x.start - 4):x.start] == "pho ":  # a vice-chairman signs for the committee
            return h, True
        committee, _, place = h.issuer.partition(" ủy")
        if h.rule == "party_committee" and x.rule in _PARTY_ORGANS and f"{committee} ủy" in x.issuer:
            named = x.province_code or x.district or x.issuer.endswith(place.strip())
            return _renamed(h, x.issuer if named else f"{x.issuer}{place}", x.rule), False
    # the signature block, when the page kept it: "T/M BAN THƯỜNG VỤ", or "KT. CHỦ TỊCH" with no
    # "TM. ỦY BAN NHÂN DÂN" above it (the chairman signs in his own name)
    signs = {m.group(1) for m in _SIGNATURE.finditer(folded)}
    if h.rule == "party_committee" and "ban thuong vu" in signs:
        committee, _, place = h.issuer.partition(" ủy")
        return _renamed(h, f"Ban Thường vụ {committee} ủy{place}", "party_standing"), False
    # (only for a decision or directive: a letter signed so still speaks for the committee)
    if h.rule in ("peoples_committee", "header_tierless") and "chu tich" in signs and "uy ban nhan dan" not in signs \
            and kind_code in ("CT", "QĐ"):
        return h, True
    return h, False


_SIGNATURE = re.compile(r"^[ \t|]*(?:(?:t/m|tm|kt)\.?[ \t]*)?(ban thuong vu|chu tich|uy ban nhan dan)[ \t|]*$", re.M)


def _preamble(body_sents: list[Sentence], folded: str) -> list[Sentence]:
    """The sentences before the first numbered part (a PDF wraps a paragraph into many)."""
    if not body_sents:
        return []
    m = _PART_LINE.search(folded, body_sents[0].start)
    end = m.start() if m else len(folded)
    return [s for s in body_sents if s.start < end][:25]


_PART_LINE = re.compile(r"^[ \t]*(?:[ivx]+|\d{1,2}|[a-d])[.)\-]\s", re.M)


def _renamed(h: IssuerHit, name: str, rule: str) -> IssuerHit:
    return IssuerHit(name, "party" if h.level == "party" else h.level, rule, h.province_code, h.district, h.start,
                     h.end, h.candidates)


def _lead_subject(sents: list[Sentence], issuers: list[IssuerHit], folded: str,
                  formal: bool) -> tuple[IssuerHit | None, str]:
    """The body a lead sentence is about: the subject of an organising or issuing verb
    ("Ngày 14-8, Tỉnh đoàn phối hợp Công an tỉnh tổ chức …") or its agent ("được Sở TT-TT
    tổ chức", "do Ban Tuyên giáo chủ trì"). A body that only tells the news ("Văn phòng UBND
    tỉnh cho biết …") is not it."""
    for s in sents:
        for h in issuers:
            if not (s.start <= h.start < s.start + len(s.text)):
                continue
            rest = folded[h.end:h.end + 240]
            if _REPORT_VERB.match(rest) or _NOT_THE_BODY.search(folded, max(0, h.start - 40), h.start):
                continue
            after = _SKIP_AFTER_ISSUER.sub("", rest, count=1)
            after = _CO_SUBJECTS.sub("", after, count=1)[:60]
            if _ORG_VERB.match(after) and (formal is False or _ISSUE_VERB.match(after)):
                return h, "subject_of_verb"
            before = folded[max(0, h.start - 8):h.start]
            if _BY_ORG.search(before[-4:]) or (_PASSIVE_BEFORE.search(before) and _ORG_VERB.match(after)):
                return h, "do_agent"
    return None, ""


def _dates(ex: Extraction, doc: _Doc, lay: _Layout, own: NumberRef | None, ref: Reference) -> None:
    """issue_date (and event_date for news): the place-date line of a formal text, the date
    beside the document's own number, or the date that opens the sentence of the event
    reported, its year completed from the page's date when the text leaves it out."""
    masked, folded, lines, line_starts = doc.masked, doc.folded, doc.lines, doc.line_starts
    dates, numbers, idx, stamp = doc.dates, doc.numbers, doc.idx, doc.stamp
    formal, header_end, lead = lay.formal, lay.header_end, lay.lead
    published = ex.get("published_date")
    # a stamp of year and month only: the month's last day bounds the events it reports
    page_month = (_safe(stamp[0] + stamp[1] // 12, stamp[1] % 12 + 1, 1) - timedelta(days=1)) if stamp else None
    numbers_end = [n.end for n in numbers]  # the numbers extract() already found
    # 1. the place-date line of a formal document
    if formal:
        limit = header_end + 600 if header_end else 1500
        for d in dates:
            if d.start > limit or d.value is None:
                continue
            li = bisect.bisect_right(line_starts, d.start) - 1
            # from the line's start to the date's end: a cell may break "ngày\n30 tháng 11 …"
            line = masked[line_starts[li]:d.end]
            if _PLACE_DATE.match(line) or re.match(r"^\s*(ngày\s+)?\d{1,2}\s+tháng", line.strip(), re.I):
                ex.fields["issue_date"] = Value(d.value, " ".join(line.split()), "place_date_line")
                return
    # 2. the date beside the document's own number ("Kế hoạch số 116/KH-UBND ngày 11/5/2023")
    if own is not None:
        for d in dates:
            if 0 <= d.start - own.end <= 12 and re.fullmatch(r"[\s,]*(ngày)?\s*", masked[own.end:d.start]):
                if d.value:
                    ex.fields["issue_date"] = Value(d.value, idx.text(d.start), "date_after_number")
                    return
        # "Ngày 3/10, UBND quận … ban hành Kế hoạch số 198/KH-UBND"
        s = idx.at(own.start)
        if s:
            for d in dates:
                if s.start <= d.start < own.start and d.start - s.start < 20:
                    v, inferred, how = _complete(d, published, folded, ref, page_month, fold(s.text))
                    if v:
                        ex.fields["issue_date"] = Value(v, shorten(s.text), "date_opening_sentence" + how, inferred)
                        return
    # 3. news about an event: the date that opens the sentence of the event
    if not formal:
        for s in lead:
            fs = fold(s.text)
            ev = _EVENT_VERB.search(fs)
            if not ev:
                continue
            verb_at = s.start + ev.start()
            own_dates = [d for d in dates if s.start <= d.start < verb_at and not _is_cited_date(d, numbers_end, masked)
                         # "Ngày 16.10, Văn phòng UBND tỉnh cho biết …": the day it was told, not done
                         and not _REPORTED.search(folded, d.end, verb_at)]
            if not own_dates:  # "… được Sở TT-TT tổ chức vào ngày 14/12"
                own_dates = [d for d in dates if verb_at <= d.start < s.start + len(s.text)
                             and re.search(r"\b(?:vao|trong)\s+(?:ngay\s*)?$", folded[max(0, d.start - 12):d.start])
                             and not _is_cited_date(d, numbers_end, masked)][:1]
            if own_dates:
                d = own_dates[-1]
                v, inferred, how = _complete(d, published, folded, ref, page_month, fs)
                if v:
                    ex.fields["event_date"] = Value(v, shorten(s.text), "event_sentence_date" + how, inferred)
                    # the conference is what this article stands for: its date is the item's date
                    ex.fields["issue_date"] = Value(v, shorten(s.text), "event_date" + how, inferred)
                    return


# "Phó Bí thư Tỉnh ủy chủ trì …" is a person; "tại Hội trường UBND tỉnh" a place
_NOT_THE_BODY = re.compile(r"\b(?:bi thu|chu tich|giam doc|truong ban|truong phong|uy vien|chinh uy|chi huy truong|thu truong"
                           r"|dai dien|lanh dao|can bo|hoi truong|tru so|tai)\s+(?:thuong truc\s+)?$")
# "Luật Bảo vệ bí mật nhà nước năm 2018", "đến năm 2025": a year that names a text or a target
_NAMED_YEAR = re.compile(r"(?:\b(?:luat|nghi quyet|chi thi|quyet dinh|nghi dinh|thong tu|chien luoc|de an|chuong trinh)"
                         r"\b[^,;.]*|\b(?:den|giai doan|tam nhin|truoc|sau)\s*)$")
_REPORTED = re.compile(r"\b(?:cho biet|dua tin|thong tin cho biet)\b")


def _followed(link: InstrumentLink, ref: Reference) -> bool:
    """A central text (by the catalogue or by its number's form), or a catalogued local one."""
    inst = ref.instrument_by_key.get(link.instrument_key) if link.instrument_key else None
    return inst is not None or is_central_form(link.instrument_id)


def _doc_day(ex: Extraction) -> date | None:
    return ex.get("issue_date") or ex.get("event_date") or ex.get("published_date")


def _is_cited_date(d: DateMatch, numbers_end: list[int], text: str) -> bool:
    """'Kế hoạch số 40/KH-UBND ngày 10/3/2022': that date is the cited plan's, not the event's
    (but not across a line break: a headline ending in a number, then 'Sáng 7/4/2019, …')."""
    return any(0 <= d.start - e <= 8 and "\n" not in text[e:d.start] for e in numbers_end)


def _complete(d: DateMatch, published: date | None, folded: str, ref: Reference, page_month: date | None = None,
              sentence: str = "") -> tuple[date | None, bool, str]:
    if d.value:
        return d.value, False, ""
    if published:
        return complete_year(d.day, d.month, published), True, "+year_from_published_date"
    if page_month:  # the page's stamp gives only year and month
        return complete_year(d.day, d.month, page_month), True, "+year_from_page_stamp"
    years = {m.group(1) for m in re.finditer(r"\bnam ((?:19|20)\d\d)\b", sentence)
             if not _NAMED_YEAR.search(sentence, max(0, m.start() - 60), m.start())}
    if len(years) == 1:  # "Ngày 14-8, … Hội nghị … kỳ II năm 2018"
        return _safe(int(years.pop()), d.month, d.day), True, "+year_from_sentence"
    span_end = explicit_span_end(folded)
    if span_end:
        return _safe(span_end, d.month, d.day), True, "+year_from_period"
    m = re.search(r"(so ket|tong ket)\s+(\d{1,2})\s+nam\s+(?:thuc hien|trien khai)\s+(.{0,80})", folded)
    if m:
        years = int(m.group(2))
        tail = m.group(3)
        given = re.search(r"ngay\s+\d{1,2}\s?(?:[/.-]\s?\d{1,2}\s?[/.-]|\s+thang\s+\d{1,2}\s*,?\s+nam)\s?((?:19|20)\d\d)",
                          tail[:70])
        if given:  # "sơ kết 3 năm thực hiện Chỉ thị 14/CT-TTg ngày 7/6/2019" (or "ngày 07 tháng 6 năm 2019")
            return _safe(int(given.group(1)) + years, d.month, d.day), True, "+year_from_review_period"
        named = [inst for inst in ref.instruments
                 if fold(inst.instrument_id) in tail
                 or re.search(rf"{fold(inst.kind)}\s+(so\s+)?{_lead_number(inst.instrument_id)}\b", tail)]
        # one text only: a number used twice (14/CT-TTg of 2018 and 2019) names no year
        if len({i.issue_date.year for i in named}) == 1:
            return _safe(named[0].issue_date.year + years, d.month, d.day), True, "+year_from_review_period"
    return None, False, ""


def _lead_number(instrument_id: str) -> str:
    return re.match(r"\d+", instrument_id).group()


def _safe(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None
