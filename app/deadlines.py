"""What a deadline means on a given day: its recurrence in one word, the date it is next due,
and whether it is overdue, due soon, done or later. Pure functions, no Streamlit, no SQL
(the rows come from app/queries.py: `deadline_rows`).

The rules, kept simple on purpose (the page says them in words):

* Recurrence. The extractor already writes one code per cycle (annual, semiannual,
  quarterly, monthly, weekly); `normalise_recurrence` also reads the words themselves
  ("hằng năm" = "hàng năm" = "mỗi năm" = annual, "6 tháng" = semiannual …, with the
  vocabulary of data/reference/periods.csv) and older codes (yearly, half_yearly).
* One row per (document, task, deadline): two phrases of the same task with the same cycle
  and the same day ("mỗi năm" and "hằng năm") are one deadline.
* Due date. A one-off deadline is due on its date. A recurring one is due on its coming
  occurrence on or after "today": the day and month it names ("trước ngày 15/11 hằng năm" →
  the next 15/11; "6 tháng (trước ngày 15/6)" → 15/6 and 15/12; "trước ngày 20 hằng tháng"),
  else the end of the period (31/12; 30/6 and 31/12; the end of each quarter, of each month;
  Sunday for a week). A day the month does not have falls on its last day (29/2 → 28/2 in a
  common year).
* Status, on "today", with the latest report or review (a document of type report, or a news
  item of a "sơ kết"/"tổng kết") from the same province, on a central text the deadline's
  document carries out (any, when it names none), dated after that document and not after
  "today":
    - one-off: done when there is such a report; else overdue when the date has passed, due
      soon when it comes within 30 days, later otherwise;
    - recurring: overdue when an occurrence has passed since the document and no report is
      dated in the period before it or since; else due soon when the coming occurrence is
      within 30 days; else done when the past occurrence was met; later otherwise;
    - undated: a one-off deadline with no date (its document has none to place it after).
* Horizon. A plan for a period ("giai đoạn 2021-2025", "đến năm 2025", "từ nay đến 2025", a
  plan "năm 2023") stops recurring after it: no occurrence falls after the last day of its
  last year; once that day has passed the deadline is "ended", not overdue (an occurrence
  missed before it stays overdue until then). The period is read from the document's heading
  (`horizon`), with the words of data/reference/periods.csv; a vision ("tầm nhìn đến năm
  2030") is not the plan's period, nor is the year of a law it names ("Luật An ninh mạng năm
  2018"), nor a year before the document's own.
"""
from __future__ import annotations

import calendar
import functools
import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

import pandas as pd

from etl.extract.rx import vocabulary

SOON_DAYS = 30
STATUSES = ("overdue", "due_soon", "later", "done", "ended", "undated")
RECURRENCES = ("annual", "semiannual", "quarterly", "monthly", "weekly")
# months between two occurrences (weekly is counted in days)
_STEP = {"annual": 12, "semiannual": 6, "quarterly": 3, "monthly": 1}
_OLD_CODES = {"yearly": "annual", "half_yearly": "semiannual", "half-yearly": "semiannual",
              "quarter": "quarterly", "month": "monthly", "week": "weekly", "year": "annual"}

_WORDS = vocabulary("periods")
_EVERY = "|".join(sorted(map(re.escape, _WORDS["every"]), key=len, reverse=True))
_ONE = "|".join(sorted(map(re.escape, _WORDS["one"]), key=len, reverse=True))
_HALF = "|".join(sorted(map(re.escape, _WORDS["half"]), key=len, reverse=True))
_PERIODS = _WORDS["period"]  # năm -> annual, quý -> quarterly …
_PERIOD = "|".join(map(re.escape, _PERIODS))
_RX_HALF = re.compile(rf"(?<!\w)(?:{_HALF})\s+tháng(?!\w)")
_RX_EVERY = re.compile(rf"(?<!\w)(?:(?:{_EVERY})|định kỳ|(?:{_ONE})\s+lần\s*/)\s*(?P<p>{_PERIOD})(?!\w)")


def normalise_recurrence(value) -> str | None:
    """The cycle as one code (annual | semiannual | quarterly | monthly | weekly), from a
    code or from the words; None for a one-off deadline or words naming no cycle."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    s = unicodedata.normalize("NFC", str(value)).strip().lower()
    if not s or s == "once":
        return None
    if s in RECURRENCES:
        return s
    if s in _OLD_CODES:
        return _OLD_CODES[s]
    if _RX_HALF.search(s):
        return "semiannual"
    m = _RX_EVERY.search(s)
    if m:
        return _PERIODS[m.group("p")]
    return None


# ---------------------------------------------------------------- the day a cycle falls on
_RX_DM = re.compile(r"(?<!\d)(\d{1,2})\s*[/.\-]\s*(\d{1,2})(?![\d])(?!\s*[/.\-]\s*\d)"
                    r"|(?<!\d)(\d{1,2})\s+tháng\s+(\d{1,2})(?!\d)")
_RX_DAY = re.compile(r"ngày\s+(\d{1,2})(?![\d/.\-])(?!\s+tháng)")
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_RX_QUARTER = re.compile(r"quý\s+(iv|i{1,3}|[1-4])(?!\w)")


@dataclass(frozen=True)
class Anchor:
    """Where in its period a cycle falls: a day (None: the period's last day) of a month
    (None: each period's last month)."""
    day: int | None = None
    month: int | None = None


def anchor_of(description: str | None, recurrence: str | None) -> Anchor:
    """The day and month a recurring deadline names in its description."""
    s = unicodedata.normalize("NFC", str(description or "")).lower()
    m = _RX_DM.search(s)
    if m:
        d, mo = (int(m.group(1)), int(m.group(2))) if m.group(1) else (int(m.group(3)), int(m.group(4)))
        if 1 <= d <= 31 and 1 <= mo <= 12:
            return Anchor(d, mo)
    m = _RX_DAY.search(s)
    if m and 1 <= int(m.group(1)) <= 31:
        return Anchor(int(m.group(1)), None)
    m = _RX_QUARTER.search(s)
    if m and recurrence == "annual":
        return Anchor(None, _ROMAN[m.group(1)] * 3)
    return Anchor()


def _on(year: int, month: int, day: int | None) -> dt.date:
    """Day `day` of the month (None or past its end: its last day)."""
    last = calendar.monthrange(year, month)[1]
    return dt.date(year, month, last if day is None else min(day, last))


def _months(recurrence: str, anchor: Anchor) -> list[int]:
    """The months of the year an occurrence falls in."""
    step = _STEP[recurrence]
    first = anchor.month if anchor.month is not None else step  # default: the period's last month
    return sorted({(first - 1 + k * step) % 12 + 1 for k in range(12 // step)})


def _occurrences(recurrence: str, anchor: Anchor, around: dt.date) -> list[dt.date]:
    """Every occurrence from the year before `around` to the year after, in order."""
    if recurrence == "weekly":
        sunday = around + dt.timedelta(days=6 - around.weekday())
        return [sunday + dt.timedelta(weeks=k) for k in range(-60, 60)]
    months = _months(recurrence, anchor)
    return sorted(_on(y, m, anchor.day) for y in range(around.year - 2, around.year + 3)
                  for m in months)


@functools.lru_cache(maxsize=4096)  # a few cycles and days repeat over thousands of rows
def next_due(recurrence: str, anchor: Anchor, today: dt.date) -> dt.date:
    """The coming occurrence of a recurring deadline: on or after `today`."""
    return next(d for d in _occurrences(recurrence, anchor, today) if d >= today)


@functools.lru_cache(maxsize=4096)
def previous_due(recurrence: str, anchor: Anchor, today: dt.date) -> dt.date:
    """The last occurrence before `today`."""
    return [d for d in _occurrences(recurrence, anchor, today) if d < today][-1]


def period_before(recurrence: str, anchor: Anchor, occurrence: dt.date) -> dt.date:
    """The occurrence before `occurrence` (the start of the period it closes)."""
    return previous_due(recurrence, anchor, occurrence)


# ---------------------------------------------------------------- the period a plan covers
def _alt(group: str) -> str:
    return "|".join(sorted(map(re.escape, _WORDS[group]), key=len, reverse=True))


_YEAR = r"((?:19|20)\d\d)(?!\d)(?![/.]\d)"  # not a number's part ("24/2018/QH14")
_RX_SPAN = re.compile(rf"(?<![\d/.\-])(?:(?:{_alt('horizon_span')})\s*(?:từ\s+)?(?:năm\s+)?)?"
                      rf"{_YEAR}\s*(?:[-–—]|(?:{_alt('horizon_until')})\s)\s*(?:năm\s+)?{_YEAR}")
_RX_UNTIL = re.compile(rf"(?<!\w)(?:{_alt('horizon_until')})\s+(?:năm\s+)?{_YEAR}")
_RX_YEAR_OF = re.compile(rf"(?<!\w)năm\s+{_YEAR}")
_RX_VISION = re.compile(rf"(?:{_alt('horizon_vision')})\s*$")
_RX_ONWARD = re.compile(rf"\s*(?:{_alt('horizon_onward')})")
_RX_DATE_BEFORE = re.compile(r"tháng\s*\d{1,2}\s*,?\s*$")
_RX_NAMED_BY_YEAR = re.compile(rf"(?<!\w)(?:{_alt('horizon_named_by_year')})(?!\w)[^,;:()]*$")
_FAR = 30  # years: a period this far past its document is a number, not a plan's horizon


@functools.lru_cache(maxsize=8192)  # one call per document, repeated for each of its deadlines
def horizon(heading: str | None, set_on: dt.date | None = None) -> dt.date | None:
    """The last day of the period a document plans for, read from its heading: the end of a
    span ("giai đoạn 2021 - 2025"), else the year it runs until ("đến năm 2025", not a
    vision's "tầm nhìn đến năm 2030"), else the single year it is for ("Kế hoạch … năm 2023",
    not a date's "tháng 7 năm 2018", nor a law's year, nor "năm 2023 và những năm tiếp
    theo"); None when it names none. A year before the document's own is not its horizon
    (a text it cites), and a single year is its own or the next one."""
    s = " ".join(unicodedata.normalize("NFC", str(heading or "")).lower().split())
    if not s:
        return None
    first = set_on.year if set_on else 0
    last = set_on.year + _FAR if set_on else 9999

    for m in _RX_SPAN.finditer(s):
        start, end = int(m.group(1)), int(m.group(2))
        if start < end <= start + _FAR and first <= end <= last:
            return dt.date(end, 12, 31)
    for m in _RX_UNTIL.finditer(s):
        year = int(m.group(1))
        if not _RX_VISION.search(s[:m.start()]) and first <= year <= last:
            return dt.date(year, 12, 31)
    for m in _RX_YEAR_OF.finditer(s):
        year, before = int(m.group(1)), s[max(0, m.start() - 80):m.start()]
        if _RX_DATE_BEFORE.search(before) or _RX_NAMED_BY_YEAR.search(before) \
                or _RX_ONWARD.match(s, m.end()):
            continue
        if first <= year <= (set_on.year + 1 if set_on else 9999):
            return dt.date(year, 12, 31)
    return None


def last_within(recurrence: str, anchor: Anchor, ends: dt.date) -> dt.date:
    """The last occurrence on or before `ends`."""
    return previous_due(recurrence, anchor, ends + dt.timedelta(days=1))


# ---------------------------------------------------------------- status
@dataclass(frozen=True)
class Reading:
    due: dt.date | None      # one-off: its date; recurring: the coming occurrence
    last_due: dt.date | None  # recurring: the occurrence that passed last since the document
    status: str


def read(*, today: dt.date, set_on: dt.date | None, due_date: dt.date | None,
         recurrence: str | None, anchor: Anchor = Anchor(),
         last_report: dt.date | None = None, ends: dt.date | None = None) -> Reading:
    """Due date and status of one deadline on `today`.

    set_on: the date of the document that sets the deadline (None: unknown);
    last_report: the latest report or review that answers it, dated after set_on and not
    after today (the query finds it), or None;
    ends: the last day of the document's period (`horizon`): a recurring deadline has no
    occurrence after it (None: it recurs for good)."""
    if last_report is not None and last_report > today:
        last_report = None  # looking back: a report written after "today" is not known yet
    if recurrence is None:
        if due_date is None:
            return Reading(None, None, "undated")
        if last_report is not None:
            return Reading(due_date, None, "done")
        if due_date < today:
            return Reading(due_date, None, "overdue")
        if (due_date - today).days <= SOON_DAYS:
            return Reading(due_date, None, "due_soon")
        return Reading(due_date, None, "later")
    coming = next_due(recurrence, anchor, today)
    last = previous_due(recurrence, anchor, today)
    if ends is not None and coming > ends:
        coming = None  # the plan's period is over before its next occurrence
        last = min(last, last_within(recurrence, anchor, ends))
    if set_on is not None and last < set_on:
        last = None  # no occurrence has passed since the document
    met = False
    if last is not None and last_report is not None:
        met = last_report > period_before(recurrence, anchor, last)
    if coming is None:
        # after its period the cycle has ended, whatever was missed; within it (the last
        # occurrence passed, the period not yet over) the last occurrence still counts
        if today > ends or last is None:
            return Reading(None, last, "ended")
        return Reading(None, last, "done" if met else "overdue")
    if last is not None and not met:
        return Reading(coming, last, "overdue")
    if (coming - today).days <= SOON_DAYS:
        return Reading(coming, last, "due_soon")
    return Reading(coming, last, "done" if met else "later")


def board(rows: pd.DataFrame, today: dt.date) -> pd.DataFrame:
    """The deadlines of `rows` (app/queries.deadline_rows), one per (document, task,
    deadline), with `recurrence` normalised and `due`, `last_due`, `deadline_status` and
    `horizon` (the last day of a recurring deadline's period, from the rows' `heading`)
    added; overdue first, then by due date."""
    if rows.empty:
        return rows.assign(due=pd.Series(dtype="datetime64[us]"), last_due=pd.Series(dtype="datetime64[us]"),
                           deadline_status=pd.Series(dtype=object),
                           horizon=pd.Series(dtype="datetime64[us]"))
    # the work is done on a slim frame of keys; the long text columns are taken once, at the end
    desc = rows.description.tolist()
    # a cycle the extractor coded (an unknown code: read from the words); none: a one-off
    recs = [(normalise_recurrence(r) or normalise_recurrence(d)) if _day_or_text(r) else None
            for r, d in zip(rows.recurrence.tolist(), desc)]
    anchors = [anchor_of(d, r) if r else Anchor() for d, r in zip(desc, recs)]
    k = pd.DataFrame({"doc_id": rows.doc_id.to_numpy(), "task_id": rows.task_id.to_numpy(),
                      "recurrence": pd.Series(recs, dtype=object).to_numpy(),
                      "_anchor": [(a.day, a.month) for a in anchors],
                      "_due": _days(rows.due_date),
                      "_longest": [len(d or "") for d in desc],
                      "_bare": [r is not None and a == Anchor() for r, a in zip(recs, anchors)]})
    # one row per (document, task, deadline): a bare cycle ("hằng năm") of a task that also
    # names the day of the same cycle ("Định kỳ hằng năm (trước ngày 15/11)") is that one;
    # then the longest wording of each
    key = ["doc_id", "task_id", "recurrence"]
    named = k[~k._bare & k.recurrence.notna()][key].drop_duplicates().assign(_named=True)
    shadowed = k[key].merge(named, on=key, how="left")._named.fillna(False).to_numpy(dtype=bool)
    k = k[~(k._bare.to_numpy() & shadowed)]
    k = (k.sort_values("_longest", ascending=False, kind="stable")
          .drop_duplicates(["doc_id", "task_id", "recurrence", "_anchor", "_due"]))
    keep = k.index.to_numpy()
    kept_recs = [recs[i] for i in keep]  # a list: a frame column would turn None into NaN
    set_on = _days(rows.doc_date.iloc[keep])
    reports = _days(rows.last_report_date.iloc[keep])
    headings = (rows.heading.iloc[keep].tolist() if "heading" in rows
                else [None] * len(keep))
    ends = [horizon(h if isinstance(h, str) else None, s_) if r_ else None
            for h, s_, r_ in zip(headings, set_on, kept_recs)]
    out = [read(today=today, set_on=s_, due_date=d_, recurrence=r_, anchor=Anchor(*a_),
                last_report=p_, ends=e_)
           for s_, d_, r_, a_, p_, e_ in zip(set_on, k._due, kept_recs, k._anchor, reports, ends)]
    status = [r.status for r in out]
    due = pd.to_datetime(pd.Series([r.due for r in out], dtype=object)).astype("datetime64[us]")
    order = pd.DataFrame({"o": [STATUSES.index(x) for x in status], "due": due.to_numpy(),
                          "province": rows.province.iloc[keep].to_numpy(),
                          "doc_id": k.doc_id.to_numpy(), "task_id": k.task_id.to_numpy()})
    pos = order.sort_values(["o", "due", "province", "doc_id", "task_id"], na_position="last",
                            kind="stable").index.to_numpy()
    df = rows.iloc[keep[pos]].reset_index(drop=True)
    df["recurrence"] = pd.Series([kept_recs[i] for i in pos], dtype=object)
    df["due"] = due.to_numpy()[pos]
    df["last_due"] = pd.to_datetime(pd.Series([out[i].last_due for i in pos], dtype=object)
                                    ).astype("datetime64[us]").to_numpy()
    df["deadline_status"] = [status[i] for i in pos]
    df["horizon"] = pd.to_datetime(pd.Series([ends[i] for i in pos], dtype=object)
                                   ).astype("datetime64[us]").to_numpy()
    return df


def _day_or_text(v) -> bool:
    return v is not None and not (not isinstance(v, str) and pd.isna(v)) and v != ""


def _days(s: pd.Series) -> list:
    """A date column as datetime.date values (None when missing)."""
    return [None if pd.isna(v) else v.date() for v in pd.to_datetime(s)]


def _day(v) -> dt.date | None:
    if v is None or (not isinstance(v, str) and pd.isna(v)):
        return None
    return pd.Timestamp(v).date()


_RX_SENTENCE_END = re.compile(r"(?<=[.;!?])\s+(?=\S)|\n+")


def sentence_of(text: str | None, description: str | None) -> str:
    """The sentence of a task's text that a deadline was read from: the first that holds
    its words ("Định kỳ hằng năm (trước ngày 15/11), báo cáo …"); the whole text when none
    does (the words were spread over two), "" when there is no text."""
    whole = " ".join(str(text or "").split())
    words = " ".join(str(description or "").split()).lower()
    if not whole or not words:
        return whole
    for part in _RX_SENTENCE_END.split(str(text)):
        one = " ".join(part.split())
        if words in one.lower():
            return one
    return whole


def counts(board_df: pd.DataFrame) -> dict[str, int]:
    """Deadlines per status, every status present (0 when none)."""
    got = board_df.deadline_status.value_counts() if not board_df.empty else {}
    return {s: int(got.get(s, 0)) for s in STATUSES}


def per_province(board_df: pd.DataFrame) -> pd.DataFrame:
    """One row per province: its deadlines per status, the most overdue first."""
    if board_df.empty:
        return pd.DataFrame(columns=["province", *STATUSES, "total"])
    named = board_df.assign(province=board_df.province.fillna("—"))
    t = pd.crosstab(named.province, named.deadline_status)
    t = t.reindex(columns=list(STATUSES), fill_value=0)
    t.columns.name = None
    t["total"] = t.sum(axis=1)
    return (t.reset_index().sort_values(["overdue", "due_soon", "total", "province"],
                                        ascending=[False, False, False, True])
             .reset_index(drop=True))
