"""The catalogue: every key in both languages, every key the code asks for present."""
from __future__ import annotations

import ast
import re
import string
from datetime import date
from pathlib import Path

import pytest

from app import i18n
from app.filters import DOC_TYPES, LEVELS
from app.i18n import CATALOGUE, LANGS, fmt_date, fmt_int, label, t

ROOT = Path(__file__).resolve().parents[1]
SOURCES = [ROOT / "dashboard.py", *sorted((ROOT / "pages").glob("*.py")),
           *sorted((ROOT / "app").glob("*.py"))]


@pytest.fixture(autouse=True)
def _vietnamese():
    i18n.set_fallback_lang("vi")
    yield
    i18n.set_fallback_lang("vi")


def _fields(s: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(s) if f}


def test_every_key_has_both_languages_and_the_same_placeholders():
    for key, entry in CATALOGUE.items():
        assert set(entry) == set(LANGS), key
        assert all(entry[lang].strip() for lang in LANGS), key
        assert _fields(entry["vi"]) == _fields(entry["en"]), key


def test_every_literal_key_used_in_the_code_is_in_the_catalogue():
    used = set()
    for p in SOURCES:
        src = p.read_text(encoding="utf-8")
        used |= set(re.findall(r'\bt\(\s*"([a-z0-9_.]+)"', src))
        used |= set(re.findall(r"\bt\(\s*'([a-z0-9_.]+)'", src))
        used |= {k for k in re.findall(r'"(file\.[a-z0-9_]+)"', src)}
    missing = sorted(k for k in used if k not in CATALOGUE and not k.endswith("."))
    assert not missing, missing
    assert len(used) > 100


def test_every_formatted_key_family_is_complete():
    """Keys built at run time (t(f"status.{s}"), label("doc_type", …)) exist for every code."""
    families = {
        "doc_type": DOC_TYPES, "level": LEVELS,
        "status": ("no_docs", "silent", "planned", "reported"),
        "lag_basis": ("plan", "first_action"), "inst_level": ("central", "provincial"),
        "relation": ("implements", "cites"), "role": ("lead", "support"),
        "change": ("added", "changed", "removed", "failed", "duplicate"),
        "coverage.view": ("category", "pillar"),
        "coverage.none": ("no_docs", "silent", "planned", "reported"),
        "map.measure": ("documents", "share", "lag", "last_date"),
        "map.explain": ("documents", "share", "lag", "last_date"),
        "map.view": ("63", "34"), "file.map": ("63", "34"),
        "recurrence": ("annual", "semiannual", "quarterly", "monthly", "weekly"),
    }
    for ns, codes in families.items():
        for c in codes:
            sep = "_" if ns in ("coverage.view", "coverage.none", "map.measure",
                                "map.explain", "map.view", "file.map") else "."
            assert f"{ns}{sep}{c}" in CATALOGUE, f"{ns}{sep}{c}"
    from app.queries import TABLES
    for name in TABLES:
        assert f"table.{name}" in CATALOGUE, name
    for m in ("documents", "share", "lag", "last_date"):
        assert f"map.measure_{m}_short" in CATALOGUE
    for slug in ("province_summary", "timeline", "lags", "coverage", "pillars", "evidence",
                 "compare_agencies", "compare_deadlines", "documents", "warnings"):
        assert f"file.{slug}_title" in CATALOGUE and f"file.{slug}_desc" in CATALOGUE


def test_vietnamese_is_the_default_with_diacritics():
    assert t("page.overview") == "Tổng quan"
    assert t("page.timeline") == "Dòng thời gian"
    assert t("page.coverage") == "Mức độ bao phủ nhiệm vụ"
    assert t("page.compare") == "So sánh"
    assert t("page.documents") == "Văn bản"
    assert t("page.data") == "Dữ liệu"
    assert t("page.map") == "Bản đồ"
    assert t("file.coverage") == "bao-phu-nhiem-vu"


def test_switch_to_english():
    i18n.set_fallback_lang("en")
    assert t("page.overview") == "Overview"
    assert t("chart.days", n="12") == "12 days"
    assert label("doc_type", "plan") == "Plan"


def test_file_slugs_are_ascii():
    for key, entry in CATALOGUE.items():
        if key.startswith("file.") and not key.endswith(("_title", "_desc")):
            for v in entry.values():
                assert re.fullmatch(r"[a-z0-9-]+", v), (key, v)


def test_missing_key_is_an_error_but_unknown_codes_show_as_is():
    with pytest.raises(KeyError):
        t("no.such.key")
    assert label("doc_type", "memo") == "memo"
    assert label("doc_type", None) == ""


def test_number_and_date_formats():
    assert fmt_int(1724) == "1.724"
    assert fmt_int(None) == "—"
    assert fmt_date(date(2023, 4, 14)) == "14/04/2023"
    assert fmt_date(None) == ""
    i18n.set_fallback_lang("en")
    assert fmt_int(1724) == "1,724"
    assert fmt_date(date(2023, 4, 14)) == "2023-04-14"


def test_every_singular_is_of_a_counted_english_string():
    for key, forms in i18n.SINGULAR.items():
        assert key in CATALOGUE and set(forms) == {"en"}, key
        assert _fields(forms["en"]) == _fields(CATALOGUE[key]["en"]), key
        assert i18n.ONE_FIELD.get(key, "n") in _fields(forms["en"]), key
        assert forms["en"] != CATALOGUE[key]["en"], key


@pytest.mark.parametrize("lang, key, kw, expected", [
    ("en", "chart.days", {"n": "1"}, "1 day"),
    ("en", "chart.days", {"n": 1}, "1 day"),
    ("en", "chart.days", {"n": "2"}, "2 days"),
    ("en", "chart.days", {"n": "0"}, "0 days"),
    ("en", "chart.days", {"n": "1,001"}, "1,001 days"),
    ("en", "compare.n_tasks", {"n": "1"}, "1 task"),
    ("en", "data.rows", {"n": "1"}, "1 row"),
    ("en", "documents.count", {"n": "1"}, "1 document"),
    ("en", "timeline.lag_label", {"inst": "29-NQ/TW", "days": "1"}, "29-NQ/TW: 1 day"),
    ("en", "timeline.lag_label", {"inst": "29-NQ/TW", "days": "12"}, "29-NQ/TW: 12 days"),
    ("vi", "chart.days", {"n": "1"}, "1 ngày"),            # Vietnamese has no plural
    ("vi", "compare.n_tasks", {"n": "1"}, "1 nhiệm vụ"),
])
def test_a_count_of_one_is_singular_in_english(lang, key, kw, expected):
    i18n.set_fallback_lang(lang)
    assert t(key, **kw) == expected


def _choice_boxes():
    """Every st.selectbox / st.multiselect call (on st, a column, a sidebar…) in the app."""
    for path in SOURCES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                    and node.func.attr in ("selectbox", "multiselect"):
                yield path, node


@pytest.mark.parametrize("path, call", list(_choice_boxes()),
                         ids=lambda v: v.name if isinstance(v, Path) else getattr(v, "lineno", v))
def test_every_choice_box_speaks_the_interface_language(path, call):
    """Issue 14: a box without a placeholder shows Streamlit's "Choose an option", and a
    multiselect's bulk action "Select all" / "Select 2 matches" — English in a Vietnamese
    screen. The placeholder comes from the catalogue; the bulk action is off."""
    kw = {k.arg: k.value for k in call.keywords}
    where = f"{path.name}:{call.lineno}"
    assert "placeholder" in kw, where
    ph = kw["placeholder"]
    assert isinstance(ph, ast.Call) and getattr(ph.func, "id", "") == "t", where
    if call.func.attr == "multiselect":
        assert "select_all" in kw and kw["select_all"].value is False, where


def test_the_choice_boxes_are_found():
    assert len(list(_choice_boxes())) >= 12
