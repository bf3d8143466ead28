"""Issuing bodies: what kind of body, at which tier, of which place.

A match gives the level the design asks for: party for any Party committee or Party
steering committee, military for military Party committees and commands, department for
provincial departments and the provincial police; otherwise the tier of the People's
Committee (province, district, commune)."""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from ..reference import Reference
from ..text import fold, tone_normalise
from .places import PlaceHit
from .rx import phrases_rx, vocabulary, word_rx

# Provincial departments ("Sở" + a name of data/reference/departments.csv, the vocabulary the
# task agencies use too), matched on the folded text: the name's parts joined by any joint or
# none ("TT&TT", "TT-TT", "TTTT"); the first canonical whose names match gives its form.
_DEPT_NAMES: dict[str, list[str]] = {}
for _phrase, _canon in vocabulary("departments")["department"].items():
    _DEPT_NAMES.setdefault(_canon, []).append(fold(_phrase))
_DEPT_RX = word_rx(r"(?<!\w)so\s+(" + phrases_rx([p for ps in _DEPT_NAMES.values() for p in ps], joints=True)
                   + r")(?!\w)")
_DEPT_FORMS = [(f"Sở {canon}", re.compile(phrases_rx(names, joints=True))) for canon, names in _DEPT_NAMES.items()]


def _dept_canon(written: str) -> str:
    return next(canon for canon, rx in _DEPT_FORMS if rx.fullmatch(written))

# Body patterns on the FOLDED text (accents gone, lower case): (name, regex, level, label)
# level None = by tier of the place that follows.
_TIER = r"(tinh|thanh pho|tp\.?|quan|huyen|thi xa|xa|phuong|thi tran)"
_PATTERNS: list[tuple[str, re.Pattern, str | None, str]] = [
    ("party_standing", word_rx(r"(?<!\w)ban thuong vu (tinh|thanh|huyen|quan|thi) uy(?!\w)(?! ban nhan\b)"), "party",
     "Ban Thường vụ {tier} ủy"),
    ("party_standing2", word_rx(r"(?<!\w)thuong truc (tinh|thanh|huyen|quan|thi) uy(?!\w)(?! ban nhan\b)"), "party",
     "Thường trực {tier} ủy"),
    ("party_board", word_rx(r"(?<!\w)ban (tuyen giao|dan van|to chuc|noi chinh|kiem tra|tuyen giao va dan van) "
                               r"(tinh|thanh|huyen|quan|thi) uy(?!\w)(?! ban nhan\b)"), "party", "Ban {board} {tier} ủy"),
    ("party_military", word_rx(r"(?<!\w)dang uy quan su (tinh|thanh pho|tp\.?|huyen|quan|thi xa)(?!\w)"),
     "military", "Đảng ủy Quân sự {tier}"),
    ("party_border", word_rx(r"(?<!\w)dang uy (bo doi bien phong|bdbp) (tinh|thanh pho)(?!\w)"), "military",
     "Đảng ủy Bộ đội Biên phòng {tier}"),
    ("border_guard", word_rx(r"(?<!\w)(?<!chi huy )(bo doi bien phong|bdbp) (tinh|thanh pho)(?!\w)"), "military",
     "Bộ đội Biên phòng {tier}"),
    ("border_command", word_rx(r"(?<!\w)(bo chi huy (?:bo doi bien phong|bdbp)|bch bdbp) (tinh|thanh pho)(?!\w)"),
     "military", "Bộ Chỉ huy Bộ đội Biên phòng {tier}"),
    ("military_command", word_rx(r"(?<!\w)(bo chi huy quan su|bo chqs|bchqs) (tinh|thanh pho|tp\.?)(?!\w)"),
     "military", "Bộ Chỉ huy Quân sự {tier}"),
    ("military_district", word_rx(r"(?<!\w)(ban chi huy quan su|ban chqs) (huyen|quan|thi xa|thanh pho)(?!\w)"),
     "military", "Ban Chỉ huy Quân sự {tier}"),
    ("party_police", word_rx(r"(?<!\w)dang uy cong an (tinh|thanh pho)(?!\w)"), "party",
     "Đảng ủy Công an {tier}"),
    ("party_commune", word_rx(r"(?<!\w)dang uy (xa|phuong|thi tran)(?!\w)"), "party", "Đảng ủy {tier}"),
    ("party_bloc", word_rx(r"(?<!\w)dang uy khoi (cac co quan|doanh nghiep|co quan va doanh nghiep) (tinh|thanh pho)(?!\w)"),
     "party", "Đảng ủy Khối {bloc} {tier}"),
    # the committee's office is an agency of its own, not the committee
    ("office", word_rx(r"(?<!\w)van phong (ubnd|uy ban nhan dan) (tinh|thanh pho)(?!\w)"), "department",
     "Văn phòng {office} {tier}"),
    ("party_committee", word_rx(r"(?<!\w)(tinh|thanh|huyen|quan|thi) uy(?!\w)(?! ban nhan\b)"), "party", "{tier} ủy"),
    ("party_branch", word_rx(r"(?<!\w)dang bo (tinh|thanh pho|huyen|quan|thi xa|xa|phuong)(?!\w)"), "party",
     "Đảng bộ {tier}"),
    ("party_steering", word_rx(r"(?<!\w)ban chi dao (\d+) (tinh|thanh|huyen|quan|thi) uy(?!\w)(?! ban nhan\b)"), "party",
     "Ban Chỉ đạo {sc} {tier} ủy"),
    ("steering_committee", word_rx(r"(?<!\w)ban chi dao (\d+|[a-z]+(?: [a-z]+){0,3}?) (tinh|thanh pho|huyen|quan)(?!\w)"),
     None, "Ban Chỉ đạo {sc} {tier}"),
    ("police", word_rx(r"(?<!\w)cong an (tinh|thanh pho|tp\.?|quan|huyen|thi xa)(?!\w)"), "department",
     "Công an {tier}"),
    ("chair", word_rx(r"(?<!\w)chu tich (?:ubnd|uy ban nhan dan) " + _TIER + r"(?!\w)"), None,
     "Chủ tịch UBND {tier}"),
    ("peoples_committee", word_rx(r"(?<!\w)(?:ubnd|uy ban nhan dan) " + _TIER + r"(?!\w)"), None, "UBND {tier}"),
    ("newspaper", word_rx(r"(?<!\w)(bao)(?= \w)"), "other", "Báo"),
    ("broadcaster", word_rx(r"(?<!\w)(dai phat thanh (?:va|-) truyen hinh|dai pt-th|dai ptth)(?= \w)"), "other",
     "Đài Phát thanh và Truyền hình"),
    ("school", word_rx(r"(?<!\w)(truong dai hoc|truong cao dang|hoc vien|dai hoc)(?= \w)"), "other", "{org}"),
    ("mass_org", word_rx(r"(?<!\w)(hoi (?:nong dan|cuu chien binh|lien hiep phu nu|phu nu|nha bao|luat gia|chu thap do)"
                            r"|uy ban mat tran to quoc(?: viet nam)?|mat tran to quoc(?: viet nam)?|lien doan lao dong"
                            r"|doan thanh nien(?: cong san ho chi minh)?) (tinh|thanh pho|huyen|quan|thi xa|xa|phuong)(?!\w)"),
     "other", "{org}"),
    # "tổ chức Đoàn các cấp ở huyện Đại Lộc": the youth union of that unit, by its full name
    ("youth_union_all", word_rx(r"(?<!\w)doan (?:thanh nien )?cac cap (?:o|cua|tai|trong) (tinh|thanh pho|huyen|quan|thi xa)"
                                r"(?!\w)"), None, "Đoàn TNCS Hồ Chí Minh {tier}"),
    # the Party committee of the provincial government's agencies (since 2025) and its standing board
    ("party_gov", word_rx(r"(?<!\w)(ban thuong vu )?dang uy (?:ubnd|uy ban nhan dan) (tinh|thanh pho)(?!\w)"), "party",
     "{standing}Đảng ủy UBND {tier}"),
    ("youth_union", word_rx(r"(?<!\w)(tinh|thanh|huyen|quan|thi) doan(?!\w)(?! (?:ket|the|vien|thanh nien)\b)"), None,
     "{tier} đoàn"),
    ("provincial_agency", word_rx(r"(?<!\w)cuc (thi hanh an dan su|thue|hai quan|thong ke|quan ly thi truong) "
                                  r"(tinh|thanh pho)(?!\w)"), "department", "Cục {agency} {tier}"),
    ("peoples_council", word_rx(r"(?<!\w)(?:hdnd|hoi dong nhan dan) " + _TIER + r"(?!\w)"), None, "HĐND {tier}"),
]
# Words every match of a pattern contains (the view is folded, with single spaces): a
# text without any of them is not scanned with that pattern at all.
_NEEDS = {
    "party_standing": ("ban thuong vu ",), "party_standing2": ("thuong truc ",), "party_board": (" uy",),
    "party_military": ("dang uy quan su ",), "party_border": ("dang uy ",), "border_command": ("bo chi huy ", "bch "),
    "border_guard": ("bien phong ", "bdbp "), "party_bloc": ("dang uy khoi ",), "office": ("van phong ",),
    "military_command": ("bo chi huy quan su ", "bo chqs ", "bchqs "), "military_district": ("ban chi huy ", "ban chqs "),
    "party_police": ("dang uy cong an ",), "party_commune": ("dang uy ",), "party_committee": (" uy",),
    "party_branch": ("dang bo ",), "steering_committee": ("ban chi dao ",), "party_steering": ("ban chi dao ",), "police": ("cong an ",),
    "chair": ("chu tich ",), "peoples_committee": ("ubnd ", "uy ban nhan dan "), "newspaper": ("bao ",),
    "broadcaster": ("dai ",), "school": ("dai hoc ", "cao dang ", "hoc vien "),
    "mass_org": ("hoi ", "mat tran to quoc ", "lien doan lao dong ", "doan thanh nien "),
    "peoples_council": ("hdnd ", "hoi dong nhan dan "), "youth_union": (" doan",), "youth_union_all": ("cac cap ",), "party_gov": ("dang uy ",), "provincial_agency": ("cuc ",),
}
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


_AGENCIES = {"thi hanh an dan su": "Thi hành án dân sự", "thue": "Thuế", "hai quan": "Hải quan", "thong ke": "Thống kê",
             "quan ly thi truong": "Quản lý thị trường"}
_BLOCS = {"cac co quan": "các cơ quan", "doanh nghiep": "Doanh nghiệp", "co quan va doanh nghiep": "Cơ quan và Doanh nghiệp"}
_OFFICES = {"ubnd": "UBND", "uy ban nhan dan": "UBND"}
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
    """Several places share a name (Thanh Hóa the province and the city): the tier decides.
    'Thành phố Yên Bái' is the city (Yên Bái is a tỉnh); 'Thành phố Hà Nội' the municipality."""
    if tier in ("thanh pho", "tp", "tp.", "thanh"):
        for h in cands:
            if h.kind == "province" and h.unit_type == "thanh-pho":
                return h
        for h in cands:
            if h.kind == "district":
                return h
    want_province = tier in ("tinh",)
    for h in cands:
        if (h.kind == "province") == want_province:
            return h
    return cands[0]


# The accents of a tier word, which folding hides: "QUẢN BẠ" is not "quận Bạ", "BÌNH THẠNH ỦY"
# is not "Thành ủy". Text typed without any accents is given the benefit of the doubt.
_TIER_ACCENTS = {"tinh": "tỉnh", "thanh pho": "thành phố", "quan": "quận", "huyen": "huyện", "thi xa": "thị xã",
                 "xa": "xã", "phuong": "phường", "thi tran": "thị trấn", "thanh": "thành", "thi": "thị"}


def _tier_ok(tier: str, original: str) -> bool:
    want = _TIER_ACCENTS.get(tier)
    if want is None:
        return True
    got = tone_normalise(" ".join(original.split())).lower()
    return got == want or got == fold(got)


def find_issuers(text: str, folded: str, places: list[PlaceHit], ref: Reference) -> list[IssuerHit]:
    """Every body mention in `text` (original) using its folded twin for matching."""
    out: list[IssuerHit] = []
    taken: list[tuple[int, int]] = []
    # Headers break a body's name over lines, and a PDF's two columns interleave it with the
    # motto ("ỦY BAN NHÂN DÂN" / "CỘNG HÒA XÃ HỘI …" / "TỈNH SÓC TRĂNG"): match on a view
    # without the motto and with every whitespace run as one space, then map offsets back.
    sq = _Squeezed(folded)
    folded = sq.text
    places = [_shift(h, sq) for h in places]

    def add(hit: IssuerHit) -> None:
        if any(a <= hit.start < b for a, b in taken):
            return
        out.append(hit)
        taken.append((hit.start, hit.end))

    def back(h: IssuerHit) -> IssuerHit:
        return IssuerHit(h.issuer, h.level, h.rule, h.province_code, h.district, sq.orig(h.start),
                         sq.orig(h.end - 1) + 1, h.candidates)

    for m in (_DEPT_RX.finditer(folded) if "so " in folded else ()):
        canon = _dept_canon(m.group(1))
        end = m.end()
        prov = None
        name = canon
        tail = re.match(r"\s+(tinh|thanh pho|tp\.?)\s+", folded[end:end + 16])
        if tail:
            ph = _place_after(places, end + tail.end(), 1)
            if ph and ph.kind == "province":
                prov, end = ph.province_code, ph.end
                name = f"{canon} {_TIER_WORDS[tail.group(1)]} {ph.name}"
        else:  # "Sở Y tế Bình Phước": the province's name right after the department's
            ph = _place_after(places, end + 1, 1)
            if ph and ph.kind == "province" and text[sq.orig(ph.start)].isupper():
                prov, end = ph.province_code, ph.end
                name = f"{canon} {ph.name}"
        add(IssuerHit(name, "department", "department", prov, None, m.start(), end))

    for rule, rx, level, label in _PATTERNS:
        if not any(w in folded for w in _NEEDS[rule]):
            continue
        named = rule in ("newspaper", "broadcaster", "school")
        for m in rx.finditer(folded):
            if named and not text[sq.orig(m.start())].isupper():
                continue  # "báo cáo", "đài" in running text
            if m.start() and folded[m.start() - 1] in "-/":
                continue  # "Số: 360/KH-UBND" and, on the next line, "Quan Hóa, ngày …" is no body

            groups = [g for g in m.groups() if g is not None]
            tier = groups[-1].rstrip(".") if groups else ""
            gi = max((i for i in range(1, (m.lastindex or 0) + 1) if m.group(i) is not None), default=0)
            if gi and not _tier_ok(tier, text[sq.orig(m.start(gi)):sq.orig(m.end(gi) - 1) + 1]):
                continue
            if rule == "party_committee" and tier == "quan" and text[sq.orig(m.start())].lower() == "q" \
                    and fold(text[sq.orig(m.start()):sq.orig(m.start()) + 4]) == "quan" \
                    and "â" in text[sq.orig(m.start()):sq.orig(m.start()) + 4].lower():
                continue  # "Quân ủy Trung ương" is the army's Party committee, not a district's
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
            if rule == "mass_org":  # "Hội Nông dân tỉnh An Giang": named as written, level by its tier
                o, e = sq.orig(m.start()), sq.orig(m.end(1) - 1) + 1
                org = " ".join(text[o:e].split())
                org = org if not org.isupper() else org.capitalize()
                tier_word = _TIER_WORDS.get(tier, tier)
                lvl = _TIER_LEVEL.get(tier) or ("district" if ph and ph.kind == "district" else "province")
                if ph:
                    add(IssuerHit(f"{org[0].upper()}{org[1:]} {tier_word} {ph.name}", lvl, rule,
                                  ph.province_code if ph.kind == "province" or len(same_place) == 1 else None,
                                  ph.name if ph.kind == "district" else None, m.start(), ph.end))
                continue
            if rule in ("newspaper", "broadcaster", "school"):
                o = sq.orig(m.start())
                if rule == "school":
                    nm = _PROPER_NAME.match(text, sq.orig(m.end() - 1) + 1)
                    if not nm:
                        continue
                    org = text[o:sq.orig(m.end() - 1) + 1]
                    add(IssuerHit(f"{org[0].upper()}{org[1:]} {nm.group(1)}", "other", rule, None, None, m.start(),
                                  sq.squeezed(nm.end(1) - 1) + 1))
                    continue
                prov_hit = next((h for h in same_place if h.kind == "province"), None)
                if prov_hit is None:
                    continue
                add(IssuerHit(f"{label} {prov_hit.name}", "other", rule, prov_hit.province_code, None, m.start(),
                              prov_hit.end))
                continue
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
                nm = _PROPER_NAME.match(text, sq.orig(end - 1) + 1)
                if nm:
                    found = nm.group(1)
                    name = " " + (found.title() if found.isupper() else found)  # "XÃ GIA THỦY" in a header
                    end = sq.squeezed(nm.end(1) - 1) + 1
                    # "(huyện Vụ Bản)", ", huyện Vụ Bản": the district places the commune
                    up = re.match(r"\s*[(,]\s*(huyen|quan|thi xa|thanh pho|tp\.?)\s", folded[end:end + 20])
                    if up:
                        pos = end + up.end()
                        dh = [h for h in places if pos <= h.start <= pos + 1 and h.kind == "district"]
                        if len({h.province_code for h in dh}) == 1:
                            prov, district = dh[0].province_code, dh[0].name
            if rule in ("party_committee", "party_standing", "party_standing2", "party_board", "youth_union",
                        "party_steering"):
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
            disp = label.format(tier=tier_word, board=_BOARD.get(groups[0], "") if rule == "party_board" else "",
                                agency=_AGENCIES.get(groups[0], "") if rule == "provincial_agency" else "",
                                bloc=_BLOCS.get(groups[0], "") if rule == "party_bloc" else "",
                                office=_OFFICES.get(groups[0], "") if rule == "office" else "",
                                standing="Ban Thường vụ " if rule == "party_gov" and len(groups) > 1 else "",
                                sc=(groups[0].upper() if groups and groups[0].isdigit() else
                                    # "Ban Chỉ đạo chuyển đổi số": the words as written, accents and all
                                    (" ".join(text[sq.orig(m.start(1)):sq.orig(m.end(1) - 1) + 1].split()).lower()
                                     if groups else "")))
            if rule == "party_board":
                disp = f"Ban {_BOARD.get(groups[0], groups[0])} {_PARTY_TIER.get(groups[1], groups[1])} ủy"
            disp = disp[0].upper() + disp[1:] + name
            add(IssuerHit(disp, lvl, rule, prov, district, m.start(), end, cands))
    out = [back(h) for h in out]
    out.sort(key=lambda h: h.start)
    return out


_MOTTO_LINE = re.compile(r"^[ *\-_=]*(?:cong hoa xa hoi chu nghia viet nam|doc lap\s*-\s*tu do\s*-\s*hanh phuc"
                         r"|dang cong san viet nam|[*\-_=]+)[ *\-_=]*$", re.M)
# a lone space maps to itself, so only longer runs and other white space need a segment
_SPACE_RUN = re.compile(r"\s{2,}|[^\S ]")


class _Squeezed:
    """`folded` without motto lines and with single spaces, and the offset maps both ways."""

    def __init__(self, folded: str):
        blanked = _MOTTO_LINE.sub(lambda m: " " * len(m.group()), folded)
        parts: list[str] = []
        self.sq_starts: list[int] = []   # start of each kept segment in the squeezed text
        self.or_starts: list[int] = []   # ... and in the original
        pos_sq = 0
        last = 0
        for m in _SPACE_RUN.finditer(blanked):
            if m.start() > last:
                self.sq_starts.append(pos_sq)
                self.or_starts.append(last)
                parts.append(blanked[last:m.start()])
                pos_sq += m.start() - last
            self.sq_starts.append(pos_sq)
            self.or_starts.append(m.start())
            parts.append(" ")
            pos_sq += 1
            last = m.end()
        if last < len(blanked):
            self.sq_starts.append(pos_sq)
            self.or_starts.append(last)
            parts.append(blanked[last:])
        self.text = "".join(parts)

    def orig(self, i: int) -> int:
        k = bisect.bisect_right(self.sq_starts, i) - 1
        return self.or_starts[k] + (i - self.sq_starts[k]) if k >= 0 else i

    def squeezed(self, i: int) -> int:
        k = bisect.bisect_right(self.or_starts, i) - 1
        return self.sq_starts[k] + (i - self.or_starts[k]) if k >= 0 else i


def _shift(h: PlaceHit, sq: _Squeezed) -> PlaceHit:
    return PlaceHit(h.kind, h.code, h.province_code, h.name, sq.squeezed(h.start), sq.squeezed(h.end - 1) + 1,
                    h.unit_type)
