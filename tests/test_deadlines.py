"""Deadlines (issue 13, item 5): recurrence in one code, the coming due date, the status on a
chosen day, the rows of the bundled warehouse, and the Thời hạn page."""
from __future__ import annotations

import shutil
import unicodedata
from datetime import date

import duckdb
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from app import deadlines as dl
from app.deadlines import Anchor, anchor_of, next_due, normalise_recurrence, read
from app.filters import Filters
from app.i18n import CATALOGUE

from conftest import ROOT

PLAN = "e8712e7b59c34808"  # Thanh Hóa, 116/KH-UBND of 11/5/2023, carries out 964/QĐ-TTg
CYCLE = "Định kỳ hàng năm (trước ngày 15/11)"


# ---------------------------------------------------------------- pure functions
@pytest.mark.parametrize("value, code", [
    ("hằng năm", "annual"), ("hàng năm", "annual"), ("mỗi năm", "annual"),
    ("Định kỳ hằng năm (trước ngày 15/11)", "annual"), ("1 lần/năm", "annual"),
    (unicodedata.normalize("NFD", "Hằng năm"), "annual"),
    ("định kỳ 6 tháng", "semiannual"), ("sáu tháng", "semiannual"),
    ("hằng quý", "quarterly"), ("Định kỳ hàng quý", "quarterly"),
    ("hàng tháng", "monthly"), ("trước ngày 20 hằng tháng", "monthly"), ("mỗi tuần", "weekly"),
    ("annual", "annual"), ("yearly", "annual"), ("half_yearly", "semiannual"),
    ("quarterly", "quarterly"),
    (None, None), (float("nan"), None), ("", None), ("once", None),
    ("trước ngày 30/6/2023", None), ("năm 2025", None),
])
def test_recurrence_is_one_code_whatever_the_words(value, code):
    assert normalise_recurrence(value) == code


@pytest.mark.parametrize("description, recurrence, anchor", [
    ("Định kỳ hằng năm (trước ngày 15/11)", "annual", Anchor(15, 11)),
    ("Định kỳ 6 tháng (trước ngày 15/6)", "semiannual", Anchor(15, 6)),
    ("ngày 15 tháng 12 hằng năm", "annual", Anchor(15, 12)),
    ("trước ngày 20 hằng tháng", "monthly", Anchor(20, None)),
    ("trong quý I hằng năm", "annual", Anchor(None, 3)),
    ("hằng năm", "annual", Anchor()),
    ("Định kỳ hằng quý", "quarterly", Anchor()),
])
def test_the_day_a_cycle_names(description, recurrence, anchor):
    assert anchor_of(description, recurrence) == anchor


@pytest.mark.parametrize("recurrence, anchor, today, due", [
    ("annual", Anchor(15, 11), date(2026, 12, 7), date(2027, 11, 15)),   # passed this year
    ("annual", Anchor(15, 11), date(2026, 11, 15), date(2026, 11, 15)),  # today on the day
    ("annual", Anchor(15, 11), date(2026, 11, 14), date(2026, 11, 15)),
    ("annual", Anchor(29, 2), date(2027, 1, 10), date(2027, 2, 28)),     # common year
    ("annual", Anchor(29, 2), date(2027, 3, 1), date(2028, 2, 29)),      # leap year
    ("annual", Anchor(29, 2), date(2028, 2, 29), date(2028, 2, 29)),
    ("annual", Anchor(), date(2026, 12, 31), date(2026, 12, 31)),        # end of the year
    ("annual", Anchor(), date(2027, 1, 1), date(2027, 12, 31)),          # year wrap
    ("semiannual", Anchor(15, 6), date(2026, 7, 1), date(2026, 12, 15)),
    ("semiannual", Anchor(15, 6), date(2026, 12, 16), date(2027, 6, 15)),  # year wrap
    ("semiannual", Anchor(), date(2026, 1, 5), date(2026, 6, 30)),
    ("quarterly", Anchor(), date(2026, 11, 1), date(2026, 12, 31)),
    ("quarterly", Anchor(), date(2027, 1, 1), date(2027, 3, 31)),
    ("monthly", Anchor(20, None), date(2026, 12, 21), date(2027, 1, 20)),
    ("monthly", Anchor(31, None), date(2027, 2, 10), date(2027, 2, 28)),
    ("monthly", Anchor(), date(2026, 2, 1), date(2026, 2, 28)),
    ("weekly", Anchor(), date(2026, 12, 7), date(2026, 12, 13)),          # Monday -> Sunday
    ("weekly", Anchor(), date(2026, 12, 13), date(2026, 12, 13)),         # Sunday itself
])
def test_next_due_is_the_coming_occurrence(recurrence, anchor, today, due):
    assert next_due(recurrence, anchor, today) == due


SET = date(2023, 5, 11)
Y = Anchor(15, 11)


@pytest.mark.parametrize("kw, due, status", [
    # one-off
    (dict(today=date(2024, 1, 1), due_date=date(2023, 12, 31)), date(2023, 12, 31), "overdue"),
    (dict(today=date(2023, 12, 31), due_date=date(2023, 12, 31)), date(2023, 12, 31), "due_soon"),
    (dict(today=date(2023, 12, 1), due_date=date(2023, 12, 31)), date(2023, 12, 31), "due_soon"),
    (dict(today=date(2023, 11, 30), due_date=date(2023, 12, 31)), date(2023, 12, 31), "later"),
    (dict(today=date(2024, 3, 1), due_date=date(2023, 12, 31), last_report=date(2024, 2, 1)),
     date(2023, 12, 31), "done"),
    (dict(today=date(2023, 6, 1), due_date=date(2023, 12, 31), last_report=date(2023, 5, 20)),
     date(2023, 12, 31), "done"),
    # looking back: a report written after "today" is not known yet
    (dict(today=date(2024, 1, 5), due_date=date(2023, 12, 31), last_report=date(2024, 2, 1)),
     date(2023, 12, 31), "overdue"),
    (dict(today=date(2024, 1, 5), due_date=None), None, "undated"),
    # recurring, set on 11/5/2023, due 15/11 every year
    (dict(today=date(2023, 6, 1), recurrence="annual", anchor=Y), date(2023, 11, 15), "later"),
    (dict(today=date(2023, 10, 20), recurrence="annual", anchor=Y), date(2023, 11, 15), "due_soon"),
    (dict(today=date(2023, 11, 15), recurrence="annual", anchor=Y), date(2023, 11, 15), "due_soon"),
    (dict(today=date(2023, 11, 16), recurrence="annual", anchor=Y), date(2024, 11, 15), "overdue"),
    (dict(today=date(2023, 11, 16), recurrence="annual", anchor=Y, last_report=date(2023, 11, 10)),
     date(2024, 11, 15), "done"),
    (dict(today=date(2024, 11, 1), recurrence="annual", anchor=Y, last_report=date(2023, 11, 10)),
     date(2024, 11, 15), "due_soon"),
    # the next year's report is missing: the one of 2023 does not answer 15/11/2024
    (dict(today=date(2024, 11, 20), recurrence="annual", anchor=Y, last_report=date(2023, 11, 10)),
     date(2025, 11, 15), "overdue"),
])
def test_status_on_a_day(kw, due, status):
    r = read(set_on=SET, **{"due_date": None, "recurrence": None, **kw})
    assert (r.due, r.status) == (due, status)


TASK = ("Các Sở, ban, ngành căn cứ Kế hoạch này để triển khai thực hiện. Định kỳ hàng năm "
        "(trước ngày 15/11), báo cáo Chủ tịch UBND tỉnh về kết quả; khó khăn, vướng mắc.")


@pytest.mark.parametrize("text, description, sentence", [
    (TASK, "Định kỳ hàng năm (trước ngày 15/11)",
     "Định kỳ hàng năm (trước ngày 15/11), báo cáo Chủ tịch UBND tỉnh về kết quả;"),
    (TASK, "định kỳ  hàng năm", "Định kỳ hàng năm (trước ngày 15/11), báo cáo Chủ tịch UBND tỉnh về kết quả;"),
    ("1. Phòng ngừa tội phạm\n\nCông an chủ trì. Trước ngày 14/11/2016, báo cáo kết quả.",
     "Trước ngày 14/11/2016", "Trước ngày 14/11/2016, báo cáo kết quả."),
    # the words are not in one sentence: the whole text
    ("Báo cáo định kỳ. Hằng năm.", "định kỳ hằng năm", "Báo cáo định kỳ. Hằng năm."),
    (None, "hằng năm", ""), ("Một câu.", None, "Một câu."),
])
def test_the_sentence_a_deadline_was_read_from(text, description, sentence):
    assert dl.sentence_of(text, description) == sentence


# ---------------------------------------------------------------- the period a plan covers
@pytest.mark.parametrize("heading, set_on, ends", [
    ("KẾ HOẠCH Tăng cường an ninh mạng giai đoạn 2021 - 2025", date(2021, 3, 1), date(2025, 12, 31)),
    ("Kế hoạch giai đoạn 2021–2025", date(2021, 3, 1), date(2025, 12, 31)),
    ("KẾ HOẠCH ATTT 2021-2025", date(2021, 3, 1), date(2025, 12, 31)),
    ("giai đoạn từ năm 2021 đến năm 2025", date(2021, 3, 1), date(2025, 12, 31)),
    ("Kế hoạch thực hiện Chiến lược ... đến năm 2025, tầm nhìn 2030", date(2023, 5, 11), date(2025, 12, 31)),
    ("CHIẾN LƯỢC ... ĐẾN NĂM 2025, TẦM NHÌN ĐẾN NĂM 2030", date(2023, 5, 11), date(2025, 12, 31)),
    ("Chuyển đổi số đến năm 2025 và Định hướng đến năm 2030", date(2022, 6, 8), date(2025, 12, 31)),
    ("Kế hoạch từ nay đến 2025", date(2022, 1, 1), date(2025, 12, 31)),
    ("Kế hoạch thực hiện đến hết năm 2024", date(2022, 1, 1), date(2024, 12, 31)),
    ("KẾ HOẠCH Bảo đảm an toàn thông tin mạng trên địa bàn tỉnh năm 2023", date(2023, 1, 20), date(2023, 12, 31)),
    ("KẾ HOẠCH PHÁT TRIỂN CHÍNH QUYỀN SỐ NĂM 2023", date(2022, 12, 15), date(2023, 12, 31)),  # the next year's
    ("Kế hoạch 27/KH-UBND năm 2024 thực hiện Chiến lược đến năm 2025", date(2024, 1, 4), date(2025, 12, 31)),
    ("KẾ HOẠCH ATTT NĂM 2022 Phần I ĐÁNH GIÁ KẾT QUẢ KẾ HOẠCH NĂM 2021", date(2021, 11, 30), date(2022, 12, 31)),
    (unicodedata.normalize("NFD", "Kế hoạch giai đoạn 2021 - 2025"), None, date(2025, 12, 31)),
    # a vision is not the plan's period
    ("Đề án chuyển đổi số, tầm nhìn đến năm 2030", date(2022, 1, 1), None),
    # a date, a law's year, a text's number are not either
    ("KẾ HOẠCH Thực hiện Luật Viễn thông ngày 23 tháng 11 năm 2009", date(2009, 12, 1), None),
    ("Triển khai Nghị quyết số 30-NQ/TW ngày 25 tháng 7 năm 2018 trên địa bàn tỉnh", date(2018, 9, 1), None),
    ("Triển khai thực hiện Luật An ninh mạng năm 2018 trên địa bàn tỉnh", date(2018, 9, 1), None),
    ("Triển khai Luật An ninh mạng số 24/2018/QH14", date(2018, 9, 1), None),
    ("Nghị định 72/2013/NĐ-CP ngày 15/7/2013", date(2013, 9, 1), None),
    # this year and the ones after: no end
    ("ĐẨY MẠNH CHUYỂN ĐỔI SỐ TRÊN ĐỊA BÀN TỈNH NĂM 2023 VÀ NHỮNG NĂM TIẾP THEO", date(2023, 3, 31), None),
    ("GIAI ĐOẠN 2022-2025, TẦM NHÌN ĐẾN NĂM 2030 NĂM 2023 VÀ NHỮNG NĂM TIẾP THEO", date(2023, 3, 31), date(2025, 12, 31)),
    # a period over before the document: a text it cites, not its own
    ("Báo cáo tổng kết Quyết định 898/QĐ-TTg ... giai đoạn 2016 - 2020", date(2026, 1, 24), None),
    ("Công văn 1552/BTTTT-THH năm 2022 hướng dẫn", date(2023, 7, 7), None),
    ("Kế hoạch năm 2030", date(2023, 1, 1), None),  # a single year is its own or the next
    ("KẾ HOẠCH Thực hiện Luật Báo chí", date(2021, 11, 2), None),
    ("", date(2021, 11, 2), None), (None, None, None),
])
def test_the_period_a_plan_covers(heading, set_on, ends):
    assert dl.horizon(heading, set_on) == ends


E25 = date(2025, 12, 31)


@pytest.mark.parametrize("kw, due, last_due, status", [
    # within the period: as before
    (dict(today=date(2024, 11, 1)), date(2024, 11, 15), date(2023, 11, 15), "overdue"),
    (dict(today=date(2025, 11, 1), last_report=date(2024, 11, 10)), date(2025, 11, 15),
     date(2024, 11, 15), "due_soon"),
    # the last occurrence of the period has passed, the period has not: it still counts
    (dict(today=date(2025, 12, 1)), None, date(2025, 11, 15), "overdue"),
    (dict(today=date(2025, 12, 1), last_report=date(2025, 11, 10)), None, date(2025, 11, 15), "done"),
    # the period is over: ended, whatever was missed, with no next due date
    (dict(today=date(2026, 1, 1)), None, date(2025, 11, 15), "ended"),
    (dict(today=date(2026, 12, 7)), None, date(2025, 11, 15), "ended"),
    (dict(today=date(2026, 12, 7), last_report=date(2025, 11, 10)), None, date(2025, 11, 15), "ended"),
    # a plan issued after its period's last occurrence sets nothing that recurs
    (dict(today=date(2025, 12, 10), set_on=date(2025, 11, 20)), None, None, "ended"),
    # no period: it recurs for good
    (dict(today=date(2026, 12, 7), ends=None), date(2027, 11, 15), date(2026, 11, 15), "overdue"),
])
def test_a_recurring_deadline_ends_with_its_plan(kw, due, last_due, status):
    r = read(**{"set_on": SET, "due_date": None, "recurrence": "annual", "anchor": Y, "ends": E25,
                **kw})
    assert (r.due, r.last_due, r.status) == (due, last_due, status)


def test_a_one_off_deadline_is_not_ended_by_a_period():
    r = read(today=date(2026, 1, 5), set_on=SET, due_date=date(2025, 6, 30), recurrence=None,
             ends=E25)
    assert r.status == "overdue"


def _rows(*specs) -> pd.DataFrame:
    cols = ["doc_id", "task_id", "description", "due_date", "recurrence"]
    df = pd.DataFrame([dict(zip(cols, s)) for s in specs])
    return df.assign(province_code="38", province="Thanh Hóa", doc_number="1/KH-UBND",
                     issuer="UBND tỉnh", doc_type="plan", level="province",
                     doc_date=pd.Timestamp(SET), task_text="…",
                     due_date=pd.to_datetime(df.due_date),
                     last_report_date=pd.NaT, last_report=None)


def test_board_keeps_one_row_per_document_task_and_deadline():
    rows = _rows(("d", "d-1", "mỗi năm", None, "annual"),
                 ("d", "d-1", "hằng năm", None, "annual"),
                 ("d", "d-1", "Định kỳ hằng năm (trước ngày 15/11)", None, "annual"),
                 ("d", "d-1", "Định kỳ 6 tháng (trước ngày 15/6)", None, "semiannual"),
                 ("d", "d-2", "hằng năm", None, "yearly"),          # another task, an old code
                 ("d", "d-2", "mỗi năm", None, "annual"),
                 ("d", "d-3", "trước ngày 30/6/2023", "2023-06-30", None))
    b = dl.board(rows, date(2023, 6, 1))
    assert len(b) == 4
    got = {(r.task_id, r.recurrence, r.due.date()) for r in b.itertuples()}
    assert got == {("d-1", "annual", date(2023, 11, 15)), ("d-1", "semiannual", date(2023, 6, 15)),
                   ("d-2", "annual", date(2023, 12, 31)), ("d-3", None, date(2023, 6, 30))}
    assert b.deadline_status.tolist()[0] == "due_soon"  # the most pressing first
    assert dl.counts(b) == {"overdue": 0, "due_soon": 2, "later": 2, "done": 0, "ended": 0,
                            "undated": 0}
    per = dl.per_province(b)
    assert per.loc[0, ["province", "due_soon", "later", "total"]].tolist() == ["Thanh Hóa", 2, 2, 4]


def test_board_reads_each_plan_period_from_its_heading():
    rows = _rows(("a", "a-1", "hằng năm", None, "annual"), ("a", "a-2", "hằng quý", None, "quarterly"),
                 ("b", "b-1", "hằng năm", None, "annual"),
                 ("c", "c-1", "trước ngày 30/6/2023", "2023-06-30", None))
    rows["heading"] = ["Kế hoạch năm 2023", "Kế hoạch năm 2023", "Kế hoạch thực hiện Luật An ninh mạng",
                       "Kế hoạch năm 2023"]
    b = dl.board(rows, date(2024, 3, 1)).set_index("task_id")
    assert b.deadline_status.to_dict() == {"a-1": "ended", "a-2": "ended", "b-1": "overdue",
                                           "c-1": "overdue"}
    assert b.loc["a-1", "horizon"].date() == date(2023, 12, 31) and pd.isna(b.loc["b-1", "horizon"])
    assert pd.isna(b.loc["c-1", "horizon"])  # a one-off deadline has its own date
    assert b.loc["a-2", "last_due"].date() == date(2023, 12, 31) and pd.isna(b.loc["a-2", "due"])


# ---------------------------------------------------------------- the bundled warehouse
@pytest.fixture
def db(seed_db, monkeypatch):
    monkeypatch.setenv("CYBERDASH_DB", str(seed_db))
    return seed_db


def test_bundled_plan_yearly_report_before_15_november(db):
    from app import queries
    rows = queries.deadline_rows(Filters(), date(2023, 10, 20))
    mine = rows[rows.doc_id == PLAN]
    assert mine.description.tolist() == [CYCLE]
    assert mine.iloc[0][["province", "doc_number", "recurrence"]].tolist() == \
        ["Thanh Hóa", "116/KH-UBND", "annual"]
    assert "báo cáo Chủ tịch UBND tỉnh" in mine.iloc[0].task_text

    b = queries.deadline_board(Filters(), date(2023, 10, 20))
    row = b[b.doc_id == PLAN].iloc[0]
    assert (row.due.date(), row.deadline_status) == (date(2023, 11, 15), "due_soon")
    b = queries.deadline_board(Filters(), date(2024, 12, 7))
    row = b[b.doc_id == PLAN].iloc[0]
    assert (row.due.date(), row.last_due.date(), row.deadline_status) == \
        (date(2025, 11, 15), date(2024, 11, 15), "overdue")
    # its period is the strategy's, "đến năm 2025", read from the text (the stored title
    # is cut short): after 2025 it has ended
    assert row.horizon.date() == date(2025, 12, 31)
    row = queries.deadline_board(Filters(), date(2026, 12, 7)).set_index("doc_id").loc[PLAN]
    assert (pd.isna(row.due), row.last_due.date(), row.deadline_status) == \
        (True, date(2025, 11, 15), "ended")
    # before the plan was issued it had set nothing; other provinces have none of it
    assert PLAN not in set(queries.deadline_board(Filters(), date(2023, 5, 1)).doc_id)
    assert queries.deadline_board(Filters(provinces=("01",)), date(2026, 12, 7)).empty


def _with_reports(seed_db, path, reports):
    """A copy of the bundled warehouse with these report documents added."""
    shutil.copy(seed_db, path)
    con = duckdb.connect(str(path))
    for doc_id, day, extra in reports:
        r = {"province": None, "instrument": "964/QĐ-TTg", "doc_type": "report",
             "title": "Báo cáo kết quả", **extra}
        con.execute("""
            INSERT INTO documents SELECT * REPLACE ($id AS doc_id, $id AS source_file,
                $type AS doc_type, $title AS title, NULL AS doc_number, $day::DATE AS issue_date,
                coalesce($prov, province_code) AS province_code)
            FROM documents WHERE doc_id = $plan""",
                    dict(id=doc_id, type=r["doc_type"], title=r["title"], day=day,
                         prov=r["province"], plan=PLAN))
        con.execute("""INSERT INTO document_instruments (doc_id, instrument_id, relation,
                       instrument_key, catalogued) VALUES ($id, $inst, 'implements', $inst, true)""",
                    dict(id=doc_id, inst=r["instrument"]))
    con.close()
    return path


def test_a_report_from_the_province_on_the_same_text_marks_it_done(seed_db, tmp_path, monkeypatch):
    from app import queries
    beside = [("other-province", "2023-11-01", dict(province="01")),      # Hà Nội
              ("other-text", "2023-11-02", dict(instrument="28-CT/TW")),
              ("plain-news", "2023-11-03", dict(doc_type="news", title="Tin hoạt động"))]
    monkeypatch.setenv("CYBERDASH_DB", str(_with_reports(seed_db, tmp_path / "a.duckdb", beside)))
    row = queries.deadline_board(Filters(), date(2023, 11, 20)).set_index("doc_id").loc[PLAN]
    assert row.deadline_status == "overdue" and pd.isna(row.last_report_date)

    review = ("review", "2023-11-10", dict(doc_type="news", title="Sơ kết 6 tháng thực hiện Kế hoạch"))
    monkeypatch.setenv("CYBERDASH_DB", str(_with_reports(seed_db, tmp_path / "b.duckdb", [*beside, review])))
    b = queries.deadline_board(Filters(), date(2023, 11, 20)).set_index("doc_id")
    assert b.loc[PLAN, "deadline_status"] == "done"
    assert b.loc[PLAN, "last_report_date"].date() == date(2023, 11, 10)
    # on the day before the review was written it was not known
    assert queries.deadline_board(Filters(), date(2023, 11, 9)).set_index("doc_id") \
        .loc[PLAN, "deadline_status"] == "due_soon"
    # the sidebar's type filter selects the deadlines, not the reports that answer them
    b = queries.deadline_board(Filters(doc_types=("news",)), date(2023, 11, 20)).set_index("doc_id")
    assert b.loc[PLAN, "deadline_status"] == "done"


# ---------------------------------------------------------------- the page
def _page(**params) -> AppTest:
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=30)
    for k, v in params.items():
        at.query_params[k] = v
    at.run()
    at.switch_page("pages/deadlines.py").run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error
    return at


def test_deadlines_page_in_both_languages_with_the_day_from_the_url(db):
    at = _page(today="2023-10-20")
    assert at.title[0].value == CATALOGUE["deadlines.title"]["vi"] == "Thời hạn"
    assert at.date_input(key="today").value == date(2023, 10, 20)
    assert any("20/10/2023" in m.value for m in at.markdown)
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Sắp đến hạn"] == "1" and metrics["Quá hạn"] == "0"
    listing = at.dataframe[-1].value
    assert listing["Số hiệu"].tolist() == ["116/KH-UBND"]
    assert listing["Trạng thái"].tolist() == ["Sắp đến hạn (30 ngày)"]
    assert listing["Định kỳ"].tolist() == ["hằng năm"]
    assert len(at.get("download_button")) == 2

    # a later day: overdue
    at.date_input(key="today").set_value(date(2024, 12, 7)).run()
    assert any("07/12/2024" in m.value for m in at.markdown)
    assert {m.label: m.value for m in at.metric}["Quá hạn"] == "1"
    # the status filter
    at.pills(key="deadline_status").set_value(["overdue"]).run()
    assert at.dataframe[-1].value["Trạng thái"].tolist() == ["Quá hạn"]
    # after the plan's period (the strategy's, to 2025): ended, not overdue; the chosen
    # status stays chosen though no deadline has it
    at.date_input(key="today").set_value(date(2026, 12, 7)).run()
    metrics = {m.label: m.value for m in at.metric}
    assert (metrics["Quá hạn"], metrics["Hết kỳ kế hoạch"]) == ("0", "1")
    assert at.pills(key="deadline_status").value == ["overdue"]
    assert any(CATALOGUE["deadlines.none_status"]["vi"] in i.value for i in at.info)

    at = _page(today="2023-10-20", lang="English")
    assert at.title[0].value == "Deadlines"
    assert {m.label: m.value for m in at.metric}["Due soon"] == "1"
    assert any("2023-10-20" in m.value for m in at.markdown)


def test_a_link_opens_the_page_on_its_day_and_statuses(db):
    at = _page(today="2026-12-07", deadline_status=["Hết kỳ kế hoạch"])
    assert at.pills(key="deadline_status").value == ["ended"]
    listing = at.dataframe[-1].value
    assert listing["Trạng thái"].tolist() == ["Hết kỳ kế hoạch"]
    assert listing["Kỳ kế hoạch đến"].tolist() == [pd.Timestamp(2025, 12, 31)]


def test_deadlines_page_follows_the_sidebar_filters(db):
    at = _page(province="Hà Giang")  # no bundled document from Hà Giang
    assert any(CATALOGUE["empty.no_match"]["vi"] in i.value for i in at.info)
    at = _page(type="Kế hoạch")  # 9 bundled plans, none of which sets a deadline
    assert any(CATALOGUE["deadlines.none"]["vi"] in i.value for i in at.info)


def test_every_status_has_words_in_both_languages():
    for s in dl.STATUSES:
        for key in (f"deadline_status.{s}", f"col.{s}"):
            assert set(CATALOGUE[key]) == {"vi", "en"}, key
            assert unicodedata.is_normalized("NFC", CATALOGUE[key]["vi"])
