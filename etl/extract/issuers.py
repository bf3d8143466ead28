"""Issuing bodies: what kind of body, at which tier, of which place.

A match gives the level the design asks for: party for any Party committee or Party
steering committee, military for military Party committees and commands, department for
provincial departments and the provincial police; otherwise the tier of the People's
Committee (province, district, commune)."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..reference import Reference
from ..text import fold
from .places import PlaceHit, PlaceMatcher

# Provincial departments: canonical name, then other ways of writing it (folded).
DEPARTMENTS = {
    "Sở Thông tin và Truyền thông": ["thong tin va truyen thong", "tt&tt", "tt & tt", "tttt", "tt-tt",
                                     "thong tin - truyen thong"],
    "Sở Công Thương": ["cong thuong"],
    "Sở Tài chính": ["tai chinh"],
    "Sở Kế hoạch và Đầu tư": ["ke hoach va dau tu", "kh&dt", "khdt", "kh & dt"],
    "Sở Nội vụ": ["noi vu"],
    "Sở Tư pháp": ["tu phap"],
    "Sở Giáo dục và Đào tạo": ["giao duc va dao tao", "gd&dt", "gddt", "gd & dt"],
    "Sở Y tế": ["y te"],
    "Sở Văn hóa, Thể thao và Du lịch": ["van hoa, the thao va du lich", "van hoa - the thao va du lich",
                                        "vhttdl", "vh,tt&dl", "vhtt&dl"],
    "Sở Văn hóa và Thể thao": ["van hoa va the thao", "vh&tt"],
    "Sở Khoa học và Công nghệ": ["khoa hoc va cong nghe", "kh&cn", "khcn", "kh & cn"],
    "Sở Lao động - Thương binh và Xã hội": ["lao dong - thuong binh va xa hoi",
                                            "lao dong, thuong binh va xa hoi", "ld-tb&xh", "ldtbxh"],
    "Sở Tài nguyên và Môi trường": ["tai nguyen va moi truong", "tn&mt", "tnmt"],
    "Sở Nông nghiệp và Phát triển nông thôn": ["nong nghiep va phat trien nong thon", "nn&ptnt", "nnptnt"],
    "Sở Nông nghiệp và Môi trường": ["nong nghiep va moi truong"],
    "Sở Giao thông vận tải": ["giao thong van tai", "gtvt"],
    "Sở Xây dựng": ["xay dung"],
    "Sở Ngoại vụ": ["ngoai vu"],
    "Sở Du lịch": ["du lich"],
    "Sở Dân tộc và Tôn giáo": ["dan toc va ton giao"],
}
_DEPT_ALTS = sorted(((alt, canon) for canon, alts in DEPARTMENTS.items() for alt in alts),
                    key=lambda x: -len(x[0]))
_DEPT_RX = re.compile(r"(?<!\w)so\s+(" + "|".join(re.escape(a) for a, _ in _DEPT_ALTS) + r")(?!\w)")
_DEPT_CANON = dict(_DEPT_ALTS)

# Body patterns on the FOLDED text (accents gone, lower case): (name, regex, level, label)
# level None = by tier of the place that follows.
_TIER = r"(tinh|thanh pho|tp\.?|quan|huyen|thi xa|xa|phuong|thi tran)"
_PATTERNS: list[tuple[str, re.Pattern, str | None, str]] = [
    ("party_standing", re.compile(r"(?<!\w)ban thuong vu (tinh|thanh|huyen|quan|thi) uy(?!\w)"), "party",
     "Ban Thường vụ {tier} ủy"),
    ("party_standing2", re.compile(r"(?<!\w)thuong truc (tinh|thanh|huyen|quan|thi) uy(?!\w)"), "party",
     "Thường trực {tier} ủy"),
    ("party_board", re.compile(r"(?<!\w)ban (tuyen giao|dan van|to chuc|noi chinh|kiem tra|tuyen giao va dan van) "
                               r"(tinh|thanh|huyen|quan|thi) uy(?!\w)"), "party", "Ban {board} {tier} ủy"),
    ("party_military", re.compile(r"(?<!\w)dang uy quan su (tinh|thanh pho|tp\.?|huyen|quan|thi xa)(?!\w)"),
     "military", "Đảng ủy Quân sự {tier}"),
    ("party_border", re.compile(r"(?<!\w)dang uy (bo doi bien phong|bdbp) (tinh|thanh pho)(?!\w)"), "military",
     "Đảng ủy Bộ đội Biên phòng {tier}"),
    ("military_command", re.compile(r"(?<!\w)(bo chi huy quan su|bo chqs|bchqs) (tinh|thanh pho|tp\.?)(?!\w)"),
     "military", "Bộ Chỉ huy Quân sự {tier}"),
    ("military_district", re.compile(r"(?<!\w)(ban chi huy quan su|ban chqs) (huyen|quan|thi xa|thanh pho)(?!\w)"),
     "military", "Ban Chỉ huy Quân sự {tier}"),
    ("party_police", re.compile(r"(?<!\w)dang uy cong an (tinh|thanh pho)(?!\w)"), "party",
     "Đảng ủy Công an {tier}"),
    ("party_commune", re.compile(r"(?<!\w)dang uy (xa|phuong|thi tran)(?!\w)"), "party", "Đảng ủy {tier}"),
    ("party_committee", re.compile(r"(?<!\w)(tinh|thanh|huyen|quan|thi) uy(?!\w)"), "party", "{tier} ủy"),
    ("party_branch", re.compile(r"(?<!\w)dang bo (tinh|thanh pho|huyen|quan|thi xa|xa|phuong)(?!\w)"), "party",
     "Đảng bộ {tier}"),
    ("steering_committee", re.compile(r"(?<!\w)ban chi dao (\d+|[a-z]+(?: [a-z]+){0,3}?) (tinh|thanh pho|huyen|quan)(?!\w)"),
     None, "Ban Chỉ đạo {sc} {tier}"),
    ("police", re.compile(r"(?<!\w)cong an (tinh|thanh pho|tp\.?|quan|huyen|thi xa)(?!\w)"), "department",
     "Công an {tier}"),
    ("chair", re.compile(r"(?<!\w)chu tich (?:ubnd|uy ban nhan dan) " + _TIER + r"(?!\w)"), None,
     "Chủ tịch UBND {tier}"),
    ("peoples_committee", re.compile(r"(?<!\w)(?:ubnd|uy ban nhan dan) " + _TIER + r"(?!\w)"), None, "UBND {tier}"),
    ("peoples_council", re.compile(r"(?<!\w)(?:hdnd|hoi dong nhan dan) " + _TIER + r"(?!\w)"), None, "HĐND {tier}"),
]
_PARTY_STEERING = {"35", "94", "phong, chong tham nhung"}
_TIER_WORDS = {"tinh": "tỉnh", "thanh pho": "thành phố", "tp": "thành phố", "tp.": "thành phố", "quan": "quận",
               "huyen": "huyện", "thi xa": "thị xã", "xa": "xã", "phuong": "phường", "thi tran": "thị trấn",
               "thanh": "Thành", "thi": "Thị"}
_TIER_LEVEL = {"tinh": "province", "thanh pho": None, "tp": None, "tp.": None, "quan": "district",
               "huyen": "district", "thi xa": "district", "xa": "commune", "phuong": "commune",
               "thi tran": "commune"}
_PARTY_TIER = {"tinh": "Tỉnh", "thanh": "Thành", "huyen": "Huyện", "quan": "Quận", "thi": "Thị"}
_BOARD = {"tuyen giao": "Tuyên giáo", "dan van": "Dân vận", "to chuc": "Tổ chức", "noi chinh": "Nội chính",
          "kiem tra": "Kiểm tra", "tuyen giao va dan van": "Tuyên giáo và Dân vận"}


_TIER_UNIT = {"huyen": "huyen", "quan": "quan", "thi xa": "thi-xa", "thi": "thi-xa"}
_NAMED_TIERS = {"xa", "phuong", "thi tran", "huyen", "quan", "thi xa"}
_UP = "A-ZĐÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"
_PROPER_NAME = re.compile(rf"[ \t]+((?:[{_UP}0-9][\w']*)(?:[ \t]+[{_UP}0-9][\w']*){{0,3}})")


@dataclass(frozen=True)
class IssuerHit:
    issuer: str            # display form, e.g. "UBND quận Hai Bà Trưng"
    level: str
    rule: str
    province_code: str | None
    district: str | None   # official district name when the body is a district's
    start: int
    end: int
    candidates: tuple[str, ...] = ()  # provinces of a district name used in several ("Châu Thành")


def _place_after(hits: list[PlaceHit], pos: int, window: int = 3) -> PlaceHit | None:
    for h in hits:
        if pos <= h.start <= pos + window:
            return h
    return None


def _pick(cands: list[PlaceHit], tier: str) -> PlaceHit:
    """Several places share a name (Thanh Hóa the province and the city): the tier decides."""
    want_province = tier in ("tinh",) or tier in ("thanh", "tinh uy")
    for h in cands:
        if (h.kind == "province") == want_province:
            return h
    return cands[0]


def find_issuers(text: str, folded: str, places: list[PlaceHit], ref: Reference) -> list[IssuerHit]:
    """Every body mention in `text` (original) using its folded twin for matching."""
    out: list[IssuerHit] = []
    taken: list[tuple[int, int]] = []
    # headers break a body's name over two lines ("ỦY BAN NHÂN DÂN" / "TỈNH HÀ GIANG")
    folded = folded.replace("\n", " ")

    def add(hit: IssuerHit) -> None:
        if any(a <= hit.start < b for a, b in taken):
            return
        out.append(hit)
        taken.append((hit.start, hit.end))

    for m in _DEPT_RX.finditer(folded):
        canon = _DEPT_CANON[m.group(1)]
        end = m.end()
        prov = None
        tail = re.match(r"\s+(tinh|thanh pho|tp\.?)\s+", folded[end:end + 16])
        if tail:
            ph = _place_after(places, end + tail.end(), 1)
            if ph and ph.kind == "province":
                prov, end = ph.province_code, ph.end
        add(IssuerHit(canon, "department", "department", prov, None, m.start(), end))

    for rule, rx, level, label in _PATTERNS:
        for m in rx.finditer(folded):
            groups = [g for g in m.groups() if g is not None]
            tier = groups[-1].rstrip(".") if groups else ""
            end = m.end()
            same_place = [h for h in places if end + 1 <= h.start <= end + 2]
            # "Thị ủy Sơn Tây" is the town in Hà Nội, not huyện Sơn Tây of Quảng Ngãi
            typed = [h for h in same_place if h.kind == "province" or h.unit_type == _TIER_UNIT.get(tier)]
            if typed and _TIER_UNIT.get(tier):
                same_place = typed
            ph = _pick(same_place, tier) if same_place else None
            lvl = level
            district = None
            prov = None
            name = ""
            cands: tuple[str, ...] = ()
            if ph:
                name = " " + ph.name
                prov = ph.province_code
                end = ph.end
                if ph.kind == "district":
                    district = ph.name
                    cands = tuple(sorted({h.province_code for h in same_place if h.kind == "district"}))
                    if len(cands) > 1:
                        prov = None
            elif tier in _NAMED_TIERS:
                # communes (and units the reference lacks) are named by the capitalised words after
                nm = _PROPER_NAME.match(text, end)
                if nm:
                    name = " " + nm.group(1)
                    end = nm.end(1)
            if rule in ("party_committee", "party_standing", "party_standing2", "party_board"):
                tier_word = _PARTY_TIER.get(tier, tier.title())
            else:
                tier_word = _TIER_WORDS.get(tier, tier)
            if lvl is None:
                t = _TIER_LEVEL.get(tier)
                if t is None:  # "thành phố": a province-level city or a city inside a province
                    t = "province" if (ph and ph.kind == "province") else ("district" if ph else "province")
                lvl = t
                if rule == "steering_committee":
                    sc = groups[0]
                    lvl = "party" if sc in _PARTY_STEERING else t
            if rule == "police" and ph and ph.kind == "district":
                lvl = "district"
            if rule == "police" and tier in ("quan", "huyen", "thi xa"):
                lvl = "district"
            if rule in ("military_command", "party_military") and tier in ("huyen", "quan", "thi xa"):
                lvl = "military"
            if rule == "party_committee" and tier in ("huyen", "quan", "thi"):
                pass
            disp = label.format(tier=tier_word, board=_BOARD.get(groups[0], "") if rule == "party_board" else "",
                                sc=(groups[0].upper() if groups and groups[0].isdigit() else
                                    (groups[0] if groups else "")))
            if rule == "party_board":
                disp = f"Ban {_BOARD.get(groups[0], groups[0])} {_PARTY_TIER.get(groups[1], groups[1])} ủy"
            disp = disp[0].upper() + disp[1:] + name
            add(IssuerHit(disp, lvl, rule, prov, district, m.start(), end, cands))
    out.sort(key=lambda h: h.start)
    return out
