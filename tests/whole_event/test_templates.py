"""Agenda templates: ready agendas in plain data files, and saving an event's agenda as one."""
import json

import pytest

from facilitator.core import events
from facilitator.whole_event import templates
from facilitator.core.errors import DomainError, NotFound
from facilitator.core.events import EventDetails
from tests.factories import make_event


def test_the_built_in_templates_load_with_valid_settings():
    ids = [t.id for t in templates.all_templates()]
    assert ids[0] == "community-gathering" and "blank" in ids
    gathering = templates.get("community-gathering")
    assert [a["kind"] for a in gathering.agenda] == ["welcome", "checkin", "agreements", "cafe", "harvest", "checkout"]
    assert templates.get("blank").agenda == [{"kind": "welcome", "config": {"message": ""}}]


def test_an_event_made_from_a_template_has_its_agenda(db):
    with db.session_scope() as s:
        event = events.create_event(s, EventDetails("Gathering"), agenda=templates.get("community-gathering").agenda)
        assert [a.title for a in event.activities][:3] == ["Welcome", "Check-in circle", "Our working agreements"]
        assert event.activities[1].config["prompt"] == "What brings you here today?"


def test_an_events_agenda_is_saved_as_a_new_template(db, tmp_path):
    code, _ = make_event(db, agenda=templates.get("community-gathering").agenda)
    with db.session_scope() as s:
        event = events.get_by_code(s, code)
        event.activities[1].title = "Opening circle"
        saved = templates.save_from_event(event, "Our monthly gathering", tmp_path)
    assert saved.id == "our-monthly-gathering" and not saved.built_in
    again = templates.get("our-monthly-gathering", tmp_path)
    assert again.agenda[1]["title"] == "Opening circle"
    assert [t.id for t in templates.all_templates(tmp_path)][-1] == "our-monthly-gathering"


def test_a_template_with_an_unknown_kind_or_bad_settings_is_refused():
    with pytest.raises(DomainError, match="no activity"):
        templates.parse("x", {"agenda": [{"kind": "juggling"}]})
    with pytest.raises(DomainError, match="no setting"):
        templates.parse("x", {"agenda": [{"kind": "welcome", "config": {"colour": "red"}}]})
    with pytest.raises(DomainError, match="no agenda"):
        templates.parse("x", {"agenda": []})
    with pytest.raises(NotFound):
        templates.get("nope")


def test_a_broken_saved_template_file_is_left_out_not_fatal(tmp_path):
    folder = templates.saved_dir(tmp_path)
    folder.mkdir(parents=True)
    (folder / "broken.json").write_text("{not json")
    (folder / "odd.json").write_text(json.dumps({"agenda": [{"kind": "welcome"}]}))
    assert [t.id for t in templates.all_templates(tmp_path) if not t.built_in] == ["odd"]
