"""The Bookmarks window, its edit dialog and list model, and the menu entries that open it."""
