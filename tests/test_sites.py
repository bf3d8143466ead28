"""The page's address as evidence of the province: the host table, the manifest that gives
addresses, a saved page's own address, the re-extraction when an address changes, and the
address typed on the upload page."""
from __future__ import annotations

import csv
import os
from datetime import datetime
from pathlib import Path

import pytest

from conftest import q
from etl import settings
from etl.extract.document import extract
from etl.extract.places import provinces_in_domains
from etl.extract.sites import RULE, RULE_WORDS, address_words, host_of, site_owner, site_province
from etl.pipeline import ingest, read_manifests
from etl.readers import page_address, read_bytes
from etl.records import build_rows
from etl.reference import load_reference
from etl.text import clean_text
from etl.uploads import check_address, record_address

REF = load_reference()
NAME = {p.gso_code: p.name_vi for p in REF.provinces}


# ---------------------------------------------------------------- hosts
@pytest.mark.parametrize("url, host", [
    ("https://baohatinh.vn/a-post279314.html", "baohatinh.vn"),
    ("http://m.BaoBacGiang.vn/bg/chinh-tri/410649/x.html", "baobacgiang.vn"),
    ("https://www.hatinh.gov.vn.", "hatinh.gov.vn"),
    ("https://lite.baomoi.com/x.epi", "baomoi.com"),
    ("baoninhbinh.org.vn/trang-in-251437.html", "baoninhbinh.org.vn"),   # no scheme
    ("https://user@baohatinh.vn:8080/x", "baohatinh.vn"),
    ("http://baohatinh.vn@evil.com/", "evil.com"),                        # the host is after the @
    ("http://báohatinh.vn/", "xn--bohatinh-8ya.vn"),                      # punycode, never the ASCII host
    ("https://www.vn/", "www.vn"),                                        # two labels: nothing dropped
    ("", None), (None, None), ("   ", None), ("http://", None), ("http://a b.vn/", None),
])
def test_host_of(url, host):
    assert host_of(url) == host


@pytest.mark.parametrize("url, province, kind, rule", [
    # portals and their departments, districts and communes
    ("https://hatinh.gov.vn/x", "Hà Tĩnh", "portal", RULE),
    ("https://camgiang.haiduong.gov.vn/Chuyen-muc-tin/Chi-tiet-tin/t/x/title/41853", "Hải Dương", "portal", RULE),
    ("https://syt.khanhhoa.gov.vn/index.php/vi/news/x-4128.html", "Khánh Hòa", "portal", RULE),
    ("https://hoangthen.phongtho.laichau.gov.vn/tin-tuc-su-kien/x.html", "Lai Châu", "portal", RULE),
    ("http://dakrlap.daknong.gov.vn/ke-hoach", "Đắk Nông", "portal", RULE),
    ("https://dailoc.quangnam.gov.vn/chi-tiet/-/view-article/1/1629871045523/1703214580917",
     "Quảng Nam", "portal", RULE),
    ("https://huongkhe.hatinh.gov.vn/chi-tiet", "Hà Tĩnh", "portal", RULE),
    ("https://thuathienhue.gov.vn/x", "Thừa Thiên Huế", "portal", RULE),
    ("https://hue.gov.vn/x", "Thừa Thiên Huế", "portal", RULE),
    ("https://baria-vungtau.gov.vn/x", "Bà Rịa - Vũng Tàu", "portal", RULE),
    ("https://daklak.gov.vn/x", "Đắk Lắk", "portal", RULE),
    ("https://tphcm.gov.vn/x", "Hồ Chí Minh", "portal", RULE),
    ("https://hochiminhcity.gov.vn/x", "Hồ Chí Minh", "portal", RULE),
    # a district of Quảng Bình named like the province Quảng Ninh: the longest suffix wins
    ("https://quangninh.quangbinh.gov.vn/x", "Quảng Bình", "portal", RULE),
    # Party, press, broadcaster, police
    ("https://thanhhoa.dcs.vn/x", "Thanh Hóa", "party", RULE),
    ("https://huyenuy.thanhhoa.dcs.vn/x", "Thanh Hóa", "party", RULE),
    ("http://m.baobacgiang.vn/bg/x.html", "Bắc Giang", "newspaper", RULE),
    ("https://baobinhthuan.com.vn/news/108732p25c31/x.htm", "Bình Thuận", "newspaper", RULE),
    ("https://baoninhbinh.org.vn/x-251406.htm", "Ninh Bình", "newspaper", RULE),
    ("https://baoquangngai.vn/tv/x-41862.html", "Quảng Ngãi", "newspaper", RULE),
    ("https://baodongkhoi.vn/x", "Bến Tre", "newspaper", RULE),
    ("https://hanoimoi.vn/x", "Hà Nội", "newspaper", RULE),
    ("https://sggp.org.vn/x", "Hồ Chí Minh", "newspaper", RULE),
    ("https://hanamtv.vn/x", "Hà Nam", "broadcaster", RULE),
    ("https://congannghean.gov.vn/x", "Nghệ An", "police", RULE),
    ("https://congan.nghean.gov.vn/x", "Nghệ An", "portal", RULE),
    # a ministry's provincial office under a path named after the province
    ("https://thads.moj.gov.vn/travinh/noidung/tintuc/lists/x/view_detail.aspx?itemid=112", "Trà Vinh",
     "section", RULE),
    # the address's own words, on a library of texts of every province: a weaker vote
    ("https://hethongphapluat.com/quyet-dinh-468-qd-ubnd-nam-2017-quy-dinh-ve-ung-pho-su-co-an-toan-thong-tin-"
     "mang-tren-dia-ban-tinh-gia-lai.html", "Gia Lai", "address_words", RULE_WORDS),
    ("https://ls1.hethongphapluat.com/ke-hoach-3131-kh-ubnd-nam-2023-do-thanh-pho-ho-chi-minh-ban-hanh.html",
     "Hồ Chí Minh", "address_words", RULE_WORDS),
    ("https://vanban123.vn/Ke-hoach/Ke-hoach-141-KH-UBND-nam-2018-tren-dia-ban-tinh-Kon-Tum-328847", "Kon Tum",
     "address_words", RULE_WORDS),
])
def test_site_province(url, province, kind, rule):
    hit = site_province(url, REF)
    assert hit is not None
    assert (NAME[hit.province_code], hit.kind, hit.rule, hit.evidence) == (province, kind, rule, url)
    assert hit.weight < 8  # below the text's header and issuer


@pytest.mark.parametrize("url", [
    # national papers, aggregators and libraries of texts: no province
    "https://lite.baomoi.com/chuong-trinh-hanh-dong-cua-ban-thuong-vu-tinh-uy-c51591121.epi",
    "https://ictnews.vietnamnet.vn/bao-mat/qua-ng-tri-to-ng-ke-t-401287.html",
    "https://thanhnien.vn/soc-trang-siet-chat-cong-tac-bao-ve-bi-mat-nha-nuoc-185241016093215731.htm",
    "https://tuoitre.vn/x.htm", "https://vnexpress.net/x.html",
    "https://thuvienphapluat.vn/van-ban/Cong-nghe-thong-tin/Quyet-dinh-10-2025-QD-UBND-Phu-Yen-645454.aspx",
    "https://thuviennhadat.vn/vbpl/ke-hoach-27-kh-ubnd-2024-tay-ninh-631247.html",
    "https://hesinhthaidoanhnghiep.com/0538H3841d39FbD",
    # look-alikes: a listed name inside another host, or spelt in other letters
    "https://baohatinh.vn.evil.com/x", "https://evilbaohatinh.vn/x", "https://hatinh.gov.vn-x.com/",
    "http://baohatinh.vn@evil.com/", "http://báohatinh.vn/", "https://hatinh.gov/",
    # a province's slug as the path of a site that is not a state one
    "https://example.com/travinh/x",
    # two provinces in the address's words: neither
    "https://vanban123.vn/x-tinh-gia-lai-va-tinh-kon-tum",
    "", None, "not an address",
])
def test_no_province(url):
    assert site_province(url, REF) is None


def test_the_table_covers_every_province_and_says_why():
    rows = list(csv.DictReader(open(settings.REFERENCE_DIR / "sites.csv", encoding="utf-8")))
    hosts = [r["host"] for r in rows]
    assert len(hosts) == len(set(hosts)) and all(h == h.lower().strip() and "." in h for h in hosts)
    assert {r["kind"] for r in rows} <= {"portal", "party", "newspaper", "broadcaster", "police", "military",
                                        "other", "national"}
    assert all(r["basis"].strip() for r in rows)
    for r in rows:
        assert (r["province_code"] == "") == (r["kind"] == "national")
        assert r["province_name"] == NAME.get(r["province_code"], "")
    for kind in ("portal", "party", "newspaper"):
        assert {r["province_code"] for r in rows if r["kind"] == kind} == set(NAME), kind
    # Hồ Chí Minh City's police site is a subdomain of the city portal (congan.<portal>)
    assert {r["province_code"] for r in rows if r["kind"] == "police"} == set(NAME) - {"79"}


def test_hosts_named_in_the_text_use_the_same_table():
    text = "Nguồn: baobacgiang.com.vn — Cổng TTĐT (ninhbinh.gov.vn); liên hệ vanphong@hatinh.gov.vn; vnexpress.net"
    assert [(NAME[c], d) for c, d in provinces_in_domains(text, REF)] == [
        ("Bắc Giang", "baobacgiang.com.vn"), ("Ninh Bình", "ninhbinh.gov.vn"), ("Hà Tĩnh", "hatinh.gov.vn")]
    assert provinces_in_domains("baohatinh.vn.evil.com và không có gì", REF) == []


# ---------------------------------------------------------------- the vote
SILENT = ("Xã tổ chức hội nghị tổng kết chuyển đổi số năm 2023\n"
          "Sáng 15/12, Ban Chỉ đạo chuyển đổi số xã tổ chức hội nghị tổng kết công tác chuyển đổi số năm 2023, "
          "triển khai nhiệm vụ năm 2024. Tham dự có đại diện lãnh đạo huyện và các bản trên địa bàn xã.\n")
HEADED = ("ỦY BAN NHÂN DÂN\nTỈNH NINH BÌNH\nSố: 45/KH-UBND\nNinh Bình, ngày 12 tháng 3 năm 2024\n\nKẾ HOẠCH\n"
          "Triển khai thực hiện Chỉ thị số 28-CT/TW ngày 16/9/2013 của Ban Bí thư về tăng cường công tác bảo đảm "
          "an toàn thông tin mạng\n")


def test_the_address_decides_when_the_text_names_no_province():
    assert extract(clean_text(SILENT), REF).get("province_code") is None
    url = "https://hoangthen.phongtho.laichau.gov.vn/tin-tuc-su-kien/x.html"
    ex = extract(clean_text(SILENT), REF, source_url=url)
    v = ex.fields["province_code"]
    assert (NAME[v.value], v.rule, v.evidence) == ("Lai Châu", RULE, url)


def test_the_text_header_wins_over_another_provinces_site():
    ex = extract(clean_text(HEADED), REF, source_url="https://baohatinh.vn/x.html")
    assert ex.get("province_name") == "Ninh Bình"


def test_build_rows_keeps_the_address():
    url = "https://baohatinh.vn/x.html"
    rows = build_rows("a.txt", SILENT, "ab" * 32, "utf-8", REF, [], datetime(2024, 1, 1), url)
    assert rows.document["source_url"] == url and rows.document["province_name"] == "Hà Tĩnh"
    assert build_rows("a.txt", SILENT, "ab" * 32, "utf-8", REF, [], datetime(2024, 1, 1)).document["source_url"] is None


# ---------------------------------------------------------------- a saved page's own address
@pytest.mark.parametrize("head, url", [
    ('<link rel="canonical" href="https://baohatinh.vn/a.html">', "https://baohatinh.vn/a.html"),
    ("<link href='https://baohatinh.vn/a.html?x=1&amp;y=2' rel='canonical' />", "https://baohatinh.vn/a.html?x=1&y=2"),
    ('<meta property="og:url" content="https://syt.khanhhoa.gov.vn/x">', "https://syt.khanhhoa.gov.vn/x"),
    ('<meta content="https://a.hatinh.gov.vn/x" property="og:url">'
     '<link rel="canonical" href="https://b.hatinh.gov.vn/x">', "https://b.hatinh.gov.vn/x"),  # canonical first
    ('<link rel="canonical" href="/relative/path">', None),
    ('<link rel="canonical" href="javascript:alert(1)">', None),
    ('<link rel="stylesheet" href="https://baohatinh.vn/a.css">', None),
    ("", None),
])
def test_page_address(head, url):
    assert page_address(f"<html><head>{head}</head><body><p>x</p></body></html>") == url


def test_a_saved_page_reads_with_its_address():
    html = ('<html><head><title>Hội nghị</title><link rel="canonical" href="https://baohatinh.vn/a.html"></head>'
            "<body><article><p>" + SILENT.replace("\n", "</p><p>") + "</p></article></body></html>")
    assert read_bytes(html.encode("utf-8"), ".html").source_url == "https://baohatinh.vn/a.html"
    assert read_bytes(SILENT.encode("utf-8"), ".txt").source_url is None


# ---------------------------------------------------------------- the manifest
def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)


def test_manifests(tmp_path):
    write(tmp_path / "sources.csv", "file,source,note\na.txt,https://baohatinh.vn/a,\nb.txt,,no address\n"
                                    "sub/c.txt,https://hatinh.gov.vn/c,\nsub/d.txt,https://hatinh.gov.vn/d,\n")
    # a sub-folder's own manifest, with `source_url` for a column name, speaks last about its files
    write(tmp_path / "sub" / "sources.csv", "file,source_url\nd.txt,https://laichau.gov.vn/d\n")
    urls, problems = read_manifests(tmp_path)
    assert urls == {"a.txt": "https://baohatinh.vn/a", "sub/c.txt": "https://hatinh.gov.vn/c",
                    "sub/d.txt": "https://laichau.gov.vn/d"}
    assert problems == []


@pytest.mark.parametrize("content, n_urls, problem", [
    (None, 0, None),                                               # no manifest
    ("file,note\na.txt,x\n", 0, None),                             # no address column
    ("source,note\nhttps://baohatinh.vn,x\n", 0, "no 'file' column"),
    (b"file,source\na.txt,https://baoh\xe0tinh.vn\n", 0, "could not be read"),  # not UTF-8
    ("file,source\na.txt,https://baohatinh.vn/a,x,y\nb.txt,https://hatinh.gov.vn\n", 1, "1 line(s)"),
    ("", 0, None),
])
def test_a_bad_manifest_is_reported_not_fatal(tmp_path, content, n_urls, problem):
    if content is not None:
        write(tmp_path / "sources.csv", content)
    urls, problems = read_manifests(tmp_path)
    assert len(urls) == n_urls
    assert [p for p in problems if problem in p[1]] if problem else problems == []


def _raw(tmp_path: Path) -> Path:
    raw = tmp_path / "raw"
    write(raw / "a.txt", SILENT)
    write(raw / "b.txt", HEADED)
    write(raw / "c.html", '<html><head><link rel="canonical" href="https://baocaobang.vn/c.html"></head><body>'
                          "<article><p>" + SILENT.replace("\n", "</p><p>").replace("2023", "2022")
                          + "</p></article></body></html>")
    return raw


def test_addresses_reach_the_warehouse_and_a_new_one_re_extracts_only_its_file(tmp_path):
    raw, db = _raw(tmp_path), tmp_path / "wh.duckdb"
    s = ingest(raw, db)
    assert len(s.loaded) == 3 and not s.notices
    got = dict(q(db, "SELECT source_file, province_name FROM documents"))
    assert got == {"a.txt": None, "b.txt": "Ninh Bình", "c.html": "Cao Bằng"}  # the page's own address
    write(raw / "sources.csv", "file,source,note\na.txt,https://baolaichau.vn/a,\n"
                               "c.html,https://baohatinh.vn/c,the manifest wins over the page\n")
    s = ingest(raw, db)
    assert sorted(s.loaded) == ["a.txt", "c.html"] and s.unchanged == 1
    rows = {r[0]: r[1:] for r in q(db, "SELECT source_file, province_name, source_url FROM documents")}
    assert rows == {"a.txt": ("Lai Châu", "https://baolaichau.vn/a"), "b.txt": ("Ninh Bình", None),
                    "c.html": ("Hà Tĩnh", "https://baohatinh.vn/c")}
    assert q(db, "SELECT evidence, rule FROM extractions e JOIN documents d USING (doc_id) "
                 "WHERE d.source_file = 'a.txt' AND field = 'province_code'") == [("https://baolaichau.vn/a", RULE)]
    # a note edited, the addresses the same: nothing to do
    write(raw / "sources.csv", "file,source,note\na.txt,https://baolaichau.vn/a,edited note\n"
                               "c.html,https://baohatinh.vn/c,\n")
    assert ingest(raw, db).nothing_changed
    # an address removed: that file again, with the page's own address
    write(raw / "sources.csv", "file,source,note\na.txt,https://baolaichau.vn/a,\n")
    s = ingest(raw, db)
    assert s.loaded == ["c.html"]
    assert q(db, "SELECT province_name FROM documents WHERE source_file = 'c.html'") == [("Cao Bằng",)]


def test_a_malformed_manifest_warns_and_the_batch_goes_on(tmp_path):
    raw, db = _raw(tmp_path), tmp_path / "wh.duckdb"
    write(raw / "sources.csv", b"file,source\na.txt,https://baol\xe0ichau.vn\n")
    s = ingest(raw, db)
    assert len(s.loaded) == 3 and s.ok and "sources.csv" in s.notices[0]
    assert q(db, "SELECT source_file, kind FROM quality_warnings WHERE doc_id IS NULL") == [("sources.csv", "manifest")]


# ---------------------------------------------------------------- the upload page's address
@pytest.mark.parametrize("given, address, ok", [
    ("", None, True), (None, None, True), ("   ", None, True),
    (" https://baohatinh.vn/a.html ", "https://baohatinh.vn/a.html", True),
    ("HTTP://camgiang.haiduong.gov.vn/x", "HTTP://camgiang.haiduong.gov.vn/x", True),
    ("baohatinh.vn/a.html", "baohatinh.vn/a.html", False),     # no scheme
    ("ftp://baohatinh.vn/a", "ftp://baohatinh.vn/a", False),
    ("javascript:alert(1)", "javascript:alert(1)", False),
    ("https://bao hatinh.vn", "https://bao hatinh.vn", False),
    ("https://localhost/x", "https://localhost/x", False),     # no site named
    ("https://" + "a" * 2000 + ".vn", "https://" + "a" * 2000 + ".vn", False),
])
def test_check_address(given, address, ok):
    assert check_address(given) == (address, ok)


def test_record_address_replaces_and_keeps_the_others(tmp_path):
    record_address(tmp_path, "uploads/a.txt", "https://baohatinh.vn/a")
    record_address(tmp_path, "uploads/b.txt", "https://hatinh.gov.vn/b")
    record_address(tmp_path, "uploads/a.txt", "https://baolaichau.vn/a")
    urls, problems = read_manifests(tmp_path)
    assert urls == {"uploads/a.txt": "https://baolaichau.vn/a", "uploads/b.txt": "https://hatinh.gov.vn/b"}
    assert not problems and not [p for p in os.listdir(tmp_path / "uploads") if p.endswith(".part")]


def test_the_seed_manifest_address_is_stored(seed_db):
    assert q(seed_db, "SELECT source_url FROM documents WHERE source_file = '001_48bc438ed9ccf599.txt'") == [
        ("http://m.baobacgiang.vn/bg/chinh-tri/410649/tang-cuong-nhiem-vu-bao-ve-to-quoc-tren-khong-gian-mang.html",)]
    assert q(seed_db, "SELECT count(*) FROM documents WHERE source_url IS NULL") == [(4,)]


# ---------------------------------------------------------------- the body that runs the site
@pytest.mark.parametrize("url, issuer, level", [
    ("https://syt.khanhhoa.gov.vn/index.php/vi/news/a-1.html", "Sở Y tế tỉnh Khánh Hòa", "department"),
    ("https://stttt.hatinh.gov.vn/tin-tuc/a", "Sở Thông tin và Truyền thông tỉnh Hà Tĩnh", "department"),
    ("https://thads.moj.gov.vn/travinh/noidung/tintuc/a", "Cục Thi hành án dân sự tỉnh Trà Vinh", "department"),
    ("https://dailoc.quangnam.gov.vn/chi-tiet/a", "UBND huyện Đại Lộc", "district"),
    ("https://conganhatinh.gov.vn/a", "Công an tỉnh Hà Tĩnh", "department"),
    ("https://hatinh.gov.vn/a", None, None),            # the provincial portal reports on everyone
    ("https://baohatinh.vn/a", None, None),             # a newspaper reports, it does not act
    ("https://thanhhoa.dcs.vn/a", None, None),
    ("https://xyz.hatinh.gov.vn/a", None, None),        # a label nobody can read
    ("https://vnexpress.net/a", None, None),
])
def test_site_owner(url, issuer, level):
    o = site_owner(url, REF)
    assert (o.issuer, o.level) == (issuer, level) if issuer else o is None


def test_the_site_owner_is_the_issuer_only_when_nobody_acts_in_the_text():
    quiet = "Cuộc thi viết về an ninh mạng\nThể lệ cuộc thi viết về bảo vệ an ninh mạng năm 2024 được đăng tải dưới đây.\n"
    acting = "Hội nghị an ninh mạng\nNgày 3/5, UBND huyện Can Lộc tổ chức hội nghị triển khai Luật An ninh mạng.\n"
    e = extract(clean_text(quiet), REF, source_url="https://stttt.hatinh.gov.vn/a")
    assert (e.get("issuer"), e.fields["issuer"].rule, e.fields["issuer"].inferred) == (
        "Sở Thông tin và Truyền thông tỉnh Hà Tĩnh", "source_site", True)
    assert extract(clean_text(acting), REF, source_url="https://stttt.hatinh.gov.vn/a").get("issuer") == "UBND huyện Can Lộc"


def test_on_a_provincial_site_with_nobody_acting_the_first_body_of_that_province():
    text = ("Cụm ứng cứu sự cố số 3 tổng kết năm\nTheo quyết định của Cục An toàn thông tin, Cụm số 3 gồm Sở TT&TT "
            "của sáu tỉnh. Năm nay Sở TT&TT tỉnh Nghệ An xếp thứ 4, Sở TT&TT tỉnh Hà Tĩnh xếp thứ 12 tại đợt diễn tập.\n")
    e = extract(clean_text(text), REF, source_url="https://baohatinh.vn/a.html")
    v = e.fields["issuer"]
    assert (v.value, v.rule, v.inferred) == ("Sở Thông tin và Truyền thông tỉnh Hà Tĩnh", "site_province_body", True)
    assert extract(clean_text(text), REF).get("issuer") is None  # no address: nobody is guessed


@pytest.mark.parametrize("url, words", [
    ("https://syt.khanhhoa.gov.vn/vi/news/ban-thuong-vu-dang-uy-ban-hanh-ke-hoach-4128.html",
     "Ban Thuong Vu Dang Uy Ban Hanh Ke Hoach"),
    ("https://dailoc.quangnam.gov.vn/chi-tiet/-/view-article/1/1629871045523/1703214580917", None),
    ("https://x.vn/a?id=3", None), (None, None),
])
def test_address_words(url, words):
    assert address_words(url) == words


def test_the_address_names_the_body_only_when_nobody_acts_in_the_text():
    quiet = "Thể lệ cuộc thi chính luận năm 2025\nCuộc thi gồm hai bảng, bài dự thi gửi về trước ngày 30/6.\n"
    url = "https://stp.daklak.gov.vn/tin/ban-thuong-vu-huyen-uy-krong-pac-ban-hanh-ke-hoach-to-chuc-cuoc-thi-12.html"
    v = extract(clean_text(quiet), REF, source_url=url).fields["issuer"]
    assert (v.value, v.rule, v.inferred) == ("Ban Thường vụ Huyện ủy Krông Pắc", "source_url_words", True)
