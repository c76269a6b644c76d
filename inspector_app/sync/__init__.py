"""The desktop's sync client: the connection to one server and the user's token.

Runs without Qt and without the UI (the CLI syncs too); it may import only
protocol/, domain/, store/ and services/ (tests/test_layers.py).
"""
