"""Central server (FastAPI): accounts, numbering and an append-only audit log so far.

Installed with `pip install .[server]`; the desktop app never imports this package.
"""
