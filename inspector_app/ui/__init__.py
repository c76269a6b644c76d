"""Qt user interface. Widgets call services through the composition root; never the store."""
