"""Archiving preferences: read, change, and the server's pushes of changes."""

from __future__ import annotations

import logging
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable
from typing import Any

from slixmpp.xmlstream.handler import Callback
from slixmpp.xmlstream.matcher import MatchXPath

from archiveviewer.domain import AutoArchiving, Dialect, MethodUse, Prefs, SaveRule
from archiveviewer.errors import MalformedInput
from archiveviewer.protocol import prefs
from archiveviewer.protocol.names import names_of
from archiveviewer.xmpp.xep_0136.base import ArchiveBase
from archiveviewer.xmpp.xep_0136.pages import unsupported

log = logging.getLogger(__name__)

PrefsListener = Callable[[Prefs], None]
#: Called with the JIDs of an ``<itemremove/>`` push (urn:xmpp:archive).
RemovalListener = Callable[[tuple[str, ...]], None]


class ArchivePreferences(ArchiveBase):
    """``<pref/>`` and ``<auto/>`` in both dialects, and pushes from the server."""

    def _init_preferences(self) -> None:
        self._prefs_listeners: list[PrefsListener] = []
        self._prefs_asked = False
        for dialect in Dialect:
            self.xmpp.register_handler(
                Callback(
                    _push_handler_name(dialect),
                    MatchXPath(f"{{jabber:client}}iq/{names_of(dialect).tag('pref')}"),
                    self._on_pref_push,
                )
            )
        # A contact preference removed by another resource (urn only; issue #14).
        self._removal_listeners: list[RemovalListener] = []
        self.xmpp.register_handler(
            Callback(
                _ITEMREMOVE_HANDLER,
                MatchXPath(f"{{jabber:client}}iq/{names_of(Dialect.URN).tag('itemremove')}"),
                self._on_itemremove_push,
            )
        )

    def _end_preferences(self) -> None:
        for dialect in Dialect:
            self.xmpp.remove_handler(_push_handler_name(dialect))
        self.xmpp.remove_handler(_ITEMREMOVE_HANDLER)

    def add_prefs_listener(self, listener: PrefsListener) -> None:
        """Call *listener* with the preferences of every push the server sends.

        The same value is also fired as the slixmpp event ``archive_prefs``.
        A push holds only what changed. The server pushes only to resources
        that asked for the preferences once (:meth:`get_prefs`).
        """
        self._prefs_listeners.append(listener)

    def remove_prefs_listener(self, listener: PrefsListener) -> None:
        """Stop calling *listener*."""
        self._prefs_listeners.remove(listener)

    def add_removal_listener(self, listener: RemovalListener) -> None:
        """Call *listener* with the JIDs of every ``<itemremove/>`` push (urn:xmpp:archive)."""
        self._removal_listeners.append(listener)

    def remove_removal_listener(self, listener: RemovalListener) -> None:
        """Stop calling *listener*."""
        self._removal_listeners.remove(listener)

    async def get_prefs(self) -> Prefs:
        """The user's archiving preferences; from now on the server pushes changes."""
        dialect = await self._dialect()
        request = ET.Element(names_of(dialect).tag("pref"))
        result = await self._query("get", request, "read the archiving preferences")
        answer = result.find(names_of(dialect).tag("pref"))
        if answer is None:
            raise MalformedInput("The server answered a preferences request without <pref/>.")
        self._prefs_asked = True
        return prefs.prefs_from_element(answer, dialect)

    async def resume_pushes(self) -> Prefs | None:
        """After a reconnection, ask for the preferences again if they were asked for before.

        A server pushes changes only to streams that asked; a new stream has
        not. Returns the current preferences, or None when nobody asked.
        """
        if not self._prefs_asked:
            return None
        return await self.get_prefs()

    async def set_default(self, rule: SaveRule) -> None:
        """Set the default save and OTR modes (``rule.jid`` must be None)."""
        if rule.jid is not None:
            raise ValueError("a default rule has no jid; use set_item")
        await self._set_prefs(Prefs(default=rule), "change the default archiving preference")

    async def set_item(self, rule: SaveRule) -> None:
        """Set the save and OTR modes for the contact ``rule.jid``."""
        if rule.jid is None:
            raise ValueError("a contact rule needs a jid; use set_default")
        await self._set_prefs(Prefs(items=(rule,)), "change the contact's archiving preference")

    async def set_methods(self, methods: Iterable[tuple[str, MethodUse]]) -> None:
        """Set how clients should use each archiving method (``auto``, ``local``, ``manual``)."""
        await self._set_prefs(Prefs(methods=tuple(methods)), "change the archiving methods")

    async def _set_prefs(self, wanted: Prefs, action: str) -> None:
        dialect = await self._dialect()
        await self._query("set", prefs.pref_element(wanted, dialect), action)

    async def remove_item(self, jid: str) -> None:
        """Remove the contact preference for *jid* (urn:xmpp:archive's ``itemremove``).

        The seed dialect has no way to remove one: this raises ServerError (feature-not-implemented)
        rather than pretend; the caller may set the contact's modes to the
        default ones instead.
        """
        dialect = await self._dialect()
        if dialect is Dialect.SEED:
            raise unsupported(
                "This server speaks the 2007 draft of message archiving, which cannot remove "
                f"the preference for {jid}. Set it to the same values as the default instead."
            )
        await self._query(
            "set", prefs.itemremove_element([jid]), "remove the contact's archiving preference"
        )

    async def set_auto(
        self,
        save: bool,
        encrypt: bool = False,
        keys: Iterable[str] = (),
        *,
        scope: str | None = None,
    ) -> None:
        """Switch automatic archiving of this stream on or off.

        *encrypt* and *keys* (extra public keys as XML Signature ``KeyInfo``
        elements, as XML text) exist in the seed dialect only; asking for
        them from a urn:xmpp:archive server raises ServerError (feature-not-implemented).
        *scope* (``stream`` or ``global``) is written in urn:xmpp:archive only.
        """
        dialect = await self._dialect()
        key_info = tuple(keys)
        if dialect is Dialect.URN and (encrypt or key_info):
            raise unsupported(
                "This server's message archiving (urn:xmpp:archive) cannot encrypt "
                "automatically archived conversations."
            )
        request = prefs.auto_element(
            AutoArchiving(save=save, encrypt=encrypt, scope=scope), dialect, key_info=key_info
        )
        await self._query("set", request, "change automatic archiving")

    def _on_pref_push(self, iq: Any) -> None:
        if iq["type"] != "set" or not self._from_own_account(iq):
            return
        for dialect in Dialect:
            pref = iq.xml.find(names_of(dialect).tag("pref"))
            if pref is not None:
                self._accept_push(iq, pref, dialect)
                return

    def _accept_push(self, iq: Any, pref: ET.Element, dialect: Dialect) -> None:
        try:
            pushed = prefs.prefs_from_element(pref, dialect)
        except MalformedInput as exc:
            log.warning("refused a preference push: %s", exc.user_message)
            reply = iq.reply(clear=True)
            reply.error()
            reply["error"]["condition"] = "bad-request"
            reply.send()
            return
        iq.reply(clear=True).send()
        self.xmpp.event("archive_prefs", pushed)
        for listener in list(self._prefs_listeners):
            listener(pushed)

    def _on_itemremove_push(self, iq: Any) -> None:
        element = iq.xml.find(names_of(Dialect.URN).tag("itemremove"))
        if iq["type"] != "set" or element is None or not self._from_own_account(iq):
            return
        try:
            jids = prefs.itemremove_jids(element)
        except MalformedInput as exc:
            log.warning("refused a preference removal push: %s", exc.user_message)
            return
        iq.reply(clear=True).send()
        for listener in list(self._removal_listeners):
            listener(jids)

    def _from_own_account(self, iq: Any) -> bool:
        sender = iq["from"]
        own = self.xmpp.boundjid
        return not str(sender) or sender.bare in (own.bare, own.domain)


_ITEMREMOVE_HANDLER = "XEP-0136 preference removal push"


def _push_handler_name(dialect: Dialect) -> str:
    return f"XEP-0136 preference push ({dialect.name})"
