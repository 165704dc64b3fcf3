"""The 3Cs pulse: how much Control, Contact and Confidence people feel, anonymously."""

# The 3Cs, in the order every view and export lists them: the one place Python names them
# (a card's tag is one of them too).
LABELS = {"control": "Control", "contact": "Contact", "confidence": "Confidence"}
DIMENSIONS = tuple(LABELS)
IN_WORDS = f"{LABELS['control']}, {LABELS['contact']} or {LABELS['confidence']}"
