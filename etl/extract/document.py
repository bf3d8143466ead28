"""One document's text → its metadata, references, tasks and coverage, each with evidence."""
from __future__ import annotations

import bisect
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from ..reference import Reference
from ..text import Sentence, fold, sentences, shorten, tone_normalise
from .dates import DateMatch, complete_year, explicit_span_end, find_dates
from .furniture import mask_with_folded
from .instruments import (InstrumentLink, find_refs, infer_from_bases, mark_action_programmes, mark_implements,
                          preamble_spans, purpose_spans)
from .issuers import IssuerHit, find_issuers
from .numbers import KIND_CODE_TYPE, NumberRef, find_numbers
from .places import matcher_for, provinces_in_domains


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
_SO_HEADER = re.compile(r"^[ \t]*(?:Số|SỐ|số)[ \t]*:?[ \t]*(?=\d)", re.M)
_PLACE_DATE = re.compile(r"^\s*([^\n,]{2,40}?),\s*(?:ngày\s+\d|\d{1,2}\s+tháng)", re.I | re.M)
_ISSUE_VERB = re.compile(r"^\s*(?:\(\w+\)\s*)?(?:da\s+|vua\s+|moi\s+)?(?:chinh thuc\s+)?(ban hanh|ky ban hanh|phe duyet)\b")
_EVENT_VERB = re.compile(
    r"\b(to chuc|khai mac|dien ra|hop|nhom hop)\b.{0,40}?\b(hoi nghi|hoi thao|le |buoi|dien tap|toa dam|hoi thi|cuoc thi|phien hop|tap huan)"
    r"|\b(hoi nghi|hoi thao|dien tap|toa dam|tap huan)\b")
_SKIP_AFTER_ISSUER = re.compile(r"^\s*(?:\([^)]{0,60}\)\s*|phoi hop (?:voi|cung) [^.;]{0,140}?(?=\s(?:to chuc|trien khai|ban hanh)\b))")
_ORG_VERB = re.compile(r"^\s*(?:\(\w+\)\s*)?(?:da\s+|vua\s+|moi\s+)?(ban hanh|ky ban hanh|to chuc|trien khai|phat dong|"
                       r"khai mac|hop|quan triet|so ket|tong ket|ra quyet dinh|chi dao)\b")
_BY_ORG = re.compile(r"\bdo\s+$")
_NEWS_ISSUE_KINDS = (r"(ke hoach(?: hanh dong)?|chi thi|quyet dinh|cong van|huong dan|chuong trinh(?: hanh dong)?|bao cao"
                     r"|nghi quyet|de an|thong bao|ket luan)")
_ISSUED_NUMBER = re.compile(_NEWS_ISSUE_KINDS + r"\s*(?:so\s*:?\s*)?$")
_CENTRAL_CODE = re.compile(r"(/TW$|-TTg|NĐ-CP|NQ-CP|/QH\d+|QĐ-BTTTT|-BCA|-BQP)")
# "Kế hoạch (được ban hành) nhằm thực hiện …", "Cuộc diễn tập nhằm triển khai …": what the
# reported plan, conference or exercise is for
_PURPOSE = re.compile(r"(?:^|[.;]\s+)[^.;\n]{0,60}?\b(?:nham|de|la de)\s+(?:tiep tuc\s+)?(?:thuc hien|trien khai|cu the hoa)"
                      r"\b[^\n]*", re.M)
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


def extract(text: str, ref: Reference, folded_text: str | None = None) -> Extraction:
    """`text` is clean NFC text (etl.text.clean_text); `folded_text`, when the caller has
    it already, is `fold(text)`."""
    ex = Extraction()
    masked, folded = mask_with_folded(text, fold(text) if folded_text is None else folded_text)
    # moving a tone mark within "oà"/"uỷ" changes nothing once accents are folded away, so
    # `folded` (the masked text folded) is also the folded twin of `norm`
    norm = tone_normalise(masked)
    sents = [s for s in sentences(masked)]
    idx = _Index(sents)
    places = matcher_for(ref).find(norm, folded)
    numbers = find_numbers(masked)
    dates = find_dates(masked)
    issuers = find_issuers(norm, folded, places, ref)
    lines = masked.split("\n")
    line_starts = [0]
    for ln in lines[:-1]:
        line_starts.append(line_starts[-1] + len(ln) + 1)

    # --- formal document or article? -------------------------------------------------------
    title_line = None
    for i, ln in enumerate(lines[:60]):
        s = ln.strip()
        if not s:
            continue
        f = fold(s)
        m = _TITLE_LINE.match(f)
        if m and s[:len(m.group(1))].isupper() and (len(s) < 40 or s.isupper()):
            title_line = i
            break
    so = None
    for m in _SO_HEADER.finditer(masked[: line_starts[min(len(lines) - 1, 25)] + 200]):
        for n in numbers:
            if n.start >= m.end() and n.start - m.end() <= 2:
                so = n
                break
        if so:
            break
    formal = title_line is not None or so is not None
    header_end = line_starts[title_line] if title_line is not None else (
        line_starts[min(len(lines) - 1, 12)] if so else 0)

    # --- title -------------------------------------------------------------------------------
    if title_line is not None:
        parts = [lines[title_line].strip()]
        last = title_line
        for j in range(title_line + 1, min(len(lines), title_line + 5)):
            ln = lines[j]
            if not ln.strip():
                if len(parts) > 1:
                    break
                continue
            if re.match(r"^(căn cứ|thực hiện|kính gửi|i\.|1\.)", ln.strip(), re.I) and len(parts) > 1:
                break
            parts.append(ln.strip())
            last = j
            if len(" ".join(parts)) > 300:
                break
        title = " ".join(parts)
        ex.fields["title"] = Value(shorten(title, 300), shorten(title, 300), "title_block")
        title_span = (line_starts[title_line], line_starts[last] + len(lines[last]))
    else:
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
                                     fold(first))
        if len(first) <= 250 and not opens_like_a_lead:
            title = re.sub(r"\s*\(\s*\d{1,2}:\d{2}.*?\)\s*$", "", first)
            ex.fields["title"] = Value(shorten(title, 300), shorten(first), "first_line")
            title_span = (fs, fs + len(first))
        else:  # no headline: the article opens with its lead paragraph
            title = sents[0].text if sents else first
            ex.fields["title"] = Value(shorten(title, 200), shorten(title), "first_sentence")
            title_span = (fs, fs)

    # --- body start and lead sentences ------------------------------------------------------
    body_sents = [s for s in sents if s.start >= title_span[1] and not _TIME_LINE.match(s.text)
                  and len(s.text) > 25 and not _is_dateline(s.text)]
    lead = body_sents[:3]
    body_lines = [(line_starts[i], line_starts[i] + len(ln)) for i, ln in enumerate(lines)
                  if ln.strip() and line_starts[i] >= title_span[1] and len(ln.strip()) > 25
                  and not _TIME_LINE.match(ln.strip()) and not _is_dateline(ln)]
    lead_spans = [title_span]
    if formal:  # the preamble: "Thực hiện …" paragraphs before the first section
        lead_spans.extend(preamble_spans(folded, [(line_starts[i], line_starts[i] + len(ln)) for i, ln in enumerate(lines)
                                                  if ln.strip() and line_starts[i] >= title_span[1]]))
    elif body_lines:  # an article's lead paragraph says what the news is about
        lead_spans.append(body_lines[0])
    # "Kế hoạch (được ban hành) nhằm thực hiện …", "Lớp tập huấn nhằm triển khai …"
    for a, b in body_lines[:4]:
        for m in _PURPOSE.finditer(folded, a, b):
            lead_spans.append((m.start(), b))
    lead_spans.extend(purpose_spans(folded, body_lines[:4]))
    # a letter's subject line: "V/v triển khai thực hiện Nghị định số 13/2023/NĐ-CP"
    for m in _VV_LINE.finditer(folded[:header_end + 400 if header_end else 1200]):
        lead_spans.append((m.start(), m.end()))

    # --- published date (articles) ----------------------------------------------------------
    published = None
    shown = [i for i, ln in enumerate(lines) if ln.strip()]  # furniture is blank by now
    top_limit = line_starts[shown[min(len(shown) - 1, 8)]] if shown else 0
    for d in dates:
        if d.value is None or d.start > top_limit:
            continue
        li = bisect.bisect_right(line_starts, d.start) - 1
        line = lines[li]
        if _TIME_LINE.match(line.strip()) or _is_dateline(line) or \
                _clock_before(line, d.text) or \
                re.search(r"(ngày đăng|cập nhật|đăng ngày|xuất bản)", line, re.I):
            published = Value(d.value, shorten(line.strip()), "dateline")
            break
    if published and not formal:
        ex.fields["published_date"] = published

    # --- own number --------------------------------------------------------------------------
    own: NumberRef | None = None
    if so:
        own = so
        ex.fields["doc_number"] = Value(so.canonical, idx.text(so.start), "header_so")
    elif not formal:
        for s in lead[:3] + [sents[0]] if sents else []:
            for n in numbers:
                if not (s.start <= n.start < s.start + len(s.text)) or _CENTRAL_CODE.search(n.code if not n.party else n.canonical):
                    continue
                before = folded[max(0, n.start - 60):n.start]
                if _ISSUED_NUMBER.search(before) and re.search(
                        r"(ban hanh|ky|phe duyet|xay dung)\s+(?:\w+\s+){0,3}" + _NEWS_ISSUE_KINDS + r"\s*(so\s*:?\s*)?$",
                        before):
                    own = n
                    ex.fields["doc_number"] = Value(n.canonical, idx.text(n.start), "news_issued_number")
                    break
            if own:
                break

    # --- document type -----------------------------------------------------------------------
    if title_line is not None:
        f = fold(lines[title_line].strip())
        m = _TITLE_LINE.match(f)
        dtype = _TYPE_TITLES[m.group(1)]
        ex.fields["doc_type"] = Value(dtype, shorten(title), "title_word")
    elif so is not None:
        dtype = KIND_CODE_TYPE.get(so.kind_code.upper(), "directive" if "-" in so.code and so.kind_code.upper()
                                   not in KIND_CODE_TYPE else "other")
        ex.fields["doc_type"] = Value(dtype, idx.text(so.start), "number_code")
    else:
        ex.fields["doc_type"] = Value("news", ex.fields["title"].evidence, "article_without_header")

    # --- issuer -----------------------------------------------------------------------------
    issuer: IssuerHit | None = None
    rule = ""
    if formal and header_end:
        head = [h for h in issuers if h.start < header_end]
        if head:
            issuer, rule = head[-1], "header_body"
    if issuer is None:
        candidates = lead if not formal else body_sents[:8]
        for s in candidates:
            for h in issuers:
                if not (s.start <= h.start < s.start + len(s.text)):
                    continue
                after = _SKIP_AFTER_ISSUER.sub("", folded[h.end:h.end + 200], count=1)[:40]
                if _ORG_VERB.match(after) and (formal is False or _ISSUE_VERB.match(after)):
                    issuer, rule = h, "subject_of_verb"
                    break
                if _BY_ORG.search(folded[max(0, h.start - 4):h.start]):
                    issuer, rule = h, "do_agent"
                    break
            if issuer:
                break
    if issuer:
        # a body without a place ("UBND tỉnh") borrows the header's place if the header names one
        ex.fields["issuer"] = Value(issuer.issuer, idx.text(issuer.start), rule)
        ex.fields["level"] = Value(issuer.level, idx.text(issuer.start), rule)
        if issuer.district:
            ex.fields["district"] = Value(issuer.district, idx.text(issuer.start), rule)
    else:
        ex.fields["level"] = Value("other", "", "no_issuer_found")

    # --- province ----------------------------------------------------------------------------
    votes: dict[str, float] = defaultdict(float)
    evidence: dict[str, tuple[float, str, str]] = {}

    def vote(code: str, weight: float, pos: int, why: str, ev: str | None = None) -> None:
        votes[code] += weight
        if code not in evidence or evidence[code][0] < weight:
            evidence[code] = (weight, ev if ev is not None else idx.text(pos), why)

    if issuer and issuer.province_code:
        vote(issuer.province_code, 10, issuer.start, "issuer_place")
    ambiguous = issuer.candidates if issuer and not issuer.province_code and len(issuer.candidates) > 1 else ()
    if formal:
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
    for h in issuers:
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
    if votes:
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
    else:
        ex.warnings.append(("province_unknown", "no province named in the text", "văn bản không nêu tỉnh nào"))

    # --- dates -------------------------------------------------------------------------------
    _extract_dates(ex, masked, folded, lines, line_starts, dates, numbers, own, formal, header_end, lead, idx,
                   ref)

    # "UBND tỉnh", "Đảng ủy Quân sự tỉnh" without a name: the province found elsewhere completes it
    iv = ex.fields.get("issuer")
    if iv and issuer and not issuer.province_code and ex.get("province_name") and re.search(
            r"(tỉnh|thành phố|Tỉnh ủy|Thành ủy)$", iv.value):
        ex.fields["issuer"] = Value(f"{iv.value} {ex.get('province_name')}", iv.evidence, iv.rule + "+province",
                                    inferred=True)

    # --- references --------------------------------------------------------------------------
    refs = find_refs(masked, folded, numbers, dates, own, ex.get("province_code"), ref, _doc_day(ex))
    mark_implements(refs, folded, lead_spans, own)
    if not formal and not any(r.relation == "implements" for r in refs):
        # a news item whose lead names no text: the next paragraphs say what the relayed
        # instruction carries out ("… nội dung của Công văn 1352/UBND-KGVX về việc triển khai Chỉ thị 09/CT-TTg")
        mark_implements(refs, folded, body_lines[1:3], own, through_local=True)
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
    # A text cannot carry out one issued after it: the same number issued twice (14/CT-TTg of
    # 2018 and 2019) is the one before this document; a later catalogued text is only cited.
    doc_day = _doc_day(ex)
    if doc_day:
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
    if formal:
        infer_from_bases(out, refs, masked, folded, [(line_starts[i], line_starts[i] + len(ln))
                                                     for i, ln in enumerate(lines) if ln.strip()],
                         ref, is_plan=ex.get("doc_type") == "plan" or "kế hoạch" in (ex.get("title") or "").lower())
    mark_action_programmes(out, ref)
    # the chain: a local text carried out here that itself carries out a central one
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
                                          "chain", via=link.instrument_id))
            elif existing.relation != "implements":
                existing.relation, existing.via, existing.rule = "implements", link.instrument_id, "chain"
            inst = parent
    ex.instruments = out


    if formal and not ex.get("doc_number"):
        ex.warnings.append(("no_number", "no document number found in the header",
                            "không tìm thấy số ký hiệu ở phần đầu văn bản"))
    if not ex.get("issue_date") and not ex.get("event_date"):
        ex.warnings.append(("no_date", "no issue or event date found", "không tìm thấy ngày ban hành hay ngày sự kiện"))
    if not ex.get("issuer"):
        ex.warnings.append(("no_issuer", "no issuing body found", "không tìm thấy cơ quan ban hành"))
    return ex


def _extract_dates(ex: Extraction, masked: str, folded: str, lines: list[str], line_starts: list[int],
                   dates: list[DateMatch], numbers: list[NumberRef], own: NumberRef | None, formal: bool, header_end: int,
                   lead: list[Sentence], idx: _Index, ref: Reference) -> None:
    published = ex.get("published_date")
    numbers_end = [n.end for n in numbers]  # the numbers extract() already found
    # 1. the place-date line of a formal document
    if formal:
        limit = header_end + 600 if header_end else 1500
        for d in dates:
            if d.start > limit or d.value is None:
                continue
            li = bisect.bisect_right(line_starts, d.start) - 1
            line = lines[li]
            if _PLACE_DATE.match(line) or re.match(r"^\s*(ngày\s+)?\d{1,2}\s+tháng", line.strip(), re.I):
                ex.fields["issue_date"] = Value(d.value, line.strip(), "place_date_line")
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
                    v, inferred, how = _complete(d, published, folded, ref)
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
            own_dates = [d for d in dates if s.start <= d.start < verb_at and not _is_cited_date(d, numbers_end, masked)]
            if own_dates:
                d = own_dates[-1]
                v, inferred, how = _complete(d, published, folded, ref)
                if v:
                    ex.fields["event_date"] = Value(v, shorten(s.text), "event_sentence_date" + how, inferred)
                    # the conference is what this article stands for: its date is the item's date
                    ex.fields["issue_date"] = Value(v, shorten(s.text), "event_date" + how, inferred)
                    return


def _doc_day(ex: Extraction) -> date | None:
    return ex.get("issue_date") or ex.get("event_date") or ex.get("published_date")


def _is_cited_date(d: DateMatch, numbers_end: list[int], text: str) -> bool:
    """'Kế hoạch số 40/KH-UBND ngày 10/3/2022': that date is the cited plan's, not the event's
    (but not across a line break: a headline ending in a number, then 'Sáng 7/4/2019, …')."""
    return any(0 <= d.start - e <= 8 and "\n" not in text[e:d.start] for e in numbers_end)


def _complete(d: DateMatch, published: date | None, folded: str, ref: Reference) -> tuple[date | None, bool, str]:
    if d.value:
        return d.value, False, ""
    if published:
        return complete_year(d.day, d.month, published), True, "+year_from_published_date"
    span_end = explicit_span_end(folded)
    if span_end:
        return _safe(span_end, d.month, d.day), True, "+year_from_period"
    m = re.search(r"(so ket|tong ket)\s+(\d{1,2})\s+nam\s+(?:thuc hien|trien khai)\s+(.{0,80})", folded)
    if m:
        years = int(m.group(2))
        tail = m.group(3)
        given = re.search(r"ngay\s+\d{1,2}\s?[/.-]\s?\d{1,2}\s?[/.-]\s?((?:19|20)\d\d)", tail[:60])
        if given:  # "sơ kết 3 năm thực hiện Chỉ thị 14/CT-TTg ngày 7/6/2019"
            return _safe(int(given.group(1)) + years, d.month, d.day), True, "+year_from_review_period"
        for inst in ref.instruments:
            idf = fold(inst.instrument_id)
            short = re.match(r"\d+", inst.instrument_id).group()
            kind = fold(inst.kind)
            if idf in tail or re.search(rf"{kind}\s+(so\s+)?{short}\b", tail):
                return _safe(inst.issue_date.year + years, d.month, d.day), True, "+year_from_review_period"
    return None, False, ""


def _safe(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None
