"""A wheel built from the project installs into a fresh virtual environment and starts."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from archiveviewer import __version__
from archiveviewer.appinfo import APP_ID, ICON_SIZES

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(out), str(ROOT)],
        check=False, capture_output=True, text=True,
    )
    assert built.returncode == 0, built.stdout + built.stderr
    [wheel] = out.glob("archiveviewer-*.whl")
    return wheel


@pytest.fixture(scope="module")
def fresh_venv(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    venv = tmp_path_factory.mktemp("fresh") / "venv"
    base = getattr(sys, "_base_executable", sys.executable)
    subprocess.run([base, "-m", "venv", str(venv)], check=True)
    installed = subprocess.run(
        [venv / "bin/python", "-m", "pip", "install", "-q", "--disable-pip-version-check", wheel],
        check=False, capture_output=True, text=True,
    )
    assert installed.returncode == 0, installed.stdout + installed.stderr
    return venv


def test_the_wheel_carries_the_sample_icons_desktop_entry_and_metainfo(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    resources = "archiveviewer/resources"
    assert f"{resources}/sample-archive.xml" in names
    assert f"{resources}/desktop/{APP_ID}.desktop" in names
    assert f"{resources}/desktop/{APP_ID}.metainfo.xml" in names
    assert f"{resources}/icons/hicolor/scalable/apps/{APP_ID}.svg" in names
    for size in ICON_SIZES:
        assert f"{resources}/icons/hicolor/{size}x{size}/apps/{APP_ID}.png" in names
    assert not any(name.startswith("tests/") for name in names)


def test_the_installed_program_says_its_version(fresh_venv: Path) -> None:
    result = subprocess.run(
        [fresh_venv / "bin/archiveviewer", "--version"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"archiveviewer {__version__}"


def test_the_installed_program_starts_offscreen_over_the_sample(
    fresh_venv: Path, tmp_path: Path
) -> None:
    env = {
        key: value for key, value in os.environ.items()
        if not key.startswith(("XDG_", "PYTHON", "ARCHIVEVIEWER_"))
    }
    env.update(HOME=str(tmp_path), QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [fresh_venv / "bin/python", ROOT / "tests/packaging/smoke_start.py"],
        capture_output=True, text=True, env=env, cwd=tmp_path, timeout=90, check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "smoke: ok" in result.stdout
    assert str(fresh_venv) in result.stdout  # the installed copy ran, not the checkout
