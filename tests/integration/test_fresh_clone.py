"""`make data` works in a fresh clone with nothing beside it (issue #6: the product runs alone).

The committed HEAD is cloned into a folder with no `shared` sibling and the literal `make data`
runs there with an environment that names no data pack, database or var dir: everything must
come from the clone. Building the clone its own virtualenv would take minutes and the network,
so its `.venv/bin` links to the interpreter running the tests and its install stamp is made
newer than the requirements, which lets make skip `pip install`; PYTHONPATH puts the clone's
src/ first, so the clone's code (and with it PROJECT_ROOT, data/ and var/) is the one that runs.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import pytest

from zerowaste.infrastructure.reference import datapack

pytestmark = [pytest.mark.integration, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
VENV_BIN = Path(sys.executable).parent  # the virtualenv running the tests, not resolved
# Row counts published in data/README.md: 661 FoodKeeper products, 207 ingredients.
PUBLISHED = {"foodkeeper": 661, "ingredients": 207}


def run(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> str:
    done = subprocess.run(
        command,
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, f"{' '.join(command)} failed:\n{done.stdout}"
    return done.stdout


def clone_alone(tmp_path: Path) -> Path:
    """Clone the committed HEAD to tmp/alone/zerowaste, where no ../shared exists."""
    top = run(["git", "rev-parse", "--show-toplevel"], ROOT).strip()
    clone = tmp_path / "alone" / "zerowaste"
    run(["git", "clone", "--quiet", top, str(clone)], tmp_path)
    assert not (clone.parent / "shared").exists()
    return clone


def borrow_installed_venv(clone: Path) -> None:
    """Give the clone an installed-looking .venv so make runs no pip (see the module doc)."""
    venv = clone / ".venv"
    venv.mkdir()
    (venv / "bin").symlink_to(VENV_BIN, target_is_directory=True)
    requirements = ("requirements.txt", "requirements-dev.txt", "pyproject.toml")
    newest = max((clone / name).stat().st_mtime_ns for name in requirements)
    stamp = venv / ".installed-stamp"
    stamp.touch()
    made = max(time.time_ns(), newest + 1)  # newer than the requirements, not in the future
    os.utime(stamp, ns=(made, made))
    # A stale stamp would make `make data` pip-install into the borrowed virtualenv: refuse.
    run(["make", "--question", ".venv/.installed-stamp"], clone)


def bare_env(clone: Path, home: Path) -> dict[str, str]:
    """Only what a shell needs: no ZW_DATA_DIR, ZW_VAR_DIR, DATABASE_URL or other settings."""
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home),
        "LANG": "C.UTF-8",
        "PYTHONPATH": str(clone / "src"),
    }


def ref_counts(database: Path) -> dict[str, int]:
    """Rows in each dataset's ref_* table of the clone's SQLite file."""
    with closing(sqlite3.connect(database)) as conn:
        return {
            dataset.name: conn.execute(f"SELECT COUNT(*) FROM {dataset.table}").fetchone()[0]
            for dataset in datapack.DATASETS
        }


@pytest.mark.skipif(
    shutil.which("git") is None or shutil.which("make") is None, reason="needs git and make"
)
@pytest.mark.skipif(not (ROOT / ".git").exists(), reason="not run from a git checkout")
@pytest.mark.skipif(
    not (VENV_BIN / "zerowaste").exists(), reason="tests do not run from the project virtualenv"
)
def test_make_data_imports_the_pack_in_a_fresh_clone_with_nothing_beside_it(tmp_path):
    clone = clone_alone(tmp_path)
    borrow_installed_venv(clone)

    output = run(["make", "data"], clone, bare_env(clone, tmp_path))

    assert "pip install" not in output  # the borrowed virtualenv was left alone
    assert "reference data imported: foodkeeper=" in output
    database = clone / "var" / "zerowaste.db"  # var/ of the clone: its PROJECT_ROOT ran
    assert database.exists(), output
    in_files = {dataset.name: len(dataset.parse(clone / "data")) for dataset in datapack.DATASETS}
    assert ref_counts(database) == in_files
    assert {name: in_files[name] for name in PUBLISHED} == PUBLISHED
