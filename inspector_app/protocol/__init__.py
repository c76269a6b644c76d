"""The wire contract between the desktop app and the server: plain pydantic models only.

One module per resource (auth, reference, numbering, blobs, sync, errors) on one base
(base.py). Nothing here imports the server, the store or the UI.
"""
