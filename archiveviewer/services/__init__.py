"""What a user does, with no Qt: the one place that turns the layers below into commands.

Both the window (through :mod:`archiveviewer.ports`) and the command line
(:mod:`archiveviewer.cli`) call these; neither builds its own. One module per
capability: ``connection`` (an account's live session), and, as they land,
accounts and passwords, the workspace, archive commands, sync, preferences,
bookmarks, private XML, keys and archive files. Services may use asyncio; they
never import ``ui`` or PySide6.
"""
