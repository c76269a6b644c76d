"""Sync in the app: sign-in, the 同步 button, its progress, the status bar and conflicts."""
