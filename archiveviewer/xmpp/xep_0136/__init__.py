"""Our slixmpp plugin ``xep_0136``: XEP-0136 Message Archiving in both dialects.

Importing this package registers the plugin with slixmpp, so
``client.register_plugin("xep_0136")`` finds it. The XML is built and read
by :mod:`archiveviewer.protocol` (plain ElementTree, no stanza classes).
"""

from slixmpp.plugins.base import register_plugin

from archiveviewer.protocol.features import ArchiveSupport
from archiveviewer.xmpp.xep_0136.behaviour import BehaviourKeeper, Noticed, ServerBehaviour
from archiveviewer.xmpp.xep_0136.pages import (
    ChangePage,
    CollectionPage,
    RemoveOutcome,
    RetrievePage,
    StoreIncomplete,
)
from archiveviewer.xmpp.xep_0136.xep_0136 import XEP_0136, PrefsListener

register_plugin(XEP_0136)

__all__ = [
    "XEP_0136",
    "ArchiveSupport",
    "BehaviourKeeper",
    "ChangePage",
    "CollectionPage",
    "Noticed",
    "PrefsListener",
    "RemoveOutcome",
    "RetrievePage",
    "ServerBehaviour",
    "StoreIncomplete",
]
