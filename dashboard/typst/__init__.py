"""PDF through Typst (the `typst` package): templates beside this module, data passed in as
JSON (never spliced into markup, so no text can break the layout), Noto Sans embedded.

Why Typst (issue 11, measured in the README): vector output, fonts embedded and subset, one
pip wheel with no browser or system libraries, and a cluster's meeting pack in well under a
second; WeasyPrint needs Pango system libraries, and Plotly+kaleido a Chromium per figure.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from functools import cache
from pathlib import Path

HERE = Path(__file__).parent
FONT_FILES = ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf", "NotoSans-Italic.ttf",
              "NotoSans-BoldItalic.ttf")  # fmt: skip
FONT_DIRS = ("/usr/share/fonts/truetype/noto", "/usr/share/fonts/noto", "/usr/local/share/fonts")
# Symbols Noto Sans lacks (▲ ▼): DejaVu Sans when installed, else Typst's built-in fallback.
SYMBOL_FONTS = ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
                "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")  # fmt: skip


class FontsMissing(RuntimeError):
    """Noto Sans is not installed (Debian: fonts-noto-core)."""


@cache
def font_dir() -> str:
    """A folder holding only the Noto Sans faces (links to the system's files), so Typst reads
    four fonts instead of scanning every font on the machine, and the output never depends on
    which other fonts are installed. THIDUA_FONT_DIR overrides the search."""
    dirs = [os.environ["THIDUA_FONT_DIR"]] if os.environ.get("THIDUA_FONT_DIR") else FONT_DIRS
    for d in dirs:
        found = [Path(d) / f for f in FONT_FILES]
        if all(p.is_file() for p in found):
            out = Path(tempfile.mkdtemp(prefix="thidua-fonts-"))
            found += [Path(f) for f in SYMBOL_FONTS if Path(f).is_file()]
            for p in found:
                try:
                    (out / p.name).symlink_to(p)
                except OSError:
                    shutil.copy(p, out / p.name)
            return str(out)
    raise FontsMissing(
        "Không tìm thấy phông Noto Sans (cài gói fonts-noto-core) / Noto Sans not found "
        f"(install fonts-noto-core); looked in {', '.join(dirs)}"
    )


def render(template: str, data: dict, *, fmt: str = "pdf", ppi: float | None = None) -> bytes:
    """Compile `template` (a .typ file beside this module) with `data` as `sys.inputs.data`."""
    import typst

    payload = json.dumps(data, ensure_ascii=False, default=str)
    kwargs: dict = {"format": fmt, "sys_inputs": {"data": payload}}
    if ppi:
        kwargs["ppi"] = ppi
    return typst.compile(
        str(HERE / template),
        root=str(HERE),
        font_paths=[font_dir()],
        ignore_system_fonts=True,
        **kwargs,
    )
