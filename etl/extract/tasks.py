"""Task statements: what a plan, directive, letter or report assigns, to whom, and by when.

The document is read as an outline. Every line is a heading, a numbered item or a paragraph:

* items carry a marker - "I." (Roman), "A.", "Phần I", "Điều 1.", "1.", "1-", "1/", "1.1.",
  "a)", "(1)", "-", "+", "•". Nesting follows the order in which marker kinds appear (with the
  usual seniority I > 1 > 1.1 > a) > (1) > - > + as a tie-breaker); an unmarked line in
  capitals is a section heading, and so is a short unmarked line that names a section
  ("Mục đích", "Tổ chức thực hiện": Word's automatic numbering is lost in the text);
* a heading (section or short item title) that reads like "NHIỆM VỤ, GIẢI PHÁP", "NHIỆM VỤ
  CỤ THỂ", "CÁC NHIỆM VỤ, GIẢI PHÁP CHỦ YẾU", "PHƯƠNG HƯỚNG, NHIỆM VỤ", "TỔ CHỨC THỰC HIỆN",
  "PHÂN CÔNG NHIỆM VỤ", "NỘI DUNG" opens a task zone; "MỤC ĐÍCH, YÊU CẦU", "MỤC TIÊU",
  "KẾT QUẢ…", "TÌNH HÌNH…", "HẠN CHẾ…", "ĐỀ XUẤT, KIẾN NGHỊ" … open a zone with no tasks;
  "KINH PHÍ" and other text is neutral. The nearest classified heading above a line decides;
  so does an introduction "… yêu cầu các cơ quan thực hiện tốt các nội dung sau:" for the
  items after it;
* in a task zone every leaf item is a task (its text is the item with the paragraphs under
  it); an item whose children are only "Cơ quan chủ trì: …", "Thời gian: …" lines or a list of
  documents keeps them as its own text. Unmarked paragraphs directly under a task heading
  are tasks too, except a line that only names an agency ("Công an tỉnh:"), which gives its
  agency to what follows;
* in neutral text (news items, preambles, unclassified sections) a sentence is a task only
  when it assigns work to an agency: "Công an tỉnh chủ trì, phối hợp với…", "Giao Sở TT&TT…",
  "đề nghị Ban Tuyên giáo Quận ủy phối hợp với…", "Sở Tài chính ưu tiên bố trí kinh phí…".
  Following sentences of the same paragraph without a new subject belong to it. Work reported
  as done is not a task ("đã …", "tổ chức 20 lớp …", "Sáng 12/5, …"), nor is a headline;
* an inline enumeration "(1) …; (2) …" ("…: 1. …; 2. …", "…: a) …; b) …") is split into one
  task per item when it sits in a task zone or follows words like "nhiệm vụ", "giải pháp";
* a table of tasks ("TT | Nội dung | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian"; a web
  page's pipe rows or a Word table's one-cell-per-line) gives one task per row;
* never tasks: the "Kính gửi" and "Nơi nhận" lists, what follows a signature ("TM.", "KT."),
  the letterhead, page furniture and lists of links, a document announcing itself ("Sở … ban
  hành Kế hoạch … như sau"), closing formulas ("Trên đây là…", "Trong quá trình thực hiện,
  nếu có khó khăn…", "… chịu trách nhiệm thi hành Quyết định này").

Agencies: the lead is the subject of the assignment (or the one given the work: "giao X",
"đề nghị X", "yêu cầu X", "X được giao"), or the agency of an item heading such as
"1. Công an tỉnh:" for everything under it, or the "Cơ quan chủ trì:" label; supporting
agencies follow "phối hợp với", "phối hợp cùng", "với sự phối hợp của", "Cơ quan phối hợp:",
or are subjects of a bare "… phối hợp". Only names that look like agencies count (see
agencies.match_agency); all are normalised. In a document of a city inside a province ("UBND
thành phố Biên Hòa"), "Công an thành phố" is that city's police (cấp huyện).
"""
from __future__ import annotations

import contextvars
import datetime
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from ..text import nfc, sentences
from .agencies import lower_key, match_agency_list, normalise_agency
from .deadlines import Deadline, find_deadlines
from .rx import phrases_rx, vocabulary

TEXT_LIMIT = 600
EVIDENCE_LIMIT = 800


@dataclass
class Task:
    ordinal: int
    text: str
    evidence: str
    section: str | None
    agencies: list[tuple[str, str]]  # (normalised agency, 'lead' | 'support')
    deadlines: list[Deadline]


# =========================================================================== agency roles

# The verbs and openers of a clause, written once in data/reference/clause_verbs.csv
_VERBS = vocabulary("clause_verbs")


def _w(group: str) -> str:
    return phrases_rx(_VERBS[group])


_ASSIGN = _w("assign")
_RX_ASSIGN_AT = re.compile(rf"{_ASSIGN}\s+")
_RX_ASSIGN_ANY = re.compile(r"(?:(?<=^)|(?<=[\s,;:(]))(?:giao(?:\s+cho)?|đề nghị|yêu cầu)\s+")
_SUBJ_VERB = re.compile(
    r"\s*(?::|[-–]\s|,\s*(?=chủ trì|phối hợp|có trách nhiệm|căn cứ|theo chức năng))?\s*(?:cũng\s+|(?P<passive>được)\s+(?=giao|phân công))?"
    r"(?:cần\s+|phải\s+|sẽ\s+|có trách nhiệm\s+)?"
    r"(?P<v>" + _w("subject_verb") + r")(?!\w)")
_PARTNER = re.compile(r"\s*,?\s*(?:và|cùng|cùng với)\s+(?=\S)")
_WORDPOS = re.compile(r"(?<=\s)\S+|[,;:.(]")
_PAST = re.compile(r"\s*(?:,\s*)?(?:đã|đang|vừa|từng|được(?!\s+(?:giao|phân công|đề nghị|yêu cầu))|cũng đã|đều đã|luôn)(?!\w)")
_INTRO = re.compile(_w("intro") + r"(?!\w)")
# (?:[,;:]|\s[-–])\s+ written to start with one character class, which the regex engine scans for fast
_CLAUSE = re.compile(r"[,;:\s](?:(?<=[,;:])|(?<=\s)[-–])\s+")
_LEAD_VERB_MID = re.compile(
    r"\s*(?:\([^()]{0,80}\)\s*)?(?:chủ trì|là cơ quan (?:chủ trì|thường trực|đầu mối)|là đơn vị (?:chủ trì|đầu mối)|"
    r"làm đầu mối|chịu trách nhiệm chính)(?!\w)(?!\s+(?:hội nghị|buổi|cuộc|lễ|phiên|kỳ họp|tọa đàm|hội thảo|giao ban))")
_SUPPORT_VERB_MID = re.compile(r"\s*(?:cùng\s+)?(?:phối hợp|tham gia phối hợp)(?!\s+(?:với|cùng|chặt chẽ))(?!\w)")
_RX_SUPPORT = re.compile(
    r"(?:phối hợp|phối kết hợp)(?:\s+chặt chẽ)?(?:\s+(?:với|cùng(?:\s+với)?))?\s+(?=\S)|với sự phối hợp(?:\s+chặt chẽ)?\s+của\s+|"
    r"(?:cơ quan|đơn vị)\s+phối hợp(?:\s+thực hiện)?\s*[:\-–]\s*|(?:(?<=^)|(?<=[;.,(]\s))phối hợp\s*:\s*")
_RX_LABEL_LEAD = re.compile(
    r"(?:cơ quan|đơn vị)\s+(?:chủ trì|thực hiện|thường trực|đầu mối|chịu trách nhiệm|tham mưu)(?:\s+thực hiện)?\s*[:\-–]\s*|"
    r"(?:(?<=^)|(?<=[;.,(]\s))(?:chủ trì|thực hiện)\s*:\s*")
_RX_DO = re.compile(r"do(?<!\wdo)\s+")  # (?<!\w)do\s+, the literal first for a fast scan
_DO_VERB = re.compile(r"\s*" + _w("do_verb") + r"(?!\w)")
_MARKER_PREFIX = re.compile(
    r"^\s*(?:[*#_>]+\s*)?(?:(?:Phần|PHẦN|Điều|ĐIỀU)\s+\S+\s*[.:]\s*|[IVX]{1,6}\s*[.)]\s*|[A-ZĐ]\s*[.)]\s+|"
    r"\d{1,2}(?:\.\d{1,2}){1,3}\.?\s+|\d{1,2}\s*[.)](?!\d)\s*|\d{1,2}\s*[-–/]\s*(?=[^\W\d_])|[IVX]{1,5}\s*[-–/]\s*(?=[^\W\d_])|"
    r"[a-zđ]\s*[).]\s+|[a-zđ]\s*/\s*(?=[^\W\d_])|\(\s*(?:\d{1,2}|[a-zđ])\s*\)\s*|[-–—+•●○▪■◦·*►✓❖]\s*)")


def _may_label(key: str) -> bool:
    """What _RX_LABEL_LEAD needs: a label word and a colon or dash."""
    return ("cơ quan" in key or "đơn vị" in key or "chủ trì" in key or "thực hiện" in key) and (
        ":" in key or "-" in key or "–" in key)


_NOT_A_TO_Z = bytes(b for b in range(256) if not 97 <= b <= 122)


def _mostly_upper(s: str) -> bool:
    # Most text is lower case: more than 70 % capitals among the letters needs more than 7/3
    # capitals per lower-case letter, and there are at most len(s) - (lower-case letters) of
    # them. The a-z bytes of the UTF-8 form (counted in C) are some of the lower-case letters,
    # so when they alone are too many the answer is no.
    if 3 * len(s) <= 10 * len(s.encode("utf-8", "surrogatepass").translate(None, _NOT_A_TO_Z)):
        return False
    # map/filter with str methods keep the per-character loop in C
    letters = "".join(filter(str.isalpha, s))
    if len(letters) < 6:
        return False
    return sum(map(str.isupper, letters)) / len(letters) > 0.7


# True while reading a document of a city inside a province ("UBND thành phố Biên Hòa"): there
# "Công an thành phố" / "Thành ủy" are the district-level bodies, not the provincial ones.
_CITY_IS_DISTRICT: contextvars.ContextVar[bool] = contextvars.ContextVar("city_is_district", default=False)
_BARE_CITY = re.compile(r"(?P<head>(?:văn phòng\s+)?(?:công an|ubnd|ủy ban nhân dân|hđnd|hội đồng nhân dân|hđnd và ubnd|"
                        r"ban chỉ huy quân sự|ban chqs|mặt trận tổ quốc|ủy ban mttq việt nam))\s+(?:thành phố|tp\.?)")
_CITY_DOC = re.compile(r"(?:ubnd|ủy ban nhân dân|thành ủy|hđnd|hội đồng nhân dân)\s+(?:thành phố|tp\.)\s*(?=\S)")
_CENTRAL_CITY = re.compile(phrases_rx(vocabulary("agency_words")["central_city"]) + r"(?!\w)")


def _city_is_district(text: str) -> bool:
    """The document comes from a city inside a province (named in its first lines)."""
    head = text[:2500]
    key = lower_key(head)
    for m in _CITY_DOC.finditer(key):
        if head[m.end():m.end() + 1].isupper():
            return not _CENTRAL_CITY.match(key, m.end())
    return False


_CITY_COMMITTEE = re.compile(r"(?:ban\s+[^,;]+?\s+)?thành ủy")


def _names(orig: str, spans: list[tuple[int, int]]) -> list[str]:
    out = []
    city = _CITY_IS_DISTRICT.get()
    for a, b in spans:
        raw = orig[a:b]
        if city:
            k = lower_key(raw).strip()
            if _BARE_CITY.fullmatch(k):
                raw = raw[: _BARE_CITY.fullmatch(k).end("head")] + " huyện"
            elif _CITY_COMMITTEE.fullmatch(k):
                raw = raw[: len(k) - len("thành ủy")] + "Huyện ủy"
        n = normalise_agency(raw)
        if n and n not in out:
            out.append(n)
    return out


@dataclass
class _Roles:
    leads: list[str] = field(default_factory=list)
    supports: list[str] = field(default_factory=list)
    heading_only: bool = False  # the sentence is nothing but an agency name ("1. Công an tỉnh:")
    past: bool = False
    subject_end: int = 0        # end of the subject's agency list in the sentence

    def merged(self) -> list[tuple[str, str]]:
        out = [(a, "lead") for a in self.leads]
        out += [(a, "support") for a in self.supports if a not in self.leads]
        return out


_ASSIGN_AFTER = re.compile(rf"\s*(?:,\s*)?{_ASSIGN}\s+")
_COLON_OR_END = re.compile(r"\s*(?::|$)")
_WITH = re.compile(r"\s+(?:với|cùng|chặt chẽ)")


def _subject_at(key: str, orig: str, pos: int, roles: _Roles) -> bool:
    """An assignment whose subject starts at `pos`; fills `roles`; True when found."""
    p = pos
    assign = _RX_ASSIGN_AT.match(key, p)
    if assign:
        p = assign.end()
    spans, end = match_agency_list(key, orig, p)
    if not spans:
        return False
    roles.subject_end = max(roles.subject_end, end)
    rest = key[end:].strip(" \t:;,.-–()/")
    if not rest:
        roles.leads += _names(orig, spans)
        roles.heading_only = not assign
        return True
    if _PAST.match(key, end):
        roles.past = True
        return False
    # "UBND tỉnh giao Sở TT&TT …": the one given the work leads
    m = _ASSIGN_AFTER.match(key, end)
    if m:
        spans2, end2 = match_agency_list(key, orig, m.end())
        if spans2:
            roles.leads += _names(orig, spans2)
            return True
    v = _SUBJ_VERB.match(key, end)
    if v and not v.group("passive") and (v.group("v") in ("giao", "yêu cầu", "đề nghị")
              or v.group("v") == "chỉ đạo" and _COLON_OR_END.match(key, v.end())):
        return False  # "Chủ tịch UBND tỉnh yêu cầu: …" - the one asking is not the one doing
    if not v:
        # "Sở TT&TT và các doanh nghiệp viễn thông triển khai …": skip a trailing partner that
        # is not an agency
        tail = _PARTNER.match(key, end)
        if tail:
            for w in _WORDPOS.finditer(key, tail.end(), min(len(key), tail.end() + 60)):
                if key[w.start() - 1:w.start()] in ",;:.(":
                    break
                v = _SUBJ_VERB.match(key, w.start() - 1) if w.start() > tail.end() else None
                if v and not _PAST.match(key, w.start() - 1):
                    break
                v = None
        if not v:
            return False
    names = _names(orig, spans)
    if v.group("v") in ("phối hợp", "phối kết hợp") and not _WITH.match(key, v.end()):
        roles.supports += names  # "Sở TT&TT, Công an tỉnh phối hợp."
    else:
        roles.leads += names
    return True


def _parse_roles(sentence: str) -> _Roles:
    """The agencies a sentence names and their roles. The same sentence is read again and again
    (as a line, as part of its item, in every draft built from it), so results are cached:
    callers share them and must not modify them."""
    return _parse_roles_cached(sentence, _CITY_IS_DISTRICT.get())


def _subject_roles(sentence: str) -> _Roles:
    """What the subject of a sentence alone says: enough for `heading_only` and `past`, which
    nothing after it changes, at a fraction of the cost of the whole sentence. Shared too."""
    return _subject_cached(sentence, _CITY_IS_DISTRICT.get())[0]


# city_is_district is part of the cache keys below: _names reads the same context variable

@lru_cache(maxsize=4096)
def _subject_cached(sentence: str, city_is_district: bool) -> tuple[_Roles, str, str, int]:
    roles = _Roles()
    s = nfc(sentence)
    mk = _MARKER_PREFIX.match(s)
    base = mk.end() if mk else 0
    orig = s.lower() if _mostly_upper(s) else s
    key = lower_key(orig)
    # 1. subject at the start (after an item marker), or after an introductory clause
    found = _subject_at(key, orig, base, roles)
    if not found and _INTRO.match(key, base):
        for c in _CLAUSE.finditer(key, base, min(len(key), base + 300)):
            if _subject_at(key, orig, c.end(), roles):
                break
    return roles, orig, key, base


@lru_cache(maxsize=4096)
def _parse_roles_cached(sentence: str, city_is_district: bool) -> _Roles:
    subject, orig, key, base = _subject_cached(sentence, city_is_district)
    roles = _Roles(list(subject.leads), list(subject.supports), subject.heading_only, subject.past,
                   subject.subject_end)
    # 2. "giao / đề nghị / yêu cầu X <verb>" anywhere (the words are tested first because a
    # regex starting with a look-behind is slow to scan for; so below)
    for m in _RX_ASSIGN_ANY.finditer(key) if "giao" in key or "đề nghị" in key or "yêu cầu" in key else ():
        if m.start() <= base + 1:
            continue
        spans, end = match_agency_list(key, orig, m.end())
        if spans and not _PAST.match(key, end) and _SUBJ_VERB.match(key, end):
            for a in _names(orig, spans):
                if a not in roles.leads:
                    roles.leads.append(a)
    # 3. "…, X chủ trì" / "…, Y phối hợp" inside the sentence
    for c in _CLAUSE.finditer(key, max(base, roles.subject_end)):
        spans, end = match_agency_list(key, orig, c.end())
        if not spans:
            continue
        if _LEAD_VERB_MID.match(key, end):
            for a in _names(orig, spans):
                if a not in roles.leads:
                    roles.leads.append(a)
        elif _SUPPORT_VERB_MID.match(key, end):
            roles.supports += [a for a in _names(orig, spans) if a not in roles.supports]
    # 4. "do X chủ trì/thực hiện", "Cơ quan chủ trì: X"
    for m in _RX_DO.finditer(key, base) if "do" in key else ():
        spans, end = match_agency_list(key, orig, m.end())
        if spans and _DO_VERB.match(key, end):
            roles.leads += [a for a in _names(orig, spans) if a not in roles.leads]
    for m in _RX_LABEL_LEAD.finditer(key, base) if _may_label(key) else ():
        spans, _ = match_agency_list(key, orig, m.end())
        roles.leads += [a for a in _names(orig, spans) if a not in roles.leads]
    # 5. supporting agencies
    for m in _RX_SUPPORT.finditer(key, base) if "phối" in key else ():
        spans, _ = match_agency_list(key, orig, m.end())
        roles.supports += [a for a in _names(orig, spans) if a not in roles.supports]
    roles.supports = [a for a in roles.supports if a not in roles.leads]
    return roles


def assign_agencies(sentence: str) -> list[tuple[str, str]]:
    """(normalised agency, 'lead' | 'support') pairs of one sentence, leads first.

    >>> assign_agencies("Công an tỉnh chủ trì, phối hợp với Sở TT&TT, Bộ CHQS tỉnh tổ chức diễn tập.")
    [('Công an tỉnh', 'lead'), ('Sở Thông tin và Truyền thông', 'support'), ('Bộ Chỉ huy Quân sự tỉnh', 'support')]
    """
    return _parse_roles(sentence).merged()


# =========================================================================== the outline

_MARKERS: list[tuple[str, re.Pattern]] = [
    ("part", re.compile(r"(?:phần|PHẦN|Phần)\s+(?:thứ\s+\w+|THỨ\s+\w+|[IVX]+|\d+)(?:\s*[.:\-–]\s*|\s+(?=[A-ZĐ]))")),
    ("article", re.compile(r"(?:Điều|ĐIỀU)\s+\d+\s*[.:]\s*")),
    ("roman", re.compile(r"[IVX]{1,5}\s*[.)/]\s*(?=\S)|[IVX]{1,5}\s*[-–]\s*(?=[^\W\d_])")),
    ("upper", re.compile(r"[A-ZĐ]\s*[.)]\s+(?=[^\W\d_])")),
    ("arabic3", re.compile(r"\d{1,2}\.\d{1,2}\.\d{1,2}\.?\s+")),
    ("arabic2", re.compile(r"\d{1,2}\.\d{1,2}\.?\s+(?=\D)")),
    ("arabic", re.compile(r"\d{1,2}\s*[.)](?!\d)\s*(?=\S)|\d{1,2}\s*[-–/]\s*(?=[^\W\d_])")),
    ("letter", re.compile(r"[a-zđ]\s*[).]\s+|[a-zđ]\s*/\s*(?=[^\W\d_])")),
    ("paren", re.compile(r"\(\s*(?:\d{1,2}|[a-zđ])\s*\)\s*")),
    ("dash", re.compile(r"[-–—]+\s*(?=\S)")),
    ("plus", re.compile(r"\+\s*(?=\S)")),
    ("bullet", re.compile(r"[•●○▪■◦·*►✓❖]\s*(?=\S)")),
]
# matches wherever one of _MARKERS does: most lines are plain paragraphs
_ANY_MARKER = re.compile("|".join(f"(?:{rx.pattern})" for _, rx in _MARKERS))
_RANK = {"part": 0, "upper": 1, "roman": 1, "article": 2, "plainhead": 2, "arabic": 3, "arabic2": 4, "arabic3": 5,
         "letter": 6, "paren": 7, "dash": 8, "plus": 9, "bullet": 10}
_SECTION_KINDS = {"part", "upper", "roman", "caps"}
_CONTAINER_KINDS = _SECTION_KINDS | {"plainhead"}

# heading classes (on lower_key of the heading text without marker)
_TASK_HEAD = re.compile(
    r"(?:(?:các|những|một số|nhóm)\s+)*(?:nhiệm vụ|giải pháp|biện pháp)(?!\w)|"
    r"(?:phương hướng|định hướng)(?:\s*,\s*|\s+)(?:nhiệm vụ|giải pháp|công tác|thời gian tới|năm|trong)|"
    r"(?:tổ chức|triển khai) thực hiện\s*$|(?:tổ chức|triển khai) thực hiện (?:kế hoạch|chương trình)(?:\s+\S+){0,3}\s*$|"
    r"(?:phân công|trách nhiệm)(?!\w)|nội dung(?:\s|,|$)|(?:các\s+)?(?:hoạt động|công việc)(?!\w)|"
    r"(?:thông tin,?\s*)?chế độ(?:\s+thông tin,?)?\s+báo cáo|lộ trình|tiến độ|công tác trọng tâm|"
    r"kế hoạch (?:triển khai|thực hiện)(?:\s+cụ thể)?\s*$")
_EXCL_HEAD = re.compile(
    r"(?:mục đích|yêu cầu|mục tiêu|quan điểm|căn cứ|cơ sở|sự cần thiết|tình hình|kết quả|đánh giá|ưu điểm|"
    r"hạn chế|tồn tại|khó khăn|nguyên nhân|bài học|đặc điểm|thực trạng|đề xuất|kiến nghị|phạm vi|đối tượng|"
    r"nguyên tắc|thành phần|nơi nhận|chỉ tiêu|những việc đã làm|bối cảnh|dự báo|thời gian,? địa điểm|"
    r"thời gian và địa điểm|địa điểm)(?!\w)")
_HEAD_MAX_WORDS_ITEM = 10
_NEUTRAL_HEAD = re.compile(r"(?:kinh phí|nguồn kinh phí|kinh phí thực hiện|dự toán kinh phí|điều khoản thi hành|hiệu lực thi hành)(?!\w)")
_PLAIN_HEAD = re.compile(
    r"(?:mục đích|yêu cầu|mục tiêu(?: chung| cụ thể| tổng quát)?|mục đích,? yêu cầu|mục đích và yêu cầu|quan điểm(?: chỉ đạo)?|"
    r"(?:các |những )?nhiệm vụ(?:,? giải pháp| và giải pháp| cụ thể| trọng tâm| chủ yếu)?(?: chủ yếu| cụ thể| trọng tâm)?|"
    r"giải pháp(?: thực hiện| chủ yếu)?|tổ chức thực hiện|phân công (?:nhiệm vụ|trách nhiệm)|trách nhiệm thực hiện|"
    r"kinh phí(?: thực hiện)?|nội dung(?: thực hiện| triển khai)?|kết quả(?: đạt được| thực hiện)?|"
    r"phương hướng,? nhiệm vụ(?: thời gian tới| năm \d{4})?|đề xuất,? kiến nghị|kiến nghị|hạn chế(?:,? tồn tại)?|"
    r"nguyên nhân|bài học kinh nghiệm|chế độ báo cáo)")

# lines that are not content
_FURNITURE = re.compile(
    r"(?:liên kết website|lượt truy cập|thống kê:|online:|đang truy cập|đang online|tổng (?:số )?lượt truy cập|hôm nay:|"
    r"họ tên:|họ và tên:|số điện thoại:|tiêu đề:|nội dung:\s*\(|mã xác nhận:|email:|địa chỉ email|lấy lại mã|"
    r"cỡ chữ|font size|nghe đọc bài|\d+ lượt xem|lượt xem:|bài viết xem|tin, ảnh:|ảnh:|nguồn:?\s*http|https?://)",
    re.IGNORECASE)
# short lines only: buttons and links
_FURNITURE_SHORT = re.compile(
    r"(?:chia sẻ|share|facebook|twitter|zalo|in bài|in trang|trang chủ|quay lại|về đầu trang|tweet|like|bản in|print|"
    r"thống kê|online|lượt xem|gửi|đăng nhập|tìm kiếm|bài viết|xem|tải về|download)\W*$", re.IGNORECASE)
_TAIL = re.compile(
    r"(?:các bài mới đăng|các bài đã đăng|các tin (?:khác|mới|đã đưa|cùng chuyên mục)|tin (?:liên quan|khác|cùng chuyên mục|mới)|"
    r"bài viết (?:liên quan|khác)|bài liên quan|văn bản liên quan|tin bài liên quan|bình luận|viết bình luận|"
    r"ý kiến bạn đọc|gửi bình luận|chia sẻ bài viết|xem thêm|đọc thêm|tin đọc nhiều|tin xem nhiều|"
    r"cùng chuyên mục|tags?:|từ khóa:)(?!\w)", re.IGNORECASE)
_LINK_BLOCK = re.compile(r"(?:tin mới nhất|tin mới|đọc nhiều|xem nhiều|tin nổi bật|tin tiêu điểm|tin đọc nhiều|"
                         r"tin xem nhiều|bài đọc nhiều|tin cùng chuyên mục|tin khác|có thể bạn quan tâm)\W*$", re.IGNORECASE)
_RECIPIENTS = re.compile(r"nơi nhận\s*:?", re.IGNORECASE)
_SIGNATURE = re.compile(r"(?:TM|KT|Q|T/M|K/T|Tm|Kt)\s*\.\s*(?=\S)")
_RESUME = re.compile(r"(?:phụ lục|danh mục|biểu)(?!\w)", re.IGNORECASE)
_BOILER = re.compile(
    r"(?:\(\s*(?:kèm theo|ban hành kèm)|[^.]{0,300}chịu trách nhiệm thi hành (?:quyết định|chỉ thị)|"
    r"[^.]{0,200}căn cứ quyết định thi hành|trên đây là|đây là (?:chỉ thị|kế hoạch|nhiệm vụ)|"
    r"trong quá trình (?:tổ chức )?(?:thực hiện|triển khai)[^,]{0,40},\s*(?:nếu|có)|quá trình thực hiện(?:,)?\s*nếu|"
    r"(?:[^.]{0,60}(?:yêu cầu|đề nghị) (?:các|thủ trưởng|giám đốc|chủ tịch)[^.]{0,150}(?:nghiêm túc|khẩn trương|triển khai)"
    r"[^.]{0,30}(?:thực hiện|chỉ thị này|kế hoạch này)(?: (?:chỉ thị|kế hoạch|quyết định|công văn))?(?: này)?\s*[.;/]*$))")
_BOILER_STARTS = ("(", "trên đây là", "đây là", "trong quá trình", "quá trình")


def _is_boiler(key: str) -> bool:
    """_BOILER.match(key), with the words one of its branches needs tested first: most lines
    have none of them, and the [^.]{0,300} branches are costly to try."""
    if not (key.startswith(_BOILER_STARTS) or "thi hành" in key or "yêu cầu" in key or "đề nghị" in key):
        return False
    return bool(_BOILER.match(key))


# the national motto and the party's heading, often run together with the issuer in two columns
_HEADER = re.compile(r"độc lập\s*[-–]\s*tự do\s*[-–]\s*hạnh phúc|cộng hòa xã hội chủ nghĩa việt nam|cộng hoà xã hội chủ nghĩa việt nam|"
                     r"đảng cộng sản việt nam\s*$", re.IGNORECASE)


def _is_header(content: str, key: str) -> bool:
    """_HEADER.search(content), `key` being lower_key(content). A case-insensitive search is
    slow; every branch starts with words whose letters have no other case-insensitive match
    than their capital, and lower_key leaves them as str.lower does, so they must be in `key`."""
    if not ("độc lập" in key or "cộng h" in key or "đảng cộng" in key):
        return False
    return bool(_HEADER.search(content))


_SELF = re.compile(r"ban hành (?:kế hoạch|chương trình|hướng dẫn|quyết định|chỉ thị|công văn)|"
                   r"(?:báo cáo|kế hoạch|hướng dẫn)[^.]{0,250}(?:như|cụ thể như|cụ thể|gồm những nội dung)\s+sau\s*:?\s*$")
_ATTR = re.compile(
    r"(?:cơ quan|đơn vị)\s+(?:chủ trì|phối hợp|thực hiện|thường trực|đầu mối)|(?:chủ trì|phối hợp)\s*:|"
    r"thời gian(?:\s+(?:thực hiện|hoàn thành|triển khai))?\s*:|thời hạn(?:\s+\w+)?\s*:|sản phẩm(?:\s+đầu ra)?\s*:|"
    r"kết quả đầu ra\s*:|kinh phí(?:\s+thực hiện)?\s*:|nguồn kinh phí\s*:")
_CITE_START = re.compile(
    r"(?:nghị quyết|chỉ thị|quyết định|kết luận|nghị định|thông tư|luật|kế hoạch|công văn|hướng dẫn|"
    r"chương trình|đề án|quy định|thông báo|văn bản|hiến pháp|bộ luật|pháp lệnh|chiến lược)(?!\w)")
_ENUM_LEADIN_OK = re.compile(r"nhiệm vụ|giải pháp|nội dung|tập trung|đề ra|giao|đề nghị|chỉ đạo|triển khai|thực hiện tốt|"
                             r"các việc|yêu cầu các|cụ thể là|trọng tâm")
_ENUM_LEADIN_BAD = re.compile(r"mục tiêu|mục đích|chỉ tiêu|quan điểm|kết quả|hạn chế|nguyên nhân|tồn tại|phấn đấu|đạt")
_REPORTED = re.compile(
    r"(?<![\w/.,])(?:\d[\d.,]*|hàng trăm|hàng nghìn|hàng chục|hàng ngàn)\s+(?:vụ|cuộc|lớp|lượt|tin|bài|đối tượng|trường hợp|"
    r"hội nghị|tài khoản|trang|website|đợt|buổi|người|cán bộ|học viên|sự cố|văn bản|kế hoạch|chương trình|"
    r"tin bài|tin, bài|phóng sự|video|clip|hội viên|đoàn viên)(?!\w)")
_TASK_INTRO = re.compile(r"(?:yêu cầu|đề nghị|chỉ đạo|giao|chỉ thị|nhiệm vụ|giải pháp|nội dung|triển khai|thực hiện|tập trung)"
                         r"[^.;]{0,120}:\s*$")
_SENT_END = re.compile(r"[.;!?](?=\s+[^\W\d_]|\s*$)")


@dataclass
class _Line:
    start: int        # offset of the first content character
    end: int          # offset after the last content character
    body: int         # offset of the content after the marker
    kind: str | None  # marker kind, "caps" for an unmarked capitals heading, None for a paragraph


@dataclass
class _Node:
    kind: str                         # root | caps | item
    mtype: str | None = None
    head: tuple[int, int] | None = None   # (start, end) of the heading / first line
    body_at: int = 0                      # offset after the marker
    paras: list[tuple[int, int]] = field(default_factory=list)
    children: list["_Node"] = field(default_factory=list)
    parent: "_Node | None" = None


_ISSUER_LINE = re.compile(r"(?:tỉnh|huyện|quận|thị xã|thành phố|tp\.|xã|phường|thị trấn|ủy ban nhân dân|hội đồng nhân dân|"
                          r"tỉnh ủy|huyện ủy|thành ủy|quận ủy|đảng ủy|đảng bộ|ban chấp hành|sở|ban|bộ chỉ huy|công an)(?!\w)")
_VV = re.compile(r"[Vv]\s*/\s*[Vv](?!\w)")
_ADDRESSEES = re.compile(r"(?:kính gửi|đồng kính gửi)\s*:?", re.IGNORECASE)
_DECOR_START = re.compile(r"(?:\*\*+|#+|>+)\s*")
_HAS_URL = re.compile(r"https?://|www\.", re.IGNORECASE)


def _is_caps_heading(content: str) -> bool:
    if len(content) > 200 or content.rstrip().endswith((";", ",")) or "/" in content:
        return False
    # capitals first: it is the cheap test that settles most lines
    return (_mostly_upper(content) and sum(map(str.isdigit, content)) <= 4
            and any(sum(map(str.isalpha, w)) >= 2 for w in content.split()))


def _is_plain_heading(content: str) -> bool:
    """A short unnumbered line that names a section ("Mục đích", "Nhiệm vụ cụ thể", "Tổ chức
    thực hiện"): Word's automatic numbering does not survive in the text."""
    c = content.strip()
    if not c or not c[0].isupper() or c[-1] in ".;,!?" or len(c.split()) > 8:
        return False
    key = lower_key(c.rstrip(":"))
    return bool(_PLAIN_HEAD.fullmatch(key))


def _classify_lines(text: str) -> list[_Line | None]:
    """One entry per line: None for lines that are empty or not content; stops after the
    recipients list / signature (resuming at an appendix) and at a web page's tail."""
    out: list[_Line | None] = []
    pos = 0
    skipping = False
    addressees = False   # inside a "Kính gửi:" list
    link_block = False   # inside a list of links to other articles
    ended = False
    seen_body = 0
    for raw in text.split("\n"):
        line_start = pos
        pos += len(raw) + 1
        stripped = raw.strip()
        if not stripped or ended:
            out.append(None)
            continue
        cstart = line_start + (len(raw) - len(raw.lstrip()))
        dec = _DECOR_START.match(stripped)
        if dec:
            cstart += dec.end()
        content = text[cstart: line_start + len(raw.rstrip())].rstrip("*_ ")
        cend = cstart + len(content)
        if not content:
            out.append(None)
            continue
        if seen_body >= 2 and len(content) < 80 and _TAIL.match(content):
            ended = True
            out.append(None)
            continue
        if len(content) < 40 and (_LINK_BLOCK.match(content) or _TAIL.match(content)):
            link_block = True  # "TIN MỚI NHẤT" / "ĐỌC NHIỀU" before the article: a list of links
            out.append(None)
            continue
        if link_block:
            if content[:1] in "•●▪►-–+*":
                out.append(None)
                continue
            link_block = False
        if _RECIPIENTS.match(content) or (_SIGNATURE.match(content) and len(content) < 80
                                          and _mostly_upper(content[_SIGNATURE.match(content).end():] or "x")):
            skipping = True
            out.append(None)
            continue
        if _ADDRESSEES.match(content):
            addressees = True
            rest = content[_ADDRESSEES.match(content).end():].strip()
            out.append(None)
            if rest and len(rest) > 3:
                continue
            continue
        if addressees:
            if len(content) < 150 and (content[:1] in "-–+•" or _mostly_upper(content) or len(content) < 60):
                out.append(None)
                continue
            addressees = False
        if skipping:
            if _RESUME.match(content) and _mostly_upper(content):
                skipping = False
            else:
                out.append(None)
                continue
        key = lower_key(content)
        # "://" and "www." are what _HAS_URL needs, and "w" matches nothing but "W" ignoring case
        if (len(content) < 90 and _FURNITURE.match(content)) or (len(content) < 30 and _FURNITURE_SHORT.match(content)) or \
                (("://" in content or "www." in key) and _HAS_URL.search(content)
                 and (len(content) < 200 or re.match(r"nguồn\b", content, re.IGNORECASE))):
            out.append(None)
            continue
        if _is_boiler(key) or _is_header(content, key):
            out.append(None)
            continue
        if len(content) > 60:
            seen_body += 1
        kind = None
        body = cstart
        for name, rx in _MARKERS if _ANY_MARKER.match(content) else ():
            m = rx.match(content)
            if m:
                if name == "upper" and not content[m.end():m.end() + 1].isupper():
                    continue
                if name == "roman" and _VV.match(content):
                    continue  # "V/v …": the subject line of an official letter
                kind, body = name, cstart + m.end()
                break
        if kind is None and _is_caps_heading(content):
            kind = "caps"
            # the issuer's name at the top ("ỦY BAN NHÂN DÂN / TỈNH CÀ MAU") is no section
            if len(out) < 12 and (_ISSUER_LINE.match(key) or _subject_roles(content).heading_only):
                out.append(None)
                continue
        elif kind is None and _is_plain_heading(content):
            kind = "plainhead"
        out.append(_Line(cstart, cend, body, kind))
    return out


def _build(text: str, lines: Sequence[_Line | None]) -> _Node:
    root = _Node("root")
    stack: list[_Node] = [root]
    last: _Node | None = None          # node whose last span may continue on the next line
    last_is_para = False
    prev_text_end = ""
    for ln in lines:
        if ln is None:
            continue
        content = text[ln.start:ln.end]
        # a line starting in lower case continues the previous line (PDF line breaks)
        if ln.kind is None and last is not None and content[:1].islower() and prev_text_end not in ".;:!?":
            if last_is_para and last.paras:
                a, _ = last.paras[-1]
                last.paras[-1] = (a, ln.end)
            elif last.head is not None:
                last.head = (last.head[0], ln.end)
            prev_text_end = content.rstrip()[-1:]
            continue
        prev_text_end = content.rstrip()[-1:]
        if ln.kind == "caps":
            node = _Node("caps", None, (ln.start, ln.end), ln.body, parent=root)
            root.children.append(node)
            stack = [root, node]
            last, last_is_para = node, False
            continue
        if ln.kind is None:
            top = stack[-1]
            # after an item that is a complete statement ("1. … ."), a new paragraph belongs to
            # the section: "Chỉ thị này được phổ biến … Văn phòng Tỉnh ủy chủ trì …"
            while (top.kind == "item" and top.mtype not in _CONTAINER_KINDS and not top.paras
                   and text[top.head[0]:top.head[1]].rstrip()[-1:] in ".!?" and len(stack) > 1):
                stack.pop()
                top = stack[-1]
            top.paras.append((ln.start, ln.end))
            last, last_is_para = top, True
            continue
        t = ln.kind
        while len(stack) > 1 and stack[-1].kind == "item":
            top = stack[-1]
            if top.mtype == t:
                stack.pop()
                break
            if any(n.mtype == t for n in stack):
                stack.pop()
                continue
            if _RANK[top.mtype] > _RANK[t]:
                stack.pop()
                continue
            break
        parent = stack[-1]
        node = _Node("item", t, (ln.start, ln.end), ln.body, parent=parent)
        parent.children.append(node)
        stack.append(node)
        last, last_is_para = node, False
    return root


def _head_text(text: str, node: _Node) -> str:
    if node.head is None:
        return ""
    return " ".join(text[node.body_at:node.head[1]].split()).strip(" :.;-–*")


def _node_class(text: str, node: _Node, zone: str | None) -> str | None:
    """'task' | 'excl' | 'neutral' | None for a heading: a section heading (caps line, Roman numeral, A.,
    Phần) always counts; a short item title that has lines under it counts where it does not
    contradict the zone it sits in."""
    if node.kind == "root" or node.head is None:
        return None
    h = _head_text(text, node)
    if not h:
        return None
    key = lower_key(h)
    section_level = node.kind == "caps" or node.mtype in _CONTAINER_KINDS
    if not section_level:
        if not (node.children or node.paras):
            return None
        words = len(h.split())
        if words > _HEAD_MAX_WORDS_ITEM or h.endswith((".", ";")):
            return None
        if zone != "task" and words <= 6 and _EXCL_HEAD.match(key):
            return "excl"
        if zone != "excl" and _TASK_HEAD.match(key):
            return "task"
        if words <= 6 and _NEUTRAL_HEAD.match(key):
            return "neutral"
        return None
    if _EXCL_HEAD.match(key):
        return "excl"
    if _TASK_HEAD.match(key):
        return "task"
    if _NEUTRAL_HEAD.match(key):
        return "neutral"
    return None


def _is_attr(text: str, node: _Node, parent: _Node) -> bool:
    """An item line that describes its parent rather than being a task: "Cơ quan chủ trì: …",
    "Thời gian: …", or a document in a list the parent introduces ("… các văn bản sau:")."""
    h = lower_key(text[node.body_at:node.head[1]]) if node.head else ""
    if _ATTR.match(h):
        return True
    m = _CITE_START.match(h)
    if node.children or len(h) > 250 or not m:
        return False
    after = text[node.body_at + m.end():node.head[1]].lstrip()
    if not (after[:1].isupper() or after[:1].isdigit() or after.lower().startswith("số ")):
        return False  # "Hướng dẫn các cơ quan …" is a task, "Luật An ninh mạng" a document
    last = parent.paras[-1] if parent.paras else parent.head
    return bool(last and text[last[0]:last[1]].rstrip().endswith(":"))


@dataclass
class _Unit:
    spans: list[tuple[int, int]]        # heading line first, then paragraphs (document offsets)
    body_at: int                        # content start (after the marker) of the first span
    zone: str | None
    section: str | None
    inherited: _Roles | None
    is_item: bool
    title: bool = False                 # first span is a title line followed by paragraphs


def _merge_roles(into: _Roles, r: _Roles) -> None:
    into.leads += [a for a in r.leads if a not in into.leads]
    into.supports += [a for a in r.supports if a not in into.supports]


def _walk(text: str, node: _Node, zone: str | None, section: str | None,
          inherited: _Roles | None, units: list[_Unit]) -> None:
    cls = _node_class(text, node, zone)
    container = node.kind != "item" or node.mtype in _CONTAINER_KINDS or cls is not None
    if not container:
        # attribute lines ("Cơ quan chủ trì: …", "Thời gian: …") and plain lists of
        # documents belong to the item itself
        extra: list[tuple[int, int]] = []
        real: list[_Node] = []
        for c in node.children:
            if _is_attr(text, c, node):
                extra.append(c.head)
                extra.extend(c.paras)
            else:
                real.append(c)
        own = [node.head] + sorted(node.paras + extra)
        if not real:
            units.append(_Unit(own, node.body_at, zone, section, inherited, True,
                               title=len(own) > 1))
            return
        intro = bool(node.paras) and text[node.paras[-1][0]:node.paras[-1][1]].rstrip().endswith(":")
        if node.paras and not intro:
            units.append(_Unit(own, node.body_at, zone, section, inherited, True, title=True))
        head_roles = _Roles()
        for a, b in own:
            _merge_roles(head_roles, _parse_roles(text[a:b]))
        child_inh = head_roles if head_roles.leads else inherited
        for c in real:
            _walk(text, c, zone, section, child_inh, units)
        return
    here_zone = None if cls == "neutral" else (cls or zone)
    here_section = (_head_text(text, node) or section) if node.kind != "root" else section
    # paragraphs and sub-items in document order; "X chủ trì thực hiện các nội dung sau:" passes
    # its agencies to the items after it
    entries: list[tuple[int, object]] = [(a, (a, b)) for a, b in node.paras]
    entries += [(c.head[0], c) for c in node.children]
    entries.sort(key=lambda e: e[0])
    intro: _Roles | None = None        # "X thực hiện các nội dung sau:" - for the items right after
    agency_head: _Roles | None = None  # a paragraph that only names an agency ("Công an tỉnh:")
    item_zone = here_zone
    for _, e in entries:
        if isinstance(e, _Node):
            if e.kind == "caps" or e.mtype in _CONTAINER_KINDS:
                _walk(text, e, here_zone, here_section, inherited, units)
            else:
                _walk(text, e, item_zone, here_section, intro or agency_head or inherited, units)
            continue
        a, b = e  # type: ignore[misc]
        para = text[a:b].rstrip()
        key = lower_key(para)
        intro = None
        item_zone = here_zone
        # the whole paragraph's roles only when they are needed (a long paragraph is costly)
        if _subject_roles(para).heading_only:
            agency_head = _parse_roles(para)
            continue
        if para.endswith(":") and not _SELF.search(key):
            # "Chủ tịch UBND tỉnh yêu cầu:" / "Giao Công an tỉnh thực hiện các nội dung sau:"
            # - the items after it are tasks (with the agency it names)
            if here_zone is None and _TASK_INTRO.search(key) and not _ENUM_LEADIN_BAD.search(key):
                item_zone = "task"
            r = _parse_roles(para)
            if r.leads:
                intro = r
            if r.leads or item_zone == "task":
                continue
        if here_zone == "task" and len(para.split()) <= 5 and para[-1:] not in ".;!?" and not _parse_roles(para).leads:
            continue  # a sub-heading written as a plain line
        units.append(_Unit([(a, b)], a, here_zone, here_section, agency_head or inherited, False))


def _tidy(s: str) -> str:
    # = re.sub(r"\s+", " ", s).strip(): str.split and \s agree on what whitespace is
    return " ".join(s.split())


def _clip(s: str, limit: int = TEXT_LIMIT) -> str:
    s = _tidy(s)
    if len(s) <= limit:
        return s
    cut = s[: limit - 1]
    sp = cut.rfind(" ")
    if sp > limit * 0.6:
        cut = cut[:sp]
    return cut.rstrip(" ,;:") + "…"


def _evidence_cut(text: str, a: int, b: int) -> str:
    """text[a:b], cut at a word boundary when too long (still an exact substring)."""
    if b - a <= EVIDENCE_LIMIT:
        return text[a:b].strip()
    cut = text.rfind(" ", a, a + EVIDENCE_LIMIT)
    return text[a: cut if cut > a + EVIDENCE_LIMIT // 2 else a + EVIDENCE_LIMIT].strip()


def _sentences_in(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """Sentence spans (document offsets) inside text[a:b], line breaks read as spaces."""
    seg = text[a:b].replace("\n", " ")
    return [(a + x, a + y) for x, y in _sentence_spans(seg)]


def _sentence_spans(line: str) -> list[tuple[int, int]]:
    """etl.text.sentences of one line, as (start, end) spans."""
    return [(x.start, x.start + len(x.text)) for x in sentences(line)]


def _join(text: str, unit: _Unit) -> str:
    parts = []
    for i, (a, b) in enumerate(unit.spans):
        s = text[unit.body_at if i == 0 else a:b]
        if i:
            mk = _MARKER_PREFIX.match(s)
            if mk:
                s = s[mk.end():]
        parts.append(_tidy(s))
    if len(parts) > 1 and unit.title and parts[0] and parts[0][-1] not in ".;:!?":
        parts[0] += ":" if _subject_roles(parts[0]).heading_only else "."
    out = " ".join(p for p in parts if p)
    return out.rstrip(" ;,") if not out.endswith("./.") else out[:-3].rstrip()


@dataclass
class _Draft:
    start: int
    text: str
    evidence: str
    section: str | None
    roles: _Roles
    sentences: list[str]


def _roles_of(sents: list[str], inherited: _Roles | None) -> _Roles:
    merged = _Roles()
    for s in sents:
        r = _parse_roles(s)
        merged.leads += [a for a in r.leads if a not in merged.leads]
        merged.supports += [a for a in r.supports if a not in merged.supports]
    if not merged.leads and inherited is not None:
        merged.leads = list(inherited.leads)
        if not merged.supports:
            merged.supports = list(inherited.supports)
    merged.supports = [a for a in merged.supports if a not in merged.leads]
    return merged


_LETTERS = "abcdđeghiklmnopqrstuvxy"
# each with a pattern for what any of its matches contains: a quick scan (the styles start
# with look-behinds, slow to scan for) that rules out most text
_ENUM_STYLES = [
    (re.compile(r"(?:(?<=^)|(?<=[\s:;,.]))\((\d{1,2})\)\s*"), re.compile(r"\(\d")),          # (1) … (2) …
    (re.compile(r"(?:(?<=^)|(?<=[:;]))\s*(\d{1,2})\)\s+"), re.compile(r"\d\)")),              # …: 1) …; 2) …
    (re.compile(r"(?:(?<=[:;]))\s*(\d{1,2})\.\s+(?=[^\W\d_])"), re.compile(r"[:;]\s*\d")),   # …: 1. …; 2. …
    (re.compile(r"(?:(?<=^)|(?<=[:;]))\s*([a-zđ])\)\s+"), re.compile(r"[a-zđ]\)")),           # …: a) …; b) …
]


def _enumeration(text: str, a: int, b: int) -> tuple[int, list[tuple[int, int, int]]] | None:
    """An inline enumeration "(1) …; (2) …" (or "…: 1) …; 2) …", "…: a) …; b) …") in
    text[a:b]: (lead-in end, [(item start, body start, item end)])."""
    seg = text[a:b]
    best: list[tuple[int, int]] = []
    for rx, needs in _ENUM_STYLES:
        if not needs.search(seg):
            continue
        seq: list[tuple[int, int]] = []
        for m in rx.finditer(seg):
            tok = m.group(1)
            n = int(tok) if tok.isdigit() else _LETTERS.find(tok) + 1
            if n == len(seq) + 1:
                seq.append((m.start(1) - (1 if seg[m.start(1) - 1:m.start(1)] == "(" else 0), m.end()))
        if len(seq) >= 2 and len(seq) > len(best):
            best = seq
    if not best:
        return None
    items = []
    for i, (s, e) in enumerate(best):
        end = best[i + 1][0] if i + 1 < len(best) else len(seg)
        if i + 1 == len(best):
            m = _SENT_END.search(seg, e)
            if m:
                end = m.end()
        items.append((a + s, a + e, a + end))
    return a + best[0][0], items


def _zone_ok_for_enum(leadin: str, zone: str | None) -> bool:
    if zone == "excl":
        return False
    k = lower_key(leadin)
    if _ENUM_LEADIN_BAD.search(k[-120:]):
        return False
    return zone == "task" or bool(_ENUM_LEADIN_OK.search(k[-160:]))


_PLANNED = re.compile(r"(?<!\w)(?:sẽ|theo kế hoạch|phấn đấu|dự kiến|kế hoạch đề ra|giao|đề nghị|yêu cầu|cần|phải)(?!\w)")


_EVENT = re.compile(r"(?:^|[,;:(]\s*)(?:sáng|chiều|tối|trưa|ngày|hôm nay)\s+(?:nay\s+)?(?:\()?\d{1,2}\s*[/-]\s*\d{1,2}(?:\s*[/-]\s*\d{2,4})?\)?\s*,")


def _assigning(sentence: str, roles: _Roles | None = None) -> bool:
    """A sentence of neutral text that gives work to an agency (not one that reports work done -
    "đã …", "20 lớp …", "Sáng 12/5, …" - announces the document itself, or closes it)."""
    r = roles or _parse_roles(sentence)
    if not r.leads or r.past:
        return False
    k = lower_key(sentence)
    if _SELF.search(k) or _is_boiler(k):
        return False
    if (_REPORTED.search(k) or _EVENT.search(k)) and not _PLANNED.search(k):
        return False
    return True


def _drafts(text: str, unit: _Unit) -> list[_Draft]:
    if unit.zone == "excl":
        return []
    first_a, first_b = unit.spans[0]
    # inline enumeration
    for a, b in unit.spans:
        en = _enumeration(text, a, b)
        if en and _zone_ok_for_enum(text[a:en[0]], unit.zone):
            leadin_roles = _parse_roles(text[a:en[0]]) if en[0] > a else _Roles()
            inh = leadin_roles if leadin_roles.leads else unit.inherited
            out = []
            for s, body, e in en[1]:
                item_text = _tidy(text[body:e]).rstrip(" ;,.")
                if not item_text:
                    continue
                sents = [item_text]
                out.append(_Draft(s, _clip(item_text), _evidence_cut(text, s, e), unit.section,
                                  _roles_of(sents, inh), sents))
            if out:
                return out
    if unit.is_item or unit.zone == "task":
        body = lower_key(text[unit.body_at:first_b])
        if _is_boiler(body):
            return []
        sents = []
        for a, b in unit.spans:
            sents += [text[x:y] for x, y in _sentences_in(text, a, b)]
        roles = _roles_of(sents, unit.inherited)
        if unit.zone != "task":
            # neutral text: an item is a task when it assigns work (not when it reports it)
            own = _roles_of([x for x in sents if _assigning(x) and not _parse_roles(x).heading_only],
                            unit.inherited)
            first = _subject_roles(text[first_a:first_b])
            if not own.leads or first.past or (first.heading_only and len(unit.spans) == 1):
                return []
            if _SELF.search(lower_key(text[first_a:first_b])):
                return []
            roles = own
        if unit.zone == "task" and not unit.is_item and _SELF.search(body):
            return []
        txt = _join(text, unit)
        if not txt:
            return []
        # evidence: the item line, or its title and the first sentence under it
        if unit.title and len(unit.spans) > 1 and text[first_a:first_b].rstrip()[-1:] not in ".;!?":
            fs = _sentences_in(text, *unit.spans[1])
            ev = _evidence_cut(text, first_a, fs[0][1] if fs else unit.spans[1][1])
        elif first_b - first_a <= TEXT_LIMIT:
            ev = text[first_a:first_b].strip()
        else:
            fs = _sentences_in(text, first_a, first_b)
            ev = _evidence_cut(text, first_a, fs[0][1] if fs else first_b)
        return [_Draft(first_a, _clip(txt), ev, unit.section, roles, sents)]
    # neutral paragraph: one task per assignment sentence, with the sentences after it; a
    # headline ("TP. Buôn Ma Thuột tăng cường bảo đảm an toàn …", no full stop) is not one
    para = text[first_a:first_b].rstrip()
    if para[-1:] not in ".;:!?…)\"”" and len(para.split()) <= 30:
        return []
    out: list[_Draft] = []
    cur: _Draft | None = None
    for x, y in _sentences_in(text, first_a, first_b):
        s = text[x:y]
        r = _parse_roles(s)
        k = lower_key(s)
        starts = bool(r.leads) and not r.heading_only and _assigning(s, r)
        if starts and cur is not None and set(r.leads) <= set(_roles_of(cur.sentences, None).leads):
            starts = False  # "Công an thành phố cũng sẽ …": the same agency, the same task
        if starts:
            cur = _Draft(x, "", _evidence_cut(text, x, y), unit.section, _Roles(), [s])
            out.append(cur)
        elif cur is not None and not _is_boiler(k):
            cur.sentences.append(s)
    for d in out:
        d.text = _clip(" ".join(_tidy(s) for s in d.sentences))
        d.roles = _roles_of(d.sentences, unit.inherited)
    return out


# --------------------------------------------------------------------------- task tables
# A table of tasks: "TT | Nội dung | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian". Web
# pages give a row per line ("| 1 | … | … |"); Word files give one cell per line, a row
# starting with its number on a line of its own.

_COL_CONTENT = re.compile(r"(?:tên\s+)?(?:nội dung|nhiệm vụ|công việc|hoạt động|nhiệm vụ,? giải pháp|đề án|nội dung công việc)")
_COL_LEAD = re.compile(r"(?:cơ quan|đơn vị|cơ quan,\s*đơn vị)?\s*(?:chủ trì|thực hiện|chịu trách nhiệm|tham mưu|đầu mối)")
_COL_SUPPORT = re.compile(r"(?:cơ quan|đơn vị|cơ quan,\s*đơn vị)?\s*phối hợp")
_COL_TIME = re.compile(r"thời gian|thời hạn|tiến độ|thời điểm")
_COL_NUM = re.compile(r"s?tt|số tt|số thứ tự|thứ tự")
_ROW_NUM = re.compile(r"(?:\d{1,3}|[ivx]{1,5})\s*\.?")


def _col_kind(cell: str) -> str | None:
    k = lower_key(cell).strip(" .:*")
    if not k or len(k) > 60:
        return None
    if _COL_NUM.fullmatch(k):
        return "num"
    if _COL_SUPPORT.fullmatch(k):
        return "support"
    if _COL_LEAD.fullmatch(k):
        return "lead"
    if _COL_TIME.match(k):
        return "time"
    if _COL_CONTENT.fullmatch(k) or _COL_CONTENT.match(k) and len(k) < 30:
        return "content"
    if k in ("ghi chú", "sản phẩm", "kết quả", "sản phẩm đầu ra", "dự kiến sản phẩm", "kinh phí", "nguồn kinh phí"):
        return "other"
    return None


def _cell_agencies(cell: str) -> list[str]:
    orig = cell.lower() if _mostly_upper(cell) else cell
    key = lower_key(orig)
    out: list[str] = []
    pos = 0
    for m in re.finditer(r"(?:^|[,;+\-–]\s*|\s)", key):
        p = m.end()
        if p < pos:
            continue
        spans, end = match_agency_list(key, orig, p)
        if spans:
            out += [a for a in _names(orig, spans) if a not in out]
            pos = end
    return out


def _table_draft(text: str, row_start: int, row_end: int, cells: dict[str, str], section: str | None) -> _Draft | None:
    content = _tidy(cells.get("content", ""))
    if not content or len(content) < 8:
        return None
    roles = _Roles()
    roles.leads = _cell_agencies(cells.get("lead", ""))
    roles.supports = [a for a in _cell_agencies(cells.get("support", "")) if a not in roles.leads]
    if not roles.leads:
        _merge_roles(roles, _parse_roles(content))
    sents = [content]
    if cells.get("time"):
        sents.append("Thời gian: " + _tidy(cells["time"]))
    return _Draft(row_start, _clip(content), _evidence_cut(text, row_start, row_end), section, roles, sents)


def _tables(text: str, lines: list[_Line | None]) -> list[_Draft]:
    """Task tables; the lines they use are set to None in `lines`."""
    drafts: list[_Draft] = []
    idx = [i for i, ln in enumerate(lines) if ln is not None]
    section: str | None = None
    zone: str | None = None
    k = 0
    while k < len(idx):
        i = idx[k]
        ln = lines[i]
        content = text[ln.start:ln.end]
        if ln.kind in _SECTION_KINDS or ln.kind == "caps":
            section = " ".join(text[ln.body:ln.end].split()).strip(" :.;-–*")
            key = lower_key(section)
            zone = "excl" if _EXCL_HEAD.match(key) else "task" if _TASK_HEAD.match(key) else None
        # --- pipe rows
        if content.startswith("|") and content.count("|") >= 3:
            header = [c.strip() for c in content.strip().strip("|").split("|")]
            kinds = [_col_kind(c) for c in header]
            j = k + 1
            rows = []
            while j < len(idx):
                t = text[lines[idx[j]].start:lines[idx[j]].end]
                if not t.startswith("|"):
                    break
                rows.append(idx[j])
                j += 1
            if "content" in kinds and "lead" in kinds and zone != "excl":
                for r in rows:
                    ln2 = lines[r]
                    cells = [c.strip() for c in text[ln2.start:ln2.end].strip().strip("|").split("|")]
                    if all(re.fullmatch(r":?-{2,}:?", c) for c in cells if c):
                        continue
                    named = {kd: c for kd, c in zip(kinds, cells) if kd}
                    d = _table_draft(text, ln2.start, ln2.end, named, section)
                    if d:
                        drafts.append(d)
                for r in [i] + rows:
                    lines[r] = None
            k = j
            continue
        # --- one cell per line (Word): a header of short lines naming the columns
        if len(content) <= 40 and _col_kind(content):
            kinds = []
            j = k
            while j < len(idx) and len(kinds) < 8:
                t = text[lines[idx[j]].start:lines[idx[j]].end]
                kd = _col_kind(t) if len(t) <= 60 else None
                if kd is None:
                    break
                kinds.append(kd)
                j += 1
            if "content" in kinds and "lead" in kinds and len(kinds) >= 3 and zone != "excl":
                used = idx[k:j]
                ncells = len([x for x in kinds if x != "num"])
                has_num = "num" in kinds
                while j < len(idx):
                    t = text[lines[idx[j]].start:lines[idx[j]].end].strip()
                    if has_num and not _ROW_NUM.fullmatch(lower_key(t)):
                        break
                    row_start = lines[idx[j]].start
                    j0 = j + (1 if has_num else 0)
                    cells: list[str] = []
                    j = j0
                    while j < len(idx):
                        t2 = text[lines[idx[j]].start:lines[idx[j]].end].strip()
                        if has_num and _ROW_NUM.fullmatch(lower_key(t2)):
                            break
                        if not has_num and len(cells) == ncells:
                            break
                        if lines[idx[j]].kind == "caps" and len(cells) >= ncells:
                            break
                        cells.append(t2)
                        j += 1
                    used += idx[j0 - (1 if has_num else 0):j]
                    row_end = lines[idx[j - 1]].end if j > j0 else row_start
                    data_kinds = [x for x in kinds if x != "num"]
                    named: dict[str, str] = {}
                    if len(cells) == ncells:
                        named = {kd: c for kd, c in zip(data_kinds, cells)}
                    elif cells:
                        # more paragraphs than columns: agencies and times are recognised by form
                        rest = list(cells)
                        content_parts = [rest.pop(0)]
                        while rest and not _cell_agencies(rest[0]) and not find_deadlines("Thời gian: " + rest[0], None):
                            content_parts.append(rest.pop(0))
                        named["content"] = " ".join(content_parts)
                        ag = [c for c in rest if _cell_agencies(c)]
                        if ag:
                            named["lead"] = ag[0]
                        if len(ag) > 1 and "support" in data_kinds:
                            named["support"] = " ; ".join(ag[1:])
                        tm = [c for c in rest if c not in ag]
                        if tm and "time" in data_kinds:
                            named["time"] = tm[0]
                    if len(cells) <= 1 and not named.get("lead"):
                        continue  # a group heading row ("I", "Nhiệm vụ chung")
                    d = _table_draft(text, row_start, row_end, named, section)
                    if d:
                        drafts.append(d)
                for r in used:
                    lines[r] = None
                k = idx.index(idx[j - 1]) + 1 if j > k else k + 1
                continue
        k += 1
    return drafts


def extract_tasks(text: str, doc_date: datetime.date | None = None) -> list[Task]:
    """Task statements of a document, numbered 1..n in document order."""
    if not text or not text.strip():
        return []
    text = nfc(text).replace("\r\n", "\n").replace("\r", "\n")
    token = _CITY_IS_DISTRICT.set(_city_is_district(text))
    try:
        return _extract(text, doc_date)
    finally:
        _CITY_IS_DISTRICT.reset(token)


_LAST_OUTLINE: tuple = (None, None)


def outline(text: str) -> tuple[tuple[_Line | None, ...], _Node]:
    """The lines of `text` and their tree of headings and items. Task and coverage extraction
    both read the outline of the same document, one after the other: the last one is kept
    (read-only for both) instead of being built twice."""
    global _LAST_OUTLINE
    last = _LAST_OUTLINE  # one read: a tuple replaced whole, so threads never see half of it
    if last[0] == text:
        return last[1]
    lines = tuple(_classify_lines(text))
    result = (lines, _build(text, lines))
    _LAST_OUTLINE = (text, result)
    return result


def _extract(text: str, doc_date: datetime.date | None) -> list[Task]:
    classified, root = outline(text)
    lines = list(classified)
    drafts: list[_Draft] = _tables(text, lines)
    if any(a is not b for a, b in zip(lines, classified)):  # table rows taken out of the outline
        root = _build(text, lines)
    units: list[_Unit] = []
    _walk(text, root, None, None, None, units)
    for u in units:
        drafts.extend(_drafts(text, u))
    drafts.sort(key=lambda d: d.start)
    tasks: list[Task] = []
    seen: set[str] = set()
    for d in drafts:
        k = lower_key(d.text)
        if not k or k in seen:
            continue
        seen.add(k)
        dls: list[Deadline] = []
        for s in d.sentences:
            for dl in find_deadlines(_tidy(s), doc_date):
                if dl not in dls:
                    dls.append(dl)
        tasks.append(Task(len(tasks) + 1, d.text, d.evidence, d.section, d.roles.merged(), dls))
    return tasks
