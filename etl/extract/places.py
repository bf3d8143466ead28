"""Province and district names found in text.

Names are matched on the folded text (accents removed, so "Thanh Hoá" and "Thanh Hóa",
old and new tone placement, both match) and then checked in the original for capitals,
so that "lòng an toàn" is never Long An."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..reference import Reference
from ..text import fold, tone_normalise
from .sites import hosts_in_text

# Spelling variants seen in administrative writing, folded. The official names come from
# the reference; these are only the other ways people write them.
PROVINCE_VARIANTS = {
    "79": ["tp hcm", "tp. hcm", "tphcm", "tp.hcm", "thanh pho ho chi minh", "tp ho chi minh",
           "tp. ho chi minh", "sai gon"],
    "46": ["thua thien - hue", "thua thien-hue", "hue"],
    "77": ["ba ria-vung tau", "ba ria vung tau", "br-vt", "brvt"],
    "66": ["dak lak", "dac lac", "daklak", "dac lak"],
    "67": ["dak nong", "daknong", "dac nong"],
    "62": ["kontum"],
    "01": ["thu do ha noi"],
}
# A bare name that is also something else: Hồ Chí Minh (the President), Huế (often the
# city in old texts is fine) — these need a prefix like "TP"/"thành phố"/"tỉnh".
NEEDS_PREFIX = {"ho chi minh"}
_PREFIX = re.compile(r"(tinh|thanh pho|tp\.?|t\.p\.?)\s*$")


@dataclass(frozen=True)
class PlaceHit:
    kind: str          # province | district
    code: str          # GSO code of the province (for districts: the district's own code)
    province_code: str
    name: str          # official name
    start: int
    end: int
    unit_type: str = ""  # tinh, thanh-pho, quan, huyen, thi-xa


class PlaceMatcher:
    def __init__(self, ref: Reference):
        self.ref = ref
        names: dict[str, list[tuple[str, str, str]]] = {}
        for p in ref.provinces:
            variants = {fold(p.name_vi)} | set(PROVINCE_VARIANTS.get(p.gso_code, []))
            for v in variants:
                names.setdefault(v, []).append(("province", p.gso_code, p.name_vi, p.unit_type))
        for d in ref.districts:
            names.setdefault(fold(d.name_vi), []).append(("district", d.code, d.name_vi, d.unit_type))
        self.names = names
        # the word counts of the names starting with each word (its dot dropped: "tp." and
        # "tp" alike), longest first: most capitalised words start no name at all, and the
        # others are tried only at the lengths a name could have
        counts: dict[str, set[int]] = {}
        for k in names:
            toks = _WORD.findall(k)
            counts.setdefault(toks[0].rstrip("."), set()).add(len(toks))
        self.lengths = {w: tuple(sorted(c, reverse=True)) for w, c in counts.items()}
        self.district_province = {d.code: d.province_code for d in ref.districts}
        self.spelled = {c[2]: tone_normalise(c[2]).lower() for cs in names.values() for c in cs}

    def find(self, text: str, folded: str | None = None) -> list[PlaceHit]:
        """Names are looked up as 1..n-word sequences starting at capitalised words; the
        longest known sequence wins ("Thừa Thiên Huế" over "Huế")."""
        folded = fold(text) if folded is None else folded
        out: list[PlaceHit] = []
        lengths, names = self.lengths, self.names
        nxt = 0  # a name found covers its words: the next one starts after it
        for m in _CAPITAL_START.finditer(text):
            ws = m.start()
            if ws < nxt:
                continue
            it = _WORD.finditer(folded, ws)
            first = next(it)
            ks = lengths.get(first.group().rstrip("."))
            if not ks:
                continue
            words = [first.span()]
            toks = [first.group()]
            if ks[0] > 1:
                for w in it:
                    words.append(w.span())
                    toks.append(w.group())
                    if len(words) == ks[0]:
                        break
            hit = None
            for k in ks:
                if k > len(words):
                    continue
                end = words[k - 1][1]
                key = " ".join(toks[:k])
                # hyphenated and dotted forms: "Bà Rịa - Vũng Tàu", "TP.HCM"
                raw = folded[ws:end]
                for cand in (key, raw):
                    if cand in names:
                        hit = (cand, end, k)
                        break
                if hit:
                    break
            if not hit:
                continue
            key, end, k = hit
            orig = text[ws:end]
            if not _capitalised(orig):
                continue
            if not re.search(r"[a-z]", key) and not folded[max(0, ws - 5):ws].endswith("quan "):
                continue  # "Quận 1" of Hồ Chí Minh is a number elsewhere
            if key in NEEDS_PREFIX and not _PREFIX.search(folded[max(0, ws - 12):ws]):
                nxt = end
                continue
            cands = names[key]
            # with diacritics in the text, they must agree: "Thạnh Hóa" (Long An) is not "Thanh Hóa"
            written = tone_normalise(orig).lower()
            exact = [c for c in cands if self.spelled[c[2]] == written]
            for kind, code, name, utype in exact or cands:
                prov = code if kind == "province" else self.district_province[code]
                out.append(PlaceHit(kind, code, prov, name, ws, end, utype))
            nxt = end
        return out


_WORD = re.compile(r"[a-z0-9&]+(?:\.(?=[a-z]))?")


def _capital_start() -> re.Pattern:
    """A _WORD of the folded text that begins with a capital or a digit in the original,
    found in the original: the letters that fold into a word character, and of those the
    capitals and digits. Scanning for these in C passes over the lower-case words that make
    up most of a text without a Python step each."""
    word, capital = [], []
    for cp in range(0x3000):
        ch = chr(cp)
        f = fold(ch)
        if len(f) == 1 and ("a" <= f <= "z" or "0" <= f <= "9" or f == "&"):
            word.append(ch)
            if ch.isupper() or ch.isdigit():
                capital.append(ch)
    w = re.escape("".join(word))
    return re.compile(f"[{re.escape(''.join(capital))}](?<![{w}].)")


_CAPITAL_START = _capital_start()


def _capitalised(s: str) -> bool:
    words = [w for w in re.split(r"[\s\-.]+", s) if w]
    return bool(words) and all(w[0].isupper() or w[0].isdigit() for w in words)


_MATCHERS: dict[str, PlaceMatcher] = {}


def matcher_for(ref: Reference) -> PlaceMatcher:
    m = _MATCHERS.get(ref.digest)
    if m is None:
        m = _MATCHERS[ref.digest] = PlaceMatcher(ref)
    return m


def provinces_in_domains(text: str, ref: Reference) -> list[tuple[str, str]]:
    """Local news sites name their province: baobacgiang.vn, thanhhoa.dcs.vn,
    ninhbinh.gov.vn (the hosts of data/reference/sites.csv, see etl.extract.sites).
    Returns (gso_code, the domain) pairs."""
    return hosts_in_text(text, ref)
