"""Agency names: find them in a sentence and reduce them to one canonical short form.

Canonical forms (so the same agency compares equal across provinces and documents):

* provincial bodies lose the province name: "Sở TT&TT tỉnh Quảng Ngãi" -> "Sở Thông tin và
  Truyền thông", "Công an tỉnh Thanh Hóa" -> "Công an tỉnh", "UBND tỉnh Bắc Giang" -> "UBND tỉnh";
* a centrally-run city counts as a province: "Công an thành phố", "Công an TP. Hà Nội",
  "UBND thành phố Đà Nẵng", "Ban Tuyên giáo Thành ủy" -> "... tỉnh" / "... Tỉnh ủy".
  "Thành phố <other name>" is a city inside a province, i.e. the district level;
* district-level and commune-level bodies become "cấp huyện" / "cấp xã":
  "Công an quận" / "Công an các huyện, thị xã, thành phố" -> "Công an cấp huyện",
  "Ban CHQS huyện Mỹ Đức" -> "Ban Chỉ huy Quân sự cấp huyện", "UBND các xã, phường, thị trấn"
  -> "UBND cấp xã", "Ban Tuyên giáo Quận ủy" -> "Ban Tuyên giáo cấp huyện";
  district offices ("Phòng Văn hóa và Thông tin quận") keep their name without the place;
* collectives: "các sở, ban, ngành (tỉnh)" -> "Các sở, ban, ngành"; "các phòng, ban, ngành"
  -> "Các phòng, ban, ngành"; "các cơ quan, đơn vị" -> "Các cơ quan, đơn vị";
* a district or commune named alone acts through its People's Committee: "thị xã Buôn Hồ" ->
  "UBND cấp huyện", "huyện, thị xã, thành phố" (in a list) -> "UBND cấp huyện";
* a person heading a body keeps the role: "Chủ tịch UBND các huyện" -> "Chủ tịch UBND cấp huyện";
* "BCĐ 35" -> "Ban Chỉ đạo 35"; the district-level Party office -> "Văn phòng cấp ủy cấp huyện";
* anything else is only tidied: NFC, old-style tone marks ("Tỉnh uỷ" -> "Tỉnh ủy"), spaces
  collapsed, trailing punctuation removed, first letter upper case.

All matching is done on `lower_key(text)`: lower case with the new-style tone placement. It
has exactly the length of the input, so spans found in it index the original text.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from ..text import nfc
from .rx import first_chars, phrases_rx, vocabulary

# --------------------------------------------------------------------------- text keys

# Old-style pairs: "o" + toned a/e, "u" + toned y, not after "q" ("quý" keeps its mark), only
# in an open syllable ("hoà" -> "hòa", "hoàn" stays). The pattern starts with a plain character
# class so that the regex engine scans for it quickly (a leading look-behind or alternation
# defeats that) and turns down the common closed syllables ("hoàn", "toàn", "hoạt") without a
# call back into Python; _retone makes the remaining checks ("uà", "oý", a letter outside the class).
def _letter_class() -> str:
    """Letters of Latin and Vietnamese (a subset of str.isalpha) as a regex character class."""
    cps = [cp for cp in list(range(0x250)) + list(range(0x1E00, 0x1F00)) if chr(cp).isalpha()]
    runs: list[list[int]] = []
    for cp in cps:
        if runs and runs[-1][1] == cp - 1:
            runs[-1][1] = cp
        else:
            runs.append([cp, cp])
    return "".join(re.escape(chr(a)) + (f"-{re.escape(chr(b))}" if b > a else "") for a, b in runs)


_OLD_TONE_SCAN = re.compile(rf"[oOuU](?<![qQ].)[àáảãạèéẻẽẹỳýỷỹỵ](?![{_letter_class()}])")
_O_TONED = frozenset("àáảãạèéẻẽẹ")
_TONE_MOVE = {
    "à": ("a", "\u0300"), "á": ("a", "\u0301"), "ả": ("a", "\u0309"), "ã": ("a", "\u0303"),
    "ạ": ("a", "\u0323"), "è": ("e", "\u0300"), "é": ("e", "\u0301"), "ẻ": ("e", "\u0309"),
    "ẽ": ("e", "\u0303"), "ẹ": ("e", "\u0323"), "ỳ": ("y", "\u0300"), "ý": ("y", "\u0301"),
    "ỷ": ("y", "\u0309"), "ỹ": ("y", "\u0303"), "ỵ": ("y", "\u0323"),
}


def _retone(m: re.Match) -> str:
    first, second = m.group()
    s = m.string
    end = m.end()
    if (first in "oO") != (second in _O_TONED):
        return m.group()
    if end < len(s) and s[end].isalpha():
        return m.group()
    return _moved(first, second)


@lru_cache(maxsize=None)
def _moved(first: str, second: str) -> str:
    base, mark = _TONE_MOVE[second]
    return unicodedata.normalize("NFC", first + mark) + base


def new_tone(s: str) -> str:
    """Old-style tone placement to the new style: 'Tỉnh uỷ' -> 'Tỉnh ủy', 'hoá' -> 'hóa'."""
    return _OLD_TONE_SCAN.sub(_retone, s)


@lru_cache(maxsize=4096)  # the same line or sentence is keyed again by each step that reads it
def lower_key(s: str) -> str:
    """Lower case + new-style tone marks, same length as `s` (for an NFC string)."""
    low = s.lower()
    if len(low) != len(s):  # a few exotic letters grow when lower-cased
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in s)
    return new_tone(low)


_WS = re.compile(r"\s+")
_TRAIL = re.compile(r"[\s,;:.\-–—/*(]+$")
_LEAD = re.compile(r"^[\s,;:.\-–—+*•]+")


def tidy(name: str) -> str:
    """NFC, new tone marks, one space, no surrounding punctuation, first letter upper."""
    s = new_tone(nfc(name or ""))
    s = _WS.sub(" ", s).strip()
    s = s.strip("\"'“”‘’«»")
    s = _LEAD.sub("", s)
    s = _TRAIL.sub("", s)
    if s.endswith(")") and s.count("(") < s.count(")"):
        s = s[:-1].rstrip()
    if s:
        s = s[0].upper() + s[1:]
    return s


# --------------------------------------------------------------------------- vocabulary

# Department names, full and abbreviated, with their canonical form: data/reference/departments.csv.
# Their parts may be joined by any joint or none ("TT&TT", "TT-TT", "TTTT", "Thông tin - Truyền thông").
_DEPT_NAMES: dict[str, list[str]] = {}
for _phrase, _canon in vocabulary("departments")["department"].items():
    _DEPT_NAMES.setdefault(_canon, []).append(_phrase)
# in file order: the first whose names match the whole name gives its canonical form
# ("Sở VH&TT" is Văn hóa và Thể thao; rule _phong makes a district office's Thông tin)
_DEPT_RE = [(canon, re.compile(phrases_rx(names, joints=True) + r"(?!\w)")) for canon, names in _DEPT_NAMES.items()]
_DEPT_ANY = phrases_rx(vocabulary("departments")["department"], joints=True)

# The words of agency names, written once in data/reference/agency_words.csv; the grammar
# around them (what may follow which word) is here.
_WORDS = vocabulary("agency_words")


def _w(group: str) -> str:
    return phrases_rx(_WORDS[group])


_CENTRAL = _w("central_city")
_UNIT = _w("unit")
_PLURAL = (rf"(?:{_w('many')}\s+{_UNIT}(?:\s*(?:,|và|,\s*và)\s*{_UNIT})*"
           rf"|{_UNIT}(?:\s*(?:,|và|,\s*và)\s*{_UNIT})+)")
_LEVEL = (rf"(?:cấp tỉnh|cấp huyện|cấp xã|cấp cơ sở|các cấp|{_PLURAL}|tỉnh|thành phố|tp\.?"
          rf"|quận|huyện|thị xã|tx\.?|xã|phường|thị trấn)")
_UBND = _w("ubnd")
_HDND = _w("hdnd")
_COMMITTEE = _w("committee")
_PARTY_BAN = _w("party_ban")
_COLL_WORD = (r"(?:sở|ban ngành|ban|ngành|phòng|cơ quan|đơn vị|đoàn thể|địa phương|mặt trận|"
              r"tổ chức chính trị\s*-\s*xã hội|tổ chức đoàn thể|hội)")

# Heads that start an agency name, tried with .match on lower_key text: the group of words
# the name starts with (agency_words.csv), what may follow them, and a kind that says what may
# follow the match: "loc" a place name ("… tỉnh Quảng Ngãi"), "coll" the tail of a collective
# ("… liên quan"), "cap" an unknown name starting with a capital, "proper" capitalised words
# only, "dept?" an optional department name ("Văn phòng Sở [TT&TT]"), "" nothing.
_HEAD_SPECS: list[tuple[str, str, str]] = [
    ("office", rf"\s+(?:{_HDND}\s*(?:và|-|–|&)\s*{_UBND}|đoàn đbqh\s*(?:và|-)\s*{_HDND}|{_UBND}|{_HDND}|{_COMMITTEE})(?:\s+{_LEVEL})?", "loc"),
    ("office", r"\s+sở(?!\w)", "dept?"),
    ("standing", rf"\s+(?:{_COMMITTEE}|{_HDND}|{_UBND})(?:\s+{_LEVEL})?", "loc"),
    ("ubnd", rf"\s+(?:{_LEVEL})", "loc"),
    ("hdnd", rf"\s+(?:{_LEVEL})", "loc"),
    ("police", rf"\s+(?:{_LEVEL})", "loc"),
    ("border_guard", r"(?:\s+(?:tỉnh|thành phố|tp\.?))?", "loc"),
    ("military_command", rf"(?:\s+(?:{_LEVEL}))?", "loc"),
    ("military_board", rf"\s+(?:{_LEVEL})", "loc"),
    ("ministry", rf"\s+(?:công an|quốc phòng|ngoại giao|{_DEPT_ANY})(?!\w)", ""),
    ("standing_office", rf"(?:\s+(?:tiểu ban|ban chỉ đạo)(?:\s+an toàn\s*,?\s*an ninh mạng|\s+an ninh mạng|\s+an toàn thông tin|\s+\d+|\s+số\s+\d+)?)?(?:\s+{_LEVEL})?", "loc"),
    ("steering", rf"(?:\s*(?:số\s+)?\d+[a-z]?)?(?:\s+{_LEVEL})?", "loc"),
    ("subcommittee", rf"(?:\s+an toàn\s*,?\s*an ninh mạng|\s+an ninh mạng|\s+an toàn thông tin)(?:\s+{_LEVEL})?", "loc"),
    ("party_board", rf"\s+(?:{_PARTY_BAN}\s+)?{_COMMITTEE}(?:\s+(?:quân sự|công an|khối))?", "loc"),
    ("board", rf"\s+{_PARTY_BAN}", ""),  # "Ban Tuyên giáo" alone (the level is implicit)
    ("inspection", rf"\s+{_COMMITTEE}", "loc"),
    ("party_cadres", rf"\s+(?:{_UBND}|{_HDND}|mttq|ủy ban mttq|ủy ban mặt trận tổ quốc|mặt trận tổ quốc|liên đoàn lao động|hội\s+\S+(?:\s+\S+)?)(?:\s+(?:việt nam|vn))?(?:\s+{_LEVEL})?", "loc"),
    ("party_committee", rf"\s+(?:quân sự|công an|khối)(?:\s+{_LEVEL})?", "loc"),
    ("committee_local", "", "loc"),
    ("party_committee", rf"\s+(?:{_LEVEL})", "loc"),
    ("front", rf"(?:\s*(?:việt nam|vn))?(?:\s+{_LEVEL})?", "loc"),
    ("youth", rf"(?:\s+{_LEVEL})?", "loc"),
    ("association", rf"\s+{_w('association_name')}(?:\s+việt nam)?(?:\s+{_LEVEL})?", "loc"),
    ("labour", rf"(?:\s+{_LEVEL})?", "loc"),
    ("broadcaster", rf"\s+(?:phát thanh\s*(?:và|&|-|–)\s*truyền hình|pt\s*(?:&|-|–|và)?\s*th|truyền thanh(?:\s*(?:-|–|và)\s*truyền hình)?|phát thanh)(?:\s+{_LEVEL})?", "loc"),
    ("departments", rf"\s+(?:{_DEPT_ANY})(?!\w)", "loc"),
    ("offices", rf"\s+(?:{_DEPT_ANY})(?!\w)(?:\s+(?:{_LEVEL}))?", "loc"),
    ("collective", rf"\s+{_COLL_WORD}(?:\s*,\s*(?:và\s+)?{_COLL_WORD}(?!\w)|\s+và\s+{_COLL_WORD}(?!\w)|\s+{_COLL_WORD}(?!\w))*", "coll"),
    ("departments_list", rf"\s*,\s*ban\s*,\s*ngành(?:\s*,\s*(?:và\s+)?{_COLL_WORD}(?!\w)|\s+và\s+{_COLL_WORD}(?!\w))*", "coll"),
    ("many", rf"\s+{_UNIT}(?:\s*(?:,|và|,\s*và)\s*{_UNIT})*", "plural"),
    ("unit", rf"(?:\s*(?:,|và|,\s*và)\s*{_UNIT})+", "plural"),
    ("centre", rf"\s+(?:văn hóa\s*(?:,|-|–)?\s*thông tin(?:\s*(?:và|&|-|–|,)\s*thể thao)?(?:\s*(?:và|&|-|–|,)\s*du lịch)?|vh\s*-?\s*tt(?:\s*(?:&|và|-)\s*tt)?|truyền thông(?:\s*(?:-|–|và)\s*văn hóa)?|văn hóa(?:\s*(?:-|–|và)\s*truyền thông)?|chính trị|công nghệ thông tin(?:\s*(?:và|&|-)\s*truyền thông)?|giám sát,?\s*điều hành đô thị thông minh)(?:\s+{_LEVEL})?", "loc"),
    ("cyber_police", rf"\s*,?\s*chống tội phạm (?:sử dụng )?công nghệ cao(?:\s*[-–(]?\s*công an\s+{_LEVEL}\)?)?", "loc"),
    ("cyber_police_code", rf"(?:\s*[-–(]?\s*công an\s+{_LEVEL}\)?)?", "loc"),
    # a police department named with its code: "Phòng Xây dựng phong trào … (PV05)"
    ("coded_office", r"\s+[^,;()\n]{3,120}?\s*\(\s*p[a-z]\d{2}\s*\)", ""),
    # a district or commune named alone acts through its People's Committee ("thị xã Buôn Hồ")
    ("place", "", "place"),
    # generic heads: need a capitalised word (or an abbreviation) right after the head;
    # proper-name heads take capitalised words only ("Báo Bắc Giang", "Viettel Quảng Ngãi")
    ("proper", "", "proper"),
    ("generic", "", "cap"),
]
_HEADS: list[tuple[re.Pattern, str]] = [(re.compile(_w(group) + rest), kind) for group, rest, kind in _HEAD_SPECS]


def _heads_by_prefix() -> dict[str, list[tuple[re.Pattern, str]]]:
    """The heads worth trying at a position, by its first two characters: those of the words a
    head starts with (most positions start no agency and rule out every head)."""
    starts = [first_chars(_WORDS[group]) for group, _, _ in _HEAD_SPECS]
    return {p2: [h for h, s in zip(_HEADS, starts) if p2 in s] for p2 in set().union(*starts)}


_HEADS_AT = _heads_by_prefix()


_ROLE = re.compile(r"(?:thủ trưởng|trưởng|giám đốc|chủ tịch|người đứng đầu|chánh)\s+(?=\S)")

# Words that end a name of unknown form (the verb of the clause, a preposition, a list joint).
_NAME_STOP = re.compile(phrases_rx(vocabulary("clause_verbs")["name_stop"]) + r"(?!\w)")

_WORD = re.compile(r"[\w&][\w&/-]*")
_CAPWORD = re.compile(r"[^\W\d_][\w&-]*")


_SPACE = re.compile(r"\s+")
_SPACE_DASH = re.compile(r"\s+(?:[-–]\s+)?")


def _cap_run(key: str, orig: str, pos: int, max_words: int = 5) -> int:
    """End of a run of capitalised words (a place or proper name) after `pos`;
    `pos` itself when there is none. 'Bà Rịa - Vũng Tàu' is one run."""
    end = pos
    words = 0
    while words < max_words:
        m = (_SPACE_DASH if words else _SPACE).match(key, end)
        if not m:
            break
        j = m.end()
        if j >= len(orig) or not (orig[j].isupper() or (words and orig[j].isdigit())):
            break
        if words and _NAME_STOP.match(key, j):
            break
        w = _CAPWORD.match(key, j) or _WORD.match(key, j)
        if not w:
            break
        end = w.end()
        words += 1
    return end


_LOC_TAIL = re.compile(rf"\s+(?:{_LEVEL})(?!\w)")
_COLL_TAIL = re.compile(
    r"\s+(?:(?:trực thuộc|thuộc)\s+(?:sở|ubnd|ủy ban nhân dân|tỉnh|huyện|quận)|cơ sở|có liên quan|liên quan|chức năng|"
    r"chuyên môn|thành viên|trực thuộc|các cấp|cấp tỉnh|cấp huyện|cấp xã|của tỉnh|của huyện|tỉnh|huyện|quận|thị xã|thành phố"
    r"|trên địa bàn(?:\s+(?:tỉnh|huyện|quận|thị xã|thành phố|xã|phường))?)(?!\w)")


def _generic_body(key: str, orig: str, pos: int, max_words: int = 6) -> int:
    """Words of an unknown name after its head: the first capitalised (or an abbreviation),
    then words up to a stop word or punctuation; ' - ' only before a capitalised word."""
    end = pos
    words = 0
    while words < max_words:
        m = _SPACE_DASH.match(key, end)
        if not m:
            break
        j = m.end()
        if j >= len(orig):
            break
        dashed = "-" in key[end:j] or "–" in key[end:j]
        if (words == 0 or dashed) and not orig[j].isupper():
            break
        if words > 0 and not orig[j].isupper() and _NAME_STOP.match(key, j):
            break
        if words > 0 and orig[j].isupper() and _NAME_STOP.match(key, j) and not dashed:
            break
        w = _WORD.match(key, j)
        if not w:
            break
        end = w.end()
        words += 1
    return end


_ENDS_LEVEL = re.compile(rf"(?:{_LEVEL})$")


def match_agency(key: str, orig: str, pos: int) -> int | None:
    """End offset of an agency name starting exactly at `pos`, or None.

    `key` is lower_key(orig). The name is the longest known form, plus a place name after it
    ("Sở TT&TT tỉnh Quảng Ngãi", "UBND quận Hai Bà Trưng"). Unknown names need a generic head
    (Sở, Phòng, Ban, Trung tâm, Hội, Đài, Báo…) followed by a capitalised word."""
    role = _ROLE.match(key, pos)
    start = role.end() if role else pos
    heads = _HEADS_AT.get(key[start:start + 2], ())
    best = None
    for rx, kind in heads:
        m = rx.match(key, start)
        if not m:
            continue
        end = m.end()
        if kind not in ("cap", "proper") and end < len(key) and (key[end].isalnum() or key[end] == "&"):
            continue  # stopped inside a word
        if kind == "place":
            body = _cap_run(key, orig, end)
            if body == end:
                continue
            end = body
        elif kind == "proper":
            body = _cap_run(key, orig, end)
            if body == end:
                continue
            end = body
        elif kind == "cap":
            body = _generic_body(key, orig, end)
            if body == end:
                continue
            end = body
            lt = _LOC_TAIL.match(key, end)
            if lt:
                end = max(lt.end(), _cap_run(key, orig, lt.end()))
        elif kind == "dept?":
            m2 = _DEPT_AFTER.match(key, end)
            if m2 and orig[m2.start() + 1:m2.start() + 2].isupper():
                end = m2.end()
        elif kind == "loc":
            # a place name follows a level word ("UBND tỉnh Quảng Ngãi", "Sở Y tế tỉnh Bắc Giang")
            ends_level = bool(_ENDS_LEVEL.search(key, start, end))
            end2 = _cap_run(key, orig, end) if ends_level or key.startswith("đài", start) else end
            if end2 == end and not ends_level:
                lt = _LOC_TAIL.match(key, end)
                if lt:
                    end2 = max(lt.end(), _cap_run(key, orig, lt.end()))
            end = end2
        elif kind == "coll":
            while True:
                t = _COLL_TAIL.match(key, end)
                if not t:
                    break
                end = t.end()
            # "các cơ quan" alone is too vague; "các sở" or two words or more is a collective
            words = _COLL_RX.findall(key, start, end)
            if len(words) < 2 and not _COLL_SINGLE.match(key, start):
                continue
        if best is None or end > best:
            best = end
    return best


_DEPT_AFTER = re.compile(rf"\s+(?:{_DEPT_ANY})(?!\w)")
_COLL_RX = re.compile(_COLL_WORD)
_COLL_SINGLE = re.compile(r"(?:các|tất cả các)\s+(?:sở|ban ngành|đoàn thể|tổ chức chính trị\s*-\s*xã hội|tổ chức đoàn thể)(?!\w)")


_LIST_SEP = re.compile(r"\s*,\s*(?:và\s+)?|\s+và\s+|\s*;\s*(?=[A-ZĐ])")
_PAREN = re.compile(r"\s*\([^()\n]{0,120}\)")


def match_agency_list(key: str, orig: str, pos: int) -> tuple[list[tuple[int, int]], int]:
    """Agencies listed from `pos` ("Sở TT&TT, Công an tỉnh và Bộ CHQS tỉnh"): their spans and
    the end of the list. Stops at the first item that is not an agency."""
    spans: list[tuple[int, int]] = []
    end = match_agency(key, orig, pos)
    if end is None:
        return spans, pos
    spans.append((pos, end))
    while True:
        p = _PAREN.match(key, end)
        after = p.end() if p else end
        s = _LIST_SEP.match(key, after)
        if not s:
            return spans, after
        e2 = match_agency(key, orig, s.end())
        if e2 is None:
            return spans, after
        spans.append((s.end(), e2))
        end = e2


# --------------------------------------------------------------------------- normalisation

_TAIL_PLACE = r"(?:\s+(?:tỉnh|thành phố|tp\.?)(?:\s+.+)?)?"
_HUYEN = r"(?:các\s+)?(?:quận|huyện|thị xã|tx\.?)"
_XA = r"(?:các\s+)?(?:xã|phường|thị trấn|tt\.)"


def _level(rest: str) -> str | None:
    """'tinh' | 'huyen' | 'xa' | None for the place part after a body's name."""
    rest = rest.strip()
    if not rest:
        return None
    if re.match(r"(?:cấp tỉnh|tỉnh)(?!\w)", rest):
        return "tinh"
    if re.match(r"(?:thành phố|tp\.?)(?!\w)", rest):
        tail = re.sub(r"^(?:thành phố|tp\.?)\s*", "", rest)
        if not tail or re.match(_CENTRAL, tail):
            return "tinh"
        if re.match(r"(?:,|và)", tail):  # "thành phố, thị xã"
            return "huyen"
        return "huyen"
    if re.match(r"(?:cấp huyện|các cấp huyện)(?!\w)", rest) or re.match(_HUYEN + r"(?!\w)", rest):
        return "huyen"
    if re.match(r"(?:cấp xã|cấp cơ sở)(?!\w)", rest) or re.match(_XA + r"(?!\w)", rest):
        return "xa"
    if re.match(r"các\s+thành phố", rest):
        return "huyen"
    return None


def _committee_level(word: str, rest: str) -> str | None:
    if word == "tỉnh ủy":
        return "tinh"
    if word == "thành ủy":
        rest = rest.strip()
        return "tinh" if not rest or re.match(_CENTRAL, rest) else "huyen"
    if word in ("huyện ủy", "quận ủy", "thị ủy"):
        return "huyen"
    return None


_LEVEL_NAME = {"tinh": "tỉnh", "huyen": "cấp huyện", "xa": "cấp xã"}


def _by_level(prefix: str, level: str | None, default: str | None = None) -> str | None:
    if level is None:
        return default
    return f"{prefix} {_LEVEL_NAME[level]}"


_RULES: list[tuple[re.Pattern, object]] = []


def _rule(pattern: str):
    def deco(fn):
        _RULES.append((re.compile(pattern), fn))
        return fn
    return deco


@_rule(rf"(?:văn phòng|vp)\s+{_UBND}\s*(?P<rest>.*)")
def _vp_ubnd(m, t):
    lv = _level(m["rest"]) or "tinh"
    return "Văn phòng UBND tỉnh" if lv == "tinh" else f"Văn phòng UBND {_LEVEL_NAME[lv]}"


@_rule(rf"(?:văn phòng|vp)\s+{_HDND}\s*(?:và|-|–|&)\s*{_UBND}\s*(?P<rest>.*)")
def _vp_hdnd_ubnd(m, t):
    lv = _level(m["rest"]) or "huyen"
    return f"Văn phòng HĐND và UBND {_LEVEL_NAME[lv]}"


@_rule(r"(?:văn phòng|vp)\s+sở(?:\s+(?P<rest>.*))?")
def _vp_so(m, t):
    rest = m["rest"]
    if rest:
        sub = normalise_agency("Sở " + t[m.start("rest"):])
        return "Văn phòng " + sub
    return "Văn phòng Sở"


@_rule(r"(?:văn phòng|vp)\s+(?P<c>tỉnh ủy|thành ủy|huyện ủy|quận ủy|thị ủy)\s*(?P<rest>.*)")
def _vp_committee(m, t):
    lv = _committee_level(m["c"], m["rest"])
    return "Văn phòng Tỉnh ủy" if lv == "tinh" else "Văn phòng cấp ủy cấp huyện"


@_rule(rf"{_UBND}\s+(?P<rest>.+)")
def _ubnd(m, t):
    return _by_level("UBND", _level(m["rest"]))


@_rule(rf"{_HDND}\s+(?P<rest>.+)")
def _hdnd(m, t):
    return _by_level("HĐND", _level(m["rest"]))


@_rule(r"công an\s+(?P<rest>.+)")
def _ca(m, t):
    rest = m["rest"].strip()
    if rest.startswith("các cấp"):
        return "Công an các cấp"
    return _by_level("Công an", _level(rest))


@_rule(r"(?:bộ chỉ huy bộ đội biên phòng|bộ chỉ huy bđbp|bchbđbp|bđbp|bộ đội biên phòng)(?P<rest>.*)")
def _bdbp(m, t):
    return "Bộ Chỉ huy Bộ đội Biên phòng tỉnh"


@_rule(r"(?:bộ chỉ huy quân sự|bộ chỉ huy qs|bộ chqs)(?P<rest>.*)")
def _bchqs(m, t):
    return "Bộ Chỉ huy Quân sự tỉnh"


@_rule(r"(?:ban chỉ huy quân sự|ban chỉ huy qs|ban chqs|bchqs)\s*(?P<rest>.*)")
def _banchqs(m, t):
    lv = _level(m["rest"])
    if m.group(0).startswith("bchqs") and lv in (None, "tinh"):
        return "Bộ Chỉ huy Quân sự tỉnh"
    if lv == "tinh":
        return "Bộ Chỉ huy Quân sự tỉnh"
    if lv == "xa":
        return "Ban Chỉ huy Quân sự cấp xã"
    return "Ban Chỉ huy Quân sự cấp huyện"


@_rule(r"(?:phòng\s+)?(?:an ninh mạng và phòng\s*,?\s*chống tội phạm (?:sử dụng )?công nghệ cao|pa05)(?P<rest>.*)")
def _pa05(m, t):
    return "Phòng An ninh mạng và phòng, chống tội phạm sử dụng công nghệ cao"


@_rule(r"bcđ\s*(?P<rest>.*)")
def _bcd(m, t):
    return tidy("Ban Chỉ đạo " + t[m.start("rest"):])


@_rule(r"(?:cơ quan thường trực(?: của)?)\s+(?:tiểu ban\s+)?an toàn\s*,?\s*an ninh mạng(?P<rest>.*)")
def _cqtt_tieuban(m, t):
    return "Cơ quan thường trực Tiểu ban An toàn, An ninh mạng tỉnh"


@_rule(r"tiểu ban\s+an toàn\s*,?\s*an ninh mạng(?P<rest>.*)")
def _tieuban(m, t):
    return "Tiểu ban An toàn, An ninh mạng tỉnh"


@_rule(rf"(?:ban|btg)\s+(?P<b>{_PARTY_BAN}\s+)?(?P<c>tỉnh ủy|thành ủy|huyện ủy|quận ủy|thị ủy)\s*(?P<rest>.*)")
def _party_ban(m, t):
    b = (m["b"] or "").strip()
    if m.group(0).startswith("btg") and not b:
        b = "tuyên giáo"
    if not b:
        return None
    name = _WORDS["party_ban"][" ".join(b.split())]
    lv = _committee_level(m["c"], m["rest"])
    return f"Ban {name} Tỉnh ủy" if lv == "tinh" else f"Ban {name} cấp huyện"


@_rule(r"(?P<c>tỉnh ủy|thành ủy)\s*(?P<rest>.*)")
def _tinhuy(m, t):
    lv = _committee_level(m["c"], m["rest"])
    return "Tỉnh ủy" if lv == "tinh" else None


@_rule(r"(?:ủy ban\s+)?(?:mặt trận tổ quốc|mttq|ubmttq)(?:\s*(?:việt nam|vn))?\s*(?P<rest>.*)")
def _mttq(m, t):
    lv = _level(m["rest"])
    return _by_level("Ủy ban Mặt trận Tổ quốc Việt Nam", lv, "Ủy ban Mặt trận Tổ quốc Việt Nam")


@_rule(r"(?:tỉnh đoàn|ban thường vụ tỉnh đoàn|đoàn thanh niên(?:\s+cộng sản\s+hồ chí minh)?\s+tỉnh|đoàn tncs hồ chí minh\s+tỉnh)(?P<rest>.*)")
def _tinhdoan(m, t):
    return "Tỉnh đoàn"


@_rule(r"đài\s+(?:phát thanh\s*(?:và|&|-|–)\s*truyền hình|pt\s*(?:&|-|–|và)?\s*th)\s*(?P<rest>.*)")
def _dai(m, t):
    lv = _level(m["rest"])
    if lv in ("huyen", "xa"):
        return f"Đài Phát thanh và Truyền hình {_LEVEL_NAME[lv]}"
    return "Đài Phát thanh và Truyền hình tỉnh"


@_rule(rf"(?:các\s+)?sở\s+(?P<n>{_DEPT_ANY})(?P<rest>{_TAIL_PLACE})")
def _so(m, t):
    n = m["n"]
    for canon, rx in _DEPT_RE:
        if rx.fullmatch(n):
            return "Sở " + canon
    return None


@_rule(rf"(?:các\s+)?phòng\s+(?P<n>{_DEPT_ANY})(?P<rest>(?:\s+(?:{_LEVEL})(?:\s+.*)?)?)")
def _phong(m, t):
    n = m["n"]
    for canon, rx in _DEPT_RE:
        if rx.fullmatch(n):
            if canon == "Văn hóa và Thể thao":  # a district office is never "VH&TT" = sport
                canon = "Văn hóa và Thông tin"
            return "Phòng " + canon
    return None


@_rule(rf"bộ\s+(?P<n>{_DEPT_ANY})")
def _bo(m, t):
    for canon, rx in _DEPT_RE:
        if rx.fullmatch(m["n"]):
            return "Bộ " + canon
    return None


@_rule(rf"(?:các|tất cả các)\s+(?P<w>{_COLL_WORD}(?:\s*,\s*(?:và\s+)?{_COLL_WORD}|\s+và\s+{_COLL_WORD}|\s+{_COLL_WORD})*)(?P<rest>.*)"
       r"|(?P<w2>sở\s*,\s*ban\s*,\s*ngành)(?P<rest2>.*)")
def _collective(m, t):
    words = set(re.findall(_COLL_WORD, m["w"] or m["w2"]))
    rest = (m["rest"] or m["rest2"] or "").strip()
    if "sở" in words:
        return "Các sở, ban, ngành"
    if "phòng" in words and ({"ban", "ngành", "ban ngành"} & words):
        return "Các phòng, ban, ngành"
    if words <= {"cơ quan", "đơn vị", "địa phương"} and {"cơ quan", "đơn vị"} <= words:
        return "Các cơ quan, đơn vị"
    if words <= {"ban", "ngành", "ban ngành", "đoàn thể", "mặt trận", "hội"} and ("ngành" in words or "ban ngành" in words):
        return "Các ban, ngành, đoàn thể" if "đoàn thể" in words else "Các ban, ngành"
    if rest.startswith(("liên quan", "có liên quan")):
        return tidy(t[: len(t) - len(m["rest"] or "")])
    return None


@_rule(r"(?P<u>quận|huyện|thị xã|tx\.?|thành phố|tp\.?|xã|phường|thị trấn)\s+(?P<rest>\S.*)")
def _place(m, t):
    lv = _level(m.group(0))
    return {"tinh": "UBND tỉnh", "huyen": "UBND cấp huyện", "xa": "UBND cấp xã"}.get(lv or "", None)


@_rule(_PLURAL + r"\s*$")
def _plural(m, t):
    return "UBND cấp xã" if re.match(_XA, m.group(0)) else "UBND cấp huyện"


def _strip_place(t: str, key: str) -> str:
    """'Sở Y tế tỉnh Bắc Giang' -> 'Sở Y tế'; 'Phòng Tư pháp huyện Ba Vì' -> 'Phòng Tư pháp'
    (a level word at the end or before a capitalised name; "Phòng Văn hóa - Xã hội" stays)."""
    if key.startswith(("sở ", "phòng ")):
        levels = r"(?:tỉnh|thành phố|tp\.?)" if key.startswith("sở ") else rf"(?:{_LEVEL})"
        for m in re.finditer(rf"\s+{levels}(?!\w)", key):
            if m.start() <= 4:
                continue
            after = t[m.end():].lstrip()
            if not after or after[0].isupper():
                return t[: m.start()]
    return t


@lru_cache(maxsize=8192)
def normalise_agency(name: str) -> str:
    """Canonical short form of an agency name (see the module doc); unknown names tidied."""
    t = tidy(name)
    if not t:
        return t
    key = lower_key(t)
    role = _ROLE.match(key)
    if role and role.end() < len(key):
        rest = normalise_agency(t[role.end():])
        if rest.startswith("Các "):
            rest = "các " + rest[4:]
        return tidy(t[: role.end()].strip() + " " + rest)
    for rx, fn in _RULES:
        m = rx.fullmatch(key)
        if m:
            out = fn(m, t)
            if out:
                return out
    return tidy(_strip_place(t, key))
