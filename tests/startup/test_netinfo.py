"""The address in every printed link and QR code: the LAN address phones can reach,
or --public-url; never localhost while the laptop has a LAN address."""
import socket

import pytest

from facilitator import netinfo


class _Route:
    """A UDP socket whose kernel route leaves from ``address`` (or from nowhere)."""

    def __init__(self, address):
        self.address = address

    def __call__(self, *_args, **_kw):
        return self

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def connect(self, _peer):
        if self.address is None:
            raise OSError("Network is unreachable")

    def getsockname(self):
        return (self.address, 50000)


@pytest.fixture
def network(monkeypatch):
    """Set what the kernel routes through and what the hostname resolves to."""

    def set_up(route: str | None, host_addresses: tuple[str, ...] = ("127.0.1.1",)):
        monkeypatch.setattr(socket, "socket", _Route(route))
        monkeypatch.setattr(socket, "getaddrinfo", lambda *_a, **_k: [(socket.AF_INET, 0, 0, "", (a, 0)) for a in host_addresses])

    return set_up


def test_the_lan_address_is_the_one_the_kernel_routes_through(network):
    network("192.168.1.20")
    assert netinfo.lan_address() == "192.168.1.20"


def test_without_a_route_the_hostname_s_lan_address_is_used(network):
    network(None, ("127.0.1.1", "169.254.3.4", "10.0.0.5"))
    assert netinfo.lan_address() == "10.0.0.5"


def test_loopback_and_link_local_addresses_are_not_a_lan(network):
    network("127.0.0.1", ("127.0.1.1", "169.254.3.4"))
    assert netinfo.lan_address() is None


def test_links_use_the_lan_address_never_localhost(network):
    network("192.168.1.20")
    warnings = []
    url = netinfo.base_url(host="0.0.0.0", port=8080, public_url=None, tls=False, warn=warnings.append)
    assert url == "http://192.168.1.20:8080"
    assert "localhost" not in url and "127.0.0.1" not in url
    assert warnings == []


def test_default_ports_are_left_out_of_links(network):
    network("192.168.1.20")
    assert netinfo.base_url(host="0.0.0.0", port=80, public_url=None, tls=False) == "http://192.168.1.20"
    assert netinfo.base_url(host="", port=443, public_url=None, tls=True) == "https://192.168.1.20"
    assert netinfo.base_url(host="::", port=8443, public_url=None, tls=True) == "https://192.168.1.20:8443"


def test_the_public_url_wins_over_every_address(network):
    network("192.168.1.20")
    for host in ("0.0.0.0", "10.1.1.1"):
        url = netinfo.base_url(host=host, port=8080, public_url="https://cafe.example.org/", tls=False)
        assert url == "https://cafe.example.org"


def test_an_address_given_with_host_is_used_as_it_is(network):
    network("192.168.1.20")
    assert netinfo.base_url(host="10.1.1.1", port=8080, public_url=None, tls=False) == "http://10.1.1.1:8080"
    assert netinfo.base_url(host="fd00::7", port=8080, public_url=None, tls=False) == "http://[fd00::7]:8080"


def test_with_no_lan_address_it_falls_back_to_127_0_0_1_and_says_so(network, capsys):
    network(None, ("127.0.1.1",))
    url = netinfo.base_url(host="0.0.0.0", port=8080, public_url=None, tls=False)
    assert url == "http://127.0.0.1:8080"
    err = capsys.readouterr().err
    assert "Warning" in err and "127.0.0.1" in err and "Wi-Fi" in err


def test_no_warning_when_there_is_a_lan_or_a_public_url(network, capsys):
    network("192.168.1.20")
    netinfo.base_url(host="0.0.0.0", port=8080, public_url=None, tls=False)
    network(None, ())
    netinfo.base_url(host="0.0.0.0", port=8080, public_url="https://cafe.example.org", tls=False)
    assert capsys.readouterr().err == ""
