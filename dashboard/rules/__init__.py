"""The rule book applied: who meets the criteria of each title, streak titles, quota headroom.

Every rule and threshold is data (`data_access/catalog/rules.toml`); every phrase of a reason is
data (`dashboard/locales/reasons.toml`). Import the submodule:

- `facts`: the frames the criteria are judged on (persons, departments, titles held);
- `checks`: a criteria rule's checks from its parameters, and the verdict (`judge`);
- `reasons`: the words, short award names and percentages of reasons; `with_reasons`;
- `eligibility`: the eligibility table (criteria rows, streak rows, reasons, order);
- `streaks`: titles earned by a streak of earlier titles; `streak_candidates`;
- `quotas`: how many more titles a unit may still propose under each legal cap.
"""
