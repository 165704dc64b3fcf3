"""What spans every kind of an event: the snapshots each role draws from, what the big
screen presents, what the room prints, agenda templates and erasure."""
