"""A confirmed proof's page and PDF: the facts, the code and a QR code of the verification link,
read back from the PDF (pypdf) and compared with what segno encodes for that link."""

from __future__ import annotations

import datetime
import io

import pytest
import segno
from pypdf import PdfReader
from pypdf.generic import ContentStream
from pytest_django.asserts import assertContains, assertRedirects

from attendance import codes
from attendance.qr import qr_svg

from .conftest import DURING, STARTS, TUESDAY

pytestmark = pytest.mark.django_db

WEEK = datetime.timedelta(days=7)


def full_url(code: str) -> str:
    return f"http://testserver/verify/{code}/"


def pdf_of(response) -> PdfReader:
    assert response["Content-Type"] == "application/pdf"
    return PdfReader(io.BytesIO(response.content))


def drawn_modules(reader: PdfReader, page_number: int = 0) -> set[tuple[int, int]]:
    """The dark (row, column) squares of the QR code, from the page's filled rectangles."""
    page = reader.pages[page_number]
    rects = [
        [float(value) for value in operands]
        for operands, operator in ContentStream(page.get_contents(), reader).operations
        if operator == b"re"
    ]
    module = abs(rects[0][3])
    left = min(x for x, _, _, _ in rects)
    top = max(y for _, y, _, _ in rects)
    dark = set()
    for x, y, width, _ in rects:
        row, first = round((top - y) / module), round((x - left) / module)
        dark |= {(row, first + step) for step in range(round(width / module))}
    return dark


def matrix_modules(url: str) -> set[tuple[int, int]]:
    matrix = segno.make_qr(url, error="m").matrix
    return {
        (row, column) for row, line in enumerate(matrix) for column, on in enumerate(line) if on
    }


def test_the_proof_page_shows_the_code_and_a_qr_code_of_its_link(client, participant, confirmed):
    client.force_login(participant)
    code = confirmed.code()

    response = client.get(f"/attendance/{confirmed.pk}/")

    assertContains(response, codes.grouped(code))
    assertContains(response, f'href="{full_url(code)}"')
    assert qr_svg(full_url(code)) in response.content.decode()
    assert qr_svg(full_url(code)) != qr_svg(full_url("1" * codes.LENGTH))


def test_the_pdf_holds_the_facts_the_code_and_its_link(client, participant, confirmed):
    confirmed.recipient = "Travis County Probation"
    confirmed.save()
    client.force_login(participant)
    code = confirmed.code()

    reader = pdf_of(client.get(f"/attendance/{confirmed.pk}/pdf/"))

    text = reader.pages[0].extract_text()
    for fact in (
        "Proof of attendance",
        "R. Rivers",
        "Tuesday Night SMART",
        "Tuesday 1 December 2026",
        "7:00 PM to 8:30 PM CST (America/Chicago)",
        "Fay, the meeting's facilitator",
        "Travis County Probation",
        codes.grouped(code),
        full_url(code),
    ):
        assert fact in text
    assert "river" not in text.replace("Rivers", "")
    assert "Fairweather" not in text


def test_the_pdfs_qr_code_encodes_the_verification_link(client, participant, confirmed):
    client.force_login(participant)

    reader = pdf_of(client.get(f"/attendance/{confirmed.pk}/pdf/"))

    assert drawn_modules(reader) == matrix_modules(full_url(confirmed.code()))
    assert drawn_modules(reader) != matrix_modules(full_url("1" * codes.LENGTH))


def test_a_period_pdf_holds_the_confirmed_proofs_of_that_period(
    client, at, participant, facilitator, confirmed, make_proof
):
    at(DURING + WEEK)
    later = make_proof(date=TUESDAY + WEEK, starts=STARTS + WEEK, ends=STARTS + WEEK)
    later.confirm(facilitator)
    make_proof(date=TUESDAY + 2 * WEEK, starts=STARTS + 2 * WEEK, ends=STARTS + 2 * WEEK)
    client.force_login(participant)

    everything = pdf_of(client.get("/attendance/pdf/"))
    second_week = pdf_of(client.get("/attendance/pdf/?start=2026-12-05&end=2026-12-31"))

    assert len(everything.pages) == 2
    assert "Tuesday 1 December 2026" in everything.pages[0].extract_text()
    assert "Tuesday 8 December 2026" in everything.pages[1].extract_text()
    assert len(second_week.pages) == 1
    assert drawn_modules(second_week) == matrix_modules(full_url(later.code()))


def test_a_period_without_proofs_or_with_bad_dates_says_so(client, participant, confirmed):
    client.force_login(participant)

    empty = client.get("/attendance/pdf/?start=2027-01-01", follow=True)
    backwards = client.get("/attendance/pdf/?start=2026-12-31&end=2026-12-01", follow=True)

    assertContains(empty, "You have no confirmed proofs of meetings in that period.")
    assertContains(backwards, "The end of the period is before its start.")


def test_a_request_not_confirmed_has_no_pdf(client, participant, pending):
    client.force_login(participant)

    response = client.get(f"/attendance/{pending.pk}/pdf/")

    assertRedirects(response, f"/attendance/{pending.pk}/")
