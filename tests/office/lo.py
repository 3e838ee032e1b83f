"""LibreOffice headless with a profile of a chosen locale (vi-VN, en-US), for the office tests.

Each profile is its own folder (never the user's), so tests can run beside each other and the
locale is exactly the one asked for: number recognition follows it unless the import says
otherwise."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

IN_CI = os.environ.get("CI", "").lower() == "true"
# CSV import options: separator, text delimiter ("), charset (76 = UTF-8), first line; the
# 6th token is the language of the numbers (empty: the profile's locale; 1033 = en-US).
CSV_DATA = "44,34,76,1,,"
CSV_EXCEL_VI = "59,34,76,1,,"
EN_US = "1033"

XCU = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry"
 xmlns:xs="http://www.w3.org/2001/XMLSchema"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale" oor:op="fuse">
<value>{locale}</value></prop></item>
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooLocale" oor:op="fuse">
<value>{locale}</value></prop></item>
</oor:items>
"""


def soffice() -> str:
    """The soffice binary; a missing one fails under CI=true and skips elsewhere."""
    path = shutil.which("soffice")
    if path is None:
        message = "LibreOffice (soffice) is required: apt-get install libreoffice-calc-nogui"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    return path


def profile(root: Path, locale: str) -> Path:
    user = root / f"lo-{locale}" / "user"
    user.mkdir(parents=True, exist_ok=True)
    (user / "registrymodifications.xcu").write_text(XCU.format(locale=locale), "utf-8")
    return root / f"lo-{locale}"


def convert(
    files: list[Path], outdir: Path, *, locale: str, root: Path, to: str = "xlsx",
    infilter: str | None = None,
) -> list[Path]:  # fmt: skip
    """Open `files` in LibreOffice (locale `locale`) and save them as `to` in `outdir`."""
    prof = profile(root, locale)
    cmd = [soffice(), "--headless", "--norestore", f"-env:UserInstallation={prof.as_uri()}"]
    if infilter:
        cmd.append(f"--infilter=CSV:{infilter}")
    cmd += ["--convert-to", to, "--outdir", str(outdir), *map(str, files)]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=600, check=False)
    out = [outdir / f"{f.stem}.{to.split(':')[0]}" for f in files]
    missing = [p.name for p in out if not p.exists()]
    assert not missing, f"LibreOffice wrote no {missing}: {proc.stdout} {proc.stderr}"
    return out
