"""The stages: each a small class with `setup()` and `__call__(records) -> records`."""
