"""The search (issue 14, item 4): what a query asks for (app.search), and the ranking in SQL
(app.queries) on a small warehouse written by hand, where each document is placed to match
in one way only: the phrase before all the words; number, title, issuer, then the text;
then the newest."""
from __future__ import annotations

from datetime import date, datetime

import duckdb
import pytest

from app import queries as q
from app.filters import Filters
from app.search import folded_twin, term_spans, terms, why_key
from etl import settings
from etl.text import fold, spaced, words

ALL = Filters()


# ---------------------------------------------------------------- the query itself
@pytest.mark.parametrize("query, pieces, parts", [
    ("hai ba trung", ("hai", "ba", "trung"), ("hai", "ba", "trung")),
    ("Hai Bà Trưng", ("hai", "ba", "trung"), ("hai", "ba", "trung")),
    ("  HAI   BÀ  TRƯNG ", ("hai", "ba", "trung"), ("hai", "ba", "trung")),
    ("Đảng ủy", ("dang", "uy"), ("dang", "uy")),
    ("964/QĐ-TTg", ("964/qd-ttg",), ("964", "qd", "ttg")),
    ("“964/QĐ-TTg”,", ("964/qd-ttg",), ("964", "qd", "ttg")),
    ("(hai) ba, trung.", ("hai", "ba", "trung"), ("hai", "ba", "trung")),
    ("ke hoach ke", ("ke", "hoach", "ke"), ("ke", "hoach")),
    ("", (), ()),
    ("  ?! ", (), ()),
])
def test_terms_fold_and_cut_the_search(query, pieces, parts):
    found = terms(query)
    assert found.pieces == pieces and found.parts == parts
    assert bool(found) == bool(pieces)


def test_the_phrase_is_the_search_as_typed_folded():
    found = terms("Kế hoạch 964/QĐ-TTg")
    assert found.phrase == "ke hoach 964/qd-ttg"
    pattern = found.phrase_pattern
    match = lambda s: duckdb.execute("SELECT regexp_matches(?, ?)", [s, pattern]).fetchone()[0]  # noqa: E731
    assert match("theo ke hoach 964/qd-ttg.")
    assert not match("theo ke hoach 1964/qd-ttg.")   # inside a longer number
    assert not match("theo ke hoach 964/qd-ttgx")
    assert terms("").phrase_pattern == ""


@pytest.mark.parametrize("match, place, n, key", [
    ("phrase", "title", 3, "why.phrase_title"),
    ("phrase", "number", 2, "why.phrase_number"),
    ("phrase", "issuer", 2, "why.phrase_issuer"),
    ("phrase", "text", 2, "why.phrase_text"),
    ("words", "text", 3, "why.words_text"),
    ("words", "title", 2, "why.words_title"),
    ("phrase", "text", 1, "why.word_text"),      # one word: a word, not a phrase
    ("phrase", "number", 1, "why.word_number"),
    ("words", "text", 1, "why.words_text"),      # one piece "964/qd-ttg", its words apart
    (None, None, 0, None),
    ("phrase", None, 2, None),
])
def test_why_key(match, place, n, key):
    assert why_key(match, place, n) == key


@pytest.mark.parametrize("text, query, marked", [
    ("Quận Hai Bà Trưng ban hành", "hai ba trung", ["Hai", "Bà", "Trưng"]),
    ("Triển khai kế hoạch, bảo vệ", "khai bao", ["khai", "bảo"]),
    ("Đảng ủy và Dang", "dang", ["Đảng", "Dang"]),                   # đ is d
    ("Ba bao ban bà", "ba", ["Ba", "bà"]),                            # whole words only
    ("theo 964/QĐ-TTg và 1964", "964/QĐ-TTg", ["964/QĐ-TTg"]),      # a number, whole
    ("theo 964/QĐ-TTg và 964", "964", ["964", "964"]),
    ("Không có gì", "xyz", []),
    ("Không có gì", "", []),
])
def test_term_spans_mark_whole_words_with_or_without_accents(text, query, marked):
    spans = term_spans(text, terms(query))
    assert [text[a:b] for a, b in spans] == marked
    assert spans == sorted(spans) and all(b <= c for (_, b), (c, _) in zip(spans, spans[1:]))


@pytest.mark.parametrize("text", ["Kế hoạch Đảng ủy", "İstanbul và Hà Nội", "ﬁ ligature", ""])
def test_folded_twin_keeps_offsets(text):
    twin = folded_twin(text)
    assert len(twin) == len(text)
    if len(fold(text)) == len(text):
        assert twin == fold(text)


# ---------------------------------------------------------------- the ranking, in SQL
def _doc(doc_id: str, text: str, *, title: str | None = None, number: str | None = None,
         issuer: str | None = None, day: date | None = None) -> dict:
    folded = fold(text)
    return dict(doc_id=doc_id, source_file=f"{doc_id}.txt", content_hash=doc_id, title=title,
                doc_number=number, doc_type="plan", issuer=issuer, level="province",
                issue_date=day, text=text, text_folded=folded, text_words=words(folded),
                number_folded=spaced(number), title_folded=spaced(title),
                issuer_folded=spaced(issuer), extractor_version="test",
                loaded_at=datetime(2026, 1, 1))


# Each document matches "hai ba trung" in one way only (the text holds the title, the
# number and the issuer, as a real document's does).
DOCS = [
    _doc("words_text_new", "Hai người, ba đơn vị, trung tâm mạng.", title="Tin khác",
         day=date(2025, 6, 1)),
    _doc("phrase_text_old", "Tại quận Hai Bà Trưng, hội nghị.", title="Hội nghị",
         day=date(2018, 1, 1)),
    _doc("phrase_text_new", "Tại quận Hai Bà Trưng, tập huấn.", title="Tập huấn",
         day=date(2024, 1, 1)),
    _doc("phrase_issuer", "UBND quận Hai Bà Trưng. Kế hoạch an ninh mạng.",
         title="Kế hoạch an ninh mạng", issuer="UBND quận Hai Bà Trưng", day=date(2017, 1, 1)),
    _doc("phrase_title", "Hai Bà Trưng triển khai kế hoạch.",
         title="Hai Bà Trưng triển khai kế hoạch", day=date(2016, 1, 1)),
    _doc("words_title", "Trung tâm hai, ba: kế hoạch.", title="Trung tâm hai, ba",
         day=date(2015, 1, 1)),
    _doc("substrings_only", "Triển khai bảo vệ trung ương, bao nhiêu.", title="Khai báo",
         day=date(2026, 1, 1)),                       # khai ⊃ hai, bao ⊃ ba: no match
    _doc("phrase_number", "Số 12/HAI-BA-TRUNG. Kế hoạch hai ba trung.", number="12/HAI-BA-TRUNG",
         title="Kế hoạch", day=date(2014, 1, 1)),
    _doc("other", "Kế hoạch số 198/KH-UBND ngày 3/10/2019; Quyết định 964/QĐ-TTg.",
         number="45/KH-UBND", title="Kế hoạch thực hiện Quyết định 964/QĐ-TTg",
         day=date(2020, 1, 1)),
    _doc("number_198", "Kế hoạch số 198/KH-UBND về an ninh mạng.", number="198/KH-UBND",
         title="Kế hoạch an ninh mạng", day=date(2019, 10, 3)),
    _doc("not_1198", "Kế hoạch số 1198/KH-UBND.", number="1198/KH-UBND", title="Kế hoạch",
         day=date(2021, 1, 1)),
    _doc("number_apart", "Ngày 198 tháng hai; KH 5/UBND.", title="Tin",   # 198, kh, ubnd apart
         day=date(2022, 1, 1)),
]


@pytest.fixture(scope="module")
def ranked_db(tmp_path_factory):
    import os
    db = tmp_path_factory.mktemp("rank") / "warehouse.duckdb"
    con = duckdb.connect(str(db))
    con.execute(settings.SCHEMA_SQL.read_text("utf-8"))
    cols = list(DOCS[0])
    con.executemany(f"INSERT INTO documents ({', '.join(cols)}) VALUES "
                    f"({', '.join('?' for _ in cols)})", [[d[c] for c in cols] for d in DOCS])
    con.close()
    old = os.environ.get("CYBERDASH_DB")
    os.environ["CYBERDASH_DB"] = str(db)
    yield db
    if old is None:
        os.environ.pop("CYBERDASH_DB", None)
    else:
        os.environ["CYBERDASH_DB"] = old


@pytest.mark.parametrize("query", ["hai ba trung", "Hai Bà Trưng", "HAI BÀ TRƯNG", "hai  ba trưng"])
def test_phrase_first_then_all_words_each_by_place_then_newest(ranked_db, query):
    hits = q.search_documents(ALL, query)
    assert list(hits.doc_id) == ["phrase_number", "phrase_title", "phrase_issuer",
                                 "phrase_text_new", "phrase_text_old",
                                 "words_title", "words_text_new"]
    assert list(zip(hits.match, hits.place)) == [
        ("phrase", "number"), ("phrase", "title"), ("phrase", "issuer"), ("phrase", "text"),
        ("phrase", "text"), ("words", "title"), ("words", "text")]


def test_the_shown_rows_count_phrase_and_words(ranked_db):
    shown = q.search_documents_shown(ALL, "hai ba trung")
    assert shown.n_total.iloc[0] == 7 and shown.n_phrase.iloc[0] == 5
    assert list(shown.doc_id) == list(q.search_documents(ALL, "hai ba trung").doc_id)


@pytest.mark.parametrize("query, first, absent", [
    ("198/KH-UBND", ["number_198", "other"], "not_1198"),     # its number, then a citation
    ("198/kh-ubnd", ["number_198", "other"], "number_apart"),  # a number is found whole
    ("964/QĐ-TTg", ["other"], "number_198"),
    ("964/qd-ttg", ["other"], "number_198"),
    ("964", ["other"], "not_1198"),
    ("ke hoach an ninh mang", ["number_198", "phrase_issuer"], "other"),
])
def test_a_document_number_or_one_word_still_finds(ranked_db, query, first, absent):
    hits = q.search_documents(ALL, query)
    assert list(hits.doc_id[:len(first)]) == first
    assert absent not in set(hits.doc_id)


@pytest.mark.parametrize("query, expected", [
    ("198/KH-UBND", ("phrase", "number")),
    ("964/QĐ-TTg", ("phrase", "title")),
    ("an ninh mang ke hoach", ("words", "title")),   # all the words, in another order
])
def test_the_first_result_says_why(ranked_db, query, expected):
    hits = q.search_documents(ALL, query)
    assert (hits.match.iloc[0], hits.place.iloc[0]) == expected


def test_words_inside_longer_words_do_not_match(ranked_db):
    assert "substrings_only" not in set(q.search_documents(ALL, "hai ba trung").doc_id)
    assert q.search_documents(ALL, "khai bao").doc_id.tolist() == ["substrings_only"]
    assert q.search_documents(ALL, "xyzzy").empty


def test_no_search_is_every_document_newest_first(ranked_db):
    every = q.search_documents(ALL, "")
    assert len(every) == len(DOCS) and every.match.isna().all() and every.place.isna().all()
    assert every.doc_id.iloc[0] == "substrings_only"   # 2026, the newest


@pytest.mark.parametrize("query", ["'; DROP TABLE documents; --", "x' OR '1'='1", "\\b.*",
                                   "%_x"])
def test_search_values_are_bound_not_sql(ranked_db, query):
    assert q.search_documents(ALL, query).empty
    assert len(q.search_documents(ALL, "")) == len(DOCS)


def test_pattern_characters_are_taken_as_written(ranked_db):
    assert not q.search_documents(ALL, "ke hoach").empty
    assert q.search_documents(ALL, "ke.*hoach").empty        # no document writes "ke.*hoach"
    assert q.search_documents(ALL, "198/kh.ubnd").empty      # "." is no wildcard


@pytest.mark.parametrize("query", ["(?:", "[", "%_", "…"])
def test_a_search_without_words_is_no_search(ranked_db, query):
    assert list(q.search_documents(ALL, query).doc_id) == list(q.search_documents(ALL, "").doc_id)
