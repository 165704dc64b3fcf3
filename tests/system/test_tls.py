"""HTTPS where the organiser has a certificate; plain HTTP on a LAN otherwise."""
import subprocess
import warnings

import pytest
import requests
import urllib3

from tests.support import LiveClient, ServerProcess


@pytest.fixture
def certificate(tmp_path):
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
         "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True, timeout=60,
    )
    return cert, key


@pytest.mark.parametrize("mode", ["eventlet", "gevent"])
def test_tls_cert_and_key_serve_https_with_secure_cookies(tmp_path, certificate, mode):
    cert, key = certificate
    warnings.simplefilter("ignore", urllib3.exceptions.InsecureRequestWarning)
    server = ServerProcess(
        tmp_path / "data", async_mode=mode, scheme="https", extra_args=("--tls-cert", str(cert), "--tls-key", str(key))
    )
    server.start()
    try:
        assert "HTTPS" in "".join(server.output)
        code = server.create_event()["code"]
        res = requests.post(f"{server.url}/api/e/{code}/join", json={"name": "Sam"}, verify=False, timeout=5)
        assert res.ok and "Secure" in res.headers["Set-Cookie"]
        with pytest.raises(requests.exceptions.ConnectionError):
            requests.get(f"http://127.0.0.1:{server.port}/healthz", timeout=3)
    finally:
        server.stop()


def test_plain_http_is_the_default_and_the_console_says_so(server):
    console = LiveClient(server.url, {"role": "console", "secret": server.console_secret}).connect()
    assert console.snapshots[0]["tls"] is False
    assert "plain HTTP" in "".join(server.output)
    console.close()
