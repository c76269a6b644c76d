"""Central server (FastAPI): accounts, reference data, sync, blobs, official numbering and an
append-only audit log, over the wire models in `inspector_app.protocol`.

Installed with `pip install .[server]`; the desktop app never imports this package.
"""
