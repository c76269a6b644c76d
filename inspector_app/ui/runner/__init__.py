"""The checklist runner screen: walk the items, record findings, finish, documents."""
