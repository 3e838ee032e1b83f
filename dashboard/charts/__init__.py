"""Plotly figure builders: `xxx_chart(frame, *, lang) -> go.Figure`, pure (no Streamlit, no SQL).

One module per chart family, each builder thin over the shared layout; import the submodule:

- `palette`: status, rating and unit colours and the status icons (colour-blind safe);
- `layout`: the shared base (`finish`), labels, escaping, `figure_texts` for tests;
- `bullet` (`bullet_chart`), `ranking` (`ranking_chart`), `bump` (`bump_chart`),
  `trend` (`trend_chart`), `ratings` (`rating_distribution_chart`), `awards` (`awards_chart`),
  `monthly` (`monthly_progress_chart`), `targets_met` (`targets_met_chart`).

Every chart has a title, axis titles with units, data labels on bars and hover text.
"""
