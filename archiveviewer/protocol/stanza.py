"""slixmpp stanza classes of XEP-0136, for both dialects.

Each element is written once as a dialect-neutral base class naming its
local name and interfaces; each dialect then has a two-line subclass fixing
the namespace and a ``plugin_attrib`` with the dialect's prefix
(``archive_seed_`` for ``http://jabber.org/protocol/archive``,
``archive_urn_`` for ``urn:xmpp:archive``), so both families plug into
``Iq`` side by side: ``iq['archive_seed_list']``, ``iq['archive_urn_list']``.

Nothing is registered at import time: the network layer calls
:func:`register_stanza_plugins` from its plugin's ``plugin_init``. The codecs
in :mod:`archiveviewer.protocol.codec` and friends work on the
``.xml`` of these stanzas (plain ElementTree elements), so files and the
network share them.
"""

# slixmpp reads interfaces/sub_interfaces as plain class-level sets; that is its API.
# ruff: noqa: RUF012

from __future__ import annotations

from typing import Any

from slixmpp.plugins.xep_0059.stanza import Set
from slixmpp.stanza import Iq
from slixmpp.xmlstream import ElementBase, register_stanza_plugin

from archiveviewer.domain import Dialect

# --- Containers of many items --------------------------------------------------------


class _LazyChildren(ElementBase):
    """A received container whose child stanzas are made only when first asked for.

    slixmpp makes a stanza object for every registered child of a received
    element, at once: for a retrieved collection that is one per message,
    which cost as much as reading the messages, although the network layer
    reads the plain ``.xml`` with :mod:`archiveviewer.protocol.codec`. Here
    ``plugins``, ``iterables`` and ``loaded_plugins`` are filled from the XML
    on first use, exactly as slixmpp would have filled them.
    """

    _unread_xml = False

    def setup(self, xml: Any = None) -> bool:
        if super().setup(xml):
            return True  # made from scratch: nothing to read
        self._unread_xml = True
        return True  # tells ElementBase.__init__ the children need no reading now

    def _read_children(self) -> None:
        if not self._unread_xml:
            return
        self._unread_xml = False
        for child in self.xml:
            if child.tag in self.plugin_tag_map:
                plugin_class = self.plugin_tag_map[child.tag]
                self.init_plugin(plugin_class.plugin_attrib, existing_xml=child, reuse=False)

    def _lazy(name: str) -> Any:  # type: ignore[misc]  # a property factory, used just below
        def get(self: _LazyChildren) -> Any:
            self._read_children()
            return self.__dict__[name]

        def put(self: _LazyChildren, value: Any) -> None:
            self.__dict__[name] = value

        return property(get, put)

    plugins = _lazy("plugins")
    iterables = _lazy("iterables")
    loaded_plugins = _lazy("loaded_plugins")
    del _lazy


# --- Preferences ------------------------------------------------------------------


class _Pref(ElementBase):
    """``<pref/>``: archiving preferences, asked for, set, or pushed.

    Holds ``<default/>``, ``<item/>`` (many), ``<method/>`` (many), ``<auto/>``
    and, in ``urn:xmpp:archive``, ``<session/>`` (many).
    """

    name = "pref"
    interfaces = set()


class _Default(ElementBase):
    """``<default save='body' otr='allow' expire='31536000' unset='true'/>``."""

    name = "default"
    interfaces = {"save", "otr", "expire", "unset"}


class _Item(ElementBase):
    """``<item jid='romeo@montague.net' save='false' otr='require' expire='…'/>``.

    Also the child of ``urn:xmpp:archive``'s ``<itemremove/>`` (``jid`` only).
    """

    name = "item"
    interfaces = {"jid", "save", "otr", "expire"}


class _Method(ElementBase):
    """``<method type='auto' use='never'/>``."""

    name = "method"
    interfaces = {"type", "use"}


class _Auto(ElementBase):
    """``<auto save='true' encrypt='true'/>`` (seed) or ``<auto save='true' scope='global'/>``.

    A request on its own or a child of a ``<pref/>`` result; in the seed it
    may carry a ``KeyInfo`` with public keys, kept as XML.
    """

    name = "auto"
    interfaces = {"save", "encrypt", "scope"}


class _Session(ElementBase):
    """``<session thread='…' save='body' otr='concede' timeout='3600'/>`` (urn only)."""

    name = "session"
    interfaces = {"thread", "save", "otr", "timeout"}


class _ItemRemove(ElementBase):
    """``<itemremove><item jid='benvolio@montague.net'/></itemremove>`` (urn only)."""

    name = "itemremove"
    interfaces = set()


class _SessionRemove(ElementBase):
    """``<sessionremove><session thread='…'/></sessionremove>`` (urn only)."""

    name = "sessionremove"
    interfaces = set()


# --- Collections --------------------------------------------------------------------


class _List(_LazyChildren):
    """``<list with='…' start='…' end='…'><set/></list>``; results hold collections."""

    name = "list"
    interfaces = {"with", "start", "end", "exactmatch"}


class _Retrieve(ElementBase):
    """``<retrieve with='…' start='…'><KeyName/>…<set/></retrieve>``."""

    name = "retrieve"
    interfaces = {"with", "start"}


class _Collection(_LazyChildren):
    """A collection: ``<store/>`` (seed) or ``<chat/>`` (urn).

    ``<store with='juliet@capulet.com/chamber' start='1469-07-21T02:56:15Z'
    subject='She speaks!' crypt='true'>`` (seed) or ``<chat with start subject
    thread version>`` (urn), holding ``<to/>``, ``<from/>``, ``<note/>``,
    ``EncryptedData``/``EncryptedKey`` and an RSM ``<set/>``.
    """

    interfaces = {"with", "start", "subject", "crypt", "thread", "version"}


class _Save(ElementBase):
    """``<save><chat …>…</chat></save>``: a manual upload (urn only)."""

    name = "save"
    interfaces = set()


# Messages, notes and replication entries carry meaning in their order, so they are
# reached through ``iterables`` (document order) and have no ``plugin_multi_attrib``:
# slixmpp's multi attributes regroup children by kind when values are set.


class _Message(ElementBase):
    """``<to secs='11'><body>…</body></to>``, or ``<from utc='…' name='nick'>``."""

    interfaces = {"secs", "utc", "name", "jid", "body"}
    sub_interfaces = {"body"}


class _To(_Message):
    """``<to secs='…' utc='…'><body>…</body></to>``: a message the owner sent."""

    name = "to"


class _From(_Message):
    """``<from secs='…' utc='…' name='…'><body>…</body></from>``: a message received."""

    name = "from"


class _Note(ElementBase):
    """``<note utc='1469-07-21T03:04:35Z'>I think she might fancy me.</note>``."""

    name = "note"
    interfaces = {"utc", "text"}

    def get_text(self) -> str:
        return self.xml.text or ""

    def set_text(self, value: str) -> None:
        self.xml.text = value

    def del_text(self) -> None:
        self.xml.text = None


class _Remove(ElementBase):
    """``<remove with='…' start='…' end='…' open='true'/>``; every attribute optional."""

    name = "remove"
    interfaces = {"with", "start", "end", "open", "exactmatch"}


class _Modified(_LazyChildren):
    """``<modified start='…'><set/></modified>``; results hold changed/removed."""

    name = "modified"
    interfaces = {"start", "version"}


class _Changed(ElementBase):
    """``<changed with='…' start='…' version='…'/>`` in a ``<modified/>`` result."""

    name = "changed"
    interfaces = {"with", "start", "version"}


class _Removed(ElementBase):
    """``<removed with='…' start='…' version='…'/>`` in a ``<modified/>`` result."""

    name = "removed"
    interfaces = {"with", "start", "version"}


class _Keys(_LazyChildren):
    """``<keys><KeyName/><set/></keys>``; results hold ``<store/>`` with EncryptedKeys (seed)."""

    name = "keys"
    interfaces = set()


class _Delete(ElementBase):
    """``<delete with='…' start='…'><KeyName/></delete>``: drop EncryptedKeys (seed)."""

    name = "delete"
    interfaces = {"with", "start"}


class _Archive(_LazyChildren):
    """``<archive with='…'><store/>…</archive>``: the seed's file format root."""

    name = "archive"
    interfaces = {"with"}


# --- The seed: http://jabber.org/protocol/archive ------------------------------------

_SEED = Dialect.SEED.value
_URN = Dialect.URN.value


class SeedPref(_Pref):
    namespace = _SEED
    plugin_attrib = "archive_seed_pref"


class SeedDefault(_Default):
    namespace = _SEED
    plugin_attrib = "archive_seed_default"


class SeedItem(_Item):
    namespace = _SEED
    plugin_attrib = "archive_seed_item"
    plugin_multi_attrib = "archive_seed_items"


class SeedMethod(_Method):
    namespace = _SEED
    plugin_attrib = "archive_seed_method"
    plugin_multi_attrib = "archive_seed_methods"


class SeedAuto(_Auto):
    namespace = _SEED
    plugin_attrib = "archive_seed_auto"


class SeedList(_List):
    namespace = _SEED
    plugin_attrib = "archive_seed_list"


class SeedRetrieve(_Retrieve):
    namespace = _SEED
    plugin_attrib = "archive_seed_retrieve"


class SeedStore(_Collection):
    name = "store"
    namespace = _SEED
    plugin_attrib = "archive_seed_store"
    plugin_multi_attrib = "archive_seed_stores"


class SeedTo(_To):
    namespace = _SEED
    plugin_attrib = "archive_seed_to"


class SeedFrom(_From):
    namespace = _SEED
    plugin_attrib = "archive_seed_from"


class SeedNote(_Note):
    namespace = _SEED
    plugin_attrib = "archive_seed_note"


class SeedRemove(_Remove):
    namespace = _SEED
    plugin_attrib = "archive_seed_remove"


class SeedModified(_Modified):
    namespace = _SEED
    plugin_attrib = "archive_seed_modified"


class SeedChanged(_Changed):
    namespace = _SEED
    plugin_attrib = "archive_seed_changed"


class SeedRemoved(_Removed):
    namespace = _SEED
    plugin_attrib = "archive_seed_removed"


class SeedKeys(_Keys):
    namespace = _SEED
    plugin_attrib = "archive_seed_keys"


class SeedDelete(_Delete):
    namespace = _SEED
    plugin_attrib = "archive_seed_delete"


class SeedArchive(_Archive):
    namespace = _SEED
    plugin_attrib = "archive_seed_archive"


# --- Version 1.x: urn:xmpp:archive ------------------------------------------------


class UrnPref(_Pref):
    namespace = _URN
    plugin_attrib = "archive_urn_pref"


class UrnDefault(_Default):
    namespace = _URN
    plugin_attrib = "archive_urn_default"


class UrnItem(_Item):
    namespace = _URN
    plugin_attrib = "archive_urn_item"
    plugin_multi_attrib = "archive_urn_items"


class UrnMethod(_Method):
    namespace = _URN
    plugin_attrib = "archive_urn_method"
    plugin_multi_attrib = "archive_urn_methods"


class UrnAuto(_Auto):
    namespace = _URN
    plugin_attrib = "archive_urn_auto"


class UrnSession(_Session):
    namespace = _URN
    plugin_attrib = "archive_urn_session"
    plugin_multi_attrib = "archive_urn_sessions"


class UrnItemRemove(_ItemRemove):
    namespace = _URN
    plugin_attrib = "archive_urn_itemremove"


class UrnSessionRemove(_SessionRemove):
    namespace = _URN
    plugin_attrib = "archive_urn_sessionremove"


class UrnList(_List):
    namespace = _URN
    plugin_attrib = "archive_urn_list"


class UrnRetrieve(_Retrieve):
    namespace = _URN
    plugin_attrib = "archive_urn_retrieve"


class UrnChat(_Collection):
    name = "chat"
    namespace = _URN
    plugin_attrib = "archive_urn_chat"
    plugin_multi_attrib = "archive_urn_chats"


class UrnSave(_Save):
    namespace = _URN
    plugin_attrib = "archive_urn_save"


class UrnTo(_To):
    namespace = _URN
    plugin_attrib = "archive_urn_to"


class UrnFrom(_From):
    namespace = _URN
    plugin_attrib = "archive_urn_from"


class UrnNote(_Note):
    namespace = _URN
    plugin_attrib = "archive_urn_note"


class UrnRemove(_Remove):
    namespace = _URN
    plugin_attrib = "archive_urn_remove"


class UrnModified(_Modified):
    namespace = _URN
    plugin_attrib = "archive_urn_modified"


class UrnChanged(_Changed):
    namespace = _URN
    plugin_attrib = "archive_urn_changed"


class UrnRemoved(_Removed):
    namespace = _URN
    plugin_attrib = "archive_urn_removed"


# --- Registration ------------------------------------------------------------------

#: (parent, child, iterable): what nests in what. ``Iq`` rows are the requests
#: and results a client sends and receives.
_NESTING: tuple[tuple[type[Any], type[ElementBase], bool], ...] = (
    # seed
    (Iq, SeedPref, False),
    (Iq, SeedAuto, False),
    (Iq, SeedList, False),
    (Iq, SeedRetrieve, False),
    (Iq, SeedStore, False),
    (Iq, SeedRemove, False),
    (Iq, SeedModified, False),
    (Iq, SeedKeys, False),
    (Iq, SeedDelete, False),
    (SeedPref, SeedDefault, False),
    (SeedPref, SeedItem, True),
    (SeedPref, SeedMethod, True),
    (SeedPref, SeedAuto, False),
    (SeedList, SeedStore, True),
    (SeedList, Set, False),
    (SeedRetrieve, Set, False),
    (SeedStore, SeedTo, True),
    (SeedStore, SeedFrom, True),
    (SeedStore, SeedNote, True),
    (SeedStore, Set, False),
    (SeedModified, SeedChanged, True),
    (SeedModified, SeedRemoved, True),
    (SeedModified, Set, False),
    (SeedKeys, SeedStore, True),
    (SeedKeys, Set, False),
    (SeedArchive, SeedStore, True),
    # urn:xmpp:archive
    (Iq, UrnPref, False),
    (Iq, UrnAuto, False),
    (Iq, UrnItemRemove, False),
    (Iq, UrnSessionRemove, False),
    (Iq, UrnList, False),
    (Iq, UrnRetrieve, False),
    (Iq, UrnSave, False),
    (Iq, UrnChat, False),
    (Iq, UrnRemove, False),
    (Iq, UrnModified, False),
    (UrnPref, UrnDefault, False),
    (UrnPref, UrnItem, True),
    (UrnPref, UrnMethod, True),
    (UrnPref, UrnSession, True),
    (UrnPref, UrnAuto, False),
    (UrnItemRemove, UrnItem, True),
    (UrnSessionRemove, UrnSession, True),
    (UrnList, UrnChat, True),
    (UrnList, Set, False),
    (UrnRetrieve, Set, False),
    (UrnSave, UrnChat, False),
    (UrnChat, UrnTo, True),
    (UrnChat, UrnFrom, True),
    (UrnChat, UrnNote, True),
    (UrnChat, Set, False),
    (UrnModified, UrnChanged, True),
    (UrnModified, UrnRemoved, True),
    (UrnModified, Set, False),
)


def register_stanza_plugins() -> None:
    """Register every XEP-0136 stanza class of both dialects with slixmpp.

    Call it from a plugin's ``plugin_init``; calling it again is harmless.
    """
    for parent, child, iterable in _NESTING:
        register_stanza_plugin(parent, child, iterable=iterable)
