"""Sync: the running sync, its progress and Cancel in the status bar."""
