"""Task-category coverage (etl.extract.coverage) with the cue phrases of
data/reference/task_categories.csv and the rules of coverage_rules.csv: one positive and one
negative snippet per category at least, plus masking (quotes, cited titles, agency names),
citation lines, the labelling conventions (scope, paired cues, vetoes), skipping and ranking."""
from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from etl.extract import coverage
from etl.extract.agencies import lower_key
from etl.extract.coverage import Coverage, extract_coverage
from etl.reference import load_reference
from etl.text import clean_text

RAW = Path(__file__).resolve().parents[1] / "data" / "raw"


@pytest.fixture(scope="module")
def cues() -> dict[str, tuple[str, ...]]:
    return load_reference().category_cues


@pytest.fixture(scope="module")
def rules() -> tuple[coverage.Rule, ...]:
    return load_reference().coverage_rules


def codes(text: str, cues, rules=()) -> set[str]:
    return {c.category_code for c in extract_coverage(text, cues, rules=rules)}


# the title of a text about cyber security: generic groups (awareness, funding …) count in it
CYBER = "KẾ HOẠCH BẢO ĐẢM AN TOÀN THÔNG TIN MẠNG NĂM 2024\n"


POSITIVE = [
    ("LEAD", "Tăng cường sự lãnh đạo của Đảng, hiệu lực quản lý nhà nước đối với công tác bảo đảm an ninh mạng."),
    ("LEAD", "Kiện toàn Ban Chỉ đạo về chuyển đổi số và bảo đảm an toàn thông tin của tỉnh."),
    ("LEAD", "Đề cao trách nhiệm người đứng đầu cơ quan, đơn vị trong bảo đảm an toàn thông tin."),
    ("LEGAL", "Rà soát, sửa đổi, bổ sung quy chế bảo đảm an toàn thông tin mạng trong hoạt động của cơ quan nhà nước."),
    ("LEGAL", "Xây dựng, ban hành quy chế phối hợp giữa Công an tỉnh và Sở Thông tin và Truyền thông."),
    ("LEGAL", "Rà soát, hoàn thiện quy chế phối hợp xử lý thông tin xấu độc."),
    ("AWARE", "Đẩy mạnh tuyên truyền, phổ biến Luật An ninh mạng đến cán bộ, đảng viên và Nhân dân."),
    ("AWARE", "Tổ chức học tập, quán triệt Nghị quyết đến 100% cán bộ chủ chốt."),
    ("COUNTER", "Chủ động đấu tranh, phản bác các quan điểm sai trái, thù địch trên không gian mạng."),
    ("COUNTER", "Kịp thời phát hiện, gỡ bỏ tin giả, thông tin sai sự thật trên mạng xã hội."),
    ("COUNTER", "Đoàn viên đấu tranh với những luận điệu xuyên tạc trên mạng."),
    ("SOVEREIGN", "Bảo vệ chủ quyền quốc gia trên không gian mạng, gắn với xây dựng khu vực phòng thủ tỉnh."),
    ("SOVEREIGN", "Phối hợp xây dựng lực lượng tác chiến không gian mạng của lực lượng vũ trang tỉnh."),
    ("INFRA", "Phân loại, xác định cấp độ an toàn hệ thống thông tin và triển khai mô hình bảo vệ 4 lớp."),
    ("INFRA", "Bảo vệ hạ tầng số, nền tảng số và cơ sở dữ liệu dùng chung của tỉnh."),
    ("INFRA", "Cài đặt phần mềm phòng, chống mã độc cho máy chủ và máy trạm."),
    ("INCIDENT", "Tổ chức diễn tập ứng cứu sự cố an toàn thông tin mạng cấp tỉnh."),
    ("INCIDENT", "Kiện toàn Đội ứng cứu sự cố, sẵn sàng khắc phục sự cố khi bị tấn công."),
    ("INCIDENT", "Phát hiện, xử lý kịp thời các sự cố, tấn công mạng."),
    ("CRIME", "Đấu tranh, phòng chống tội phạm sử dụng công nghệ cao, lừa đảo chiếm đoạt tài sản trên mạng."),
    ("CRIME", "Xử lý nghiêm các hành vi vi phạm pháp luật trên không gian mạng."),
    ("INTERNAL", "Không để xảy ra lộ, lọt bí mật nhà nước trên không gian mạng."),
    ("INTERNAL", "Xây dựng kế hoạch bảo vệ chính trị nội bộ trên không gian mạng."),
    ("TRUST", "Xây dựng môi trường mạng lành mạnh, thực hiện Bộ Quy tắc ứng xử trên mạng xã hội."),
    ("TRUST", "Tạo lập niềm tin số, phát triển văn hóa số trong Nhân dân."),
    ("TRUST", "Hướng dẫn thanh niên sử dụng mạng xã hội có trách nhiệm."),
    ("TECH", "Ưu tiên sử dụng sản phẩm an toàn thông tin do doanh nghiệp trong nước sản xuất, làm chủ công nghệ lõi."),
    ("TECH", "Nghiên cứu, phát triển giải pháp kỹ thuật giám sát an ninh mạng."),
    ("HR", "Tổ chức đào tạo, bồi dưỡng kiến thức an toàn thông tin cho cán bộ chuyên trách."),
    ("HR", "Xây dựng lực lượng chuyên trách bảo đảm an ninh mạng đủ về số lượng."),
    ("FUND", "Bố trí kinh phí từ nguồn ngân sách nhà nước để thực hiện Kế hoạch."),
    ("FUND", "Đầu tư trang thiết bị, cơ sở vật chất cho lực lượng chuyên trách."),
    ("INTL", "Tăng cường hợp tác quốc tế về an toàn, an ninh mạng."),
    ("INTL", "Học tập kinh nghiệm quốc tế, tham gia diễn đàn quốc tế về an ninh mạng."),
    ("MONITOR", "Tổ chức sơ kết, tổng kết việc thực hiện Kế hoạch."),
    ("MONITOR", "Định kỳ báo cáo kết quả thực hiện về Công an tỉnh."),
    ("MONITOR", "Văn phòng UBND tỉnh theo dõi, đôn đốc việc thực hiện."),
]


@pytest.mark.parametrize("code, sentence", POSITIVE)
def test_positive(code, sentence, cues, rules):
    found = [c for c in extract_coverage(CYBER + sentence, cues, rules=rules) if c.category_code == code]
    assert found, f"{code} not found in {sentence!r}"
    assert found[0].evidence == sentence
    paired = {p for r in rules if r.kind == "paired" and r.category_code == code for p in r.phrases}
    assert found[0].cue in set(cues[code]) | paired


NEGATIVE = [
    # the title of a cited text is not a task about its subject
    ("COUNTER", 'Thực hiện Nghị quyết số 35-NQ/TW ngày 22/10/2019 của Bộ Chính trị về "Tăng cường bảo vệ nền tảng tư tưởng '
                'của Đảng, đấu tranh phản bác các quan điểm sai trái, thù địch trong tình hình mới".'),
    ("COUNTER", "Thực hiện Nghị quyết số 35-NQ/TW ngày 22/10/2019 của Bộ Chính trị về tăng cường bảo vệ nền tảng tư tưởng "
                "của Đảng, đấu tranh phản bác các quan điểm sai trái, thù địch trong tình hình mới."),
    ("INCIDENT", "Thực hiện Quyết định số 964/QĐ-TTg phê duyệt “Chiến lược An toàn, An ninh mạng quốc gia, chủ động ứng phó "
                 "với các thách thức từ không gian mạng đến năm 2025”."),
    ("LEAD", "Báo cáo kết quả về Ban Chỉ đạo 138 tỉnh (qua Công an tỉnh) theo quy định."),
    ("LEGAL", "Thực hiện nghiêm Luật An ninh mạng và các văn bản có liên quan."),
    ("AWARE", "Tình trạng lừa đảo qua mạng diễn ra phổ biến, phức tạp."),
    ("SOVEREIGN", "Triển khai Nghị quyết số 29-NQ/TW về Chiến lược bảo vệ Tổ quốc trên không gian mạng."),
    ("INFRA", "Tăng cường công tác bảo đảm an toàn, an ninh mạng trên địa bàn tỉnh."),
    ("INCIDENT", "Nâng cao khả năng ứng phó với các thách thức từ không gian mạng."),
    ("CRIME", "Hội nghị diễn ra trang trọng, đúng kế hoạch."),
    ("INTERNAL", "Cập nhật thông tin trên Cổng thông tin điện tử của tỉnh."),
    ("TRUST", "Tuyên truyền, phổ biến pháp luật trên môi trường mạng."),
    ("TECH", "Trong bối cảnh đất nước đẩy mạnh chuyển đổi số, cần nâng cao nhận thức của Nhân dân."),
    ("HR", "Sở Giáo dục và Đào tạo phối hợp tổ chức tuyên truyền trong trường học."),
    ("FUND", "Sở Kế hoạch và Đầu tư phối hợp hướng dẫn các đơn vị triển khai."),
    ("INTL", "Trong thời đại Cách mạng công nghiệp lần thứ tư, tình hình quốc tế diễn biến phức tạp."),
    ("INTL", "Nâng cao chất lượng đội ngũ bác sĩ quốc tế hóa."),
    ("MONITOR", "Tổ chức kiểm tra, rà soát, gỡ bỏ các thông tin xấu độc trên mạng."),
    ("MONITOR", "Theo báo cáo, năm 2023 có 120 vụ tấn công mạng."),
    ("SOVEREIGN", "Học viên được thực hành trên hệ thống mô phỏng tấn công - phòng thủ."),
    ("COUNTER", "Các thế lực thù địch lợi dụng mạng xã hội để xuyên tạc đường lối của Đảng."),
]

NOT_TASKS = [


    # a description of the threat or of the state of things is not a task
    ("COUNTER", "Các thế lực thù địch tung tin giả, xuyên tạc nhằm tấn công nền tảng tư tưởng của Đảng."),
    ("COUNTER", "Tuyên truyền cho học sinh kỹ năng nhận diện tin giả."),
    ("SOVEREIGN", "Thông tin trên mạng có thể tác động tiêu cực đến quốc phòng, an ninh."),
    ("INFRA", "Hạ tầng viễn thông đã phủ sóng đến các xã, phường, thị trấn."),
    ("INFRA", "Triển khai mô hình bảo đảm an toàn thông tin."),
    ("INFRA", "Hệ thống thông tin của các đơn vị còn hạn chế, chưa bảo đảm an toàn."),
    ("INCIDENT", "Cả năm hệ thống không ghi nhận dấu hiệu tấn công hay sự cố nào."),
    ("INCIDENT", "Chủ động phòng, chống sự cố cháy, nổ tại trụ sở."),
    ("INCIDENT", "Diễn tập khu vực phòng thủ tỉnh năm 2024."),
    ("CRIME", "Phối hợp với cơ quan công an để điều tra, xử lý vụ việc."),
    ("CRIME", "Xử lý nghiêm các hành vi vi phạm trật tự an toàn giao thông."),
    ("INTERNAL", "Kịp thời vá các lỗ hổng bảo mật của hệ điều hành."),
    ("TRUST", "Xây dựng nếp sống văn minh đô thị."),
    ("TECH", "Đưa khoa học, công nghệ và đổi mới sáng tạo vào hoạt động của các cơ quan."),
    # a generic task about something else, or a regulation applied rather than made
    ("LEGAL", "Sở Y tế đã ban hành văn bản yêu cầu các bệnh viện thực hiện nghiêm quy định."),
    ("LEGAL", "Thực hiện nghiêm quy chế bảo đảm an toàn thông tin của tỉnh."),
    ("LEGAL", "Ban hành các văn bản chỉ đạo, điều hành nhằm thúc đẩy ứng dụng công nghệ thông tin."),
    ("LEAD", "Tập trung lãnh đạo, chỉ đạo phát triển chính quyền số."),
    ("HR", "Phát triển hạ tầng số và nhân lực số."),
    ("HR", "Bồi dưỡng kiến thức an toàn thông tin cho cán bộ, đảng viên và nhân dân."),
    ("HR", "Bố trí cán bộ chuyên trách phụ trách công tác bảo vệ bí mật nhà nước."),
    ("AWARE", "Lợi dụng mạng xã hội nhằm tuyên truyền xuyên tạc về đại hội Đảng."),
    ("FUND", "Xác định nguồn lực nhà nước là quyết định, chiến lược, cơ bản lâu dài."),
    ("MONITOR", "Định kỳ sao lưu dữ liệu."),
]


@pytest.mark.parametrize("code, sentence", NEGATIVE + NOT_TASKS)
def test_negative(code, sentence, cues, rules):
    assert code not in codes(CYBER + sentence, cues, rules), extract_coverage(CYBER + sentence, cues, rules=rules)


# generic groups count only in a text whose scope includes cyber or information security
SCOPE = [
    ("AWARE", "Tăng cường tuyên truyền về chuyển đổi số cho người dân.", False),
    ("AWARE", "Tăng cường tuyên truyền về chuyển đổi số cho người dân.\nBảo đảm an toàn thông tin mạng.", True),
    ("AWARE", "Tổ chức quán triệt Luật An ninh mạng đến cán bộ.", True),  # the name of the law it spreads
    ("LEAD", "Kiện toàn Ban Chỉ đạo triển khai Nghị quyết về khoa học, công nghệ.", False),
    ("FUND", "Ưu tiên nguồn lực cho chính quyền số.\nCăn cứ Luật An ninh mạng ngày 12/6/2018;", False),
    ("MONITOR", "Hội nghị tổng kết chuyển đổi số năm 2023 của xã.\nBảo đảm an toàn thông tin mạng là một trong tám nhóm nhiệm vụ.", True),
    ("MONITOR", "Hệ thống thông tin còn hạn chế, chưa bảo đảm an toàn thông tin.\nTổ chức sơ kết việc thực hiện.", False),
    ("COUNTER", "Kịp thời phát hiện, xử lý tin giả trên địa bàn.", True),  # specific groups need no scope
]


@pytest.mark.parametrize("code, text, covered", SCOPE)
def test_generic_groups_need_a_cyber_scope(code, text, covered, cues, rules):
    assert (code in codes(text, cues, rules)) == covered
    if not covered:
        assert code in codes(text, cues)  # the cue is there: the scope is what takes it out


CITATIONS = [
    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19/6/2015; Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ;",
    "Căn cứ Nghị định số 85/2016/NĐ-CP ngày 01/7/2016 của Chính phủ về bảo đảm an toàn hệ thống thông tin theo cấp độ;",
    "Thực hiện Chỉ thị số\n12/CT-TTg ngày 12/5/2021 của Thủ tướng Chính phủ về tăng cường công tác tuyên\ntruyền, định hướng hoạt động truyền thông;",
    "- Nghị quyết số 34/NQ-HĐND ngày\n17/5/2021 của Hội đồng nhân dân tỉnh về chủ trương đầu tư Dự án;",
    "1. Quyết định số 12/QĐ-UBND ngày 3/2/2020 phê duyệt Đề án tuyên truyền, phổ biến pháp luật;",
    "Căn cứ Quyết định số 05/2017/QĐ-TTg ngày 16/3/2017 của Thủ tướng Chính phủ về ban hành quy định về hệ thống phương án ứng cứu",
    # broken before a capital, and in a table cell
    "Căn cứ Nghị định số 85/2016/NĐ-CP ngày 01/7/2016 của\nChính phủ về bảo đảm an toàn hệ thống thông tin theo cấp độ; |",
    # a legal site's list of related texts
    "- 2Quyết định 964/QĐ-TTg năm 2022 phê duyệt Chiến lược An toàn, An ninh mạng quốc gia do Thủ tướng Chính phủ ban hành",
]


@pytest.mark.parametrize("line", CITATIONS)
def test_lines_citing_texts_cover_nothing(line, cues, rules):
    assert codes(CYBER + line, cues, rules) == set()


def test_the_text_after_a_citation_counts(cues, rules):
    text = (CYBER + "Căn cứ Luật An ninh mạng ngày 12/6/2018 của\nQuốc hội;\nỦy ban nhân dân tỉnh ban hành Kế hoạch:\n"
            "1. Xác định cấp độ an toàn hệ thống thông tin.\n")
    got = extract_coverage(text, cues, rules=rules)
    assert [(c.category_code, c.evidence) for c in got] == [("INFRA", "1. Xác định cấp độ an toàn hệ thống thông tin.")]


def test_a_body_sentence_that_starts_like_a_citation_still_counts(cues, rules):
    text = CYBER + "Căn cứ Kế hoạch này, các sở, ngành tổ chức tuyên truyền đến cán bộ, công chức.\n"
    assert "AWARE" in codes(text, cues, rules)
    text = CYBER + "Thực hiện Kế hoạch số 12/KH-UBND, Sở Tư pháp tổ chức tuyên truyền đến cán bộ, công chức.\n"
    assert "AWARE" in codes(text, cues, rules)


def test_unknown_rule_is_an_error():
    with pytest.raises(ValueError):
        coverage.rules_from_rows([{"rule": "pairs", "category_code": "X", "phrases": "a", "with_phrases": "b"}])


def test_every_category_has_tests(cues):
    assert {c for c, _ in POSITIVE} == set(cues)
    assert {c for c, _ in NEGATIVE} == set(cues)


def test_whole_words_only():
    cues = {"INTL": ("quốc tế",), "HR": ("đào tạo",)}
    assert extract_coverage("Xu thế quốc tếhóa.", cues) == []
    assert extract_coverage("Tăng cường đào tạo nhân lực.", cues) == [
        Coverage("HR", "Tăng cường đào tạo nhân lực.", "đào tạo")]


def test_case_and_tone_marks_do_not_matter():
    cues = {"INTERNAL": ("bí mật nhà nước",), "LEAD": ("tỉnh ủy",)}
    text = "BẢO VỆ BÍ MẬT NHÀ NƯỚC TRÊN KHÔNG GIAN MẠNG.\nBáo cáo Tỉnh uỷ kết quả thực hiện."
    got = extract_coverage(text, cues)
    assert [c.category_code for c in got] == ["INTERNAL", "LEAD"]
    assert got[1].cue == "tỉnh ủy"


def test_recipients_and_furniture_are_skipped(cues):
    text = ("Các đơn vị tổ chức thực hiện nghiêm túc.\n"
            "Nơi nhận:\n- Ban Tuyên giáo Tỉnh ủy (để phối hợp tuyên truyền);\n- Lưu: VT.\n")
    assert "AWARE" not in codes(text, cues)
    page = ("Bài viết nội dung dài về hội nghị tổng kết công tác năm của tỉnh nhà, có rất nhiều đại biểu tham dự.\n"
            "Hội nghị diễn ra trong không khí phấn khởi, các đại biểu thảo luận nhiều nội dung quan trọng.\n"
            "Tin liên quan\nTăng cường tuyên truyền phòng chống lừa đảo trên mạng\n")
    assert not ({"AWARE", "CRIME"} & codes(page, cues))


def test_links_to_other_articles_are_skipped(cues):
    page = ("TIN MỚI NHẤT\n• Gia Lai tập huấn kỹ năng số cho tổ công nghệ số cộng đồng\n"
            "• Khánh Hòa: Cảnh báo thủ đoạn lừa đảo qua mạng\n\nCHUYỂN ĐỔI SỐ\n"
            "Sở Thông tin và Truyền thông tổ chức hội nghị trực tuyến về chuyển đổi số với các địa phương trong tỉnh.\n")
    assert not ({"HR", "CRIME"} & codes(page, cues))


def test_task_sections_come_first_and_limit(cues):
    text = ("I. MỤC ĐÍCH, YÊU CẦU\n"
            "Nâng cao nhận thức của cán bộ về an toàn thông tin.\n"
            "II. NHIỆM VỤ, GIẢI PHÁP\n"
            + "".join(f"{i}. Tuyên truyền nội dung số {i} đến cán bộ.\n" for i in range(1, 8)))
    aware = [c for c in extract_coverage(text, cues, max_per_category=5) if c.category_code == "AWARE"]
    assert len(aware) == 5
    assert aware[0].evidence == "1. Tuyên truyền nội dung số 1 đến cán bộ."
    assert all("MỤC ĐÍCH" not in c.evidence and "Nâng cao nhận thức" not in c.evidence for c in aware)
    one = [c for c in extract_coverage(text, cues, max_per_category=1) if c.category_code == "AWARE"]
    assert len(one) == 1


def test_evidence_is_text_of_the_document_even_across_a_pdf_line_break(cues):
    text = "II. NHIỆM VỤ\n1. Tăng cường tuyên truyền về an ninh\n\nmạng, phòng chống tội phạm mạng cho học sinh.\n"
    got = extract_coverage(text, cues)
    crime = [c for c in got if c.category_code == "CRIME"]
    assert crime and crime[0].evidence in text
    assert crime[0].evidence.startswith("1. Tăng cường") and crime[0].evidence.endswith("học sinh.")


def test_unknown_category_and_empty_cues():
    assert extract_coverage("Tăng cường tuyên truyền.", {"X": ()}) == []
    assert extract_coverage("", {"AWARE": ("tuyên truyền",)}) == []


def _seed(prefix: str) -> str:
    return clean_text(next(RAW.glob(prefix + "_*.txt")).read_text(encoding="utf-8"))


def test_seed_004(cues, rules):
    got = extract_coverage(_seed("004"), cues, rules=rules)
    found = {c.category_code for c in got}
    # the ten groups of tasks of the plan name almost every category
    assert {"LEAD", "LEGAL", "SOVEREIGN", "INFRA", "TRUST", "HR", "AWARE", "INTL", "FUND", "MONITOR"} <= found
    intl = [c for c in got if c.category_code == "INTL"]
    assert [c.evidence for c in intl] == ["(9) Hợp tác quốc tế;"]
    for c in got:
        assert c.evidence in _seed("004")
        assert "Lượt truy cập" not in c.evidence


def test_seed_003_citation_is_not_countering(cues, rules):
    got = extract_coverage(_seed("003"), cues, rules=rules)
    counter = [c for c in got if c.category_code == "COUNTER"]
    assert counter
    assert not any("Nghị quyết số 35-NQ/TW" in c.evidence for c in counter)
    assert any("phản bác các luận điệu" in c.evidence for c in counter)
    assert not any(c.evidence.startswith(("- Công an tỉnh - Cơ quan TT", "Nơi nhận")) for c in got)


# --- the shortcuts taken for speed never change a result ------------------------------------

def _mask_reference(key: str) -> str:
    """coverage._mask without its shortcuts: every regex on the whole key, blanked char by char."""
    chars = list(key)

    def blank(a: int, b: int) -> None:
        for i in range(a, b):
            if chars[i] != "\n":
                chars[i] = " "

    for m in coverage._QUOTES.finditer(key):
        blank(m.start() + 1, m.end() - 1)
    for m in coverage._CITED_TITLE.finditer(key):
        start = m.end()
        end_m = coverage._TITLE_END.search(key, start, min(len(key), start + 300))
        blank(start, end_m.start() if end_m else min(len(key), start + 300))
    for m in coverage._AGENCY_NAMES.finditer(key):
        blank(m.start(), m.end())
    return "".join(chars)


MASK_WORDS = ("sở phòng bộ trung tâm trường ban chỉ đạo bcđ chqs tiểu an toàn cục thông tin luật nghị định tư "
              "quyết số 35-nq/tw ngày 12/3/2020 của về việc phê duyệt hành nhằm để giáo dục và đào tạo kế hoạch "
              "đầu văn hóa lao động 138 tỉnh x , ; . \n “ ” \" « » ‘ ’").split(" ") + ["kế hoạch số 12/kh-ubnd về", "  "]


@pytest.mark.parametrize("seed", range(3))
def test_mask_shortcuts(seed):
    rnd = random.Random(seed)
    for _ in range(3000):
        key = " ".join(rnd.choice(MASK_WORDS) for _ in range(rnd.randint(0, 25)))
        if rnd.random() < 0.3:
            key = key.replace(" ", "")
        assert coverage._mask(key) == _mask_reference(key), key


def test_mask_shortcuts_on_seeds():
    for f in sorted(RAW.glob("*.txt")):
        text = clean_text(f.read_text(encoding="utf-8"))
        for s in coverage._sentences(coverage._join_broken_lines(text)):
            key = lower_key(s.text)
            assert coverage._mask(key) == _mask_reference(key), key


def test_cue_words_let_every_match_through(cues, rules):
    """A category skipped by _candidates would not have matched: checked on every cue and
    rule phrase, variously spaced, punctuated and glued to other words, and on the seed sentences."""
    cats, tree, always, _, _ = coverage._matchers(tuple((k, tuple(v)) for k, v in cues.items()), rules)
    keys = [lower_key(s.text) for f in sorted(RAW.glob("*.txt"))
            for s in coverage._sentences(clean_text(f.read_text(encoding="utf-8")))]
    rnd = random.Random(0)
    phrases = [c for cs in cues.values() for c in cs] + [p for r in rules for p in r.phrases + r.with_phrases]
    for cue in phrases:
        for _ in range(3):
            form = cue.replace(" ", rnd.choice([" ", "  ", "\t", " , "])).replace(",", rnd.choice([",", " ,", ", "]))
            keys.append(f"{rnd.choice(['', 'x', 'an ', '- '])}{form}{rnd.choice(['', '.', 'x', ' ' + rnd.choice(phrases)])}")
    for key in keys:
        got = coverage._candidates(key, tree, always)
        assert {i for i, (_, big, _) in enumerate(cats) if big.search(key)} <= got, key


def test_compiled_cues_are_reused(cues):
    coverage._matchers.cache_clear()
    extract_coverage("Tăng cường tuyên truyền.", dict(cues))
    extract_coverage("Tăng cường tuyên truyền.", {k: list(v) for k, v in cues.items()})
    assert coverage._matchers.cache_info().misses == 1


_BROKEN = re.compile(r"(?<=[^\s.;:!?…])[ \t]*\n(?:[ \t]*\n)*[ \t]*(?=\S)")


def _join_broken_lines_reference(text: str) -> str:
    def repl(m: re.Match) -> str:
        nxt = m.end()
        if text[nxt].islower() and not coverage._STARTS_ITEM.match(text, nxt):
            return " " * len(m.group(0))
        if text[nxt].isdigit() and re.search(r"(?<!\w)(?:số|ngày|tháng|năm)$", text[:m.start()], re.I):
            return " " * len(m.group(0))
        return m.group(0)
    return _BROKEN.sub(repl, text)


@pytest.mark.parametrize("seed", range(3))
def test_join_broken_lines_as_the_regex(seed):
    pieces = list(" \t\n\n\u00a0\r\x0babcAB.;:!?…,-–+•*)/đĐ12") + ["a) ", "b. ", "đ/", "\n\n", " \n\t", "số", "Ngày", "năm"]
    rnd = random.Random(seed)
    for _ in range(20000):
        text = "".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 14)))
        assert coverage._join_broken_lines(text) == _join_broken_lines_reference(text), repr(text)
    for f in sorted(RAW.glob("*.txt")):
        text = f.read_text(encoding="utf-8")
        assert coverage._join_broken_lines(text) == _join_broken_lines_reference(text)


def test_cues_with_punctuation_or_without_words():
    cues = {"A": ("an toàn/an ninh",), "B": ("…",), "C": ("kiểm tra, giám sát",), "D": ("(1) y",)}
    assert codes("Bảo đảm an toàn/an ninh mạng.", cues) == {"A"}
    assert codes("Các việc khác …", cues) == {"B"}
    assert [c.cue for c in extract_coverage("Kiểm tra ,giám sát việc.", cues)] == ["kiểm tra, giám sát"]
    assert codes("Mục (1) y tế.", cues) == {"D"}
    assert codes("Không có gì.", cues) == set()
