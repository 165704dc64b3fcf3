"""The gate in front of Socket.IO: a person's allowance, dropped frames, cutting off a flood."""
from facilitator.delivery.gate import ADMIT, CUT_OFF, DROP, FrameGate
from facilitator.delivery.limits import RateLimiter
from tests.factories import FrozenClock

EVENT = '42["sync",{}]'


def gate(clock) -> FrameGate:
    return FrameGate(
        RateLimiter(rate=20.0, burst=60, message="", clock=clock),
        RateLimiter(rate=20.0, burst=100, message="", clock=clock),
    )


def test_a_phone_at_a_persons_pace_is_never_dropped():
    clock = FrozenClock()
    door = gate(clock)
    for _ in range(600):  # ten a second for a minute
        assert door.decide("conn-1", ("participant", 7), EVENT) == ADMIT
        clock.now += 0.1


def test_frames_past_the_allowance_are_dropped_and_a_flood_is_cut_off():
    clock = FrozenClock()
    door = gate(clock)
    verdicts = [door.decide("conn-1", ("participant", 7), EVENT) for _ in range(1000)]
    assert verdicts[:60] == [ADMIT] * 60
    assert verdicts[60:160] == [DROP] * 100
    assert verdicts[160] == CUT_OFF
    assert set(verdicts[161:]) == {DROP}  # nothing more is handled while it closes


def test_a_person_shares_one_allowance_over_all_their_connections():
    clock = FrozenClock()
    door = gate(clock)
    admitted = sum(door.decide(f"conn-{n}", ("participant", 7), EVENT) == ADMIT for n in range(10) for _ in range(60))
    assert admitted == 60
    assert door.decide("conn-other", ("participant", 8), EVENT) == ADMIT  # the next person is untouched


def test_a_binary_frame_is_not_from_our_client_and_is_cut_off():
    clock = FrozenClock()
    door = gate(clock)
    assert door.decide("conn-1", ("participant", 7), b"\x00" * 10) == CUT_OFF
    assert door.decide("conn-2", ("participant", 8), '51-["card.add",{"_placeholder":true,"num":0}]') == CUT_OFF
