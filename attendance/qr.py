"""The QR code of a proof's verification link, for its page (SVG) and its PDF (the matrix)."""

from __future__ import annotations

import segno


def qr_code(url: str) -> segno.QRCode:
    # Always a full QR code (a phone's camera app may not read a Micro QR).
    return segno.make_qr(url, error="m")


def qr_svg(url: str) -> str:
    """Inline SVG: drawn with attributes only, so the Content-Security-Policy allows it."""
    return qr_code(url).svg_inline(
        scale=5, border=4, dark="#000", light="#fff", title="QR code of the verification link"
    )
