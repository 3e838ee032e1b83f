"""Vietnamese name parts and a vectorised full-name builder.

Surname weights follow the usual shares (Nguyễn about 38 %, Trần 11 %, Lê 9.5 % …), with the
Thái and Mông surnames of the north-west (Lò, Cầm, Lường, Giàng, Sùng) kept in at low weight.
A full name is surname + middle name + given name, e.g. "Nguyễn Thị Gấm", "Lò Văn Hùng".
"""

from __future__ import annotations

import unicodedata

import numpy as np
import polars as pl


def _nfc(*words: str) -> tuple[str, ...]:
    return tuple(unicodedata.normalize("NFC", w) for w in words)


# fmt: off
# (surname, weight in per mille)
_SURNAMES = (
    ("Nguyễn", 380), ("Trần", 110), ("Lê", 95), ("Phạm", 70), ("Hoàng", 40), ("Huỳnh", 10),
    ("Phan", 45), ("Vũ", 30), ("Võ", 10), ("Đặng", 21), ("Bùi", 20), ("Đỗ", 14), ("Hồ", 13),
    ("Ngô", 13), ("Dương", 10), ("Lý", 5), ("Đinh", 9), ("Trịnh", 8), ("Đào", 7), ("Mai", 5),
    ("Lương", 5), ("Tạ", 3), ("Cao", 4), ("Lưu", 3), ("Hà", 6), ("Tô", 3), ("Triệu", 3),
    ("Quách", 2), ("Đoàn", 5), ("Vương", 2), ("Kiều", 2), ("Khuất", 1), ("Lò", 3), ("Cầm", 2),
    ("Lường", 2), ("Giàng", 1), ("Sùng", 1), ("Nông", 3), ("Chu", 3), ("Thân", 2),
)
SURNAMES = _nfc(*(s for s, _ in _SURNAMES))
SURNAME_WEIGHTS = np.array([w for _, w in _SURNAMES], dtype=np.float64)
SURNAME_WEIGHTS /= SURNAME_WEIGHTS.sum()

MIDDLE_MALE = _nfc(
    "Văn", "Văn", "Văn", "Đức", "Minh", "Quang", "Hữu", "Xuân", "Thanh", "Ngọc", "Mạnh",
    "Công", "Tuấn", "Đình", "Huy", "Trọng", "Quốc", "Thế", "Anh", "Duy", "Tiến", "Hùng",
)
MIDDLE_FEMALE = _nfc(
    "Thị", "Thị", "Thị", "Thị", "Ngọc", "Thu", "Thanh", "Minh", "Thùy", "Hồng", "Kim",
    "Phương", "Mai", "Lan", "Hải", "Diệu", "Bích", "Khánh", "Thúy", "Hoài",
)
GIVEN_MALE = _nfc(
    "An", "Bình", "Cường", "Dũng", "Đạt", "Đức", "Giang", "Hải", "Hiếu", "Hoàng", "Hùng",
    "Huy", "Khánh", "Kiên", "Long", "Lâm", "Minh", "Nam", "Nghĩa", "Phong", "Phúc", "Quân",
    "Quang", "Sơn", "Tài", "Thắng", "Thành", "Thịnh", "Toàn", "Trung", "Tuấn", "Tùng", "Việt",
    "Vinh", "Vũ", "Hưng", "Lợi", "Thái", "Chiến", "Cương", "Định", "Hiệp", "Khoa", "Lực",
)
GIVEN_FEMALE = _nfc(
    "Anh", "Châu", "Dung", "Duyên", "Giang", "Hà", "Hạnh", "Hằng", "Hiền", "Hoa", "Hồng",
    "Huệ", "Hương", "Huyền", "Lan", "Liên", "Linh", "Loan", "Mai", "Nga", "Ngọc", "Nhung",
    "Oanh", "Phương", "Quỳnh", "Thảo", "Thanh", "Thủy", "Trang", "Tuyết", "Vân", "Yến", "Gấm",
    "Nhàn", "Thu", "Hậu", "Nhi", "Xuân",
)
# fmt: on


def full_names(rng: np.random.Generator, female: np.ndarray) -> pl.Series:
    """One full name per element of the boolean array `female` (vectorised, no Python loop)."""
    n = female.shape[0]
    sur = pl.Series(SURNAMES).gather(rng.choice(len(SURNAMES), size=n, p=SURNAME_WEIGHTS))
    mid_m = rng.integers(0, len(MIDDLE_MALE), size=n)
    mid_f = rng.integers(0, len(MIDDLE_FEMALE), size=n)
    giv_m = rng.integers(0, len(GIVEN_MALE), size=n)
    giv_f = rng.integers(0, len(GIVEN_FEMALE), size=n)
    fem = pl.Series(female, dtype=pl.Boolean)
    frame = pl.DataFrame(
        {
            "sur": sur,
            "fem": fem,
            "mid_m": pl.Series(MIDDLE_MALE).gather(mid_m),
            "mid_f": pl.Series(MIDDLE_FEMALE).gather(mid_f),
            "giv_m": pl.Series(GIVEN_MALE).gather(giv_m),
            "giv_f": pl.Series(GIVEN_FEMALE).gather(giv_f),
        }
    )
    return frame.select(
        pl.concat_str(
            "sur",
            pl.when("fem").then("mid_f").otherwise("mid_m"),
            pl.when("fem").then("giv_f").otherwise("giv_m"),
            separator=" ",
        ).alias("full_name")
    ).to_series()
