"""The registry of live connections (delivery/auth.py): by socket, by role, by person, by event."""
from __future__ import annotations

from facilitator.delivery.auth import COHOST, FACILITATOR, PARTICIPANT, SCREEN, Actor, Connections


def _registry() -> Connections:
    connections = Connections()
    connections.add(Actor(PARTICIPANT, "sam-phone", event_id=1, participant_id=10))
    connections.add(Actor(PARTICIPANT, "sam-tablet", event_id=1, participant_id=10))
    connections.add(Actor(PARTICIPANT, "ada-phone", event_id=2, participant_id=20))
    connections.add(Actor(SCREEN, "screen-1", event_id=1))
    connections.add(Actor(COHOST, "cohost-3", event_id=3))
    connections.add(Actor(FACILITATOR, "console", watching_event_id=2))
    return connections


def test_connections_are_found_by_role_person_and_event():
    connections = _registry()
    assert connections.sids_of_participant(10) == ["sam-phone", "sam-tablet"]
    assert connections.sids_of_participant(99) == []
    assert connections.sids_with_role(PARTICIPANT) == ["sam-phone", "sam-tablet", "ada-phone"]
    assert [a.sid for a in connections.of_role(FACILITATOR)] == ["console"]
    assert [a.sid for a in connections.of_event(PARTICIPANT, 1)] == ["sam-phone", "sam-tablet"]
    assert [a.sid for a in connections.of_event(COHOST, 1)] == []
    assert connections.events_of(PARTICIPANT, SCREEN) == {1, 2}
    assert connections.events_of(COHOST) == {3}
    assert len(connections.actors()) == 6


def test_a_connection_that_leaves_is_in_no_index_and_an_event_nobody_follows_is_forgotten():
    connections = _registry()
    assert connections.pop("ada-phone").participant_id == 20
    assert connections.pop("ada-phone") is None  # twice: nothing more to forget
    assert connections.sids_of_participant(20) == [] and connections.events_of(PARTICIPANT, SCREEN) == {1}
    connections.pop("sam-phone")
    assert connections.sids_of_participant(10) == ["sam-tablet"] and connections.events_of(PARTICIPANT) == {1}
    connections.pop("sam-tablet")
    connections.pop("screen-1")
    assert connections.events_of(PARTICIPANT, SCREEN) == set()
    assert connections.sids_with_role(PARTICIPANT) == [] and connections.get("sam-tablet") is None


def test_a_socket_registered_again_is_indexed_as_what_it_is_now():
    connections = _registry()
    connections.add(Actor(PARTICIPANT, "sam-phone", event_id=2, participant_id=30))
    assert connections.get("sam-phone").participant_id == 30
    assert connections.sids_of_participant(10) == ["sam-tablet"]
    assert connections.sids_of_participant(30) == ["sam-phone"]
    assert [a.sid for a in connections.of_event(PARTICIPANT, 2)] == ["ada-phone", "sam-phone"]
    connections.pop("sam-tablet")
    assert connections.events_of(PARTICIPANT) == {2}
