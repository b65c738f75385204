"""Every setting the window keeps, declared in one place with its type and default.

This package's other modules (an editor for these settings) build on what is
declared here; a new setting is declared here and nowhere else.

Values live in a ``QSettings`` the composition root passes in (organisation
"archiveviewer"); tests pass one backed by a temporary file. Passwords are
never settings: they go to the OS keyring through ``PasswordKeeper``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

from PySide6.QtCore import QByteArray, QSettings

ORGANISATION = "archiveviewer"
APPLICATION = "archiveviewer"

T = TypeVar("T", QByteArray, str, int)


@dataclass(frozen=True)
class Setting(Generic[T]):
    """One declared setting: its key, its type and its default."""

    key: str
    kind: type[T]
    default: T


WINDOW_GEOMETRY = Setting("window/geometry", QByteArray, QByteArray())
WINDOW_STATE = Setting("window/state", QByteArray, QByteArray())
MAIN_SPLITTER = Setting("window/mainSplitter", QByteArray, QByteArray())
LEFT_SPLITTER = Setting("window/leftSplitter", QByteArray, QByteArray())
RIGHT_SPLITTER = Setting("window/rightSplitter", QByteArray, QByteArray())
ACCOUNT_JID = Setting("account/jid", str, "")
ACCOUNT_HOST = Setting("account/host", str, "")
ACCOUNT_PORT = Setting("account/port", int, 0)
#: Every account the user saved (after a successful login or on purpose): a JSON list of
#: ``{"jid", "host", "port"}``. ``account/jid`` is the one shown at start.
SAVED_ACCOUNTS = Setting("accounts/saved", str, "[]")
#: Run an incremental sync each time the account connects (1) or not (0).
SYNC_ON_CONNECT = Setting("sync/onConnect", int, 1)
#: Sync every this many minutes while connected; 0: only on connect and on request.
SYNC_INTERVAL_MINUTES = Setting("sync/intervalMinutes", int, 0)
#: Minutes of silence after which a message archive's (MAM) next message starts a conversation.
CONVERSATION_GAP_MINUTES = Setting("sync/conversationGapMinutes", int, 30)
#: Show times in UTC (1) instead of the computer's local time (0).
TIMES_IN_UTC = Setting("view/timesInUtc", int, 0)
#: Keep the text of decrypted conversations in the local copy, where search finds it (1), or
#: only in memory until the program ends (0, the default: nothing decrypted is written to disk).
KEEP_DECRYPTED = Setting("privacy/keepDecryptedText", int, 0)
#: Offer to keep passwords in the system keyring (1), or always ask once per run (0).
REMEMBER_PASSWORDS = Setting("accounts/rememberPasswords", int, 1)
#: The user was told that this computer has no keyring (1): said once, not at every start.
TOLD_NO_KEYRING = Setting("accounts/toldNoKeyring", int, 0)
#: The folder of the local copies (one file per account); empty: the platform's data folder.
DATA_FOLDER = Setting("storage/dataFolder", str, "")
#: Debounce of search-as-you-type, in milliseconds.
SEARCH_DELAY_MS = Setting("search/delayMs", int, 250)
#: Where new bookmarks are written: "" (the default) as the server and the other
#: clients do (XEP-0402, plus private storage unless the server keeps the homes in
#: step), else a comma-separated choice of "native", "pep", "private".
BOOKMARK_HOMES = Setting("bookmarks/newHomes", str, "")
#: Namespaces the Private XML inspector lists, one "element namespace" pair a line.
PRIVATE_XML_NAMESPACES = Setting("privateXml/namespaces", str, "storage storage:bookmarks")
#: The folder the last export was saved in (empty: the home folder).
LAST_EXPORT_FOLDER = Setting("files/lastExportFolder", str, "")


class Settings:
    """Typed access to the declared settings over one ``QSettings``."""

    def __init__(self, store: QSettings) -> None:
        self._store = store
        self._watchers: dict[str, list[Callable[[], None]]] = {}

    def watch(self, setting: Setting[T], changed: Callable[[], None]) -> None:
        """Call ``changed`` each time :meth:`set` gives ``setting`` another value."""
        self._watchers.setdefault(setting.key, []).append(changed)

    def get(self, setting: Setting[T]) -> T:
        """The stored value, or the default when it is missing or of the wrong type."""
        value: object = self._store.value(setting.key, setting.default)
        if setting.kind is int and isinstance(value, str) and value.lstrip("-").isdigit():
            value = int(value)  # INI files give numbers back as text
        if isinstance(value, setting.kind):
            return value
        return setting.default

    def set(self, setting: Setting[T], value: T) -> None:
        """Store the value; whoever watches the setting hears of a change."""
        before = self.get(setting)
        self._store.setValue(setting.key, value)
        if value != before:
            for changed in self._watchers.get(setting.key, []):
                changed()

    def sync(self) -> None:
        """Write pending changes to disk."""
        self._store.sync()
