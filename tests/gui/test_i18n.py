"""Which translation the window speaks: German for German, English (with its plural forms)
for English and for locales we have no translation of."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QApplication

from archiveviewer.ui.i18n import install_translators


@pytest.fixture
def speaking(qapp: QApplication) -> Iterator[object]:
    """Install the translators of a locale on top of the session's, then take them away."""
    installed = []

    def speak(locale: QLocale) -> list[str]:
        """The file names of what was installed for ``locale``."""
        translators = install_translators(qapp, locale)
        installed.extend(translators)
        return [Path(t.filePath()).name for t in translators]

    yield speak
    for translator in installed:
        qapp.removeTranslator(translator)


def plural(n: int) -> str:
    return QCoreApplication.translate("SearchPanel", "%n result(s)", "", n)


@pytest.mark.parametrize("locale", [QLocale.c(), QLocale("pt_BR"), QLocale("en_GB")])
def test_a_locale_without_its_own_translation_gets_english_plurals(speaking, locale) -> None:
    assert "archiveviewer_en.qm" in speaking(locale)
    assert plural(1) == "1 result"
    assert plural(3) == "3 results"


def test_german_has_german_plurals_and_menus(speaking) -> None:
    assert speaking(QLocale("de_DE")) == ["qtbase_de.qm", "archiveviewer_de.qm"]
    assert plural(3) == "3 Treffer"
    unsearched = (
        "%n encrypted conversation(s) not searched: only text kept in the local copy is searched."
    )
    said = [QCoreApplication.translate("SearchPanel", unsearched, "", n) for n in (1, 3)]
    assert said[0].startswith("1 verschlüsseltes Gespräch nicht durchsucht")
    assert said[1].startswith("3 verschlüsselte Gespräche nicht durchsucht")
    assert QCoreApplication.translate("Actions", "&Archive") == "&Archiv"
