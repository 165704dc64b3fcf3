"""The facilitator removes someone together with everything they posted.

Cards, dots, a check-out word and a shared pledge go with the person: from
the database, from every view (big screen, console, the other phones) and
from the JSON archive; the vote totals no longer count their dots.
"""
import json

from sqlalchemy import select

from facilitator.core import events
from facilitator.core.models import Base
from tests.factories import make_participant, phone

NAME = "Liesel Quokka"
THEIRS = ["LIESEL-CARD-Otter", "LIESEL-WORD-Heron", "LIESEL-PLEDGE-Marten", NAME]
SAMS = ["SAM-CARD-Badger", "SAM-PLEDGE-Finch"]


def ack(client, name, payload=None):
    reply = client.emit(name, payload or {}, callback=True)
    assert reply["ok"], (name, reply)
    return reply


def _event(db):
    agenda = [
        {"kind": "cafe", "config": {"tables": 1, "rounds": [{"question": "What helps?", "minutes": 20}], "anyone_can_post": True}},
        {"kind": "harvest", "config": {}},
        {"kind": "checkout", "config": {"one_word": True, "pledges": True}},
    ]
    with db.session_scope() as s:
        return events.create_event(s, events.EventDetails(title="Erasure evening"), agenda=agenda).code


def _rows(db) -> dict[str, list[tuple]]:
    with db.read_scope() as s:
        return {t.name: [tuple(r) for r in s.execute(select(t)).all()] for t in Base.metadata.sorted_tables}


def _mentions(rows, pid) -> dict[str, list]:
    """Rows that point at this person (any column holding their id whose name says it is a person)."""
    out = {}
    for table in Base.metadata.sorted_tables:
        cols = [i for i, c in enumerate(table.columns)
                if any(fk.column.table.name == "participant" for fk in c.foreign_keys) or (table.name == "participant" and c.name == "id")]
        hits = [r for r in rows[table.name] if any(r[i] == pid for i in cols)]
        if hits:
            out[table.name] = hits
    return out


def test_removing_someone_with_erasure_takes_what_they_posted_out_of_every_view_and_the_database(
    app, db, services, console, socket_clients, screen_auth
):
    code = _event(db)
    li_id, li_token = make_participant(db, code, NAME)
    sam_id, sam_token = make_participant(db, code, "Sam")
    li, sam = phone(socket_clients, code, li_token), phone(socket_clients, code, sam_token)
    screen = socket_clients(screen_auth(code))

    ack(console, "cafe.round.start", {"event": code})
    li_card = ack(li, "card.add", {"text": THEIRS[0], "cid": "li-card-0001"})["id"]
    sam_card = ack(sam, "card.add", {"text": SAMS[0], "cid": "sam-card-0001"})["id"]
    ack(console, "agenda.next", {"event": code})
    ack(console, "vote.open", {"event": code, "dots": 3})
    for n, card in enumerate((sam_card, sam_card, li_card)):
        ack(li, "vote.add", {"card": card, "cid": f"li-dot-{n:04}"})
    ack(sam, "vote.add", {"card": li_card, "cid": "sam-dot-0001"})
    ack(sam, "vote.add", {"card": sam_card, "cid": "sam-dot-0002"})
    ack(console, "vote.close", {"event": code})  # the room sees the totals once the vote is closed
    assert ack(screen, "sync")["snapshot"]["activity"]["totals"] == {f"card:{sam_card}": 3, f"card:{li_card}": 2}
    ack(console, "agenda.next", {"event": code})
    ack(li, "checkout.word", {"text": THEIRS[1], "cid": "li-word-0001"})
    ack(li, "checkout.pledge", {"text": THEIRS[2], "shared": True, "cid": "li-pledge-0001"})
    ack(sam, "checkout.pledge", {"text": SAMS[1], "shared": True, "cid": "sam-pledge-0001"})
    ack(console, "console.watch", {"event": code})
    before = json.dumps(ack(screen, "sync")["snapshot"], ensure_ascii=False)
    assert all(t in before for t in THEIRS[1:]), "the screen showed Liesel's word, pledge and name"
    assert _mentions(_rows(db), li_id)

    ack(console, "participant.remove", {"event": code, "participant": li_id, "erase": True})

    assert not li.is_connected()
    # The database: no row points at them, and none of their words is left anywhere.
    rows = _rows(db)
    assert _mentions(rows, li_id) == {}
    dump = repr(rows)
    assert [t for t in THEIRS if t in dump] == []
    assert all(t in dump for t in SAMS), "what Sam posted stays"

    # Every view, at the check-out and back at the harvest (the vote counts only Sam's dot now).
    def views():
        return {
            "screen": ack(screen, "sync")["snapshot"],
            "console": ack(console, "console.watch", {"event": code})["snapshot"],
            "sam": ack(sam, "sync")["snapshot"],
        }

    for where in ("checkout", "harvest"):
        seen = json.dumps(views(), ensure_ascii=False)
        assert [t for t in THEIRS if t in seen] == [], where
        assert SAMS[0 if where == "harvest" else 1] in seen, where
        if where == "checkout":
            ack(console, "agenda.prev", {"event": code})
    assert ack(screen, "sync")["snapshot"]["activity"]["totals"] == {f"card:{sam_card}": 1}

    # The JSON archive of the event holds nothing of theirs either.
    http = app.test_client()
    assert http.post("/console/login", json={"key": services.console_secret()}).status_code == 200
    archive = http.get(f"/e/{code}/export.json?names=1&hidden=1")
    assert archive.status_code == 200
    text = archive.get_data(as_text=True)
    assert [t for t in THEIRS if t in text] == []
    assert SAMS[0] in text
    # And they cannot come back with their old phone.
    assert not socket_clients({"role": "participant", "event": code, "token": li_token}).is_connected()
