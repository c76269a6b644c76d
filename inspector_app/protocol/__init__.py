"""Wire schemas shared by the sync client and the server (plain pydantic, no Qt, no SQL)."""
