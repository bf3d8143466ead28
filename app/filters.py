"""The shared filters: drawn once in the sidebar by dashboard.py, read by every page.

Each widget is keyed by its URL query parameter (app/urlstate.py puts its value in the URL
as an id, so a copied link reopens the same view) and persisted for the session (so it
survives a page switch, and a page that draws no filters). The values end up in one frozen
`Filters` (app/filter_model.py), which is all the query module needs to know about them.

The widgets sit in a popover: the browser mounts them (and loads their code, ~300 KB of
JavaScript, about half a second of a page's first paint) only when it is opened. What is
being filtered is always shown under it as one line of text.
"""
from __future__ import annotations

import string

import streamlit as st

from app import queries, urlstate
from app.filter_model import DOC_TYPES, LEVELS, Filters  # noqa: F401 (pages use filters.Filters)
from app.i18n import current_lang, label, t

# Widget keys, which are also the URL query parameter names (registered in app/urlstate.py).
K_INSTRUMENT = "instrument"
K_YEARS = "years"
K_PROVINCES = "province"
K_TYPES = "type"
K_LEVELS = "level"
FILTER_KEYS = (K_INSTRUMENT, K_YEARS, K_PROVINCES, K_TYPES, K_LEVELS)
_STATE = "_filters"
ALL = "*"  # the "all instruments" option (a None option would make the box clearable)
_BOUNDS = "_year_bounds"


def _reset() -> None:
    """Callback of "clear all filters": every filter back to its default (and off the URL)."""
    st.session_state[K_INSTRUMENT] = ALL
    for k in (K_PROVINCES, K_TYPES, K_LEVELS):
        st.session_state[k] = []
    if st.session_state.get(_BOUNDS):
        st.session_state[K_YEARS] = tuple(st.session_state[_BOUNDS])


def set_provinces(codes) -> None:
    """Callback: make the province filter exactly these GSO codes (e.g. from the map)."""
    st.session_state[K_PROVINCES] = list(codes)


def _drop_unknown(key: str, options) -> None:
    """Forget a remembered value that is no longer an option (a rebuilt warehouse, or a
    label from a link in the other language), instead of filtering on it."""
    if key not in st.session_state:
        return
    v, ok = st.session_state[key], set(options)
    if isinstance(v, (list, tuple)):
        if not set(v) <= ok:
            st.session_state[key] = [x for x in v if x in ok]
    elif v not in ok:
        del st.session_state[key]


def _md(s: object) -> str:
    """A value from the warehouse made inert for markdown (every ASCII punctuation escaped)."""
    return "".join("\\" + ch if ch in _PUNCT else ch for ch in " ".join(str(s).split()))


_PUNCT = frozenset(string.punctuation)


def filter_parts(f: Filters, *, names: dict[str, str] | None = None, provinces: bool = True,
                 instrument_ids: dict[str, str] | None = None, lang: str | None = None,
                 show=str) -> list[str]:
    """The filters in force, one "name: values" text each; `show` makes a warehouse value
    fit where the text goes (escaped for markdown on the page, plain in the brief)."""
    parts = []
    if f.instrument:
        parts.append(f"{t('filter.instrument_short')}: "
                     f"{show((instrument_ids or {}).get(f.instrument, f.instrument))}")
    if f.year_from is not None:
        parts.append(f"{t('filter.years')}: {f.year_from}–{f.year_to}")
    if f.provinces and provinces:
        parts.append(f"{t('filter.provinces')}: "
                     + ", ".join(show((names or {}).get(c, c)) for c in f.provinces))
    if f.doc_types:
        parts.append(f"{t('filter.doc_types')}: "
                     + ", ".join(label("doc_type", c, lang) for c in f.doc_types))
    if f.levels:
        parts.append(f"{t('filter.levels')}: "
                     + ", ".join(label("level", c, lang) for c in f.levels))
    return parts


def summary(f: Filters, names: dict[str, str] | None = None) -> str:
    """The filters in force as one short markdown text (what the closed popover hides)."""
    if f.is_default:
        return t("filter.none_active")
    return "  \n".join(filter_parts(f, names=names, show=_md))


def draw_sidebar() -> Filters:
    """Draw the filter widgets in a sidebar popover, what they filter under it, and
    remember the result for the pages."""
    sb = st.sidebar.popover(t("filter.heading"), icon=":material/filter_alt:", width="stretch",
                            help=t("filter.popover_help"))

    ins = queries.instruments(current_lang())
    prov = queries.provinces()
    _drop_unknown(K_INSTRUMENT, [ALL, *ins.instrument_key])
    _drop_unknown(K_PROVINCES, prov.gso_code)
    _drop_unknown(K_TYPES, DOC_TYPES)
    _drop_unknown(K_LEVELS, LEVELS)
    titles = dict(zip(ins.instrument_key, ins.title))
    ids = dict(zip(ins.instrument_key, ins.instrument_id))
    # labels are worked out now, not inside format_func, which may be called later
    inst_labels = {ALL: t("filter.all_instruments"),
                   **{k: f"{ids[k]} — {titles.get(k, '')}" for k in ids}}
    instrument = sb.selectbox(
        t("filter.instrument"), [ALL, *ins.instrument_key], format_func=inst_labels.get,
        key=K_INSTRUMENT, persist_state="session",
        help=t("filter.instrument_help"), placeholder=t("widget.choose"))

    y0 = y1 = None
    bounds = queries.year_bounds()
    if bounds and bounds[0] < bounds[1]:
        old_bounds = st.session_state.get(_BOUNDS)
        st.session_state[_BOUNDS] = bounds
        yrs = st.session_state.get(K_YEARS)
        if old_bounds and tuple(old_bounds) != tuple(bounds) and yrs is not None \
                and tuple(yrs) == tuple(old_bounds):
            # the whole range stays the whole range when new documents widen it
            del st.session_state[K_YEARS]
            yrs = None
        if yrs is not None and not (isinstance(yrs, (list, tuple)) and len(yrs) == 2):
            del st.session_state[K_YEARS]
        elif yrs is not None and not bounds[0] <= yrs[0] <= yrs[1] <= bounds[1]:
            # a link (or a rebuilt warehouse) reaching past the years there are: the part
            # inside them, not silently every year
            lo = min(max(int(yrs[0]), bounds[0]), bounds[1])
            st.session_state[K_YEARS] = (lo, max(lo, min(int(yrs[1]), bounds[1])))
        # the default goes in only when the session has no value yet: a value set through
        # session state (the reset) together with a default would draw a warning
        lo, hi = sb.slider(t("filter.years"), bounds[0], bounds[1],
                           None if K_YEARS in st.session_state else bounds,
                           key=K_YEARS, persist_state="session",
                           help=t("filter.years_help"))
        if (lo, hi) != bounds:
            y0, y1 = int(lo), int(hi)

    names = dict(zip(prov.gso_code, prov.name_vi))
    provinces = sb.multiselect(
        t("filter.provinces"), list(prov.gso_code), format_func=lambda c: names.get(c, c),
        key=K_PROVINCES, persist_state="session",
        placeholder=t("filter.all_provinces"), select_all=False)
    doc_types = sb.multiselect(
        t("filter.doc_types"), DOC_TYPES,
        format_func={c: label("doc_type", c) for c in DOC_TYPES}.get,
        key=K_TYPES, persist_state="session",
        placeholder=t("filter.all_types"), select_all=False)
    levels = sb.multiselect(
        t("filter.levels"), LEVELS, format_func={c: label("level", c) for c in LEVELS}.get,
        key=K_LEVELS, persist_state="session",
        placeholder=t("filter.all_levels"), select_all=False)

    f = Filters(instrument=None if instrument == ALL else instrument, year_from=y0, year_to=y1,
                provinces=tuple(provinces), doc_types=tuple(doc_types), levels=tuple(levels))
    said = summary(f, names)
    if urlstate.unknown():   # a link named something unknown: not "all documents" silently
        said += "  \n" + t("url.unknown_short")
    st.sidebar.caption(said)
    if not f.is_default:
        st.sidebar.button(t("filter.reset"), on_click=_reset, icon=":material/filter_alt_off:")
    st.session_state[_STATE] = f
    return f


def current() -> Filters:
    """The filters drawn in this run (all open when none were drawn)."""
    return st.session_state.get(_STATE, Filters())
