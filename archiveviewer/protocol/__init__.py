"""protocol layer of archiveviewer (see ARCHITECTURE.md): XEP-0136 without I/O.

Both dialects (``Dialect.SEED`` = ``http://jabber.org/protocol/archive``,
``Dialect.URN`` = ``urn:xmpp:archive``) go through the same functions; the
few spellings that differ live in :mod:`.names`.

- :mod:`.codec`: ``collection_from_element``, ``collections_in``, ``collection_in``,
  ``collection_element``, ``store_element`` (the upload payload),
  ``encrypted_item_from_element``.
- :mod:`.prefs`: ``prefs_from_element``, ``pref_element``, ``auto_element``,
  ``auto_from_element``, ``itemremove_element``, ``sessionremove_element``.
- :mod:`.requests`: ``list_element``, ``retrieve_element``, ``remove_element``,
  ``modified_element``, ``changes_from_element``, ``keys_element``,
  ``delete_element``, ``rsm_element``/``PageRequest``,
  ``page_from_element``/``PageResult``; ``request_from_element`` reads a
  request back (what a server sees).
- :mod:`.paging`: when a page ends a result set, merging retrieve pages,
  the running clock of a page, cutting uploads to a size.
- :mod:`.features`: ``archive_support(disco features)`` -> dialects and their parts;
  ``choose_support`` picks one.
- :mod:`.timing`: ``secs``/``utc`` to absolute times and back.
- :mod:`.xmlpolicy`: the untrusted-XML policy, every limit with its reason.
- :mod:`.safexml`: ``parse_xml``, ``parse_stream`` (refuse DTDs, entities, oversize input).
- :mod:`.streamguard`: ``StreamGuard``, the policy on the XMPP stream before slixmpp reads it.
- :mod:`.xep0082`: date-times.
"""
