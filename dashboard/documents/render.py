"""Fill a .docx template (docxtpl) and, on request, print it to PDF through LibreOffice."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
import tempfile
from pathlib import Path

from dashboard.i18n import t
from data_access import settings

TEMPLATES = Path(__file__).parent / "templates"
MIME = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}
BLANK = "……………………"  # a line to write on, as printed documents leave


def header(
    *, issuing_body: str, lang: str, today: dt.date | None = None, kind: str = "TTr"
) -> dict[str, str]:
    """Decree 30's header fields: the body above (THIDUA_ORG_NAME), the issuing body, the
    number line left for the office to fill, the place left blank and today's date."""
    day = today or dt.date.today()
    parent = settings.org_name()
    return {
        "parent_body": parent.upper() if parent and parent != issuing_body else "",
        "issuing_body": issuing_body.upper(),
        "number_line": t("documents.number_line", lang, kind=kind),
        "place_date": t("documents.place_date", lang, d=day.day, m=day.month, y=day.year),
        "signer_name": "",
    }


def render_docx(template: str, context: dict) -> bytes:
    from docxtpl import DocxTemplate

    doc = DocxTemplate(TEMPLATES / template)
    doc.render(context, autoescape=True)  # names with & or < stay text, not XML
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def docx_to_pdf(data: bytes, *, timeout: float = 120) -> bytes:
    """The document printed by LibreOffice Writer (headless, its own throwaway profile)."""
    soffice = shutil.which("soffice")
    if soffice is None:
        raise RuntimeError(t("documents.no_soffice", "vi"))
    with tempfile.TemporaryDirectory(prefix="thidua-doc-") as tmp:
        src = Path(tmp) / "document.docx"
        src.write_bytes(data)
        profile = (Path(tmp) / "lo-profile").as_uri()
        subprocess.run(
            [soffice, "--headless", "--norestore", f"-env:UserInstallation={profile}",
             "--convert-to", "pdf", "--outdir", tmp, str(src)],
            check=True, capture_output=True, timeout=timeout,
        )  # fmt: skip
        return (Path(tmp) / "document.pdf").read_bytes()
