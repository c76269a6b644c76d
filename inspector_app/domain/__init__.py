"""Plain-Python domain: lifecycles, rules and value objects.

Nothing here imports Qt, SQLAlchemy or an HTTP library; every other layer
builds on these definitions.
"""
