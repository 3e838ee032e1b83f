"""Short unit names: the imported one, else the name without the prefix the cluster shares."""

from __future__ import annotations

import unicodedata

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from dashboard.names import derive, short_names


def _units(rows: list[tuple[str, str, str, str | None]]) -> pl.DataFrame:
    return pl.DataFrame(
        rows,
        schema={
            "unit_code": pl.String,
            "unit_name": pl.String,
            "cluster_code": pl.String,
            "short_name": pl.String,
        },
        orient="row",
    )


def test_the_political_schools_lose_their_shared_prefix():
    units = _units(
        [
            ("SL", "Trường Chính trị tỉnh Sơn La", "MNBG", None),
            ("PT", "Trường Chính trị tỉnh Phú Thọ", "MNBG", None),
            ("LCH", "Trường Chính trị tỉnh Lai Châu", "MNBG", None),
        ]
    )
    got = short_names(units)
    assert got["unit_code"].to_list() == ["SL", "PT", "LCH"]
    # the four shared words "Trường Chính trị tỉnh" go
    assert got["short_name"].to_list() == ["Sơn La", "Phú Thọ", "Lai Châu"]
    assert got["derived"].to_list() == [True, True, True]


def test_each_cluster_has_its_own_prefix():
    units = _units(
        [
            ("SL", "Trường Chính trị tỉnh Sơn La", "MNBG", None),
            ("PT", "Trường Chính trị tỉnh Phú Thọ", "MNBG", None),
            ("PCT", "Phòng Chính trị", "HVCT", None),
            ("PDT", "Phòng Đào tạo", "HVCT", None),
        ]
    )
    assert short_names(units)["short_name"].to_list() == [
        "Sơn La",
        "Phú Thọ",
        "Chính trị",
        "Đào tạo",
    ]


def test_an_imported_short_name_wins_and_is_normalised():
    decomposed = unicodedata.normalize("NFD", "VP Đảng đoàn")
    units = _units(
        [
            ("VPDDQH", "Văn phòng Đảng đoàn Quốc hội", "K3", f"  {decomposed} "),
            ("TVQH", "Thư viện Quốc hội", "K3", ""),
        ]
    )
    got = short_names(units)
    assert got["short_name"].to_list() == ["VP Đảng đoàn", "Thư viện Quốc hội"]
    assert got["derived"].to_list() == [False, True]


def test_a_short_name_that_ends_its_name_does_not_stop_the_prefix():
    # the 2025 merger brought a city's school into a cluster of provinces' schools; imported as
    # "Hải Phòng", it leaves the others their "tỉnh"-less names
    units = _units(
        [
            ("HN", "Trường Chính trị tỉnh Hà Nam", "C", None),
            ("NB", "Trường Chính trị tỉnh Ninh Bình", "C", None),
            ("HP", "Trường Chính trị thành phố Hải Phòng", "C", "Hải Phòng"),
            ("VP", "Văn phòng Học viện Chính trị", "D", "Văn phòng Học viện"),
            ("PCT", "Phòng Chính trị", "D", None),
            ("PDT", "Phòng Đào tạo", "D", None),
        ]
    )
    got = dict(short_names(units).select("unit_code", "short_name").iter_rows())
    assert got == {
        "HN": "Hà Nam",
        "NB": "Ninh Bình",
        "HP": "Hải Phòng",
        # "Văn phòng Học viện" is not its name's ending: it still takes part, and the offices
        # share no first word with it
        "VP": "Văn phòng Học viện",
        "PCT": "Phòng Chính trị",
        "PDT": "Phòng Đào tạo",
    }


def test_no_shared_first_word_or_a_lone_unit_keeps_the_full_name():
    units = _units(
        [
            ("BDBND", "Báo Đại biểu Nhân dân", "K3", None),
            ("TVQH", "Thư viện Quốc hội", "K3", None),
            ("HN", "Trường Chính trị tỉnh Hà Nam", "ALONE", None),
        ]
    )
    assert short_names(units)["short_name"].to_list() == [
        "Báo Đại biểu Nhân dân",
        "Thư viện Quốc hội",
        "Trường Chính trị tỉnh Hà Nam",  # one unit: nothing is shared with anyone
    ]


def test_a_name_that_is_the_whole_prefix_keeps_its_last_word():
    # "Trường A" is all prefix of "Trường A B": one word is kept, so "A", then "A B"
    assert derive(["Trường A", "Trường A B"]) == ["A", "A B"]


def test_names_alike_after_the_cut_keep_their_full_names():
    # they differ only in the case of the shared word: cutting would give "Hà Nam" twice
    assert derive(["Trường Hà Nam", "trường Hà Nam"]) == ["Trường Hà Nam", "trường Hà Nam"]


def test_without_a_short_name_column_and_blank_names():
    units = pl.DataFrame(
        {"unit_code": ["A1", "A2"], "unit_name": ["Sở Nội vụ", "   "], "cluster_code": ["C", "C"]}
    )
    # a blank name is shown by its code; "Sở Nội vụ" shares nothing with it
    assert short_names(units)["short_name"].to_list() == ["Sở Nội vụ", "A2"]


# --- laws ---------------------------------------------------------------------------------------
WORDS = st.sampled_from(
    ["Trường", "Chính", "trị", "tỉnh", "Sơn", "La", "Phú", "Thọ", "Hà", "Nam", "Sở", "–", "A"]
)
PREFIX = st.lists(WORDS, min_size=0, max_size=4)
NAME = st.lists(WORDS, min_size=1, max_size=4)
SPACE = st.sampled_from([" ", "  ", "\t"])


@st.composite
def clusters(draw: st.DrawFn) -> list[str]:
    """Names of one cluster: a shared prefix, then each unit's own words, odd spacing, composed
    or decomposed."""
    prefix = draw(PREFIX)
    tails = draw(st.lists(NAME, min_size=1, max_size=6))
    seps = draw(st.lists(SPACE, min_size=len(tails), max_size=len(tails)))
    form = draw(st.sampled_from(["NFC", "NFD"]))
    return [
        unicodedata.normalize(form, sep.join(prefix + tail))
        for sep, tail in zip(seps, tails, strict=True)
    ]


def _at_word_boundary(short: str, name: str) -> bool:
    full = unicodedata.normalize("NFC", name).strip()
    if not full.endswith(short):
        return False
    start = len(full) - len(short)
    return start == 0 or full[start - 1].isspace()


@settings(max_examples=300, deadline=None)
@given(names=clusters())
def test_never_empty_and_a_whole_word_ending_of_the_name(names):
    for name, short in zip(names, derive(names), strict=True):
        assert short
        assert short == unicodedata.normalize("NFC", short)
        assert _at_word_boundary(short, name), (name, short)


@settings(max_examples=300, deadline=None)
@given(names=clusters())
def test_unique_within_a_cluster_when_the_names_are(names):
    full = [unicodedata.normalize("NFC", n).strip() for n in names]
    if len(set(full)) == len(full):
        out = derive(names)
        assert len(set(out)) == len(out), (names, out)


@settings(max_examples=200, deadline=None)
@given(a=clusters(), b=clusters())
def test_short_names_is_derive_per_cluster(a, b):
    units = pl.DataFrame(
        {
            "unit_code": [f"U{i}" for i in range(len(a) + len(b))],
            "unit_name": a + b,
            "cluster_code": ["A"] * len(a) + ["B"] * len(b),
        }
    )
    got = short_names(units)["short_name"].to_list()
    assert got == derive(a) + derive(b)
