"""The view in the URL: every setting that shapes what a page shows, as ids a person can type.

    /ban-do?instrument=964/QĐ-TTg&province=38&measure=lag

One registry (`KEYS`) names each view key — which is both its session-state (widget) key
and its URL parameter — the page it belongs to (None: every page, as the filters and the
language), how its value is written in the URL and read back, and its default. dashboard.py
calls `read_link()` first thing in every run and `write_link(page)` last:

- read_link: when the URL is not the one this session last wrote (a link was opened, typed
  or edited, or the browser went back), the values it names are put into session state
  before any widget is drawn. A value the app does not know is reported (`unknown()`), not
  dropped silently.
- write_link: the URL becomes exactly the view: the shared keys (filters, language) and the
  current page's keys, each only when it differs from its default. So after a page switch
  (which in Streamlit 1.67 sends the new page's address without the old parameters) the
  filters are in the URL again at the end of the run.

Values in the URL are ids, never labels: a link means the same in both languages. Old
links with labels (?lang=English, ?type=Kế hoạch, ?instrument=29-NQ/TW — Chiến lược…) are
still read.

A page registers a new view key with one `Key(...)` line in KEYS below, draws its widget
with `key=<name>` (and `persist_state="session"` for shared keys) and WITHOUT
`bind="query-params"`; nothing else is needed.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import streamlit as st

from app import queries
from app.deadlines import STATUSES
from app.doctext import DEFAULT_FIELDS, FIELDS
from app.filter_model import DOC_TYPES, LEVELS
from app.i18n import CATALOGUE, LANG_NAMES, current_lang, label
from etl.text import fold

# A resolver turns what a person typed into an id, or None when nothing matches.
Resolver = Callable[[str], "str | None"]

_WRITTEN = "_url_written"    # the parameters this session last put in the URL
_UNKNOWN = "_url_unknown"    # [(param, value)] the last opened link named but nobody knows
_UNKNOWN_SHOWN_FOR = "_url_unknown_for"  # the URL written right after that link was read
_UNAVAILABLE = "_url_unavailable"  # [(param, value)] known, but not offered by the page now
_ASKED = "_url_asked"        # {param: URL values} the link set, checked after its first run
# Parameters Streamlit itself reads; never ours to judge or drop.
STREAMLIT_PARAMS = frozenset({"embed", "embed_options"})


class Unknown(ValueError):
    """A URL value that names nothing the app knows."""


def _norm(text: str) -> str:
    return " ".join(fold(str(text)).split())


def _split(values: Sequence[str]) -> list[str]:
    """Repeated parameters and comma lists alike: ['01,38', '79'] -> ['01', '38', '79']."""
    return [p.strip() for v in values for p in str(v).split(",") if p.strip()]


# ---------------------------------------------------------------- codecs (pure)
@dataclass(frozen=True)
class One:
    """One id of a vocabulary (instrument, province, document, …)."""
    vocab: str

    def encode(self, v) -> list[str]:
        return [str(v)]

    def decode(self, values: Sequence[str], resolve: Resolver):
        text = " ".join(str(v) for v in values).strip()
        got = resolve(text)
        if got is None:
            raise Unknown(text)
        return got


@dataclass(frozen=True)
class Many:
    """Several ids of a vocabulary: province=01,38 (or province=01&province=38). The known
    ones are kept; the others are reported."""
    vocab: str

    def encode(self, v) -> list[str]:
        return [",".join(str(x) for x in v)]

    def decode(self, values: Sequence[str], resolve: Resolver):
        parts = [str(v).strip() for v in values if str(v).strip()]
        whole = [resolve(p) for p in parts]
        if parts and all(whole):         # a name with a comma in it, given whole
            return list(dict.fromkeys(whole))
        got, bad = [], []
        for p in _split(values):
            r = resolve(p)
            (got if r is not None else bad).append(r if r is not None else p)
        if bad:
            raise PartlyUnknown(list(dict.fromkeys(got)), bad)
        return list(dict.fromkeys(got))


class PartlyUnknown(Unknown):
    def __init__(self, known: list, bad: list[str]):
        super().__init__(",".join(bad))
        self.known = known


@dataclass(frozen=True)
class Code:
    """One of a fixed set of short codes; the option's label in either language is read
    too (old links carried labels). `many`: a list of them."""
    codes: tuple[str, ...]
    label: Callable[[str, str], str] | None = None   # (code, lang) -> shown label
    many: bool = False

    def resolver(self) -> Resolver:
        table = {_norm(c): c for c in self.codes}
        if self.label is not None:
            for lang in ("vi", "en"):
                for c in self.codes:
                    table.setdefault(_norm(self.label(c, lang)), c)
        return lambda text: table.get(_norm(text))

    def encode(self, v) -> list[str]:
        return [",".join(v)] if self.many else [str(v)]

    def decode(self, values: Sequence[str], resolve: Resolver | None = None):
        r = self.resolver()
        return (Many("").decode(values, r) if self.many else One("").decode(values, r))


@dataclass(frozen=True)
class Tab:
    """Stateful tabs keep their value as the tab's label: the URL holds the code, the session
    the label in the language in force."""
    codes: tuple[str, ...]
    label: Callable[[str, str], str]

    def code_of(self, shown) -> str | None:
        for lang in ("vi", "en"):
            for c in self.codes:
                if shown == self.label(c, lang):
                    return c
        return None

    def encode(self, v) -> list[str]:
        return [self.code_of(v) or str(v)]

    def decode(self, values: Sequence[str], resolve: Resolver | None = None, lang="vi"):
        code = Code(self.codes, self.label).decode(values)
        return self.label(code, lang)


_YEARS = re.compile(r"^\s*(\d{4})\s*(?:[-–—/:]|\.\.)?\s*(\d{4})?\s*$")


@dataclass(frozen=True)
class Years:
    """A year range: years=2021-2025 (one year: years=2021). The old form, years=2019&years=2023,
    is read too."""

    def encode(self, v) -> list[str]:
        lo, hi = (int(x) for x in v)
        return [str(lo) if lo == hi else f"{lo}-{hi}"]

    def decode(self, values: Sequence[str], resolve: Resolver | None = None):
        text = "-".join(str(v).strip() for v in values if str(v).strip())
        m = _YEARS.match(text)
        if not m:
            raise Unknown(text)
        lo, hi = int(m.group(1)), int(m.group(2) or m.group(1))
        if lo > hi:
            lo, hi = hi, lo
        return (lo, hi)


@dataclass(frozen=True)
class Flag:
    def encode(self, v) -> list[str]:
        return ["true" if v else "false"]

    def decode(self, values: Sequence[str], resolve: Resolver | None = None):
        text = _norm(values[-1]) if values else ""
        if text in ("true", "1", "yes", "on", "co"):
            return True
        if text in ("false", "0", "no", "off", "khong"):
            return False
        raise Unknown(values[-1] if values else "")


@dataclass(frozen=True)
class Day:
    def encode(self, v) -> list[str]:
        return [v.isoformat()]

    def decode(self, values: Sequence[str], resolve: Resolver | None = None):
        text = str(values[-1]).strip() if values else ""
        try:
            return date.fromisoformat(text)
        except ValueError:
            raise Unknown(text) from None


@dataclass(frozen=True)
class Text:
    def encode(self, v) -> list[str]:
        return [str(v)]

    def decode(self, values: Sequence[str], resolve: Resolver | None = None):
        return str(values[-1]) if values else ""


@dataclass(frozen=True)
class Key:
    name: str                 # session-state key of the widget, and the URL parameter
    page: str | None          # url_path of the page that draws it; None = every page
    codec: Any
    # the value that stays out of the URL (a callable when it depends on the data)
    default: Any = None
    blank: tuple = field(default=(None, "", (), []))   # values that never go in the URL

    def is_default(self, v) -> bool:
        d = self.default() if callable(self.default) else self.default
        if isinstance(v, (list, tuple)) and isinstance(d, (list, tuple)):
            return list(v) == list(d)
        return v == d or any(v == b and type(v) is type(b) for b in self.blank)


# ---------------------------------------------------------------- the registry
def _label(ns: str) -> Callable[[str, str], str]:
    return lambda code, lang: label(ns, code, lang)


def _cat(prefix: str) -> Callable[[str, str], str]:
    return lambda code, lang: CATALOGUE[prefix + code][lang]


def _year_bounds():
    b = st.session_state.get("_year_bounds")
    return tuple(b) if b else None


def _today():
    return date.today()


def _lang_label(code: str, lang: str) -> str:
    return LANG_NAMES[code]


KEYS: tuple[Key, ...] = (
    # shared by every page
    Key("lang", None, Code(("vi", "en"), _lang_label), "vi"),
    Key("instrument", None, One("instrument"), "*"),
    Key("years", None, Years(), _year_bounds),
    Key("province", None, Many("province"), []),
    Key("type", None, Code(DOC_TYPES, _label("doc_type"), many=True), []),
    Key("level", None, Code(LEVELS, _label("level"), many=True), []),
    # status board
    Key("board_instrument", "tinh-hinh-trien-khai", One("instrument")),
    Key("board_2025", "tinh-hinh-trien-khai", Flag(), False),
    Key("board_overlay", "tinh-hinh-trien-khai", Many("instrument"), []),
    Key("board_doc", "tinh-hinh-trien-khai", One("doc"), ""),
    Key("board_profile", "tinh-hinh-trien-khai", One("province"), ""),
    # province profile: the province (a GSO code, ?profile=38), the opened group and document
    Key("profile", "ho-so-tinh", One("province"), ""),
    Key("profile_category", "ho-so-tinh", One("category"), ""),
    Key("profile_doc", "ho-so-tinh", One("doc"), ""),
    # map
    Key("measure", "ban-do", Code(("documents", "share", "lag", "last_date"),
                                  _cat("map.measure_")), "documents"),
    Key("borders", "ban-do", Code(("63", "34"), _cat("map.view_")), "63"),
    Key("map_instrument", "ban-do", One("instrument")),
    Key("map_pick_63", "ban-do", One("map63"), ""),
    Key("map_pick_34", "ban-do", One("map34"), ""),
    # timeline
    Key("timeline_doc", "dong-thoi-gian", One("doc"), ""),
    # coverage: the view and the opened cell
    Key("view", "bao-phu", Code(("category", "pillar"), _cat("coverage.view_")), "category"),
    Key("cell_province_category", "bao-phu", One("province")),
    Key("cell_row_category", "bao-phu", One("category")),
    Key("cell_province_pillar", "bao-phu", One("province")),
    Key("cell_row_pillar", "bao-phu", One("pillar")),
    Key("coverage_sort", "bao-phu", Code(("coverage", "name", "region"), _cat("coverage.sort_")),
        "coverage"),
    # compare
    Key("compare", "so-sanh", Many("province"), []),
    # documents
    Key("q", "van-ban", Text(), ""),
    Key("doc", "van-ban", One("doc")),
    Key("documents_view", "van-ban", Tab(("list", "grid"), _cat("documents.view_")),
        lambda: _cat("documents.view_")("list", _lang())),
    # deadlines
    Key("today", "thoi-han", Day(), _today),
    Key("deadline_status", "thoi-han", Code(STATUSES, _label("deadline_status"),
                                            many=True), []),
    # the document view's highlight choice and raw-text switch, on each page that opens one
    *(k for view, page in (("documents_docview", "van-ban"), ("timeline_docview", "dong-thoi-gian"),
                           ("board_docview", "tinh-hinh-trien-khai"),
                           ("profile_docview", "ho-so-tinh"), ("deadlines_docview", "thoi-han"))
      for k in (Key(f"{view}_marks", page, Code(FIELDS, _cat("mark."), many=True),
                    list(DEFAULT_FIELDS)),
                Key(f"{view}_raw", page, Flag(), False))),
    # data
    Key("data_tab", "du-lieu", Tab(("summaries", "tables", "codebook", "run", "quality"),
                                   _cat("data.tab_")),
        lambda: _cat("data.tab_")("summaries", _lang())),
)
BY_NAME = {k.name: k for k in KEYS}


def _lang() -> str:
    return current_lang()


# ---------------------------------------------------------------- vocabularies
def _table(pairs) -> dict[str, str]:
    """{typed form: id} from (id, *other names) rows: each folded (no accents, any case)."""
    out: dict[str, str] = {}
    for id_, *names in pairs:
        for n in (id_, *names):
            if isinstance(n, str) and n.strip():
                out.setdefault(_norm(n), id_)
    return out


def table_resolver(table: dict[str, str]) -> Resolver:
    def resolve(text: str) -> str | None:
        key = _norm(text)
        if key in table:
            return table[key]
        # an old label, "29-NQ/TW — Chiến lược …": its number
        head = _norm(re.split(r"\s+[—–-]\s+", str(text), maxsplit=1)[0])
        return table.get(head)
    return resolve


def _vocab(name: str) -> Resolver:
    if name == "instrument":
        ins = queries.instruments()
        return table_resolver(_table(zip(ins.instrument_key, ins.instrument_id)))
    if name in ("province", "map63", "map34"):
        p = queries.provinces()
        if name == "province":
            return table_resolver(_table(zip(p.gso_code, p.name_vi, p.ascii_key)))
        if name == "map63":
            return table_resolver(_table(zip(p.ascii_key, p.name_vi, p.gso_code)))
        return table_resolver(_table(zip(p.merged_into_key, p.merged_into_name_vi)))
    if name in ("category", "pillar"):
        c = queries.task_categories()
        col = "category_code" if name == "category" else "gci_pillar"
        return table_resolver(_table(zip(c[col], c["category" if name == "category"
                                                      else "pillar"])))
    if name == "doc":
        return lambda text: text.strip() if queries.document_exists(text.strip()) else None
    return lambda text: None


# ---------------------------------------------------------------- reading and writing
def _params_now() -> dict[str, list[str]]:
    qp = st.query_params
    return {k: qp.get_all(k) for k in qp}


def decode(key: Key, values: Sequence[str], resolve: Resolver | None = None, lang: str = "vi"):
    """The session value of `key` from its URL values; raises Unknown (PartlyUnknown keeps
    the known part)."""
    if isinstance(key.codec, Tab):
        return key.codec.decode(values, lang=lang)
    if isinstance(key.codec, (One, Many)):
        return key.codec.decode(values, resolve or _vocab(key.codec.vocab))
    return key.codec.decode(values)


def encode(key: Key, value) -> list[str]:
    return key.codec.encode(value)


def read_link() -> None:
    """Put what a newly opened (or edited) URL names into session state, and note what it
    names that the app does not know. Call first in every run."""
    ss = st.session_state
    now = _params_now()
    written = ss.get(_WRITTEN)
    if written is not None and now == written:
        _relabel_tabs()
        return
    unknown: list[tuple[str, str]] = []
    asked: dict[str, list[str] | None] = {}
    # the language first: tab labels are decoded in it
    names = sorted(now, key=lambda n: n != "lang")
    for name in names:
        values = [v for v in now[name] if v is not None]
        key = BY_NAME.get(name)
        if key is None:
            if name not in STREAMLIT_PARAMS:
                unknown.append((name, ",".join(values)))
            continue
        if not any(str(v).strip() for v in values):
            continue
        try:
            value = decode(key, values, lang=ss.get("lang") or "vi")
        except PartlyUnknown as e:
            unknown.append((name, str(e)))
            value = e.known
            if not value:
                continue
        except Unknown as e:
            unknown.append((name, str(e)))
            continue
        except Exception:  # noqa: BLE001 — no warehouse yet: the page says so itself
            continue
        if ss.get(name, object()) != value:
            ss[name] = value
        asked[name] = _encoded(key, value)
    ss[_UNKNOWN] = unknown
    ss[_UNAVAILABLE] = []
    ss[_ASKED] = asked
    ss.pop(_UNKNOWN_SHOWN_FOR, None)
    _relabel_tabs()


def _relabel_tabs() -> None:
    """A tab remembered by its label in the other language: the same tab, relabelled."""
    ss, lang = st.session_state, _lang()
    for k in KEYS:
        if isinstance(k.codec, Tab) and k.name in ss:
            code = k.codec.code_of(ss[k.name])
            if code is not None and ss[k.name] != k.codec.label(code, lang):
                ss[k.name] = k.codec.label(code, lang)


def view_params(page: str | None, state) -> dict[str, list[str]]:
    """The URL parameters of the view on `page`: shared keys and the page's own, each when
    it is set and differs from its default, in registry order."""
    out: dict[str, list[str]] = {}
    for k in KEYS:
        if k.page not in (None, page) or k.name not in state:
            continue
        v = state[k.name]
        if k.is_default(v):
            continue
        try:
            out[k.name] = encode(k, v)
        except (TypeError, ValueError):
            continue
    return out


def _encoded(key: Key, value) -> list[str] | None:
    try:
        return encode(key, value)
    except (TypeError, ValueError):
        return None


def write_link(page: str | None) -> list[tuple[str, str]]:
    """Make the URL exactly the view now. Call last in every run (also after st.stop).

    Returns what the link just opened asked for that the page did not take (a province
    with no document under the filters, years outside those there are), to be said."""
    ss = st.session_state
    unavailable = []
    asked = ss.get(_ASKED) or {}
    for name in [n for n in asked if BY_NAME[n].page in (None, page)]:
        # checked once, on the first run of the page it belongs to
        wanted = asked.pop(name)
        if _encoded(BY_NAME[name], ss.get(name)) != wanted:
            unavailable.append((name, ",".join(wanted or [])))
    if unavailable:
        ss[_UNAVAILABLE] = unavailable
    params = view_params(page, ss)
    if _params_now() != params:
        st.query_params.from_dict({k: v[0] if len(v) == 1 else v for k, v in params.items()})
    ss[_WRITTEN] = params
    if (ss.get(_UNKNOWN) or ss.get(_UNAVAILABLE)) and _UNKNOWN_SHOWN_FOR not in ss:
        ss[_UNKNOWN_SHOWN_FOR] = view_params("", ss)
    return unavailable


def unknown() -> list[tuple[str, str]]:
    """What the opened link named that the app does not know, while the shared view (filters,
    language) is still the one the link opened: the first change of a filter clears it."""
    return _still_shown(_UNKNOWN)


def unavailable() -> list[tuple[str, str]]:
    """What the opened link asked for that its page did not offer, on the same terms."""
    return _still_shown(_UNAVAILABLE)


def _still_shown(which: str) -> list[tuple[str, str]]:
    ss = st.session_state
    got = ss.get(which) or []
    shown_for = ss.get(_UNKNOWN_SHOWN_FOR)
    if got and shown_for is not None and shown_for != view_params("", ss):
        ss[which] = []
        return []
    return got


def unknown_text(items: list[tuple[str, str]]) -> str:
    """instrument=999/XX, foo=1 — as plain text (the caller escapes it for markdown)."""
    return ", ".join(f"{name}={value}" for name, value in items)


def keep_values_on_language_change() -> None:
    """Callback of the language switch. A widget with shown labels keeps its value in the
    browser as the label, which the other language no longer matches: every view key is
    set again from its language-free value."""
    ss = st.session_state
    for k in KEYS:
        if k.name in ss and k.name != "lang" and not isinstance(k.codec, Tab):
            ss[k.name] = ss[k.name]
