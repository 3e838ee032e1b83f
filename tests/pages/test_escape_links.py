"""md_escape keeps every character of data text and leaves nothing remark-gfm would link: its
autolink-literal patterns (mdast-util-gfm-autolink-literal) find no URL, www. name or e-mail
address in the text Markdown sees once the backslash escapes are read."""

import re

from hypothesis import given
from hypothesis import strategies as st

from dashboard.ui.widgets import md_escape

# The patterns remark-gfm applies to text nodes after parsing (so escapes do not stop them).
GFM_URL = re.compile(r"(https?://|www(?=\.))([-.\w]+)", re.IGNORECASE | re.ASCII)
GFM_EMAIL = re.compile(r"([-.\w+]+)@([-\w]+(?:\.[-\w]+)+)", re.ASCII)
PIECES = st.sampled_from(["https://", "http://", "HTTPS://", "www.", "@", "evil", ".vn", " ", "x"])


def _as_markdown_reads_it(escaped: str) -> str:
    return re.sub(r"\\(.)", r"\1", escaped)


@given(st.lists(PIECES | st.text(max_size=5), max_size=12).map("".join))
def test_no_link_survives_and_no_character_is_lost(name):
    seen = _as_markdown_reads_it(md_escape(name))
    assert seen.replace("\u2060", "") == name
    assert GFM_URL.search(seen) is None
    assert GFM_EMAIL.search(seen) is None


def test_a_url_name():
    seen = _as_markdown_reads_it(md_escape("https://evil.example/don-vi"))
    assert seen == "https\u2060://evil.example/don-vi"
