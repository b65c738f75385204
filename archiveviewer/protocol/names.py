"""The few names in which the two XEP-0136 dialects differ, in one table.

Everything else (``list``, ``retrieve``, ``remove``, ``modified``, ``pref``,
``to``/``from``/``note``, ``secs``/``utc``) is spelled the same in both; only
the namespace differs. The codecs read this table instead of keeping two
copies of the protocol.
"""

from __future__ import annotations

from dataclasses import dataclass

from archiveviewer.domain import Dialect, MethodUse, OtrMode, SaveMode

RSM_NS = "http://jabber.org/protocol/rsm"
XMLENC_NS = "http://www.w3.org/2001/04/xmlenc#"
XMLDSIG_NS = "http://www.w3.org/2000/09/xmldsig#"
CLIENT_NS = "jabber:client"

#: Namespaces whose elements must never be stored inside a message (seed,
#: section "Collections"): delayed delivery (both), message events, chat states.
FORBIDDEN_PAYLOAD_NS = frozenset(
    {
        "jabber:x:delay",
        "urn:xmpp:delay",
        "jabber:x:event",
        "http://jabber.org/protocol/chatstates",
    }
)


@dataclass(frozen=True)
class DialectNames:
    """How one dialect spells what differs.

    ``collection`` is the element of one conversation (``store``/``chat``);
    ``upload`` is the element a manual upload is wrapped in, or ``None`` when
    the collection element itself is sent (seed).
    """

    dialect: Dialect
    collection: str
    upload: str | None
    save_modes: frozenset[SaveMode]
    otr_modes: frozenset[OtrMode]
    method_uses: frozenset[MethodUse]

    @property
    def ns(self) -> str:
        return self.dialect.value

    def tag(self, local: str) -> str:
        """The ElementTree tag of ``local`` in this dialect's namespace."""
        return f"{{{self.ns}}}{local}"


SEED = DialectNames(
    dialect=Dialect.SEED,
    collection="store",
    upload=None,
    save_modes=frozenset({SaveMode.FALSE, SaveMode.BODY, SaveMode.ALL}),
    otr_modes=frozenset({OtrMode.DENY, OtrMode.ALLOW, OtrMode.TRY, OtrMode.REQUIRE}),
    method_uses=frozenset({MethodUse.PREFER, MethodUse.ALLOW, MethodUse.NEVER}),
)

URN = DialectNames(
    dialect=Dialect.URN,
    collection="chat",
    upload="save",
    save_modes=frozenset({SaveMode.FALSE, SaveMode.BODY, SaveMode.MESSAGE, SaveMode.STREAM}),
    otr_modes=frozenset(
        {
            OtrMode.APPROVE,
            OtrMode.CONCEDE,
            OtrMode.FORBID,
            OtrMode.OPPOSE,
            OtrMode.PREFER,
            OtrMode.REQUIRE,
        }
    ),
    method_uses=frozenset({MethodUse.PREFER, MethodUse.CONCEDE, MethodUse.FORBID}),
)


def names_of(dialect: Dialect) -> DialectNames:
    """The table row of ``dialect``."""
    return SEED if dialect is Dialect.SEED else URN


def local_name(tag: str) -> str:
    """``{ns}local`` -> ``local``."""
    return tag.rsplit("}", 1)[-1]


def namespace_of(tag: str) -> str:
    """``{ns}local`` -> ``ns`` (empty when the tag has no namespace)."""
    return tag[1:].split("}", 1)[0] if tag.startswith("{") else ""
