"""Shared pieces of the benchmarks: a production server on its own data, a Reflex websocket session, figures."""
