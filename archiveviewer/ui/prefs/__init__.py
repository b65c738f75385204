"""The Archiving preferences surface: the dialog and the window's entry into it.

- :mod:`.entry`: :class:`PrefsEntry`, the "Archiving preferences…" action and the
  warning when a server archives a new connection automatically;
- :mod:`.dialog`: :class:`PrefsDialog` (default, contacts, methods and automatic
  archiving, the effective-policy line, a place for MAM preferences);
- :mod:`.fields`, :mod:`.items`, :mod:`.methods`: its parts.

It sees the account only through :mod:`archiveviewer.ports.prefs`.
"""

from archiveviewer.ui.prefs.dialog import PrefsDialog
from archiveviewer.ui.prefs.entry import PrefsEntry, PrefsSource

__all__ = ["PrefsDialog", "PrefsEntry", "PrefsSource"]
