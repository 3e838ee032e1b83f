"""Analytics engine: pure Polars functions (indicators, rules, rankings, trends, charts, exports).

No Streamlit here except `dashboard.ui`; no SQL except through `data_access`.
"""
