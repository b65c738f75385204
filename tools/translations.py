"""Keep the translation files in step with the code: ``update`` after changing UI text.

    .venv/bin/python tools/translations.py update   # refresh every .ts, compile every .qm
    .venv/bin/python tools/translations.py check    # CI: fail if a .ts or .qm is out of date
    .venv/bin/python tools/translations.py merge    # in a merge: both sides' translations

``pyside6-lupdate`` collects every ``self.tr(…)``, ``QCoreApplication.translate(…)`` and
``QT_TRANSLATE_NOOP(…)`` under ``archiveviewer/`` into one ``.ts`` per language in
``archiveviewer/resources/translations/`` (translators edit these, e.g. with
``pyside6-linguist``); ``pyside6-lrelease`` compiles them into the ``.qm`` files the program
loads. The English file holds only plural forms ("%n conversation(s)" → "1 conversation",
"2 conversations"); every other text is its own English.

Every branch that adds UI text changes the same ``.ts`` (and ``.qm``) files, so merging two
such branches conflicts there. Resolve the code's conflicts first, then run ``merge``: it takes
our side's files, refreshes them from the merged code, fills in every text that either side had
translated (where both changed one, ours), compiles, and stages the four files. It fails, naming
them, if texts neither side translated are left over (fill those in, then run ``update``).
"""

from __future__ import annotations

import filecmp
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
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


# A text is known by its context, its source and its disambiguation; its translation is the
# text, or the plural forms of a numerus message.
Key = tuple[str, str, str]
Translation = str | list[str]
UNFINISHED = ("unfinished", "vanished", "obsolete")


def merge() -> int:
    """In a merge (or rebase): the merged code's texts with both sides' translations, staged."""
    names = [f"archiveviewer_{lang}.{kind}" for lang in LANGUAGES for kind in ("ts", "qm")]
    ours = [(TRANSLATIONS / name).relative_to(ROOT).as_posix() for name in names]
    unmerged = _git("diff", "--name-only", "--diff-filter=U").split()
    elsewhere = [path for path in unmerged if path not in ours]
    if elsewhere:
        print("resolve these conflicts first, then run merge again: " + ", ".join(elsewhere))
        return 1
    known = {language: _both_sides(ts_file(TRANSLATIONS, language)) for language in LANGUAGES}
    update(TRANSLATIONS)
    left = {lang: _fill(ts_file(TRANSLATIONS, lang), known[lang]) for lang in LANGUAGES}
    update(TRANSLATIONS)
    _git("add", "--", *ours)
    missing = [f"{lang}: {source!r}" for lang, sources in left.items() for source in sources]
    if missing:
        print("translations merged; these texts have no translation yet:")
        print("\n".join("  " + line for line in missing))
        print("fill them in, then run: .venv/bin/python tools/translations.py update")
        return 1
    counts = ", ".join(f"{lang} {len(known[lang])} texts" for lang in LANGUAGES)
    print(f"translations merged: {counts}")
    return 0


def _both_sides(ts: Path) -> dict[Key, Translation]:
    """The finished translations of ``ts`` on both sides (ours win); ours is put in its place."""
    path = ts.relative_to(ROOT).as_posix()
    theirs = _git_file(f":3:{path}") or _git_file(f"MERGE_HEAD:{path}")
    ours = _git_file(f":2:{path}") or _git_file(f"HEAD:{path}")
    here = ts.read_text(encoding="utf-8") if ts.exists() else None
    base, mine, other = (_translations(t) for t in (_git_file(f":1:{path}"), ours, theirs))
    known = {**other, **mine}
    for key, value in other.items():
        if key in mine and mine[key] == base.get(key) != value:
            known[key] = value  # only their side changed this translation
    known.update(_translations(here))  # git's own merge of the file, where it made one
    if ours is not None:
        ts.write_text(ours, encoding="utf-8")
    return known


def _translations(text: str | None) -> dict[Key, Translation]:
    """The finished translations in a ``.ts`` text; nothing if there is none or it has conflicts."""
    if text is None or "<<<<<<<" in text:
        return {}
    found: dict[Key, Translation] = {}
    for context, message in _messages(_parse(text.replace("<!DOCTYPE TS>", "", 1))):
        translation = message.find("translation")
        if translation is None or translation.get("type") in UNFINISHED:
            continue
        if message.get("numerus") == "yes":
            found[_key(context, message)] = [f.text or "" for f in translation.iter("numerusform")]
        else:
            found[_key(context, message)] = translation.text or ""
    return found


def _fill(ts: Path, known: dict[Key, Translation]) -> list[str]:
    """Give the texts of ``ts`` their translations in ``known``; the sources still without one."""
    tree = ET.ElementTree(_parse(ts.read_text(encoding="utf-8").replace("<!DOCTYPE TS>", "", 1)))
    left = []
    for context, message in _messages(tree.getroot()):
        translation = message.find("translation")
        value = known.get(_key(context, message))
        if translation is None or value is None:
            if translation is not None and translation.get("type") == "unfinished":
                left.append(message.findtext("source") or "")
            continue
        if isinstance(value, list):
            for form in list(translation):
                translation.remove(form)
            for text in value:
                ET.SubElement(translation, "numerusform").text = text
        else:
            translation.text = value
        translation.attrib.pop("type", None)
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    return left


def _parse(text: str) -> ET.Element:
    # The project's own files, from its own history: the standard library's parser will do
    # (Python's expat refuses entity expansion attacks).
    return ET.fromstring(text)  # noqa: S314 (see above)


def _messages(root: ET.Element) -> list[tuple[str, ET.Element]]:
    return [
        (context.findtext("name") or "", message)
        for context in root.iter("context")
        for message in context.iter("message")
    ]


def _key(context: str, message: ET.Element) -> Key:
    return context, message.findtext("source") or "", message.findtext("comment") or ""


def _git(*args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(ROOT), *args], check=True, capture_output=True, text=True
    ).stdout


def _git_file(revision_path: str) -> str | None:
    """A file as git holds it (``:2:path``, ``HEAD:path``), or None where it holds none."""
    shown = subprocess.run(
        ["git", "-C", str(ROOT), "show", revision_path], check=False, capture_output=True
    )
    return shown.stdout.decode("utf-8") if shown.returncode == 0 else None


def _run(*command: str | Path) -> None:
    subprocess.run([str(c) for c in command], check=True, capture_output=True)


def main(argv: list[str]) -> int:
    """``update``, ``check`` or ``merge``."""
    if argv[1:] == ["update"]:
        update(TRANSLATIONS)
        return 0
    if argv[1:] == ["check"]:
        return check()
    if argv[1:] == ["merge"]:
        return merge()
    print(__doc__)
    return 2


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
