"""Command-line handlers too large for cli.py, one module per command."""
