"""Law of the markdown escape, for all inputs: the text reads back as typed, with no bare
special character left (moved from test_charts_properties.py when charts became a package)."""

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dashboard.ui import md_escape

SPECIAL = set("\\`*_{}[]()#+-.!|<>~$:=")


@pytest.mark.slow
@given(st.text())
def test_markdown_escape_reads_back_and_leaves_no_bare_special_character(text):
    escaped = md_escape(text)
    assert re.sub(r"\\(.)", r"\1", escaped, flags=re.S) == text
    bare = re.sub(r"\\.", "", escaped, flags=re.S)  # drop every escaped pair
    assert not SPECIAL & set(bare)
