"""Sub-command groups of the command line, one module each (cli.py wires them in)."""
