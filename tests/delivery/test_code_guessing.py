"""Event codes cannot be guessed through the pages: a wrong code on any page is a failed attempt.

The join page, the big screen, the QR codes and the clinician's page all
answer 404 to a code that names no event; each such answer counts against
the asking address like a failed join, and past the limit the address is
told to wait, whatever code it asks for.
"""
import pytest

from tests.factories import make_event

PAGES = ["/j/{code}", "/e/{code}/screen", "/e/{code}/qr.png", "/e/{code}/qr.svg", "/e/{code}/clinician"]
WRONG = [f"ZZZZ{n:04d}" for n in range(20)]


@pytest.mark.parametrize("page", PAGES)
def test_guessing_codes_on_a_page_is_stopped_like_failed_joins(app, db, page):
    code, _ = make_event(db)
    guesser = app.test_client()
    statuses = [guesser.get(page.format(code=wrong)).status_code for wrong in WRONG]
    assert statuses[:10] == [404] * 10
    assert set(statuses[10:]) == {429}
    # A right code does not tell the guesser it was right, on this page or on joining.
    stopped = guesser.get(page.format(code=code))
    assert stopped.status_code == 429
    if page.startswith("/j/"):
        assert "Too many attempts with codes that do not work" in stopped.get_data(as_text=True)
    assert guesser.post(f"/api/e/{code}/join", json={"name": "Sam"}).status_code == 429
    # Someone else (another address) is not held back.
    other = app.test_client()
    assert other.get(page.format(code=code), environ_base={"REMOTE_ADDR": "10.0.0.7"}).status_code == 200


def test_page_guesses_and_join_guesses_share_one_limit(app, db):
    code, _ = make_event(db)
    guesser = app.test_client()
    for wrong in WRONG[:5]:
        assert guesser.get(f"/e/{wrong}/screen").status_code == 404
    for wrong in WRONG[5:10]:
        assert guesser.post(f"/api/e/{wrong}/join", json={"name": "Sam"}).status_code == 404
    assert guesser.get(f"/j/{WRONG[10]}").status_code == 429
    assert guesser.get(f"/j/{code}").status_code == 429


def test_people_who_open_the_right_pages_are_never_counted(app, db):
    code, _ = make_event(db)
    venue = app.test_client()
    for _ in range(30):
        for page in PAGES:
            assert venue.get(page.format(code=code)).status_code == 200, page
