"""The Private XML inspector (the Advanced menu)."""
