"""The annual statistical forms of Circular 02/2023/TT-BNV (0602, 0603): computed from the
award records (`compute`), written as a print-ready XLSX (`xlsx`) or PDF (`pdf`)."""
