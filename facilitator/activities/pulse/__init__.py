"""The 3Cs pulse: how much Control, Contact and Confidence people feel, anonymously."""
