"""Keep the translation files in step with the code: ``update`` after changing UI text.

    .venv/bin/python tools/translations.py update   # refresh every .ts, compile every .qm
    .venv/bin/python tools/translations.py check    # CI: fail if a .ts or .qm is out of date

``pyside6-lupdate`` collects every ``self.tr(…)``, ``QCoreApplication.translate(…)`` and
``QT_TRANSLATE_NOOP(…)`` under ``archiveviewer/`` into one ``.ts`` per language in
``archiveviewer/resources/translations/`` (translators edit these, e.g. with
``pyside6-linguist``); ``pyside6-lrelease`` compiles them into the ``.qm`` files the program
loads. The English file holds only plural forms ("%n conversation(s)" → "1 conversation",
"2 conversations"); every other text is its own English.
"""

from __future__ import annotations

import filecmp
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TRANSLATIONS = ROOT / "archiveviewer" / "resources" / "translations"
LANGUAGES = ("de", "en")
BIN = Path(sys.executable).parent


def sources() -> list[Path]:
    """Every Python file whose text a user may see."""
    return sorted(p for p in (ROOT / "archiveviewer").rglob("*.py") if "__pycache__" not in p.parts)


def ts_file(folder: Path, language: str) -> Path:
    """The translation source of ``language`` in ``folder``."""
    return folder / f"archiveviewer_{language}.ts"


def update(folder: Path) -> None:
    """Refresh each ``.ts`` in ``folder`` from the code and compile it beside itself."""
    folder.mkdir(parents=True, exist_ok=True)
    for language in LANGUAGES:
        ts = ts_file(folder, language)
        extra = ["-pluralonly"] if language == "en" else []
        _run(BIN / "pyside6-lupdate", *sources(), "-ts", ts, "-locations", "none",
             "-no-obsolete", "-target-language", language, *extra)
        _run(BIN / "pyside6-lrelease", ts, "-qm", ts.with_suffix(".qm"))


def check() -> int:
    """0 if the committed files equal what ``update`` would make now, else 1 with a reason."""
    with tempfile.TemporaryDirectory() as scratch:
        fresh = Path(scratch)
        for language in LANGUAGES:
            committed = ts_file(TRANSLATIONS, language)
            if committed.exists():
                shutil.copy(committed, ts_file(fresh, language))
        update(fresh)
        names = [f"archiveviewer_{lang}.{kind}" for lang in LANGUAGES for kind in ("ts", "qm")]
        stale = [
            name for name in names
            if not (TRANSLATIONS / name).exists()
            or not filecmp.cmp(fresh / name, TRANSLATIONS / name, shallow=False)
        ]
    if stale:
        print("translations out of date: " + ", ".join(stale))
        print("run: .venv/bin/python tools/translations.py update")
        return 1
    print("translations up to date")
    return 0


def _run(*command: str | Path) -> None:
    subprocess.run([str(c) for c in command], check=True, capture_output=True)


def main(argv: list[str]) -> int:
    """``update`` or ``check``."""
    if argv[1:] == ["update"]:
        update(TRANSLATIONS)
        return 0
    if argv[1:] == ["check"]:
        return check()
    print(__doc__)
    return 2


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
