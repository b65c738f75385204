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
  ``settings/`` declares every setting (in its ``__init__``; an editor for
  them goes next to it), ``actions.py`` declares every menu entry.
* What the window needs from the layers below comes through
  :mod:`archiveviewer.ports` (one module per surface), handed in by ``app.py``.

A new surface (preferences, bookmarks, keys, files, settings, ...) gets its own
folder here, next to the others: its widgets or dialog, and a ``commands.py``
whose ``async`` methods are :func:`threads.command` slots (subclass
``context.SurfaceCommands`` if they work on the archive shown). It gets a menu
entry by an ``ActionSpec`` in ``actions.SPECS`` plus its name in
``actions.MENUS``; the window builds the surface in ``_build_surfaces`` and
connects the action's ``triggered`` to the command in ``_connect_signals``.
"""
