"""The floor: a bare Streamlit app, nothing of this project, one select box and one Plotly chart.
The benchmark runs it beside the dashboard in the same run (bench/browser.py), so the dashboard's
figures are read against what Streamlit, Plotly and Chromium cost on the same machine at the
same moment. The box's label and years come from the benchmark (the same words as the
dashboard's year box, so one driver picks a year in both); the chart's title is the year, so the
driver sees when the new figure is drawn."""

import os

import plotly.graph_objects as go
import streamlit as st

YEARS = [int(y) for y in os.environ.get("BENCH_FLOOR_YEARS", "2024,2025").split(",")]

year = st.selectbox(os.environ.get("BENCH_FLOOR_LABEL", "Year"), YEARS, index=len(YEARS) - 1)
bars = go.Bar(x=["a", "b", "c"], y=[year % 7 + 1, year % 5 + 1, year % 3 + 1])
st.plotly_chart(go.Figure(bars, layout={"title": {"text": str(year)}}))
