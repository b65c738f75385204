"""The Trash: conversations removed from the server, kept to be restored (Archive → Trash…)."""

from archiveviewer.ui.trash.entry import TrashEntry

__all__ = ["TrashEntry"]
