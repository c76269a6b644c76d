"""The HTTP layer: typed dependencies (deps.py) and one router per resource (routes/)."""
