"""The world café: tables with hosts, rounds with a question and a timer, seating that mixes people."""
