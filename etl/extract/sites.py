"""The page's address → its province: evidence weaker than the text's own.

A provincial site names its province in its host (hatinh.gov.vn, thanhhoa.dcs.vn,
baobacgiang.vn); the hosts are listed in data/reference/sites.csv with the naming rule that
makes each one defensible. A host matches its own row and the rows of its parent domains
(camgiang.haiduong.gov.vn is Hải Dương's), the longest first; a national site (a national
newspaper, a legal-document library) names no province. A ministry's provincial office
lives under a path named after the province (thads.moj.gov.vn/travinh/…). Pure functions."""
from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from ..reference import Reference
from ..text import fold

RULE = "source_site"
RULE_WORDS = "source_url_words"
# Below the text's own header and issuer (8–10): the text wins when it names its province,
# the site decides when it names none or only in passing (named_in_text 2, local_body 3).
SITE_WEIGHT = 5.0
# "…-tren-dia-ban-tinh-gia-lai.html" on a legal-document library: the address repeats the
# title; weaker still, as it may name a province the text only mentions
WORDS_WEIGHT = 2.0

# Prefixes that say nothing about who runs the site (mobile, light and www mirrors)
_NEUTRAL = ("www", "m", "lite", "mobile", "amp")


@dataclass(frozen=True)
class SiteHit:
    province_code: str
    host: str        # the host as matched (prefixes such as www. dropped)
    kind: str        # the sites.csv kind; "section" for a ministry's provincial path
    rule: str        # source_site | source_url_words
    evidence: str    # the address itself
    weight: float


def host_of(url: str | None) -> str | None:
    """The lower-case ASCII host of an address ('http://m.BaoBacGiang.vn/x' → 'baobacgiang.vn'),
    without the mirror prefixes www./m./lite.; an internationalised name in its punycode form,
    so that a look-alike in other letters never equals a listed host. None if there is none."""
    if not url or not url.strip():
        return None
    url = url.strip()
    if "://" not in url:
        url = "http://" + url.lstrip("/")
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    if not host:
        return None
    host = host.rstrip(".")
    try:
        host = host.encode("idna").decode("ascii").lower()
    except UnicodeError:
        return None
    labels = host.split(".")
    while len(labels) > 2 and labels[0] in _NEUTRAL:
        labels = labels[1:]
    if not all(re.fullmatch(r"[a-z0-9](?:[a-z0-9\-]*[a-z0-9])?", lb) for lb in labels):
        return None
    return ".".join(labels)


class _Table:
    def __init__(self, ref: Reference):
        self.hosts = {s.host: s for s in ref.sites}
        # the portals' single-label slugs (hatinh, travinh): a ministry's provincial path
        self.slugs = {s.host.removesuffix(".gov.vn"): s.province_code for s in ref.sites
                      if s.kind == "portal" and s.province_code and s.host.count(".") == 2
                      and s.host.endswith(".gov.vn")}
        self.slugs = {k.replace("-", ""): v for k, v in self.slugs.items()}
        # "tinh gia lai", "thanh pho ho chi minh" in the address's words
        names = "|".join(sorted((re.escape(p.ascii_key.replace("-", " ")) for p in ref.provinces),
                                key=len, reverse=True))
        self.words = re.compile(rf"\b(?:tinh|thanh pho|tp)\s+({names})\b")
        self.by_words = {p.ascii_key.replace("-", " "): p.gso_code for p in ref.provinces}


def _table(ref: Reference) -> _Table:
    t = ref._cache.get("site_table")
    if t is None:
        t = ref._cache["site_table"] = _Table(ref)
    return t


def site_province(url: str | None, ref: Reference) -> SiteHit | None:
    """The province a page's address points to, or None (no address, a national site, an
    unknown one). The host first (its longest listed suffix), then a ministry's provincial
    path on a gov.vn host, then the words of the address."""
    host = host_of(url)
    if host is None:
        return None
    t = _table(ref)
    labels = host.split(".")
    for i in range(len(labels) - 1):
        site = t.hosts.get(".".join(labels[i:]))
        if site is not None:
            if site.province_code:
                return SiteHit(site.province_code, host, site.kind, RULE, url.strip(), SITE_WEIGHT)
            break  # a national site: only its path can say more
    parts = urlsplit(url.strip() if "://" in url else "http://" + url.strip().lstrip("/"))
    segs = [s for s in unquote(parts.path).split("/") if s]
    if host.endswith(".gov.vn") and segs:
        code = t.slugs.get(segs[0].lower().replace("-", "").replace("_", ""))
        if code:
            return SiteHit(code, host, "section", RULE, url.strip(), SITE_WEIGHT)
    words = " ".join(re.findall(r"[a-z0-9]+", fold(unquote(parts.path))))
    found = {t.by_words[m.group(1)] for m in t.words.finditer(words)}
    if len(found) == 1:
        return SiteHit(found.pop(), host, "address_words", RULE_WORDS, url.strip(), WORDS_WEIGHT)
    return None


_DOMAIN = re.compile(r"(?<![\w.\-])((?:[a-z0-9](?:[a-z0-9\-]*[a-z0-9])?\.)+(?:vn|com|net|org|info))(?![\w\-]|\.\w)", re.I)
# every listed provincial host ends in ".vn": most texts have none, and this finds that out quickly
_DOT_VN = re.compile(r"\.vn", re.I)


def hosts_in_text(text: str, ref: Reference) -> list[tuple[str, str]]:
    """(province code, the host as written) for each listed provincial host the text names
    ('Nguồn: baobacgiang.vn', 'thanhhoa.dcs.vn')."""
    if not _DOT_VN.search(text):
        return []
    t = _table(ref)
    out = []
    for m in _DOMAIN.finditer(text):
        host = host_of(m.group(1))
        if host is None:
            continue
        labels = host.split(".")
        for i in range(len(labels) - 1):
            site = t.hosts.get(".".join(labels[i:]))
            if site is not None:
                if site.province_code:
                    out.append((site.province_code, m.group(1)))
                break
    return out


@dataclass(frozen=True)
class SiteOwner:
    issuer: str          # "Sở Y tế tỉnh Khánh Hòa", "UBND huyện Đại Lộc"
    level: str
    province_code: str
    district: str | None
    evidence: str        # the address


_TIER_WORD = {"quan": "quận", "huyen": "huyện", "thi-xa": "thị xã", "thanh-pho": "thành phố"}


_UNREAD = SiteHit("", "", "", "", "", 0.0)  # "not read yet", as opposed to None: "names no province"


def site_owner(url: str | None, ref: Reference, hit: SiteHit | None = _UNREAD) -> SiteOwner | None:
    """The body that runs the site a page was saved from, when its address says so: a
    department's or a district's portal under the provincial portal (syt.khanhhoa.gov.vn,
    dailoc.quangnam.gov.vn), the police's own site, a ministry's provincial office
    (thads.moj.gov.vn/travinh). Newspapers, Party sites and national sites name no owner."""
    if hit is _UNREAD:  # the caller may have read the address already
        hit = site_province(url, ref)
    if hit is None or hit.rule != RULE:
        return None
    prov = ref.province_by_code[hit.province_code]
    where = f"{'thành phố' if prov.unit_type == 'thanh-pho' else 'tỉnh'} {prov.name_vi}"
    owners = _owners()
    labels = hit.host.split(".")
    if hit.kind == "police":
        return SiteOwner(f"Công an {where}", "department", prov.gso_code, None, hit.evidence)
    if hit.kind == "section":  # a ministry's provincial office
        body = owners.get(labels[0])
        return SiteOwner(f"{body} {where}", "department", prov.gso_code, None, hit.evidence) if body else None
    if hit.kind != "portal" or len(labels) != 4:  # one label under <province>.gov.vn
        return None
    label = labels[0]
    body = owners.get(label)
    if body:
        return SiteOwner(f"{body} {where}", "department", prov.gso_code, None, hit.evidence)
    dists = [d for d in ref.districts if d.province_code == prov.gso_code
             and fold(d.name_vi).replace(" ", "").replace("'", "") == label]
    if len(dists) == 1:
        d = dists[0]
        return SiteOwner(f"UBND {_TIER_WORD.get(d.unit_type, 'huyện')} {d.name_vi}", "district", prov.gso_code,
                         d.name_vi, hit.evidence)
    return None


_OWNERS: dict[str, str] = {}


def _owners() -> dict[str, str]:
    """data/reference/site_owners.csv: a site's first label → the body that runs it."""
    if not _OWNERS:
        from .. import settings
        from ..reference import read_csv
        _OWNERS.update({r["label"]: r["body"] for r in read_csv(settings.REFERENCE_DIR / "site_owners.csv")})
    return _OWNERS


def address_words(url: str | None) -> str | None:
    """The words of a page's address, as a headline would write them without accents
    ('…/ban-thuong-vu-dang-uy-…-ban-hanh-ke-hoach-…-4128.html' → 'Ban Thuong Vu Dang Uy … Ban
    Hanh Ke Hoach …'): its longest path segment, the extension and trailing ids dropped.
    None when the address has no such words (an id, a query string)."""
    if not url or not url.strip():
        return None
    parts = urlsplit(url.strip() if "://" in url else "http://" + url.strip().lstrip("/"))
    segs = [s for s in unquote(parts.path).split("/") if s]
    if not segs:
        return None
    seg = max(segs, key=lambda s: s.count("-") + s.count("_"))
    seg = re.sub(r"\.[a-z]{2,5}$", "", seg, flags=re.I)
    words = [w for w in re.split(r"[-_]+", seg) if w and not re.fullmatch(r"[a-z]?\d+[a-z]?\d*", w, re.I)]
    if len(words) < 4 or not all(re.fullmatch(r"[a-z]+", w, re.I) for w in words):
        return None
    return " ".join(w.capitalize() for w in words)
