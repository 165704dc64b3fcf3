"""Reading a QR code as a phone's camera would, for the tests of the pages
that show one (the big screen, the printed table tents, the PNG and SVG)."""
from __future__ import annotations

import tempfile
from pathlib import Path

import cv2
import numpy as np

from tests.support import wait_for


def _views(image: np.ndarray):
    """The picture as a camera app tries it: as taken, then sharpened to black
    and white, then larger (a code a few pixels a module wide is read more
    surely at twice the size, without smoothing its edges)."""
    yield image
    _, black_and_white = cv2.threshold(image, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    yield black_and_white
    yield cv2.resize(black_and_white, None, fx=2, fy=2, interpolation=cv2.INTER_NEAREST)


def decode_qr(png: bytes) -> str:
    """The text of the QR code in a PNG, or '' if it cannot be read."""
    image = cv2.imdecode(np.frombuffer(png, np.uint8), cv2.IMREAD_GRAYSCALE)
    # A white margin, as on paper: the detector needs a quiet zone round the
    # code, and an element's screenshot crops it to the code's own edge.
    image = cv2.copyMakeBorder(image, 40, 40, 40, 40, cv2.BORDER_CONSTANT, value=255)
    # Two detectors, as two camera apps: OpenCV's first one misreads some codes that are
    # perfectly fine (a co-host link's code at 181 px, 3.7 px a module, failed at every scale
    # while the second read it; the secret in the link makes such a code one run in five).
    for detector in (cv2.QRCodeDetector(), cv2.QRCodeDetectorAruco()):
        for view in _views(image):
            text, _, _ = detector.detectAndDecode(view)
            if text:
                return text
    return ""


def read_qr_on(locator, timeout: float = 30) -> str:
    """The text of the QR code a Playwright locator shows. Look again until it
    reads, as a camera does: the page may still be laying out (or switching to
    print media) when a picture is taken, and a picture taken while the code
    moves shows part of it. On a busy machine each picture can take seconds,
    hence the long wait; a code that reads at once costs nothing."""
    shots: list[bytes] = []

    def readable() -> str:
        shots.append(locator.screenshot())
        return decode_qr(shots[-1])

    try:
        return wait_for(readable, timeout=timeout, message="the QR code on the page to be readable")
    except AssertionError as unreadable:
        # Keep the last pictures so that a failure in CI can be looked at, not guessed at.
        folder = Path(tempfile.mkdtemp(prefix="unreadable-qr-"))
        for number, shot in enumerate(shots[-3:]):
            (folder / f"shot-{number}.png").write_bytes(shot)
        raise AssertionError(f"{unreadable} ({len(shots)} pictures taken; the last ones are in {folder})") from None
