"""Reference data: the hand-kept CSVs under data/reference, read once per run."""
from __future__ import annotations

import csv
import hashlib
import re
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path

from . import settings
from .extract.rx import word_rx
from .text import fold, nfc

REFERENCE_FILES = ("provinces.csv", "districts.csv", "instruments.csv", "task_categories.csv", "sites.csv",
                   "subject_words.csv", "coverage_rules.csv")


def read_csv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as f:
        return [{k: nfc(v or "") for k, v in row.items()} for row in csv.DictReader(f)]


@dataclass(frozen=True)
class Province:
    gso_code: str
    name_vi: str
    ascii_key: str
    unit_type: str  # tinh | thanh-pho


@dataclass(frozen=True)
class District:
    code: str
    name_vi: str
    unit_type: str  # quan | huyen | thi-xa | thanh-pho
    province_code: str


@dataclass(frozen=True)
class Instrument:
    key: str
    instrument_id: str
    kind: str
    issuing_body: str
    level: str
    province_code: str | None
    issue_date: date
    title_vi: str
    implements: str | None
    aliases: tuple[str, ...]
    # written "~…" in the CSV: a phrase of the title that names the text only after its kind
    # word ("Nghị quyết … về bảo vệ nền tảng tư tưởng của Đảng"); on its own it is a topic, a
    # contest or the name of a body ("Ban Chỉ đạo 35 … bảo vệ nền tảng tư tưởng của Đảng")
    title_aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Category:
    code: str
    label_vi: str
    label_en: str
    gci_pillar: str
    cues: tuple[str, ...]


@dataclass(frozen=True)
class Site:
    host: str           # a host suffix: its subdomains belong to it too
    province_code: str  # empty for a national site, which names no province
    kind: str           # portal | party | newspaper | broadcaster | police | military | other | national


@dataclass
class Reference:
    provinces: list[Province]
    districts: list[District]
    instruments: list[Instrument]
    categories: list[Category]
    digest: str = ""
    sites: list[Site] = field(default_factory=list)
    # the vocabulary of subject matching (kind: same | stop | organise), see extract.instruments
    subject_words: list[tuple[str, str, str]] = field(default_factory=list)
    coverage_rules: tuple = ()  # etl.extract.coverage.Rule, from coverage_rules.csv
    _cache: dict = field(default_factory=dict, repr=False)

    @cached_property
    def province_by_code(self) -> dict[str, Province]:
        return {p.gso_code: p for p in self.provinces}

    @cached_property
    def instruments_by_id(self) -> dict[str, list[Instrument]]:
        out: dict[str, list[Instrument]] = {}
        for i in self.instruments:
            out.setdefault(i.instrument_id.upper(), []).append(i)
        return out

    @cached_property
    def instruments_by_number(self) -> dict[tuple, list[Instrument]]:
        from .extract.numbers import number_key
        out: dict[tuple, list[Instrument]] = {}
        for i in self.instruments:
            out.setdefault(number_key(i.instrument_id), []).append(i)
        return out

    @cached_property
    def alias_patterns(self) -> list[tuple[Instrument, "re.Pattern", bool]]:
        """Each name used without a number, as a regex on folded text (any whitespace, commas
        optional), longest first so that "Luật sửa đổi … Luật Tổ chức chính quyền địa phương"
        is taken before the law it amends; the flag says the name needs its kind word before it."""
        out = []
        for i in self.instruments:
            for alias, contextual in [(a, False) for a in i.aliases] + [(a, True) for a in i.title_aliases]:
                words = re.sub(r"[,;]", " ", fold(alias)).split()
                out.append((len(alias), i, word_rx(r"(?<!\w)" + r"[\s,]+".join(re.escape(w) for w in words)
                                                   + r"(?!\w)"), contextual))
        out.sort(key=lambda t: -t[0])
        return [(i, rx, c) for _, i, rx, c in out]

    @cached_property
    def category_cues(self) -> dict[str, tuple[str, ...]]:
        """Category code -> its cue phrases: one dict for every document, so that coverage
        extraction recognises it and reuses its compiled cues."""
        return {c.code: tuple(c.cues) for c in self.categories}

    @cached_property
    def instrument_by_key(self) -> dict[str, Instrument]:
        return {i.key: i for i in self.instruments}

    @cached_property
    def districts_by_folded_name(self) -> dict[str, list[District]]:
        out: dict[str, list[District]] = {}
        for d in self.districts:
            out.setdefault(fold(d.name_vi), []).append(d)
        return out


def load_reference(directory: Path = settings.REFERENCE_DIR) -> Reference:
    h = hashlib.sha256()
    for name in REFERENCE_FILES:
        h.update((directory / name).read_bytes())
    provinces = [Province(r["gso_code"], r["name_vi"], r["ascii_key"], r["unit_type"])
                 for r in read_csv(directory / "provinces.csv")]
    districts = [District(r["district_code"], r["name_vi"], r["unit_type"], r["province_gso_code"])
                 for r in read_csv(directory / "districts.csv")]
    instruments = [
        Instrument(
            key=r["instrument_key"], instrument_id=r["instrument_id"], kind=r["kind"],
            issuing_body=r["issuing_body"], level=r["level"],
            province_code=r["province_code"] or None,
            issue_date=date.fromisoformat(r["issue_date"]), title_vi=r["title_vi"],
            implements=r["implements"] or None,
            aliases=tuple(a.strip() for a in r["aliases"].split(";") if a.strip() and not a.strip().startswith("~")),
            title_aliases=tuple(a.strip()[1:].strip() for a in r["aliases"].split(";") if a.strip().startswith("~")))
        for r in read_csv(directory / "instruments.csv")]
    categories = [
        Category(r["category_code"], r["label_vi"], r["label_en"], r["gci_pillar"],
                 tuple(c.strip().lower() for c in r["cue_phrases"].split("|") if c.strip()))
        for r in read_csv(directory / "task_categories.csv")]
    sites = [Site(r["host"].strip().lower(), r["province_code"], r["kind"]) for r in read_csv(directory / "sites.csv")]
    subject_words = [(r["kind"], r["phrase"], r["canonical"]) for r in read_csv(directory / "subject_words.csv")]
    from .extract.coverage import rules_from_rows  # the extractor defines what a rule means
    coverage_rules = rules_from_rows(read_csv(directory / "coverage_rules.csv"))
    return Reference(provinces, districts, instruments, categories, digest=h.hexdigest()[:16], sites=sites,
                     subject_words=subject_words, coverage_rules=coverage_rules)
