"""The window speaks the user's language: Qt's translators for our text and Qt's own.

:func:`install_translators` runs once, before any widget exists, and loads
``archiveviewer_<language>.qm`` from the package's ``resources/translations`` (made by
``tools/translations.py``) and Qt's ``qtbase_<language>.qm`` (standard buttons and
dialogs). Text in code goes through Qt's own functions so that ``pyside6-lupdate`` finds
it: ``self.tr("…")`` in a QObject subclass, ``QCoreApplication.translate("Context", "…")``
elsewhere, ``QT_TRANSLATE_NOOP("Context", "…")`` in tables translated later, and ``%n``
with the count for plurals.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator


def translations_dir() -> Path:
    """The shipped ``.qm`` files."""
    from importlib import resources

    return Path(str(resources.files("archiveviewer") / "resources" / "translations"))


def install_translators(app: QCoreApplication, locale: QLocale | None = None) -> list[QTranslator]:
    """Load and install the translators for ``locale`` (the system's when None).

    The translators are parented to ``app`` so that they live as long as it does. Where
    we have no translation for the locale (or it is ``C``), ours falls back to English,
    which holds the plural forms ("1 conversation", "2 conversations").
    """
    locale = locale or QLocale()
    installed = []
    qt_own = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    ours = str(translations_dir())
    candidates = (
        ("qtbase", qt_own, locale),
        ("archiveviewer", ours, locale),
        ("archiveviewer", ours, QLocale(QLocale.Language.English)),
    )
    loaded_ours = False
    for name, folder, language in candidates:
        if name == "archiveviewer" and loaded_ours:
            break
        translator = QTranslator(app)
        if translator.load(language, name, "_", folder) and app.installTranslator(translator):
            installed.append(translator)
            loaded_ours = loaded_ours or name == "archiveviewer"
    return installed


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Mark ``text`` for translation in ``context`` and return it untranslated.

    Qt's own function is typed as returning ``object``; this one is the same marker with
    a ``str`` type, so tables of texts stay typed. Translate them where they are shown,
    with ``QCoreApplication.translate(context, text)``.
    """
    del context  # only lupdate reads it
    return text
