"""The cluster meeting pack: `data` gathers the figures through the engine's tables, `pdf`
typesets them (Typst, dashboard/typst/report.typ)."""
