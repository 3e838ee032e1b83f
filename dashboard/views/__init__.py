"""Page view-models: pure Polars functions that shape engine outputs for one page of the app
(KPI cards, the unit profile, trend series, the projector's highlights). No Streamlit, no SQL."""
