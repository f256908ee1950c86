"""Executors run the same `Pipeline` over shards: in this process or in worker processes."""
