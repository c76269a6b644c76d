"""The home screen: the list of inspections and starting a new one."""
