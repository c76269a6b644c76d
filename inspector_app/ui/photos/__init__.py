"""Photo widgets: the strip under a finding, the viewer, the camera."""
