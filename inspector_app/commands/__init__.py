"""Command groups of `inspector-app`, each registering its own subcommands (see cli.py)."""
