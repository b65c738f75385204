"""Replication of the server's archive into the local replica (see engine.py).

Imports protocol, crypto, store, domain and errors only; the network is
reached through :class:`~archiveviewer.sync.ports.ArchiveSource`.
"""

from archiveviewer.sync.engine import Replicator
from archiveviewer.sync.pending import DecryptFailure, DecryptReport, decrypt_pending
from archiveviewer.sync.ports import (
    EPOCH_CURSOR,
    ArchiveSource,
    CollectionHeader,
    DecryptionTarget,
    Decryptor,
    ListPage,
    ModifiedPage,
    ReplicaWriter,
    StoredSummary,
)
from archiveviewer.sync.progress import Progress, ProgressCallback, SyncMode, SyncResult

__all__ = [
    "EPOCH_CURSOR",
    "ArchiveSource",
    "CollectionHeader",
    "DecryptFailure",
    "DecryptReport",
    "DecryptionTarget",
    "Decryptor",
    "ListPage",
    "ModifiedPage",
    "Progress",
    "ProgressCallback",
    "ReplicaWriter",
    "Replicator",
    "StoredSummary",
    "SyncMode",
    "SyncResult",
    "decrypt_pending",
]
