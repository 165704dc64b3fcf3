"""The authorization matrix: every declared action, sent by everyone who may not send it.

Each refusal must come back with a clear error and a code, and the database
must hold exactly what it held before (every row of every table). Actions
are sent with payloads the schema accepts, so a refusal is about who asks,
never about a malformed message; for IDs from another event, the same
message with this event's IDs is then shown to succeed.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from socketio import packet
from sqlalchemy import select

from facilitator.core import agenda, cohost, events, participants
from facilitator.activities.agreements import rules as agreements
from facilitator.activities.board import rules as board
from facilitator.activities.cafe import rules as cafe
from facilitator.activities.consultation import clinician
from facilitator.activities.questions import rules as questions
from facilitator.core.participants import Identity
from facilitator.core.models import Participant
from facilitator.core.models import Base
from facilitator.delivery import socketio
from facilitator.delivery.auth import CLINICIAN, COHOST, FACILITATOR, PARTICIPANT, SCREEN
from facilitator.delivery.handling import ACTIONS
from facilitator.delivery.limits import RateLimiter
from tests.cafe_support import cafe_event
from tests.factories import phone


# --- a furnished event: a café with a host, cards, themes, questions, agreements -------------


@dataclass
class World:
    code: str
    event_id: int
    ids: dict[str, int] = field(default_factory=dict)
    tokens: dict[str, str] = field(default_factory=dict)
    clinician_secret: str = ""


def furnish(db) -> World:
    """Hana hosts a table, Ines sits at the other; both have written; Jo has no phone."""
    code, event_id = cafe_event(db, tables=2, anyone_can_post=False, harvest=True)
    w = World(code, event_id)
    with db.session_scope() as s:
        event = events.get_by_code(s, code)
        for key in ("hana", "ines"):
            joined = participants.join(s, event, Identity(name=key.title()), agreed=True)
            joined.participant.connections = 1
            w.ids[key], w.tokens[key] = joined.participant_id, joined.token
        jo, _ = participants.add_without_phone(s, event, "Jo")
        w.ids["jo"] = jo.id
        s.flush()
        hana, ines = s.get(Participant, w.ids["hana"]), s.get(Participant, w.ids["ines"])
        act = cafe.current_cafe(event)
        w.ids["cafe"] = act.id
        cafe.volunteer(s, act, hana, True)
        cafe.start_round(s, act)
        s.flush()
        w.ids["table"] = cafe.seat_of(s, act, hana.id).table_id
        w.ids["other_table"] = next(t.id for t in cafe.tables(s, act) if t.id != w.ids["table"])
        theme, _ = board.create_theme(s, event, "Walking")
        w.ids["theme"] = theme.id
        w.ids["card"] = board.add_card(s, event, hana, board.NewCard("Walking groups", theme_id=theme.id)).card_id
        board.set_pinned(s, event, w.ids["card"], True)  # pinned: on the ballot by itself, though in a theme
        w.ids["card2"] = board.add_card(s, event, hana, board.NewCard("Tea after")).card_id
        question, _ = questions.add(s, event, hana, "How do others sleep?", "shared")
        w.ids["question"] = question.id
        qtheme, _ = questions.add_theme(s, event, "Sleep")
        w.ids["question_theme"] = qtheme.id
        proposal, _ = agreements.add(s, event, "Phones on silent")
        other, _ = agreements.add(s, event, "Phones on silent please")
        w.ids["agreement"], w.ids["agreement2"] = proposal.id, other.id
        w.clinician_secret, _ = clinician.rotate(s, event)
        cohost.make_link(s, event)
    return w


def open_vote(db, w: World) -> None:
    """Move the event on to its harvest and open a dot vote (Hana has one dot on the card)."""
    with db.session_scope() as s:
        event = events.get_by_code(s, w.code)
        agenda.step(s, event, +1)
        board.open_vote(s, event, 3)
        board.add_dot(s, event, s.get(Participant, w.ids["hana"]), w.ids["card"], None)


# --- payloads the schema accepts ------------------------------------------------------------


def payload(name: str, w: World) -> dict:
    """A well-formed message for ``name`` aimed at world ``w``: it would work for the right sender."""
    i = w.ids
    values = {
        "event": w.code, "participant": i["ines"], "erase": True, "name": "Renamed", "title": "A title",
        "purpose": "p", "welcome_text": "w", "agreement_text": "a", "template": "blank", "locked": True,
        "kind": "welcome", "position": 0, "config": {}, "activity": i["cafe"], "to": 0, "seconds": 30,
        "how": "join", "order": [i["ines"]], "control": 3, "contact": 3, "confidence": 3, "cid": "matrix-0001",
        "text": "Hello", "shared": True, "agreement": i["agreement"], "into": i["card2"], "table": i["table"],
        "a": i["table"], "b": i["other_table"], "together": True, "minutes": 5, "host": True, "tag": "contact",
        "theme": i["theme"], "on_behalf": i["jo"], "card": i["card"], "hidden": True, "pinned": True,
        "by": "theme", "dots": 3, "until": "2030-01-01", "question": i["question"], "visibility": "shared",
        "named": True, "note": "A note", "apart": True, "stay": True, "pronouns": "they/them", "anonymous": False, "confirm": True, "round": 1,
        "mode": "paused", "pledge": None, "cards": [i["card"], i["card2"]], "pace": 10, "pages": "held", "step": 1, "suggestion": 1,
        "essence": "We found the bus is the barrier.", "next_question": "Who else should be here?", "language": "cy", "second": "en",
        "prompt": None, "message": None, "rounds": {"1": "Beth sy'n ein cadw'n iach?"},
    }
    overrides = {
        "agreements.merge": {"into": i["agreement2"]},
        "question.theme": {"theme": i["question_theme"]},
        "question_theme.rename": {"theme": i["question_theme"]},
        "question_theme.note": {"theme": i["question_theme"]},
        "question_theme.remove": {"theme": i["question_theme"]},
        "vote.add": {"theme": None}, "vote.remove": {"theme": None},
        "card.add": {"on_behalf": None}, "circle.done": {"event": None, "participant": None},
        "circle.pass": {"event": None, "participant": None},
        "screen.spotlight": {"theme": None},
    }
    fields = ACTIONS[name].schema.fields
    out = {key: values[key] for key in fields}
    out.update({k: v for k, v in overrides.get(name, {}).items() if k in fields})
    out = {k: v for k, v in out.items() if v is not None}
    ACTIONS[name].schema.parse(out)  # well-formed: any refusal is about the sender
    return out


def names_for(*roles_excluded: str) -> list[str]:
    """The actions none of ``roles_excluded`` may send."""
    return sorted(n for n, spec in ACTIONS.items() if not set(spec.roles) & set(roles_excluded))


# --- the database, all of it -------------------------------------------------------------


def everything(db) -> dict[str, list[tuple]]:
    """Every row of every table, in a stable order."""
    with db.read_scope() as s:
        out = {}
        for table in Base.metadata.sorted_tables:
            rows = s.execute(select(table)).all()
            out[table.name] = sorted((tuple(r) for r in rows), key=repr)
        return out


def refused(reply, codes=("not_allowed", "not_found")) -> bool:
    return (
        isinstance(reply, dict) and reply.get("ok") is False
        and isinstance(reply.get("error"), str) and reply["error"].strip() != ""
        and reply.get("code") in codes
    )


def connect_refusal(app, auth: dict) -> dict | None:
    """Connect with ``auth``; the CONNECT_ERROR data the client is sent (None if it connected)."""
    client = socketio.test_client(app, auth={"role": "nobody"}, flask_test_client=app.test_client())
    sent: list = []
    inner = socketio.server._send_packet

    def record(eio_sid, pkt):
        if pkt.packet_type == packet.CONNECT_ERROR:
            sent.append(pkt.data)
        inner(eio_sid, pkt)

    socketio.server._send_packet = record
    try:
        client.connect(auth=auth)
    finally:
        socketio.server._send_packet = inner
    if client.is_connected():
        client.disconnect()
        return None
    return sent[-1] if sent else {}


@pytest.fixture
def worlds(db, services):
    """Two events furnished alike; limits lifted so a long run of refusals is not cut short."""
    services.message_limiter = RateLimiter(rate=1e9, burst=10**9, message="")
    services.post_limiter = RateLimiter(rate=1e9, burst=10**9, message="")
    return furnish(db), furnish(db)


# --- the matrix ----------------------------------------------------------------------------


def _sender(kind, app, socket_clients, screen_auth, w: World):
    if kind == "participant":
        return phone(socket_clients, w.code, w.tokens["ines"]), names_for(PARTICIPANT)
    if kind == "screen":
        client = socket_clients(screen_auth(w.code))
        return client, names_for(SCREEN)
    if kind == "clinician":
        client = socket_clients({"role": CLINICIAN, "event": w.code, "secret": w.clinician_secret})
        return client, names_for(CLINICIAN)
    if kind == "cohost":
        client = socket_clients({"role": COHOST, "event": w.code, "secret": cohost_secret(app, w.code)})
        return client, names_for(COHOST)
    raise AssertionError(kind)


def cohost_secret(app, code: str) -> str:
    svc = app.extensions["facilitator"]
    with svc.db.read_scope() as s:
        return cohost.secret(events.get_by_code(s, code), svc.links_key())


@pytest.mark.parametrize("kind", ["participant", "screen", "clinician", "cohost"])
def test_no_one_but_the_facilitator_may_send_the_facilitators_actions(kind, app, db, socket_clients, screen_auth, worlds):
    a, _ = worlds
    client, names = _sender(kind, app, socket_clients, screen_auth, a)
    assert client.is_connected()
    assert {n for n, s in ACTIONS.items() if s.roles == (FACILITATOR,)} <= set(names)
    before = everything(db)
    wrong = {}
    for name in names:
        reply = client.emit(name, payload(name, a), callback=True)
        if not refused(reply) or reply["code"] != "not_allowed":
            wrong[name] = reply
        assert client.is_connected(), name
    assert wrong == {}
    assert everything(db) == before


HOST_ONLY = [
    # Ines sits at the other table and does not host: she may not write for Hana's table...
    ("card.add", {"table": "table"}),
    # ...nor add a card at her own (only hosts add cards at this café)...
    ("card.add", {}),
    # ...nor change or withdraw a card the host wrote...
    ("card.edit", {}),
    ("card.withdraw", {}),
    # ...nor write the round card for the next group (only the host of that round does).
    ("cafe.essence", {}),
]


@pytest.mark.parametrize("name,aim", HOST_ONLY, ids=[f"{n}{'-' + next(iter(a)) if a else ''}" for n, a in HOST_ONLY])
def test_a_person_who_does_not_host_may_not_do_what_hosts_do(name, aim, db, socket_clients, worlds):
    a, _ = worlds
    ines = phone(socket_clients, a.code, a.tokens["ines"])
    message = payload(name, a)
    message.pop("table", None)
    message.update({k: a.ids[v] for k, v in aim.items()})
    message.pop("on_behalf", None)
    before = everything(db)
    reply = ines.emit(name, message, callback=True)
    assert refused(reply) and reply["code"] == "not_allowed", reply
    assert everything(db) == before
    # The host may.
    hana = phone(socket_clients, a.code, a.tokens["hana"])
    message.update({"table": a.ids["table"]} if name == "card.add" else {})
    assert hana.emit(name, message, callback=True)["ok"] is True


# Participant actions that name something by its ID, aimed at the other event's.
FOREIGN = [
    ("card.add", "theme", "cafe"), ("card.add", "table", "cafe"), ("card.add", "on_behalf", "cafe"),
    ("card.plus_one", "into", "cafe"), ("card.plus_one", "table", "cafe"), ("card.plus_one", "on_behalf", "cafe"),
    ("card.edit", "card", "cafe"), ("card.edit", "theme", "cafe"), ("card.withdraw", "card", "cafe"),
    ("question.edit", "question", "cafe"), ("question.withdraw", "question", "cafe"),
    ("circle.done", "participant", "cafe"), ("circle.pass", "participant", "cafe"),
    ("vote.add", "card", "vote"), ("vote.add", "theme", "vote"),
    ("vote.remove", "card", "vote"), ("vote.remove", "theme", "vote"),
]
ID_FIELDS = {"card", "theme", "table", "on_behalf", "question", "participant", "agreement", "into", "a", "b", "activity"}
FOREIGN_ID = {"card": "card", "into": "card", "theme": "theme", "table": "other_table", "on_behalf": "jo", "question": "question",
              "participant": "hana"}


def test_every_participant_action_that_names_an_id_is_in_the_matrix():
    named = {(n, f) for n, spec in ACTIONS.items() if PARTICIPANT in spec.roles for f in spec.schema.fields if f in ID_FIELDS}
    assert named == {(n, f) for n, f, _ in FOREIGN}


@pytest.mark.parametrize("name,field_,phase", FOREIGN, ids=[f"{n}-{f}" for n, f, _ in FOREIGN])
def test_a_participant_cannot_reach_into_another_event(name, field_, phase, db, socket_clients, worlds):
    a, b = worlds
    if phase == "vote":
        open_vote(db, a)
        open_vote(db, b)
    author = "hana"  # she hosts, wrote the cards and the question: only the ID is wrong
    client = phone(socket_clients, a.code, a.tokens[author])
    message = payload(name, a)
    if name == "card.add":
        message = {"text": "From elsewhere", "cid": f"foreign-{field_}", **({"table": a.ids["table"]})}
    if name == "vote.remove":
        message.pop("theme", None)
    if field_ in ("theme",) and name.startswith("vote."):
        message.pop("card", None)
    if name == "card.withdraw" or name.startswith("question.") or name.startswith("circle."):
        message = {k: v for k, v in message.items() if k not in ("event", "participant")}
    foreign = {**message, field_: b.ids[FOREIGN_ID[field_]]}
    if name == "vote.remove" and field_ == "theme":
        foreign.pop("card", None)
    before = everything(db)
    reply = client.emit(name, foreign, callback=True)
    # "refused": no dot of yours there, no one without a phone of that number here.
    assert refused(reply, ("not_allowed", "not_found", "refused")), reply
    assert everything(db) == before
    if name.startswith("circle."):
        return  # naming anyone, even oneself, is the facilitator's: nothing to compare with
    own = {**foreign, field_: a.ids[FOREIGN_ID[field_]]}
    if name in ("card.add", "card.plus_one") and field_ == "table":
        own["table"] = a.ids["table"]
    if name == "vote.remove":
        assert client.emit("vote.add", {k: v for k, v in own.items() if k != "cid"}, callback=True)["ok"]
    assert client.emit(name, own, callback=True)["ok"] is True, "the same message with this event's IDs works"


def test_a_removed_persons_phone_cannot_come_back(app, console, db, socket_clients, worlds):
    a, _ = worlds
    assert console.emit("participant.remove", {"event": a.code, "participant": a.ids["ines"]}, callback=True)["ok"]
    before = everything(db)
    refusal = connect_refusal(app, {"role": PARTICIPANT, "event": a.code, "token": a.tokens["ines"]})
    assert refusal is not None and refusal["data"]["code"] == "not_allowed", refusal
    assert "taken you off" in refusal["message"]
    assert everything(db) == before


def test_a_phone_whose_person_was_removed_meanwhile_can_do_nothing(db, socket_clients, worlds):
    """The socket outlived the removal (another process, a race): every action is refused all the same."""
    a, _ = worlds
    ines = phone(socket_clients, a.code, a.tokens["ines"])
    with db.session_scope() as s:
        participants.remove(s, events.get_by_code(s, a.code), a.ids["ines"])
    before = everything(db)
    wrong = {}
    for name in sorted(n for n, spec in ACTIONS.items() if PARTICIPANT in spec.roles):
        reply = ines.emit(name, payload(name, a), callback=True)
        if not (isinstance(reply, dict) and reply.get("ok") is False and reply.get("error") and reply.get("code")):
            wrong[name] = reply
    assert wrong == {}
    assert ines.emit("sync", {}, callback=True)["code"] == "not_allowed"
    assert everything(db) == before


@pytest.mark.parametrize("auth", [
    {"role": PARTICIPANT, "token": "forged-token-of-the-right-length-000000000"},
    {"role": PARTICIPANT, "token": None},
    {"role": PARTICIPANT, "token": "other-event"},
    {"role": CLINICIAN, "secret": "forged"},
    {"role": CLINICIAN, "secret": "other-event"},
    {"role": "console", "secret": "forged"},
    {"role": COHOST, "secret": "forged"},
    {"role": COHOST, "secret": "other-event"},
    # The event code alone is on the big screen and in every photo of it.
    {"role": SCREEN},
    {"role": SCREEN, "secret": "forged"},
    {"role": SCREEN, "secret": "other-event"},
], ids=["forged-phone", "no-token", "other-events-phone", "forged-clinician", "other-events-clinician", "forged-console", "forged-cohost", "other-events-cohost",
        "screen-with-the-code-alone", "forged-screen", "other-events-screen"])
def test_a_forged_token_connects_to_nothing(auth, app, db, worlds, screen_auth):
    a, b = worlds
    auth = {**auth, "event": a.code}
    if auth.get("token") == "other-event":
        auth["token"] = b.tokens["hana"]
    if auth.get("secret") == "other-event":
        auth["secret"] = (screen_auth(b.code)["secret"] if auth["role"] == SCREEN
                          else cohost_secret(app, b.code) if auth["role"] == COHOST else b.clinician_secret)
    before = everything(db)
    refusal = connect_refusal(app, auth)
    assert refusal is not None, "it connected"
    assert refusal["data"]["code"] in ("not_allowed", "not_found") and refusal["message"], refusal
    assert everything(db) == before


def test_the_old_console_secret_opens_nothing_once_rotated(app, console, db, services, socket_clients, worlds):
    a, _ = worlds
    old = services.console_secret()
    other_console = socket_clients({"role": "console", "secret": old})
    http = app.test_client()
    assert http.post("/console/login", json={"key": old}).status_code == 200
    assert http.get(f"/e/{a.code}/export.json").status_code == 200
    rotated = console.emit("console.rotate_secret", {}, callback=True)
    assert rotated["ok"] and rotated["secret"] != old
    assert not other_console.is_connected()
    before = everything(db)
    refusal = connect_refusal(app, {"role": "console", "secret": old})
    assert refusal is not None and refusal["data"]["code"] == "not_allowed", refusal
    assert http.get(f"/e/{a.code}/export.json").status_code == 403, "the old cookie still downloads"
    assert app.test_client().post("/console/login", json={"key": old}).status_code == 403
    assert everything(db) == before
    # The console that rotated carries on, and the new secret works.
    assert console.emit("console.events", {}, callback=True)["ok"]
    assert connect_refusal(app, {"role": "console", "secret": rotated["secret"]}) is None


# --- the pages that hold what people wrote ---------------------------------------------------------


def test_only_the_console_downloads_and_only_its_author_reads_a_summary(app, db, worlds):
    from facilitator.delivery.auth import CLINICIAN_COOKIE, CONSOLE_COOKIE, PARTICIPANT_COOKIE

    a, b = worlds
    with db.session_scope() as s:
        participants.remove(s, events.get_by_code(s, a.code), a.ids["ines"])
    before = everything(db)
    cookies = {
        "nobody": {},
        "a forged console cookie": {CONSOLE_COOKIE: "forged-console-secret"},
        "a phone of the event": {PARTICIPANT_COOKIE.format(code=a.code): a.tokens["hana"]},
        "the event's clinician": {CLINICIAN_COOKIE.format(code=a.code): a.clinician_secret},
    }
    for who, jar in cookies.items():
        http = app.test_client()
        for key, value in jar.items():
            http.set_cookie(key, value)
        for ext in ("csv", "xlsx", "md", "html", "json"):
            res = http.get(f"/e/{a.code}/export.{ext}?names=1&hidden=1")
            assert res.status_code == 403 and "console" in res.json["error"], (who, ext)
    summaries = {
        "nobody": None,
        "another event's phone": b.tokens["hana"],
        "a removed person's phone": a.tokens["ines"],
        "a forged token": "forged-token-of-the-right-length-000000000",
    }
    for who, token in summaries.items():
        http = app.test_client()
        if token:
            http.set_cookie(PARTICIPANT_COOKIE.format(code=a.code), token)
        res = http.get(f"/e/{a.code}/me/summary.html")
        assert res.status_code == 403 and res.json["error"], who
    assert everything(db) == before
    # The author herself reads hers.
    hana = app.test_client()
    hana.set_cookie(PARTICIPANT_COOKIE.format(code=a.code), a.tokens["hana"])
    assert hana.get(f"/e/{a.code}/me/summary.html").status_code == 200
