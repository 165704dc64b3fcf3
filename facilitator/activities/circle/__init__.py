"""The circle: a talking piece goes round, time-boxed, and anyone may pass."""
