"""Which task categories a document covers, with the sentences that show it.

A sentence covers a category when one of the category's cue phrases occurs in it as whole
words (case-insensitive; "quốc tế" does not match inside a longer word). Before matching, a
sentence is masked where it only names things:

* text inside quotation marks (“…”, "…", «…») - usually the title of a cited text;
* the title of a cited instrument: after "Nghị quyết số 35-NQ/TW … về" up to the end of the
  clause, so 'Nghị quyết số 35-NQ/TW … về tăng cường bảo vệ nền tảng tư tưởng …, đấu tranh
  phản bác …' is a citation, not countering;
* agency names ("Sở Giáo dục và Đào tạo" is not about training, "Sở Kế hoạch và Đầu tư" not
  about investment, "Ban Chỉ đạo 138" not about leadership).

Skipped entirely: page furniture, a web page's tail ("Tin liên quan", comment forms), the
"Nơi nhận" list and the signature block (see tasks._classify_lines). A sentence broken by a
PDF line break ("… Luật An ninh\n\nmạng …") is read as one; an item number that the sentence
splitter cuts off ("1.") stays with its sentence. The evidence is the exact text of the
document.

Rules of data/reference/coverage_rules.csv (see `Rule`) then follow the labelling conventions:
a cue that only names a thing counts when the sentence also says what is done with it
(paired: "hệ thống thông tin" is INFRA with its protection, "tin giả" is COUNTER with a struggle
against it); a veto phrase takes a category out of a sentence (hostile "tuyên truyền xuyên tạc"
is not awareness work); a sentence describing shortcomings states no task; a generic group
(awareness, steering, funding, review …) counts only when the text puts cyber or information
security in its scope at all (read before masking: spreading "Luật An ninh mạng" is cyber work),
and not from a sentence about an unrelated digital subject only. Lines citing other texts
("Căn cứ …;", "- Nghị định số 85/2016/NĐ-CP … ;", a number broken onto the next line after
"số" or "ngày" included) are skipped.

Order of evidence per category: sentences inside a task section (NHIỆM VỤ, TỔ CHỨC THỰC HIỆN…)
or a numbered item first, then other sentences, then sentences of MỤC ĐÍCH/KẾT QUẢ-type
sections; document order within each group. At most one row per (category, sentence).
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

from ..text import Sentence, nfc, sentences
from .agencies import lower_key
from .tasks import _CONTAINER_KINDS, _Node, _node_class, outline


@dataclass(frozen=True)
class Coverage:
    category_code: str
    evidence: str
    cue: str


@dataclass(frozen=True)
class Rule:
    """One row of coverage_rules.csv.

    kind: "scope" (phrases that put a text in cyber scope), "scoped" (category counts only in
    such a text), "off_topic" (a sentence naming these and no scope phrase gives no scoped
    category), "not_a_task" (a sentence with these gives nothing and sets no scope),
    "paired" (the category's `phrases` count only with one of `with_phrases` in the sentence),
    "veto" (the category is not taken from a sentence holding one of `phrases`)."""
    kind: str
    category_code: str = ""
    phrases: tuple[str, ...] = ()
    with_phrases: tuple[str, ...] = ()


RULE_KINDS = ("scope", "scoped", "off_topic", "not_a_task", "paired", "veto")


def _phrases(cell: str) -> tuple[str, ...]:
    return tuple(p.strip().lower() for p in nfc(cell or "").split("|") if p.strip())


def rules_from_rows(rows: list[dict[str, str]]) -> tuple[Rule, ...]:
    """coverage_rules.csv rows -> rules; an unknown kind is an error, not a silent no-op."""
    out = []
    for r in rows:
        kind = r["rule"].strip()
        if kind not in RULE_KINDS:
            raise ValueError(f"coverage_rules.csv: unknown rule {kind!r}")
        out.append(Rule(kind, r.get("category_code", "").strip(), _phrases(r.get("phrases", "")),
                        _phrases(r.get("with_phrases", ""))))
    return tuple(out)


_QUOTES = re.compile(r"“[^”\n]{0,400}”|\"[^\"\n]{0,400}\"|«[^»\n]{0,400}»|‘[^’\n]{0,200}’")
_KINDS = ("nghị quyết", "chỉ thị", "quyết định", "kết luận", "nghị định", "thông tư", "luật", "kế hoạch",
          "công văn", "hướng dẫn", "chương trình", "đề án", "quy định", "thông báo", "văn bản", "chiến lược")
_KIND = "(?:" + "|".join(_KINDS) + ")"
# "<kind> số 35-NQ/TW ngày 22/10/2019 của Bộ Chính trị về <title>"  (title masked)
_CITED_TITLE = re.compile(
    rf"(?<!\w){_KIND}(?:\s+số)?\s+(?:[\w./\-]*\d[\w./\-]*)(?:\s*,?\s*ngày\s+[\d/.\-]+(?:\s+tháng\s+\d+\s+năm\s+\d+)?)?"
    rf"(?:\s*,?\s*của\s+[^,;]{{0,80}}?)?\s*,?\s*(?P<rel>về(?: việc)?|phê duyệt|ban hành)\s+")
_TITLE_END = re.compile(
    r";|\.\s|\.$|,\s*(?:nhằm|góp phần|để|bảo đảm|đảm bảo|đồng thời|theo đó|trong đó|gắn với|kết hợp)(?!\w)|"
    r"\s(?:nhằm|để|đến (?:toàn thể|cán bộ|các|tất cả)|cho (?:cán bộ|toàn thể|các))(?!\w)|"
    rf",\s*(?={_KIND}(?:\s+số)?\s+[\w./\-]*\d)")
# one lookbehind for all the alternatives: checked once per position, not once per alternative
_AGENCY_NAMES = re.compile(
    r"(?<!\w)(?:(?:sở|phòng|bộ|trung tâm|trường|cục|ban|viện)\s+(?:giáo dục\s*(?:và|&|-)\s*đào tạo|(?:ứng dụng\s+)?công nghệ thông tin(?:\s*(?:và|&|-)\s*truyền thông)?|kế hoạch\s*(?:và|&|-)\s*đầu tư|"
    r"khoa học\s*(?:và|&|-)\s*công nghệ|thông tin\s*(?:và|&|-)\s*truyền thông|tài chính|quốc phòng|công an|"
    r"văn hóa[^,;.]{0,30}|lao động[^,;.]{0,40}|nội vụ|tư pháp|ngoại vụ|ngoại giao|chính trị)|"
    r"(?:ban chỉ đạo|bcđ)(?:\s+\d+|\s+an toàn[^,;.]{0,30}|\s+về[^,;.]{0,60})?(?:\s+(?:tỉnh|huyện|quận|thành phố))?|"
    r"(?:bộ chỉ huy quân sự|ban chỉ huy quân sự|bộ chqs|ban chqs|bộ đội biên phòng|bộ chỉ huy bộ đội biên phòng)|"
    r"tiểu ban an toàn,?\s*an ninh mạng|phòng an ninh mạng[^,;.]{0,70}công nghệ cao|"
    r"cục an toàn thông tin|(?:luật|nghị định|thông tư|nghị quyết|quyết định)\s+sửa đổi\s*,?\s*bổ sung|"
    r"(?:luật|nghị định|thông tư)\s+(?:an ninh mạng|an toàn thông tin mạng|ngân sách nhà nước|"
    r"bảo vệ bí mật nhà nước|phòng, chống khủng bố|giao dịch điện tử|công nghệ thông tin))")


# _CITED_TITLE tries every position of every sentence and backtracks a lot; few sentences
# hold the three things it needs (keep these in step with it): "về"/"phê duyệt"/"ban
# hành", a digit and a kind of text.
_CITE_REL = re.compile(r"về|phê duyệt|ban hành")
_CITE_KIND = re.compile("|".join(_KINDS))
_DIGIT = re.compile(r"\d")


def _mask(key: str) -> str:
    """`key` with quoted text, cited titles and agency names blanked (same length)."""
    spans = [(m.start() + 1, m.end() - 1) for m in _QUOTES.finditer(key)]
    if _CITE_REL.search(key) and _DIGIT.search(key) and _CITE_KIND.search(key):
        for m in _CITED_TITLE.finditer(key):
            start = m.end()
            end_m = _TITLE_END.search(key, start, min(len(key), start + 300))
            spans.append((start, end_m.start() if end_m else min(len(key), start + 300)))
    spans.extend(m.span() for m in _AGENCY_NAMES.finditer(key))
    if not spans:
        return key
    chars = list(key)
    for a, b in spans:
        seg = key[a:b]
        chars[a:b] = " " * len(seg) if "\n" not in seg else [c if c == "\n" else " " for c in seg]
    return "".join(chars)


def _cue_rx(cue: str) -> str:
    esc = r"\s+".join(re.escape(w) for w in cue.split())
    return esc.replace(r",\s+", r"\s*,\s*")


@lru_cache(maxsize=64)
def _compile(cues: tuple[str, ...]):
    """(one regex for all cues, function: matched text -> the cue phrase as listed)."""
    norm = {lower_key(nfc(c)).strip(): c.strip() for c in cues if c and c.strip()}
    if not norm:
        return None
    ordered = sorted(norm, key=len, reverse=True)
    big = re.compile(r"(?<!\w)(?:" + "|".join(_cue_rx(c) for c in ordered) + r")(?!\w)")
    singles = [(re.compile(_cue_rx(c)), norm[c]) for c in ordered]
    seen: dict[str, str] = {}

    def which(matched: str) -> str:
        if matched not in seen:
            seen[matched] = next((cue for rx, cue in singles if rx.fullmatch(matched)),
                                 re.sub(r"\s+", " ", matched))
        return seen[matched]

    return big, which


_WORD = re.compile(r"\w+")
_END = ""  # key of the categories ending at a node of the word tree (no word is empty)


@lru_cache(maxsize=16)
def _matchers(cues: tuple[tuple[str, tuple[str, ...]], ...], rules: tuple[Rule, ...] = ()):
    """(tag, regex, which) per list of phrases - a category's cues, tagged ("cue", code, 0),
    and the phrase lists of the rules, tagged (kind, code, rule number), a paired rule's
    second list as ("with", code, number); a tree of the phrases' words: word -> word -> … ->
    {_END: lists (by position)}; the lists to search in every sentence (a phrase without a
    word); the scoped categories; one regex for the scope phrases (None: nothing is gated)."""
    lists: list[tuple[tuple, tuple[str, ...]]] = [(("cue", code, 0), phrases) for code, phrases in cues]
    wide: dict[str, list[str]] = {}  # the phrases of every rule of a document-wide kind, as one list
    for n, r in enumerate(rules):
        if r.kind in ("scope", "off_topic", "not_a_task"):
            wide.setdefault(r.kind, []).extend(r.phrases)
        elif r.kind == "paired":
            lists.append((("paired", r.category_code, n), r.phrases))
            lists.append((("with", r.category_code, n), r.with_phrases))
        elif r.kind == "veto":
            lists.append((("veto", r.category_code, n), r.phrases))
    lists.extend(((kind, "", 0), tuple(phrases)) for kind, phrases in wide.items())
    cats, tree, always = [], {}, set()
    for tag, phrases in lists:
        comp = _compile(phrases)
        if comp is None:
            continue
        for c in phrases:
            if c and c.strip():
                words = _WORD.findall(lower_key(nfc(c)).strip())
                if not words:
                    always.add(len(cats))
                    continue
                node = tree
                for w in words:
                    node = node.setdefault(w, {})
                node.setdefault(_END, set()).add(len(cats))
        cats.append((tag, *comp))
    scoped = frozenset(r.category_code for r in rules if r.kind == "scoped")
    scope = tuple(p for r in rules if r.kind == "scope" for p in r.phrases)
    scope_rx = _compile(scope)[0] if scope else None
    return cats, tree, frozenset(always), scoped, scope_rx


def _candidates(key: str, tree: dict, always: frozenset) -> set[int]:
    """The categories (by position) that can match in `key`.

    Where a cue matches, its words are consecutive words of `key`: the cue's regex matches
    its words exactly, only spaces and commas between them, and whole words at both ends.
    So a category none of whose cues has its words in a row in `key` is not searched."""
    words = _WORD.findall(key)
    found = set(always)
    n = len(words)
    for j in range(n):
        node = tree.get(words[j])
        k = j + 1
        while node is not None:
            if _END in node:
                found |= node[_END]
            if k == n:
                break
            node = node.get(words[k])
            k += 1
    return found


def _ranks(text: str) -> list[float]:
    """Per line: 0 inside a task zone or a numbered item outside excluded zones, 1 neutral,
    2 inside an excluded zone (MỤC ĐÍCH, KẾT QUẢ …), -1 not content (furniture, Nơi nhận)."""
    lines, root = outline(text)
    starts: list[int] = []
    pos = 0
    for raw in text.split("\n"):
        starts.append(pos)
        pos += len(raw) + 1
    spans: list[tuple[int, int, float]] = []

    def rank(zone: str | None, item: bool) -> float:
        return 2 if zone == "excl" else 0 if (zone == "task" or item) else 1

    def walk(node: _Node, zone: str | None) -> None:
        cls = _node_class(text, node, zone)
        here = None if cls == "neutral" else (cls or zone)
        is_item = node.kind == "item" and node.mtype not in _CONTAINER_KINDS
        if node.head is not None:
            # a section heading is weaker evidence than the sentences under it
            spans.append((node.head[0], node.head[1],
                          rank(zone, True) if is_item else rank(here, False) + 0.5))
        for a, b in node.paras:
            spans.append((a, b, rank(here, is_item)))
        for c in node.children:
            walk(c, here)

    walk(root, None)
    out: list[float] = [-1 if ln is None else 1 for ln in lines]
    for a, b, r in spans:
        j = bisect_right(starts, a) - 1
        while 0 <= j < len(starts) and starts[j] < b:
            if out[j] != -1:
                out[j] = r
            j += 1
    return out


# A run of spaces, tabs and line breaks (with at least one break) between a character that
# does not end a sentence and a non-space one: in effect
#   (?<=[^\s.;:!?…])[ \t]*\n(?:[ \t]*\n)*[ \t]*(?=\S)
# but found from its first line break, which the regex engine can jump to, instead of
# trying the lookbehind at every character.
_LINE_BREAK = re.compile(r"\n[ \t\n]*")
_STARTS_ITEM = re.compile(r"[a-zđ]\s*[).]\s|[a-zđ]\s*/|[-–+•*]")
# "Chỉ thị số\n12/CT-TTg", "ngày\n17/5/2021": the number belongs to the line before
_NUMBER_WORD = re.compile(r"(?<!\w)(?:số|ngày|tháng|năm)$", re.I)


def _join_broken_lines(text: str) -> str:
    """Line breaks inside a sentence (PDF/web extraction: "Luật An ninh Quốc\n\ngia") read as
    spaces - a line that starts in lower case and is not an item "a) …", or with a number
    after "số", "ngày", "tháng", "năm"; same length as `text`."""
    parts: list[str] = []
    done = 0
    for m in _LINE_BREAK.finditer(text):
        start, nxt = m.span()
        while start > 0 and text[start - 1] in " \t":
            start -= 1
        if start == 0 or nxt == len(text):
            continue
        before, after = text[start - 1], text[nxt]
        if before.isspace() or before in ".;:!?…" or after.isspace():
            continue
        if after.isdigit():
            if not _NUMBER_WORD.search(text, max(0, start - 5), start):
                continue
        elif not after.islower() or _STARTS_ITEM.match(text, nxt):
            continue
        parts.append(text[done:start])
        parts.append(" " * (nxt - start))
        done = nxt
    if not parts:
        return text
    parts.append(text[done:])
    return "".join(parts)


_MARKER_ONLY = re.compile(r"(?:[IVX]{1,5}|\d{1,2}(?:\.\d{1,2}){0,3}|[a-zđ])\s*[.)]")


def _sentences(text: str) -> list[Sentence]:
    """etl.text.sentences, with an item number split off as a sentence of its own ("1.",
    "II.", "a)") joined back to the sentence that follows it on the line."""
    out: list[Sentence] = []
    pending: Sentence | None = None
    for s in sentences(text):
        if pending is not None:
            gap = text[pending.start + len(pending.text):s.start]
            if s.line_no == pending.line_no and not gap.strip():
                s = Sentence(text[pending.start:s.start + len(s.text)], pending.start, s.line_no)
            else:
                out.append(pending)
            pending = None
        if s.text[-1] in ".)" and _MARKER_ONLY.fullmatch(s.text):
            pending = s
            continue
        out.append(s)
    if pending is not None:
        out.append(pending)
    return out


def _line_starts(text: str) -> list[int]:
    starts, pos = [], 0
    for raw in text.split("\n"):
        starts.append(pos)
        pos += len(raw) + 1
    return starts


# A line that cites another text: "Căn cứ Luật …;", "Thực hiện Chỉ thị số 12/CT-TTg … về …;",
# "- Nghị định số 85/2016/NĐ-CP … ;" (a Căn cứ list, a list of texts issued or related). It
# ends with ";" or "," as items of a list do (a Căn cứ line: or is the last line of a cut-off
# page); a body
# sentence that starts the same way ("Căn cứ Kế hoạch này, các sở …") ends otherwise.
_CITATION_LINE = re.compile(
    rf"[ \t|]*(?:(?P<bullet>[-–+•*])[ \t]*\d{{0,2}}[ \t]*|\d{{1,2}}[.)][ \t]*)?(?:(?P<basis>căn cứ(?:\s+vào)?)\s+|(?:thực hiện|triển khai)\s+)?"
    rf"{_KIND}(?!\w)(?!\s+này)(?P<num>(?:\s+số)?\s*\d[\w./\-]*)?(?P<year>\s+năm\s+\d{{4}}(?!\w))?", re.I)


_NEW_CLAUSE = re.compile(r"[ \t|]*(?:[-–+•*]|\d{1,2}[.)]|căn cứ|xét|theo đề nghị|quyết định|điều \d)", re.I)


def _citation_lines(joined: str) -> list[tuple[int, int]]:
    """(start, end) of the runs of lines of `joined` (broken lines joined) that only cite texts.

    A citation may run over lines that a saved page broke before a capital ("… của\nChính phủ
    về bảo đảm an toàn hệ thống thông tin theo cấp độ;"): it ends at the line that ends with
    ";" or "," (a few lines at most), or at the end of a cut-off page for a Căn cứ line. An item
    "- 3Quyết định 749/QĐ-TTg năm 2020 về …" (a legal site's related texts) is one whatever its end."""
    lines = joined.split("\n")
    starts = []
    pos = 0
    for line in lines:
        starts.append(pos)
        pos += len(line) + 1
    last = len(lines) - 1
    while last > 0 and not lines[last].strip():
        last -= 1
    spans = []
    i = 0
    while i <= last:
        m = _CITATION_LINE.match(lines[i])
        if not (m and (m.group("basis") or m.group("num"))):
            i += 1
            continue
        j = i
        end = None
        if m.group("bullet") and m.group("num") and m.group("year"):
            j = last + 1  # "- 3Quyết định 749/QĐ-TTg năm 2020 về …": a legal site's list of related texts
            end = i
        while j <= last and j - i < 4:
            tail = lines[j].rstrip(" \t|")
            if j > i and (not tail or _NEW_CLAUSE.match(lines[j])):
                break
            if tail.endswith((";", ",")):
                end = j
                break
            if tail.endswith((".", ":")):
                break
            if j == last and m.group("basis"):
                end = j  # a Căn cứ cut off with the page
                break
            j += 1
        if end is None:
            i += 1
            continue
        spans.append((starts[i], starts[end] + len(lines[end])))
        i = end + 1
    return spans


_SCOPE, _OFF_TOPIC, _NOT_A_TASK = "scope", "off_topic", "not_a_task"
_QUALIFIERS = ("with", "veto", "off_topic")
_LAST_CUES: tuple = (None, None, None)


def extract_coverage(text: str, cues: dict[str, tuple[str, ...]], max_per_category: int = 5,
                     rules: tuple[Rule, ...] = ()) -> list[Coverage]:
    """Up to `max_per_category` evidence sentences per category, strongest first.

    `cues` maps a category code to its lower-case cue phrases; `rules` are those of
    coverage_rules.csv (none: every cue counts wherever it occurs). The evidence is the
    sentence exactly as it stands in `text`; `cue` is the cue phrase that matched."""
    if not text or not text.strip():
        return []
    text = nfc(text).replace("\r\n", "\n").replace("\r", "\n")
    ranks = _ranks(text)
    starts = _line_starts(text)
    global _LAST_CUES
    last = _LAST_CUES
    if last[0] is cues and last[1] is rules:  # the same objects for every document of a build
        cats, tree, always, scoped, scope_rx = last[2]
    else:
        built = _matchers(tuple((code, tuple(c)) for code, c in cues.items()), tuple(rules))
        cats, tree, always, scoped, scope_rx = built
        _LAST_CUES = (cues, rules, built)
    joined = _join_broken_lines(text)
    cited = _citation_lines(joined)
    ci = 0
    in_scope = False
    found: dict[str, list[tuple[float, int, Coverage]]] = {}
    for s in _sentences(joined):
        while ci < len(cited) and cited[ci][1] <= s.start:
            ci += 1
        if ci < len(cited) and cited[ci][0] <= s.start:
            continue
        line = bisect_right(starts, s.start) - 1
        r = ranks[line] if 0 <= line < len(ranks) else 1
        if r < 0:
            continue
        lkey = lower_key(s.text)
        key = _mask(lkey)
        hits = {}
        later = []  # the lists that only qualify a match: searched only when it matters
        for i in _candidates(key, tree, always):
            tag, big, which = cats[i]
            if tag[0] in _QUALIFIERS:
                later.append(i)
                continue
            m = big.search(key)
            if m:
                hits[tag] = (m, which)
        if (_NOT_A_TASK, "", 0) in hits:
            continue
        # the scope is read before masking: disseminating "Luật An ninh mạng" or carrying out
        # a resolution "về … không gian mạng" is work within cyber security
        here = (_SCOPE, "", 0) in hits
        if not here and not in_scope and scope_rx is not None:
            here = scope_rx.search(lkey) is not None
        in_scope = in_scope or here
        if not hits:
            continue
        codes = {t[1] for t in hits}
        for i in later:
            tag, big, which = cats[i]
            kind, code, n = tag
            if kind == "with" and ("paired", code, n) not in hits:
                continue
            if kind == "veto" and code not in codes:
                continue
            if kind == "off_topic" and (here or not (codes & scoped)):
                continue
            if kind == "off_topic" and scope_rx is not None and scope_rx.search(lkey) is not None:
                here = True  # a scope phrase masked as a law's name still makes the sentence cyber
                continue
            m = big.search(key)
            if m:
                hits[tag] = (m, which)
        off = (_OFF_TOPIC, "", 0) in hits
        vetoed = {t[1] for t in hits if t[0] == "veto"}
        taken: set[str] = set()
        for tag in sorted(hits):  # "cue" before "paired": the plain cue names the evidence
            kind, code, n = tag
            if kind != "cue" and not (kind == "paired" and ("with", code, n) in hits):
                continue
            if code in taken or code in vetoed or (off and code in scoped):
                continue
            taken.add(code)
            m, which = hits[tag]
            evidence = text[s.start:s.start + len(s.text)]
            found.setdefault(code, []).append((r, s.start, Coverage(code, evidence, which(m.group(0)))))
    out: list[Coverage] = []
    for code in cues:
        if scope_rx is not None and not in_scope and code in scoped:
            continue
        rows = sorted(found.get(code, []), key=lambda t: (t[0], t[1]))
        seen: set[str] = set()
        for _, _, cov in rows:
            if cov.evidence in seen:
                continue
            seen.add(cov.evidence)
            out.append(cov)
            if len(seen) >= max_per_category:
                break
    return out
