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
