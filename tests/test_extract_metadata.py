"""Extractors on short realistic snippets: input → expected output tables."""
from __future__ import annotations

from datetime import date

import pytest

from etl.extract.dates import complete_year, find_dates
from etl.extract.document import extract
from etl.extract.numbers import find_numbers
from etl.reference import load_reference
from etl.text import clean_text, fold, tone_normalise

# carried out, whether central ("implements") or a local step on the way ("implements_local")
CARRIED_OUT = ("implements", "implements_local")

REF = load_reference()


@pytest.mark.parametrize("text, expected", [
    ("Số: 61/KH-UBND", ["61/KH-UBND"]),
    ("Số 812/KH-SCT", ["812/KH-SCT"]),
    ("Kế hoạch số 198/KH-UBND ngày 3/10/2019", ["198/KH-UBND"]),
    ("Công văn số 17522/UBND-CNTT của UBND thành phố", ["17522/UBND-CNTT"]),
    ("Quyết định số 3250/QĐ-UBND", ["3250/QĐ-UBND"]),
    ("Kế hoạch số 180-KH/TU của Tỉnh ủy", ["180-KH/TU"]),
    ("Nghị quyết 29-NQ/TW và 35 - NQ/TW", ["29-NQ/TW", "35-NQ/TW"]),
    ("Quyết định số 47/2023/QĐ-UBND", ["47/2023/QĐ-UBND"]),
    ("Luật An ninh mạng số 24/2018/QH14", ["24/2018/QH14"]),
    ("Chỉ thị số 14 /CT-TTg ngày 07/6/2019", ["14/CT-TTg"]),
    ("QUYẾT ĐỊNH SỐ 964/QĐ-TTG", ["964/QĐ-TTg"]),
    ("Công văn 1234/TTg-KGVX", ["1234/TTg-KGVX"]),
    ("Kế hoạch 783/KH-BCĐ138", ["783/KH-BCĐ138"]),
    ("Nghị định số 13/2023/NĐ-CP", ["13/2023/NĐ-CP"]),
    # not numbers: dates, ratios, times, phone numbers
    ("ngày 25/7/2018, lúc 15:19, tỷ lệ 3/4, năm 2023", []),
    ("Định kỳ hàng năm (trước ngày 15/11)", []),
    ("COVID-19 và 4.0", []),
])
def test_numbers(text, expected):
    assert [n.canonical for n in find_numbers(text)] == expected


@pytest.mark.parametrize("text, expected", [
    ("ngày 14 tháng 4 năm 2023", [date(2023, 4, 14)]),
    ("Ninh Bình, ngày 06 tháng 4 năm 2023", [date(2023, 4, 6)]),
    ("06 tháng 4 năm 2023", [date(2023, 4, 6)]),
    ("ban hành ngày 14/4/2023", [date(2023, 4, 14)]),
    ("Chiều 26-2-2014, Ban Thường vụ", [date(2014, 2, 26)]),
    ("27/02/2014 - 17:20", [date(2014, 2, 27)]),
    ("Sáng 25/8, Đảng ủy", [None]),
    ("Ngày 3/10, UBND quận", [None]),
    ("ngày 31/2/2023 không có thật", []),
    ("tỷ lệ 3/4 số xã", []),
])
def test_dates(text, expected):
    assert [d.value for d in find_dates(text)] == expected


def test_year_completion_looks_back_from_the_article():
    assert complete_year(3, 10, date(2019, 10, 11)) == date(2019, 10, 3)
    assert complete_year(28, 12, date(2020, 1, 2)) == date(2019, 12, 28)


def test_fold_and_tone():
    assert fold("Kế hoạch Đảng ủy") == "ke hoach dang uy"
    assert len(fold("Thừa Thiên Huế")) == len("Thừa Thiên Huế")
    assert tone_normalise("Tỉnh uỷ Thanh Hoá quý") == "Tỉnh ủy Thanh Hóa quý"


def ex(text: str):
    return extract(clean_text(text), REF)


HEADER_PLAN = """ỦY BAN NHÂN DÂN
TỈNH NINH BÌNH
Số: 61/KH-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Ninh Bình, ngày 06 tháng 4 năm 2023

KẾ HOẠCH
Triển khai thực hiện Quyết định số 964/QĐ-TTg ngày 10/8/2022 của Thủ tướng Chính phủ

Thực hiện Quyết định số 964/QĐ-TTg ngày 10/8/2022 của Thủ tướng Chính phủ phê duyệt Chiến lược An toàn, An ninh mạng quốc gia; căn cứ Luật An ninh mạng năm 2018, UBND tỉnh ban hành Kế hoạch như sau:
I. MỤC ĐÍCH, YÊU CẦU
1. Nâng cao nhận thức về an toàn thông tin.
"""

PARTY_PLAN = """TỈNH ỦY LÀO CAI
*
Số 180-KH/TU
ĐẢNG CỘNG SẢN VIỆT NAM
Lào Cai, ngày 12 tháng 3 năm 2019

KẾ HOẠCH
thực hiện Nghị quyết số 29-NQ/TW ngày 25/7/2018 của Bộ Chính trị về Chiến lược bảo vệ Tổ quốc trên không gian mạng

Thực hiện Nghị quyết số 29-NQ/TW ngày 25/7/2018 của Bộ Chính trị, Ban Thường vụ Tỉnh ủy xây dựng kế hoạch thực hiện như sau:
"""

DEPT_PLAN = """UBND TỈNH BÌNH ĐỊNH
SỞ THÔNG TIN VÀ TRUYỀN THÔNG
Số: 415/KH-STTTT
Bình Định, ngày 20 tháng 5 năm 2021
KẾ HOẠCH
Triển khai Kế hoạch số 45/KH-UBND ngày 10/4/2021 của UBND tỉnh
"""

COMMUNE_PLAN = """UBND HUYỆN YÊN DŨNG
UBND XÃ TÂN LIỄU
Số: 12/KH-UBND
Tân Liễu, ngày 02 tháng 6 năm 2022
KẾ HOẠCH
Tuyên truyền về an toàn thông tin trên không gian mạng
"""

DECISION = """ỦY BAN NHÂN DÂN TỈNH KHÁNH HOÀ
Số: 47/2023/QĐ-UBND
Khánh Hoà, ngày 9 tháng 11 năm 2023
QUYẾT ĐỊNH
Ban hành Quy chế bảo đảm an toàn thông tin mạng trong hoạt động của các cơ quan nhà nước
"""

DIRECTIVE = """CHỦ TỊCH ỦY BAN NHÂN DÂN
TỈNH HÀ GIANG
Số: 05/CT-UBND
Hà Giang, ngày 15 tháng 7 năm 2020
CHỈ THỊ
Về tăng cường bảo đảm an toàn, an ninh mạng
Thực hiện Chỉ thị số 14/CT-TTg ngày 07/6/2019 của Thủ tướng Chính phủ, Chủ tịch UBND tỉnh yêu cầu:
"""

MILITARY_NEWS = """Đảng ủy Quân sự tỉnh sơ kết 5 năm thực hiện Nghị quyết 29
Các bài mới đăng
Hà Tĩnh: khai trương cổng dữ liệu
Sáng 14/9, Đảng ủy Quân sự tỉnh tổ chức hội nghị sơ kết 5 năm thực hiện Nghị quyết số 29-NQ/TW của Bộ Chính trị về Chiến lược bảo vệ Tổ quốc trên không gian mạng. Dự hội nghị có lãnh đạo Bộ Chỉ huy Quân sự tỉnh Nghệ An.
Nguồn: baonghean.vn
"""

DISTRICT_NEWS = """Thị xã Sơn Tây triển khai Nghị quyết 35
(10:05 20/05/2021)
Ngày 18/5, Ban Thường vụ Thị ủy Sơn Tây tổ chức hội nghị quán triệt, triển khai Nghị quyết số 35-NQ/TW của Bộ Chính trị về tăng cường bảo vệ nền tảng tư tưởng của Đảng.
"""

NO_PROVINCE = """Hội nghị về an toàn thông tin
Vừa qua, các cơ quan đã tổ chức hội nghị quán triệt Luật An ninh mạng.
"""


@pytest.mark.parametrize("text, expected", [
    (HEADER_PLAN, dict(doc_number="61/KH-UBND", doc_type="plan", issuer="UBND tỉnh Ninh Bình", level="province",
                       province_name="Ninh Bình", issue_date=date(2023, 4, 6))),
    (PARTY_PLAN, dict(doc_number="180-KH/TU", doc_type="plan", issuer="Ban Thường vụ Tỉnh ủy Lào Cai", level="party",
                      province_name="Lào Cai", issue_date=date(2019, 3, 12))),
    (DEPT_PLAN, dict(doc_number="415/KH-STTTT", doc_type="plan", issuer="Sở Thông tin và Truyền thông tỉnh Bình Định",
                     level="department", province_name="Bình Định", issue_date=date(2021, 5, 20))),
    (COMMUNE_PLAN, dict(doc_number="12/KH-UBND", doc_type="plan", level="commune", province_name="Bắc Giang",
                        issue_date=date(2022, 6, 2))),
    (DECISION, dict(doc_number="47/2023/QĐ-UBND", doc_type="other", issuer="UBND tỉnh Khánh Hòa", level="province",
                    province_name="Khánh Hòa", issue_date=date(2023, 11, 9))),
    (DIRECTIVE, dict(doc_number="05/CT-UBND", doc_type="directive", level="province", province_name="Hà Giang",
                     issue_date=date(2020, 7, 15))),
    (MILITARY_NEWS, dict(doc_type="news", level="military", province_name="Nghệ An", doc_number=None,
                         event_date=date(2023, 9, 14))),
    (DISTRICT_NEWS, dict(doc_type="news", level="party", province_name="Hà Nội", issuer="Ban Thường vụ Thị ủy Sơn Tây",
                         event_date=date(2021, 5, 18), published_date=date(2021, 5, 20))),
    (NO_PROVINCE, dict(province_name=None, doc_number=None, issue_date=None)),
])
def test_document_metadata(text, expected):
    e = ex(text)
    got = {k: e.get(k) for k in expected}
    assert got == expected


@pytest.mark.parametrize("text, implements, cites", [
    (HEADER_PLAN, {"964/QĐ-TTg"}, {"24/2018/QH14"}),
    (PARTY_PLAN, {"29-NQ/TW"}, set()),
    (DEPT_PLAN, {"45/KH-UBND"}, set()),
    (DIRECTIVE, {"14/CT-TTg"}, set()),
    (MILITARY_NEWS, {"29-NQ/TW"}, set()),
    (DISTRICT_NEWS, {"35-NQ/TW"}, set()),
    (NO_PROVINCE, {"24/2018/QH14"}, set()),
    ("Thực hiện Nghị quyết Hội nghị Trung ương 8 (khóa XI) về Chiến lược bảo vệ Tổ quốc trong tình hình mới, "
     "Huyện ủy Ba Vì ban hành kế hoạch.", {"28-NQ/TW"}, set()),
    ("Hội nghị quán triệt Chỉ thị số 28 của Ban Bí thư (khóa XI) và Quyết định 749/2020 của Thủ tướng.",
     {"28-CT/TW", "749/QĐ-TTg"}, set()),
    ("Căn cứ Nghị định số 13/2023/NĐ-CP ngày 17/4/2023 của Chính phủ; thực hiện Quyết định số 1017/QĐ-TTg của "
     "Thủ tướng Chính phủ, UBND tỉnh Phú Yên ban hành kế hoạch.", {"1017/QĐ-TTg"}, {"13/2023/NĐ-CP"}),
])
def test_implements_and_cites(text, implements, cites):
    e = ex(text)
    assert {i.instrument_id for i in e.instruments if i.relation in CARRIED_OUT} == implements
    assert {i.instrument_id for i in e.instruments if i.relation == "cites"} == cites


def test_same_number_told_apart_by_date():
    e18 = ex("Thực hiện Chỉ thị số 14/CT-TTg ngày 25/5/2018 của Thủ tướng, UBND tỉnh Lạng Sơn ban hành kế hoạch.")
    e19 = ex("Thực hiện Chỉ thị số 14/CT-TTg ngày 07/6/2019 của Thủ tướng, UBND tỉnh Lạng Sơn ban hành kế hoạch.")
    assert [i.instrument_key for i in e18.instruments] == ["14/CT-TTg@2018"]
    assert [i.instrument_key for i in e19.instruments] == ["14/CT-TTg@2019"]
    undated = ex("Thực hiện Chỉ thị số 14/CT-TTg của Thủ tướng, UBND tỉnh Lạng Sơn ban hành kế hoạch.")
    assert [(i.instrument_id, i.instrument_key) for i in undated.instruments] == [("14/CT-TTg", None)]


def test_chain_links_a_local_plan_to_the_central_text():
    text = ("Số: 20/KH-SCT\nQuảng Ngãi, ngày 2 tháng 6 năm 2022\nKẾ HOẠCH\nThực hiện Chỉ thị số 03/CT-UBND "
            "ngày 28/4/2022 của Chủ tịch UBND tỉnh Quảng Ngãi\n")
    e = ex(text)
    rel = {i.instrument_id: (i.relation, i.via) for i in e.instruments}
    assert rel["03/CT-UBND"] == ("implements", None)
    # 03/CT-UBND of another province is a different text: not catalogued there
    other = ex(text.replace("Quảng Ngãi", "Phú Thọ"))
    assert [i.catalogued for i in other.instruments] == [False]


def test_furniture_does_not_decide_the_province():
    text = ("UBND tỉnh tổ chức hội nghị về an ninh mạng\nSáng 3/4, UBND tỉnh Tuyên Quang tổ chức hội nghị triển "
            "khai Luật An ninh mạng.\nTin liên quan\nHà Nội: tổng kết 10 năm\nHà Nội triển khai kế hoạch\n"
            "Hà Nội sơ kết\nBình luận\nHọ tên:")
    assert ex(text).get("province_name") == "Tuyên Quang"


def test_lowercase_words_are_not_places():
    # "lòng an toàn" must not be Long An; "Hồ Chí Minh" the President is not the city
    text = "Học tập và làm theo tư tưởng Hồ Chí Minh, giữ lòng an toàn cho nhân dân."
    assert ex(text).get("province_name") is None


def test_nothing_made_up_for_an_empty_text():
    e = ex("Tin tức")
    assert e.get("doc_number") is None and e.get("issue_date") is None and e.get("province_code") is None
    assert e.instruments == []


PDF_HEADER = """UBND TỈNH ĐẮK LẮK          CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
                           Độc lập - Tự do - Hạnh phúc
Số:  245 /KH-UBND          Đắk Lắk, ngày 05 tháng 9 năm 2022

KẾ HOẠCH
Triển khai Chỉ thị 41 của Ban Bí thư
"""

INTERLEAVED = """ỦY BAN NHÂN DÂN                               CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
TỈNH SÓC TRĂNG                                   Độc lập - Tự do - Hạnh phúc
Số: 25/2022/QĐ-UBND                           Sóc Trăng, ngày 28 tháng 10 năm 2022
QUYẾT ĐỊNH
Ban hành Quy chế bảo đảm an toàn thông tin mạng
"""

BORDER = """BỘ TƯ LỆNH BỘ ĐỘI BIÊN PHÒNG                  CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
BỘ CHỈ HUY BĐBP TỈNH KIÊN GIANG                    Độc lập - Tự do - Hạnh phúc
Số: 1863/KH-BCH                               Kiên Giang, ngày 12 tháng 11 năm 2019
KẾ HOẠCH
Thực hiện Nghị quyết số 29-NQ/TƯ ngày 25/7/2018 của Bộ Chính trị
"""

SIDEBAR_FIRST = """TIN MỚI NHẤT
• Quảng Nam: Ra mắt Trung tâm giám sát đô thị thông minh
• Gia Lai tập huấn kỹ năng số
ĐỌC NHIỀU
• Khánh Hòa: Cảnh báo thủ đoạn lừa đảo
CHUYỂN ĐỔI SỐ

Tập huấn bảo đảm an toàn thông tin cho cán bộ chuyên trách

Thứ Năm, 16/06/2022 - 10:15

Thực hiện Kế hoạch số 40/KH-UBND ngày 10/3/2022 của UBND tỉnh Kon Tum, ngày 15/6, Sở Thông tin và Truyền thông tổ chức lớp tập huấn cho cán bộ chuyên trách công nghệ thông tin.
"""

NEWSPAPER_EVENT = """Thời sự
Báo Hà Tĩnh tọa đàm về bảo vệ nền tảng tư tưởng của Đảng trên không gian mạng
Đăng ngày: 05/04/2021
(Baohatinh.vn) - Sáng 2/4, Báo Hà Tĩnh tổ chức tọa đàm với sự tham gia của Công an tỉnh và Sở Thông tin và Truyền thông.
"""


@pytest.mark.parametrize("text, expected", [
    (PDF_HEADER, dict(doc_number="245/KH-UBND", issuer="UBND tỉnh Đắk Lắk", province_name="Đắk Lắk",
                      issue_date=date(2022, 9, 5), doc_type="plan")),
    (INTERLEAVED, dict(doc_number="25/2022/QĐ-UBND", issuer="UBND tỉnh Sóc Trăng", level="province",
                       issue_date=date(2022, 10, 28), doc_type="other")),
    (BORDER, dict(issuer="Bộ Chỉ huy Bộ đội Biên phòng tỉnh Kiên Giang", level="military",
                  province_name="Kiên Giang", doc_number="1863/KH-BCH")),
    (SIDEBAR_FIRST, dict(title="Tập huấn bảo đảm an toàn thông tin cho cán bộ chuyên trách",
                         issuer="Sở Thông tin và Truyền thông tỉnh Kon Tum", province_name="Kon Tum", doc_number=None,
                         event_date=date(2022, 6, 15), published_date=date(2022, 6, 16))),
    (NEWSPAPER_EVENT, dict(issuer="Báo Hà Tĩnh", level="other", province_name="Hà Tĩnh",
                           event_date=date(2021, 4, 2))),
])
def test_layouts_seen_in_the_wild(text, expected):
    e = ex(text)
    assert {k: e.get(k) for k in expected} == expected


@pytest.mark.parametrize("text, implements", [
    (PDF_HEADER, {"41-CT/TW"}),
    (BORDER, {"29-NQ/TW"}),
    (SIDEBAR_FIRST, {"40/KH-UBND"}),
    ("Ngày 17/9, Công an tỉnh Gia Lai tổ chức hội nghị quán triệt, triển khai Luật Dữ liệu số 60/2024/QH15 và "
     "Nghị định số 165/2025/NĐ-CP ngày 30/6/2025 của Chính phủ.", {"60/2024/QH15", "165/2025/NĐ-CP"}),
    ("Sáng 8/9, Ban Thường vụ Tỉnh ủy Điện Biên tổ chức hội nghị sơ kết 5 năm thực hiện Nghị quyết số 29-NQ/TW "
     "và Chương trình hành động số 12-CTr/TU ngày 10/12/2018 của Tỉnh ủy.", {"29-NQ/TW", "12-CTr/TU"}),
])
def test_implements_in_the_wild(text, implements):
    assert {i.instrument_id for i in ex(text).instruments if i.relation in CARRIED_OUT} == implements


@pytest.mark.parametrize("text, expected", [
    # the site's name above the headline is not the headline
    ("Báo Cà Mau điện tử\nTrang chủ > Tin hoạt động\n\nTăng cường bảo vệ Tổ quốc trên không gian mạng\n\n"
     "Thứ Ba, 23/08/2022 - 14:57\n\nChiều 22/8, Ban Thường vụ Huyện ủy Thới Bình tổ chức hội nghị sơ kết 3 năm "
     "thực hiện Kết luận số 44-KL/TW ngày 22/01/2019 của Ban Bí thư.",
     dict(title="Tăng cường bảo vệ Tổ quốc trên không gian mạng", province_name="Cà Mau",
          issuer="Ban Thường vụ Huyện ủy Thới Bình", event_date=date(2022, 8, 22))),
    # a filled-in form with wide gaps inside the number
    ("ỦY BAN NHÂN DÂN            CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTHỊ XÃ BA ĐỒN\n"
     "Số:   156  /KH-UBND                           Ba Đồn, ngày  07  tháng 10 năm 2021\nKẾ HOẠCH\nVề an ninh mạng\n",
     dict(doc_number="156/KH-UBND", issuer="UBND thị xã Ba Đồn", level="district", province_name="Quảng Bình",
          issue_date=date(2021, 10, 7))),
    # accents folding hides: "QUẢN BẠ" is a district, not "quận Bạ"; "NHO QUAN" + "ỦY BAN" is no Party committee
    ("UBND HUYỆN QUẢN BẠ\nSố: 12/KH-UBND\nQuản Bạ, ngày 2 tháng 3 năm 2020\nKẾ HOẠCH\nVề an toàn thông tin\n",
     dict(issuer="UBND huyện Quản Bạ", level="district", province_name="Hà Giang")),
    ("UBND HUYỆN NHO QUAN\nỦY BAN NHÂN DÂN XÃ GIA THỦY\nSố: 49/KH-UBND\nGia Thủy, ngày 24 tháng 3 năm 2015\n"
     "KẾ HOẠCH\nVề an toàn thông tin\n",
     dict(issuer="UBND xã Gia Thủy", level="commune", province_name="Ninh Bình")),
    # "Thành phố Yên Bái" is the city of the province Yên Bái
    ("Sáng 5/6, UBND thành phố Yên Bái tổ chức hội nghị triển khai Luật An ninh mạng.",
     dict(issuer="UBND thành phố Yên Bái", level="district", province_name="Yên Bái")),
    # a commune placed by its district; old tone marks in a province name
    ("Ngày 3/4/2023, UBND xã Sơn Thủy (huyện Vụ Bản) vừa ban hành Kế hoạch số 12/KH-UBND về an ninh mạng.",
     dict(issuer="UBND xã Sơn Thủy", level="commune", province_name="Nam Định", doc_number="12/KH-UBND")),
    ("Ngày 3/4/2023, Sở Thông tin và Truyền thông tỉnh Hoà Bình vừa ban hành Kế hoạch số 12/KH-STTTT.",
     dict(issuer="Sở Thông tin và Truyền thông tỉnh Hoà Bình", province_name="Hoà Bình")),
])
def test_traps_from_the_synthetic_corpus(text, expected):
    e = ex(text)
    assert {k: e.get(k) for k in expected} == expected


def test_text_about_a_plan_that_implements_a_resolution_implements_it_through_the_plan():
    e = ex("UBND HUYỆN KIM SƠN\nSố: 20/KH-UBND\nKim Sơn, ngày 2 tháng 6 năm 2020\nKẾ HOẠCH\nVề an ninh mạng\n\n"
           "Thực hiện Kế hoạch số 1318/KH-UBND ngày 10/5/2020 của UBND tỉnh Ninh Bình về thực hiện Nghị quyết số "
           "29-NQ/TW của Bộ Chính trị, UBND huyện ban hành Kế hoạch như sau:\n")
    rel = {i.instrument_id: (i.relation, i.via) for i in e.instruments}
    # the central text is what it implements; the provincial plan is the local step on the way
    assert rel == {"1318/KH-UBND": ("implements_local", None), "29-NQ/TW": ("implements", "1318/KH-UBND")}


@pytest.mark.parametrize("text, field, expected", [
    ("Cổng thông tin điện tử thị xã An Nhơn\nTrang chủ | Giới thiệu | Tin tức - Sự kiện | Chính quyền | Văn bản\n"
     "An Nhơn ban hành kế hoạch bảo đảm an toàn thông tin\nNgày đăng: 25/03/2024 | Lượt xem: 312\n"
     "Ngày 21/3/2024, UBND thị xã An Nhơn ban hành Kế hoạch số 87/KH-UBND triển khai thực hiện Kế hoạch số "
     "45/KH-UBND ngày 02/02/2024 của UBND tỉnh Bình Định.",
     "title", "An Nhơn ban hành kế hoạch bảo đảm an toàn thông tin"),
    ("HỘI NÔNG DÂN VIỆT NAM\nBCH HỘI NÔNG DÂN TỈNH AN GIANG\nSố: 145-KH/HNDT\nLong Xuyên, ngày 5 tháng 4 năm 2023\n"
     # mass organisations take the tier of their unit (the corpus labelling rule)
     "KẾ HOẠCH\nTuyên truyền an toàn thông tin cho hội viên\n", "level", "province"),
])
def test_menus_and_mass_organisations(text, field, expected):
    assert ex(text).get(field) == expected


@pytest.mark.parametrize("text, implements", [
    # a PDF wraps the preamble: its second item sits on the next line
    ("ĐẢNG ỦY QUÂN SỰ TỈNH LÂM ĐỒNG\nSố 312-KH/ĐU\nĐà Lạt, ngày 15 tháng 7 năm 2020\nKẾ HOẠCH\nVề an ninh mạng\n\n"
     "Thực hiện Kế hoạch số 156-KH/TU ngày 20/5/2020 của Ban Thường vụ Tỉnh ủy Lâm Đồng\n"
     "và Hướng dẫn số 1254-HD/ĐU ngày 02/6/2020 của Đảng ủy Quân khu, Đảng ủy Quân sự tỉnh\n"
     "xây dựng Kế hoạch thực hiện như sau:\n\nI. MỤC ĐÍCH, YÊU CẦU\n", {"156-KH/TU", "1254-HD/ĐU"}),
    ("Diễn tập ứng cứu sự cố an toàn thông tin\n\nSáng 12/10, Sở Thông tin và Truyền thông tổ chức diễn tập ứng cứu "
     "sự cố.\n\nCuộc diễn tập nhằm triển khai Kế hoạch số 312/KH-UBND ngày 3/3/2023 của UBND tỉnh Thừa Thiên Huế.",
     {"312/KH-UBND"}),
])
def test_preambles_and_purposes(text, implements):
    assert {i.instrument_id for i in ex(text).instruments if i.relation in CARRIED_OUT} == implements


def test_a_text_cannot_carry_out_one_issued_after_it():
    # undated 14/CT-TTg in a plan of March 2019: only the 2018 directive existed then
    e = ex("UBND TỈNH LẠNG SƠN\nSố: 20/KH-UBND\nLạng Sơn, ngày 5 tháng 3 năm 2019\nKẾ HOẠCH\n"
           "Triển khai Chỉ thị 14/CT-TTg của Thủ tướng Chính phủ\n")
    assert [(i.instrument_key, i.relation) for i in e.instruments] == [("14/CT-TTg@2018", "implements")]
    # a plan of 2020 "implementing" a 2022 decision: only cited, with a warning
    e = ex("UBND TỈNH LẠNG SƠN\nSố: 21/KH-UBND\nLạng Sơn, ngày 5 tháng 3 năm 2020\nKẾ HOẠCH\n"
           "Triển khai Quyết định số 964/QĐ-TTg của Thủ tướng Chính phủ\n")
    assert [(i.instrument_id, i.relation) for i in e.instruments] == [("964/QĐ-TTg", "cites")]
    assert any(w[0] == "implements_later_text" for w in e.warnings)


# Layouts of real web-saved pages (../shared/corpus), written afresh: a rule, not a file.
@pytest.mark.parametrize("text, expected", [
    # the header cell lost its place to the table layout; the place-date line gives it
    ("ỦY\nBAN NHÂN DÂN |\nCỘNG\nHÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\nSố: 88/KH-UBND |\nYên Bái, ngày 3 tháng 5 năm 2021 |\n"
     "BẢO ĐẢM AN TOÀN THÔNG TIN MẠNG\nCăn cứ Luật An toàn thông tin mạng;\nXét đề nghị của Sở Thông tin và Truyền thông;\n",
     dict(issuer="UBND tỉnh Yên Bái", level="province", doc_number="88/KH-UBND", issue_date=date(2021, 5, 3))),
    # the chairman signs in his own name: the body named again above the Căn cứ list
    ("ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\nSố: 12/QĐ-UBND | Cà Mau, ngày 9 tháng 2 năm 2019 |\n"
     "VỀ VIỆC PHÊ DUYỆT KẾ HOẠCH AN TOÀN THÔNG TIN\nCHỦ TỊCH ỦY BAN NHÂN NHÂN TỈNH CÀ MAU\nCăn cứ Luật Tổ chức chính quyền "
     "địa phương;\nXét đề nghị của Giám đốc Sở Thông tin và Truyền thông,\nQUYẾT ĐỊNH:\n",
     dict(issuer="Chủ tịch UBND tỉnh Cà Mau", level="province", issue_date=date(2019, 2, 9))),
    # the date split by a table cell, the number on the line after "Số:"
    ("ỦY BAN NHÂN DÂN\nTỈNH HÀ NAM\n|\nSố:\n45/2020/QĐ-UBND\n|\nHà Nam, ngày\n7 tháng 8 năm 2020\n|\nQUYẾT ĐỊNH\nVề an ninh mạng\n",
     dict(doc_number="45/2020/QĐ-UBND", issue_date=date(2020, 8, 7), issuer="UBND tỉnh Hà Nam")),
    # a legal site's own line above the text
    ("Chỉ thị số 07/CT-UBND ngày 12/4/2021 ban hành bởi Ủy ban nhân dân tỉnh Phú Thọ về an toàn thông tin.\n"
     "I. Tình hình\nThời gian qua …\n",
     dict(doc_number="07/CT-UBND", doc_type="directive", issuer="UBND tỉnh Phú Thọ", issue_date=date(2021, 4, 12))),
    # a news headline naming a plan is still news
    ("Kế hoạch 15/KH-UBND về an ninh mạng được triển khai rộng khắp\nSáng 2/3/2022, UBND huyện Vĩnh Tường tổ chức "
     "hội nghị triển khai.\n", dict(doc_type="news")),
    # a page stamp before the lead; a newspaper's tag opens the lead
    (" date 2022-09 (QTO) - Ngày 15/9, Sở Y tế Quảng Trị đã ban hành văn bản yêu cầu các đơn vị bảo đảm an toàn thông "
     "tin trên các hệ thống phần mềm quản lý bệnh viện đang vận hành.\n",
     dict(issuer="Sở Y tế Quảng Trị", level="department", issue_date=date(2022, 9, 15), published_date=None)),
    # the body that tells the news is not the one that acts; the day it was told is not the event's
    ("Ngày 4.11, Văn phòng UBND tỉnh Hậu Giang cho biết Chủ tịch UBND tỉnh vừa có công văn chỉ đạo các sở về bảo vệ "
     "bí mật nhà nước trên không gian mạng.\n", dict(issuer="Chủ tịch UBND tỉnh Hậu Giang", issue_date=None)),
    # the agent of a passive, the day after the verb, the year from the same sentence
    ("Diễn tập ứng cứu sự cố trên cổng dịch vụ công\nĐây là kịch bản của buổi diễn tập an toàn thông tin năm 2022 của tỉnh Phú Yên, được Sở TT&TT tổ chức vào ngày 9/11.\n",
     dict(issuer="Sở Thông tin và Truyền thông tỉnh Phú Yên", level="department", issue_date=date(2022, 11, 9))),
    # several subjects that all acted: the first one
    ("Yên Thế lập tổ công tác an ninh mạng\nBan Thường vụ Huyện ủy Yên Thế, UBND huyện cùng 19 xã đều đã thành lập Tổ công tác an ninh mạng.\n",
     dict(issuer="Ban Thường vụ Huyện ủy Yên Thế", level="party")),
    # youth union and trade union: the tier of their unit
    ("Ngày 14-8, Tỉnh đoàn Lạng Sơn phối hợp Công an tỉnh tổ chức hội nghị báo cáo viên năm 2020.\n",
     dict(issuer="Tỉnh đoàn Lạng Sơn", level="province", issue_date=date(2020, 8, 14))),
])
def test_web_saved_layouts(text, expected):
    e = ex(text)
    assert {k: e.get(k) for k in expected} == expected


def test_a_tierless_header_takes_the_tier_of_its_place_date_line():
    e = ex("ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\nSố: 31/KH-UBND | Đại Lộc, ngày 2 tháng 3 năm 2022 |\n"
           "BẢO ĐẢM AN TOÀN THÔNG TIN\nCăn cứ Kế hoạch số 12/KH-UBND của UBND tỉnh;\n")
    assert (e.get("issuer"), e.get("level"), e.get("province_name")) == ("UBND huyện Đại Lộc", "district", "Quảng Nam")


@pytest.mark.parametrize("text, issuer", [
    ("Hội nghị an ninh mạng năm 2024\nSáng 12/3, tại Hội trường UBND tỉnh, Công an tỉnh Sơn La phối hợp với Sở Thông tin "
     "và Truyền thông tổ chức hội nghị tập huấn an ninh mạng.\n", "Công an tỉnh Sơn La"),
    ("Hội nghị an ninh mạng năm 2024\nSáng 12/3, đồng chí Lê Văn Hòa, Phó Bí thư Tỉnh ủy Sơn La chủ trì hội nghị do Ban "
     "Tuyên giáo Tỉnh ủy tổ chức.\n", "Ban Tuyên giáo Tỉnh ủy Sơn La"),
])
def test_a_person_or_a_place_named_after_a_body_is_not_the_body(text, issuer):
    assert ex(text).get("issuer") == issuer


@pytest.mark.parametrize("text, issuer, level", [
    ("Bảo vệ biên giới trên không gian mạng\nNgày 9/5, Bộ đội Biên phòng tỉnh Lạng Sơn tổ chức hội nghị sơ kết công tác "
     "đấu tranh trên không gian mạng.\n", "Bộ đội Biên phòng tỉnh Lạng Sơn", "military"),
    ("Hội nghị an toàn thông tin\nNgày 9/5, Văn phòng UBND tỉnh Tuyên Quang tổ chức hội nghị tập huấn an toàn thông tin "
     "cho cán bộ văn thư.\n", "Văn phòng UBND tỉnh Tuyên Quang", "department"),
    ("Hội nghị an toàn thông tin\nNgày 9/5, Đảng ủy Khối các cơ quan tỉnh Phú Thọ tổ chức hội nghị quán triệt Nghị quyết "
     "35-NQ/TW.\n", "Đảng ủy Khối các cơ quan tỉnh Phú Thọ", "party"),
])
def test_more_bodies_that_hold_meetings(text, issuer, level):
    e = ex(text)
    assert (e.get("issuer"), e.get("level")) == (issuer, level)


def test_implements_is_the_central_text_and_the_local_plan_a_step_on_the_way():
    e = ex("UBND HUYỆN YÊN THẾ\nSố: 44/KH-UBND\nYên Thế, ngày 2 tháng 6 năm 2021\nKẾ HOẠCH\nVề an ninh mạng\n\n"
           "Thực hiện Kế hoạch số 95/KH-UBND ngày 10/5/2021 của UBND tỉnh Bắc Giang về thực hiện Chỉ thị số "
           "41-CT/TW của Ban Bí thư, UBND huyện ban hành Kế hoạch như sau:\n")
    rel = {i.instrument_id: i.relation for i in e.instruments}
    assert rel == {"95/KH-UBND": "implements_local", "41-CT/TW": "implements"}


@pytest.mark.parametrize("stamp, published", [
    ("14:05, 02/03/2022", date(2022, 3, 2)),
    ("Thứ năm - 16/05/2024 10:21", date(2024, 5, 16)),
    ("02/03/2022 14:05", date(2022, 3, 2)),
    ("Cập nhật: 02/03/2022", date(2022, 3, 2)),
    ("(14:05 02/03/2022)", date(2022, 3, 2)),
    # a view counter makes the line furniture; the date on it is still the page's
    ("02/03/2022 | 14:05 | Lượt xem: 120", date(2022, 3, 2)),
])
def test_portal_timestamps_date_the_page_and_complete_the_event(stamp, published):
    e = ex(f"Hội nghị an ninh mạng\n{stamp}\nChiều 28/2, Công an tỉnh Lai Châu tổ chức hội nghị triển khai Luật "
           "An ninh mạng.\n")
    assert (e.get("published_date"), e.get("event_date")) == (published, date(published.year, 2, 28))


@pytest.mark.parametrize("text, issuer, level", [
    ("Tuổi trẻ Yên Thành giữ vững trận địa mạng\nThời gian qua, tổ chức Đoàn các cấp ở huyện Yên Thành đã chủ động "
     "thực hiện công tác bảo vệ nền tảng tư tưởng của Đảng trên mạng xã hội.\n", "Đoàn TNCS Hồ Chí Minh huyện Yên Thành",
     "district"),
    ("Hội nghị quán triệt\nNgày 3/9, Ban Thường vụ Đảng ủy UBND tỉnh Gia Lai tổ chức hội nghị quán triệt Chỉ thị "
     "57-CT/TW.\n", "Ban Thường vụ Đảng ủy UBND tỉnh Gia Lai", "party"),
])
def test_youth_unions_and_the_government_party_committee(text, issuer, level):
    e = ex(text)
    assert (e.get("issuer"), e.get("level")) == (issuer, level)
