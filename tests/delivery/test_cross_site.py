"""Another website cannot change anything here through a visitor's browser:
every request that changes state and comes from another origin is refused
with 403 and a sentence; our own pages, and --public-url deployments, still work."""
import pytest

from facilitator import create_app
from tests.factories import make_event

SAFE = {"GET", "HEAD", "OPTIONS"}
CROSS_SITE = [
    {"Origin": "http://evil.example"},
    {"Origin": "null"},
    {"Sec-Fetch-Site": "cross-site", "Origin": "http://evil.example"},
    {"Sec-Fetch-Site": "same-site"},
]


def _state_changing_paths(app, code: str) -> list[str]:
    paths = []
    for rule in app.url_map.iter_rules():
        # The Socket.IO path's rule is never served by Flask: the Socket.IO server answers it,
        # with its own check of the origin (cors_allowed_origins).
        if rule.endpoint in ("static", "socket_events") or not (rule.methods - SAFE):
            continue
        paths.append(rule.rule.replace("<code>", code))
    return paths


@pytest.mark.parametrize("headers", CROSS_SITE, ids=["origin", "null-origin", "sec-fetch-cross-site", "sec-fetch-same-site"])
def test_every_state_changing_endpoint_refuses_a_request_from_another_site(app, db, headers):
    code, _ = make_event(db)
    paths = _state_changing_paths(app, code)
    assert {f"/api/e/{code}/leave", "/console/logout", f"/api/e/{code}/join"} <= set(paths)
    http = app.test_client()
    for path in paths:
        res = http.post(path, data="name=x", headers={"Content-Type": "text/plain", **headers})
        assert res.status_code == 403, path
        assert "another website" in res.get_json()["error"], path
        assert "Set-Cookie" not in res.headers, path


def test_a_cross_site_form_cannot_sign_a_phone_out(app, db):
    code, _ = make_event(db)
    http = app.test_client()
    assert http.post(f"/api/e/{code}/join", json={"name": "Sam", "agreed": True}).status_code == 200
    refused = http.post(f"/api/e/{code}/leave", data="", headers={"Content-Type": "text/plain", "Origin": "https://evil.example"})
    assert refused.status_code == 403
    assert http.get_cookie(f"fc_p_{code}") is not None


def test_our_own_pages_can_still_join_leave_and_sign_in(app, db, services):
    code, _ = make_event(db)
    http = app.test_client()
    own = {"Origin": "http://localhost", "Sec-Fetch-Site": "same-origin"}
    assert http.post(f"/api/e/{code}/join", json={"name": "Sam", "agreed": True}, headers=own).status_code == 200
    assert http.post(f"/api/e/{code}/leave", headers=own).status_code == 200
    assert http.get_cookie(f"fc_p_{code}") is None
    assert http.post("/console/login", json={"key": services.console_secret()}, headers={"Origin": "http://localhost"}).status_code == 200
    assert http.post("/console/logout", headers={"Origin": "http://localhost"}).status_code == 200


def test_behind_a_proxy_the_public_address_is_our_own(settings, tmp_path):
    app = create_app(settings.with_(public_url="https://cafe.example.org", base_url="https://cafe.example.org"))
    try:
        http = app.test_client()
        res = http.post("/console/logout", headers={"Origin": "https://cafe.example.org"})
        assert res.status_code == 200
        assert http.post("/console/logout", headers={"Origin": "https://evil.example"}).status_code == 403
    finally:
        app.extensions["facilitator"].db.dispose()
