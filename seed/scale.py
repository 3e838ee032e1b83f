"""Synthetic province and national worlds, built vectorised (provinces × unit types).

Each province has 63 units of 6 kinds grouped into 6 clusters of 10–11 (khối/cụm thi đua of the
province): general offices, economic departments, culture and society, mass organisations,
hospitals, upper-secondary schools.
- province: 6 provinces → 378 units, 36 clusters, ≈ 51 000 staff a year (≈ 135 a unit).
- national: 63 provinces → 3 969 units, 378 clusters, ≈ 2 060 000 staff a year (≈ 520).
About 2 % of units rate month by month and 2 % share only unit_counts; one cluster in five
has not scored its members in the last year yet. One chunk per province.
"""

from __future__ import annotations

import polars as pl

from seed.draws import rng_for
from seed.structure import DEPT_COLUMNS, UNIT_COLUMNS, World

# fmt: off
PROVINCES: tuple[tuple[str, str, str], ...] = (  # name, code, "tỉnh" or "thành phố"
    ("Hà Nội", "HNI", "thành phố"), ("Hồ Chí Minh", "HCM", "thành phố"),
    ("Hải Phòng", "HPG", "thành phố"), ("Đà Nẵng", "DNG", "thành phố"),
    ("Cần Thơ", "CTO", "thành phố"), ("An Giang", "AGG", "tỉnh"),
    ("Bà Rịa – Vũng Tàu", "BRV", "tỉnh"), ("Bắc Giang", "BGG", "tỉnh"), ("Bắc Kạn", "BKN", "tỉnh"),
    ("Bạc Liêu", "BLU", "tỉnh"), ("Bắc Ninh", "BNH", "tỉnh"), ("Bến Tre", "BTE", "tỉnh"),
    ("Bình Định", "BDH", "tỉnh"), ("Bình Dương", "BDG", "tỉnh"), ("Bình Phước", "BPC", "tỉnh"),
    ("Bình Thuận", "BTN", "tỉnh"), ("Cà Mau", "CMU", "tỉnh"), ("Cao Bằng", "CBG", "tỉnh"),
    ("Đắk Lắk", "DLK", "tỉnh"), ("Đắk Nông", "DNO", "tỉnh"), ("Điện Biên", "DBN", "tỉnh"),
    ("Đồng Nai", "DNI", "tỉnh"), ("Đồng Tháp", "DTP", "tỉnh"), ("Gia Lai", "GLI", "tỉnh"),
    ("Hà Giang", "HGG", "tỉnh"), ("Hà Nam", "HNM", "tỉnh"), ("Hà Tĩnh", "HTH", "tỉnh"),
    ("Hải Dương", "HDG", "tỉnh"), ("Hậu Giang", "HGI", "tỉnh"), ("Hòa Bình", "HBH", "tỉnh"),
    ("Hưng Yên", "HYN", "tỉnh"), ("Khánh Hòa", "KHA", "tỉnh"), ("Kiên Giang", "KGG", "tỉnh"),
    ("Kon Tum", "KTM", "tỉnh"), ("Lai Châu", "LCU", "tỉnh"), ("Lâm Đồng", "LDG", "tỉnh"),
    ("Lạng Sơn", "LSN", "tỉnh"), ("Lào Cai", "LCI", "tỉnh"), ("Long An", "LAN", "tỉnh"),
    ("Nam Định", "NDH", "tỉnh"), ("Nghệ An", "NAN", "tỉnh"), ("Ninh Bình", "NBH", "tỉnh"),
    ("Ninh Thuận", "NTN", "tỉnh"), ("Phú Thọ", "PTO", "tỉnh"), ("Phú Yên", "PYN", "tỉnh"),
    ("Quảng Bình", "QBH", "tỉnh"), ("Quảng Nam", "QNM", "tỉnh"), ("Quảng Ngãi", "QNI", "tỉnh"),
    ("Quảng Ninh", "QNH", "tỉnh"), ("Quảng Trị", "QTI", "tỉnh"), ("Sóc Trăng", "STG", "tỉnh"),
    ("Sơn La", "SLA", "tỉnh"), ("Tây Ninh", "TNH", "tỉnh"), ("Thái Bình", "TBH", "tỉnh"),
    ("Thái Nguyên", "TNN", "tỉnh"), ("Thanh Hóa", "THA", "tỉnh"),
    ("Thừa Thiên Huế", "TTH", "tỉnh"), ("Tiền Giang", "TGG", "tỉnh"), ("Trà Vinh", "TVH", "tỉnh"),
    ("Tuyên Quang", "TQG", "tỉnh"), ("Vĩnh Long", "VLG", "tỉnh"), ("Vĩnh Phúc", "VPC", "tỉnh"),
    ("Yên Bái", "YBI", "tỉnh"),
)

GROUPS: tuple[tuple[str, str], ...] = (  # cluster suffix, name
    ("K1", "Khối thi đua các cơ quan tổng hợp"),
    ("K2", "Khối thi đua các cơ quan kinh tế"),
    ("K3", "Khối thi đua văn hóa – xã hội"),
    ("K4", "Khối thi đua Mặt trận và các đoàn thể"),
    ("K5", "Cụm thi đua các bệnh viện"),
    ("K6", "Cụm thi đua các trường trung học phổ thông"),
)

# code, name ({p} = "tỉnh X" / "thành phố X"), group, relative staff, department list
TYPES: tuple[tuple[str, str, str, float, str], ...] = (
    ("VPUB", "Văn phòng UBND {p}", "K1", 90, "office"),
    ("VPTU", "Văn phòng Tỉnh ủy {p}", "K1", 80, "office"),
    ("VPDB", "Văn phòng Đoàn ĐBQH và HĐND {p}", "K1", 50, "office"),
    ("SNV", "Sở Nội vụ {p}", "K1", 70, "office"),
    ("STP", "Sở Tư pháp {p}", "K1", 60, "office"),
    ("TTRA", "Thanh tra {p}", "K1", 50, "office"),
    ("SNGV", "Sở Ngoại vụ {p}", "K1", 30, "office"),
    ("BTC", "Ban Tổ chức Tỉnh ủy {p}", "K1", 40, "office"),
    ("BTG", "Ban Tuyên giáo Tỉnh ủy {p}", "K1", 35, "office"),
    ("UBKT", "Ủy ban Kiểm tra Tỉnh ủy {p}", "K1", 35, "office"),
    ("BDV", "Ban Dân vận Tỉnh ủy {p}", "K1", 25, "office"),
    ("STC", "Sở Tài chính {p}", "K2", 80, "office"),
    ("SKH", "Sở Kế hoạch và Đầu tư {p}", "K2", 70, "office"),
    ("SCT", "Sở Công Thương {p}", "K2", 110, "office"),
    ("SNN", "Sở Nông nghiệp và Phát triển nông thôn {p}", "K2", 300, "office"),
    ("SXD", "Sở Xây dựng {p}", "K2", 80, "office"),
    ("SGT", "Sở Giao thông vận tải {p}", "K2", 150, "office"),
    ("STN", "Sở Tài nguyên và Môi trường {p}", "K2", 160, "office"),
    ("SKHCN", "Sở Khoa học và Công nghệ {p}", "K2", 60, "office"),
    ("STT", "Sở Thông tin và Truyền thông {p}", "K2", 50, "office"),
    ("CT", "Cục Thuế {p}", "K2", 400, "office"),
    ("KBNN", "Kho bạc Nhà nước {p}", "K2", 150, "office"),
    ("SGD", "Sở Giáo dục và Đào tạo {p}", "K3", 90, "office"),
    ("SYT", "Sở Y tế {p}", "K3", 70, "office"),
    ("SVH", "Sở Văn hóa, Thể thao và Du lịch {p}", "K3", 180, "office"),
    ("SLD", "Sở Lao động – Thương binh và Xã hội {p}", "K3", 150, "office"),
    ("BAO", "Báo {n}", "K3", 90, "office"),
    ("DPT", "Đài Phát thanh và Truyền hình {p}", "K3", 150, "office"),
    ("CDYT", "Trường Cao đẳng Y tế {p}", "K3", 120, "school"),
    ("CDSP", "Trường Cao đẳng Sư phạm {p}", "K3", 130, "school"),
    ("BHXH", "Bảo hiểm xã hội {p}", "K3", 250, "office"),
    ("LMHTX", "Liên minh Hợp tác xã {p}", "K3", 25, "office"),
    ("MTTQ", "Ủy ban MTTQ Việt Nam {p}", "K4", 40, "office"),
    ("TDTN", "Tỉnh đoàn {n}", "K4", 35, "office"),
    ("HLHPN", "Hội Liên hiệp Phụ nữ {p}", "K4", 35, "office"),
    ("HND", "Hội Nông dân {p}", "K4", 35, "office"),
    ("HCCB", "Hội Cựu chiến binh {p}", "K4", 20, "office"),
    ("LDLD", "Liên đoàn Lao động {p}", "K4", 45, "office"),
    ("LHKH", "Liên hiệp các Hội Khoa học và Kỹ thuật {p}", "K4", 20, "office"),
    ("HCTD", "Hội Chữ thập đỏ {p}", "K4", 20, "office"),
    ("HVHNT", "Hội Văn học Nghệ thuật {p}", "K4", 20, "office"),
    ("LHHN", "Liên hiệp các tổ chức hữu nghị {p}", "K4", 15, "office"),
    ("BVDK", "Bệnh viện Đa khoa {p}", "K5", 900, "hospital"),
    ("BVSN", "Bệnh viện Sản – Nhi {p}", "K5", 500, "hospital"),
    ("BVYHCT", "Bệnh viện Y dược cổ truyền {p}", "K5", 220, "hospital"),
    ("BVP", "Bệnh viện Phổi {p}", "K5", 180, "hospital"),
    ("BVTT", "Bệnh viện Tâm thần {p}", "K5", 150, "hospital"),
    ("BVM", "Bệnh viện Mắt {p}", "K5", 120, "hospital"),
    ("BVPHCN", "Bệnh viện Phục hồi chức năng {p}", "K5", 120, "hospital"),
    ("CDC", "Trung tâm Kiểm soát bệnh tật {p}", "K5", 200, "hospital"),
    ("TTPY", "Trung tâm Pháp y {p}", "K5", 30, "hospital"),
    ("BVDD", "Bệnh viện Điều dưỡng {p}", "K5", 90, "hospital"),
    ("THPTC", "Trường THPT Chuyên {n}", "K6", 110, "school"),
    ("LQD", "Trường THPT Lê Quý Đôn, {p}", "K6", 90, "school"),
    ("NTR", "Trường THPT Nguyễn Trãi, {p}", "K6", 90, "school"),
    ("TPH", "Trường THPT Trần Phú, {p}", "K6", 85, "school"),
    ("CVA", "Trường THPT Chu Văn An, {p}", "K6", 85, "school"),
    ("LTV", "Trường THPT Lương Thế Vinh, {p}", "K6", 80, "school"),
    ("NDU", "Trường THPT Nguyễn Du, {p}", "K6", 80, "school"),
    ("THD", "Trường THPT Trần Hưng Đạo, {p}", "K6", 80, "school"),
    ("LTK", "Trường THPT Lý Thường Kiệt, {p}", "K6", 75, "school"),
    ("NQU", "Trường THPT Ngô Quyền, {p}", "K6", 75, "school"),
    ("NHU", "Trường THPT Nguyễn Huệ, {p}", "K6", 75, "school"),
)

DEPARTMENTS: dict[str, tuple[tuple[str, str], ...]] = {
    "office": (
        ("VP", "Văn phòng"), ("TCCB", "Phòng Tổ chức – Cán bộ"),
        ("KHTC", "Phòng Kế hoạch – Tài chính"), ("TTPC", "Phòng Thanh tra – Pháp chế"),
        ("NV1", "Phòng Nghiệp vụ 1"), ("NV2", "Phòng Nghiệp vụ 2"), ("NV3", "Phòng Nghiệp vụ 3"),
        ("TH", "Phòng Tổng hợp"), ("CNTT", "Phòng Công nghệ thông tin"),
        ("NV4", "Phòng Nghiệp vụ 4"), ("NV5", "Phòng Nghiệp vụ 5"), ("NV6", "Phòng Nghiệp vụ 6"),
        ("NV7", "Phòng Nghiệp vụ 7"), ("NV8", "Phòng Nghiệp vụ 8"),
    ),
    "hospital": (
        ("KB", "Khoa Khám bệnh"), ("NOI", "Khoa Nội"), ("NGOAI", "Khoa Ngoại"),
        ("HSCC", "Khoa Hồi sức cấp cứu"), ("XN", "Khoa Xét nghiệm"),
        ("CDHA", "Khoa Chẩn đoán hình ảnh"), ("DUOC", "Khoa Dược"),
        ("KHTH", "Phòng Kế hoạch tổng hợp"), ("TCCB", "Phòng Tổ chức cán bộ"),
        ("TCKT", "Phòng Tài chính kế toán"), ("DD", "Phòng Điều dưỡng"), ("SAN", "Khoa Sản"),
        ("NHI", "Khoa Nhi"), ("TN", "Khoa Truyền nhiễm"), ("GMHS", "Khoa Gây mê hồi sức"),
        ("YHCT", "Khoa Y học cổ truyền"),
    ),
    "school": (
        ("TOAN", "Tổ Toán"), ("VAN", "Tổ Ngữ văn"), ("NN", "Tổ Ngoại ngữ"),
        ("LY", "Tổ Vật lý – Công nghệ"), ("HOA", "Tổ Hóa – Sinh"), ("SU", "Tổ Sử – Địa – GDCD"),
        ("TD", "Tổ Thể dục – Quốc phòng"), ("TIN", "Tổ Tin học"), ("VP", "Tổ Văn phòng"),
    ),
}
# fmt: on

SCALE_PROVINCES = {"province": 6, "national": len(PROVINCES)}
SCALE_STAFF = {"province": 50_000, "national": 2_000_000}  # staff a year, first year
STAFF_PER_DEPT = 45


def scale_world(scale: str, years: list[int], *, seed: int, first_chunk: int) -> World:
    """Units, clusters, staff and departments of `scale`; chunk = first_chunk + province."""
    rng = rng_for(seed, 0, f"world:{scale}")
    prov = pl.DataFrame(
        list(PROVINCES[: SCALE_PROVINCES[scale]]), schema=["pname", "pcode", "pkind"], orient="row"
    ).with_row_index("pidx")
    types = pl.DataFrame(
        list(TYPES), schema=["tcode", "tname", "group", "rel", "dkind"], orient="row"
    ).with_row_index("tidx")
    u = prov.join(types, how="cross").sort("pidx", "tidx")
    factor = SCALE_STAFF[scale] / (types["rel"].sum() * prov.height)
    n = u.height
    u = u.with_columns(
        (pl.col("rel") * factor * pl.Series(rng.lognormal(0.0, 0.25, n)))
        .round()
        .clip(8, None)
        .cast(pl.Int32)
        .alias("staff0"),
        pl.Series("growth", rng.normal(0.0, 0.02, n)),
        pl.Series("monthly", rng.random(n) < 0.02),
        pl.Series("reported_only", rng.random(n) < 0.02),
        pl.concat_str(pl.col("pkind"), pl.lit(" "), pl.col("pname")).alias("p"),
    )
    units = u.select(
        (pl.col("pcode") + "_" + pl.col("tcode")).alias("unit_code"),
        pl.col("tname")
        .str.replace("{p}", pl.col("p"), literal=True)
        .str.replace("{n}", pl.col("pname"), literal=True)
        .alias("unit_name"),
        pl.lit(None, pl.String).alias("short_name"),
        (pl.col("pcode") + "_" + pl.col("group")).alias("cluster_code"),
        pl.lit("civil").alias("profile"),
        "monthly",
        "reported_only",
        pl.col("tcode").alias("issuer"),
        pl.lit("UBND").alias("higher_issuer"),
        (pl.col("pidx").cast(pl.Int32) + first_chunk).alias("chunk"),
    ).cast(UNIT_COLUMNS)  # type: ignore[arg-type]
    groups = pl.DataFrame(list(GROUPS), schema=["group", "gname"], orient="row")
    clusters = (
        prov.join(groups, how="cross")
        .sort("pidx", "group")
        .select(
            (pl.col("pcode") + "_" + pl.col("group")).alias("cluster_code"),
            (pl.col("gname") + " " + pl.col("pkind") + " " + pl.col("pname")).alias("cluster_name"),
            ("Hội đồng Thi đua – Khen thưởng " + pl.col("pkind") + " " + pl.col("pname")).alias(
                "organizer"
            ),
            pl.lit("office").alias("criteria"),
            (pl.col("pidx").cast(pl.Int32) + first_chunk).alias("chunk"),
        )
    )
    yrs = pl.DataFrame({"year": years}, schema={"year": pl.Int32})
    staff = (
        u.select((pl.col("pcode") + "_" + pl.col("tcode")).alias("unit_code"), "staff0", "growth")
        .join(yrs, how="cross")
        .select(
            "unit_code",
            "year",
            (pl.col("staff0") * (1 + pl.col("growth")).pow(pl.col("year") - years[0]))
            .round()
            .clip(8, None)
            .cast(pl.Int32)
            .alias("staff"),
        )
    )
    depts = pl.concat(
        pl.DataFrame(
            [(k, i, c, nm) for i, (c, nm) in enumerate(rows)],
            schema=["dkind", "i", "dept", "collective_name"],
            orient="row",
        )
        for k, rows in DEPARTMENTS.items()
    )
    n_depts = (pl.col("staff0") // STAFF_PER_DEPT + 3).clip(3, pl.col("dmax"))
    departments = (
        u.join(depts.group_by("dkind").agg(pl.len().alias("dmax")), on="dkind")
        .select(
            (pl.col("pcode") + "_" + pl.col("tcode")).alias("unit_code"),
            "dkind",
            n_depts.alias("nd"),
        )
        .with_columns(pl.int_ranges(0, "nd").alias("i"))
        .explode("i")
        .join(depts, on=["dkind", "i"])
        .sort("unit_code", "i")
        .select("unit_code", "dept", "collective_name", pl.lit(1, pl.Int32).alias("weight"))
        .cast(DEPT_COLUMNS)  # type: ignore[arg-type]
    )
    return World(clusters=clusters, units=units, staff=staff, departments=departments)
