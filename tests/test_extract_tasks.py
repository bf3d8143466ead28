"""Agency names, deadlines and task statements (etl.extract.agencies / deadlines / tasks).

Snippets are invented in the style of plans, reports, decisions and news items of provinces,
districts, communes, Party committees and military commands."""
from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest

from etl.extract.agencies import normalise_agency
from etl.extract.deadlines import Deadline, find_deadlines
from etl.extract.tasks import assign_agencies, extract_tasks
from etl.text import clean_text

RAW = Path(__file__).resolve().parents[1] / "data" / "raw"
D = dt.date

# --------------------------------------------------------------------------- agencies

SO_TTTT = "Sở Thông tin và Truyền thông"
CAT = "Công an tỉnh"
BCHQS = "Bộ Chỉ huy Quân sự tỉnh"
BANCHQS_H = "Ban Chỉ huy Quân sự cấp huyện"


@pytest.mark.parametrize("name, expected", [
    ("Sở Thông tin và Truyền thông", SO_TTTT),
    ("Sở TT&TT", SO_TTTT),
    ("Sở TTTT", SO_TTTT),
    ("Sở Thông tin - Truyền thông", SO_TTTT),
    ("sở thông tin và truyền thông tỉnh Quảng Ngãi", SO_TTTT),
    ("Sở TT và TT", SO_TTTT),
    ("Công an tỉnh", CAT),
    ("Công an tỉnh Thanh Hóa", CAT),
    ("Công an thành phố", CAT),
    ("Công an TP. Hà Nội", CAT),
    ("Công an thành phố Hồ Chí Minh", CAT),
    ("Công an quận", "Công an cấp huyện"),
    ("Công an huyện Ba Vì", "Công an cấp huyện"),
    ("Công an các huyện, thị xã, thành phố", "Công an cấp huyện"),
    ("Công an thành phố Thanh Hóa", "Công an cấp huyện"),
    ("Công an xã, phường, thị trấn", "Công an cấp xã"),
    ("Bộ Chỉ huy Quân sự tỉnh", BCHQS),
    ("Bộ CHQS tỉnh", BCHQS),
    ("Bộ Chỉ huy quân sự tỉnh Bắc Giang", BCHQS),
    ("BCHQS tỉnh", BCHQS),
    ("Ban CHQS quận", BANCHQS_H),
    ("Ban Chỉ huy Quân sự huyện Mỹ Đức", BANCHQS_H),
    ("Ban CHQS các huyện, thành phố, thị xã", BANCHQS_H),
    ("Ban CHQS xã", "Ban Chỉ huy Quân sự cấp xã"),
    ("Bộ Chỉ huy BĐBP tỉnh", "Bộ Chỉ huy Bộ đội Biên phòng tỉnh"),
    ("Sở Tài chính", "Sở Tài chính"),
    ("Sở KH&ĐT", "Sở Kế hoạch và Đầu tư"),
    ("Sở Kế hoạch - Đầu tư", "Sở Kế hoạch và Đầu tư"),
    ("Sở Nội vụ", "Sở Nội vụ"),
    ("Sở GD&ĐT", "Sở Giáo dục và Đào tạo"),
    ("Sở GDĐT tỉnh Nghệ An", "Sở Giáo dục và Đào tạo"),
    ("Sở VHTTDL", "Sở Văn hóa, Thể thao và Du lịch"),
    ("Sở VH,TT&DL", "Sở Văn hóa, Thể thao và Du lịch"),
    ("Sở Văn hoá, Thể thao và Du lịch", "Sở Văn hóa, Thể thao và Du lịch"),
    ("Sở Công thương", "Sở Công Thương"),
    ("Sở Tư pháp", "Sở Tư pháp"),
    ("Sở KH&CN", "Sở Khoa học và Công nghệ"),
    ("Sở Khoa học và Công nghệ tỉnh Bến Tre", "Sở Khoa học và Công nghệ"),
    ("Sở LĐ-TB&XH", "Sở Lao động - Thương binh và Xã hội"),
    ("Sở Y tế tỉnh Bắc Giang", "Sở Y tế"),
    ("Văn phòng UBND tỉnh", "Văn phòng UBND tỉnh"),
    ("Văn phòng Ủy ban nhân dân tỉnh", "Văn phòng UBND tỉnh"),
    ("VP UBND tỉnh", "Văn phòng UBND tỉnh"),
    ("Văn phòng HĐND và UBND huyện", "Văn phòng HĐND và UBND cấp huyện"),
    ("Văn phòng Sở", "Văn phòng Sở"),
    ("Ban Tuyên giáo Tỉnh ủy", "Ban Tuyên giáo Tỉnh ủy"),
    ("Ban Tuyên giáo Tỉnh uỷ", "Ban Tuyên giáo Tỉnh ủy"),
    ("BTG Tỉnh ủy", "Ban Tuyên giáo Tỉnh ủy"),
    ("Ban Tuyên giáo Thành ủy", "Ban Tuyên giáo Tỉnh ủy"),
    ("Ban Tuyên giáo Quận ủy", "Ban Tuyên giáo cấp huyện"),
    ("Ban Tuyên giáo Huyện ủy", "Ban Tuyên giáo cấp huyện"),
    ("Ban Tổ chức Quận ủy", "Ban Tổ chức cấp huyện"),
    ("Phòng Văn hóa và Thông tin", "Phòng Văn hóa và Thông tin"),
    ("Phòng VH&TT", "Phòng Văn hóa và Thông tin"),
    ("Phòng VH-TT quận", "Phòng Văn hóa và Thông tin"),
    ("Phòng Văn hóa - Thông tin huyện Cẩm Xuyên", "Phòng Văn hóa và Thông tin"),
    ("Phòng Tư pháp huyện Ba Vì", "Phòng Tư pháp"),
    ("UBND tỉnh", "UBND tỉnh"),
    ("Ủy ban nhân dân tỉnh Quảng Bình", "UBND tỉnh"),
    ("UBND thành phố Đà Nẵng", "UBND tỉnh"),
    ("UBND các huyện, thị xã, thành phố", "UBND cấp huyện"),
    ("Ủy ban nhân dân các quận, huyện, thị xã", "UBND cấp huyện"),
    ("Ủy ban nhân nhân các huyện, thị xã, thành phố", "UBND cấp huyện"),  # typo in a real text
    ("UBND huyện", "UBND cấp huyện"),
    ("UBND TP. Quảng Ngãi", "UBND cấp huyện"),
    ("UBND xã", "UBND cấp xã"),
    ("UBND các xã, phường, thị trấn", "UBND cấp xã"),
    ("huyện, thị xã, thành phố", "UBND cấp huyện"),
    ("Các sở, ban, ngành", "Các sở, ban, ngành"),
    ("các Sở, ban, ngành tỉnh", "Các sở, ban, ngành"),
    ("các sở, ngành liên quan", "Các sở, ban, ngành"),
    ("các sở ban ngành", "Các sở, ban, ngành"),
    ("các phòng, ban, ngành", "Các phòng, ban, ngành"),
    ("các cơ quan, đơn vị", "Các cơ quan, đơn vị"),
    ("Đài Phát thanh và Truyền hình tỉnh", "Đài Phát thanh và Truyền hình tỉnh"),
    ("Đài PT-TH tỉnh", "Đài Phát thanh và Truyền hình tỉnh"),
    ("Đài PT&TH Bắc Giang", "Đài Phát thanh và Truyền hình tỉnh"),
    ("Báo Quảng Ngãi", "Báo Quảng Ngãi"),
    ("Ủy ban MTTQ Việt Nam tỉnh", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"),
    ("Tỉnh Đoàn", "Tỉnh đoàn"),
    ("Chủ tịch UBND các huyện, thị xã", "Chủ tịch UBND cấp huyện"),
    ("Trưởng các phòng, đơn vị trực thuộc Sở", "Trưởng các phòng, đơn vị trực thuộc Sở"),
    ("Cơ quan thường trực Tiểu ban An toàn, An ninh mạng tỉnh",
     "Cơ quan thường trực Tiểu ban An toàn, An ninh mạng tỉnh"),
    # unknown names are only tidied
    ("  trung tâm   Giám sát điều hành đô thị thông minh; ", "Trung tâm Giám sát điều hành đô thị thông minh"),
    ("Hội Nông dân tỉnh.", "Hội Nông dân tỉnh"),
    ("Đảng ủy Quân sự tỉnh", "Đảng ủy Quân sự tỉnh"),
    ("Viettel Quảng Ngãi", "Viettel Quảng Ngãi"),
])
def test_normalise_agency(name, expected):
    assert normalise_agency(name) == expected


def test_normalise_agency_is_idempotent():
    for name in ("Sở TT&TT", "Ban CHQS quận", "UBND các xã, phường, thị trấn", "Phòng VH-TT",
                 "Trung tâm Văn hóa - Thông tin và Thể thao huyện"):
        once = normalise_agency(name)
        assert normalise_agency(once) == once


# --------------------------------------------------------------------------- agency roles

L, S = "lead", "support"


@pytest.mark.parametrize("sentence, expected", [
    ("Công an tỉnh chủ trì, phối hợp với Sở Thông tin và Truyền thông, Bộ CHQS tỉnh tổ chức diễn tập ứng cứu sự cố.",
     [(CAT, L), (SO_TTTT, S), (BCHQS, S)]),
    ("Sở TT&TT chủ trì, phối hợp với Công an tỉnh và các sở, ban, ngành liên quan hướng dẫn triển khai.",
     [(SO_TTTT, L), (CAT, S), ("Các sở, ban, ngành", S)]),
    ("Giao Sở TT&TT chủ trì tham mưu UBND tỉnh ban hành quy chế bảo đảm an toàn thông tin.",
     [(SO_TTTT, L)]),
    ("Đồng thời, theo đó, đề nghị Ban Tuyên giáo Quận ủy phối hợp với Ban Tổ chức Quận ủy, các phòng, ban, ngành tăng cường lãnh đạo.",
     [("Ban Tuyên giáo cấp huyện", L), ("Ban Tổ chức cấp huyện", S), ("Các phòng, ban, ngành", S)]),
    ("Sở Tài chính ưu tiên bố trí kinh phí từ ngân sách nhà nước để triển khai thực hiện Kế hoạch.",
     [("Sở Tài chính", L)]),
    ("Sở Kế hoạch và Đầu tư, Sở Tài chính có trách nhiệm cân đối nguồn vốn.",
     [("Sở Kế hoạch và Đầu tư", L), ("Sở Tài chính", L)]),
    ("Ban Chỉ huy Quân sự huyện tham mưu Huyện ủy xây dựng lực lượng 47.", [(BANCHQS_H, L)]),
    ("Phòng VH&TT phối hợp với Công an quận, Ban CHQS quận hướng dẫn thực hiện Bộ Quy tắc ứng xử.",
     [("Phòng Văn hóa và Thông tin", L), ("Công an cấp huyện", S), (BANCHQS_H, S)]),
    ("Căn cứ nội dung Kế hoạch, Cơ quan thường trực Tiểu ban An toàn, An ninh mạng tỉnh chủ trì tham mưu.",
     [("Cơ quan thường trực Tiểu ban An toàn, An ninh mạng tỉnh", L)]),
    ("UBND tỉnh giao Công an tỉnh chủ trì xây dựng phương án bảo vệ bí mật nhà nước.", [(CAT, L)]),
    ("Cơ quan chủ trì: Phòng Văn hóa và Thông tin huyện; cơ quan phối hợp: Công an huyện, Đài Truyền thanh huyện.",
     [("Phòng Văn hóa và Thông tin", L), ("Công an cấp huyện", S), ("Đài Truyền thanh huyện", S)]),
    ("Tổ chức tập huấn kỹ năng số cho cán bộ, do Sở Nội vụ chủ trì.", [("Sở Nội vụ", L)]),
    ("Xây dựng kế hoạch diễn tập, Sở TT&TT chủ trì, Công an tỉnh phối hợp.", [(SO_TTTT, L), (CAT, S)]),
    ("Phòng An ninh mạng và phòng, chống tội phạm sử dụng công nghệ cao - Công an tỉnh chủ trì nắm tình hình.",
     [("Phòng An ninh mạng và phòng, chống tội phạm sử dụng công nghệ cao", L)]),
    ("Công an tỉnh (PA05) phối hợp với Viettel Bắc Giang, VNPT Bắc Giang triển khai giám sát.",
     [(CAT, L), ("Viettel Bắc Giang", S), ("VNPT Bắc Giang", S)]),
    ("Hội Người cao tuổi tỉnh, Đoàn Thanh niên Cộng sản Hồ Chí Minh tỉnh tuyên truyền trong hội viên.",
     [("Hội Người cao tuổi tỉnh", L), ("Tỉnh đoàn", L)]),
    ("Sở, ban, ngành, địa phương theo chức năng, nhiệm vụ chủ động triển khai.", [("Các sở, ban, ngành", L)]),
    ("Ban Tuyên giáo và Dân vận Tỉnh ủy chủ trì định hướng thông tin.", [("Ban Tuyên giáo và Dân vận Tỉnh ủy", L)]),
    ("Phòng Văn hóa và Thông tin được giao theo dõi, hướng dẫn nội dung an toàn thông tin.",
     [("Phòng Văn hóa và Thông tin", L)]),
    ("Phòng Xây dựng phong trào toàn dân bảo vệ an ninh Tổ quốc (PV05) phối hợp tuyên truyền.",
     [("Phòng Xây dựng phong trào toàn dân bảo vệ an ninh Tổ quốc (PV05)", S)]),
    ("UBND thành phố Buôn Ma Thuột, thị xã Buôn Hồ và các huyện xây dựng kế hoạch cụ thể.", [("UBND cấp huyện", L)]),
    ("Phòng Văn hóa - Xã hội phường Phú Thủy chủ trì tham mưu.", [("Phòng Văn hóa - Xã hội", L)]),
    ("Sở Thông tin và Truyền thông được khen thưởng vì thành tích xuất sắc.", []),
    ("Chủ tịch UBND tỉnh yêu cầu:", []),
    ("Triển khai với sự phối hợp của Bộ Chỉ huy Bộ đội Biên phòng tỉnh.",
     [("Bộ Chỉ huy Bộ đội Biên phòng tỉnh", S)]),
    ("Các Sở, ban, ngành, UBND cấp huyện căn cứ Kế hoạch này triển khai thực hiện.",
     [("Các sở, ban, ngành", L), ("UBND cấp huyện", L)]),
    ("Đài Phát thanh và Truyền hình tỉnh, Báo Bắc Giang mở chuyên mục tuyên truyền về an ninh mạng.",
     [("Đài Phát thanh và Truyền hình tỉnh", L), ("Báo Bắc Giang", L)]),
    ("Ủy ban MTTQ Việt Nam tỉnh và các tổ chức chính trị - xã hội vận động đoàn viên, hội viên.",
     [("Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", L), ("Các tổ chức chính trị - xã hội", L)]),
    ("Sở TT&TT và các doanh nghiệp viễn thông triển khai giải pháp giám sát an toàn thông tin.",
     [(SO_TTTT, L)]),
    ("Chủ tịch UBND các xã, thị trấn chịu trách nhiệm trước Chủ tịch UBND huyện.", [("Chủ tịch UBND cấp xã", L)]),
    # not assignments: reported actions, chairing a meeting, people, plain objects
    ("Đảng ủy Quân sự tỉnh đã phối hợp tham mưu Tỉnh ủy chỉ đạo thực hiện.", []),
    ("Đại tá Vũ Đức Hiền, Phó Bí thư Thường trực Đảng ủy, Chính ủy Bộ CHQS tỉnh chủ trì hội nghị.", []),
    ("Dự hội nghị có lãnh đạo Công an tỉnh, Sở Thông tin và Truyền thông.", []),
    ("Báo cáo kết quả về Ban Chỉ đạo 138 tỉnh (qua Công an tỉnh) theo quy định.", []),
    ("Tăng cường công tác tuyên truyền trên báo, đài và mạng xã hội.", []),
    ("Ban hành kế hoạch triển khai trong tháng 6.", []),
])
def test_assign_agencies(sentence, expected):
    assert assign_agencies(sentence) == expected


# --------------------------------------------------------------------------- deadlines

DOC = D(2023, 5, 11)


@pytest.mark.parametrize("sentence, doc_date, expected", [
    ("Định kỳ hàng năm (trước ngày 15/11), báo cáo Chủ tịch UBND tỉnh về tình hình thực hiện.", DOC,
     [Deadline("Định kỳ hàng năm (trước ngày 15/11)", None, "annual")]),
    ("Báo cáo kết quả về Sở TT&TT trước ngày 30/6/2023.", DOC,
     [Deadline("trước ngày 30/6/2023", D(2023, 6, 30), None)]),
    ("Hoàn thành trước ngày 15 tháng 12 năm 2024.", DOC,
     [Deadline("Hoàn thành trước ngày 15 tháng 12 năm 2024", D(2024, 12, 15), None)]),
    ("Gửi báo cáo về Công an tỉnh chậm nhất ngày 20/12/2023.", DOC,
     [Deadline("chậm nhất ngày 20/12/2023", D(2023, 12, 20), None)]),
    ("Hằng quý, các đơn vị báo cáo kết quả về Văn phòng UBND tỉnh.", DOC,
     [Deadline("Hằng quý", None, "quarterly")]),
    ("Định kỳ hằng quý, 6 tháng, năm tổng hợp báo cáo UBND tỉnh.", DOC,
     [Deadline("Định kỳ hằng quý, 6 tháng, năm", None, "quarterly"),
      Deadline("Định kỳ hằng quý, 6 tháng, năm", None, "semiannual"),
      Deadline("Định kỳ hằng quý, 6 tháng, năm", None, "annual")]),
    ("Báo cáo sơ kết 6 tháng đầu năm gửi về Sở Nội vụ.", DOC,
     [Deadline("sơ kết 6 tháng đầu năm", None, "semiannual")]),
    ("Báo cáo sáu tháng đầu năm gửi về Sở Nội vụ.", DOC,
     [Deadline("Báo cáo sáu tháng đầu năm", None, "semiannual")]),
    ("Hằng tháng tổng hợp tình hình báo cáo Ban Chỉ đạo.", DOC, [Deadline("Hằng tháng", None, "monthly")]),
    ("Các đơn vị báo cáo trước ngày 20 hằng tháng.", DOC,
     [Deadline("trước ngày 20 hằng tháng", None, "monthly")]),
    ("Giao ban hàng tuần để đánh giá tình hình.", DOC, [Deadline("hàng tuần", None, "weekly")]),
    ("Tổ chức diễn tập ứng cứu sự cố hằng năm.", DOC, [Deadline("hằng năm", None, "annual")]),
    ("Tổ chức hội nghị trong quý III/2023.", DOC, [Deadline("trong quý III/2023", D(2023, 9, 30), None)]),
    ("Hoàn thành trong quý IV năm 2024.", DOC, [Deadline("Hoàn thành trong quý IV năm 2024", D(2024, 12, 31), None)]),
    ("Thời gian thực hiện: Quý II/2024.", DOC, [Deadline("Thời gian thực hiện: Quý II/2024", D(2024, 6, 30), None)]),
    ("Tổ chức tập huấn trong tháng 10/2023.", DOC, [Deadline("trong tháng 10/2023", D(2023, 10, 31), None)]),
    ("Thời gian hoàn thành: năm 2024.", DOC, [Deadline("Thời gian hoàn thành: năm 2024", D(2024, 12, 31), None)]),
    ("Thời gian: từ ngày 01/10/2023 đến ngày 15/10/2023.", DOC,
     [Deadline("từ ngày 01/10/2023 đến ngày 15/10/2023", D(2023, 10, 15), None)]),
    ("Phấn đấu hoàn thành trước năm 2025.", DOC, [Deadline("hoàn thành trước năm 2025", D(2024, 12, 31), None)]),
    # a day-month without a year: the next occurrence after the document date …
    ("Các sở báo cáo kết quả trước ngày 15/11.", DOC, [Deadline("trước ngày 15/11", D(2023, 11, 15), None)]),
    ("Các sở báo cáo kết quả trước ngày 15/3.", DOC, [Deadline("trước ngày 15/3", D(2024, 3, 15), None)]),
    # … unknown without one
    ("Các sở báo cáo kết quả trước ngày 15/11.", None, [Deadline("trước ngày 15/11", None, None)]),
    ("Định kỳ 6 tháng, năm báo cáo UBND tỉnh (trước ngày 15/6 và 15/12).", DOC,
     [Deadline("Định kỳ 6 tháng, năm báo cáo UBND tỉnh (trước ngày 15/6 và 15/12)", None, "semiannual"),
      Deadline("Định kỳ 6 tháng, năm báo cáo UBND tỉnh (trước ngày 15/6 và 15/12)", None, "annual")]),
    # a yearless month/quarter: the next one, unless it belongs to a cycle
    ("Tổ chức diễn tập trong quý III.", DOC, [Deadline("trong quý III", D(2023, 9, 30), None)]),
    ("Hoàn thành trong tháng 3.", DOC, [Deadline("Hoàn thành trong tháng 3", D(2024, 3, 31), None)]),
    ("Tổ chức diễn tập trong tháng 3 hằng năm.", DOC, [Deadline("trong tháng 3 hằng năm", None, "annual")]),
    ("Báo cáo kết quả trước ngày 15/12 hằng năm.", DOC, [Deadline("trước ngày 15/12 hằng năm", None, "annual")]),
    ("Gửi báo cáo xong trước 30/6/2024.", DOC, [Deadline("xong trước 30/6/2024", D(2024, 6, 30), None)]),
    ("Hoàn thành trước tháng 6/2024.", DOC, [Deadline("Hoàn thành trước tháng 6/2024", D(2024, 5, 31), None)]),
    # not deadlines
    ("Thực hiện Nghị quyết số 29-NQ/TW ngày 25/7/2018 của Bộ Chính trị.", DOC, []),
    ("Kế hoạch thực hiện năm 2023.", DOC, []),
    ("Luật An ninh mạng ngày 12/6/2018, Kế hoạch số 783/KH-BCĐ138 ngày 23/02/2023 của Ban Chỉ đạo 138.", DOC, []),
    ("Ưu tiên thực hiện thường xuyên trong chương trình công tác hàng năm.", DOC, []),
    ("Bố trí trong dự toán ngân sách hằng năm của các đơn vị.", DOC, []),
    ("Chiến lược An toàn, An ninh mạng quốc gia đến năm 2025, tầm nhìn 2030.", DOC, []),
    ("Sáng 25/8, Đảng ủy Quân sự tỉnh tổ chức hội nghị sơ kết 5 năm.", DOC, []),
])
def test_find_deadlines(sentence, doc_date, expected):
    assert find_deadlines(sentence, doc_date) == expected


# --------------------------------------------------------------------------- task statements

PROVINCE_PLAN = """ỦY BAN NHÂN DÂN
TỈNH HÀ TĨNH
Số: 215/KH-UBND
Hà Tĩnh, ngày 20 tháng 6 năm 2023
KẾ HOẠCH
Triển khai Chiến lược An toàn, An ninh mạng quốc gia trên địa bàn tỉnh
Thực hiện Quyết định số 964/QĐ-TTg ngày 10/8/2022 của Thủ tướng Chính phủ, UBND tỉnh ban hành Kế hoạch như sau:
I. MỤC ĐÍCH, YÊU CẦU
1. Mục đích
- Nâng cao nhận thức của các cấp, các ngành về an toàn, an ninh mạng.
- Các sở, ban, ngành phối hợp chặt chẽ trong triển khai.
2. Yêu cầu
Công an tỉnh chủ trì tổ chức thực hiện nghiêm túc, hiệu quả.
II. NHIỆM VỤ, GIẢI PHÁP
1. Tăng cường sự lãnh đạo của Đảng, quản lý của Nhà nước
a) Quán triệt sâu sắc các chủ trương của Đảng về an toàn, an ninh mạng.
b) Kiện toàn Tiểu ban An toàn, An ninh mạng tỉnh; hoàn thành trong quý III/2023.
2. Bảo vệ hệ thống thông tin của các cơ quan Đảng, Nhà nước
- Triển khai mô hình bảo vệ 4 lớp cho các hệ thống thông tin.
- Tổ chức diễn tập ứng cứu sự cố an toàn thông tin mạng hằng năm.
3. Đào tạo, phát triển nguồn nhân lực
Tổ chức tập huấn kỹ năng an toàn thông tin cho cán bộ chuyên trách.
III. TỔ CHỨC THỰC HIỆN
1. Công an tỉnh
- Chủ trì, phối hợp với Sở Thông tin và Truyền thông, Bộ CHQS tỉnh tham mưu UBND tỉnh triển khai Kế hoạch.
- Định kỳ 6 tháng, năm tổng hợp báo cáo UBND tỉnh (trước ngày 15/6 và 15/12).
2. Sở Thông tin và Truyền thông: chủ trì bảo đảm an toàn hệ thống thông tin; báo cáo kết quả trước ngày 30/11/2023.
3. Sở Tài chính tham mưu bố trí kinh phí thực hiện Kế hoạch.
4. Các sở, ban, ngành, UBND các huyện, thị xã, thành phố căn cứ Kế hoạch này xây dựng kế hoạch triển khai.
Trên đây là Kế hoạch triển khai Chiến lược An toàn, An ninh mạng quốc gia trên địa bàn tỉnh./.
Nơi nhận:
- Bộ Công an (báo cáo);
- Công an tỉnh chủ trì thực hiện;
- Các sở, ban, ngành;
- Lưu: VT, NC.
TM. ỦY BAN NHÂN DÂN
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Nguyễn Văn A
"""


def _by_text(tasks, start):
    found = [t for t in tasks if t.text.startswith(start)]
    assert found, f"no task starting with {start!r}: {[t.text[:60] for t in tasks]}"
    return found[0]


def test_province_plan_outline():
    tasks = extract_tasks(PROVINCE_PLAN, D(2023, 6, 20))
    assert [t.ordinal for t in tasks] == list(range(1, len(tasks) + 1))
    texts = [t.text for t in tasks]
    # 5 leaf items under NHIỆM VỤ, GIẢI PHÁP + 5 under TỔ CHỨC THỰC HIỆN
    assert len(tasks) == 10, texts
    assert [t.section for t in tasks] == ["NHIỆM VỤ, GIẢI PHÁP"] * 5 + ["TỔ CHỨC THỰC HIỆN"] * 5
    # MỤC ĐÍCH, YÊU CẦU items, the preamble, the closing formula and Nơi nhận give nothing
    assert not any("Nâng cao nhận thức của các cấp" in t for t in texts)
    assert not any("nghiêm túc, hiệu quả" in t for t in texts)
    assert not any("ban hành Kế hoạch" in t for t in texts)
    assert not any("Trên đây" in t or "Lưu: VT" in t for t in texts)
    # an item title with a paragraph under it is one task
    hr = _by_text(tasks, "Đào tạo, phát triển nguồn nhân lực")
    assert "tập huấn kỹ năng" in hr.text
    assert hr.evidence.startswith("3. Đào tạo") and hr.evidence.endswith("cán bộ chuyên trách.")
    # sub-items under an agency heading inherit the agency
    t = _by_text(tasks, "Chủ trì, phối hợp với Sở Thông tin")
    assert t.agencies == [(CAT, L), (SO_TTTT, S), (BCHQS, S)]
    rep = _by_text(tasks, "Định kỳ 6 tháng")
    assert rep.agencies == [(CAT, L)]
    assert {d.recurrence for d in rep.deadlines} == {"semiannual", "annual"}
    t = _by_text(tasks, "Sở Thông tin và Truyền thông: chủ trì")
    assert t.agencies == [(SO_TTTT, L)]
    assert t.deadlines == [Deadline("trước ngày 30/11/2023", D(2023, 11, 30), None)]
    assert _by_text(tasks, "Kiện toàn Tiểu ban").deadlines[0].due_date == D(2023, 9, 30)
    assert _by_text(tasks, "Tổ chức diễn tập").deadlines == [Deadline("hằng năm", None, "annual")]
    assert _by_text(tasks, "Các sở, ban, ngành, UBND").agencies == [("Các sở, ban, ngành", L), ("UBND cấp huyện", L)]
    # evidence is always text of the document
    for t in tasks:
        assert t.evidence and t.evidence in PROVINCE_PLAN


DISTRICT_PLAN = """UBND HUYỆN CẨM XUYÊN
KẾ HOẠCH
Tuyên truyền về an toàn thông tin năm 2024
I. MỤC TIÊU
Phấn đấu 100% cán bộ, công chức được tập huấn.
II. NỘI DUNG THỰC HIỆN
1. Tổ chức hội nghị quán triệt Nghị quyết số 29-NQ/TW
- Cơ quan chủ trì: Phòng Văn hóa và Thông tin huyện.
- Cơ quan phối hợp: Công an huyện, Ban CHQS huyện.
- Thời gian thực hiện: Quý II/2024.
2. Tuyên truyền trên hệ thống truyền thanh cơ sở
- Đơn vị thực hiện: Trung tâm Văn hóa - Thông tin và Thể thao huyện.
- Thời gian: Hằng tháng.
3. Kiểm tra, đánh giá kết quả thực hiện
Giao Văn phòng HĐND và UBND huyện theo dõi, tổng hợp; báo cáo UBND huyện trước ngày 10/12/2024.
III. KINH PHÍ
Kinh phí thực hiện từ nguồn ngân sách huyện năm 2024.
"""


def test_district_plan_with_attribute_lines():
    tasks = extract_tasks(DISTRICT_PLAN, D(2024, 3, 1))
    assert len(tasks) == 3
    assert all(t.section == "NỘI DUNG THỰC HIỆN" for t in tasks)
    first, second, third = tasks
    # "Cơ quan chủ trì: …", "Thời gian: …" lines belong to their item, not separate tasks
    assert first.agencies == [("Phòng Văn hóa và Thông tin", L), ("Công an cấp huyện", S), (BANCHQS_H, S)]
    assert first.deadlines == [Deadline("Thời gian thực hiện: Quý II/2024", D(2024, 6, 30), None)]
    assert second.agencies == [("Trung tâm Văn hóa - Thông tin và Thể thao huyện", L)]
    assert [d.recurrence for d in second.deadlines] == ["monthly"]
    assert third.agencies == [("Văn phòng HĐND và UBND cấp huyện", L)]
    assert third.deadlines[0].due_date == D(2024, 12, 10)


PARTY_PLAN = """HUYỆN ỦY THẠCH HÀ
KẾ HOẠCH
thực hiện Chỉ thị số 28-CT/TW của Ban Bí thư
I- MỤC ĐÍCH, YÊU CẦU
- Các cấp ủy, chính quyền quán triệt nghiêm túc Chỉ thị.
- Ban Tuyên giáo Huyện ủy chủ trì theo dõi việc thực hiện.
II- NHIỆM VỤ CỤ THỂ
1- Ban Tuyên giáo Huyện ủy chủ trì, phối hợp với Trung tâm Chính trị huyện tổ chức quán triệt Chỉ thị đến cán bộ chủ chốt, hoàn thành trước ngày 30/9/2023.
2- Các chi, đảng bộ cơ sở xây dựng kế hoạch thực hiện.
3- Giao Văn phòng Huyện ủy theo dõi, đôn đốc; định kỳ hằng quý báo cáo Ban Thường vụ Huyện ủy.
"""


def test_party_committee_plan_with_dash_numbering():
    tasks = extract_tasks(PARTY_PLAN, D(2023, 7, 1))
    assert len(tasks) == 3
    assert tasks[0].section == "NHIỆM VỤ CỤ THỂ"
    assert tasks[0].agencies == [("Ban Tuyên giáo cấp huyện", L), ("Trung tâm Chính trị huyện", S)]
    assert tasks[0].deadlines[0].due_date == D(2023, 9, 30)
    assert tasks[1].agencies == []  # a task without a recognisable agency keeps none
    assert tasks[2].agencies == [("Văn phòng cấp ủy cấp huyện", L)]
    assert [d.recurrence for d in tasks[2].deadlines] == ["quarterly"]


REPORT = """BÁO CÁO
Kết quả 5 năm thực hiện Nghị quyết số 29-NQ/TW
I. KẾT QUẢ THỰC HIỆN
1. Công tác lãnh đạo, chỉ đạo
Ban Thường vụ Tỉnh ủy đã ban hành Kế hoạch số 12-KH/TU. Công an tỉnh chủ trì, phối hợp với Sở TT&TT tổ chức 3 cuộc diễn tập.
2. Hạn chế
Sở TT&TT chưa bố trí đủ nhân lực chuyên trách.
II. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI
1. Tiếp tục tuyên truyền Nghị quyết số 29-NQ/TW.
2. Công an tỉnh chủ trì, phối hợp với Bộ Chỉ huy Quân sự tỉnh đấu tranh, phản bác thông tin xấu độc.
III. ĐỀ XUẤT, KIẾN NGHỊ
Đề nghị Bộ Công an hỗ trợ trang thiết bị cho lực lượng chuyên trách.
"""


def test_report_results_are_not_tasks_but_the_way_forward_is():
    tasks = extract_tasks(REPORT)
    assert [t.text for t in tasks] == [
        "Tiếp tục tuyên truyền Nghị quyết số 29-NQ/TW.",
        "Công an tỉnh chủ trì, phối hợp với Bộ Chỉ huy Quân sự tỉnh đấu tranh, phản bác thông tin xấu độc.",
    ]
    assert tasks[1].agencies == [(CAT, L), (BCHQS, S)]
    assert tasks[0].section == "PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI"


MILITARY_PLAN = """BỘ CHỈ HUY QUÂN SỰ TỈNH NGHỆ AN
KẾ HOẠCH
Thực hiện Nghị quyết số 29-NQ/TW
MỤC ĐÍCH, YÊU CẦU
Các cơ quan, đơn vị nâng cao nhận thức cho cán bộ, chiến sĩ.
NHIỆM VỤ TRỌNG TÂM
Các cơ quan, đơn vị tổ chức học tập, quán triệt Nghị quyết đến 100% cán bộ, chiến sĩ.
Phòng Chính trị chủ trì xây dựng lực lượng 47 vững mạnh, đấu tranh phản bác quan điểm sai trái trên không gian mạng.
Ban CHQS các huyện, thành phố, thị xã phối hợp với Công an cùng cấp nắm tình hình.
"""


def test_unnumbered_capitals_headings_and_paragraphs():
    tasks = extract_tasks(MILITARY_PLAN)
    assert len(tasks) == 3
    assert {t.section for t in tasks} == {"NHIỆM VỤ TRỌNG TÂM"}
    assert tasks[0].agencies == [("Các cơ quan, đơn vị", L)]
    assert tasks[1].agencies == [("Phòng Chính trị", L)]
    assert tasks[2].agencies == [(BANCHQS_H, L)]


COMMUNE_PLAN = """UBND XÃ THẠCH KIM
KẾ HOẠCH
Phòng, chống lừa đảo trên không gian mạng năm 2024
1. Mục đích, yêu cầu
Nâng cao cảnh giác của Nhân dân trước thủ đoạn lừa đảo.
2. Nhiệm vụ
2.1. Công an xã chủ trì, phối hợp với Đài truyền thanh xã tuyên truyền trên loa truyền thanh hằng tuần.
2.2. Đoàn Thanh niên xã thành lập tổ công nghệ số cộng đồng.
3. Tổ chức thực hiện
Các thôn xây dựng kế hoạch thực hiện; báo cáo UBND xã trước ngày 25/12/2024.
"""


def test_commune_plan_with_arabic_sections():
    tasks = extract_tasks(COMMUNE_PLAN, D(2024, 2, 1))
    texts = [t.text for t in tasks]
    assert len(tasks) == 3, texts
    assert tasks[0].section == "Nhiệm vụ"
    assert tasks[0].agencies == [("Công an cấp xã", L), ("Đài truyền thanh xã", S)]
    assert [d.recurrence for d in tasks[0].deadlines] == ["weekly"]
    assert tasks[2].section == "Tổ chức thực hiện"
    assert tasks[2].deadlines[0].due_date == D(2024, 12, 25)
    assert not any("cảnh giác" in t for t in texts)


REPORT_PARTS = """PHẦN I: KẾT QUẢ THỰC HIỆN
1. Công tác tuyên truyền
Sở TT&TT chủ trì tổ chức 20 lớp tập huấn.
PHẦN II: NHIỆM VỤ TRỌNG TÂM NĂM 2024
1. Nhiệm vụ chung
1.1. Tiếp tục quán triệt Nghị quyết số 29-NQ/TW.
1.2. Công an tỉnh chủ trì nắm tình hình, đấu tranh với các hoạt động lợi dụng không gian mạng.
2. Nhiệm vụ cụ thể
a) Sở Thông tin và Truyền thông:
- Hướng dẫn các cơ quan triển khai giám sát an toàn thông tin.
- Tổ chức diễn tập trong tháng 10/2024.
b) Sở Tài chính: bố trí kinh phí.
"""


def test_parts_nested_numbering_and_agency_subheadings():
    tasks = extract_tasks(REPORT_PARTS, D(2024, 1, 15))
    assert [t.text for t in tasks] == [
        "Tiếp tục quán triệt Nghị quyết số 29-NQ/TW.",
        "Công an tỉnh chủ trì nắm tình hình, đấu tranh với các hoạt động lợi dụng không gian mạng.",
        "Hướng dẫn các cơ quan triển khai giám sát an toàn thông tin.",
        "Tổ chức diễn tập trong tháng 10/2024.",
        "Sở Tài chính: bố trí kinh phí.",
    ]
    assert [t.section for t in tasks] == ["Nhiệm vụ chung"] * 2 + ["Nhiệm vụ cụ thể"] * 3
    assert [t.agencies for t in tasks[2:]] == [[(SO_TTTT, L)], [(SO_TTTT, L)], [("Sở Tài chính", L)]]
    assert tasks[3].deadlines == [Deadline("trong tháng 10/2024", D(2024, 10, 31), None)]


DIRECTIVE = """CHỈ THỊ
Về tăng cường bảo đảm an toàn thông tin mạng trên địa bàn tỉnh
Thời gian qua, tình hình mất an toàn thông tin diễn biến phức tạp. Năm 2023, Công an tỉnh phát hiện 25 vụ tấn công mạng.
Để khắc phục tình trạng trên, Chủ tịch UBND tỉnh yêu cầu:
1. Thủ trưởng các sở, ban, ngành, Chủ tịch UBND các huyện, thị xã, thành phố chịu trách nhiệm bảo đảm an toàn thông tin tại đơn vị.
2. Tăng cường tuyên truyền nâng cao nhận thức về an toàn thông tin.
3. Sở Thông tin và Truyền thông chủ trì kiểm tra việc thực hiện Chỉ thị; báo cáo Chủ tịch UBND tỉnh trước ngày 15/12/2024.
Đây là Chỉ thị quan trọng, yêu cầu các đơn vị nghiêm túc thực hiện./.
"""


def test_directive_items_after_yeu_cau_are_tasks():
    tasks = extract_tasks(DIRECTIVE, D(2024, 1, 15))
    assert len(tasks) == 3
    assert tasks[0].agencies == [("Thủ trưởng các sở, ban, ngành", L), ("Chủ tịch UBND cấp huyện", L)]
    assert tasks[1].agencies == []  # the chairman asking is not the lead
    assert tasks[2].text.endswith("trước ngày 15/12/2024.")  # the closing formula is not part of it
    assert not any("25 vụ" in t.text for t in tasks)


DECISION = """QUYẾT ĐỊNH
Ban hành Quy chế bảo đảm an toàn thông tin mạng
Điều 1. Ban hành kèm theo Quyết định này Quy chế bảo đảm an toàn thông tin mạng trong hoạt động của cơ quan nhà nước.
Điều 2. Tổ chức thực hiện
1. Sở Thông tin và Truyền thông chủ trì hướng dẫn, kiểm tra việc thực hiện Quy chế.
2. Các sở, ban, ngành, UBND các huyện có trách nhiệm triển khai Quy chế tại đơn vị.
Điều 3. Quyết định này có hiệu lực kể từ ngày ký.
Chánh Văn phòng UBND tỉnh, Giám đốc các sở, Thủ trưởng các ban, ngành chịu trách nhiệm thi hành Quyết định này./.
"""


def test_decision_articles():
    tasks = extract_tasks(DECISION)
    assert [t.agencies for t in tasks] == [[(SO_TTTT, L)], [("Các sở, ban, ngành", L), ("UBND cấp huyện", L)]]
    assert {t.section for t in tasks} == {"Tổ chức thực hiện"}


def test_reported_results_in_a_news_item_are_not_tasks():
    text = ("Sơ kết 5 năm thực hiện Nghị quyết 29\n"
            "Qua 5 năm, Công an tỉnh chủ trì tổ chức 12 cuộc diễn tập, phát hiện 40 vụ vi phạm.\n"
            "Năm 2023, Sở TT&TT phối hợp với Công an tỉnh rà soát 300 hệ thống thông tin.\n"
            "Thời gian tới, Công an tỉnh chủ trì, phối hợp với Sở TT&TT tiếp tục nắm chắc tình hình.\n")
    tasks = extract_tasks(text)
    assert [t.agencies for t in tasks] == [[(CAT, L), (SO_TTTT, S)]]
    assert tasks[0].text.startswith("Thời gian tới")


WORD_TABLE = """PHỤ LỤC
PHÂN CÔNG NHIỆM VỤ
(Kèm theo Kế hoạch số 215/KH-UBND ngày 20/6/2023 của UBND tỉnh)
TT
Nội dung nhiệm vụ
Cơ quan chủ trì
Cơ quan phối hợp
Thời gian hoàn thành
I
Nhiệm vụ chung
1
Tổ chức hội nghị quán triệt Nghị quyết số 29-NQ/TW
Ban Tuyên giáo Tỉnh ủy
Sở TT&TT, Công an tỉnh
Quý III/2023
2
Xây dựng quy chế bảo đảm an toàn thông tin
Sở Thông tin và Truyền thông
Các sở, ban, ngành
Năm 2024
3
Diễn tập ứng cứu sự cố an toàn thông tin
Thực hiện theo kịch bản của Bộ
Công an tỉnh
Bộ CHQS tỉnh
Hằng năm
"""

WEB_TABLE = """Kế hoạch triển khai
| TT | Nội dung | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian |
|---|---|---|---|---|
| 1 | Tổ chức hội nghị quán triệt | Sở TT&TT | Công an tỉnh | Quý II/2024 |
| 2 | Rà soát hệ thống thông tin | Công an tỉnh | Các sở, ngành | Thường xuyên |
Đoạn kết của bài viết.
"""


def test_task_table_from_a_word_file():
    tasks = extract_tasks(WORD_TABLE, D(2023, 6, 20))
    assert [t.text for t in tasks] == [
        "Tổ chức hội nghị quán triệt Nghị quyết số 29-NQ/TW",
        "Xây dựng quy chế bảo đảm an toàn thông tin",
        "Diễn tập ứng cứu sự cố an toàn thông tin Thực hiện theo kịch bản của Bộ",
    ]
    assert tasks[0].agencies == [("Ban Tuyên giáo Tỉnh ủy", L), (SO_TTTT, S), (CAT, S)]
    assert tasks[0].deadlines[0].due_date == D(2023, 9, 30)
    assert tasks[1].agencies == [(SO_TTTT, L), ("Các sở, ban, ngành", S)]
    assert tasks[1].deadlines[0].due_date == D(2024, 12, 31)
    assert tasks[2].agencies == [(CAT, L), (BCHQS, S)]
    assert [d.recurrence for d in tasks[2].deadlines] == ["annual"]
    assert all(t.evidence in WORD_TABLE and t.section == "PHÂN CÔNG NHIỆM VỤ" for t in tasks)


def test_task_table_from_a_web_page():
    tasks = extract_tasks(WEB_TABLE, D(2024, 1, 1))
    assert [(t.text, t.agencies) for t in tasks] == [
        ("Tổ chức hội nghị quán triệt", [(SO_TTTT, L), (CAT, S)]),
        ("Rà soát hệ thống thông tin", [(CAT, L), ("Các sở, ban, ngành", S)]),
    ]
    assert tasks[0].deadlines[0].due_date == D(2024, 6, 30)
    assert tasks[0].evidence == "| 1 | Tổ chức hội nghị quán triệt | Sở TT&TT | Công an tỉnh | Quý II/2024 |"


AUTONUMBERED = """KẾ HOẠCH
Triển khai Nghị quyết số 29-NQ/TW
MỤC ĐÍCH, YÊU CẦU
Mục đích
Nâng cao nhận thức của cán bộ, đảng viên.
Yêu cầu
Các sở, ngành phối hợp chặt chẽ.
NHIỆM VỤ, GIẢI PHÁP
Tăng cường công tác tuyên truyền về bảo vệ Tổ quốc trên không gian mạng.
Tổ chức diễn tập ứng cứu sự cố hằng năm.
Kinh phí thực hiện
Kinh phí thực hiện từ nguồn ngân sách nhà nước.
TỔ CHỨC THỰC HIỆN
Công an tỉnh
Chủ trì, phối hợp với Sở TT&TT theo dõi, đôn đốc việc thực hiện.
Định kỳ hằng năm báo cáo UBND tỉnh.
Sở Tài chính:
Bố trí kinh phí thực hiện.
"""


def test_word_automatic_numbering_lost():
    """Word's list numbers are not part of the text: headings and items come unnumbered."""
    tasks = extract_tasks(AUTONUMBERED)
    assert [(t.text, t.agencies) for t in tasks] == [
        ("Tăng cường công tác tuyên truyền về bảo vệ Tổ quốc trên không gian mạng.", []),
        ("Tổ chức diễn tập ứng cứu sự cố hằng năm.", []),
        ("Chủ trì, phối hợp với Sở TT&TT theo dõi, đôn đốc việc thực hiện.", [(CAT, L), (SO_TTTT, S)]),
        ("Định kỳ hằng năm báo cáo UBND tỉnh.", [(CAT, L)]),
        ("Bố trí kinh phí thực hiện.", [("Sở Tài chính", L)]),
    ]


def test_list_of_documents_belongs_to_its_item():
    text = ("II. NHIỆM VỤ\n1. Tổ chức quán triệt các văn bản sau:\n- Luật An ninh mạng năm 2018;\n"
            "- Nghị định số 53/2022/NĐ-CP.\n2. Rà soát hệ thống thông tin.\n")
    tasks = extract_tasks(text)
    assert [t.text for t in tasks] == [
        "Tổ chức quán triệt các văn bản sau: Luật An ninh mạng năm 2018; Nghị định số 53/2022/NĐ-CP.",
        "Rà soát hệ thống thông tin.",
    ]


@pytest.mark.parametrize("text, items", [
    ("Kế hoạch nêu các nhiệm vụ trọng tâm: 1. Tăng cường tuyên truyền; 2. Hoàn thiện thể chế; 3. Bảo vệ dữ liệu.",
     ["Tăng cường tuyên truyền", "Hoàn thiện thể chế", "Bảo vệ dữ liệu"]),
    ("Các giải pháp gồm: a) Kiện toàn tổ chức; b) Đào tạo nhân lực; c) Bố trí kinh phí.",
     ["Kiện toàn tổ chức", "Đào tạo nhân lực", "Bố trí kinh phí"]),
    ("Nhiệm vụ trọng tâm: 1) Rà soát hệ thống; 2) Diễn tập ứng cứu sự cố.", ["Rà soát hệ thống", "Diễn tập ứng cứu sự cố"]),
])
def test_enumeration_styles(text, items):
    assert [t.text for t in extract_tasks(text)] == items


OFFICIAL_LETTER = """ỦY BAN NHÂN DÂN                      CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
TỈNH NINH THUẬN                      Độc lập - Tự do - Hạnh phúc
Số: 3120/UBND-KGVX                   Ninh Thuận, ngày 02 tháng 8 năm 2023
V/v tăng cường bảo đảm an toàn thông tin trong các cơ quan nhà nước
Kính gửi:
- Các sở, ban, ngành thuộc tỉnh;
- UBND các huyện, thành phố.
Thực hiện Chỉ thị số 09/CT-TTg của Thủ tướng Chính phủ, Ủy ban nhân dân tỉnh yêu cầu các cơ quan, đơn vị thực hiện tốt các nội dung sau:
1. Rà soát, cập nhật phương án bảo đảm an toàn hệ thống thông tin; hoàn thành trong tháng 9/2023.
2. Sở Thông tin và Truyền thông:
- Chủ trì kiểm tra an toàn thông tin tại một số cơ quan, đơn vị.
- Tham mưu UBND tỉnh tổ chức diễn tập trong quý IV/2023.
3. Công an tỉnh chủ động nắm tình hình, xử lý nghiêm các hành vi vi phạm.
Yêu cầu các cơ quan, đơn vị nghiêm túc triển khai thực hiện; trong quá trình thực hiện nếu có vướng mắc, báo cáo về UBND tỉnh (qua Sở Thông tin và Truyền thông) để được hướng dẫn./.
Nơi nhận:                            KT. CHỦ TỊCH
- Như trên;                          PHÓ CHỦ TỊCH
- Lưu: VT.
"""


def test_official_letter():
    tasks = extract_tasks(OFFICIAL_LETTER, D(2023, 8, 2))
    assert [t.text[:40] for t in tasks] == [
        "Rà soát, cập nhật phương án bảo đảm an t",
        "Chủ trì kiểm tra an toàn thông tin tại m",
        "Tham mưu UBND tỉnh tổ chức diễn tập tron",
        "Công an tỉnh chủ động nắm tình hình, xử ",
    ]
    # the agencies the letter asks ("yêu cầu các cơ quan, đơn vị …") lead the items without one
    assert tasks[0].agencies == [("Các cơ quan, đơn vị", L)]
    assert tasks[0].deadlines[0].due_date == D(2023, 9, 30)
    assert tasks[1].agencies == tasks[2].agencies == [(SO_TTTT, L)]
    assert tasks[2].deadlines[0].due_date == D(2023, 12, 31)
    assert tasks[3].agencies == [(CAT, L)]
    # the subject line "V/v …", the addressees and the two-column header are not tasks or sections
    assert all(t.section is None for t in tasks)


PARTY_DIRECTIVE = """TỈNH ỦY YÊN BÁI                  ĐẢNG CỘNG SẢN VIỆT NAM
CHỈ THỊ
của Ban Thường vụ Tỉnh ủy về bảo đảm an ninh mạng
Ban Thường vụ Tỉnh ủy yêu cầu các cấp ủy, tổ chức đảng thực hiện tốt một số nhiệm vụ sau:
1. Nâng cao trách nhiệm của người đứng đầu trong bảo đảm an ninh mạng.
2. Đảng ủy Công an tỉnh chỉ đạo nắm chắc tình hình; Ban Tuyên giáo Tỉnh ủy chủ trì định hướng thông tin.
3. Ban cán sự đảng UBND tỉnh lãnh đạo bố trí kinh phí cho công tác bảo đảm an ninh mạng.
Chỉ thị này được phổ biến đến chi bộ. Văn phòng Tỉnh ủy chủ trì, phối hợp với Ban Tuyên giáo Tỉnh ủy theo dõi, đôn đốc việc thực hiện.
"""


def test_party_directive_and_the_paragraph_after_its_items():
    tasks = extract_tasks(PARTY_DIRECTIVE)
    assert [t.agencies for t in tasks] == [
        [],
        [("Đảng ủy Công an tỉnh", L), ("Ban Tuyên giáo Tỉnh ủy", L)],
        [("Ban cán sự đảng UBND tỉnh", L)],
        [("Văn phòng Tỉnh ủy", L), ("Ban Tuyên giáo Tỉnh ủy", S)],
    ]
    # the closing paragraph is a task of its own, not part of item 3
    assert tasks[2].text == "Ban cán sự đảng UBND tỉnh lãnh đạo bố trí kinh phí cho công tác bảo đảm an ninh mạng."


CITY_NEWS = """Thành phố Vinh triển khai Chiến lược An toàn, An ninh mạng quốc gia
(Baonghean.vn) - UBND thành phố Vinh vừa ban hành Kế hoạch số 210/KH-UBND triển khai Quyết định số 964/QĐ-TTg.
UBND thành phố giao Công an thành phố chủ trì, phối hợp với Phòng Văn hóa và Thông tin tham mưu triển khai các nội dung về an ninh mạng. Công an thành phố cũng sẽ hướng dẫn các doanh nghiệp trên địa bàn bảo vệ dữ liệu.
Phòng Văn hóa và Thông tin được giao theo dõi, hướng dẫn nội dung an toàn thông tin mạng.
Sáng 14/3, Ban Chỉ huy Quân sự thành phố tổ chức tập huấn cho dân quân.
"""


def test_news_of_a_provincial_city():
    tasks = extract_tasks(CITY_NEWS)
    assert [t.agencies for t in tasks] == [
        [("Công an cấp huyện", L), ("Phòng Văn hóa và Thông tin", S)],  # "thành phố" is Vinh, not the province
        [("Phòng Văn hóa và Thông tin", L)],
    ]
    # "Công an thành phố cũng sẽ …" continues the same task; the headline and the reported
    # event ("Sáng 14/3, …") are not tasks
    assert tasks[0].text.endswith("bảo vệ dữ liệu.")
    # without the document, "Công an thành phố" reads as a centrally-run city's police
    assert assign_agencies("Công an thành phố chủ trì nắm tình hình.") == [(CAT, L)]


def test_enumeration_inside_a_sentence_is_split():
    text = ("Kế hoạch đề ra các nhiệm vụ, giải pháp chủ yếu, gồm: (1) Tăng cường vai trò lãnh đạo của Đảng; "
            "(2) Hoàn thiện văn bản về an toàn, an ninh mạng; (3) Hợp tác quốc tế.")
    tasks = extract_tasks(text)
    assert [t.text for t in tasks] == ["Tăng cường vai trò lãnh đạo của Đảng",
                                       "Hoàn thiện văn bản về an toàn, an ninh mạng", "Hợp tác quốc tế"]
    assert tasks[0].evidence == "(1) Tăng cường vai trò lãnh đạo của Đảng;"
    assert all(t.evidence in text for t in tasks)


def test_enumeration_of_objectives_is_not_split():
    text = "Mục tiêu đến năm 2025: (1) 100% cán bộ được tập huấn; (2) 100% hệ thống thông tin được phân loại."
    assert extract_tasks(text) == []


def test_enumeration_with_agency_in_the_lead_in():
    text = "Giao Công an tỉnh chủ trì thực hiện các nội dung: (1) nắm tình hình trên mạng; (2) xử lý tin giả."
    tasks = extract_tasks(text)
    assert len(tasks) == 2
    assert all(t.agencies == [(CAT, L)] for t in tasks)


def test_recipients_and_signature_give_no_tasks():
    text = ("Nơi nhận:\n- Sở TT&TT chủ trì thực hiện;\n- Công an tỉnh phối hợp;\n- Lưu: VT.\n"
            "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nLê Văn B")
    assert extract_tasks(text) == []


NEWS = """Trang chủ
Chia sẻ
Quảng Bình triển khai Chiến lược bảo vệ Tổ quốc trên không gian mạng
(Baoquangbinh.vn) - Sáng 12/5, UBND tỉnh tổ chức hội nghị triển khai Kế hoạch số 889/KH-UBND. Đồng chí Phó Chủ tịch UBND tỉnh chủ trì hội nghị.
Theo kế hoạch, Sở Thông tin và Truyền thông chủ trì, phối hợp với Công an tỉnh, Đài Phát thanh và Truyền hình tỉnh, Báo Quảng Bình đẩy mạnh tuyên truyền. Đồng thời hướng dẫn các cơ quan rà soát hệ thống thông tin.
Dự hội nghị có lãnh đạo Công an tỉnh, Bộ CHQS tỉnh.
Đảng ủy Quân sự tỉnh đã phối hợp với Công an tỉnh tổ chức 2 cuộc diễn tập.
UBND tỉnh giao Công an tỉnh chủ trì xây dựng phương án bảo vệ bí mật nhà nước trên không gian mạng.
Tin liên quan
Công an tỉnh chủ trì, phối hợp với Sở TT&TT tổ chức hội thảo về an ninh mạng
Bình luận
Họ tên:(*)
"""


def test_news_item_assignment_sentences():
    tasks = extract_tasks(NEWS)
    assert len(tasks) == 2
    first, second = tasks
    assert first.section is None
    assert first.agencies == [(SO_TTTT, L), (CAT, S), ("Đài Phát thanh và Truyền hình tỉnh", S), ("Báo Quảng Bình", S)]
    # the sentence after it, without a subject of its own, belongs to the same task
    assert first.text.endswith("rà soát hệ thống thông tin.")
    assert first.evidence.startswith("Theo kế hoạch, Sở Thông tin") and first.evidence.endswith("đẩy mạnh tuyên truyền.")
    assert second.agencies == [(CAT, L)]


def test_same_sentence_twice_is_one_task():
    text = ("III. TỔ CHỨC THỰC HIỆN\n1. Sở Nội vụ tổ chức tập huấn.\n2. Sở Nội vụ tổ chức tập huấn.\n")
    tasks = extract_tasks(text)
    assert [t.ordinal for t in tasks] == [1]


def test_broken_pdf_lines_are_joined_in_the_task_text():
    text = ("II. NHIỆM VỤ, GIẢI PHÁP\n1. Tuyên truyền Luật An ninh\n\nmạng đến cán bộ.\n"
            "2. Rà soát hệ thống thông tin.\n")
    tasks = extract_tasks(text)
    assert [t.text for t in tasks] == ["Tuyên truyền Luật An ninh mạng đến cán bộ.", "Rà soát hệ thống thông tin."]


def test_long_task_text_is_clipped():
    text = "II. NHIỆM VỤ, GIẢI PHÁP\n1. " + "Tăng cường tuyên truyền về an toàn thông tin, " * 40 + "đạt hiệu quả."
    t = extract_tasks(text)[0]
    assert len(t.text) <= 600 and t.text.endswith("…")
    assert t.evidence in text


def test_empty_text():
    assert extract_tasks("") == []
    assert extract_tasks("   \n ") == []


# --------------------------------------------------------------------------- the seed documents

def _seed(prefix: str) -> str:
    path = next(RAW.glob(prefix + "_*.txt"))
    return clean_text(path.read_text(encoding="utf-8"))


def test_seed_003_department_plan():
    text = _seed("003")
    tasks = extract_tasks(text, D(2023, 4, 14))
    by_section: dict[str | None, list] = {}
    for t in tasks:
        by_section.setdefault(t.section, []).append(t)
    assert set(by_section) == {"NHIỆM VỤ, GIẢI PHÁP", "TỔ CHỨC THỰC HIỆN"}
    nv = by_section["NHIỆM VỤ, GIẢI PHÁP"]
    assert len(nv) == 6
    assert [t.evidence.split(".")[0] for t in nv] == ["1", "2", "3", "4", "5", "6"]
    assert nv[0].text.startswith("Nâng cao nhận thức, phát huy vai trò")
    assert "Luật An ninh Quốc gia" in nv[0].text  # a PDF line break inside the sentence
    tc = by_section["TỔ CHỨC THỰC HIỆN"]
    assert len(tc) == 2
    assert tc[0].agencies == [("Trưởng các phòng, đơn vị trực thuộc Sở", L)]
    assert tc[1].agencies[0] == ("Văn phòng Sở", L)
    assert ("Công an tỉnh", L) not in tc[1].agencies  # "(qua Công an tỉnh)" is no role
    assert [t.ordinal for t in tasks] == list(range(1, 9))
    assert all(t.evidence in text for t in tasks)
    # MỤC ĐÍCH, YÊU CẦU, the preamble and Nơi nhận give no task
    assert not any("Tăng cường sự phối hợp lãnh đạo" in t.text for t in tasks)
    assert not any("Sở Công Thương ban hành" in t.text for t in tasks)


def test_seed_004_news_summary_of_a_plan():
    text = _seed("004")
    tasks = extract_tasks(text, D(2023, 5, 11))
    leads = {a for t in tasks for a, r in t.agencies if r == L}
    assert {CAT, SO_TTTT, "Sở Tài chính", "UBND cấp huyện", "Các sở, ban, ngành"} <= leads
    ca = [t for t in tasks if (CAT, L) in t.agencies]
    assert len(ca) == 1 and ("Các sở, ban, ngành", S) in ca[0].agencies
    assert not any(a == "Chủ tịch UBND tỉnh" for t in tasks for a, _ in t.agencies)
    annual = [d for t in tasks for d in t.deadlines if d.recurrence == "annual"]
    assert annual == [Deadline("Định kỳ hàng năm (trước ngày 15/11)", None, "annual")]
    # the ten groups of tasks "(1) … (10)" are split
    enum = [t for t in tasks if t.evidence.startswith("(")]
    assert len(enum) == 10 and enum[8].text == "Hợp tác quốc tế"
    # page furniture ("Liên kết website", "Lượt truy cập") and the byline are not tasks
    assert not any("truy cập" in t.text or "Lê Nguyễn Trọng Xuân" in t.text for t in tasks)


@pytest.mark.parametrize("prefix, expected_leads", [
    ("000", {"Ban Tuyên giáo cấp huyện", "Phòng Văn hóa và Thông tin", "Công an cấp huyện"}),
    ("001", set()),
])
def test_seed_news_items(prefix, expected_leads):
    tasks = extract_tasks(_seed(prefix))
    leads = {a for t in tasks for a, r in t.agencies if r == L}
    assert expected_leads <= leads
    # the person chairing the conference is not an agency given a task
    assert "Bộ Chỉ huy Quân sự tỉnh" not in leads
    for t in tasks:
        assert not any(w in t.text for w in ("Viết bình luận", "Mã xác nhận", "Các bài mới đăng"))


def test_speed():
    text = _seed("003") + "\n" + _seed("004") + "\n" + PROVINCE_PLAN
    started = time.perf_counter()
    for _ in range(20):
        extract_tasks(text, D(2023, 5, 11))
    assert (time.perf_counter() - started) / 20 < 0.25


# --------------------------------------------------------------------------- fast paths
# The quick versions of helpers (tests before slow regex scans, work done in C) must give
# exactly what the plain versions give.

def _samples() -> list[str]:
    import random
    rnd = random.Random(7)
    lines = [ln for f in sorted(RAW.glob("*.txt")) for ln in clean_text(f.read_text(encoding="utf-8")).split("\n")]
    lines += [PROVINCE_PLAN.replace("\n", " ")]
    alphabet = list("qQoOuUaàáảãạèéẻẽẹỳýỷỹỵ n1²_.;!?\"”’)TPpĐ/cvSGH \u00a0\t") + [
        "TP.", "v.v.", "Đ/c.", "ThS.", " đ", "..", "hoà", "Hoá", "uỷ", "quý", "thuỷ"]
    lines += ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 30))) for _ in range(20000)]
    return lines


def test_new_tone_matches_the_plain_rule():
    import re
    import unicodedata
    from etl.extract.agencies import _TONE_MOVE, lower_key, new_tone
    old = re.compile(r"(?<![qQ])([oO])([àáảãạèéẻẽẹ])|(?<![qQ])([uU])([ỳýỷỹỵ])")

    def plain(m: re.Match) -> str:
        end = m.end()
        if end < len(m.string) and m.string[end].isalpha():
            return m.group(0)
        base, mark = _TONE_MOVE[m.group(2) or m.group(4)]
        return unicodedata.normalize("NFC", (m.group(1) or m.group(3)) + mark) + base

    for s in _samples():
        assert new_tone(s) == old.sub(plain, s), s
    assert lower_key("Tỉnh Uỷ, Quý, HOÀ, hoàn, hoà², thuỷ") == "tỉnh ủy, quý, hòa, hoàn, hòa², thủy"


def test_sentence_spans_match_etl_text_sentences():
    from etl.extract.tasks import _sentence_spans
    from etl.text import sentences
    for s in _samples():
        assert _sentence_spans(s) == [(x.start, x.start + len(x.text)) for x in sentences(s)], s


def test_quick_tests_match_the_regexes():
    import re
    from etl.extract.agencies import lower_key
    from etl.extract.tasks import _BOILER, _HEADER, _is_boiler, _is_header, _mostly_upper, _tidy

    def mostly_upper(s: str) -> bool:
        letters = [c for c in s if c.isalpha()]
        return len(letters) >= 6 and sum(c.isupper() for c in letters) / len(letters) > 0.7

    extra = ["CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "ĐẢNG CỘNG SẢN VIỆT NAM",
             "(Kèm theo Kế hoạch số 12)", "Trên đây là Kế hoạch …", "Chánh Văn phòng … chịu trách nhiệm thi hành Quyết định này.",
             "Yêu cầu các sở, ngành nghiêm túc triển khai thực hiện.", "Quá trình thực hiện, nếu có vướng mắc",
             "ỦY BAN NHÂN DÂN TỈNH", "UBND tỉnh Ǆ ǅ Ⅳ Ⓐ", "ABCDEFGH" + "ⓐ" * 20, "ⅰⅱⅲ ABCDEFG ªªª"]
    for s in _samples() + extra:
        k = lower_key(s)
        assert _is_boiler(k) == bool(_BOILER.match(k)), s
        assert _is_header(s, k) == bool(_HEADER.search(s)), s
        assert _mostly_upper(s) == mostly_upper(s), s
        assert _tidy(s) == re.sub(r"\s+", " ", s).strip(), s


def test_agency_heads_by_prefix():
    # every match of a head starts with the first two characters of one of its words, so the
    # dispatch table by those two characters loses none
    from etl.extract.agencies import _HEAD_SPECS, _HEADS, _HEADS_AT, _WORDS, lower_key
    from etl.extract.rx import first_chars
    keys = [lower_key(s) for s in _samples()[:2000]]
    for (rx, kind), (group, _, _) in zip(_HEADS, _HEAD_SPECS):
        pre = first_chars(_WORDS[group])
        assert all((rx, kind) in _HEADS_AT[p2] for p2 in pre)
        for k in keys:
            for p in range(len(k)):
                m = rx.match(k, p)
                if m:
                    assert k[p:p + 2] in pre, (rx.pattern, k[p:])
