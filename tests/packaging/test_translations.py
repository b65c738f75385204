"""The window speaks German under a German locale, and the translation files are current."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from archiveviewer.protocol.safexml import parse_xml

if TYPE_CHECKING:
    import xml.etree.ElementTree as ET

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "archiveviewer" / "resources" / "translations"


def test_the_translation_sources_match_the_code_and_are_compiled() -> None:
    result = subprocess.run(
        [sys.executable, ROOT / "tools" / "translations.py", "check"],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def read_ts(language: str) -> ET.Element:
    """A translation source; its bare ``<!DOCTYPE TS>`` is dropped (our parser refuses DTDs)."""
    text = (TRANSLATIONS / f"archiveviewer_{language}.ts").read_text(encoding="utf-8")
    return parse_xml(text.replace("<!DOCTYPE TS>", "", 1))


def test_every_text_has_its_german_translation_and_every_plural_its_english_forms() -> None:
    for language in ("de", "en"):
        root = read_ts(language)
        unfinished = [
            message.findtext("source")
            for message in root.iter("message")
            if message.find("translation") is not None
            and message.find("translation").get("type") in ("unfinished", "vanished", "obsolete")
        ]
        assert unfinished == [], f"{language}: {unfinished[:5]}"
    german = read_ts("de")
    assert len(list(german.iter("message"))) >= 50


def test_the_program_started_under_a_german_locale_shows_german_menus(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "LANG", "XDG_"))}
    env.update(HOME=str(tmp_path), QT_QPA_PLATFORM="offscreen", LANG="de_DE.UTF-8")
    result = subprocess.run(
        [sys.executable, ROOT / "tests/packaging/smoke_start.py", "&Archiv", "&Unterhaltung"],
        capture_output=True, text=True, env=env, cwd=tmp_path, timeout=90, check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "smoke: ok" in result.stdout
