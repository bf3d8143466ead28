"""Shared widgets: headers, empty states, tables, CSV downloads, charts with their data,
and the document view used by more than one page."""
from __future__ import annotations

import hashlib
import hmac
import html
import io
import os
import re
import string
import unicodedata
from datetime import date
from pathlib import Path

import pandas as pd
import streamlit as st

from app import doctext, filters, queries, urlstate
from app.filter_model import Filters
from app.i18n import (col, current_lang, fmt_date, fmt_dates, fmt_int, label, labels, t,
                      using_lang)
from app.search import term_spans, terms


# ---------------------------------------------------------------- text
def page_header(title_key: str, intro_key: str | None = None) -> None:
    st.title(t(title_key))
    if intro_key:
        st.caption(t(intro_key))


def empty_state(message: str | None = None) -> None:
    """Say in words that there is nothing to show (never an empty chart)."""
    st.info(message or t("empty.no_match"), icon=":material/search_off:")


def has_documents(f: Filters) -> bool:
    """False (after saying so) when the filters select no document."""
    if queries.count_documents(f) == 0:
        empty_state(t("empty.no_match"))
        return False
    return True


def missing_warehouse() -> None:
    st.title(t("app.title"))
    st.warning(t("warehouse.missing", path=str(queries.warehouse_path())),
               icon=":material/database:")
    st.code("python3 dev.py run\n# " + t("warehouse.or") + "\npython -m etl ingest data/raw",
            language="bash")


_MD_SPECIAL = frozenset(string.punctuation)


def escaped(s: object) -> str:
    """Text from a document made inert for st.markdown: one line, and every ASCII
    punctuation mark backslash-escaped (no emphasis, links, HTML, directives or LaTeX)."""
    flat = " ".join(str("" if s is None else s).split())
    return "".join("\\" + ch if ch in _MD_SPECIAL else ch for ch in flat)


# ---------------------------------------------------------------- csv
def file_safe(s: str) -> str:
    """ASCII letters, digits and hyphens only: '964/QĐ-TTg' → '964-QD-TTg'."""
    s = unicodedata.normalize("NFKD", str(s).replace("đ", "d").replace("Đ", "D"))
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    return re.sub(r"[^A-Za-z0-9]+", "-", s).strip("-")


MAX_NAMED_PROVINCES = 3  # more than this and the name gives their number instead


def filtered_file_name(slug: str, today: date, *, instrument: str | None = None,
                       provinces: tuple[str, ...] = (), many_provinces: str = "{n}",
                       years: tuple[int, int] | None = None,
                       kinds: tuple[str, ...] = ()) -> str:
    """`tong-quan_964-QD-TTg_thanh-hoa_2021-2025_2026-12-07.csv`: what it is, which
    filters made it (the text, the provinces as ASCII names, other choices, the years) and
    when, so that two downloads of one table under different filters are told apart."""
    parts = [slug]
    if instrument:
        parts.append(file_safe(instrument))
    if provinces:
        parts.append("+".join(file_safe(p).lower() for p in provinces)
                     if len(provinces) <= MAX_NAMED_PROVINCES
                     else many_provinces.format(n=len(provinces)))
    if kinds:
        parts.append("+".join(file_safe(k).lower() for k in kinds))
    if years:
        parts.append(f"{years[0]}-{years[1]}")
    parts.append(today.isoformat())
    return "_".join(p for p in parts if p) + ".csv"


def dated_file_name(slug_key: str, today: date | None = None, f: Filters | None = None, *,
                    instrument: str | None = None) -> str:
    """The file name of a download: its slug in the interface language, the filters `f`
    in force (`instrument`, when given, is the central text the page shows instead of the
    filter's) and the date."""
    f = f or Filters()
    ascii_names = {}
    if f.provinces:
        prov = queries.provinces()
        ascii_names = dict(zip(prov.gso_code, prov.ascii_key))
    kinds = (*(label("doc_type", c) for c in f.doc_types), *(label("level", c) for c in f.levels))
    return filtered_file_name(
        t(slug_key), today or date.today(), instrument=instrument or f.instrument,
        provinces=tuple(ascii_names.get(c, c) for c in f.provinces),
        many_provinces=t("filename.n_provinces"), kinds=kinds,
        years=(f.year_from, f.year_to) if f.year_from is not None else None)


_CODED = {"doc_type": "doc_type", "first_action_type": "doc_type", "level": "level",
          "status": "status", "mode": "status", "lag_basis": "lag_basis",
          "instrument_level": "inst_level", "relation": "relation", "role": "role",
          "change": "change", "recurrence": "recurrence", "kind": "warning",
          "point": "point"}
_BOOLS = ("inferred", "corrected", "catalogued")


def readable(df: pd.DataFrame) -> pd.DataFrame:
    """Coded values (doc_type, status, role…) as words in the interface language."""
    out = df.copy(deep=False)  # columns are replaced, never changed in place
    lang = current_lang()
    for c, ns in _CODED.items():
        if c in out.columns:
            out[c] = labels(ns, out[c], lang).values
    words = {v: t(f"bool.{v}") for v in ("true", "false")}
    for c in _BOOLS:
        if c in out.columns:
            out[c] = out[c].map(lambda v: "" if pd.isna(v) else words[str(bool(v)).lower()])
    return out


def with_code_names(df: pd.DataFrame) -> pd.DataFrame:
    """Each coded column (doc_type, level, relation, role…) kept, with its words in the
    interface language beside it as `<column>_name`: a whole table's CSV keeps the codes
    the codebook describes, and a reader who does not know them reads the names."""
    out = df.copy(deep=False)  # columns are added, never changed in place
    lang = current_lang()
    for c, ns in _CODED.items():
        if c in out.columns and f"{c}_name" not in out.columns:
            out.insert(out.columns.get_loc(c) + 1, f"{c}_name", labels(ns, out[c], lang).values)
    return out


def localized(df: pd.DataFrame) -> pd.DataFrame:
    """Coded values as words and column headers in the interface language."""
    out = readable(df)
    return out.rename(columns={c: col(c) for c in out.columns})


# Codes with a leading zero ("01" Hà Nội, "001" Ba Đình): Excel reads "01" as the number 1.
LEADING_ZERO_CODES = ("province_code", "gso_code", "merged_into_gso_code_2025",
                      "district_code", "province_gso_code")


def excel_text_codes(df: pd.DataFrame) -> pd.DataFrame:
    """Codes written as ="01": Excel (and LibreOffice, Google Sheets) shows 01, as text. A
    leading apostrophe shows as such when a CSV is opened, and a leading tab makes pandas
    read 1; ="01" stays a string in pandas and DuckDB too (strip the =" " to use it). The
    codebook says so for every such column."""
    cols = [c for c in LEADING_ZERO_CODES if c in df.columns]
    if not cols:
        return df
    out = df.copy(deep=False)  # columns are replaced, never changed in place
    for c in cols:
        out[c] = out[c].map(lambda v: f'="{v}"' if present(v) else v)
    return out


def csv_bytes(df: pd.DataFrame, *, raw: bool = False) -> bytes:
    """UTF-8 with BOM, so that Excel shows Vietnamese letters; codes keep their leading
    zero (`excel_text_codes`). `raw` keeps the warehouse's own column names and codes
    (whole tables, as the codebook describes them)."""
    buf = io.BytesIO()  # written in chunks: never the whole file as one Python string
    df = excel_text_codes(df)
    (df if raw else localized(df)).to_csv(buf, index=False, encoding="utf-8-sig")
    return buf.getvalue()


def _deferred_csv(data, lang: str, raw: bool):
    """What a download button runs when clicked (on a thread of its own, outside the
    script: no session, so the language is the one the page was drawn in). `data` is a
    DataFrame already in hand, or a function that loads one: then the query runs only now,
    past Streamlit's data cache, so a big table is neither loaded with the page nor kept
    in memory afterwards."""
    def make() -> bytes:
        with using_lang(lang):
            if callable(data):
                with queries.no_cache:
                    return csv_bytes(data(), raw=raw)
            return csv_bytes(data, raw=raw)
    return make


def download_csv(data, slug_key: str, key: str, label: str | None = None, *,
                 raw: bool = False, file_name: str | None = None,
                 help: str | None = None,  # noqa: A002 (Streamlit's name)
                 filtered: bool = True, instrument: str | None = None) -> None:
    """A CSV download of `data`: a DataFrame, or a function returning one (for big tables:
    it runs only when the button is clicked). Its name says the sidebar's filters unless
    the data is not `filtered` by them (the codebook, the ETL runs)."""
    name = file_name or dated_file_name(
        slug_key, f=filters.current() if filtered else None, instrument=instrument)
    st.download_button(
        label or t("download.csv"), data=_deferred_csv(data, current_lang(), raw),
        file_name=name, mime="text/csv", key=key,
        on_click="ignore", icon=":material/download:", help=help or t("download.help"))


# ---------------------------------------------------------------- tables and charts
TABLE_ROWS_OPEN = 100  # a longer secondary table waits in a closed expander for a click
_LONG_TEXT = ("evidence", "text", "description", "message", "error")
_MEDIUM_TEXT = ("title", "first_action_doc", "first_plan_doc", "issuer", "source_file")


def _column_config(df: pd.DataFrame) -> dict:
    cfg = {col(c_): st.column_config.TextColumn(col(c_), width="large")
           for c_ in _LONG_TEXT if c_ in df.columns}
    cfg.update({col(c_): st.column_config.TextColumn(col(c_), width="medium")
                for c_ in _MEDIUM_TEXT if c_ in df.columns})
    fmt = "DD/MM/YYYY" if current_lang() == "vi" else "YYYY-MM-DD"
    for c in df.columns:
        s = df[c]
        if pd.api.types.is_datetime64_any_dtype(s) and s.notna().any() and (
                s.dropna().dt.normalize() != s.dropna()).any():
            cfg[col(c)] = st.column_config.DatetimeColumn(
                col(c), format=fmt + " HH:mm")
        elif pd.api.types.is_datetime64_any_dtype(s) or (
                s.dtype == object and s.dropna().map(lambda v: isinstance(v, date)).all()
                and s.notna().any()):
            cfg[col(c)] = st.column_config.DateColumn(col(c), format=fmt)
    return cfg


def table(df: pd.DataFrame, columns: list[str] | None = None, *, height: int | str = "auto",
          key: str | None = None, select: bool = False, config: dict | None = None,
          on_select=None) -> int | None:
    """A read-only table with localized headers (text shown as text, never as HTML).
    select: a click on a row picks it; returns its position in `df` (None: none picked).
    on_select: instead, a callback run when the reader picks a row (the selection is then in
    st.session_state[key]). config: column configs by the warehouse's column name."""
    view = df[columns] if columns else df
    view = localized(view)
    cfg = _column_config(df[columns] if columns else df)
    cfg.update({col(c): spec for c, spec in (config or {}).items()})
    extra = (dict(on_select=on_select or "rerun", selection_mode="single-row")
             if select or on_select else {})
    event = st.dataframe(view, hide_index=True, height=height, placeholder="—",
                         column_config=cfg, key=key, **extra)
    if not select:
        return None
    rows = list(getattr(getattr(event, "selection", None), "rows", None) or [])
    return rows[0] if rows and 0 <= rows[0] < len(df) else None


LIGHT_COLUMN_REM = 7  # narrowest a light_table column gets before the table scrolls


def light_table(df: pd.DataFrame, columns: list[str], *, height: int = 440,
                links: tuple[str, list[str]] | None = None) -> None:
    """The rows as a plain HTML table in a scroll box: the same localized headers and words
    as `table`, every value escaped, but no data grid (whose code is 1.7 MB of JavaScript,
    about half a second of a page's first paint). For a first look; `table` sorts and
    searches. `links`: (column, one address per row) makes that column's values links."""
    lang = current_lang()
    view = readable(df[columns])
    cells = {}
    nowrap = {"doc_number"}  # numbers and dates read badly broken over two lines
    for c in columns:
        s = view[c]
        if pd.api.types.is_datetime64_any_dtype(s) or (
                s.dtype == object and s.dropna().map(lambda v: isinstance(v, date)).all()):
            cells[c] = fmt_dates(s, lang).tolist()
            nowrap.add(c)
        else:
            cells[c] = ["" if not present(v) else str(v) for v in s]
    if links:
        column, hrefs = links
        cells[column] = [f'<a href="{html.escape(h, quote=True)}" target="_self">'
                         f"{html.escape(v)}</a>" if v else "" for v, h in zip(cells[column], hrefs)]
    escape = {c: (lambda v: v) if links and c == links[0] else html.escape for c in columns}
    td = ['<td class="nowrap">' if c in nowrap else "<td>" for c in columns]
    head = "".join(f"<th>{html.escape(col(c))}</th>" for c in columns)
    esc = [escape[c] for c in columns]
    body = "".join("<tr>" + "".join(f"{o}{e(v)}</td>" for o, e, v in zip(td, esc, row)) + "</tr>"
                   for row in zip(*(cells[c] for c in columns)))
    # Each column keeps a readable width: on a phone the table scrolls sideways inside its
    # own box (squeezed to the screen, its last columns were cut off), the page does not.
    min_width = LIGHT_COLUMN_REM * len(columns)
    st.html(f'<div class="light-table" style="max-height: {int(height)}px; overflow: auto; '
            'max-width: 100%">'
            '<style>.light-table table {border-collapse: collapse; width: 100%; '
            f'min-width: {min_width}rem; font-size: 0.875rem}} '
            '.light-table th {position: sticky; top: 0; '
            'background: #f0f2f6; text-align: left; font-weight: 600} '
            '.light-table th, .light-table td {padding: 0.3rem 0.5rem; '
            'border-bottom: 1px solid #e6e6e6; vertical-align: top} '
            '.light-table td.nowrap {white-space: nowrap}</style>'
            f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>")


PHONE_SCREEN_PX = 358   # a 390 px phone less the page's padding
PHONE_CELL_PX = 26      # a heatmap column on a phone: the number written in it stays legible
PHONE_LABELS_PX = 420   # the row labels and the colour bar (with its labels) beside them


def phone_chart_width(fig) -> int | None:
    """How wide a chart must be drawn on a phone to stay legible, when that is wider than
    the screen (it then scrolls sideways in its own box): a heatmap keeps PHONE_CELL_PX per
    column (63 provinces squeezed into a phone's width cut its labels and numbers). None:
    the chart fits the screen as it is."""
    columns = [len(tr.z[0]) for tr in fig.data
               if tr.type == "heatmap" and tr.z is not None and len(tr.z)]
    if not columns:
        return None
    width = PHONE_LABELS_PX + PHONE_CELL_PX * max(columns)
    return width if width > PHONE_SCREEN_PX else None


def chart(fig, data, slug_key: str, key: str, *, select: bool = False,
          instrument: str | None = None):
    """A chart with, right under it, the download of exactly the data it shows (a
    DataFrame, or a function that loads it when the button is clicked); `instrument`: the
    central text it shows, when not the filter's (for the file name). On a phone the
    plotly toolbar is left out (always shown on a touch screen, it covered the legends) and
    a chart too wide for the screen scrolls sideways in a box of its own."""
    phone = on_phone()
    wide = phone_chart_width(fig) if phone else None
    box = st
    if wide:
        fig.update_layout(width=wide)
        box_key = f"{key}_wide"
        # Streamlit fits every element to the page's width; this box lets one be wider
        st.html(f"<style>.st-key-{box_key} {{overflow-x: auto}} "
                f".st-key-{box_key} [data-testid='stElementContainer'] "
                f"{{min-width: {wide}px; flex-shrink: 0}}</style>")
        box = st.container(key=box_key)
    config = {"displaylogo": False, "locale": current_lang(),
              **({"displayModeBar": False} if phone else {})}
    event = box.plotly_chart(
        fig, key=key, on_select="rerun" if select else "ignore",
        selection_mode="points", config=config)
    download_csv(data, slug_key, key=f"{key}_csv", instrument=instrument)
    return event


def changes_view(run_id: int, key: str) -> None:
    """What an ETL run did: the files per kind of change, the first SHOWN_CHANGES of them,
    and all of them as CSV (queried when the button is clicked)."""
    counts = queries.run_change_counts(run_id)
    if counts.empty:
        st.success(t("overview.nothing_changed"), icon=":material/check_circle:")
        return
    lang = current_lang()
    total = int(counts.files.sum())
    st.markdown(f"{t('overview.changes_by_kind')}: " + " · ".join(
        f"**{label('change', c, lang)}** {fmt_int(n, lang)}"
        for c, n in zip(counts.change, counts.files)))
    shown = queries.run_changes_shown(run_id)
    table(shown, ["change", "source_file", "doc_number", "province", "title", "error"], key=key)
    more = total > len(shown)
    if more:
        st.caption(t("overview.changes_shown", shown=fmt_int(len(shown), lang),
                     n=fmt_int(total, lang)))
    download_csv(lambda: queries.run_changes(run_id), "file.run_changes", key=f"{key}_csv",
                 filtered=False,
                 label=t("overview.csv_all", n=fmt_int(total, lang)) if more else None,
                 help=t("download.help_all") if more else None)


PROFILE_PATH = "ho-so-tinh"


def profile_href(code: str, params=()) -> str:
    """The address of a province's profile, relative to the page it is written on, keeping
    the view settings in `params` ((name, value) pairs: the filters and the language) so
    that a link opened in a new tab shows the same view: 'ho-so-tinh?type=Kế+hoạch&profile=38'."""
    from urllib.parse import urlencode
    kept = [(k, v) for k, v in params if k != "profile"]
    return f"{PROFILE_PATH}?{urlencode([*kept, ('profile', str(code))])}"


def profile_hrefs(codes) -> list[str]:
    """`profile_href` of each code, with the filters and language in force (as ids)."""
    shared = urlstate.view_params(None, st.session_state)
    params = [(k, v) for k, vs in shared.items() for v in vs]
    return [profile_href(c, params) for c in codes]


def selected_points(event) -> list[dict]:
    try:
        return list(event.selection.points)  # type: ignore[union-attr]
    except AttributeError:
        return []


def metric_row(items: list[tuple[str, str, str | None]]) -> None:
    """Figures side by side in cards that wrap onto another line when the screen is too
    narrow for all of them (fixed columns would cut a figure to "35…" on a tablet)."""
    with st.container(horizontal=True, gap="small"):
        for name, value, helptext in items:
            st.metric(name, value, help=helptext, border=True, width="stretch")


def is_phone_agent(user_agent: str | None) -> bool:
    """A phone's browser says "Mobi" in its User-Agent (MDN's advice); a tablet's does not."""
    return "Mobi" in (user_agent or "")


def on_phone() -> bool:
    """Whether the page is being read on a phone (the server sees no screen width; the
    map, whose opening view is fixed in the figure, is fitted to a phone's width then)."""
    try:
        return is_phone_agent(st.context.headers.get("User-Agent"))
    except (AttributeError, RuntimeError):  # no browser behind the run (tests, bare mode)
        return False


def present(v) -> bool:
    return v is not None and not (not isinstance(v, (str, list, tuple)) and pd.isna(v)) and v != ""


def doc_label(row) -> str:
    """How a document is named in lists: number and title; then province and date."""
    title = str(row.get("title")) if present(row.get("title")) else ""
    if len(title) > 70:
        title = title[:69].rstrip() + "…"
    number = row.get("doc_number") if present(row.get("doc_number")) else None
    name = f"{number} — {title}" if number and title else (number or title or row.get("doc_id"))
    parts = [p for p in (row.get("province"), fmt_date(row.get("doc_date"))) if present(p) and p]
    return f"{name} ({', '.join(parts)})" if parts else str(name)


def doc_labels(docs: pd.DataFrame, lang: str | None = None) -> dict[str, str]:
    """`doc_label` of every row at once (column operations, the language looked up once):
    {doc_id: label}, in the frame's order."""
    if docs.empty:
        return {}
    lang = lang or current_lang()
    ids = docs.doc_id.astype(str)

    def text(c: str) -> pd.Series:
        if c not in docs.columns:
            return pd.Series("", index=docs.index)
        return docs[c].astype(object).where(docs[c].notna(), "").astype(str)

    title = text("title")
    long_ = title.str.len() > 70
    title = title.where(~long_, title.str.slice(0, 69).str.rstrip() + "…")
    number = text("doc_number")
    both = (number != "") & (title != "")
    name = (number + " — " + title).where(both, number.where(number != "", title))
    name = name.where(name != "", ids)
    province = text("province")
    when = (fmt_dates(docs["doc_date"], lang).set_axis(docs.index)
            if "doc_date" in docs.columns else pd.Series("", index=docs.index))
    parts = (province + ", " + when).where((province != "") & (when != ""),
                                           province.where(province != "", when))
    out = (name + " (" + parts + ")").where(parts != "", name)
    return dict(zip(ids, out))


# ---------------------------------------------------------------- document view
DOCUMENTS_PAGE = "van-ban"  # the documents page's url_path (dashboard.py): a document's own link


def document_link(doc_id: str, lang: str | None = None) -> str:
    """The address that opens this document on the documents page, in this language: on
    this server when the browser's address is known, else relative."""
    from urllib.parse import urlencode, urlsplit
    params = {"doc": doc_id}
    if (lang or current_lang()) != "vi":
        params["lang"] = "en"
    try:
        here = urlsplit(st.context.url or "")
    except Exception:  # no session (a test of the function alone)
        here = None
    origin = f"{here.scheme}://{here.netloc}" if here and here.scheme and here.netloc else ""
    return f"{origin}/{DOCUMENTS_PAGE}?{urlencode(params)}"


def _evidence(ext: pd.DataFrame, inst: pd.DataFrame, cov: pd.DataFrame,
              dl: pd.DataFrame, lang: str) -> list[doctext.Evidence]:
    """Every sentence behind a field of the document, with the field it supports."""
    out = []
    # extracted field → (highlight group, the column its tag is named after)
    groups = {"doc_number": ("number", "doc_number"), "issue_date": ("date", "issue_date"),
              "event_date": ("date", "event_date"), "published_date": ("date", "published_date"),
              "issuer": ("issuer", "issuer"), "province_name": ("province", "province"),
              "district": ("province", "district")}
    for r in ext.to_dict("records"):
        group, named = groups.get(r["field"], (None, None))
        if group is None or not present(r.get("evidence")):
            continue
        value = fmt_date(r["value"], lang=lang) if group == "date" else r.get("value")
        tag = col(named)
        out.append(doctext.Evidence(group, tag, f"{tag}: {value or '—'}", r["evidence"]))
    for r in inst.to_dict("records"):
        if not present(r.get("evidence")):
            continue
        group = "cites" if r["relation"] == "cites" else "implements"
        tag = label("relation", r["relation"], lang)
        out.append(doctext.Evidence(group, tag, f"{tag}: {r['instrument_id']}", r["evidence"]))
    for r in dl.to_dict("records"):
        if not present(r.get("description")):
            continue
        when = (fmt_date(r["due_date"], lang=lang) if present(r.get("due_date"))
                else label("recurrence", r.get("recurrence"), lang))
        tag = t("mark.deadline")
        out.append(doctext.Evidence("deadlines", tag, f"{tag}: {when or r['description']}",
                                    r["description"]))
    for r in cov.to_dict("records"):
        out.append(doctext.Evidence("coverage", str(r["category"]),
                                    f"{t('mark.coverage')}: {r['category']}", r["evidence"]))
    return out


def document_text(doc: dict, evidence: list[doctext.Evidence], key: str, query: str = "",
                  came_for: tuple[str, ...] = ()) -> None:
    """The document's text, cleaned of the web page around it unless the raw text is asked
    for, with the evidence of the fields the reader chooses marked and the searched words
    in bold. `came_for`: deadline sentences the reader opened the document for (from the
    deadlines page), marked whatever the choice. Document text is always escaped."""
    raw = str(doc.get("text") or "")
    clean = doctext.cleaned(raw)
    chosen = st.pills(t("doc.highlight"), doctext.FIELDS, selection_mode="multi",
                      default=list(doctext.DEFAULT_FIELDS), format_func=lambda f: t(f"mark.{f}"),
                      key=f"{key}_marks", persist_state="session",
                      help=t("doc.highlight_help"))
    show_raw = False
    if clean != raw:
        show_raw = st.toggle(t("doc.show_raw"), key=f"{key}_raw", persist_state="session")
    text = raw if show_raw else clean
    if not show_raw and clean != raw:
        hidden = sum(1 for ln in raw.split("\n") if ln.strip()) - sum(
            1 for ln in clean.split("\n") if ln.strip())
        st.caption(t("doc.cleaned_note", n=fmt_int(hidden)))
    chosen = [f for f in doctext.FIELDS if f in (chosen or []) or (came_for and f == "deadlines")]
    evidence = [*evidence, *(doctext.Evidence("deadlines", t("mark.deadline"),
                                              f"{t('mark.deadline')}: {s}", s) for s in came_for)]
    marks, missing = doctext.evidence_marks(text, [e for e in evidence if e.field in chosen])
    found = terms(query)
    legend = [(f, t(f"mark.{f}"), sum(1 for m in marks if m.field == f)) for f in chosen]
    if found:
        legend.insert(0, ("search", t("mark.search"), len(term_spans(text, found))))
    st.html(doctext.styles() + doctext.legend_html(legend) + '<div class="doc-text">'
            + doctext.marked_html(text, marks, found, t("mark.search")) + "</div>")
    if missing:
        st.caption(t("doc.not_located", fields=", ".join(
            dict.fromkeys(t(f"mark.{e.field}") for e in missing))))
    st.caption(t("doc.text_help"))


def document_view(doc_id: str, key: str, query: str = "", marks: tuple[str, ...] = ()) -> None:
    """Everything about one document: its own link, fields, instruments, tasks and its text
    with the evidence highlighted (and the words of `query`, the search that found it).
    Document text is always escaped."""
    lang = current_lang()
    doc = queries.document(doc_id)
    if doc is None:
        empty_state(t("doc.not_found"))
        return
    number = doc.get("doc_number") if present(doc.get("doc_number")) else None
    title = doc.get("title") if present(doc.get("title")) else None
    st.subheader(escaped(number or title or doc_id))
    if number and title:
        st.markdown(f"**{escaped(title)}**")
    facts = [
        (t("col.doc_type"), label("doc_type", doc['doc_type'])),
        (t("col.level"), label("level", doc['level'])),
        (t("col.issuer"), doc.get("issuer")),
        (t("col.province"), doc.get("province")),
        (t("col.district"), doc.get("district")),
        (t("col.issue_date"), fmt_date(doc.get("issue_date"))),
        (t("col.event_date"), fmt_date(doc.get("event_date"))),
        (t("col.published_date"), fmt_date(doc.get("published_date"))),
        (t("col.source_file"), doc.get("source_file")),
    ]
    lines = [f"- {name}: {escaped(v)}" for name, v in facts if present(v)]
    st.markdown("\n".join(lines))
    st.caption(t("doc.link"))
    st.code(document_link(doc_id, lang), language=None, wrap_lines=True)

    inst = queries.document_instruments(doc_id, lang)
    cov = queries.document_coverage(doc_id, lang)
    tasks = queries.document_tasks(doc_id)
    ext = queries.document_extractions(doc_id)
    warn = queries.document_warnings(doc_id, lang)
    dl = queries.document_deadlines(doc_id)

    # Stateful tabs: only the open one is drawn (a table in a hidden tab never renders).
    tabs = st.tabs([t("doc.tab_text"), f"{t('doc.tab_instruments')} ({len(inst)})",
                    f"{t('doc.tab_coverage')} ({len(cov)})", f"{t('doc.tab_tasks')} ({len(tasks)})",
                    f"{t('doc.tab_fields')} ({len(ext)})", f"{t('doc.tab_warnings')} ({len(warn)})"],
                   key=f"{key}_tabs", on_change="rerun")
    if tabs[0].open is not False:
        with tabs[0]:
            document_text(doc, _evidence(ext, inst, cov, dl, lang), key, query, came_for=marks)
    if tabs[1].open:
        with tabs[1]:
            if inst.empty:
                empty_state(t("doc.no_instruments"))
            else:
                table(inst, ["instrument_id", "relation", "via", "title", "instrument_date",
                             "cited_date", "evidence"], key=f"{key}_inst")
    if tabs[2].open:
        with tabs[2]:
            if cov.empty:
                empty_state(t("doc.no_coverage"))
            else:
                table(cov, ["category", "mode", "cue", "evidence"], key=f"{key}_cov")
    if tabs[3].open:
        with tabs[3]:
            if tasks.empty:
                empty_state(t("doc.no_tasks"))
            else:
                table(tasks, ["section", "text", "lead", "support", "deadline"],
                      key=f"{key}_tasks")
            if not dl.empty:
                st.markdown(f"**{t('doc.deadlines')}**")
                table(dl, key=f"{key}_dl")
    if tabs[4].open:
        with tabs[4]:
            if ext.empty:
                empty_state(t("doc.no_fields"))
            else:
                table(ext, ["field", "value", "evidence", "rule", "inferred", "corrected"],
                      key=f"{key}_ext")
    if tabs[5].open:
        with tabs[5]:
            if warn.empty:
                st.success(t("doc.no_warnings"), icon=":material/check_circle:")
            else:
                table(warn, key=f"{key}_warn")


def today_iso() -> str:
    return date.today().isoformat()


def evidence_html(ev: pd.DataFrame, *, show_category: bool = False) -> str:
    """Evidence sentences as quotes, each with its document number, issuer and date: one
    block of HTML with every value escaped."""
    lang = current_lang()
    items = []
    for r in ev.to_dict("records"):
        meta = [label("status", r.get("mode"), lang)]
        if show_category and present(r.get("category")):
            meta.insert(0, str(r["category"]))
        meta += [str(r[k]) for k in ("doc_number", "issuer") if present(r.get(k))]
        if present(r.get("doc_date")):
            meta.append(fmt_date(r["doc_date"], lang=lang))
        text = " ".join(str(r["evidence"] if present(r.get("evidence")) else "").split())
        items.append(f'<div class="ev"><div>{html.escape(text)}</div>'
                     f'<div class="meta">{html.escape(" · ".join(m for m in meta if m))}</div></div>')
    return ('<div class="evidence-list"><style>.evidence-list .ev {border: 1px solid '
            'rgba(49, 51, 63, 0.2); border-radius: 0.5rem; padding: 0.75rem 1rem; '
            'margin-bottom: 0.5rem; line-height: 1.5} .evidence-list .meta {font-size: '
            '0.875rem; color: rgba(49, 51, 63, 0.6); margin-top: 0.25rem}</style>'
            + "".join(items) + "</div>")


def evidence_list(ev: pd.DataFrame, *, show_category: bool = False, limit: int = 60) -> None:
    """Evidence sentences as quotes, each with its document number, issuer and date. One
    HTML block: drawn as 60 bordered containers of markdown they were a sixth of the
    coverage page's work in the browser."""
    st.html(evidence_html(ev.head(limit), show_category=show_category))
    if len(ev) > limit:
        st.caption(t("coverage.more", n=fmt_int(len(ev) - limit)))


def agency_list(part: pd.DataFrame) -> None:
    """Agencies of one province: who leads, who supports, with task counts."""
    if part.empty:
        st.caption(t("compare.no_agencies"))
        return
    for role in ("lead", "support"):
        rows = part[part.role == role]
        if rows.empty:
            continue
        items = [f"- {escaped(a)} — {t('compare.n_tasks', n=fmt_int(n))}"
                 for a, n in zip(rows.agency, rows.tasks)]
        st.markdown(f"*{label('role', role)}*\n" + "\n".join(items))


# ---------------------------------------------------------------- adding documents
UPLOAD_TYPES = ("txt", "docx", "pdf", "html", "htm")
UPLOAD_STATUSES = ("loaded", "duplicate", "refused", "failed")
_MIB = 1024 * 1024


def upload_settings() -> tuple[Path, Path, int]:
    """Raw folder, warehouse file and per-file limit, read from the environment at call time
    (CYBERDASH_RAW, CYBERDASH_DB, CYBERDASH_MAX_FILE_MB; etl.settings reads them at import).
    The warehouse is the very file the pages read."""
    from etl import settings
    raw = Path(os.environ.get("CYBERDASH_RAW") or settings.ROOT / "data" / "raw")
    mb = os.environ.get("CYBERDASH_MAX_FILE_MB")
    return raw, queries.warehouse_path(), int(mb) * _MIB if mb else settings.MAX_FILE_BYTES


def upload_password() -> str | None:
    """The configured upload password (Streamlit secrets, else CYBERDASH_UPLOAD_PASSWORD);
    None when neither is set: then nothing can be uploaded."""
    from etl.uploads import password_configured
    try:
        value = st.secrets.get("upload_password")
    except FileNotFoundError:  # no secrets.toml at all (StreamlitSecretNotFoundError)
        value = None
    return password_configured({"upload_password": str(value)} if value else {})


def password_fingerprint(password: str) -> str:
    """What the session keeps after a correct password: never the password itself, and no
    longer valid once the configured password changes."""
    return hashlib.sha256(("cyberdash-upload:" + password).encode("utf-8")).hexdigest()


def signed_in(state_value: str | None, configured: str | None) -> bool:
    if not configured or not state_value:
        return False
    return hmac.compare_digest(state_value, password_fingerprint(configured))


def process_uploads(files, raw_dir, db_path, max_bytes: int) -> pd.DataFrame:
    """Check and store uploaded files under `raw_dir`, reload the warehouse at `db_path`,
    and say what became of each file: one row per (name, bytes[, address]) item, in upload
    order. An address (the page the file was saved from) must be an http(s) one; it goes
    into the upload folder's sources.csv, where the ETL reads it as evidence of the province.

    Size and type are checked before anything is written, and store_upload also reads the
    file (refusing what cannot be read) and never overwrites a different file. Columns:
    file, size, status (loaded | duplicate | refused | failed), reason (which note to show:
    loaded, too_large, bad_type, bad_address, unreadable, duplicate, ingest_failed, build_failed,
    not_found), detail (what fills the note), source_file (where it was stored, relative to
    the raw folder), the document's doc_id, doc_number, doc_type, province, doc_date, and
    warnings [(kind, English message, Vietnamese message)]. attrs: build_error (the ETL's
    message when the warehouse could not be rebuilt; the old one is then kept), ingested,
    max_bytes."""
    from etl.pipeline import BuildError, ingest
    from etl.readers import SUPPORTED_SUFFIXES
    from etl.uploads import check_address, record_address, safe_name, store_upload

    raw_dir, db_path = Path(raw_dir), Path(db_path)
    rows = []
    for name, data, *given in files:
        data = bytes(data)
        row = dict(file=str(name), size=len(data), status="refused", reason="", detail="",
                   source_file=None)
        suffix = Path(safe_name(str(name))).suffix.lower()
        address, address_ok = check_address(given[0] if given else None)
        if not address_ok:
            row.update(reason="bad_address", detail=address)
        elif len(data) > max_bytes:
            row.update(reason="too_large", detail=f"{len(data) / _MIB:.1f}")
        elif suffix not in SUPPORTED_SUFFIXES:
            row.update(reason="bad_type", detail=suffix or "—")
        else:
            stored = store_upload(raw_dir, str(name), data, max_bytes)
            if stored.status == "stored":
                row.update(status="stored", reason="loaded", detail=stored.source_file,
                           source_file=stored.source_file)
                if address:  # read by the ETL as evidence of the province
                    record_address(raw_dir, stored.source_file, address)
            elif stored.status == "duplicate":
                row.update(status="duplicate", reason="duplicate", detail=stored.source_file)
            else:
                row.update(reason="unreadable", detail=stored.message)
        rows.append(row)

    build_error, ingested = None, False
    # a duplicate runs the ETL too: its twin may be waiting from a run that failed
    if any(r["status"] in ("stored", "duplicate") for r in rows):
        try:
            summary = ingest(raw_dir, db_path, max_bytes=max_bytes, progress=False)
            ingested = True
        except BuildError as e:
            build_error = str(e)
        failed = dict(summary.failed) if ingested else {}
        twins = dict(summary.duplicates) if ingested else {}
        for r in rows:
            if r["status"] != "stored":
                continue
            sf = r["source_file"]
            if build_error:
                r.update(status="failed", reason="build_failed")
            elif sf in failed:
                r.update(status="failed", reason="ingest_failed", detail=failed[sf])
            elif sf in twins:
                r.update(status="duplicate", reason="duplicate", detail=twins[sf])
            else:
                r["status"] = "loaded"

    # what each file became: its own document, or the one it duplicates
    look = {i: (r["source_file"] if r["status"] == "loaded" else r["detail"])
            for i, r in enumerate(rows) if r["status"] in ("loaded", "duplicate")}
    docs = pd.DataFrame(columns=["source_file"])
    warns = pd.DataFrame(columns=["source_file", "kind", "message", "message_vi"])
    if look and queries.warehouse_stamp(db_path) is not None:
        docs = queries.documents_for_files(sorted(set(look.values())), db=db_path)
        loaded = [r["source_file"] for r in rows if r["status"] == "loaded"]
        if loaded:
            warns = queries.warnings_for_files(loaded, db=db_path)
    by_file = {r["source_file"]: r for r in docs.to_dict("records")}
    for i, r in enumerate(rows):
        d = by_file.get(look.get(i), {})
        if r["status"] == "loaded" and not d:
            r.update(status="failed", reason="not_found")
        r.update({k: d.get(k) for k in ("doc_id", "doc_number", "doc_type", "province",
                                        "doc_date")})
        r["warnings"] = [(k, en, v if present(v) else en) for sf, k, en, v in zip(
                             warns.source_file, warns.kind, warns.message, warns.message_vi)
                         if r["status"] == "loaded" and sf == r["source_file"]]
    out = pd.DataFrame(rows, columns=[
        "file", "size", "status", "reason", "detail", "source_file", "doc_id", "doc_number",
        "doc_type", "province", "doc_date", "warnings"])
    out.attrs.update(build_error=build_error, ingested=ingested, max_bytes=max_bytes)
    return out


def upload_note(row: dict, max_bytes: int) -> str:
    """The note of one file in the results, in the interface language."""
    reason = row.get("reason")
    if not reason:
        return ""
    detail = str(row.get("detail") or "").rstrip(".")
    if reason == "too_large" and current_lang() == "vi":
        detail = detail.replace(".", ",")
    return t(f"upload.msg_{reason}", detail=detail, file=row.get("source_file") or "",
             limit=fmt_int(max_bytes // _MIB))


_STATUS_COLOUR = {"loaded": "green", "duplicate": "orange", "refused": "red", "failed": "red"}
_STATUS_ICON = {"loaded": ":material/check_circle:", "duplicate": ":material/content_copy:",
                "refused": ":material/block:", "failed": ":material/error:"}


def upload_results(result: pd.DataFrame) -> None:
    """The table of what became of each uploaded file. Everything that comes from a file
    (its name, the document's number, messages) is escaped: the table renders Markdown."""
    max_bytes, lang = int(result.attrs.get("max_bytes") or 0), current_lang()
    counts = result.status.value_counts()
    st.markdown(t("upload.summary", **{s: fmt_int(counts.get(s, 0)) for s in UPLOAD_STATUSES}))
    if result.attrs.get("build_error"):
        st.error(t("upload.build_failed", error=escaped(result.attrs["build_error"])),
                 icon=":material/error:")
    rows = []
    for r in result.to_dict("records"):
        s = r["status"]
        warn = "; ".join(f"{label('warning', k)}: {m_vi if lang == 'vi' else m_en}"
                         for k, m_en, m_vi in (r.get("warnings") or []))
        rows.append({
            col("file"): escaped(r["file"]),
            col("result"): f":{_STATUS_COLOUR[s]}[{_STATUS_ICON[s]} {t(f'upload.status_{s}')}]",
            col("note"): escaped(upload_note(r, max_bytes)),
            col("doc_number"): escaped(r.get("doc_number")) if present(r.get("doc_number")) else "",
            col("province"): escaped(r.get("province")) if present(r.get("province")) else "",
            col("doc_date"): fmt_date(r.get("doc_date")) if present(r.get("doc_date")) else "",
            col("quality"): escaped(warn),
        })
    st.table(pd.DataFrame(rows), hide_index=True)
