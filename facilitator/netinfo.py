"""Finding the address phones on the same Wi-Fi can reach this laptop at."""
from __future__ import annotations

import ipaddress
import socket
import sys
from typing import Callable

NO_LAN_WARNING = (
    "Warning: this laptop has no address on a local network (is Wi-Fi on and connected?), "
    "so the links and QR codes use 127.0.0.1 and only this laptop can open them. "
    "Connect to the venue's Wi-Fi (or start a hotspot) and restart, or pass --public-url."
)


def _to_stderr(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def lan_address() -> str | None:
    """The laptop's address on its local network, or None if it has none.

    Connecting a UDP socket sends no packet; it only asks the kernel which
    interface would carry traffic, which is the one the phones share.
    """
    candidates = []
    for probe in ("192.0.2.1", "198.51.100.1"):  # documentation ranges: never contacted
        try:
            with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
                sock.connect((probe, 9))
                candidates.append(sock.getsockname()[0])
        except OSError:
            continue
    try:
        candidates += [info[4][0] for info in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)]
    except OSError:
        pass
    for address in candidates:
        try:
            ip = ipaddress.ip_address(address)
        except ValueError:
            continue
        if not ip.is_loopback and not ip.is_unspecified and not ip.is_link_local:
            return address
    return None


def base_url(
    *, host: str, port: int, public_url: str | None, tls: bool, warn: Callable[[str], None] = _to_stderr
) -> str:
    """The address printed and put in QR codes: ``public_url`` when given, else
    the LAN address, never localhost when there is a LAN. Falling back to
    127.0.0.1 is said out loud through ``warn``: no phone can reach it."""
    if public_url:
        return public_url.rstrip("/")
    scheme = "https" if tls else "http"
    if host in ("0.0.0.0", "::", ""):
        address = lan_address()
        if address is None:
            warn(NO_LAN_WARNING)
            address = "127.0.0.1"
    else:
        address = host
    if ":" in address and not address.startswith("["):
        address = f"[{address}]"
    default_port = 443 if tls else 80
    return f"{scheme}://{address}" + ("" if port == default_port else f":{port}")
