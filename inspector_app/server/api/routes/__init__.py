"""One router module per resource; api/main.py mounts them under /api/v1."""
