"""Regexes that start at a word: the same matches, found without trying every position.

Python's `re` skips ahead to a pattern's first literal character (or set of characters) when
the pattern opens with one. A pattern opening with `(?<!\\w)` has no such prefix, so `re`
tries it at every position of the text; across a document's twenty body patterns that was a
millisecond per document. `word_rx` moves the look-behind behind the first character of each
alternative (`(?<!\\w)(tinh|huyen) uy` → `(t(?<!\\w.)inh|h(?<!\\w.)uyen) uy`): the same
matches, the same groups, and a literal prefix for `re` to search for. Any one-character
look-behind is moved the same way (`(?<![\\w/])(\\d{1,5})` → `(\\d(?<![\\w/].)\\d{0,4})`).

Vocabulary is kept out of the patterns: `vocabulary(name)` reads a list of phrases from
data/reference/<name>.csv, written as one reads them, and `phrases_rx` makes them a pattern."""
from __future__ import annotations

import csv
import re
import unicodedata
from functools import cache

from .. import settings

# a negative look-behind of one character: (?<!\w), (?<![\w/.\-])
_LOOK_BEHIND = re.compile(r"\(\?<!(\\[wd]|\[(?:\\.|[^\]\\])+\])\)")
_GROUP_OPEN = re.compile(r"\((?:\?:|\?P<\w+>)?")
_QUANT = ("*", "?", "{", "+")
# a first character class with at least one repetition, split into one and the rest
_CLASS_REPEAT = re.compile(r"(\\[dw])(\{1,(\d+)\}|\+)")


def word_rx(pattern: str, flags: int = 0) -> re.Pattern:
    """`re.compile(pattern, flags)`, with a leading one-character negative look-behind moved
    where `re` can use it."""
    m = _LOOK_BEHIND.match(pattern)
    if m:
        hoisted = _hoist(pattern[m.end():], f"(?<!{m.group(1)}.)")
        if hoisted is not None:
            return re.compile(hoisted, flags)
    return re.compile(pattern, flags)


def _hoist(p: str, behind: str) -> str | None:
    """`p` with the look-behind after its first character, or None when that cannot be
    done safely (the pattern then keeps its look-behind at the front)."""
    if p[:1].isalnum() and p[1:2] not in _QUANT:
        return p[0] + behind + p[1:]
    if p[:2] in ("\\d", "\\w"):
        rep = _CLASS_REPEAT.match(p)
        if rep:  # \d{1,5} → \d(?<!…)\d{0,4}
            rest = "*" if rep.group(2) == "+" else f"{{0,{int(rep.group(3)) - 1}}}"
            return rep.group(1) + behind + rep.group(1) + rest + p[rep.end():]
        if p[2:3] not in _QUANT:
            return p[:2] + behind + p[2:]
        return None
    m = _GROUP_OPEN.match(p)
    if not m:
        return None
    end, alts = _group(p, m.end())
    if end is None or p[end + 1:end + 2] in _QUANT:
        return None
    hoisted = [_hoist(a, behind) for a in alts]
    if any(h is None for h in hoisted):
        return None
    return m.group() + "|".join(hoisted) + p[end:]


def _group(p: str, i: int) -> tuple[int | None, list[str]]:
    """The group whose body starts at p[i]: the index of its `)` (None if it never closes)
    and its alternatives (split at the `|` outside inner groups and character classes)."""
    parts, start, depth, in_class = [], i, 1, False
    while i < len(p):
        c = p[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return i, parts + [p[start:i]]
        elif c == "|" and depth == 1:
            parts.append(p[start:i])
            start = i + 1
        i += 1
    return None, []


# --------------------------------------------------------------------------- phrase lists

# where a name written "thông tin và truyền thông", "tt&tt", "lđ-tb&xh" joins its parts
_JOINT_WRITTEN = re.compile(r"\s*[,&/\-–]\s*|\s+và\s+")
# how the parts may be joined in a text: by any of those, or by nothing ("vhtt", "văn hóa thông tin");
# between abbreviations a comma is a list, not a joint ("Sở TC, KH&ĐT" is two departments),
# unless the abbreviation is written with it ("vh,tt&dl")
_JOINT = r"\s*(?:và|&|-|–|,|/)?\s*"
_ABBR_JOINT = r"\s*(?:và|&|-|–|/)?\s*"


def phrases_rx(phrases, joints: bool = False) -> str:
    """Regex source matching any one of `phrases`, written as one reads them ("chủ trì",
    "ban chỉ đạo", "tp."): each escaped, any run of whitespace between its words, and the
    longest first, so that a phrase wins over its own beginning ("tăng cường" over "tăng").
    With `joints`, the phrases are names made of parts ("kế hoạch và đầu tư", "kh&đt"): the
    parts may be joined by any joint or none ("kế hoạch - đầu tư", "KH-ĐT", "KHĐT"; a comma
    only between words)."""
    def words(part: str) -> str:
        return r"\s+".join(map(re.escape, part.split()))

    def one(p: str) -> str:
        if not joints:
            return words(p)
        out, pos, abbr = [], 0, len(p.split()) == 1
        for m in _JOINT_WRITTEN.finditer(p):
            out += [words(p[pos:m.start()]), _ABBR_JOINT if abbr and "," not in m.group() else _JOINT]
            pos = m.end()
        return "".join(out) + words(p[pos:])

    alts = sorted(set(phrases), key=lambda p: (-len(p), p))
    return "(?:" + "|".join(map(one, alts)) + ")"


@cache
def vocabulary(name: str) -> dict[str, dict[str, str]]:
    """data/reference/<name>.csv, columns `group,phrase[,canonical]`: group -> {phrase: its
    canonical form (the phrase itself when none is given)}, in file order. Phrases are kept in
    the form the rules match them in: NFC, lower case, new-style tone marks ("ủy", "hóa")."""
    groups: dict[str, dict[str, str]] = {}
    with open(settings.REFERENCE_DIR / f"{name}.csv", encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            phrase = unicodedata.normalize("NFC", row["phrase"]).strip()
            canonical = unicodedata.normalize("NFC", row.get("canonical") or "").strip()
            groups.setdefault(row["group"].strip(), {})[phrase] = canonical or phrase
    return groups


def first_chars(phrases, k: int = 2) -> frozenset[str]:
    """The k first characters of each phrase: what a match of phrases_rx(phrases) starts with
    (a phrase's first word has at least k characters, so whitespace never comes into it)."""
    short = [p for p in phrases if len(p.split()[0]) < k]
    if short:
        raise ValueError(f"phrases starting with a word shorter than {k} characters: {short}")
    return frozenset(p[:k] for p in phrases)
