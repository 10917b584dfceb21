"""Writers: they read a Portfolio or Plan and write files atomically; they never recompute."""
