"""/workout: the next session as a structured watch workout (a FIT file)."""
