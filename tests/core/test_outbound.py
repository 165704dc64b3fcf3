"""What a change says about who must hear of it, merged as a grouped action merges them."""
from facilitator.core.outbound import Changes


def test_a_change_to_the_activity_alone_stays_so_only_merged_with_another_such_change():
    move = Changes(1, phones=True, activity_only=True)
    assert move.merge(Changes(1, phones=True, activity_only=True)).activity_only
    # Anything that does not say so may have changed the event or its agenda: phones get them again.
    assert not Changes(1, phones=True, activity_only=True).merge(Changes(1, console=True)).activity_only
    assert not Changes(1, console=True).merge(Changes(1, phones=True, activity_only=True)).activity_only
    assert not Changes.everything(1).activity_only
