"""The ETL profile's unprofiled stage breakdown (bench.etl_bench.stage_costs) on the bundled documents."""
from __future__ import annotations

from pathlib import Path

from bench.etl_bench import stage_costs, stage_table
from conftest import N_RAW

ROOT = Path(__file__).resolve().parents[1]


def test_stage_costs_add_up_and_render():
    sc = stage_costs(sorted((ROOT / "data" / "raw").glob("*.txt")))
    st = sc["stages_ms"]
    assert sc["docs"] == N_RAW and all(v >= 0 for v in st.values())
    # the stages are the parts of _extract_one: they add up to it (rounding aside)
    assert abs(sum(st.values()) - sc["extract_one_ms"]) < 0.05
    assert sc["worker_ms"] >= sc["extract_one_ms"] and sc["main_ms"] > 0
    assert sc["pickled_kb_per_doc"] > sc["floor_pickled_kb_per_doc"] > 0
    assert sc["floor_total_ms"] < sc["worker_ms"] + sc["main_ms"]
    rows = stage_table(sc)
    assert rows[0].startswith("| stage") and all(r.startswith("|") and r.endswith("|") for r in rows)
    assert any("floor, no extraction" in r for r in rows)
