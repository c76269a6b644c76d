"""四不两直 field inspection: desktop app, local store and sync server."""

__version__ = "0.1.0"
