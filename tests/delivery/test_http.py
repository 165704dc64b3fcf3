"""Pages, joining over HTTP, QR codes and security headers."""

from tests.factories import make_event
from tests.qr_support import decode_qr


def test_joining_sets_an_httponly_cookie_and_the_phone_connects_with_it(app, db, socket_clients):
    code, _ = make_event(db)
    http = app.test_client()
    res = http.post(f"/api/e/{code}/join", json={"name": "Zoë", "pronouns": "they/them"})
    assert res.json["ok"]
    cookie = res.headers["Set-Cookie"]
    assert f"fc_p_{code}=" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie
    client = socket_clients({"role": "participant", "event": code}, http=http)
    assert client.is_connected()


def test_a_bad_join_request_gets_a_clear_error(app, db):
    code, _ = make_event(db)
    http = app.test_client()
    assert http.post(f"/api/e/{code}/join", json={"name": 5}).status_code == 400
    res = http.post(f"/api/e/{code}/join", json={"name": ""})
    assert res.status_code == 400 and "name" in res.json["error"]
    assert http.post("/api/e/ZZZZZZZZ/join", json={"name": "Sam"}).status_code == 404


def test_failed_join_attempts_are_rate_limited(app, db):
    http = app.test_client()
    statuses = [http.post("/api/e/ZZZZZZZZ/join", json={"name": "Sam"}).status_code for _ in range(15)]
    assert statuses[0] == 404 and statuses[-1] == 429


def test_the_home_page_takes_a_typed_code(app, db):
    code, _ = make_event(db)
    http = app.test_client()
    res = http.get(f"/join?code={code[:4].lower()}-{code[4:].lower()}")
    assert res.status_code == 302 and res.headers["Location"].endswith(f"/j/{code}")
    res = http.get("/join?code=WRONG")
    assert res.status_code == 404 and b"No event has that code" in res.data


def test_pages_carry_a_strict_content_security_policy(app, db):
    code, _ = make_event(db)
    res = app.test_client().get(f"/j/{code}")
    csp = res.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "default-src 'self'" in csp and "unsafe-inline" not in csp
    assert res.headers["X-Content-Type-Options"] == "nosniff"
    assert res.headers["Referrer-Policy"] == "no-referrer"
    assert res.headers["X-Frame-Options"] == "DENY"


def test_a_page_with_a_policy_of_its_own_keeps_it_and_only_it(app, db):
    code, _ = make_event(db)
    client = app.test_client()
    client.post("/console/login", json={"key": app.extensions["facilitator"].console_secret()})
    res = client.get(f"/e/{code}/export.html")
    assert res.status_code == 200, res.get_data(as_text=True)[:200]
    assert res.headers.getlist("Content-Security-Policy") == [
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"
    ]
    assert res.headers.getlist("X-Frame-Options") == ["DENY"]


def test_joining_sets_no_cookie_but_the_phones_own(app, db):
    code, _ = make_event(db)
    res = app.test_client().post(f"/api/e/{code}/join", json={"name": "Ada"})
    assert [c.split("=")[0] for c in res.headers.getlist("Set-Cookie")] == [f"fc_p_{code}"]


def test_pages_load_nothing_from_the_internet(app, db):
    code, _ = make_event(db)
    http = app.test_client()
    for path in ("/", f"/j/{code}", f"/e/{code}/screen", "/console"):
        body = http.get(path).data.decode()
        assert "http://" not in body and "https://" not in body, path


def test_the_qr_codes_decode_to_the_join_link(app, db):
    code, _ = make_event(db)
    http = app.test_client()
    png = http.get(f"/e/{code}/qr.png")
    assert png.mimetype == "image/png"
    assert decode_qr(png.data) == f"http://cafe.test:8080/j/{code}"
    svg = http.get(f"/e/{code}/qr.svg")
    assert svg.mimetype == "image/svg+xml" and b"<svg" in svg.data
    assert http.get("/e/ZZZZZZZZ/qr.png").status_code == 404


def test_the_console_login_needs_the_secret(app, services):
    http = app.test_client()
    assert http.post("/console/login", json={"key": "nope"}).status_code == 403
    res = http.post("/console/login", json={"key": services.console_secret()})
    assert res.status_code == 200 and "HttpOnly" in res.headers["Set-Cookie"]
