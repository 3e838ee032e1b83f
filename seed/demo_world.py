"""The hand-shaped demo clusters, named as the source articles name them (shared/seeds/).

4 clusters, 27 units (and from 2025 Hải Phòng's new school, reorganisation.py), ≈ 1 500 staff a
year:
- CUM4_DBSH "Cụm thi đua số 4": 9 provincial political schools of the Red River Delta, organised
  by the Học viện Chính trị quốc gia Hồ Chí Minh (seed 003; Hà Nam leads in 2021).
- CUM_MNBG: the northern mountain/border cluster of political schools, 7 schools, Sơn La (seed 004,
  rated month by month, 50 staff in 2021) and Phú Thọ (seed 002) among them.
- KHOI3_VPQH "Khối thi đua III" of the Văn phòng Quốc hội: its 6 named units (seed 001); Vụ Thông
  tin shares only unit_counts; Thư viện Quốc hội leads in 2023.
- KHOI_HVCT: the offices of the Học viện Chính trị (Bộ Quốc phòng), military profile, with the
  Văn phòng Học viện Chính trị of seed 000 (60 strong in 2022); its emulation year is the
  school year (September to August, `START_MONTHS`).
The Red River Delta cluster goes through the 2025 reorganisation (reorganisation.py).
Two listed units of each cluster rate month by month (demo_features.py makes one fall behind
each year); a few units carry an imported short name, the others get theirs derived by the app
("Trường Chính trị tỉnh Sơn La" → "Sơn La"). Staff tuples run from 2019 to 2025.
"""

from __future__ import annotations

from seed.structure import ClusterSpec, UnitSpec

HVCTQG = "Học viện Chính trị quốc gia Hồ Chí Minh"

_SCHOOL = (
    ("TCHC", "Phòng Tổ chức – Hành chính", 1),
    ("QLDT", "Phòng Quản lý đào tạo – Nghiên cứu khoa học", 1),
    ("XDD", "Khoa Xây dựng Đảng", 1),
    ("LLCS", "Khoa Lý luận cơ sở", 1),
    ("NNPL", "Khoa Nhà nước và pháp luật", 1),
    ("DV", "Khoa Dân vận", 1),
)
SCHOOL_5 = _SCHOOL[:5]  # Sơn La: 5 departments (seed 004: 45 = 5 × 9 department-months)


def _school(
    code: str, province: str, staff: tuple[int, ...], *, depts=_SCHOOL, monthly: bool = False
) -> UnitSpec:
    return UnitSpec(
        code=code,
        name=f"Trường Chính trị tỉnh {province}",
        staff=staff,
        departments=depts,
        monthly=monthly,
        issuer="TCT",
        higher_issuer="UBND",
    )


CUM4 = ClusterSpec(
    code="CUM4_DBSH",
    name="Cụm thi đua số 4 – các trường chính trị tỉnh khu vực Đồng bằng sông Hồng",
    organizer=HVCTQG,
    criteria="school",
    units=(
        _school("HN_TCT", "Hà Nam", (52, 53, 54, 55, 55, 56, 56)),
        _school("ND_TCT", "Nam Định", (68, 69, 70, 71, 72, 72, 71)),
        _school("NB_TCT", "Ninh Bình", (45, 46, 46, 47, 48, 48, 49), depts=_SCHOOL[:5]),
        _school("TB_TCT", "Thái Bình", (62, 61, 60, 59, 58, 57, 56)),
        _school("HY_TCT", "Hưng Yên", (46, 48, 50, 52, 55, 57, 59)),
        _school("HD_TCT", "Hải Dương", (63, 63, 64, 64, 65, 65, 66), monthly=True),
        _school("BN_TCT", "Bắc Ninh", (55, 56, 56, 57, 58, 58, 59)),
        _school(
            "VP_TCT", "Vĩnh Phúc", (50, 50, 51, 51, 52, 52, 53), depts=_SCHOOL[:5], monthly=True
        ),
        _school("QN_TCT", "Quảng Ninh", (72, 73, 74, 75, 75, 76, 76)),
    ),
)

MNBG = ClusterSpec(
    code="CUM_MNBG",
    name="Cụm thi đua các trường chính trị khu vực miền núi biên giới phía Bắc",
    organizer=HVCTQG,
    criteria="school",
    units=(
        _school("SL_TCT", "Sơn La", (47, 48, 50, 51, 52, 50, 49), depts=SCHOOL_5, monthly=True),
        _school("PT_TCT", "Phú Thọ", (58, 59, 60, 61, 62, 62, 63), monthly=True),
        _school("LC_TCT", "Lào Cai", (44, 45, 45, 46, 46, 47, 47), depts=_SCHOOL[:5]),
        _school("YB_TCT", "Yên Bái", (42, 42, 43, 43, 44, 44, 45), depts=_SCHOOL[:5]),
        _school("HG_TCT", "Hà Giang", (40, 41, 41, 42, 43, 43, 44), depts=_SCHOOL[:5]),
        _school("DB_TCT", "Điện Biên", (38, 39, 40, 40, 41, 41, 42), depts=_SCHOOL[:5]),
        _school("LCH_TCT", "Lai Châu", (33, 35, 37, 38, 38, 39, 40), depts=_SCHOOL[:5]),
    ),
)


def _vpqh(code: str, name: str, staff: tuple[int, ...], depts, **kw) -> UnitSpec:
    return UnitSpec(
        code=code,
        name=name,
        staff=staff,
        departments=depts,
        issuer=code,
        higher_issuer="VPQH",
        **kw,
    )


KHOI3 = ClusterSpec(
    code="KHOI3_VPQH",
    name="Khối thi đua III – Văn phòng Quốc hội",
    organizer="Văn phòng Quốc hội",
    criteria="office",
    units=(
        _vpqh(
            "BDBND",
            "Báo Đại biểu Nhân dân",
            (118, 120, 122, 124, 125, 126, 126),
            (
                ("TS", "Ban Thời sự", 1),
                ("KT", "Ban Kinh tế", 1),
                ("VHXH", "Ban Văn hóa – Xã hội", 1),
                ("DT", "Ban Báo điện tử", 1),
                ("TKTS", "Ban Thư ký tòa soạn", 1),
                ("HCTS", "Phòng Hành chính – Trị sự", 1),
            ),
        ),
        _vpqh(
            "VPDDQH",
            "Văn phòng Đảng đoàn Quốc hội",
            (32, 32, 33, 34, 34, 35, 35),
            (
                ("TH", "Phòng Tổng hợp", 1),
                ("NC", "Phòng Nghiên cứu", 1),
                ("TCHC", "Phòng Tổ chức – Hành chính", 1),
            ),
            short_name="VP Đảng đoàn Quốc hội",
        ),
        _vpqh(
            "VPDDT",
            "Văn phòng Đảng – Đoàn thể",
            (26, 27, 27, 28, 28, 29, 29),
            (
                ("TCKT", "Phòng Tổ chức – Kiểm tra", 1),
                ("TGDV", "Phòng Tuyên giáo – Dân vận", 1),
                ("DT", "Phòng Công tác đoàn thể", 1),
            ),
            monthly=True,
        ),
        _vpqh(
            "TVQH",
            "Thư viện Quốc hội",
            (44, 45, 46, 47, 48, 48, 49),
            (
                ("PTTL", "Phòng Phát triển tài liệu", 1),
                ("TTTL", "Phòng Thông tin tư liệu", 1),
                ("TVDT", "Phòng Thư viện điện tử", 1),
                ("HCTH", "Phòng Hành chính – Tổng hợp", 1),
            ),
            monthly=True,
        ),
        _vpqh(
            "VTT",
            "Vụ Thông tin",
            (40, 41, 42, 42, 43, 43, 44),
            (
                ("TT", "Phòng Thông tin", 1),
                ("TL", "Phòng Tư liệu", 1),
                ("TH", "Phòng Tổng hợp", 1),
            ),
            monthly=True,
            reported_only=True,
        ),
        _vpqh(
            "TTBD",
            "Trung tâm Bồi dưỡng đại biểu dân cử",
            (24, 25, 26, 28, 30, 31, 32),
            (
                ("BD", "Phòng Bồi dưỡng", 1),
                ("CT", "Phòng Nghiên cứu, phát triển chương trình", 1),
                ("HCTH", "Phòng Hành chính – Tổng hợp", 1),
            ),
            short_name="TT Bồi dưỡng đại biểu",
        ),
    ),
)


def _office(code: str, name: str, staff: tuple[int, ...], depts, **kw) -> UnitSpec:
    return UnitSpec(
        code=code,
        name=name,
        staff=staff,
        departments=depts,
        profile="military",
        issuer="HV",
        higher_issuer="CT",
        **kw,
    )


HVCT = ClusterSpec(
    code="KHOI_HVCT",
    name="Khối thi đua các cơ quan Học viện Chính trị",
    organizer="Học viện Chính trị – Bộ Quốc phòng",
    criteria="military",
    units=(
        _office(
            "VP_HVCT",
            "Văn phòng Học viện Chính trị",
            (58, 59, 59, 60, 60, 61, 61),
            (
                ("KHTH", "Ban Kế hoạch – Tổng hợp", 2),
                ("HC", "Ban Hành chính", 2),
                ("QL", "Ban Quân lực", 1),
                ("TTQP", "Thanh tra Quốc phòng", 1),
                ("DDVB", "Đại đội Vệ binh", 4),
            ),
            short_name="Văn phòng Học viện",
        ),
        _office(
            "PCT_HVCT",
            "Phòng Chính trị",
            (34, 34, 35, 35, 36, 36, 36),
            (
                ("TC", "Ban Tổ chức", 1),
                ("CB", "Ban Cán bộ", 1),
                ("TH", "Ban Tuyên huấn", 1),
                ("CTQC", "Ban Công tác quần chúng", 1),
            ),
            monthly=True,
        ),
        _office(
            "PDT_HVCT",
            "Phòng Đào tạo",
            (30, 30, 31, 31, 32, 32, 32),
            (
                ("KH", "Ban Kế hoạch", 1),
                ("GV", "Ban Giáo vụ", 1),
                ("KT", "Ban Khảo thí và Đảm bảo chất lượng", 1),
            ),
        ),
        _office(
            "PKHQS_HVCT",
            "Phòng Khoa học quân sự",
            (22, 22, 23, 23, 24, 24, 24),
            (
                ("KH", "Ban Khoa học", 1),
                ("TC", "Ban Tạp chí", 1),
                ("TT", "Ban Thông tin khoa học", 1),
            ),
            monthly=True,
        ),
        _office(
            "PHCKT_HVCT",
            "Phòng Hậu cần – Kỹ thuật",
            (46, 46, 47, 47, 48, 48, 48),
            (
                ("TC", "Ban Tài chính", 1),
                ("DT", "Ban Doanh trại", 1),
                ("QN", "Ban Quân nhu", 1),
                ("XM", "Ban Xe – Máy", 1),
                ("DDVT", "Đại đội Vận tải", 2),
            ),
        ),
    ),
)

DEMO_CLUSTERS: tuple[ClusterSpec, ...] = (CUM4, MNBG, KHOI3, HVCT)
# The military academy's block runs on the school year (seed 000: "năm học 2021–2022",
# launched 8 September): clusters.period_start_month; its units' monthly ratings are drawn on
# September … August (seed/monthly.py `on_school_year`).
START_MONTHS: dict[str, int] = {HVCT.code: 9}


def unit_start_months() -> dict[str, int]:
    """unit -> its cluster's start month, for the clusters not on the calendar year."""
    return {
        u.code: START_MONTHS[c.code]
        for c in DEMO_CLUSTERS
        if c.code in START_MONTHS
        for u in c.units
    }
