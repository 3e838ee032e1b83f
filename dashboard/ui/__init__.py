"""The app's Streamlit layer, one module per concern; pages import the modules they use.

- `session`: the database engine, its URL, the data version, who the session is, `start()`.
- `audit`: audit entries for this session's user, and the administrators' audit-log view.
- `loaders`: cached loaders over `dashboard.pipeline`, and the scope cut after the cache.
- `widgets`: guarded sections, charts, tables, downloads, Markdown escaping.
- `login`: the password and OIDC sign-in, the account box.
- `filters`: year, cluster, unit and language (session, URL, sidebar), notices, scope names.
- `importing`: the Data page's upload: preview, import, the template.

With `app_pages/` and `streamlit_app.py`, the only code that imports Streamlit.
"""
