"""Page furniture: what a web page puts around an article.

Furniture is blanked (replaced by spaces, newlines kept) rather than cut, so that offsets
into the text stay valid and the document text the user reads is unchanged."""
from __future__ import annotations

import re

# A line that starts one of these blocks ends the article: everything after is furniture.
_TAIL_MARKERS = re.compile(
    r"^(cac bai moi dang|cac bai da dang|cac tin (khac|moi|da dang|cung chuyen muc)|tin (lien quan|khac|cung chuyen muc|moi)"
    r"|bai viet (lien quan|khac|xem)|bai lien quan|van ban lien quan|cac van ban khac|tin bai lien quan"
    r"|binh luan|viet binh luan|y kien ban doc|gui binh luan|chia se bai viet|xem them|doc them|tin doc nhieu"
    r"|tin xem nhieu|cung chuyen muc|tags?:|tu khoa:)\b")
# Single lines of furniture anywhere (counters, link boxes, form fields, share buttons).
_LINE = re.compile(
    r"^(lien ket website|luot truy cap|thong ke:?|online:?|dang truy cap|tong (so )?luot truy cap|hom nay:"
    r"|ho ten:|so dien thoai:|tieu de:|noi dung:|ma xac nhan:|email:|dia chi email|lay lai ma|gui|in bai|in trang"
    r"|chia se|share|facebook|twitter|zalo|quay lai|ve dau trang|trang chu|tweet|like|ban in|print"
    r"|cỡ chữ|co chu|font size|nghe doc bai|lang nghe|\d+ luot xem|luot xem)\b")


# A block of other articles' headlines ("TIN MỚI NHẤT", "ĐỌC NHIỀU"): the heading and the
# bulleted or short lines under it, wherever it sits.
_BLOCK_HEAD = re.compile(r"^(tin moi nhat|tin moi|doc nhieu|tin doc nhieu|xem nhieu|tin xem nhieu|tin noi bat"
                         r"|tin tuc noi bat|bai viet moi|tin cung chuyen muc|tin lien quan|cac tin khac|tin khac"
                         r"|tin bai khac|su kien noi bat|chuyen muc)\s*:?$")
_BULLET = re.compile(r"^\s*([•·►▪■◦*»>+–-]|\d{1,2}[.)])\s")


_MENU_SEP = re.compile(r"\s[|»>›/]\s|\s\|\s?")


def _is_menu(line: str) -> bool:
    """'Trang chủ | Giới thiệu | Tin tức | …', 'Trang chủ > Tin tức > An ninh': navigation."""
    parts = [p.strip() for p in _MENU_SEP.split(line) if p.strip()]
    return len(parts) >= 3 and all(len(p.split()) <= 5 for p in parts)


def mask_with_folded(text: str, folded_text: str) -> tuple[str, str]:
    """`text` and its folded twin `fold(text)`, both with the furniture blanked out: the
    second is `fold` of the first, without folding the text again."""
    lines = text.split("\n")
    folded = folded_text.split("\n")  # folding keeps line breaks, so lines pair up
    out = []
    out_folded = []
    tail = False
    block = False
    seen_body = 0
    for ln, fl in zip(lines, folded):
        f = fl.strip()
        if not tail and seen_body >= 2 and _TAIL_MARKERS.match(f):
            tail = True
        blank = False
        if _BLOCK_HEAD.match(f):
            block = blank = True
        elif block and f and (_BULLET.match(ln) or len(f) < 40):
            blank = True
        else:
            if f:
                block = False
            if tail or (f and len(f) < 60 and _LINE.match(f)) or _is_menu(ln):
                blank = True
            elif len(f) > 40:
                seen_body += 1
        if blank:
            out.append(" " * len(ln))
            out_folded.append(" " * len(ln))
        else:
            out.append(ln)
            out_folded.append(fl)
    return "\n".join(out), "\n".join(out_folded)
