"""Qt user interface: one subpackage per screen (home/, runner/, photos/).

Every user action is an operation (operations/) that StoreRunner runs on the
store thread; the runner is the UI's only door to the store, and only the
composition root (app.py) opens it.
"""
