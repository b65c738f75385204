"""The accounts the user saved, and which one the window opens at start.

An account is saved only after its first successful login, or on purpose
("Save without connecting" after a failed one), never by a failed try. The
list lives in the declared settings (:data:`settings.SAVED_ACCOUNTS`); the
account shown at start is ``account/jid`` with its host and port.
"""

from __future__ import annotations

import json

from archiveviewer.ports.accounts import Account, HistoryChoice
from archiveviewer.ui import settings
from archiveviewer.ui.settings import Settings


def saved_accounts(store: Settings) -> list[Account]:
    """Every saved account, in the order saved (the one shown at start included)."""
    try:
        rows = json.loads(store.get(settings.SAVED_ACCOUNTS))
    except ValueError:
        rows = []
    accounts = [
        Account(str(r["jid"]), r.get("host") or None, r.get("port") or None, _history(r))
        for r in rows
        if isinstance(r, dict) and r.get("jid")
    ]
    current = current_account(store)
    if current is not None and all(a.jid.lower() != current.jid.lower() for a in accounts):
        accounts.insert(0, current)  # saved by an older version, before the list existed
    return accounts


def current_account(store: Settings) -> Account | None:
    """The account the window opens at start, or None (the sample)."""
    jid = store.get(settings.ACCOUNT_JID)
    if not jid:
        return None
    try:
        rows = json.loads(store.get(settings.SAVED_ACCOUNTS))
    except ValueError:
        rows = []
    row = next(
        (r for r in rows if isinstance(r, dict) and str(r.get("jid", "")).lower() == jid.lower()),
        {},
    )
    return Account(
        jid,
        store.get(settings.ACCOUNT_HOST) or None,
        store.get(settings.ACCOUNT_PORT) or None,
        _history(row),
    )


def _history(row: dict[str, object]) -> HistoryChoice:
    """The saved choice of archive; Automatic when none was saved (older versions) or unknown."""
    try:
        return HistoryChoice(row.get("history", HistoryChoice.AUTO.value))
    except ValueError:
        return HistoryChoice.AUTO


def save_account(store: Settings, account: Account) -> None:
    """Keep ``account`` (replacing one with the same address) and open it at start."""
    others = [a for a in saved_accounts(store) if a.jid.lower() != account.jid.lower()]
    _write(store, [*others, account])
    make_current(store, account)


def make_current(store: Settings, account: Account | None) -> None:
    """Open ``account`` at start from now on (None: the sample)."""
    store.set(settings.ACCOUNT_JID, account.jid if account else "")
    store.set(settings.ACCOUNT_HOST, (account.host or "") if account else "")
    store.set(settings.ACCOUNT_PORT, (account.port or 0) if account else 0)


def drop_account(store: Settings, jid: str) -> None:
    """Forget the saved account; if it was the one opened at start, the sample is."""
    current = current_account(store)
    _write(store, [a for a in saved_accounts(store) if a.jid.lower() != jid.lower()])
    if current is not None and current.jid.lower() == jid.lower():
        make_current(store, None)


def _write(store: Settings, accounts: list[Account]) -> None:
    rows = [
        {"jid": a.jid, "host": a.host, "port": a.port, "history": a.history.value} for a in accounts
    ]
    store.set(settings.SAVED_ACCOUNTS, json.dumps(rows))
