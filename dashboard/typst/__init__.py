"""PDF through Typst (the `typst` package): templates beside this module, data passed in as
JSON (never spliced into markup, so no text can break the layout), Noto Sans embedded.

Why Typst (issue 11, measured in the README): vector output, fonts embedded and subset, one
pip wheel with no browser or system libraries, and a cluster's meeting pack in well under a
second; WeasyPrint needs Pango system libraries, and Plotly+kaleido a Chromium per figure.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
import unicodedata
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


# Typst breaks lines only where a language allows it: a word longer than its cell (an imported
# name may be 255 characters with no space) ran off the form's header and over the meeting
# pack's next column (issue 20). Every run of LONG_WORD characters without a space gets a
# zero-width space every BREAK_EVERY characters, which Typst may break at and nobody sees.
LONG_WORD = 20
BREAK_EVERY = 10
ZWSP = "\u200b"
_LONG = re.compile(rf"\S{{{LONG_WORD},}}")


def _break_word(match: re.Match[str]) -> str:
    word, out, run = match.group(0), [], 0
    for ch in word:
        # never before a combining mark: it belongs to the letter before it
        if run >= BREAK_EVERY and not unicodedata.combining(ch):
            out.append(ZWSP)
            run = 0
        out.append(ch)
        run += 1
    return "".join(out)


def breakable(value: object) -> object:
    """`value` (the template's data) with every long word made breakable, at any depth."""
    if isinstance(value, str):
        return _LONG.sub(_break_word, value) if len(value) >= LONG_WORD else value
    if isinstance(value, dict):
        return {k: breakable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [breakable(v) for v in value]
    return value


def render(template: str, data: dict, *, fmt: str = "pdf", ppi: float | None = None) -> bytes:
    """Compile `template` (a .typ file beside this module) with `data` as `sys.inputs.data`,
    every long word made breakable (`breakable`) so that no text runs out of its cell."""
    import typst

    payload = json.dumps(breakable(data), ensure_ascii=False, default=str)
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
