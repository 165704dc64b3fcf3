"""The JSON archive moves an event between machines exactly, and refuses what it cannot restore."""
from __future__ import annotations

import copy
import json

import pytest
from sqlalchemy import func, select

from facilitator.db import Database
from facilitator.exports import report_view, restore
from facilitator.core import events, participants
from facilitator.core.errors import Conflict
from facilitator import exports
from facilitator.exports import json_archive
from facilitator.activities.board.models import Card
from facilitator.core.models import Event, Participant

from ..exports.support import FORMULA, HIDDEN, HTMLISH, NAMED, PRIVATE_PLEDGE, QUOTED, SHARED_PLEDGE, harvested_event


def archive_text(db, code) -> str:
    with db.read_scope() as s:
        return json_archive.render(s, events.get_by_code(s, code)).decode("utf-8")


def fresh(url) -> Database:
    database = Database(url)
    database.upgrade()
    return database


def counts(database) -> dict[str, int]:
    with database.read_scope() as s:
        return {
            "events": s.scalar(select(func.count()).select_from(Event)),
            "people": s.scalar(select(func.count()).select_from(Participant)),
            "cards": s.scalar(select(func.count()).select_from(Card)),
        }


def test_an_archive_restored_elsewhere_exports_again_byte_for_byte(db, database_url):
    harvest = harvested_event(db)
    first = archive_text(db, harvest.code)
    doc = json.loads(first)
    assert (doc["format"], doc["version"]) == ("circle-and-cafe-archive", 1)
    assert HIDDEN in first, "a backup keeps what the facilitator hid"
    assert PRIVATE_PLEDGE not in first, "what a person kept to themselves never leaves the event"
    target = fresh(database_url)
    try:
        # Something already there, so the restored rows get other ids.
        with target.session_scope() as s:
            events.create_event(s, events.EventDetails("Already here"), agenda=[{"kind": "welcome"}, {"kind": "checkin"}])
        with target.session_scope() as s:
            restored = restore.restore(s, json_archive.parse(first.encode()))
        assert restored.created and restored.code == harvest.code
        assert archive_text(target, harvest.code) == first
        with target.read_scope() as s:
            event = events.get_by_code(s, harvest.code)
            person = participants.resume(s, event, harvest.tokens["amara"])
            assert person.name == "Амара Петрова", "phones reconnect after a restore"
            view = report_view.build(s, event, report_view.Options(with_names=True))
        with db.read_scope() as s:
            original = report_view.build(s, events.get_by_code(s, harvest.code), report_view.Options(with_names=True))
        assert view == original
    finally:
        target.dispose()


def test_importing_the_same_archive_twice_changes_nothing_the_second_time(db, tmp_path):
    harvest = harvested_event(db)
    text = archive_text(db, harvest.code)
    target = fresh(f"sqlite:///{tmp_path / 'twice.sqlite3'}")
    with target.session_scope() as s:
        assert restore.restore(s, json.loads(text)).created
    before = counts(target)
    with target.session_scope() as s:
        again = restore.restore(s, json.loads(text))
    assert not again.created
    assert counts(target) == before and before["events"] == 1
    target.dispose()


def _mutations():
    def set_(path, value):
        def apply(doc):
            node = doc
            for key in path[:-1]:
                node = node[key]
            node[path[-1]] = value
        return apply

    def delete(path):
        def apply(doc):
            node = doc
            for key in path[:-1]:
                node = node[key]
            del node[path[-1]]
        return apply

    return {
        "not an object": lambda doc: doc.clear() or doc.update({"format": ["x"]}) or None,
        "wrong format marker": set_(["format"], "something-else"),
        "unknown version": set_(["version"], 2),
        "version as text": set_(["version"], "1"),
        "no records": delete(["records"]),
        "unknown table": set_(["records", "mystery"], []),
        "two events": lambda doc: doc["records"]["event"].append(copy.deepcopy(doc["records"]["event"][0])),
        "missing field": delete(["records", "participant", 0, "name"]),
        "unknown field": set_(["records", "participant", 0, "shoe_size"], 42),
        "text where a number goes": set_(["records", "activity", 0, "position"], "first"),
        "boolean as number": set_(["records", "board_card", 0, "pinned"], 1),
        "not a date": set_(["records", "event", 0, "created_at"], "last Tuesday"),
        "empty required text": set_(["records", "board_card", 0, "text"], None),
        "name too long": set_(["records", "participant", 0, "name"], "x" * 500),
        # A Python int has no limit; SQLite's driver overflows past 64 bits, PostgreSQL's integer past 32.
        "number past 64 bits": set_(["records", "activity", 0, "position"], 2**70),
        "number past 32 bits": set_(["records", "activity", 0, "position"], 2**31),
        "number far below zero": set_(["records", "board_card", 0, "table_id"], -(2**63) - 1),
        "NUL in text": set_(["records", "board_card", 0, "text"], "before\x00after"),
        "half a character pair": set_(["records", "participant", 0, "name"], "\ud800"),
        # Late in the checking order: proves nothing is written before all of it is checked.
        "a link to nothing in the last table": set_(["records", "pulse_tally", 0, "activity_id"], 999),
        "duplicate ids": set_(["records", "board_card", 1, "id"], 1),
        "header code differs": set_(["event"], "ZZZZZZZZ"),
        # Restored once, these broke their event: server_error on every open, the screen could not connect.
        "settings as a list": set_(["records", "activity", 0, "config"], [1, 2]),
        "state as text": set_(["records", "activity", 0, "state"], "running"),
        "a kind this version does not know": set_(["records", "activity", 0, "kind"], "karaoke"),
        "a setting the kind does not have": lambda doc: doc["records"]["activity"][0]["config"].update({"volume": 11}),
        "settings larger than any event's": set_(["records", "activity", 0, "config"], {"prompt": "x" * 100_000}),
        "a text longer than any event's": set_(["records", "board_card", 0, "text"], "x" * (restore.TEXT_CHARS_MAX + 1)),
        # A language this version does not ship: the screen and the phones would have no words for it.
        "a big screen in an unknown language": set_(["records", "event", 0, "language"], "tlh"),
        "a second language not shipped": set_(["records", "event", 0, "second_language"], "xx-YY"),
        "a person's language not shipped": set_(["records", "participant", 0, "language"], "klingon"),
        "texts in a language not shipped": set_(["records", "event", 0, "texts_in"], {"tlh": {"title": "Qapla'"}}),
        "texts that are not text": set_(["records", "activity", 0, "texts_in"], {"cy": {"prompt": ["a list"]}}),
        "texts that are not by language": set_(["records", "event", 0, "texts_in"], ["cy", "Helo"]),
    }


MUTATIONS = _mutations()


@pytest.fixture(scope="module")
def good_archive(tmp_path_factory) -> str:
    source = fresh(f"sqlite:///{tmp_path_factory.mktemp('archive') / 'source.sqlite3'}")
    text = archive_text(source, harvested_event(source).code)
    source.dispose()
    return text


@pytest.mark.parametrize("damage", sorted(MUTATIONS))
def test_a_damaged_archive_gets_a_clear_error_and_changes_nothing(good_archive, tmp_path, damage):
    doc = json.loads(good_archive)
    MUTATIONS[damage](doc)
    target = fresh(f"sqlite:///{tmp_path / 'damaged.sqlite3'}")
    with pytest.raises(restore.ArchiveError) as refused:
        with target.session_scope() as s:
            restore.restore(s, doc)
    assert "cannot be restored" in str(refused.value) and "Nothing was changed" in str(refused.value)
    assert counts(target) == {"events": 0, "people": 0, "cards": 0}
    target.dispose()


def test_an_archive_whose_rows_carry_the_phones_message_ids_is_restored_and_exported_without_them(good_archive, tmp_path):
    """Earlier releases kept the phone's message id on cards, agreements, pledges, words, goals and questions."""
    assert '"client_id"' not in good_archive
    doc = json.loads(good_archive)
    for name in ("board_card", "circle_agreement", "circle_pledge", "circle_word", "consult_goal", "consult_question"):
        for n, row in enumerate(doc["records"].get(name, [])):
            row["client_id"] = None if n % 2 else f"{name}-{n}"
    target = fresh(f"sqlite:///{tmp_path / 'older.sqlite3'}")
    with target.session_scope() as s:
        assert restore.restore(s, doc).created
    assert archive_text(target, doc["event"]) == good_archive
    target.dispose()


def test_an_archive_made_before_the_languages_is_restored_in_english_and_exported_with_them(good_archive, tmp_path):
    """Archives stay version 1: one made before people and the room had languages is read as English."""
    doc = json.loads(good_archive)
    assert doc["records"]["event"][0]["language"] == "en"
    del doc["records"]["event"][0]["language"], doc["records"]["event"][0]["second_language"]
    for row in doc["records"]["participant"]:
        del row["language"]
    # ... and before the facilitator's texts had versions in other languages: none, then.
    assert doc["records"]["event"][0]["texts_in"]["cy"]["title"]
    expected = json.loads(good_archive)
    for row in doc["records"]["event"] + doc["records"]["activity"]:
        del row["texts_in"]
    for row in expected["records"]["event"] + expected["records"]["activity"]:
        row["texts_in"] = {}
    target = fresh(f"sqlite:///{tmp_path / 'before-languages.sqlite3'}")
    with target.session_scope() as s:
        assert restore.restore(s, doc).created
    assert json.loads(archive_text(target, doc["event"])) == expected
    target.dispose()


def test_an_archive_the_database_refuses_while_writing_gets_a_clear_error_and_changes_nothing(good_archive, tmp_path):
    target = fresh(f"sqlite:///{tmp_path / 'refusing.sqlite3'}")
    # Stands for anything the checks cannot foresee: a full disk, a value one backend will not store.
    with target.engine.begin() as conn:
        conn.exec_driver_sql(
            "CREATE TRIGGER refuse_cards BEFORE INSERT ON board_card BEGIN SELECT RAISE(ABORT, 'no room for cards'); END"
        )
    with pytest.raises(restore.ArchiveError) as refused:
        with target.session_scope() as s:
            restore.restore(s, json.loads(good_archive))
    message = str(refused.value)
    assert "database refused it" in message and "no room for cards" in message and "Nothing was changed" in message
    assert counts(target) == {"events": 0, "people": 0, "cards": 0}
    target.dispose()


@pytest.mark.parametrize("content", [b"\x89PNG\r\n\x1a\n", b"not json at all", b'{"format": "circle-and', "[1, 2]".encode()])
def test_a_foreign_file_is_refused_before_anything_is_read_into_the_database(content):
    with pytest.raises(restore.ArchiveError) as refused:
        restore._validate(json_archive.parse(content))
    assert "Nothing was changed" in str(refused.value)


def test_an_archive_with_more_cards_than_any_event_is_refused_before_its_records_are_read(good_archive, tmp_path):
    doc = json.loads(good_archive)
    card = doc["records"]["board_card"][0]
    doc["records"]["board_card"] = [{**card, "id": n} for n in range(1, restore.ROWS_MAX_BY_TABLE["board_card"] + 2)]
    target = fresh(f"sqlite:///{tmp_path / 'many.sqlite3'}")
    with pytest.raises(restore.ArchiveError) as refused:
        with target.session_scope() as s:
            restore.restore(s, doc)
    assert "20,001 board_card records" in str(refused.value) and "at most 20,000" in str(refused.value)
    assert counts(target) == {"events": 0, "people": 0, "cards": 0}
    target.dispose()


def test_a_file_larger_than_any_archive_is_refused_before_it_is_decoded():
    padded = b'{"format": "circle-and-cafe-archive"' + b" " * restore.ARCHIVE_BYTES_MAX + b"}"
    with pytest.raises(restore.ArchiveError) as refused:
        json_archive.parse(padded)
    assert "at most 64 MB" in str(refused.value) and "Nothing was changed" in str(refused.value)


def test_a_file_larger_than_any_archive_is_refused_without_being_read(tmp_path):
    path = tmp_path / "huge.json"
    with open(path, "wb") as fh:
        fh.truncate(restore.ARCHIVE_BYTES_MAX + 1)  # sparse: nothing to write, and nothing read
    with pytest.raises(restore.ArchiveError) as refused:
        json_archive.read(path)
    assert "at most 64 MB" in str(refused.value)


def test_an_archive_whose_phone_keys_are_in_use_is_refused_whole(db, tmp_path):
    harvest = harvested_event(db)
    doc = json.loads(archive_text(db, harvest.code))
    doc["records"]["event"][0]["code"] = doc["event"] = "ABCD2345"
    with pytest.raises(Conflict):
        with db.session_scope() as s:
            restore.restore(s, doc)
    assert counts(db)["events"] == 1


def test_the_harvest_view_holds_no_private_pledge_and_no_rating_of_a_person(db):
    harvest = harvested_event(db)
    with db.read_scope() as s:
        view = report_view.build(s, events.get_by_code(s, harvest.code), report_view.Options(with_names=True, include_hidden=True))
    flat = json.dumps(view, default=str, ensure_ascii=False)
    assert PRIVATE_PLEDGE not in flat
    assert set(view["pulse"]) == {"checkin", "checkout", "change", "dimensions", "minimum"}
    assert view["pulse"]["checkout"]["contact"] == {"label": "Contact", "count": 3, "mean": 4.3, "shown": True}
    assert view["attendance"] == {"joined": 5, "present": 5, "named": 4, "anonymous": 1, "without_phone": 1, "removed": 0}
    assert [t["name"] for t in view["themes"]] == ["Belonging", "Access & <transport>"]


def test_someone_taken_off_the_event_is_named_nowhere_in_the_harvest_but_their_cards_stay(db):
    harvest = harvested_event(db)
    with db.session_scope() as s:
        event = events.get_by_code(s, harvest.code)
        for who in ("amara", "amal", "gwen"):  # Amal wrote a card on behalf of Gwen
            participants.remove(s, event, harvest.people[who])
    with db.read_scope() as s:
        event = events.get_by_code(s, harvest.code)
        view = report_view.build(s, event, report_view.Options(with_names=True))
        cards_csv = exports.render(s, event, "csv", report_view.Options(with_names=True))[0].decode("utf-8-sig")
    by_text = {c["text"]: c for c in view["cards"]}
    assert by_text[HTMLISH]["author"] is None and by_text[HTMLISH]["on_behalf_of"] is None
    assert by_text[FORMULA]["author"] is None
    assert by_text[QUOTED]["author"] == NAMED["li"], "people still here keep their names"
    assert SHARED_PLEDGE not in [p["text"] for p in view["pledges"]], "as with pledges"
    flat = json.dumps({k: view[k] for k in ("cards", "pledges")}, default=str, ensure_ascii=False)
    for name in (NAMED["amara"], NAMED["amal"], "Gwen"):
        assert name not in flat and name not in cards_csv, name
    assert HTMLISH in cards_csv, "what they wrote for the group stays"
