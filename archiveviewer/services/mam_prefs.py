"""The message archive's preferences (XEP-0441, once part of XEP-0313), for the window and the CLI.

:class:`MamPrefsService` implements :class:`~archiveviewer.ports.mam_prefs.MessageArchivePrefs`
over the account's :class:`~archiveviewer.services.connection.Connection`: it
checks every JID before sending (a list entry is a bare JID or a domain, on
one list only), reads the preferences back as the server answers them, and
says in plain sentences what the server will keep.
"""

from __future__ import annotations

from dataclasses import replace

from slixmpp.jid import JID, InvalidJID

from archiveviewer.errors import ServerError
from archiveviewer.ports.mam_prefs import MAM_DEFAULTS, MamList, MamRules
from archiveviewer.ports.prefs import PreferenceRefused, PrefsUnavailable
from archiveviewer.protocol.mam import ArchivePrefs, DefaultRule
from archiveviewer.services.connection import Connection
from archiveviewer.xmpp.mam import MessageArchive

NO_MESSAGE_ARCHIVE = (
    "This server keeps no message archive (MAM), so it has no message archive preferences."
)
NO_MAM_PREFS = (
    "This server keeps a message archive but does not let clients change what it keeps: "
    "it archives by its own rules."
)

_MEANING = {
    "always": "The server keeps every conversation, except with the JIDs on the never list.",
    "roster": (
        "The server keeps conversations with the contacts in your contact list only, plus the "
        "JIDs on the always list; never those on the never list."
    ),
    "never": "The server keeps no conversations, except with the JIDs on the always list.",
}


class MamPrefsService:
    """One account's message-archive preferences (``MessageArchivePrefs``)."""

    def __init__(self, connection: Connection) -> None:
        self._connection = connection

    async def load(self) -> MamRules:
        """The preferences as the server holds them; PrefsUnavailable when it has none."""
        archive = await self._archive("read what the server's message archive keeps")
        try:
            return _rules(await archive.prefs())
        except ServerError as error:
            raise _unavailable(error) from error

    async def save(self, rules: MamRules) -> MamRules:
        """Check, send, and return what the server now holds."""
        checked = checked_rules(rules)
        archive = await self._archive("change what the server's message archive keeps")
        default: DefaultRule = checked.default  # type: ignore[assignment]  # checked above
        try:
            held = await archive.set_prefs(ArchivePrefs(default, checked.always, checked.never))
        except ServerError as error:
            raise _unavailable(error) from error
        return _rules(held)

    def meaning(self, default: str) -> str:
        """One sentence on what ``default`` makes the server keep."""
        return _MEANING.get(default, "")

    def kept_for(self, rules: MamRules, jid: str) -> str:
        """What the server keeps of conversations with ``jid``, and which rule says so."""
        return kept_for(rules, jid)

    async def _archive(self, action: str) -> MessageArchive:
        session = self._connection.require(action)
        archive = MessageArchive(session.client)
        if not (await archive.support()).mam:
            raise PrefsUnavailable(NO_MESSAGE_ARCHIVE)
        return archive


def checked_rules(rules: MamRules) -> MamRules:
    """``rules`` with each JID in its bare form, once; PreferenceRefused says what is wrong."""
    if rules.default not in MAM_DEFAULTS:
        raise PreferenceRefused(
            {"default": f"“{rules.default}” is not a default: use always, roster or never."}
        )
    lists: dict[str, list[str]] = {"always": [], "never": []}
    for name, jids in (("always", rules.always), ("never", rules.never)):
        for text in jids:
            jid = _bare(text)
            if jid not in lists[name]:
                lists[name].append(jid)
    both = sorted(set(lists["always"]) & set(lists["never"]))
    if both:
        raise PreferenceRefused(
            {"jid": f"{', '.join(both)} cannot be on both lists: choose always or never."}
        )
    return MamRules(rules.default, tuple(lists["always"]), tuple(lists["never"]))


def with_jid(rules: MamRules, jid: str, on: MamList | None) -> MamRules:
    """``rules`` with ``jid`` moved to the ``on`` list (None: off both lists)."""
    bare = _bare(jid)
    always = tuple(j for j in rules.always if j.lower() != bare)
    never = tuple(j for j in rules.never if j.lower() != bare)
    if on == "always":
        always += (bare,)
    elif on == "never":
        never += (bare,)
    return replace(rules, always=always, never=never)


def kept_for(rules: MamRules, jid: str) -> str:
    """What the server keeps of conversations with ``jid`` under ``rules``, and why."""
    bare = _bare(jid)
    if bare in {j.lower() for j in rules.never}:
        return f"The server keeps nothing of conversations with {bare}: it is on the never list."
    if bare in {j.lower() for j in rules.always}:
        return f"The server keeps every conversation with {bare}: it is on the always list."
    if rules.default == "always":
        return f"The server keeps every conversation with {bare} (the default: always)."
    if rules.default == "never":
        return f"The server keeps nothing of conversations with {bare} (the default: never)."
    return (
        f"The server keeps conversations with {bare} only while {bare} is in your contact list "
        "(the default: contacts only)."
    )


def _rules(prefs: ArchivePrefs) -> MamRules:
    return MamRules(prefs.default, tuple(prefs.always), tuple(prefs.never))


def _bare(text: str) -> str:
    shown = text.strip()[:64]
    try:
        jid = JID(text.strip())
    except InvalidJID:
        jid = None
    if jid is None or not jid.domain:
        raise PreferenceRefused({"jid": f"“{shown}” is not a JID like juliet@capulet.lit."})
    return str(jid.bare).lower()


def _unavailable(error: ServerError) -> PrefsUnavailable | ServerError:
    if error.condition in ("feature-not-implemented", "service-unavailable", "not-allowed"):
        return PrefsUnavailable(NO_MAM_PREFS)
    return error
