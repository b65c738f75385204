"""Qt item models over the ``ArchiveReader`` port; one module per list the window shows."""
