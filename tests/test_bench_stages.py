"""The ETL profile's unprofiled stage breakdown (bench.etl_bench.stage_costs) on the seeds."""
from __future__ import annotations

import csv
from pathlib import Path

from bench.etl_bench import stage_costs, stage_table

ROOT = Path(__file__).resolve().parents[1]
# The five seeds, not all of data/raw: on the short web-saved texts extraction costs little more
# than the no-extraction floor, and the floor check below would measure DuckDB's noise
with open(ROOT / "tests" / "gold" / "seeds.csv", encoding="utf-8-sig", newline="") as _f:
    SEEDS = [ROOT / "data" / "raw" / r["file"] for r in csv.DictReader(_f)]


def test_stage_costs_add_up_and_render():
    sc = stage_costs(SEEDS)
    st = sc["stages_ms"]
    assert sc["docs"] == 5 and all(v >= 0 for v in st.values())
    # the stages are the parts of _extract_one: they add up to it (rounding aside)
    assert abs(sum(st.values()) - sc["extract_one_ms"]) < 0.05
    assert sc["worker_ms"] >= sc["extract_one_ms"] and sc["main_ms"] > 0
    assert sc["pickled_kb_per_doc"] > sc["floor_pickled_kb_per_doc"] > 0
    assert sc["floor_total_ms"] < sc["worker_ms"] + sc["main_ms"]
    rows = stage_table(sc)
    assert rows[0].startswith("| stage") and all(r.startswith("|") and r.endswith("|") for r in rows)
    assert any("floor, no extraction" in r for r in rows)
