"""xmpp layer of archiveviewer (see ARCHITECTURE.md): the network.

The interface other layers use:

- :mod:`.session`: :class:`~.session.AccountSession` (connect, disconnect,
  roster, server/account disco features, reconnect with backoff) built from
  :class:`~.session.AccountSettings`; its state changes arrive as
  :class:`~.session.StateChange` (:class:`~.session.SessionState`).
- ``AccountSession.archive``: the :class:`~.xep_0136.XEP_0136` plugin,
  XEP-0136 in both dialects (discover, list, retrieve, store, remove,
  preferences and their pushes, modified, keys). Its methods are plain
  coroutines, safe to run concurrently.
- :mod:`.iq`: the one way a request is sent and its failure worded
  ("Could not *action*: *reason*."); :mod:`.disco`: disco#info asked once
  per JID and connection, shared by the session, the archive and bookmarks.
- Failures are :mod:`archiveviewer.errors` types with a sentence:
  AuthenticationFailed, HostUnreachable, UntrustedCertificate (with the
  fingerprint), Timeout, NotConnected, ServerError (and
  :class:`~.xep_0136.StoreIncomplete`).

Importing :mod:`.xep_0136` registers our slixmpp plugin ``xep_0136``.
"""
