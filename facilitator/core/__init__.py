"""What every activity kind stands on: the event, its people, the agenda, the group agreement,
and what a change means for the room (``outbound``). Plain Python: no Flask, no sockets."""
