"""References to other texts: which ones a document carries out, which it only cites."""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from ..reference import Instrument, Reference
from ..text import fold, shorten
from .dates import DateMatch
from .numbers import NumberRef, number_key
from .rx import word_rx

KIND_WORDS = {
    "chuong trinh hanh dong": "CTr", "to trinh": "TTr",
    "nghi quyet": "NQ", "chi thi": "CT", "ket luan": "KL", "quyet dinh": "QĐ", "nghi dinh": "NĐ",
    "thong bao": "TB", "ke hoach": "KH", "cong van": "", "luat": "", "thong tu": "TT", "quy dinh": "QĐi",
    "huong dan": "HD", "chuong trinh": "CTr", "de an": "ĐA", "bao cao": "BC",
}
_KIND_ALT = "|".join(sorted(KIND_WORDS, key=len, reverse=True))
_KIND_BEFORE = re.compile(r"(" + _KIND_ALT + r")\s*(?:so\s*:?\s*)?$")
# "Nghị quyết số 29 của Bộ Chính trị", "Chỉ thị 28", "Quyết định 749/2020 của Thủ tướng"
_SHORT = word_rx(
    r"(?<!\w)(nghi quyet|chi thi|ket luan|quyet dinh)\s+(?:so\s+)?(\d{1,4})(?:\s*/\s*((?:19|20)\d\d))?(?![\d/\-\w])")
_SHORT_ISSUER = re.compile(
    r"^[^.;]{0,40}?\b(?:cua|do)\s+(bo chinh tri|ban bi thu|ban chap hanh trung uong|trung uong|thu tuong|chinh phu)")
_ISSUER_FORM = {"bo chinh tri": "TW", "ban bi thu": "TW", "ban chap hanh trung uong": "TW", "trung uong": "TW",
                "thu tuong": "TTg", "chinh phu": "CP"}
# verbs that make the text that follows the one being carried out
_IMPLEMENT_VERB = word_rx(
    r"(?<!\w)(thuc hien|trien khai(?: thuc hien)?|quan triet(?:,? (?:va )?trien khai)?|hoc tap,? quan triet"
    r"|so ket \d+ nam (?:thuc hien|trien khai)|tong ket \d+ nam (?:thuc hien|trien khai)|thi hanh|cu the hoa"
    r"|(?:so|tong) ket (?:viec )?(?:thuc hien|trien khai)|hien thuc hoa|dua vao cuoc song"
    # the text propagated at a conference: "truyền đạt những điểm chính của …", "giới thiệu Luật …"
    r"|truyen dat(?: toi(?: \w+){0,4}?(?= (?:nhung|cac|noi dung) ))?|gioi thieu|pho bien|nghien cuu,? quan triet"
    # a directive enforcing a central one: "đúng yêu cầu tại Chỉ thị 14/CT-TTg"
    r"|(?:theo|dung) (?:yeu cau|chi dao) (?:tai|cua)"
    # a news item's rules "…, căn cứ Kế hoạch số 57-KH/HVCTQG …" (mid-sentence; a formal
    # text's "Căn cứ" list opens its lines and is only cited, see infer_from_bases)
    r"|(?<=, )can cu)(?!\w)")
# "những điểm chính của", "các quy định trọng tâm của", "nội dung cơ bản của"
_CONTENT_OF = r"(?:(?:nhung|cac)\s+)?(?:diem|noi dung|quy dinh|tinh than)(?:\s+(?:chinh|co ban|cot loi|trong tam|moi|chu yeu))*\s+cua"
_IMMEDIATE = re.compile(r"^[\s,:“”\"'(]*(?:(?:" + _CONTENT_OF + r"|ve|viec|va|cac|noi dung|tinh than|co hieu qua|nghiem tuc"
                        # "quán triệt các nghị quyết của Bộ Chính trị: Nghị quyết số 29 …"
                        r"|cua (?:bo chinh tri|ban bi thu|ban chap hanh trung uong(?: dang)?|trung uong|chinh phu"
                        r"|thu tuong chinh phu)"
                        r"|thuc hien|thi hanh|so|luat(?:\s+\w+){1,6}?\s+so|" + _KIND_ALT + r")[\s,:“”\"']+)*$")
# "đưa Nghị quyết số 35-NQ/TW … (đi) vào cuộc sống": the verb wraps the reference
_INTO_LIFE_BEFORE = re.compile(r"\bdua\s+(?:(?:" + _KIND_ALT + r")\s*(?:so\s*)?)?$")
_INTO_LIFE_AFTER = re.compile(r"^[^.\n]{0,300}?\b(?:di\s+)?vao cuoc song\b")
# "gắn với việc thực hiện X": X accompanies the work, it is not what is carried out
_SECONDARY = re.compile(r"(gan voi|ket hop voi|cung voi|dong thoi voi)\s+(viec\s+)?$")


@dataclass
class Ref:
    instrument_id: str
    start: int
    end: int
    rule: str
    instrument: Instrument | None = None
    cited_date: date | None = None
    relation: str = "cites"
    via: str | None = None


@dataclass
class InstrumentLink:
    instrument_id: str
    relation: str
    evidence: str
    instrument_key: str | None
    catalogued: bool
    rule: str
    via: str | None = None
    cited_date: date | None = None
    warnings: list[str] = field(default_factory=list)
    inferred: bool = False


def _catalogue_match(ref_key: tuple, near_date: date | None, province_code: str | None,
                     ref: Reference, doc_day: date | None = None, year_only: bool = False) -> Instrument | None:
    cands = ref.instruments_by_number.get(ref_key, [])
    cands = [i for i in cands if i.level == "central" or i.province_code == province_code]
    return pick_edition(cands, near_date, doc_day, year_only)


def pick_edition(cands: list[Instrument], near_date: date | None, doc_day: date | None,
                 year_only: bool = False) -> Instrument | None:
    """One number or one name used for two texts (14/CT-TTg of 2018 and 2019, "Luật An ninh
    mạng" of 2018 and 2025): the date or year written beside it decides, else the latest one
    issued before the document; a full date that fits none of them leaves it uncatalogued."""
    if len(cands) <= 1:
        return cands[0] if cands else None
    if near_date:
        same = [i for i in cands if i.issue_date == near_date and not year_only] or \
               [i for i in cands if i.issue_date.year == near_date.year]
        if len(same) == 1:
            return same[0]
        if not year_only:
            return None
        # "Chỉ thị 14/CT-TTg năm 2021": a year that is no edition's is the year of the work
    if doc_day:
        # a law is applied from months after it is passed (the 2025 Luật An ninh mạng was
        # passed on 10/12/2025): until then its name still means the one in force
        before = [i for i in cands if i.issue_date <= doc_day]
        in_force = [i for i in before if i.kind != "Luật" or i.issue_date + _LAW_LEAD_TIME <= doc_day]
        return max(in_force or before, key=lambda i: i.issue_date) if before else None
    return None


_LAW_LEAD_TIME = timedelta(days=180)


def _date_after(dates: list[DateMatch], pos: int, text: str) -> date | None:
    for d in dates:
        if pos <= d.start <= pos + 12 and d.value and re.fullmatch(r"[\s,(]*(ngày)?\s*", text[pos:d.start]):
            return d.value
        if d.start > pos + 12:
            break
    return None


# "Chỉ thị số 14 năm 2019", "Luật An ninh mạng năm 2018", "Luật An toàn thông tin mạng 2015"
_YEAR_AFTER = re.compile(r"^[\s,(]*(?:nam\s+)?((?:19|20)\d\d)(?!\d|\s*[/.-]\d)")


def _year_after(folded: str, pos: int) -> date | None:
    m = _YEAR_AFTER.match(folded[pos:pos + 12])
    return date(int(m.group(1)), 1, 1) if m else None


def _beside(dates: list[DateMatch], pos: int, text: str, folded: str) -> tuple[date | None, bool]:
    """The date written right after a reference, or only its year (then the flag is True)."""
    d = _date_after(dates, pos, text)
    if d:
        return d, False
    y = _year_after(folded, pos)
    return (y, True) if y else (None, False)


# a title phrase names the text only after its kind word: "Nghị quyết số 35-NQ/TW … về …",
# "Đề án “Phát triển ứng dụng dữ liệu dân cư …”"
_TITLE_KIND = re.compile(r"(nghi quyet|chi thi|ket luan|quyet dinh|de an|chuong trinh|chien luoc)\b[^.;\n]{0,90}?$")
# "Nghị quyết … về việc tăng cường": words between the kind (or "về") and the title phrase
_TITLE_LEAD = re.compile(r"(?:\b(?:ve|viec|tang cuong|day manh|thuc hien|trien khai)\s*|[“\"'(]\s*)*$")


def _title_context(folded: str, start: int) -> int | None:
    """Where the kind word that a title phrase at `start` belongs to begins, if it has one:
    the reference then runs from "Nghị quyết" ("… quán triệt Nghị quyết của Bộ Chính trị về …")."""
    lo = max(0, start - 110)
    before = folded[lo:start]
    m = _TITLE_KIND.search(before)
    if not m:
        return None
    lead = _TITLE_LEAD.search(before)
    # directly after the kind word, or after "về" within the kind word's clause
    if lead is not None and (lead.start() == m.end(1) or re.search(r"\bve\b", before[m.end(1):]) is not None
                             or before[m.end(1):lead.start()].strip(" “\"") == ""):
        return lo + m.start(1)
    return None


def find_refs(text: str, folded: str, numbers: list[NumberRef], dates: list[DateMatch],
              own: NumberRef | None, province_code: str | None, ref: Reference,
              doc_day: date | None = None) -> list[Ref]:
    refs: list[Ref] = []
    spans: list[tuple[int, int]] = []
    own_key = number_key(own) if own is not None else None
    for n in numbers:
        if own is not None and (n.start == own.start or number_key(n) == own_key):
            continue
        before = folded[max(0, n.start - 24):n.start]
        has_kind = bool(_KIND_BEFORE.search(before))
        # a bare number without a kind word is only a reference if it looks like one of the
        # texts this dashboard follows (party form or a government code)
        if not has_kind and not (n.party or re.search(r"(QH\d+|-TTg|NĐ-CP|-UBND|-BCĐ)", n.code)):
            continue
        if n.kind_code.upper() == "TTR":  # a submission (Tờ trình) proposes a text, it is not one
            continue
        d, year_only = _beside(dates, n.end, text, folded)
        inst = _catalogue_match(number_key(n), d, province_code, ref, doc_day, year_only)
        rid = inst.instrument_id if inst else n.canonical
        refs.append(Ref(rid, n.start, n.end, "number", inst, None if year_only else d))
        spans.append((n.start, n.end))
    for m in _SHORT.finditer(folded):
        if any(a <= m.start(2) < b for a, b in spans):
            continue
        kind, num, year = m.group(1), int(m.group(2)), m.group(3)
        if folded[max(0, m.start() - 10):m.start()].rstrip().endswith("thong bao"):
            continue  # "Thông báo Kết luận 94": a party notice whose number form is not certain
        code = KIND_WORDS[kind]
        tail = _SHORT_ISSUER.match(folded[m.end():m.end() + 80])
        form = _ISSUER_FORM.get(tail.group(1)) if tail else None
        cands = []
        if form == "TW":
            cid = f"{num:02d}-{code}/TW" if num < 10 else f"{num}-{code}/TW"
            cands = list(ref.instruments_by_number.get(number_key(cid), []))
            rid = cands[0].instrument_id if cands else cid
        elif form == "TTg":
            cid = f"{num}/{code}-TTg"
            d, year_only = _beside(dates, m.end(), text, folded)
            if year and not d:
                d, year_only = date(int(year), 1, 1), True
            inst = _catalogue_match(number_key(cid), d, province_code, ref, doc_day, year_only)
            cands = [inst] if inst else []
            rid = inst.instrument_id if inst else cid
        else:
            # no issuer named: only a text this document also cites in full, or exactly one
            # central text of that kind and number in the catalogue
            same = [r for r in refs if r.instrument and r.instrument.instrument_id.split("-")[0].split("/")[0]
                    .lstrip("0") == str(num) and KIND_WORDS.get(fold(r.instrument.kind)) == code]
            if same:
                cands, rid = [same[0].instrument], same[0].instrument_id
            else:
                cat = [i for i in ref.instruments if i.level == "central" and KIND_WORDS.get(fold(i.kind)) == code
                       and int(re.match(r"\d+", i.instrument_id).group()) == num]
                if len(cat) != 1 or code in ("QĐ",):
                    continue
                cands, rid = cat, cat[0].instrument_id
        inst = cands[0] if cands else None
        refs.append(Ref(rid, m.start(), m.end(), "short_number", inst, _date_after(dates, m.end(), text)))
        spans.append((m.start(), m.end()))
    found: dict[tuple[int, int], list[Instrument]] = {}
    for inst, rx, contextual in ref.alias_patterns:
        for m in rx.finditer(folded):
            if inst.province_code and inst.province_code != province_code:
                continue
            start = m.start()
            if contextual:
                start = _title_context(folded, m.start())
                if start is None:
                    continue
            if (start, m.end()) in found:  # one name, two texts ("Luật An ninh mạng")
                found[(start, m.end())].append(inst)
                continue
            if any(a <= m.start() < b or a <= start < b or start <= a < m.end() for a, b in spans):
                continue
            found[(start, m.end())] = [inst]
            spans.append((start, m.end()))
    for (start, end), cands in found.items():
        d, year_only = _beside(dates, end, text, folded)
        if d is None:  # "Luật An ninh mạng ngày 12 tháng 6 năm 2018"
            m = re.match(r"[\s,]*ngay\s+\d{1,2}\s+thang\s+\d{1,2}\s+nam\s+((?:19|20)\d\d)", folded[end:end + 40])
            d, year_only = (date(int(m.group(1)), 1, 1), True) if m else (None, False)
        inst = pick_edition(cands, d, doc_day, year_only)
        if inst is None and d is None and doc_day is None:
            inst = min(cands, key=lambda i: i.issue_date)  # an undated text names the older law
        if inst is None or d and year_only and inst.kind == "Luật" and inst.issue_date.year != d.year:
            continue  # "Luật Giao dịch điện tử năm 2023": another law of the same name
        # a title inside a reference already found ("29-NQ/TW … về Chiến lược …")
        if any(r.instrument_id == inst.instrument_id and r.rule != "alias" and 0 <= start - r.end < 250
               and "\n" not in folded[r.end:start] for r in refs):
            continue
        # the name with its number right after it ("Luật An ninh mạng số 116/2025/QH15"): the number says which
        if any(r.rule != "alias" and 0 <= r.start - end <= 6 and re.fullmatch(r"[\s,]*(?:so\s*:?)?\s*",
                                                                               folded[end:r.start]) for r in refs):
            continue
        refs.append(Ref(inst.instrument_id, start, end, "alias", inst))
    refs.sort(key=lambda r: r.start)
    return refs


_HEADING = re.compile(r"(?:[ivxlc]+|\d{1,2}|[a-dđ])[.)]\s|dieu\s+\d|quyet dinh\s*:|(?:xet|theo) de nghi\b")
_PREAMBLE = re.compile(r"(?:(?:de|nham) )?(?:tiep tuc )?(?:thuc hien|trien khai|quan triet|cu the hoa|can cu)\b")


def preamble_spans(folded: str, body_lines: list[tuple[int, int]], limit: int = 40) -> list[tuple[int, int]]:
    """The "Căn cứ …"/"Thực hiện …" paragraphs before the first section or "QUYẾT ĐỊNH:".
    A saved PDF wraps each one over several lines ("Thực hiện Chỉ thị số" / "12/CT-TTg …"):
    a paragraph runs until the next line that opens one, a blank line or 800 characters."""
    out: list[tuple[int, int]] = []
    lines = body_lines[:limit]
    for k, (a, b) in enumerate(lines):
        head = folded[a:b].lstrip()
        if _HEADING.match(head):
            break
        if not _PREAMBLE.match(head):
            continue
        end = b
        for a2, b2 in lines[k + 1:]:
            nxt = folded[a2:b2].lstrip()
            if _PREAMBLE.match(nxt) or _HEADING.match(nxt) or "\n\n" in folded[end:a2] or b2 - a > 800:
                break
            end = b2
        out.append((a, end))
    return out


# Central texts by their form, catalogued or not: Party Central (…/TW and its organs, -NQ/TW,
# -KL/BTGTW, -KH/BCĐTW, the National Academy …/HVCTQG), the Prime Minister (-TTg), the
# Government (NĐ-CP, NQ-CP), the National Assembly (/QH14) and the ministries (QĐ-BTTTT,
# TT-BCA, 1552/BTTTT-THH …). "-KH/BCH", "-KH/BCĐ" are local commands and committees.
_MINISTRY = (r"B(?:TTTT|CA|QP|KHCN|YT|GDĐT|NV|TC|TP|VHTTDL|LĐTBXH|KHĐT|CT|NNPTNT|TNMT|XD|GTVT|NG|DTTG)|NHNN"
             r"|VPCP|TTCP|KTNN")
# CT, TCCT after the kind: the army's General Political Department ("Chỉ thị 47/CT-CT")
_CENTRAL_FORM = re.compile(r"(?:/\w*TW|/HVCTQG)$|-TTg\b|NĐ-CP|NQ-CP|/QH\d+$|/(?:QĐ|TT|CT|NQ|KH|HD|TTLT)-(?:" + _MINISTRY
                           + r"|CT|TCCT)(?:-|$)|^\d+/(?:" + _MINISTRY + r")-")


def is_central_form(instrument_id: str) -> bool:
    return bool(_CENTRAL_FORM.search(instrument_id))


# what the reported plan, conference or exercise is for: "Kế hoạch (được ban hành) nhằm thực
# hiện …", "Cuộc diễn tập nhằm triển khai …"; and beyond the lead "… nhằm đưa vào cuộc sống Nghị
# quyết …", "… đúng yêu cầu tại Chỉ thị 14/CT-TTg …"
_PURPOSE = re.compile(r"(?:^|[.;]\s+)[^.;\n]{0,60}?\b(?:nham|de|la de)\s+(?:tiep tuc\s+)?(?:thuc hien|trien khai|cu the hoa)"
                      r"\b[^\n]*", re.M)
_PURPOSE_CUE = re.compile(r"\b(?:(?:nham|de)\s+(?:gop phan\s+)?dua\b|(?:theo|dung) (?:yeu cau|chi dao) (?:tai|cua)\b)")


def purpose_spans(folded: str, body_lines: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """From each purpose clause to the end of its line."""
    return ([(m.start(), b) for a, b in body_lines for m in _PURPOSE.finditer(folded, a, b)]
            + [(m.start(), b) for a, b in body_lines for m in _PURPOSE_CUE.finditer(folded, a, b)])


def mark_implements(refs: list[Ref], folded: str, lead_spans: list[tuple[int, int]],
                    own: NumberRef | None, through_local: bool = False) -> None:
    """A reference is carried out when, in a lead position (title, preamble, news lead),
    an implementing verb governs it directly, or it continues a list that one governs."""
    for a, b in lead_spans:
        inside = [r for r in refs if a <= r.start < b]
        prev_impl: Ref | None = None
        for i, r in enumerate(inside):
            verbs = [v for v in _IMPLEMENT_VERB.finditer(folded, a, r.start)
                     if not _SECONDARY.search(folded[max(0, v.start() - 16):v.start()])]
            if verbs:
                v = verbs[-1]
                if ((v.group().endswith((" tai", " cua")) or v.group() == "can cu") and not is_central_form(r.instrument_id)
                        or v.group() == "can cu" and re.search(r"/QH\d+$", r.instrument_id)):
                    # "Theo yêu cầu tại Công văn 1876-CV/HU …": a local request only triggers the work
                    verbs = []
            if verbs:
                between = folded[v.end():r.start]
                outer = _nested(inside[:i], v.start(), folded)
                if _IMMEDIATE.match(between) and outer is None:
                    r.relation = "implements"
                    prev_impl = r
                    continue
                if (_IMMEDIATE.match(between) and through_local and outer.relation == "cites"
                        and is_central_form(r.instrument_id) and not is_central_form(outer.instrument_id)):
                    # the local text relayed is about carrying out the central one
                    r.relation = "implements"
                    continue
                if _IMMEDIATE.match(between) and outer.relation == "implements":
                    # "Kế hoạch 52/KH-UBND … về thực hiện Nghị quyết 29-NQ/TW": carried out through it
                    r.relation, r.via = "implements", outer.instrument_id
                    continue
                if (not folded[max(a, folded.rfind("\n", 0, v.start()) + 1):v.start()].strip() and ";" in between
                        and outer is None
                        and re.fullmatch(r"\s*(" + _KIND_ALT + r")\s*(so\s*:?)?\s*", between.rsplit(";", 1)[1])):
                    # the preamble "Thực hiện quy định …; Quyết định số 964/QĐ-TTg …; Quyết định …":
                    # every item of the verb's list is carried out
                    r.relation = "implements"
                    prev_impl = r
                    continue
            if (_INTO_LIFE_BEFORE.search(folded[max(0, r.start - 40):r.start])
                    and _INTO_LIFE_AFTER.match(folded[r.end:b])):
                r.relation = "implements"
                prev_impl = r
                continue
            if prev_impl is not None and inside[i - 1] is prev_impl:
                gap = folded[prev_impl.end:r.start]
                # the next item of the same list: ", Kế hoạch số …", "; Kế hoạch số …", " và Nghị quyết …",
                # "; các quy định trọng tâm của Luật …", "… cùng Nghị quyết số 35-NQ/TW" (the same kind)
                same_kind = _kind_before(folded, prev_impl.start)
                if (
                        re.search(r"(,|\bva\b)\s*(" + _KIND_ALT + r")?\s*(so\s*)?[“\"]?\s*$", gap)
                        and ";" not in gap
                        or re.search(r";\s*(?:" + _CONTENT_OF + r"\s*)?(" + _KIND_ALT + r")?\s*(so\s*)?$", gap)
                        and gap.count(";") == 1
                        or same_kind and ";" not in gap
                        and is_central_form(r.instrument_id) == is_central_form(prev_impl.instrument_id)
                        and re.search(r"\bcung(?: voi)?\s+" + same_kind + r"\s*(so\s*)?$", gap)):
                    r.relation = "implements"
                    prev_impl = r


def _kind_before(folded: str, pos: int) -> str | None:
    m = _KIND_BEFORE.search(folded[max(0, pos - 24):pos])
    return m.group(1) if m else None


def _nested(earlier: list[Ref], verb_pos: int, folded: str) -> Ref | None:
    """'… Kết luận 44-KL/TW về việc tiếp tục đẩy mạnh việc thực hiện Chỉ thị 09-CT/TW': the
    verb sits inside another reference's title; the inner text shares the outer one's fate."""
    for r in reversed(earlier):
        if r.end <= verb_pos:
            seg = folded[r.end:verb_pos]
            m = None
            for m in re.finditer(r"\bve\b", seg):
                pass
            # nested only when the verb sits in that reference's own title: no list break between
            if m and not re.search(r"[,;]", seg[m.end():]):
                return r
            # "Công văn 1552/BTTTT-THH năm 2022 hướng dẫn kỹ thuật triển khai Đề án 06"
            return r if len(seg) < 70 and re.search(r"\bhuong dan\b", seg) and not re.search(r"[,;.\n]", seg) else None
    return None


_ACTION_PROGRAMME = re.compile(r"\b(ke hoach hanh dong|chuong trinh hanh dong)\b")


def mark_action_programmes(links: list[InstrumentLink], ref: Reference) -> None:
    """Foundational laws are only cited. A ministry's or the Government's action programme
    for a text this document carries out (566/QĐ-BTTTT for 964/QĐ-TTg, 22/NQ-CP for 30-NQ/TW), cited beside it, is carried
    out with it: the local plan takes its tasks from both."""
    for link in links:  # the laws every decision is made under are its bases, never its subject
        inst = ref.instrument_by_key.get(link.instrument_key) if link.instrument_key else None
        if link.relation == "implements" and inst and _FOUNDATIONAL.search(fold(inst.title_vi)):
            link.relation = "cites"
    done = {link.instrument_key for link in links if link.relation == "implements" and link.instrument_key}
    for link in links:
        inst = ref.instrument_by_key.get(link.instrument_key) if link.instrument_key else None
        if (link.relation == "cites" and inst and inst.level == "central" and inst.implements in done
                and _ACTION_PROGRAMME.search(fold(inst.title_vi))):
            link.relation, link.rule = "implements", "action_programme"


# --- a text with only a "Căn cứ" list: which central text does it carry out? --------------
# The labellers' rule: the central text whose subject matches the document's own title and
# purpose (an incident-response plan carries out the incident-response decision, not the Law
# on Local Government). Measured by the subject words the two share, each weighted by how
# rare it is among the catalogue's titles.
_BASIS_HEADING = re.compile(r"^[\s\divxlc.)-]*can cu(?: (?:lap|xay dung|phap ly|ban hanh)\b[^\n]{0,30})?\s*:?\s*$")
_LIST_ITEM = re.compile(r"^\s*[-–+•*]\s*")
_SECTION = re.compile(r"^\s*(?:[ivxlc]+|\d{1,2})[.)]\s")
_FOUNDATIONAL = re.compile(r"to chuc chinh quyen dia phuong|ban hanh van ban quy pham phap luat|to chuc chinh phu")
_SUBJECT_ACT = re.compile(r"\b(?:ban hanh|phe duyet|xay dung)\s+(?:kem theo quyet dinh nay\s+)?"
                          r"(?:ke hoach|quy dinh|quy che|de an|chuong trinh)\b[^.;:\n]{10,240}")
_BOILERPLATE = re.compile(r"^(?:\W*(?:cong hoa|hoa xa hoi|doc lap|uy ban|ban nhan dan|ubnd|so\s*:|chu tich|tinh uy|dang bo"
                          r"|dang cong san)|(?:quyet dinh|ke hoach|chi thi|nghi quyet)\s*:?$|[^a-z]*$)")
_RATE_FLOOR = 5.5  # summed rarity of the shared word pairs: a three-word phrase, or more common pairs


def basis_spans(folded: str, lines: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The "Căn cứ …" paragraphs, and the items of a "CĂN CỨ (LẬP KẾ HOẠCH)" section."""
    out = [s for s in preamble_spans(folded, lines, limit=60) if folded[s[0]:s[1]].lstrip().startswith("can cu")]
    in_list = False
    for a, b in lines[:80]:
        ln = folded[a:b]
        if _BASIS_HEADING.match(ln):
            in_list = True
        elif in_list and _SECTION.match(ln):
            break
        elif in_list and _LIST_ITEM.match(ln):
            out.append((a, b))
    return out


class SubjectWords:
    """Folded subject words of a title as a set of word pairs, normalised by the vocabulary
    in data/reference/subject_words.csv; its rarity weights come from the catalogue."""

    def __init__(self, ref: Reference):
        def phrase_rx(p: str) -> str:
            return r"\b" + r"[\s,]+".join(re.escape(w) for w in fold(p).split()) + r"\b"
        rows = ref.subject_words
        self.same = [(re.compile(phrase_rx(p)), fold(c)) for k, p, c in rows if k == "same"]
        stops = sorted((fold(p) for k, p, _ in rows if k == "stop"), key=len, reverse=True)
        self.stop = re.compile(r"\b(?:" + "|".join(r"\s+".join(map(re.escape, s.split())) for s in stops) + r")\b")
        # the pairs of the field's own words: shared alone, they say two texts are both about
        # cyber security, not that one carries out the other
        self.generic: set[str] = set()
        orgs = [fold(p) for k, p, _ in rows if k == "organise"]
        self.organise = re.compile(r"\b(?:" + "|".join(map(re.escape, orgs)) + r")\b")
        df: dict[str, int] = {}
        central = [i for i in ref.instruments if i.level == "central"]
        for i in central:
            for bg in self.pairs(" ; ".join((i.title_vi,) + i.aliases + i.title_aliases)):
                df[bg] = df.get(bg, 0) + 1
        n = len(central)
        self.weight = {bg: 1.0 + math.log((n + 1) / (c + 1)) for bg, c in df.items()}
        for k, p, _ in rows:
            if k == "generic":
                self.generic |= self.pairs(p)
        self.unseen = 1.0 + math.log(n + 1)

    def pairs(self, text: str) -> set[str]:
        f = fold(text)
        for rx, canon in self.same:
            f = rx.sub(canon, f)
        f = self.stop.sub(" | ", f)
        out: set[str] = set()
        for seg in re.split(r"[|,;.:()“”\"'\-–/]+|\d+", f):
            words = seg.split()
            out.update(f"{x} {y}" for x, y in zip(words, words[1:]))
        return out

    def parts(self, text: str) -> list[set[str]]:
        """A title that joins several subjects ("chuyển đổi số và bảo đảm an toàn thông tin
        mạng") is matched subject by subject."""
        f = fold(text)
        for rx, canon in self.same:
            f = rx.sub(canon, f)
        return [p for p in (self.pairs(x) for x in re.split(r",|;|\bva\b|\bgan voi\b", f)) if p]

    def score(self, mine: set[str], theirs: set[str]) -> float:
        shared = mine & theirs
        return sum(self.weight.get(b, self.unseen) for b in shared) if len(shared) >= 2 else 0.0


def subject_words(ref: Reference) -> SubjectWords:
    sw = ref._cache.get("subject_words")
    if sw is None:
        sw = ref._cache["subject_words"] = SubjectWords(ref)
    return sw


def document_subject(masked: str, folded: str, lines: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Where a text states its own subject: the upper-case title block of the header and the
    operative "ban hành Kế hoạch …" / "Điều 1. Ban hành kèm theo Quyết định này Quy định …"."""
    out: list[tuple[int, int]] = []
    run: list[tuple[int, int]] = []
    for a, b in lines[:40]:
        s, f = masked[a:b].strip(), folded[a:b].strip()
        if f.startswith("can cu") or _BASIS_HEADING.match(f) or _SECTION.match(f):
            break
        letters = [c for c in s if c.isalpha()]
        if len(letters) >= 8 and sum(c.isupper() for c in letters) >= 0.9 * len(letters) and not _BOILERPLATE.match(f):
            run.append((a, b))
        elif run:
            out.append((run[0][0], run[-1][1]))
            run = []
    if run:
        out.append((run[0][0], run[-1][1]))
    for m in _SUBJECT_ACT.finditer(folded, 0, min(len(folded), 6000)):
        line_start = folded.rfind("\n", 0, m.start()) + 1
        # "Căn cứ Quyết định số 749/QĐ-TTg … phê duyệt Chương trình …": the cited text's subject
        if not re.search(r"\d\s*[/-]\s*\w|^\s*can cu", folded[line_start:m.start()]):
            out.append((m.start(), m.end()))
    return out


def infer_from_bases(links: list[InstrumentLink], refs: list[Ref], masked: str, folded: str,
                     lines: list[tuple[int, int]], ref: Reference, is_plan: bool,
                     keep: int = 2, address_subject: str | None = None) -> None:
    """Nothing carried out by "Thực hiện …" and only a "Căn cứ" list: the central texts of that
    list whose subject matches the document's own (one per subject its title joins, at most
    `keep`), marked inferred. Laws, foundational texts and Thông tư are bases, never carried
    out; a Nghị định only by a plan; a decision that sets up a body carries out nothing.
    `address_subject`: the words of the page's address, the subject when the saved page lost
    its own title (a legal site's address repeats it); tried only if the text's gives nothing."""
    if any(link.relation == "implements" for link in links):
        return
    sw = subject_words(ref)
    subj_spans = document_subject(masked, folded, lines)
    subject = " ; ".join(dict.fromkeys(" ".join(masked[a:b].split()) for a, b in subj_spans))
    if sw.organise.search(fold(subject)):
        return
    parts = [p for a, b in subj_spans for p in sw.parts(masked[a:b])]
    _infer(links, refs, masked, folded, lines, ref, is_plan, keep, sw, subject, parts)
    if address_subject and not any(link.rule == "inferred_subject" for link in links) \
            and not sw.organise.search(fold(address_subject)):
        _infer(links, refs, masked, folded, lines, ref, is_plan, keep, sw, address_subject,
               sw.parts(address_subject))


def _infer(links: list[InstrumentLink], refs: list[Ref], masked: str, folded: str, lines: list[tuple[int, int]],
           ref: Reference, is_plan: bool, keep: int, sw: SubjectWords, subject: str, parts: list[set[str]]) -> None:
    if not subject or not parts:
        return
    bases = basis_spans(folded, lines)
    by_id = {link.instrument_id: link for link in links}
    best: dict[str, tuple[float, Ref, str]] = {}
    for r in refs:
        span = next(((a, b) for a, b in bases if a <= r.start < b), None)
        link = by_id.get(r.instrument_id)
        if span is None or link is None or not is_central_form(r.instrument_id):
            continue
        inst = r.instrument
        kind = fold(inst.kind) if inst else KIND_CODE_NAME.get(r.instrument_id.split("/")[-1].split("-")[0], "")
        about = (inst.title_vi + " ; " + " ; ".join(inst.aliases + inst.title_aliases)) if inst else ""
        clause = masked[r.end:span[1]].split(";")[0]
        if (kind in ("luat", "thong tu") or re.search(r"/QH\d+$|TT-", r.instrument_id)
                or _FOUNDATIONAL.search(fold(about + clause)) or kind == "nghi dinh" and not is_plan):
            continue
        theirs = sw.pairs(about + " ; " + clause)
        for k, mine in enumerate(parts):
            # a regulation must share more than the field's own words with what it carries out
            sc = sw.score(mine, theirs) if is_plan or (mine & theirs) - sw.generic else 0.0
            # on a tie the text with the narrower subject: "Chương trình Chuyển đổi số quốc gia"
            # rather than an Đề án that only serves digital transformation
            sc -= len(theirs) / 1000
            if sc >= _RATE_FLOOR and sc > best.get(str(k), (0.0,))[0]:
                best[str(k)] = (sc, r, masked[span[0]:span[1]])
    chosen: dict[str, tuple[float, Ref, str]] = {}
    for sc, r, basis in sorted(best.values(), key=lambda t: -t[0]):
        if r.instrument_id not in chosen and len(chosen) < keep:
            chosen[r.instrument_id] = (sc, r, basis)
    title = shorten(subject, 160)
    for iid, (sc, r, basis) in chosen.items():
        link = by_id[iid]
        link.relation, link.rule, link.inferred = "implements", "inferred_subject", True
        link.evidence = shorten(f"{title} … {basis.strip()}", 400)


KIND_CODE_NAME = {"QĐ": "quyet dinh", "CT": "chi thi", "NQ": "nghi quyet", "KL": "ket luan", "NĐ": "nghi dinh",
                  "TT": "thong tu"}
