"""Our slixmpp plugin ``xep_0136``: XEP-0136 Message Archiving in both dialects.

Importing this package registers the plugin with slixmpp, so
``client.register_plugin("xep_0136")`` finds it.
"""

from slixmpp.plugins.base import register_plugin

from archiveviewer.xmpp.xep_0136.pages import (
    ArchiveSupport,
    ChangePage,
    CollectionPage,
    RetrievePage,
)
from archiveviewer.xmpp.xep_0136.xep_0136 import XEP_0136

register_plugin(XEP_0136)

__all__ = ["XEP_0136", "ArchiveSupport", "ChangePage", "CollectionPage", "RetrievePage"]
