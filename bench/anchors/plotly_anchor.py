"""Anchor page for the benchmark: one plotly map of the 63 provinces, one 15×63 heatmap and
a 100-row table, all from constants (no warehouse, no query).

    streamlit run bench/anchors/plotly_anchor.py      (from the repository root)

The map is drawn by the app's own offline figure builder (app.maps.province_map_figure: a
MapLibre choroplethmap on a white style without tiles or glyph URLs), so the anchor costs
what plotly and MapLibre cost and makes no request beyond the page.
"""
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import pandas as pd  # noqa: E402
import plotly.graph_objects as go  # noqa: E402
import streamlit as st  # noqa: E402

from app import maps  # noqa: E402

st.title("Plotly anchor page")

feats = maps.load_geojson("63")["features"]
keys = [f["properties"]["ascii_key"] for f in feats]
names = [f["properties"]["name_vi"] for f in feats]
provinces = pd.DataFrame({"key": keys, "name": names, "value": [(i * 7) % 40 for i in range(len(keys))]})

fig_map = maps.province_map_figure(provinces, view="63", key_col="key", value_col="value",
                                   label_col="name", colorbar_title="value")
st.plotly_chart(fig_map, key="anchor_map")

categories = [f"Category {i + 1}" for i in range(15)]
z = [[(r * 5 + c * 3) % 4 for c in range(len(names))] for r in range(15)]
fig_heat = go.Figure(go.Heatmap(z=z, x=names, y=categories, colorscale="Reds", showscale=False))
fig_heat.update_layout(height=520, margin={"l": 0, "r": 0, "t": 8, "b": 8})
st.plotly_chart(fig_heat, key="anchor_heatmap")

rows = pd.DataFrame({
    "id": range(1, 101),
    "province": [names[i % len(names)] for i in range(100)],
    "number": [f"{i + 1}/KH-UBND" for i in range(100)],
    "title": [f"Kế hoạch thực hiện Nghị quyết số 29-NQ/TW, văn bản {i + 1}" for i in range(100)],
    "date": pd.date_range("2019-01-01", periods=100, freq="7D"),
    "tasks": [(i * 13) % 31 for i in range(100)],
})
st.dataframe(rows, hide_index=True)
