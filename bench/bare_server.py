"""The fair yardstick: a bare Flask-SocketIO server that makes the app's deliveries, and nothing else.

For the load ``bench/run.py`` puts on it, this server sends the same
messages as the app to the same rooms: the same number per phase and per
kind, to the same audiences (each phone, the big screen, the console), of
about the same size and shape. It keeps its state in memory, has no database,
checks nothing it need not, and builds each view directly from that state.
The app's cost above this server's is the cost of being the app: persisting
before telling anyone, exactly-once, validation, rules, and how it builds
its views. ``bench/run.py`` checks that both servers delivered the same
messages per phase and per kind before it compares their CPU.

What it answers, as the app does (``docs/protocol.md``): the join form (a
token in the ``fc_p_<code>`` cookie), connects as a phone, the big screen or
the console, ``console.watch``, ``agenda.add`` and ``agenda.goto`` (a café
or a check-in), ``cafe.volunteer``, ``cafe.round.start`` and
``cafe.round.end`` (hosts stay, the others move on a table each round),
``card.add`` (the table's phones, the screen and the console hear it; the
same ``cid`` twice is one card), ``circle.start`` and ``circle.next``.
Static parts of the console's view (the activity kinds and templates the
app lists) are constants of the same size.

    python bench/bare_server.py --port 8091 --async-mode eventlet
"""
from __future__ import annotations

import argparse
import secrets
import sys
import time
from datetime import datetime, timezone
from pathlib import Path


def _options(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8091)
    parser.add_argument("--async-mode", choices=("eventlet", "gevent", "threading"), default="eventlet")
    return parser.parse_args(argv)


OPTIONS = _options(sys.argv[1:])

# As in facilitator/cli.py: patch the standard library before anything imports it.
if OPTIONS.async_mode == "eventlet":
    import warnings

    warnings.filterwarnings("ignore", category=DeprecationWarning, module="eventlet")
    import eventlet

    eventlet.monkey_patch()
elif OPTIONS.async_mode == "gevent":
    from gevent import monkey

    monkey.patch_all()

from flask import Flask, jsonify, make_response, request  # noqa: E402
from flask_socketio import SocketIO, emit, join_room  # noqa: E402
from socketio import packet  # noqa: E402


class JsonPacket(packet.Packet):
    """As the app's (facilitator/delivery/__init__.py): no walk of every payload looking for bytes."""

    uses_binary_events = False


app = Flask(__name__)
socketio = SocketIO(
    app,
    async_mode=OPTIONS.async_mode,
    ping_interval=15,
    ping_timeout=10,
    max_http_buffer_size=64 * 1024,
    serializer=JsonPacket,
)
# As the app (facilitator/delivery/__init__.py, route_for_socket_events): each event's request
# context finds a route, and leaves no NotFound or WebsocketMismatch and its frames for the
# collector; the second rule is for phones on a websocket, matched only against websocket rules.
app.add_url_rule("/socket.io/", endpoint="socket_events", view_func=lambda: ("", 404), methods=["GET", "POST"],
                 strict_slashes=False)
app.add_url_rule("/socket.io/", endpoint="socket_events_websocket", view_func=lambda: ("", 404), methods=["GET"],
                 strict_slashes=False, websocket=True)

CODE = "BENCH000"
TAGS = ["control", "contact", "confidence"]
# The console's lists of activity kinds and templates: static, as long as the app's.
KINDS = [{"kind": "static", "label": "Activity kinds", "description": "k" * 2240}]
TEMPLATES = [{"id": "static", "name": "Templates", "description": "t" * 780, "built_in": True, "activities": []}]


def now_iso() -> str:
    return datetime.now(timezone.utc).isoformat()


def server_time() -> int:
    return int(time.time() * 1000)


class Person:
    __slots__ = ("id", "name", "token", "joined_at", "online", "sids", "table", "previous", "volunteered", "status")

    def __init__(self, pid: int, name: str):
        self.id, self.name = pid, name
        self.token = secrets.token_urlsafe(32)
        self.joined_at = now_iso()
        self.online = False
        self.sids: set[str] = set()
        self.table: int | None = None
        self.previous: int | None = None
        self.volunteered = False
        self.status = "waiting"


class State:
    """Everything the event holds, in memory."""

    def __init__(self):
        self.people: list[Person] = []
        self.by_token: dict[str, Person] = {}
        self.by_sid: dict[str, Person] = {}
        self.agenda: list[dict] = [{"id": 1, "kind": "welcome", "title": "Welcome", "config": {"message": ""}, "started": True}]
        self.current = 1
        # café
        self.tables = 0
        self.capacity = 0
        self.rounds = 0
        self.round = 0
        self.round_status = "planned"
        self.deadline: int | None = None
        self.volunteers: list[Person] = []
        self.hosts: dict[int, Person] = {}
        self.at_table: dict[int, list[Person]] = {}  # table -> who sits there, in join order
        self.cards: list[dict] = []
        self.cids: set[str] = set()
        # check-in
        self.order: list[Person] = []
        self.speaker = -1
        self.phase = "ready"
        self.turn_started_at: str | None = None

    def activity(self) -> dict:
        return next(a for a in self.agenda if a["id"] == self.current)


S = State()
EVENT = {"code": CODE, "display_code": "BENC-H000", "title": "Bench", "purpose": "", "welcome_text": "",
         "agreement_text": "", "locked": False}


def rooms_event() -> str:
    return f"event:{CODE}"


def room_person(pid: int) -> str:
    return f"participant:{pid}"


def room_table(n: int) -> str:
    return f"table:{n}"


# --- views: the same shapes as the app's --------------------------------------------


def agenda_public() -> list[dict]:
    return [{"id": a["id"], "kind": a["kind"], "title": a["title"], "started": a["started"]} for a in S.agenda]


def round_view(number: int | None = None) -> dict | None:
    if not S.round:
        return None
    number = number or S.round
    return {"number": number, "of": S.rounds, "question": "", "minutes": 20,
            "status": S.round_status if number == S.round else ("ended" if number < S.round else "planned"),
            "seated": number <= S.round, "deadline": S.deadline, "remaining_ms": None, "repeats": 0}


def label(p: Person | None) -> dict | None:
    return {"id": p.id, "label": p.name} if p is not None else None


def activity_public() -> dict:
    a = S.activity()
    base = {"id": a["id"], "kind": a["kind"], "title": a["title"]}
    if a["kind"] == "cafe":
        return {**base, "round": round_view(), "rounds": S.rounds, "tables": S.tables, "anyone_can_post": False,
                "themes": [], "tags": TAGS}
    if a["kind"] == "checkin":
        spoken = sum(1 for p in S.order if p.status == "spoken")
        speaker = S.order[S.speaker] if 0 <= S.speaker < len(S.order) else None
        nxt = S.order[S.speaker + 1] if S.speaker + 1 < len(S.order) else None
        return {**base, "prompt": "What brings you here today?", "phase": S.phase, "silence_seconds": 0,
                "silence_ends_at": None, "chime": False, "turn_seconds": 0, "speaker": label(speaker),
                "turn_started_at": S.turn_started_at, "turn_ends_at": None, "paused": False, "paused_at": None,
                "pause_by": None, "next": label(nxt), "volunteer": None,
                "counts": {"spoken": spoken, "waiting": len(S.order) - spoken - (speaker is not None), "passed": 0},
                "pulse": False}
    return {**base, "message": ""}


def phone_public() -> dict:
    return {"event": EVENT, "agenda": agenda_public(), "activity": activity_public()}


def me(p: Person) -> dict:
    return {"id": p.id, "name": p.name, "label": p.name, "pronouns": None, "anonymous": False, "agreed": False}


def members_of(table: int) -> list[Person]:
    host = S.hosts.get(table)
    return ([host] if host else []) + [p for p in S.at_table.get(table, ()) if p is not host]


def mine(p: Person, members: dict[int, list[Person]] | None = None) -> dict:
    kind = S.activity()["kind"]
    if kind == "cafe":
        seat = None
        if p.table is not None:
            at = members[p.table] if members is not None else members_of(p.table)
            host = S.hosts.get(p.table)
            seat = {"table": p.table, "name": f"Table {p.table}", "host": host.name if host else None,
                    "is_host": host is p, "can_post": host is p,
                    "members": [{"id": m.id, "label": m.name, "host": m is host, "without_phone": False} for m in at],
                    "cards": []}
        previous = {"table": p.previous, "name": f"Table {p.previous}"} if p.previous else None
        return {"volunteered": p.volunteered, "seat": seat, "previous": previous, "my_cards": []}
    if kind == "checkin":
        return {"status": p.status, "passes": 0, "pulse_answered": False}
    return {}


def plan(console: bool) -> list[dict]:
    out = []
    for t in range(1, S.tables + 1):
        host = S.hosts.get(t)
        row = {"id": t, "name": f"Table {t}", "capacity": S.capacity, "host": host.name if host else None,
               "host_id": host.id if host else None, "host_away": False, "in_use": True,
               "chosen_host": host.name if host else None, "chosen_host_id": host.id if host else None,
               "members": [{"id": m.id, "label": m.name, "host": m is host} for m in members_of(t)]}
        out.append(row)
    return out


def queue(console: bool) -> list[dict]:
    if console:
        return [{"id": p.id, "label": p.name, "status": p.status, "passes": 0, "online": p.online, "without_phone": False}
                for p in S.order]
    return [{"id": p.id, "label": p.name, "status": p.status, "passes": 0} for p in S.order]


def screen_card(card: dict) -> dict:
    return {k: v for k, v in card.items() if k != "author"}


def screen_view(with_roster: bool) -> dict:
    act = activity_public()
    if act["kind"] == "cafe" and S.round:
        act["plan"] = plan(False)
        act["cards"] = [screen_card(c) for c in S.cards]
    elif act["kind"] == "checkin":
        act["queue"] = queue(False)
    out = {"event": EVENT, "join_url": f"http://127.0.0.1:{OPTIONS.port}/j/{CODE}", "agenda": agenda_public(),
           "activity": act, "agreements": [], "presentation": {"mode": "live", "spotlight": None}}
    if with_roster:
        out["roster"] = [{"id": p.id, "label": p.name, "anonymous": False, "online": p.online} for p in S.people]
        out["count"] = len(S.people)
        out["online"] = sum(1 for p in S.people if p.online)
    return out


def console_view(with_roster: bool) -> dict:
    act = activity_public()
    a = S.activity()
    if act["kind"] == "cafe":
        if S.round:
            act["plan"] = plan(True)
            act["group_by"] = "table"
            act["cards"] = list(S.cards)
            act["merged"] = []
        act["config"] = a["config"]
        act["all_rounds"] = [round_view(k) for k in range(1, S.rounds + 1)] if S.round else []
        act["volunteers"] = [{"id": v.id, "label": v.name} for v in S.volunteers]
        act.update(links=[], apart=[], stays=[], present=sum(1 for p in S.people if p.online),
                   sizing={"per_table": 4, "most": 5, "default_capacity": 5, "max_tables": 400, "min_at_table": 3},
                   unseated=[])
    elif act["kind"] == "checkin":
        act["queue"] = queue(True)
        act["config"] = a["config"]
    out = {"event": {**EVENT, "retain_until": None}, "join_url": f"http://127.0.0.1:{OPTIONS.port}/j/{CODE}",
           "screen_link": f"/e/{CODE}/screen#key=bare", "current": S.current,
           "agenda": [{"id": x["id"], "kind": x["kind"], "title": x["title"], "config": x["config"], "position": i}
                      for i, x in enumerate(S.agenda)],
           "activity": act, "presentation": {"mode": "live", "spotlight": None}, "kinds": KINDS}
    if with_roster:
        out["roster"] = [roster_person(p, True) for p in S.people]
        out["count"] = len(S.people)
        out["online"] = sum(1 for p in S.people if p.online)
    return out


def roster_person(p: Person, console: bool) -> dict:
    if console:
        return {"id": p.id, "label": p.name, "anonymous": False, "pronouns": None, "online": p.online,
                "without_phone": False, "joined_at": p.joined_at, "agreed_at": None}
    return {"id": p.id, "label": p.name, "anonymous": False, "online": p.online}


# --- sending: the app's order (phones first, then the screen and the console) --------


def patch(payload: dict, to) -> None:
    payload["server_time"] = server_time()
    socketio.emit("patch", payload, to=to)


def to_phones(*, public: bool = False, everyone: bool = False, persons=(), activity_only: bool = False) -> None:
    pub = phone_public() if (public or everyone) else None
    if pub is not None and activity_only:
        # As the app after a move of the talking piece or a café round's change: the phones keep
        # the event and the agenda.
        pub = {"activity": pub["activity"]}
    if public and not everyone:
        patch(dict(pub), rooms_event())
    targets = [p for p in S.people if p.online] if everyone else list(persons)
    members = None
    if targets and S.activity()["kind"] == "cafe":
        members = {t: members_of(t) for t in range(1, S.tables + 1)}
    for p in targets:
        body = {"me": me(p), "mine": mine(p, members)}
        patch({**pub, **body} if everyone else body, room_person(p.id))
    if len(targets) > 1:
        socketio.sleep(0)


def round_card(p: Person) -> dict:
    return {"round": S.round, "table": p.table, "table_name": f"Table {p.table}", "essence": "", "question": ""}


def round_started() -> None:
    """As the app at the start of a round seated earlier: the public patch, each host's round
    card alone, and the screen and the console the round alone (``inside``)."""
    to_phones(public=True, activity_only=True)
    for host in S.hosts.values():
        patch({"inside": {"mine": {"round_card": round_card(host)}}}, room_person(host.id))
    act = S.activity()["id"]
    patch({"inside": {"activity": {"id": act, "round": round_view()}}}, f"screen:{CODE}")
    patch({"inside": {"activity": {"id": act, "round": round_view(),
                                   "all_rounds": [round_view(k) for k in range(1, S.rounds + 1)]}}}, f"console:{CODE}")


def to_watchers(with_roster: bool = False) -> None:
    patch(screen_view(with_roster), f"screen:{CODE}")
    patch(console_view(with_roster), f"console:{CODE}")


BOARD = ("cards", "merged", "group_by")


def seating_to_watchers() -> None:
    """As the app after a seating (a round's end, a start that seats): the screen and the
    console the activity without its board (``inside``), which they keep."""
    for view, room in ((screen_view(False), f"screen:{CODE}"), (console_view(False), f"console:{CODE}")):
        act = {k: v for k, v in view["activity"].items() if k not in BOARD}
        patch({"inside": {"activity": act}}, room)


def roster_changed(p: Person) -> None:
    socketio.emit("roster.person", roster_person(p, False), to=f"screen:{CODE}")
    socketio.emit("roster.person", roster_person(p, True), to=f"console:{CODE}")


# --- HTTP --------------------------------------------------------------------------


@app.get("/healthz")
def healthz():
    return jsonify(ok=True)


@app.post("/api/e/<code>/join")
def join(code: str):
    body = request.get_json(silent=True) or {}
    person = Person(len(S.people) + 1, str(body.get("name") or "Anonymous")[:60])
    S.people.append(person)
    S.by_token[person.token] = person
    roster_changed(person)
    response = make_response(jsonify(ok=True, participant={"id": person.id, "label": person.name}))
    response.set_cookie(f"fc_p_{code}", person.token, httponly=True, samesite="Lax")
    return response


# --- connections -------------------------------------------------------------------


@socketio.on("connect")
def on_connect(auth=None):
    auth = auth or {}
    role = auth.get("role")
    if role == "participant":
        person = S.by_token.get(auth.get("token"))
        if person is None:
            return False
        S.by_sid[request.sid] = person
        person.sids.add(request.sid)
        person.online = True
        join_room(rooms_event())
        join_room(room_person(person.id))
        if person.table is not None:
            join_room(room_table(person.table))
        emit("snapshot", {"role": "participant", **phone_public(), "me": me(person), "mine": mine(person),
                          "server_time": server_time()})
        roster_changed(person)
    elif role == "screen":
        join_room(f"screen:{CODE}")
        emit("snapshot", {"role": "screen", **screen_view(True), "short_join": f"127.0.0.1:{OPTIONS.port}/j/BENC-H000",
                          "server_time": server_time()})
        socketio.emit("screens", {"screens": [{"id": request.sid, "since": now_iso(), "address": "127.0.0.1"}]},
                      to=f"console:{CODE}")
    else:
        emit("snapshot", {"role": "console", "events": [{"code": CODE, "display_code": "BENC-H000", "title": "Bench",
                                                         "created_at": now_iso(), "locked": False, "people": len(S.people)}],
                          "templates": TEMPLATES, "tls": False, "server_time": server_time()})


@socketio.on("disconnect")
def on_disconnect(*_args):
    person = S.by_sid.pop(request.sid, None)
    if person is not None:
        person.sids.discard(request.sid)
        person.online = bool(person.sids)
        roster_changed(person)  # as the app: the screen and the console see who left


@socketio.on("console.watch")
def console_watch(data=None):
    join_room(f"console:{CODE}")
    return {"ok": True, "snapshot": {"role": "console", **console_view(True), "server_time": server_time()}}


@socketio.on("agenda.add")
def agenda_add(data):
    kind = data["kind"]
    if kind == "cafe":
        cfg = data.get("config") or {}
        S.tables, S.capacity, S.rounds = int(cfg["tables"]), int(cfg["capacity"]), int(cfg["rounds"])
        config = {"tables": [{"name": f"Table {t}", "capacity": S.capacity} for t in range(1, S.tables + 1)],
                  "capacity": S.capacity, "rounds": [{"question": "", "minutes": 20}] * S.rounds, "minutes": 20,
                  "anyone_can_post": False}
    else:
        config = {"prompt": "What brings you here today?", "silence_seconds": 0, "turn_seconds": 0, "order": "join",
                  "pulse": False, "chime": False}
    activity = {"id": len(S.agenda) + 1, "kind": kind, "title": data.get("title") or kind, "config": config, "started": False}
    S.agenda.append(activity)
    to_phones(public=True)
    to_watchers()
    return {"ok": True, "id": activity["id"]}


@socketio.on("agenda.goto")
def agenda_goto(data):
    S.current = int(data["activity"])
    S.activity()["started"] = True
    if S.activity()["kind"] == "checkin":
        S.order = list(S.people)
        for p in S.order:
            p.status = "waiting"
        S.speaker, S.phase = -1, "ready"
    to_phones(everyone=True)
    to_watchers(with_roster=True)
    return {"ok": True}


@socketio.on("cafe.volunteer")
def cafe_volunteer(data=None):
    person = S.by_sid[request.sid]
    if not person.volunteered:
        person.volunteered = True
        S.volunteers.append(person)
    # As the app: this one offer, to the console and the person's own phone.
    socketio.emit("cafe.volunteers", {"activity": S.current, "id": person.id, "label": person.name, "on": True},
                  to=[f"console:{CODE}", room_person(person.id)])
    return {"ok": True}


def seat(number: int) -> None:
    """Hosts stay at their tables; everyone else moves on one table a round."""
    S.hosts = {t + 1: v for t, v in enumerate(S.volunteers[:S.tables])}
    hosting = set(S.hosts.values())
    travellers = [p for p in S.people if p.online and p not in hosting]
    for p in S.people:
        p.previous = p.table
    for t, host in S.hosts.items():
        host.table = t
    for i, p in enumerate(travellers):
        p.table = (i + number - 1) % S.tables + 1
    S.at_table = {}
    for p in S.people:
        if p.table is not None:
            S.at_table.setdefault(p.table, []).append(p)
    for p in S.people:
        if p.previous != p.table:
            for sid in p.sids:
                if p.previous is not None:
                    socketio.server.leave_room(sid, room_table(p.previous), namespace="/")
                if p.table is not None:
                    socketio.server.enter_room(sid, room_table(p.table), namespace="/")


@socketio.on("cafe.round.start")
def round_start(data=None):
    seated_now = S.round_status != "planned" or not S.round
    if seated_now:
        S.round += 1
        seat(S.round)
    S.round_status, S.deadline = "running", server_time() + 20 * 60 * 1000
    if seated_now:
        to_phones(everyone=True, activity_only=True)
        seating_to_watchers()
    else:
        round_started()
    return {"ok": True}


@socketio.on("cafe.round.end")
def round_end(data=None):
    S.round += 1
    S.round_status, S.deadline = "planned", None
    seat(S.round)
    to_phones(everyone=True, activity_only=True)  # as the app: a round's change is the activity's alone
    seating_to_watchers()
    return {"ok": True}


@socketio.on("card.add")
def card_add(data):
    person = S.by_sid.get(request.sid)
    cid = data.get("cid")
    if person is None or S.hosts.get(person.table) is not person:
        return {"ok": False, "error": "Only the table's host posts cards."}
    if cid in S.cids:
        return {"ok": True, "id": 0, "repeated": True}
    S.cids.add(cid)
    card = {"id": len(S.cards) + 1, "text": str(data.get("text"))[:500], "tag": None, "theme": None,
            "table": person.table, "table_name": f"Table {person.table}", "round": S.round, "author": person.id,
            "on_behalf": None, "pinned": False, "hidden": False, "merged": 0}
    S.cards.append(card)
    socketio.emit("board.card", card, to=room_table(person.table))
    socketio.emit("board.card", screen_card(card), to=f"screen:{CODE}")
    socketio.emit("board.card", card, to=f"console:{CODE}")
    return {"ok": True, "id": card["id"], "repeated": False}


def move(to: int) -> None:
    changed = []
    if 0 <= S.speaker < len(S.order):
        S.order[S.speaker].status = "spoken"
        changed.append(S.order[S.speaker])
    S.speaker = to
    if S.speaker < len(S.order):
        S.order[S.speaker].status = "speaking"
        changed.append(S.order[S.speaker])
        S.phase = "round"
    else:
        S.phase = "done"
    S.turn_started_at = now_iso()
    to_phones(public=True, activity_only=True)
    to_phones(persons=changed)
    to_watchers()


@socketio.on("circle.start")
def circle_start(data=None):
    move(0)
    return {"ok": True}


@socketio.on("circle.next")
def circle_next(data=None):
    move(S.speaker + 1)
    return {"ok": True}


def main() -> None:
    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < hard:
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from facilitator.serving import no_delay_options

    kwargs: dict = {"log_output": False, **no_delay_options(OPTIONS.async_mode)}
    if OPTIONS.async_mode == "eventlet":
        kwargs["max_size"] = 10_000  # as the app: eventlet's default pool caps connections at 1,024
    elif OPTIONS.async_mode == "threading":
        kwargs["allow_unsafe_werkzeug"] = True
    socketio.run(app, host=OPTIONS.host, port=OPTIONS.port, **kwargs)


if __name__ == "__main__":
    main()
