"""The conversation view and what the user does with the open conversation."""
