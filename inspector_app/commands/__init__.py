"""Command groups of `inspector-app`, one module per group of sub-commands."""
