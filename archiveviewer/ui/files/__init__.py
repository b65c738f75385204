"""Archive files in the window: the Export dialog and opening a file to browse it."""
