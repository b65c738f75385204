"""Merging two branches that each add translated UI text keeps both sides' translations.

Each test builds a small project of its own (a git repository with ``tools/translations.py``
and an ``archiveviewer/`` package), so the merges are real git merges with real conflicts in
the ``.ts`` and ``.qm`` files.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from archiveviewer.protocol.safexml import parse_xml

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = Path("archiveviewer") / "resources" / "translations"
GIT_ENV = {
    "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.org",
    "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.org",
    "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
}  # fmt: skip


def git(repo: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["git", "-C", str(repo), *args], capture_output=True, text=True, check=check,
        env={**os.environ, **GIT_ENV},
    )  # fmt: skip


def tool(repo: Path, command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(repo / "tools" / "translations.py"), command],
        capture_output=True, text=True, check=False, cwd=repo, env={**os.environ, **GIT_ENV},
    )  # fmt: skip


def write_text(repo: Path, module: str, name: str, call: str) -> None:
    """A module with one class whose method shows ``call`` (a ``self.tr(…)``)."""
    (repo / "archiveviewer" / f"{module}.py").write_text(
        "from PySide6.QtCore import QObject\n\n\n"
        f"class {name}(QObject):\n    def text(self, n: int) -> str:\n        return {call}\n",
        encoding="utf-8",
    )


def translate(repo: Path, language: str, source: str, translation: str) -> None:
    """What a translator does in the ``.ts``: the unfinished entry of ``source`` gets its text."""
    ts = repo / TRANSLATIONS / f"archiveviewer_{language}.ts"
    unfinished = '<translation type="unfinished">.*?</translation>'
    entry = re.compile(f"(<source>{re.escape(source)}</source>\\s*){unfinished}", re.DOTALL)
    text, found = entry.subn(lambda m: m[1] + translation, ts.read_text(encoding="utf-8"))
    assert found == 1
    ts.write_text(text, encoding="utf-8")


def add_translated(repo: Path, name: str, call: str, translations: dict[str, str]) -> None:
    """Commit a class ``name`` showing ``call``, its source translated as ``translations`` say."""
    write_text(repo, name.lower(), name, call)
    assert tool(repo, "update").returncode == 0
    source = call.split('"')[1]
    for language, translation in translations.items():
        translate(repo, language, source, translation)
    commit(repo, f"{name}, translated")


def plural(one: str, many: str) -> str:
    """A numerus message's translation, as a translator writes it."""
    forms = "".join(f"\n            <numerusform>{form}</numerusform>" for form in (one, many))
    return f"<translation>{forms}\n        </translation>"


def commit(repo: Path, message: str) -> None:
    assert tool(repo, "update").returncode == 0
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)


def translated(repo: Path, language: str) -> dict[str, str]:
    """Each source text of a ``.ts`` with its translation (plural forms joined by ``|``)."""
    text = (repo / TRANSLATIONS / f"archiveviewer_{language}.ts").read_text(encoding="utf-8")
    found = {}
    for message in parse_xml(text.replace("<!DOCTYPE TS>", "", 1)).iter("message"):
        translation = message.find("translation")
        assert translation is not None
        forms = [form.text or "" for form in translation.iter("numerusform")]
        value = "|".join(forms) if forms else translation.text or ""
        found[message.findtext("source") or ""] = f"{translation.get('type')}: {value}"
    return found


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project with a translated text, a branch ``plural`` off it, then another text on main."""
    repo = tmp_path / "project"
    (repo / "tools").mkdir(parents=True)
    (repo / "archiveviewer").mkdir()
    shutil.copy(ROOT / "tools" / "translations.py", repo / "tools")
    git(repo, "init", "-q", "-b", "main")
    add_translated(repo, "Greeting", 'self.tr("Hello")', {"de": "<translation>Hallo</translation>"})
    git(repo, "branch", "plural")
    add_translated(repo, "Apples", 'self.tr("Apple")', {"de": "<translation>Apfel</translation>"})
    return repo


def test_two_branches_each_adding_a_translated_text_merge_with_both_translations(
    project: Path,
) -> None:
    git(project, "checkout", "-q", "plural")
    add_translated(project, "Bananas", 'self.tr("%n banana(s)", "", n)', {
        "de": plural("%n Banane", "%n Bananen"), "en": plural("%n banana", "%n bananas"),
    })  # fmt: skip
    git(project, "checkout", "-q", "main")

    merged = git(project, "merge", "-q", "--no-edit", "plural", check=False)
    assert merged.returncode != 0, "the .ts and .qm files conflict"
    result = tool(project, "merge")

    assert result.returncode == 0, result.stdout + result.stderr
    assert translated(project, "de") == {
        "Hello": "None: Hallo",
        "Apple": "None: Apfel",
        "%n banana(s)": "None: %n Banane|%n Bananen",
    }
    assert translated(project, "en") == {"%n banana(s)": "None: %n banana|%n bananas"}
    assert git(project, "diff", "--name-only", "--diff-filter=U").stdout == ""
    git(project, "commit", "-q", "--no-edit")
    check = tool(project, "check")
    assert check.returncode == 0, check.stdout
    assert git(project, "status", "--porcelain").stdout == ""


def test_a_translation_changed_on_their_side_only_is_theirs_after_the_merge(
    project: Path,
) -> None:
    git(project, "checkout", "-q", "plural")
    ts = project / TRANSLATIONS / "archiveviewer_de.ts"
    ts.write_text(ts.read_text(encoding="utf-8").replace("Hallo", "Guten Tag"), encoding="utf-8")
    commit(project, "a politer greeting")
    git(project, "checkout", "-q", "main")

    git(project, "merge", "-q", "--no-edit", "plural", check=False)
    result = tool(project, "merge")

    assert result.returncode == 0, result.stdout + result.stderr
    assert translated(project, "de") == {"Hello": "None: Guten Tag", "Apple": "None: Apfel"}


def test_merge_waits_until_the_codes_own_conflicts_are_resolved(project: Path) -> None:
    write_text(project, "greeting", "Greeting", 'self.tr("Hello there")')
    commit(project, "a longer greeting")
    git(project, "checkout", "-q", "plural")
    write_text(project, "greeting", "Greeting", 'self.tr("Hi")')
    commit(project, "a shorter greeting")
    git(project, "checkout", "-q", "main")
    git(project, "merge", "-q", "--no-edit", "plural", check=False)

    result = tool(project, "merge")

    assert result.returncode == 1
    assert "resolve these conflicts first" in result.stdout
    assert "archiveviewer/greeting.py" in result.stdout
    assert "<<<<<<<" in (project / "archiveviewer" / "greeting.py").read_text(encoding="utf-8")
