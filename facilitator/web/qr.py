"""QR codes for the join link: SVG for the screen, PNG for print, text for the terminal."""
from __future__ import annotations

import io

import qrcode
import qrcode.image.pure
import qrcode.image.svg
from flask import Blueprint, Response

from facilitator.delivery.services import services
from facilitator.web.common import event_or_404

bp = Blueprint("qr", __name__)


def _qr(data: str) -> qrcode.QRCode:
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=4)
    code.add_data(data)
    code.make(fit=True)
    return code


def svg(data: str) -> bytes:
    img = _qr(data).make_image(image_factory=qrcode.image.svg.SvgPathFillImage)
    buf = io.BytesIO()
    img.save(buf)
    return buf.getvalue()


def png(data: str, box_size: int = 12) -> bytes:
    code = _qr(data)
    code.box_size = box_size
    # pypng, in pure Python: a QR code needs no imaging library on the laptop.
    img = code.make_image(image_factory=qrcode.image.pure.PyPNGImage)
    buf = io.BytesIO()
    img.save(buf)
    return buf.getvalue()


def text(data: str) -> str:
    """The QR code drawn with block characters, for the terminal."""
    code = _qr(data)
    matrix = code.get_matrix()
    lines = []
    # Two rows per line with half blocks keeps the code square in a terminal.
    for y in range(0, len(matrix), 2):
        top, bottom = matrix[y], matrix[y + 1] if y + 1 < len(matrix) else [False] * len(matrix[y])
        line = []
        for a, b in zip(top, bottom):
            line.append({(False, False): "█", (True, False): "▄", (False, True): "▀", (True, True): " "}[(a, b)])
        lines.append("".join(line))
    return "\n".join(lines)


def _join_url_for(raw_code: str) -> str:
    svc = services()
    with svc.db.read_scope() as s:
        return svc.join_url(event_or_404(s, raw_code).code)


@bp.get("/e/<code>/qr.svg")
def qr_svg(code: str):
    return Response(svg(_join_url_for(code)), mimetype="image/svg+xml", headers={"Cache-Control": "no-cache"})


@bp.get("/e/<code>/qr.png")
def qr_png(code: str):
    return Response(png(_join_url_for(code)), mimetype="image/png", headers={"Cache-Control": "no-cache"})
