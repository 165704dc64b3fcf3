"""The Flask secret key is made once per install and kept in the data dir, so a restart keeps it."""
import stat

from facilitator import create_app


def test_the_flask_secret_key_survives_a_restart_and_is_readable_only_by_its_owner(settings):
    first = create_app(settings)
    key_file = settings.data_dir / "flask.key"
    assert key_file.exists()
    key = first.config["SECRET_KEY"]
    assert key == key_file.read_text().strip() and len(key) >= 40
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600

    # Something signed before the restart is still good after it.
    signed = first.session_interface.get_signing_serializer(first).dumps({"probe": "kept"})
    first.extensions["facilitator"].db.dispose()

    again = create_app(settings)
    try:
        assert again.config["SECRET_KEY"] == key
        assert again.session_interface.get_signing_serializer(again).loads(signed) == {"probe": "kept"}
    finally:
        again.extensions["facilitator"].db.dispose()


def test_another_install_has_its_own_key(settings, tmp_path):
    from dataclasses import replace

    one = create_app(settings)
    other = create_app(replace(settings, data_dir=tmp_path / "elsewhere"))
    try:
        assert one.config["SECRET_KEY"] != other.config["SECRET_KEY"]
    finally:
        for app in (one, other):
            app.extensions["facilitator"].db.dispose()


def test_flasks_session_is_never_opened_and_writing_to_it_says_why(app):
    from flask import session

    with app.test_request_context(headers={"Cookie": "session=anything"}):
        assert dict(session) == {}
        try:
            session["probe"] = "kept"
        except RuntimeError as exc:
            assert "keeps nothing in Flask's session" in str(exc)
        else:
            raise AssertionError("a write to Flask's session was taken")
