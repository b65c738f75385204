"""Archive browsing: contacts, their dates, the list of conversations, and removals."""
