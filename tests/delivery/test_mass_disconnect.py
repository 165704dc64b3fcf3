"""Every phone dropping at once (the venue's Wi-Fi blinks) costs the server work in proportion to the phones, not its square (issue #22, item 5)."""
from __future__ import annotations

import socketio

from facilitator.delivery.manager import IndexedManager

PHONES = 2000


class CountingRooms(dict):
    """A namespace's rooms that count every look through all of them."""

    scans = 0

    def items(self):
        CountingRooms.scans += 1
        return super().items()

    def copy(self):
        CountingRooms.scans += 1
        return CountingRooms(super().copy())

    def __iter__(self):
        CountingRooms.scans += 1
        return super().__iter__()


def connected_room(manager) -> list[str]:
    socketio.Server(client_manager=manager, async_mode="threading")
    sids = []
    for i in range(PHONES):
        sid = manager.connect(f"eio-{i}", "/")
        manager.enter_room(sid, "/", f"participant:{i + 1}")
        manager.enter_room(sid, "/", "event:1")
        manager.enter_room(sid, "/", f"event:1:table:{i % 250}")
        sids.append(sid)
    return sids


def test_two_thousand_phones_leaving_at_once_never_look_through_every_room():
    manager = IndexedManager()
    sids = connected_room(manager)
    manager.rooms["/"] = CountingRooms(manager.rooms["/"])
    CountingRooms.scans = 0
    for sid in sids:
        manager.disconnect(sid, "/")
    assert CountingRooms.scans == 0, f"{CountingRooms.scans} looks through all {2 * PHONES + 251} rooms"
    assert manager.rooms == {}, "every room is gone with its last phone"


def test_a_phone_leaving_leaves_exactly_its_rooms_and_the_others_stay():
    manager = IndexedManager()
    sids = connected_room(manager)
    leaving, staying = sids[7], sids[8]
    assert sorted(manager.get_rooms(leaving, "/"), key=str) == sorted(
        [leaving, "participant:8", "event:1", "event:1:table:7"], key=str
    )
    manager.leave_room(leaving, "/", "event:1:table:7")
    manager.disconnect(leaving, "/")
    assert manager.get_rooms(leaving, "/") == []
    assert not manager.is_connected(leaving, "/")
    assert "participant:8" not in manager.rooms["/"]
    assert [s for s, _ in manager.get_participants("/", "event:1")].count(leaving) == 0
    assert len(list(manager.get_participants("/", "event:1"))) == PHONES - 1
    assert staying in dict(manager.get_participants("/", "event:1:table:8"))
    assert sorted(manager.get_rooms(staying, "/"), key=str) == sorted(
        [staying, "participant:9", "event:1", "event:1:table:8"], key=str
    )


def test_the_app_uses_the_indexed_manager_without_a_message_queue(app):
    from facilitator.delivery import socketio as sio

    assert isinstance(sio.server.manager, IndexedManager)


class CountedSid(str):
    """A sid that counts how often it is compared with another (a look through a list compares with each)."""

    compared = 0

    def __eq__(self, other):
        CountedSid.compared += 1
        return str.__eq__(self, other)

    __hash__ = str.__hash__


def test_phones_leaving_while_the_others_wait_their_turn_are_each_found_without_looking_through_the_rest():
    """When the Wi-Fi drops, every leaving phone is pending at once while the disconnect handlers
    wait for the database: python-socketio looks each up among the pending (``is_connected``),
    then takes it out. A list made that a look through every other leaving phone."""
    manager = IndexedManager()
    server = socketio.Server(client_manager=manager, async_mode="threading")
    server.eio.generate_id = lambda counter=iter(range(10**9)): CountedSid(f"sid-{next(counter)}")
    sids = [manager.connect(f"eio-{i}", "/") for i in range(PHONES)]
    for sid in sids:
        manager.pre_disconnect(sid, "/")
    CountedSid.compared = 0
    for sid in reversed(sids):  # in whatever order their handlers get their turn: here the last first
        assert not manager.is_connected(sid, "/"), "a phone that is leaving is not connected"
        manager.disconnect(sid, "/")
    assert CountedSid.compared < PHONES, f"{CountedSid.compared} comparisons for {PHONES} phones leaving"
    assert manager.rooms == {} and not manager.pending_disconnect
