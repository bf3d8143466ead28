"""A province's one-page brief, for printing and handing out: its content as a plain dataclass
(`content`, a pure function of query results; `load` runs the queries) and two renderers,
`to_pdf` (fpdf2, Roboto embedded from the font-roboto package: nothing is downloaded) and
`to_docx` (python-docx, for officials who edit in Word). A4, one page; long lists are cut
with "… và N mục khác".

    python -m app.brief --province "Thanh Hóa" --out thanh-hoa.pdf
    python -m app.brief --all --out DIR [--format pdf|docx|both] [--db FILE]
                        [--instrument 29-NQ/TW] [--years 2021-2025] [--type plan] [--level province]

Runs without a Streamlit server: the queries are the app's own (app/queries.py), on the
warehouse named by --db (default: CYBERDASH_DB, else data/warehouse.duckdb).
"""
from __future__ import annotations

import argparse
import io
import os
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import pandas as pd

from app import queries
from app.filter_model import DOC_TYPES, LEVELS, Filters
from app.filters import filter_parts
from app.i18n import fmt_date, fmt_int, label, t, using_lang

MAX_INSTRUMENTS = 6
MAX_DEADLINES = 6
MAX_AGENCIES = 5
FORMATS = ("pdf", "docx")
# the heatmap's colours (app/charts.STATUS_COLORS), so that print and screen agree
STATUS_COLORS = {"no_docs": "#e6e6e6", "silent": "#f6c9a8", "planned": "#8cbfe8",
                 "reported": "#2e7d32"}


# ---------------------------------------------------------------- content
@dataclass(frozen=True)
class Bar:
    category: str
    status: str             # no_docs | silent | planned | reported
    status_label: str
    national_share: int | None   # % of provinces with documents that cover the group


@dataclass(frozen=True)
class Brief:
    lang: str
    province_code: str
    province: str
    title: str
    lines: tuple[str, ...]                   # merger, filters, warehouse date, printed on
    figures: tuple[tuple[str, str], ...]     # (label, value)
    instruments_head: tuple[str, ...]
    instruments: tuple[tuple[str, ...], ...]
    instruments_more: str | None
    levels: str
    agencies: str
    bars_title: str
    bars_head: tuple[str, str, str]
    bars: tuple[Bar, ...]
    deadlines_head: tuple[str, ...]
    deadlines: tuple[tuple[str, ...], ...]
    deadlines_more: str | None
    source: str
    headings: dict = field(default_factory=dict)


def more_line(n: int, lang: str) -> str | None:
    """"… và 3 mục khác" under a cut list; None when nothing was cut."""
    return t("brief.more", n=fmt_int(n, lang)) if n > 0 else None


def filters_text(f, instrument_ids: dict[str, str], lang: str) -> str:
    """The filters in force as plain text (the province filter is the brief's own province,
    so it is not repeated)."""
    parts = filter_parts(f, provinces=False, instrument_ids=instrument_ids, lang=lang)
    return t("brief.filters", filters="; ".join(parts) if parts else t("brief.no_filters"))


def _days(n, lang: str) -> str:
    return t("chart.days", n=fmt_int(n, lang)) if n is not None and not pd.isna(n) else ""


def first_doc(row, kind: str, lang: str) -> str:
    """A central text's first document of one kind: "181-CTr/TU · 26/04/2023 · 884 ngày"."""
    doc = row.get(f"{kind}_doc")
    if doc is None or pd.isna(doc):
        return ""
    return " · ".join(p for p in (str(doc), fmt_date(row.get(f"{kind}_date"), lang=lang),
                                  _days(row.get(f"{kind}_days"), lang)) if p)


def content(*, lang: str, province_code: str, province: str, merged_into: str | None,
            filters_line: str, built: datetime | None, today: date, summary: pd.DataFrame,
            instruments: pd.DataFrame, levels: pd.DataFrame, shares: pd.DataFrame,
            agencies: pd.DataFrame, deadlines: pd.DataFrame, warnings: int) -> Brief:
    """The brief of one province from the app's query results (no data access here):
    `summary` province_summary for the province (no row: no document), `instruments`
    profile_instruments, `levels` profile_levels, `shares` category_shares, `agencies`
    lead_agencies, `deadlines` deadline_board, all for that province under the filters."""
    with using_lang(lang):
        s = summary.iloc[0].to_dict() if len(summary) else {}
        n_docs = int(s.get("documents") or 0)
        covered = int((shares.status.isin(["planned", "reported"])).sum()) if len(shares) else 0
        overdue = int((deadlines.deadline_status == "overdue").sum()) if len(deadlines) else 0
        soon = int((deadlines.deadline_status == "due_soon").sum()) if len(deadlines) else 0
        plan = s.get("first_plan")
        plan_value = (f"{plan} · {fmt_date(s.get('first_plan_date'), lang=lang)}"
                      if plan is not None and not pd.isna(plan) else t("brief.no_plan"))
        lag = s.get("first_plan_lag_days")
        if plan is not None and not pd.isna(plan) and lag is not None and not pd.isna(lag):
            plan_value += " · " + t("brief.after", days=_days(lag, lang),
                                    text=str(s.get("plan_instrument") or ""))
        figures = (
            (t("brief.fig_documents"), fmt_int(n_docs, lang)),
            (t("brief.fig_instruments"), fmt_int(len(instruments), lang)),
            (t("brief.fig_groups"), f"{fmt_int(covered, lang)}/{fmt_int(len(shares), lang)}"),
            (t("brief.fig_deadlines"), t("brief.overdue_soon", overdue=fmt_int(overdue, lang),
                                         soon=fmt_int(soon, lang))),
            (t("brief.fig_warnings"), fmt_int(warnings, lang)),
            (t("brief.fig_first_plan"), plan_value),
        )

        rows = []
        for r in instruments.head(MAX_INSTRUMENTS).to_dict("records"):
            rows.append((str(r["instrument_id"]), label("board_status", r["status"], lang),
                         first_doc(r, "plan", lang) or "—",
                         first_doc(r, "action", lang) or first_doc(r, "news", lang) or "—"))

        level_words = [f"{label('level', lv, lang)} {fmt_int(n, lang)}"
                       for lv, n in zip(levels.level, levels.documents)] if len(levels) else []
        leads = agencies[agencies.role == "lead"] if len(agencies) else agencies
        agency_words = [f"{a} ({t('compare.n_tasks', n=fmt_int(n, lang))})"
                        for a, n in zip(leads.agency.head(MAX_AGENCIES),
                                        leads.tasks.head(MAX_AGENCIES))] if len(leads) else []
        if len(leads) > MAX_AGENCIES:
            agency_words.append(more_line(len(leads) - MAX_AGENCIES, lang))

        bars = tuple(Bar(str(r["category"]), str(r["status"]), label("status", r["status"], lang),
                         None if pd.isna(r["national_share"]) else int(r["national_share"]))
                     for r in shares.to_dict("records"))

        due = (deadlines[deadlines.deadline_status.isin(["overdue", "due_soon"])]
               if len(deadlines) else deadlines)
        if len(due):
            # an overdue recurring deadline is dated by the occurrence that was missed
            missed = due.get("last_due", pd.Series(pd.NaT, index=due.index))
            when = missed.where((due.deadline_status == "overdue") & missed.notna(), due.due)
            due = due.assign(_o=(due.deadline_status != "overdue").astype(int),
                             _when=pd.to_datetime(when)).sort_values(["_o", "_when"],
                                                                     kind="stable")
        dl_rows = tuple(
            (fmt_date(r.get("_when"), lang=lang),
             label("deadline_status", r["deadline_status"], lang),
             str(r.get("description") or ""), str(r.get("doc_number") or ""))
            for r in due.head(MAX_DEADLINES).to_dict("records"))

        lines = []
        if merged_into and merged_into != province:
            lines.append(t("brief.merged", name=merged_into))
        lines.append(filters_line)
        lines.append(t("brief.built", built=fmt_date(built, time=True, lang=lang) if built
                       else "—", today=fmt_date(today, lang=lang)))
        return Brief(
            lang=lang, province_code=str(province_code), province=province,
            title=t("brief.title", province=province), lines=tuple(lines), figures=figures,
            instruments_head=(t("col.instrument_id"), t("col.board_status"),
                              t("col.first_plan_cell"), t("brief.first_other")),
            instruments=tuple(rows),
            instruments_more=more_line(len(instruments) - MAX_INSTRUMENTS, lang),
            levels=" · ".join(level_words) if level_words else "—",
            agencies="; ".join(agency_words) if agency_words else "—",
            bars_title=t("brief.coverage"),
            bars_head=(t("col.category"), t("brief.this_province"), t("brief.national_share")),
            bars=bars,
            deadlines_head=(t("brief.due"), t("col.deadline_status"), t("col.deadline"),
                            t("col.doc_number")),
            deadlines=dl_rows, deadlines_more=more_line(len(due) - MAX_DEADLINES, lang),
            source=t("brief.source", code=province_code),
            headings={k: t(f"brief.h_{k}") for k in
                      ("instruments", "levels", "agencies", "deadlines", "figures")},
        )


def load(f, province_code: str, *, lang: str = "vi", today: date | None = None) -> Brief:
    """Run the app's queries for one province under the filters `f` and build its brief."""
    today = today or date.today()
    code = str(province_code)
    one = f.only(code)
    prov = queries.provinces()
    row = prov[prov.gso_code == code]
    if row.empty:
        raise KeyError(code)
    ins = queries.instruments(lang)
    warn = queries.quality_warnings(one, lang)
    run = queries.last_run()   # the warehouse is built by its last ETL run
    with using_lang(lang):
        return content(
            lang=lang, province_code=code, province=str(row.name_vi.iloc[0]),
            merged_into=row.merged_into_name_vi.iloc[0],
            filters_line=filters_text(f, dict(zip(ins.instrument_key, ins.instrument_id)), lang),
            built=(run or {}).get("finished_at"), today=today,
            summary=queries.province_summary(one),
            instruments=queries.profile_instruments(f, code, today, lang),
            levels=queries.profile_levels(f, code),
            shares=queries.category_shares(f, code, lang),
            agencies=queries.lead_agencies(one),
            deadlines=queries.deadline_board(one, today),
            warnings=int(warn.province.notna().sum()))


# ---------------------------------------------------------------- PDF
def font_files() -> dict[str, Path]:
    """Roboto regular and bold, as the font-roboto package ships them (every Vietnamese
    letter is in them; fpdf2 embeds only the glyphs used)."""
    import font_roboto
    base = Path(font_roboto.font_directory)
    return {"": base / "Roboto-Regular.ttf", "B": base / "Roboto-Bold.ttf"}


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    h = hex_colour.lstrip("#")
    return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)


def _fit(pdf, text: str, width: float) -> str:
    """`text` cut with "…" to fit on one line of `width` mm in the current font."""
    text = " ".join(str(text).split())
    if pdf.get_string_width(text) <= width:
        return text
    while text and pdf.get_string_width(text + "…") > width:
        text = text[:-1]
    return text.rstrip() + "…"


def to_pdf(b: Brief) -> bytes:
    from fpdf import FPDF

    pdf = FPDF(orientation="P", unit="mm", format="A4")
    pdf.set_margins(14, 12, 14)
    pdf.set_auto_page_break(True, margin=12)
    for style, path in font_files().items():
        pdf.add_font("Roboto", style, str(path))
    pdf.set_title(b.title)
    pdf.set_lang(b.lang)
    pdf.set_creator("cyberdash")
    pdf.add_page()
    w = pdf.epw

    pdf.set_font("Roboto", "B", 16)
    pdf.cell(w, 8, _fit(pdf, b.title, w), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Roboto", "", 8.5)
    pdf.set_text_color(80, 80, 80)
    for line in b.lines:
        pdf.multi_cell(w, 4, line, new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0, 0, 0)
    pdf.ln(2)

    # headline figures: three boxes a row
    box_w, box_h = w / 3, 13
    for i, (name, value) in enumerate(b.figures):
        x, y = pdf.l_margin + (i % 3) * box_w, pdf.get_y() if i % 3 == 0 else y
        pdf.set_draw_color(200, 200, 200)
        pdf.rect(x + 0.5, y, box_w - 1, box_h)
        pdf.set_xy(x + 2, y + 1)
        pdf.set_font("Roboto", "", 7.5)
        pdf.set_text_color(90, 90, 90)
        pdf.cell(box_w - 4, 4, _fit(pdf, name, box_w - 4))
        pdf.set_xy(x + 2, y + 5.5)
        pdf.set_text_color(0, 0, 0)
        pdf.set_font("Roboto", "B", 11)
        if pdf.get_string_width(value) <= box_w - 4:
            pdf.cell(box_w - 4, 6, value)
        else:  # a long value (the first plan and its lag) takes two smaller lines
            pdf.set_xy(x + 2, y + 4.8)
            pdf.set_font("Roboto", "B", 7.5)
            pdf.multi_cell(box_w - 4, 3.4, value, align="L")
        if i % 3 == 2:
            pdf.set_xy(pdf.l_margin, y + box_h + 1.5)
    pdf.ln(1)

    def heading(text: str) -> None:
        pdf.ln(1.5)
        pdf.set_font("Roboto", "B", 10.5)
        pdf.cell(w, 6, text, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Roboto", "", 8)

    def table(head, rows, widths, more) -> None:
        widths = [w * x for x in widths]
        pdf.set_font("Roboto", "B", 7.5)
        pdf.set_fill_color(240, 242, 246)
        for h, cw in zip(head, widths):
            pdf.cell(cw, 5, _fit(pdf, h, cw - 1.5), border="B", fill=True)
        pdf.ln(5)
        pdf.set_font("Roboto", "", 7.5)
        for r in rows:
            for v, cw in zip(r, widths):
                pdf.cell(cw, 4.6, _fit(pdf, v, cw - 1.5), border="B")
            pdf.ln(4.6)
        if more:
            pdf.set_text_color(90, 90, 90)
            pdf.cell(w, 4.5, more, new_x="LMARGIN", new_y="NEXT")
            pdf.set_text_color(0, 0, 0)

    heading(b.headings["instruments"])
    if b.instruments:
        table(b.instruments_head, b.instruments, (0.17, 0.27, 0.28, 0.28), b.instruments_more)
    else:
        pdf.cell(w, 4.5, "—", new_x="LMARGIN", new_y="NEXT")

    heading(b.headings["levels"])
    pdf.multi_cell(w, 4, b.levels, new_x="LMARGIN", new_y="NEXT")
    heading(b.headings["agencies"])
    pdf.multi_cell(w, 4, b.agencies, new_x="LMARGIN", new_y="NEXT")

    # coverage: each task group, the province's status as a coloured square, and the
    # national share as a bar
    heading(b.bars_title)
    c1, c2, c3 = w * 0.47, w * 0.25, w * 0.28
    pdf.set_font("Roboto", "B", 7.5)
    for h, cw in zip(b.bars_head, (c1, c2, c3)):
        pdf.cell(cw, 4.6, h)
    pdf.ln(4.6)
    pdf.set_font("Roboto", "", 7.5)
    track = c3 - 11
    for bar in b.bars:
        y = pdf.get_y()
        pdf.cell(c1, 4.2, _fit(pdf, bar.category, c1 - 2))
        pdf.set_fill_color(*_rgb(STATUS_COLORS.get(bar.status, "#e6e6e6")))
        pdf.set_draw_color(150, 150, 150)
        pdf.rect(pdf.get_x(), y + 0.8, 2.8, 2.8, style="DF")
        pdf.set_x(pdf.get_x() + 4)
        pdf.cell(c2 - 4, 4.2, _fit(pdf, bar.status_label, c2 - 5))
        x = pdf.get_x()
        pdf.set_fill_color(235, 235, 235)
        pdf.rect(x, y + 1, track, 2.4, style="F")
        if bar.national_share:
            pdf.set_fill_color(90, 110, 140)
            pdf.rect(x, y + 1, track * min(bar.national_share, 100) / 100, 2.4, style="F")
        pdf.set_x(x + track + 1)
        pdf.cell(10, 4.2, "—" if bar.national_share is None else f"{bar.national_share} %",
                 align="R")
        pdf.ln(4.2)

    heading(b.headings["deadlines"])
    if b.deadlines:
        table(b.deadlines_head, b.deadlines, (0.13, 0.17, 0.5, 0.2), b.deadlines_more)
    else:
        pdf.cell(w, 4.5, t("brief.no_deadlines"), new_x="LMARGIN", new_y="NEXT")

    pdf.ln(2)
    pdf.set_draw_color(200, 200, 200)
    pdf.line(pdf.l_margin, pdf.get_y(), pdf.l_margin + w, pdf.get_y())
    pdf.ln(1)
    pdf.set_font("Roboto", "", 7)
    pdf.set_text_color(90, 90, 90)
    pdf.multi_cell(w, 3.5, b.source, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


# ---------------------------------------------------------------- DOCX
DOCX_FONT = "Arial"  # in every Word, with every Vietnamese letter; Word embeds no font here


def to_docx(b: Brief) -> bytes:
    from docx import Document
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt, RGBColor

    doc = Document()
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Mm(210), Mm(297)
    sec.left_margin = sec.right_margin = Mm(14)
    sec.top_margin = sec.bottom_margin = Mm(12)
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = DOCX_FONT, Pt(8.5)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), DOCX_FONT)
    normal.paragraph_format.space_after = Pt(1)
    normal.paragraph_format.space_before = Pt(0)
    doc.core_properties.title = b.title
    doc.core_properties.language = b.lang

    def para(text: str, *, bold=False, size=None, grey=False, after=1):
        p = doc.add_paragraph()
        r = p.add_run(text)
        r.bold = bold
        if size:
            r.font.size = Pt(size)
        if grey:
            r.font.color.rgb = RGBColor(90, 90, 90)
        p.paragraph_format.space_after = Pt(after)
        return p

    def shade(cell, hex_colour: str) -> None:
        pr = cell._tc.get_or_add_tcPr()
        shd = OxmlElement("w:shd")
        shd.set(qn("w:val"), "clear")
        shd.set(qn("w:color"), "auto")
        shd.set(qn("w:fill"), hex_colour.lstrip("#"))
        pr.append(shd)

    def clip(text: str, width_mm: float) -> str:
        """One line of a cell: about 2 mm a letter at 8.5 pt, cut with "…" (Word wraps
        otherwise, and the page would no longer be one)."""
        text, n = " ".join(str(text).split()), max(8, int(width_mm / 1.75))
        return text if len(text) <= n else text[:n - 1].rstrip() + "…"

    def grid(head, rows, widths_mm, *, fill_head=True):
        tb = doc.add_table(rows=1 + len(rows), cols=len(head))
        tb.style = "Table Grid"
        tb.alignment = WD_TABLE_ALIGNMENT.LEFT
        for j, h in enumerate(head):
            c = tb.rows[0].cells[j]
            c.text = ""
            run = c.paragraphs[0].add_run(h)
            run.bold = True
            if fill_head:
                shade(c, "#f0f2f6")
        for i, r in enumerate(rows, start=1):
            for j, v in enumerate(r):
                tb.rows[i].cells[j].text = clip(v, widths_mm[j])
        tb.autofit = False   # Word and LibreOffice read the grid's widths, not only the cells'
        for j, wmm in enumerate(widths_mm):
            tb.columns[j].width = Mm(wmm)
        for row in tb.rows:
            for j, wmm in enumerate(widths_mm):
                row.cells[j].width = Mm(wmm)
                for p in row.cells[j].paragraphs:
                    p.paragraph_format.space_after = Pt(0)
        return tb

    para(b.title, bold=True, size=15, after=2)
    for line in b.lines:
        para(line, grey=True, size=8, after=0)
    para("", after=0)

    fig = doc.add_table(rows=2, cols=3)
    fig.style = "Table Grid"
    for i, (name, value) in enumerate(b.figures):
        c = fig.rows[i // 3].cells[i % 3]
        c.text = ""
        r = c.paragraphs[0].add_run(name)
        r.font.size, r.font.color.rgb = Pt(7.5), RGBColor(90, 90, 90)
        v = c.add_paragraph().add_run(value)
        v.bold, v.font.size = True, Pt(10.5 if len(value) < 22 else 8.5)
        for p in c.paragraphs:
            p.paragraph_format.space_after = Pt(0)

    para(b.headings["instruments"], bold=True, size=10, after=1)
    if b.instruments:
        grid(b.instruments_head, b.instruments, (32, 42, 50, 58))
        if b.instruments_more:
            para(b.instruments_more, grey=True)
    else:
        para("—")
    para(b.headings["levels"], bold=True, size=10)
    para(b.levels)
    para(b.headings["agencies"], bold=True, size=10)
    para(b.agencies)

    # coverage: a table with the province's status shaded in the heatmap's colour and the
    # national share as a bar of block letters (prints in any Word, no picture to redo)
    para(b.bars_title, bold=True, size=10)
    tb = grid(b.bars_head, [(x.category, x.status_label, "") for x in b.bars], (86, 42, 54))
    for i, x in enumerate(b.bars, start=1):
        shade(tb.rows[i].cells[1], STATUS_COLORS.get(x.status, "#e6e6e6"))
        if x.status == "reported":
            for r in tb.rows[i].cells[1].paragraphs[0].runs:
                r.font.color.rgb = RGBColor(255, 255, 255)
        c = tb.rows[i].cells[2]
        c.text = ""
        p = c.paragraphs[0]
        share = x.national_share
        filled = round((share or 0) / 10)
        r = p.add_run("█" * filled)
        r.font.color.rgb = RGBColor(90, 110, 140)
        r = p.add_run("█" * (10 - filled))
        r.font.color.rgb = RGBColor(225, 225, 225)
        p.add_run("  " + ("—" if share is None else f"{share} %"))
        p.paragraph_format.space_after = Pt(0)

    para(b.headings["deadlines"], bold=True, size=10)
    if b.deadlines:
        grid(b.deadlines_head, b.deadlines, (22, 30, 92, 38))
        if b.deadlines_more:
            para(b.deadlines_more, grey=True)
    else:
        with using_lang(b.lang):
            para(t("brief.no_deadlines"))
    para("", after=0)
    para(b.source, grey=True, size=7)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


RENDER = {"pdf": to_pdf, "docx": to_docx}


def render(b: Brief, fmt: str) -> bytes:
    with using_lang(b.lang):
        return RENDER[fmt](b)


# ---------------------------------------------------------------- command line
def slug(name: str) -> str:
    """'Thanh Hóa' -> 'thanh-hoa' (file names stay ASCII)."""
    from etl.text import fold
    return re.sub(r"[^a-z0-9]+", "-", fold(unicodedata.normalize("NFC", name))).strip("-")


def find_province(query: str, provinces: pd.DataFrame) -> str | None:
    """The GSO code of a province given by code ("38", "8" is not one), by name with or
    without diacritics ("Thanh Hóa", "thanh hoa") or by its key ("thanh-hoa"); None when no
    province matches."""
    q = str(query or "").strip()
    if q in set(provinces.gso_code):
        return q
    wanted = slug(q)
    for code, name, key in zip(provinces.gso_code, provinces.name_vi, provinces.ascii_key):
        if wanted and wanted in (slug(name), slug(str(key))):
            return code
    return None


def parse_years(value: str | None) -> tuple[int | None, int | None]:
    """'2021-2025' -> (2021, 2025); '2023' -> (2023, 2023); None -> (None, None)."""
    if not value:
        return None, None
    m = re.fullmatch(r"\s*(\d{4})\s*(?:[-–:]\s*(\d{4}))?\s*", value)
    if not m:
        raise ValueError(value)
    y0 = int(m.group(1))
    y1 = int(m.group(2) or y0)
    return min(y0, y1), max(y0, y1)


def _codes(values: list[str] | None) -> tuple[str, ...]:
    """--type plan --type news, or --type plan,news."""
    return tuple(v.strip() for x in values or [] for v in x.split(",") if v.strip())


def _parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(
        prog="python -m app.brief",
        description="One-page brief (PDF, DOCX) of a province, or of every province with "
                    "documents.")
    who = ap.add_mutually_exclusive_group(required=True)
    who.add_argument("--province", help="GSO code or name, with or without diacritics")
    who.add_argument("--all", action="store_true", help="every province with documents")
    ap.add_argument("--out", required=True,
                    help="file (.pdf/.docx) for --province; a folder for --all")
    ap.add_argument("--format", choices=(*FORMATS, "both"),
                    help="default: the --out suffix; with --all, both")
    ap.add_argument("--db", help="warehouse file (default: CYBERDASH_DB or data/warehouse.duckdb)")
    ap.add_argument("--lang", choices=("vi", "en"), default="vi")
    ap.add_argument("--instrument", help="instrument key implemented, e.g. 29-NQ/TW")
    ap.add_argument("--years", help="e.g. 2021-2025")
    ap.add_argument("--type", action="append", help=f"document type: {', '.join(DOC_TYPES)}")
    ap.add_argument("--level", action="append", help=f"level: {', '.join(LEVELS)}")
    ap.add_argument("--today", help="the day deadlines are read on (YYYY-MM-DD)")
    return ap


def main(argv: list[str] | None = None) -> int:
    ap = _parser()
    args = ap.parse_args(argv)
    if args.db:
        os.environ["CYBERDASH_DB"] = str(Path(args.db).resolve())

    if queries.warehouse_stamp() is None:
        print(f"no warehouse at {queries.warehouse_path()}", file=sys.stderr)
        return 2
    try:
        y0, y1 = parse_years(args.years)
    except ValueError:
        print(f"--years: expected YYYY or YYYY-YYYY, got {args.years!r}", file=sys.stderr)
        return 2
    types, levels = _codes(args.type), _codes(args.level)
    bad = [x for x in types if x not in DOC_TYPES] + [x for x in levels if x not in LEVELS]
    if bad:
        print(f"unknown type or level: {', '.join(bad)}", file=sys.stderr)
        return 2
    f = Filters(instrument=args.instrument, year_from=y0, year_to=y1, doc_types=types,
                levels=levels)
    if args.instrument and args.instrument not in set(queries.instruments().instrument_key):
        print(f"unknown instrument: {args.instrument}", file=sys.stderr)
        return 2
    today = date.fromisoformat(args.today) if args.today else date.today()
    out = Path(args.out)
    prov = queries.provinces()

    if args.province:
        code = find_province(args.province, prov)
        if code is None:
            print(f"unknown province: {args.province!r} (give a GSO code such as 38 or a name "
                  "such as 'Thanh Hóa')", file=sys.stderr)
            return 2
        fmt = args.format or out.suffix.lstrip(".").lower()
        fmts = FORMATS if fmt == "both" else (fmt,)
        if any(x not in FORMATS for x in fmts):
            print("--out must end in .pdf or .docx (or give --format)", file=sys.stderr)
            return 2
        b = load(f, code, lang=args.lang, today=today)
        for x in fmts:
            path = out if len(fmts) == 1 else out.with_suffix("." + x)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(render(b, x))
            print(path)
        return 0

    fmts = FORMATS if (args.format or "both") == "both" else (args.format,)
    out.mkdir(parents=True, exist_ok=True)
    codes = list(queries.province_summary(f).province_code)
    keys = dict(zip(prov.gso_code, prov.ascii_key))
    for code in sorted(codes):
        b = load(f, code, lang=args.lang, today=today)
        for x in fmts:
            path = out / f"{code}-{keys.get(code) or slug(b.province)}.{x}"
            path.write_bytes(render(b, x))
    print(f"{len(codes)} provinces, {len(codes) * len(fmts)} files in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
