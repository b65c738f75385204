"""The window (PySide6): one sub-package per surface, put together by ``window.py``.

Where things are:

* ``window.py`` builds the surfaces, places them and connects their signals
  (``MainWindow._connect_signals``); it runs no command itself.
* ``browser/`` contacts, dates and the conversation list, and the removals;
  ``reader/`` the open conversation and its commands (fetch, decrypt, note,
  subject, copy, export); ``search/``; ``sync/``; ``accounts/`` (add, connect,
  trust a certificate); ``dialogs/`` questions and errors any surface uses.
* ``threads.py`` is the threading rule: the only ways work leaves the UI
  thread and comes back. ``messages.py`` is the one path to the user,
  ``settings.py`` declares every setting, ``actions.py`` every menu entry.
* ``ports.py`` is what the window needs from the layers below.

A new surface (preferences, bookmarks, keys, files, ...) gets its own folder
here, next to the others: its widgets or dialog, and a ``commands.py`` whose
``async`` methods are :func:`threads.command` slots. It gets a menu entry by
an ``ActionSpec`` in ``actions.SPECS`` plus its name in ``actions.MENUS``; the
window builds the surface in ``_build_surfaces`` and connects the action's
``triggered`` to the command in ``_connect_signals``.
"""
