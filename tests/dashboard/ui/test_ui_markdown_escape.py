"""md_escape, for all inputs: escaped data text reads back as typed in Markdown (apart from the
invisible word joiners it puts inside URL, www. and e-mail patterns so they never become links)
and leaves no Markdown or Streamlit directive character bare."""

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dashboard.ui.widgets import md_escape

JOINER = "\u2060"  # U+2060 WORD JOINER: what md_escape puts inside link-like text
SPECIAL = set("\\`*_{}[]()#+-.!|<>~$:=")


@pytest.mark.slow
@given(st.text(alphabet=st.characters(blacklist_characters=JOINER)))
def test_markdown_escape_reads_back_and_leaves_no_bare_special_character(text):
    escaped = md_escape(text)
    assert re.sub(r"\\(.)", r"\1", escaped, flags=re.S).replace(JOINER, "") == text
    bare = re.sub(r"\\.", "", escaped, flags=re.S)  # drop every escaped pair
    assert not SPECIAL & set(bare)
