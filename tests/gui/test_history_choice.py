"""The account's choice of archive: in the account dialog, saved with the account."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from archiveviewer.ports.accounts import Account, HistoryChoice
from archiveviewer.ui.accounts.dialogs import AccountDialog
from archiveviewer.ui.accounts.saved import current_account, save_account, saved_accounts
from archiveviewer.ui.settings import Settings


def test_a_new_account_reads_automatically_and_the_dialog_says_what_that_means(
    qtbot: QtBot,
) -> None:
    dialog = AccountDialog()
    qtbot.addWidget(dialog)
    assert dialog.history.currentText() == "Automatic (collections when the server keeps both)"
    assert "Automatic reads its collections" in dialog.history.toolTip()
    dialog.jid.setText("juliet@capulet.example")
    assert dialog.account().history is HistoryChoice.AUTO


def test_the_chosen_archive_is_shown_again_and_kept_with_the_account(
    qtbot: QtBot, settings: Settings
) -> None:
    chosen = Account("juliet@capulet.example", history=HistoryChoice.MAM)
    dialog = AccountDialog(account=chosen)
    qtbot.addWidget(dialog)
    assert dialog.history.currentText() == "Message archive (MAM), read only"
    save_account(settings, dialog.account())
    assert current_account(settings) == chosen
    assert saved_accounts(settings) == [chosen]
    save_account(settings, Account("romeo@montague.example"))
    assert [a.history for a in saved_accounts(settings)] == [
        HistoryChoice.MAM,
        HistoryChoice.AUTO,
    ]
