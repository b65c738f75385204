"""What a user does, with no Qt: the one place that turns the layers below into commands.

Both the window (through :mod:`archiveviewer.ports`) and the command line
(:mod:`archiveviewer.cli`) call these; neither builds its own. One module per
capability:

* ``workspace``: the folders (replicas, keys, rosters, pinned certificates);
* ``passwords``: the system keyring (the only module that touches it);
* ``login``: an account's ``AccountSettings`` (the only builder) and a command's session;
* ``connection``: an account's live session, shared by the services that need the server;
* ``accounts``: opening an account for the window (``NetworkOpener``);
* ``archive``: the window's archive commands (retrieve, note, subject, remove, sync, decrypt);
* ``listing``: the server's list before the first sync;
* ``sync``: replication of the server's archive into the replica;
* ``history``: the same from message archives (XEP-0313), and which source an account uses;
* ``keys``: unlocking keys, key files, re-keying;
* ``replica_reader`` and ``memory``: the window's ``ArchiveReader`` over the replica or a list;
* ``bookmarks``: the bookmarks of every home (``BookmarkEditor``), ``private_xml``: any
  private XML namespace (``PrivateXmlEditor``);
* ``worker``: the program's one pool of threads, which every service uses for blocking work;
* ``prefs``: archiving preferences and automatic archiving, checked before sending.

Archive files land here as they arrive.
Services may use asyncio; they never import ``ui``, PySide6, ``app`` or ``cli``.
"""
