"""Reading a QR code as a phone's camera would, for the tests of the pages
that show one (the big screen, the printed table tents, the PNG and SVG)."""
from __future__ import annotations

import cv2
import numpy as np

from tests.support import wait_for


def decode_qr(png: bytes) -> str:
    """The text of the QR code in a PNG, or '' if it cannot be read."""
    image = cv2.imdecode(np.frombuffer(png, np.uint8), cv2.IMREAD_GRAYSCALE)
    # A white margin, as on paper: the detector needs a quiet zone round the
    # code, and an element's screenshot crops it to the code's own edge.
    image = cv2.copyMakeBorder(image, 40, 40, 40, 40, cv2.BORDER_CONSTANT, value=255)
    text, _, _ = cv2.QRCodeDetector().detectAndDecode(image)
    return text


def read_qr_on(locator, timeout: float = 10) -> str:
    """The text of the QR code a Playwright locator shows. Look again until it
    reads, as a camera does: the page may still be laying out (or switching to
    print media) when the first picture is taken."""
    texts: list[str] = []

    def readable() -> bool:
        texts.append(decode_qr(locator.screenshot()))
        return bool(texts[-1])

    wait_for(readable, timeout=timeout, message="the QR code on the page could not be read")
    return texts[-1]
