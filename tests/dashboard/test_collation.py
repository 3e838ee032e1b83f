"""dashboard.collation: Vietnamese dictionary order (domain.md, "Language and formats")."""

from __future__ import annotations

import polars as pl
import pytest

from dashboard.collation import given_name, people_order, vn_key, vn_sort_key


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("Trần", "Trịnh"),  # domain.md: a < i decides before any tone
        ("Dũng", "Đào"),  # Đ is a letter after D, not D with a mark
        ("Dzung", "Đa"),  # … after every D-word
        ("Anh", "Ăn"),  # a < ă, even though "an" < "anh" letter by letter
        ("Ăn", "Ân"),  # ă < â
        ("Ân", "Bình"),  # â < b
        ("Ez", "Ê"),  # e < ê
        ("Oanh", "Ô"),  # o < ô < ơ
        ("Ô", "Ơ"),
        ("Uyên", "Ưng"),  # u < ư
        ("Ưng", "Vân"),
        ("Xuân", "Yến"),
        ("An", "Nguyễn Văn An"),  # a shorter key sorts first
    ],
)
def test_pairs_in_vietnamese_order(before: str, after: str):
    assert vn_sort_key(before) < vn_sort_key(after)


def test_tones_in_dictionary_order():
    # none, huyền, hỏi, ngã, sắc, nặng (CLDR "vi")
    words = ["mạ", "má", "mã", "mả", "mà", "ma"]
    assert sorted(words, key=vn_sort_key) == ["ma", "mà", "mả", "mã", "má", "mạ"]


def test_letters_decide_before_tones():
    # "Ánh" has a tone, "Anhs" more letters: the letters (anh < anhs) decide first
    assert sorted(["Anhs", "Ánh"], key=vn_sort_key) == ["Ánh", "Anhs"]


def test_decomposed_and_composed_text_sort_alike():
    nfd = "Tra\u0300n"  # "Trần" typed decomposed: a + combining grave, missing the circumflex
    assert vn_sort_key("Tra\u0302\u0300n") == vn_sort_key("Trần")
    assert vn_sort_key(nfd) != vn_sort_key("Trần")


def test_none_has_no_key():
    assert vn_sort_key(None) is None


def test_given_name_is_the_last_word():
    names = pl.Series(["Nguyễn Văn An", "  Trần Thị  Bình ", "Lê", None])
    assert pl.select(given_name(pl.lit(names))).to_series().to_list() == [
        "An",
        "Bình",
        "Lê",
        None,
    ]


def test_people_sort_by_given_name_then_full_name():
    frame = pl.DataFrame(
        {
            "full_name": [
                "Trần Thị Bình",
                "Nguyễn Văn An",
                "Lê Đức",
                "Lê Dũng",
                "Trần An",
                "Đỗ Thị Ánh",
            ]
        }
    )
    out = frame.sort(people_order(pl.col("full_name")))
    assert out["full_name"].to_list() == [
        "Nguyễn Văn An",  # An: "Nguyễn Văn An" < "Trần An" by full name (N < T)
        "Trần An",
        "Đỗ Thị Ánh",  # Ánh after An (tone), before Bình
        "Trần Thị Bình",
        "Lê Dũng",  # Dũng before Đức (D < Đ)
        "Lê Đức",
    ]


def test_expression_matches_the_python_key():
    names = ["Trịnh Văn Công", "Trần Văn Công", None, "Trần Văn Công"]
    keys = pl.DataFrame({"n": names}).select(vn_key(pl.col("n")))["n"].to_list()
    assert keys == [vn_sort_key(n) for n in names]
