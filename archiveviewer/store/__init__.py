"""The local replica: one SQLite file per account, its schema, and full-text search.

Imports only :mod:`archiveviewer.domain`, :mod:`archiveviewer.errors` and the
standard library. The program computes the file's path (in the platform's
user data folder) and hands it to :class:`Replica`.
"""

from archiveviewer.store.listing import (
    CollectionSummary,
    ContactSummary,
    DateCount,
    DatePeriod,
    Removal,
)
from archiveviewer.store.opening import DamagedReplica
from archiveviewer.store.rebuild import Rebuilt, rebuild
from archiveviewer.store.replica import Replica
from archiveviewer.store.search import (
    HIGHLIGHT_END,
    HIGHLIGHT_START,
    HitKind,
    SearchFilter,
    SearchHit,
    SearchOrder,
)

__all__ = [
    "HIGHLIGHT_END",
    "HIGHLIGHT_START",
    "CollectionSummary",
    "ContactSummary",
    "DamagedReplica",
    "DateCount",
    "DatePeriod",
    "HitKind",
    "Rebuilt",
    "Removal",
    "Replica",
    "SearchFilter",
    "SearchHit",
    "SearchOrder",
    "rebuild",
]
