"""Use cases: plain functions `fn(uow, plain args) -> result`.

The Qt app, the CLI and the tests all call these; none of them builds SQL.
"""
