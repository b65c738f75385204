"""Dialogs any surface may open: questions awaited without blocking, errors, passphrases."""
