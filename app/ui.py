"""Shared widgets: headers, empty states, tables, CSV downloads, charts with their data,
and the document view used by more than one page."""
from __future__ import annotations

import hashlib
import hmac
import html
import io
import os
import string
from datetime import date
from pathlib import Path

import pandas as pd
import streamlit as st

from app import doctext, queries
from app.filters import Filters
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
def dated_file_name(slug_key: str, today: date | None = None) -> str:
    """`bao-phu-nhiem-vu_2026-11-23.csv`: what it is, and when."""
    return f"{t(slug_key)}_{(today or date.today()).isoformat()}.csv"


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


def localized(df: pd.DataFrame) -> pd.DataFrame:
    """Coded values as words and column headers in the interface language."""
    out = readable(df)
    return out.rename(columns={c: col(c) for c in out.columns})


def csv_bytes(df: pd.DataFrame, *, raw: bool = False) -> bytes:
    """UTF-8 with BOM, so that Excel shows Vietnamese letters. `raw` keeps the warehouse's
    own column names and codes (whole tables, as the codebook describes them)."""
    buf = io.BytesIO()  # written in chunks: never the whole file as one Python string
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
                 help: str | None = None) -> None:  # noqa: A002 (Streamlit's name)
    """A CSV download of `data`: a DataFrame, or a function returning one (for big tables:
    it runs only when the button is clicked)."""
    st.download_button(
        label or t("download.csv"), data=_deferred_csv(data, current_lang(), raw),
        file_name=file_name or dated_file_name(slug_key), mime="text/csv", key=key,
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
          key: str | None = None, on_select=None) -> None:
    """A read-only table with localized headers (text shown as text, never as HTML).
    `on_select`: a callback run when the reader picks a row (one at a time); the selection
    is then in st.session_state[key]."""
    view = df[columns] if columns else df
    view = localized(view)
    extra = dict(on_select=on_select, selection_mode="single-row") if on_select else {}
    st.dataframe(view, hide_index=True, height=height, placeholder="—",
                 column_config=_column_config(df[columns] if columns else df), key=key, **extra)


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
    st.html(f'<div class="light-table" style="max-height: {int(height)}px; overflow: auto">'
            '<style>.light-table table {border-collapse: collapse; width: 100%; '
            'font-size: 0.875rem} .light-table th {position: sticky; top: 0; '
            'background: #f0f2f6; text-align: left; font-weight: 600} '
            '.light-table th, .light-table td {padding: 0.3rem 0.5rem; '
            'border-bottom: 1px solid #e6e6e6; vertical-align: top} '
            '.light-table td.nowrap {white-space: nowrap}</style>'
            f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>")


def chart(fig, data, slug_key: str, key: str, *, select: bool = False):
    """A chart with, right under it, the download of exactly the data it shows (a
    DataFrame, or a function that loads it when the button is clicked)."""
    event = st.plotly_chart(
        fig, key=key, on_select="rerun" if select else "ignore",
        selection_mode="points", config={"displaylogo": False, "locale": current_lang()})
    download_csv(data, slug_key, key=f"{key}_csv")
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
                 label=t("overview.csv_all", n=fmt_int(total, lang)) if more else None,
                 help=t("download.help_all") if more else None)


def selected_points(event) -> list[dict]:
    try:
        return list(event.selection.points)  # type: ignore[union-attr]
    except AttributeError:
        return []


def metric_row(items: list[tuple[str, str, str | None]]) -> None:
    cols = st.columns(len(items))
    for c, (name, value, helptext) in zip(cols, items):
        c.metric(name, value, help=helptext, border=True)


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
        params["lang"] = "English"
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


def document_text(doc: dict, evidence: list[doctext.Evidence], key: str, query: str = "") -> None:
    """The document's text, cleaned of the web page around it unless the raw text is asked
    for, with the evidence of the fields the reader chooses marked and the searched words
    in bold. Document text is always escaped."""
    raw = str(doc.get("text") or "")
    clean = doctext.cleaned(raw)
    chosen = st.pills(t("doc.highlight"), doctext.FIELDS, selection_mode="multi",
                      default=list(doctext.DEFAULT_FIELDS), format_func=lambda f: t(f"mark.{f}"),
                      key=f"{key}_marks", bind="query-params", persist_state="session",
                      help=t("doc.highlight_help"))
    show_raw = False
    if clean != raw:
        show_raw = st.toggle(t("doc.show_raw"), key=f"{key}_raw", bind="query-params",
                             persist_state="session")
    text = raw if show_raw else clean
    if not show_raw and clean != raw:
        hidden = sum(1 for ln in raw.split("\n") if ln.strip()) - sum(
            1 for ln in clean.split("\n") if ln.strip())
        st.caption(t("doc.cleaned_note", n=fmt_int(hidden)))
    chosen = [f for f in doctext.FIELDS if f in (chosen or [])]
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


def document_view(doc_id: str, key: str, query: str = "") -> None:
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
            document_text(doc, _evidence(ext, inst, cov, dl, lang), key, query)
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
