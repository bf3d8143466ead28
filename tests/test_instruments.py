"""Which central texts a document carries out, and which it only cites (etl.extract.instruments)."""
from __future__ import annotations

import pytest

from etl.extract.document import extract
from etl.extract.instruments import is_central_form
from etl.reference import load_reference
from etl.text import clean_text

REF = load_reference()


def ex(text: str):
    return extract(clean_text(text), REF)


def implemented(e) -> set[str]:
    """Carried out: central texts ("implements") and local steps on the way ("implements_local")."""
    return {i.instrument_id for i in e.instruments if i.relation in ("implements", "implements_local")}


def keys(e) -> dict[str, str | None]:
    return {i.instrument_id: i.instrument_key for i in e.instruments}


def header(title: str, body: str, day: str = "ngày 10 tháng 3 năm 2023", number: str = "55/KH-UBND") -> str:
    return (f"ỦY BAN NHÂN DÂN\nTỈNH KON TUM\nSố: {number}\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
            f"Độc lập - Tự do - Hạnh phúc\nKon Tum, {day}\n\n{title}\n{body}\n")


@pytest.mark.parametrize("text, expected", [
    # uncatalogued central texts are carried out by their form
    (header("KẾ HOẠCH", "Thực hiện Quyết định số 1622/QĐ-TTg ngày 25/10/2013 của Thủ tướng Chính phủ, UBND tỉnh "
                        "ban hành Kế hoạch.\n1. Mục đích"), {"1622/QĐ-TTg"}),
    (header("KẾ HOẠCH", "Thực hiện Thông tư số 12/2022/TT-BTTTT của Bộ Thông tin và Truyền thông, UBND tỉnh ban "
                        "hành Kế hoạch.\n1. Mục đích"), {"12/2022/TT-BTTTT"}),
    # a preamble paragraph wrapped over several lines by a saved PDF
    (header("QUY CHẾ", "Căn cứ Luật An ninh mạng ngày 12 tháng 6 năm 2018;\nThực hiện Chỉ thị số\n"
                       "12/CT-TTg ngày 12/5/2021 của Thủ tướng Chính phủ về tăng cường công tác\ntuyên truyền;\n"
                       "QUYẾT ĐỊNH:"), {"12/CT-TTg"}),
    # "Thực hiện <generic>; Quyết định …; Quyết định …"
    (header("KẾ HOẠCH", "Thực hiện quy định pháp luật về an toàn thông tin mạng; Quyết định số 964/QĐ-TTg ngày "
                        "10/8/2022 của Thủ tướng Chính phủ; Quyết định số 566/QĐ-BTTTT ngày 06/4/2023 của Bộ Thông "
                        "tin và Truyền thông.\n1. Mục đích"), {"964/QĐ-TTg", "566/QĐ-BTTTT"}),
    # news: conference on two resolutions studied together, and a law introduced with them
    ("Ngày 24/9/2019, Liên đoàn Lao động quận tổ chức hội nghị nghiên cứu, quán triệt và triển khai Nghị quyết "
     "số 29-NQ/TW ngày 25/7/2018 của Bộ Chính trị cùng Nghị quyết số 35-NQ/TW ngày 22/10/2018 của Bộ Chính trị, "
     "đồng thời giới thiệu Luật An ninh mạng tới hơn 150 đoàn viên.", {"29-NQ/TW", "35-NQ/TW", "24/2018/QH14"}),
    ("(BTO) Ngày 14-8, Tỉnh đoàn tổ chức Hội nghị báo cáo viên. Tại đây, lãnh đạo Công an tỉnh đã truyền đạt tới "
     "đại biểu những điểm chính của chiến lược bảo vệ Tổ quốc trong tình hình mới; các quy định trọng tâm của "
     "Luật An ninh mạng.", {"28-NQ/TW", "24/2018/QH14"}),
    ("Quảng Ngãi cần làm gì để đưa nghị quyết 57 vào cuộc sống?\nPV - 08/04/2025 09:20\nNgày 22/12/2024, Nghị "
     "quyết số 57 của Bộ Chính trị chính thức ra đời.", {"57-NQ/TW"}),
    ("Ngày 23-5, Ban Tuyên giáo Tỉnh ủy tổ chức Hội nghị bàn giải pháp nhằm đưa vào cuộc sống Nghị quyết số "
     "35-NQ/TW ngày 22/10/2018 của Bộ Chính trị.", {"35-NQ/TW"}),
    ("Đảng ủy Quân sự tỉnh tổ chức hội nghị học tập, quán triệt các nghị quyết của Bộ Chính trị: Nghị quyết số 29 "
     "về Chiến lược bảo vệ Tổ quốc trên không gian mạng, Nghị quyết số 30 về Chiến lược An ninh mạng quốc gia.",
     {"29-NQ/TW", "30-NQ/TW"}),
    ("Hội nghị tổng kết 10 năm thực hiện Chỉ thị số 28-CT/TW của Ban Bí thư về an toàn thông tin mạng.",
     {"28-CT/TW"}),
    ("Sở Y tế yêu cầu các đơn vị dành ít nhất 10% kinh phí cho an toàn thông tin, đúng yêu cầu tại Chỉ thị "
     "14/CT-TTg ngày 7/6/2019 của Thủ tướng Chính phủ.", {"14/CT-TTg"}),
    # a news item relaying a local text that carries out a central one: the central one
    ("Tin hoạt động\n\nNgày 27/3/2024, UBND huyện Kỳ Anh có văn bản chỉ đạo các xã chấp hành nghiêm quy định về an "
     "toàn thông tin.\n\nUBND huyện đề nghị thủ trưởng các cơ quan quán triệt tới toàn thể cán bộ các nội dung của "
     "Công văn số 1352/UBND-KGVX của UBND tỉnh về việc triển khai Chỉ thị số 09/CT-TTg ngày 23/02/2024 của Thủ "
     "tướng Chính phủ.", {"09/CT-TTg"}),
    # a local request only triggers a report; a body named "Ban Chỉ đạo 35" is no resolution
    ("Theo yêu cầu tại Công văn số 1876-CV/HU ngày 30/6/2023 của Ban Thường vụ Huyện ủy, Ủy ban nhân dân huyện "
     "báo cáo kết quả.", set()),
    ("Ban Chỉ đạo 35 huyện họp phiên thường kỳ, triển khai nhiệm vụ bảo vệ nền tảng tư tưởng của Đảng.", set()),
    ("Cuộc thi chính luận về bảo vệ nền tảng tư tưởng của Đảng lần thứ Năm, năm 2025, căn cứ Kế hoạch số "
     "57-KH/HVCTQG ngày 05/02/2025 của Học viện Chính trị Quốc gia Hồ Chí Minh cùng Kế hoạch số 53-KH/BTGTU "
     "ngày 26/02/2025 của Ban Tuyên giáo Tỉnh ủy.", {"57-KH/HVCTQG"}),
    ("Thực hiện Luật Tổ chức chính quyền địa phương, UBND huyện ban hành quy chế làm việc.", set()),
    # "căn cứ" before a law is a basis, never carried out
    ("Sở Thông tin và Truyền thông ban hành kế hoạch, căn cứ Luật An ninh mạng năm 2018.", set()),
])
def test_carried_out(text, expected):
    assert implemented(ex(text)) == expected


def test_title_phrase_names_a_text_only_after_its_kind_word():
    named = ex("Hội nghị quán triệt Nghị quyết của Bộ Chính trị về tăng cường bảo vệ nền tảng tư tưởng của Đảng.")
    assert implemented(named) == {"35-NQ/TW"}
    contest = ex("Tỉnh đoàn phát động Cuộc thi chính luận về bảo vệ nền tảng tư tưởng của Đảng.")
    assert contest.instruments == []


@pytest.mark.parametrize("text, expected", [
    ("Hội nghị quán triệt Chỉ thị 14/CT-TTg ngày 7/6/2019 của Thủ tướng.", "14/CT-TTg@2019"),
    ("Hội nghị quán triệt Chỉ thị số 14 năm 2018 của Thủ tướng Chính phủ.", "14/CT-TTg@2018"),
    ("Ngày 5/3/2022, Sở tổ chức hội nghị triển khai Chỉ thị 09/CT-TTg của Thủ tướng.", "09/CT-TTg@2021"),
    ("Ngày 5/3/2025, Sở tổ chức hội nghị triển khai Chỉ thị 09/CT-TTg của Thủ tướng.", "09/CT-TTg@2024"),
])
def test_a_number_used_twice(text, expected):
    assert list(keys(ex(text)).values()) == [expected]


@pytest.mark.parametrize("day, law", [
    ("ngày 10 tháng 3 năm 2023", "24/2018/QH14"),
    # passed on 10/12/2025: a month later the name still means the law in force
    ("ngày 20 tháng 01 năm 2026", "24/2018/QH14"),
    ("ngày 20 tháng 9 năm 2026", "116/2025/QH15"),
])
def test_a_name_used_twice_follows_the_document_date(day, law):
    e = ex(header("KẾ HOẠCH", "Căn cứ Luật An ninh mạng;\n1. Mục đích", day=day))
    assert law in keys(e)


def test_the_year_beside_a_name_decides():
    e = ex(header("KẾ HOẠCH", "Căn cứ Luật An ninh mạng năm 2025;\n1. Mục đích", day="ngày 20 tháng 01 năm 2026"))
    assert "116/2025/QH15" in keys(e)


def test_foundational_laws_are_cited_by_number_and_amending_law_taken_whole():
    e = ex(header("QUYẾT ĐỊNH", "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015; Luật sửa "
                                "đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa "
                                "phương ngày 22 tháng 11 năm 2019;\nQUYẾT ĐỊNH:"))
    assert [(i.instrument_id, i.relation) for i in e.instruments] == [("77/2015/QH13", "cites"),
                                                                       ("47/2019/QH14", "cites")]


INCIDENT_PLAN = header(
    "KẾ HOẠCH\nỨNG PHÓ SỰ CỐ BẢO ĐẢM AN TOÀN THÔNG TIN MẠNG TRÊN ĐỊA BÀN TỈNH KON TUM",
    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;\n"
    "Căn cứ Nghị định số 85/2016/NĐ-CP ngày 01/7/2016 của Chính phủ về bảo đảm an toàn hệ thống thông tin theo "
    "cấp độ;\nCăn cứ Quyết định số 898/QĐ-TTg ngày 27/5/2016 của Thủ tướng Chính phủ phê duyệt phương hướng, mục "
    "tiêu, nhiệm vụ bảo đảm an toàn thông tin mạng giai đoạn 2016 - 2020;\n"
    "Căn cứ Quyết định số 05/2017/QĐ-TTg ngày 16/3/2017 của Thủ tướng Chính phủ ban hành quy định về hệ thống "
    "phương án ứng cứu khẩn cấp bảo đảm an toàn thông tin mạng quốc gia;\n"
    "Căn cứ Thông tư số 20/2017/TT-BTTTT ngày 12/9/2017 của Bộ Thông tin và Truyền thông quy định về điều phối, "
    "ứng cứu sự cố an toàn thông tin mạng trên toàn quốc;\n1. Mục đích", day="ngày 16 tháng 01 năm 2018")


@pytest.mark.parametrize("text, expected", [
    # the incident-response plan carries out the incident-response decision, marked inferred
    (INCIDENT_PLAN, {"05/2017/QĐ-TTg"}),
    # a decision that reorganises a body carries out nothing by subject
    (header("QUYẾT ĐỊNH\nVề việc kiện toàn Tiểu ban An toàn, An ninh mạng tỉnh Kon Tum",
            "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;\nCăn cứ Quyết định số 964/QĐ-TTg "
            "ngày 10 tháng 8 năm 2022 của Thủ tướng Chính phủ phê duyệt Chiến lược An toàn, An ninh mạng quốc gia;\n"
            "QUYẾT ĐỊNH:", number="1875/QĐ-UBND"), set()),
    # a Quy chế whose only matching bases are decrees: nothing inferred
    (header("QUYẾT ĐỊNH\nBAN HÀNH QUY CHẾ BẢO ĐẢM AN TOÀN THÔNG TIN TRONG HOẠT ĐỘNG ỨNG DỤNG CÔNG NGHỆ THÔNG TIN "
            "CỦA CÁC CƠ QUAN NHÀ NƯỚC", "Căn cứ Nghị định số 64/2007/NĐ-CP ngày 10 tháng 4 năm 2007 của Chính phủ "
            "về ứng dụng công nghệ thông tin trong hoạt động của cơ quan nhà nước;\nQUYẾT ĐỊNH:",
            number="10/2025/QĐ-UBND"), set()),
    # a stated "Thực hiện" wins over any inference
    (header("KẾ HOẠCH\nỨNG PHÓ SỰ CỐ AN TOÀN THÔNG TIN MẠNG", "Căn cứ Quyết định số 05/2017/QĐ-TTg ngày "
            "16/3/2017 của Thủ tướng Chính phủ;\nThực hiện Kế hoạch số 40/KH-UBND ngày 10/3/2022 của UBND tỉnh;\n"
            "1. Mục đích"), {"40/KH-UBND"}),
])
def test_inferred_from_the_bases(text, expected):
    e = ex(text)
    assert implemented(e) == expected
    for i in e.instruments:
        assert i.inferred == (i.rule == "inferred_subject")
        if i.inferred:
            assert "ỨNG PHÓ SỰ CỐ" in i.evidence and "Căn cứ Quyết định số 05/2017/QĐ-TTg" in i.evidence


def test_inferred_by_subject_never_a_law_or_circular():
    e = ex(INCIDENT_PLAN)
    cited = {i.instrument_id for i in e.instruments if i.relation == "cites"}
    assert {"77/2015/QH13", "85/2016/NĐ-CP", "898/QĐ-TTg", "20/2017/TT-BTTTT"} <= cited


@pytest.mark.parametrize("number, central", [
    ("29-NQ/TW", True), ("02-KH/BCĐTW", True), ("57-KH/HVCTQG", True), ("964/QĐ-TTg", True),
    ("85/2016/NĐ-CP", True), ("22/NQ-CP", True), ("24/2018/QH14", True), ("566/QĐ-BTTTT", True),
    ("12/2022/TT-BTTTT", True), ("1552/BTTTT-THH", True), ("405/QĐ-BKHCN", True),
    ("58/KH-BCH", False), ("783/KH-BCĐ138", False), ("52/KH-UBND", False), ("142-KH/TU", False),
    ("1876-CV/HU", False), ("3423-CV/TĐTN", False),
])
def test_central_by_form(number, central):
    assert is_central_form(number) is central


def test_catalogue_keys_for_numbers_and_names_used_twice():
    by_key = REF.instrument_by_key
    assert by_key["09/CT-TTg@2021"].issue_date.isoformat() == "2021-03-31"
    assert by_key["09/CT-TTg@2024"].issue_date.isoformat() == "2024-02-23"
    assert by_key["116/2025/QH15"].aliases == by_key["24/2018/QH14"].aliases == ("Luật An ninh mạng",)
    # a title phrase is kept apart from the names matched anywhere
    assert by_key["35-NQ/TW"].aliases == () and by_key["35-NQ/TW"].title_aliases
    assert by_key["566/QĐ-BTTTT"].implements == "964/QĐ-TTg"


def test_a_page_that_lost_its_title_takes_its_subject_from_the_address():
    text = ("ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\nSố: 310/QĐ-UBND | Hà Giang, ngày 2 tháng 3 năm 2023 |\n"
            "ỦY BAN NHÂN DÂN TỈNH HÀ GIANG\nCăn cứ Luật Tổ chức chính quyền địa phương ngày 19/6/2015;\n"
            "Căn cứ Quyết định số 922/QĐ-BTTTT ngày 20/5/2022 của Bộ trưởng Bộ Thông tin và Truyền thông phê duyệt Đề án "
            "Xác định Bộ chỉ số đánh giá chuyển đổi số;\n")
    url = "https://thuvienphapluat.vn/van-ban/quyet-dinh-310-qd-ubnd-2023-bo-chi-so-danh-gia-chuyen-doi-so-ha-giang-1.aspx"
    assert implemented(ex(text)) == set()  # no subject in the text: nothing inferred
    e = extract(clean_text(text), REF, source_url=url)
    assert {i.instrument_id: (i.rule, i.inferred) for i in e.instruments if i.relation == "implements"} == {
        "922/QĐ-BTTTT": ("inferred_subject", True), "749/QĐ-TTg": ("chain", True)}  # inferred through it
