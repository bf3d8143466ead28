"""Deadlines and reporting cycles stated in a sentence.

Two kinds of phrase count, and only in the language of work to be done:

* a cycle: "định kỳ hằng quý, 6 tháng, năm", "hằng năm", "báo cáo 6 tháng", "hàng tháng" …
  -> recurrence annual / semiannual / quarterly / monthly / weekly, no single due date. A
  day-month next to it ("Định kỳ hàng năm (trước ngày 15/11)") belongs to the cycle and stays
  in the description. A bare "hằng năm" needs a work word in the sentence (báo cáo, tổ chức,
  kiểm tra, diễn tập …) and is not a cycle when it only qualifies a plan or a budget
  ("chương trình công tác hàng năm", "dự toán ngân sách hằng năm").
* a due date after a deadline word: "trước ngày 30/6/2023", "chậm nhất ngày 20/12/2023",
  "hoàn thành trong quý III/2023", "trong tháng 10/2023", "Thời gian hoàn thành: năm 2024",
  "từ ngày 01/10/2023 đến ngày 15/10/2023" (the end). A day-month without a year takes its
  next occurrence on or after the document date.

Dates without such a word ("Nghị quyết … ngày 25/7/2018 của Bộ Chính trị", "năm 2023") are not
deadlines.
"""
from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from .agencies import lower_key
from .rx import phrases_rx, vocabulary


@dataclass(frozen=True)
class Deadline:
    description: str
    due_date: datetime.date | None
    recurrence: str | None  # annual | semiannual | quarterly | monthly | weekly | None


# --------------------------------------------------------------------------- dates

_DMY_NUM = r"(?P<d>\d{1,2})\s*[/.\-]\s*(?P<m>\d{1,2})(?:\s*[/.\-]\s*(?P<y>\d{4}|\d{2}(?!\d)))?(?![\d/]|\s*[/-]\s*[a-zđ])"
_DMY_TXT = r"(?P<d2>\d{1,2})\s+tháng\s+(?P<m2>\d{1,2})(?:\s*(?:,\s*)?năm\s+(?P<y2>\d{4}))?"
_DATE = rf"(?:ngày\s+)?(?:{_DMY_TXT}|{_DMY_NUM})"
_ROMAN_Q = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_QUARTER = r"quý\s+(?P<q>iv|i{1,3}|[1-4])(?!\w)(?:\s*(?:/|-|năm|,\s*năm)\s*(?P<qy>\d{4}))?"
_MONTH = r"tháng\s+(?P<mm>\d{1,2})(?!\s*[/.\-]?\s*\d{1,2}\s*[/.\-])(?:\s*(?:/|-|năm|,\s*năm)\s*(?P<my>\d{4}))?(?!\d)"
_YEAR = r"năm\s+(?P<yy>\d{4})(?!\d)"

# words that make the following date a deadline
_BEFORE = (r"(?:chậm nhất(?:\s+là)?(?:\s+(?:vào|trước|đến|trong))?|muộn nhất(?:\s+là)?(?:\s+(?:vào|trước))?|"
           r"hạn chót(?:\s+là)?|hạn cuối(?:\s+là)?|không muộn hơn|không quá|xong trước|hoàn thành(?:\s+xong)?\s+trước|"
           r"trước)")
_WITHIN = r"(?:hoàn thành(?:\s+xong)?(?:\s+(?:trong|vào))?|xong trong|trong|ngay trong|chậm nhất trong)"
_LABEL = (r"(?:thời gian|thời hạn|hạn)(?:\s+(?:thực hiện|hoàn thành|triển khai|tổ chức|báo cáo|nộp|gửi|gửi báo cáo))?"
          r"(?:\s*\([^)]{0,30}\))?\s*[:\-–]\s*(?:dự kiến\s+)?(?:(?:trong|trước|vào)\s+)?")

_RX_DATE_BEFORE = re.compile(rf"(?<!\w){_BEFORE}\s+(?:hết\s+)?{_DATE}")
_RX_RANGE_END = re.compile(rf"(?<!\w)(?:từ\s+(?:ngày\s+)?\d[\d/.\-]*(?:\s+tháng\s+\d+(?:\s+năm\s+\d+)?)?\s+(?:đến|tới)"
                           rf"|(?:đến|tới)\s+hết)\s+(?:hết\s+)?{_DATE}")
_RX_LABEL_DATE = re.compile(rf"(?<!\w){_LABEL}{_DATE}")
_RX_QUARTER = re.compile(rf"(?<!\w)(?P<tw>{_BEFORE}|{_WITHIN}|{_LABEL})\s*{_QUARTER}")
_RX_MONTH = re.compile(rf"(?<!\w)(?P<tw>{_BEFORE}|{_WITHIN}|{_LABEL})\s*{_MONTH}")
_RX_YEAR = re.compile(rf"(?<!\w)(?P<tw>chậm nhất(?:\s+(?:trong|đến|vào))?|hoàn thành(?:\s+xong)?(?:\s+(?:trong|trước|vào))?|xong trước|xong trong|"
                      rf"trước|{_LABEL})\s*{_YEAR}")

# --------------------------------------------------------------------------- cycles

# The words of a cycle, written once in data/reference/periods.csv: "hằng / hàng / mỗi" (every),
# "một / 1 / 01" (one), "sáu / 6 / 06" (six months), and each period word with its recurrence.
_WORDS = vocabulary("periods")
_EVERY = phrases_rx(_WORDS["every"])
_ONE = phrases_rx(_WORDS["one"])
_HALF = phrases_rx(_WORDS["half"])
_RECURRENCE = _WORDS["period"]  # period word -> annual | quarterly | monthly | weekly
_WORD_OF = {rec: word for word, rec in _RECURRENCE.items()}
_YEAR_W, _QUARTER_W, _MONTH_W, _WEEK_W = (re.escape(_WORD_OF[r]) for r in ("annual", "quarterly", "monthly", "weekly"))
_ANY_PERIOD = phrases_rx(_RECURRENCE)

_PERIOD = (rf"(?:{_EVERY}\s+)?(?:(?P<sa>{_HALF}\s+{_MONTH_W}(?:\s+{_ONE}\s+lần)?(?:\s+(?:đầu|cuối)\s+{_YEAR_W})?)"
           rf"|(?P<qu>{_QUARTER_W})|(?P<mo>{_MONTH_W})|(?P<we>{_WEEK_W})|(?P<an>(?:{_ONE}\s+)?{_YEAR_W}))(?!\s*\d)(?!\w)")
_RX_DINHKY = re.compile(rf"(?<!\w)định kỳ\s+(?:{_PERIOD.replace('?P<', '?P<a_')})"
                        rf"(?:(?:\s*,\s*|\s*/\s*|\s+(?:và|hoặc)\s+|\s*,\s*(?:và|hoặc)\s+)(?:{_PERIOD.replace('?P<', '?P<b_')}))?"
                        rf"(?:(?:\s*,\s*|\s*/\s*|\s+(?:và|hoặc)\s+|\s*,\s*(?:và|hoặc)\s+)(?:{_PERIOD.replace('?P<', '?P<c_')}))?")
_RX_EVERY = re.compile(rf"(?<!\w){_EVERY}\s+(?P<p>{_ANY_PERIOD})(?!\w)|(?<!\w){_EVERY}\s+{_HALF}\s+{_MONTH_W}(?!\w)"
                       rf"|(?<!\w){_ONE}\s+lần\s*/\s*(?P<p2>{_ANY_PERIOD})(?!\w)")
_RX_REPORT_PERIOD = re.compile(
    r"(?<!\w)(?:báo cáo|sơ kết|giao ban)(?:\s+(?:kết quả|tình hình|định kỳ|tổng hợp))?(?:\s+thực hiện)?\s+"
    rf"(?:(?P<sa>{_HALF}\s+{_MONTH_W}(?:\s+(?:đầu|cuối)\s+{_YEAR_W})?)|(?P<qu>{_QUARTER_W})(?!\s+(?:iv|i{{1,3}}|[1-4])(?!\w))|"
    rf"(?P<mo>{_MONTH_W})(?!\s*\d)|(?P<we>{_WEEK_W})|(?P<an>{_YEAR_W})(?!\s*\d))(?!\w)")
_RX_HALF_YEAR = re.compile(rf"(?<!\w){_HALF}\s+{_MONTH_W}\s+(?:đầu|cuối)\s+{_YEAR_W}(?!\w)")

# a cycle word that only qualifies a plan/budget is not a cycle
_MODIFIED = re.compile(
    r"(?:chương trình|kế hoạch|dự toán|ngân sách|kinh phí|chỉ tiêu|nhiệm vụ|công tác|hoạt động|thi đua|"
    r"phong trào|khen thưởng|xếp loại|nguồn|vốn|chương trình công tác|nội dung|lịch|định mức|chi thường xuyên)\s*$")
_WORK = re.compile(
    r"(?<!\w)(?:báo cáo|định kỳ|sơ kết|tổng kết|kiểm tra|đánh giá|diễn tập|tập huấn|bồi dưỡng|rà soát|"
    r"giao ban|họp|gửi|hoàn thành|tổ chức|cập nhật|tổng hợp|thực hiện|triển khai|xây dựng|thống kê|"
    r"thời gian|thời hạn|tuyên truyền|phát sóng|đăng tải)(?!\w)")



def _rec_of(groups: dict, prefix: str = "") -> str | None:
    for key, rec in (("sa", "semiannual"), ("qu", "quarterly"), ("mo", "monthly"), ("we", "weekly"), ("an", "annual")):
        if groups.get(prefix + key):
            return rec
    return None


def _year(y: str | None) -> int | None:
    if not y:
        return None
    n = int(y)
    return 2000 + n if n < 100 else n


def _mkdate(y: int, m: int, d: int) -> datetime.date | None:
    try:
        return datetime.date(y, m, d)
    except ValueError:
        return None


def _month_end(y: int, m: int) -> datetime.date | None:
    if not 1 <= m <= 12:
        return None
    nxt = datetime.date(y + (m == 12), m % 12 + 1, 1)
    return nxt - datetime.timedelta(days=1)


def _dm_groups(m: re.Match) -> tuple[int | None, int | None, int | None]:
    g = m.groupdict()
    if g.get("d2"):
        return int(g["d2"]), int(g["m2"]), _year(g.get("y2"))
    if g.get("d"):
        return int(g["d"]), int(g["m"]), _year(g.get("y"))
    return None, None, None


def _next_occurrence(day: int, month: int, doc_date: datetime.date) -> datetime.date | None:
    for y in (doc_date.year, doc_date.year + 1):
        d = _mkdate(y, month, day)
        if d and d >= doc_date:
            return d
    return None


def _tidy(s: str) -> str:
    # = re.sub(r"\s+", " ", s).strip(" ,;:"): str.split and \s agree on what whitespace is
    return " ".join(s.split()).strip(" ,;:")


def _scan(rx: re.Pattern, key: str, *words: str):
    """rx.finditer(key), skipped when none of the words that every match of rx contains is
    in key: the patterns start with a look-behind, which makes each scan slow."""
    return rx.finditer(key) if any(w in key for w in words) else ()


# a sentence with none of these words and no digit has no deadline
_QUICK_WORDS = ("định kỳ", *_WORDS["every"], "lần", "sáu tháng", _WORD_OF["quarterly"], _WORD_OF["weekly"])
_DIGIT = re.compile(r"\d")
_EVERY_WORDS = (*_WORDS["every"], "lần")


def find_deadlines(sentence: str, doc_date: datetime.date | None) -> list[Deadline]:
    """Deadlines and reporting cycles in one sentence, in the order they appear."""
    if not sentence:
        return []
    key = lower_key(sentence)
    if not (any(w in key for w in _QUICK_WORDS) or _DIGIT.search(key)):
        return []
    # "work" matters only to the cycles below that need a word only some sentences have
    work = (any(w in key for w in _EVERY_WORDS) or "báo cáo" in key or "sơ kết" in key) and bool(_WORK.search(key))

    # ---- cycles: (start, end, recurrence)
    cycles: list[tuple[int, int, str]] = []
    taken: list[tuple[int, int]] = []

    def free(spans: list[tuple[int, int]], a: int, b: int) -> bool:
        return all(b <= x or a >= y for x, y in spans)

    for m in _scan(_RX_DINHKY, key, "định kỳ"):
        g = m.groupdict()
        for pre in ("a_", "b_", "c_"):
            rec = _rec_of(g, pre)
            if rec:
                cycles.append((m.start(), m.end(), rec))
        taken.append((m.start(), m.end()))
    for m in _scan(_RX_REPORT_PERIOD, key, "báo cáo", "sơ kết", "giao ban"):
        rec = _rec_of(m.groupdict())
        if rec and free(taken, m.start(), m.end()):
            cycles.append((m.start(), m.end(), rec))
            taken.append((m.start(), m.end()))
    if work:
        for m in _scan(_RX_EVERY, key, *_EVERY_WORDS):
            if not free(taken, m.start(), m.end()):
                continue
            if _MODIFIED.search(key, max(0, m.start() - 40), m.start()):
                continue
            p = m.group("p") or m.group("p2")
            rec = _RECURRENCE.get(p or "", "semiannual")
            cycles.append((m.start(), m.end(), rec))
            taken.append((m.start(), m.end()))
        if _REPORTISH.search(key):
            for m in _RX_HALF_YEAR.finditer(key):
                if free(taken, m.start(), m.end()):
                    cycles.append((m.start(), m.end(), "semiannual"))
                    taken.append((m.start(), m.end()))

    # ---- dated phrases
    dated: list[_Dated] = []
    used: list[tuple[int, int]] = []

    for rx, words in ((_RX_RANGE_END, ("đến", "tới")), (_RX_DATE_BEFORE, ("trước", "nhất", "hạn", "không")),
                      (_RX_LABEL_DATE, ("thời gian", "hạn"))):
        for m in _scan(rx, key, *words):
            if not free(used, m.start(), m.end()):
                continue
            d, mo, y = _dm_groups(m)
            if d is None or not (1 <= mo <= 12 and 1 <= d <= 31):
                continue
            if y is not None:
                due = _mkdate(y, mo, d)
                if due is None:
                    continue
                dated.append(_Dated(m.start(), m.end(), due))
            else:
                dated.append(_Dated(m.start(), m.end(), None, (d, mo)))
            used.append((m.start(), m.end()))
    # "trước ngày 15/6 và 15/12": one phrase
    for dt in dated:
        if dt.day_month:
            ext = _DATE_MORE.match(key, dt.end)
            if ext:
                dt.end = ext.end()
    for m in _scan(_RX_QUARTER, key, "quý"):
        if not free(used, m.start(), m.end()):
            continue
        q = _ROMAN_Q[m.group("q")]
        y = _year(m.group("qy"))
        before = _is_before(m.group("tw"))
        yearless = y is None
        if yearless:
            # "trong quý III" / "quý I hằng năm": the next such quarter, unless it is a cycle's
            if doc_date is None:
                dated.append(_Dated(m.start(), m.end(), None))
                used.append((m.start(), m.end()))
                continue
            y = doc_date.year
            if _month_end(y, q * 3) < doc_date:
                y += 1
        if before:
            due = _month_end(y, q * 3 - 3) if q > 1 else datetime.date(y - 1, 12, 31)
        else:
            due = _month_end(y, q * 3)
        dated.append(_Dated(m.start(), m.end(), None, fallback=due) if yearless else _Dated(m.start(), m.end(), due))
        used.append((m.start(), m.end()))
    for m in _scan(_RX_MONTH, key, "tháng"):
        if not free(used, m.start(), m.end()):
            continue
        mm = int(m.group("mm"))
        if not 1 <= mm <= 12:
            continue
        y = _year(m.group("my"))
        tw = m.group("tw").strip()
        yearless = y is None
        if yearless:
            if not re.match(r"(?:trong|hoàn thành|chậm nhất|thời gian|thời hạn|hạn)", tw):
                continue
            if doc_date is None:
                dated.append(_Dated(m.start(), m.end(), None))
                used.append((m.start(), m.end()))
                continue
            y = doc_date.year if mm >= doc_date.month else doc_date.year + 1
        if _is_before(tw):
            due = datetime.date(y, mm, 1) - datetime.timedelta(days=1)
        else:
            due = _month_end(y, mm)
        dated.append(_Dated(m.start(), m.end(), None, fallback=due) if yearless else _Dated(m.start(), m.end(), due))
        used.append((m.start(), m.end()))
    for m in _scan(_RX_YEAR, key, "năm"):
        if not free(used, m.start(), m.end()):
            continue
        y = int(m.group("yy"))
        due = datetime.date(y - 1, 12, 31) if _is_before(m.group("tw")) else datetime.date(y, 12, 31)
        dated.append(_Dated(m.start(), m.end(), due))
        used.append((m.start(), m.end()))

    # ---- a date without a year next to a cycle belongs to the cycle
    attached: dict[tuple[int, int], list[_Dated]] = {}
    standalone: list[_Dated] = []
    for dt in dated:
        if dt.due is not None or not cycles:
            standalone.append(dt)
            continue
        best, best_dist = None, 10 ** 6
        for ca, cb, _ in cycles:
            if cb <= dt.start:
                gap, dist = key[cb:dt.start], dt.start - cb
            elif dt.end <= ca:
                gap, dist = key[dt.end:ca], ca - dt.end
            else:
                gap, dist = "", 0
            if ";" in gap or dist > 120:
                continue
            if dist < best_dist:
                best, best_dist = (ca, cb), dist
        if best is None:
            standalone.append(dt)
        else:
            attached.setdefault(best, []).append(dt)

    out: list[tuple[int, Deadline]] = []
    for ca, cb, rec in cycles:
        a, b = ca, cb
        for dt in attached.get((ca, cb), []):
            a, b = min(a, dt.start), max(b, dt.end)
        # "Định kỳ hàng năm (trước ngày 15/11)": keep the closing bracket
        if b < len(key) and key[b] == ")" and key.count("(", a, b) > key.count(")", a, b):
            b += 1
        # "trước ngày 20 hằng tháng": keep the day
        pre = _DAY_BEFORE.search(key, max(0, a - 20), a)
        if pre:
            a = pre.start()
        out.append((ca, Deadline(_tidy(sentence[a:b]), None, rec)))
    for dt in standalone:
        due = dt.due or dt.fallback
        if due is None and dt.day_month and doc_date is not None:
            due = _next_occurrence(dt.day_month[0], dt.day_month[1], doc_date)
        out.append((dt.start, Deadline(_tidy(sentence[dt.start:dt.end]), due, None)))
    out.sort(key=lambda t: t[0])
    seen = set()
    result = []
    for _, dl in out:
        k = (dl.description, dl.due_date, dl.recurrence)
        if k not in seen:
            seen.add(k)
            result.append(dl)
    return result


@dataclass
class _Dated:
    start: int
    end: int
    due: datetime.date | None          # a date stated with its year
    day_month: tuple[int, int] | None = None
    fallback: datetime.date | None = None  # a yearless month/quarter, placed after the document date


_DATE_MORE = re.compile(r"(?:\s*(?:,|và|;)\s*(?:ngày\s+)?\d{1,2}\s*/\s*\d{1,2}(?![\d/]))+")
_DAY_BEFORE = re.compile(r"(?:trước\s+)?ngày\s+\d{1,2}\s+$")
_REPORTISH = re.compile(r"(?<!\w)(?:báo cáo|sơ kết)(?!\w)")


def _is_before(trigger: str) -> bool:
    t = trigger.strip()
    return t.startswith("trước") or t.endswith("trước")
