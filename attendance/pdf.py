"""Proofs as a printable PDF (fpdf2, pure Python): one A4 page each, with the QR code drawn as
vector squares so it scans at any print size."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.utils.translation import gettext, pgettext
from fpdf import FPDF

from attendance import codes
from attendance.models import Proof
from attendance.qr import qr_code

# The built-in PDF fonts print Latin-1; the form keeps names to it, and other text (a meeting
# named with a dash or curly quotes) is brought to it here.
TYPOGRAPHY = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-"})
MODULE_MM = 1.4
LINE_MM = 7.0


def latin(text: str) -> str:
    return text.translate(TYPOGRAPHY).encode("latin-1", "replace").decode("latin-1")


def proofs_pdf(proofs: Iterable[Proof], verify_url: Callable[[str], str]) -> bytes:
    document = FPDF(format="A4")
    document.set_title(gettext("Proof of attendance"))
    document.set_creator("SMART Recovery")
    document.set_auto_page_break(False)
    for proof in proofs:
        document.add_page()
        _draw(document, proof, verify_url)
    return bytes(document.output())


def _draw(document: FPDF, proof: Proof, verify_url: Callable[[str], str]) -> None:
    document.set_font("Helvetica", "B", 22)
    document.cell(0, 12, latin(gettext("Proof of attendance")), new_x="LMARGIN", new_y="NEXT")
    document.set_font("Helvetica", "", 12)
    document.multi_cell(
        0,
        LINE_MM,
        latin(
            gettext(
                "%(name)s attended the SMART Recovery meeting below, as its facilitator confirmed."
            )
            % {"name": proof.printed_name}
        ),
        new_x="LMARGIN",
        new_y="NEXT",
    )
    document.ln(4)
    rows = proof.facts()
    if proof.recipient:
        rows.append((pgettext("the recipient of a proof", "For"), proof.recipient))
    for label, value in rows:
        document.set_font("Helvetica", "B", 12)
        document.cell(40, LINE_MM, latin(label))
        document.set_font("Helvetica", "", 12)
        document.multi_cell(0, LINE_MM, latin(value), new_x="LMARGIN", new_y="NEXT")
    document.ln(6)
    code = proof.code()
    if code is None:
        document.multi_cell(
            0, LINE_MM, latin(gettext("This proof's code cannot be printed again."))
        )
        return
    url = verify_url(code)
    document.set_font("Helvetica", "B", 14)
    document.cell(0, LINE_MM, latin(gettext("Check this proof")), new_x="LMARGIN", new_y="NEXT")
    document.set_font("Helvetica", "", 12)
    document.multi_cell(
        0,
        LINE_MM,
        latin(
            gettext(
                "Scan the square or open the address below: the page shows the facts above, or "
                "that the proof was revoked."
            )
        ),
        new_x="LMARGIN",
        new_y="NEXT",
    )
    document.set_font("Courier", "", 11)
    document.cell(0, LINE_MM, url, link=url, new_x="LMARGIN", new_y="NEXT")
    document.set_font("Helvetica", "", 12)
    document.cell(
        0,
        LINE_MM,
        latin(gettext("Verification code: %(code)s") % {"code": codes.grouped(code)}),
        new_x="LMARGIN",
    )
    document.ln(LINE_MM + 4)
    _draw_qr(document, url, document.l_margin, document.get_y())


def _draw_qr(document: FPDF, url: str, left: float, top: float) -> None:
    """Each row's runs of dark modules as one filled rectangle."""
    document.set_fill_color(0, 0, 0)
    for row_number, row in enumerate(qr_code(url).matrix):
        column = 0
        while column < len(row):
            if not row[column]:
                column += 1
                continue
            run_start = column
            while column < len(row) and row[column]:
                column += 1
            document.rect(
                left + run_start * MODULE_MM,
                top + row_number * MODULE_MM,
                (column - run_start) * MODULE_MM,
                MODULE_MM,
                style="F",
            )
