"""deploy/hash_pins.py: exact pins only, the sha256 of the very file pip downloads, and the
requirements.txt digest line the Dockerfile checks with `sha256sum`."""

from __future__ import annotations

import hashlib
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT / "deploy"))
import hash_pins  # noqa: E402

pytestmark = pytest.mark.integration


def test_only_exact_pins_are_accepted() -> None:
    text = "# lock\nalembic==1.20.1\n\nFlask==3.1.3  # web\n"
    assert hash_pins.pins(text) == ["alembic==1.20.1", "Flask==3.1.3"]
    with pytest.raises(ValueError, match="not an exact pin"):
        hash_pins.pins("flask>=3\n")


def test_the_recorded_digest_is_what_the_dockerfile_compares(tmp_path: Path) -> None:
    requirements = tmp_path / "requirements.txt"
    requirements.write_bytes(b"alembic==1.20.1\n")
    out = hash_pins.render(requirements.read_bytes(), [("alembic==1.20.1", ["ab" * 32])])
    summed = subprocess.run(["sha256sum", str(requirements)], capture_output=True, text=True)
    assert out.splitlines()[1] == f"# requirements.txt sha256: {summed.stdout.split()[0]}"
    assert f"alembic==1.20.1 \\\n    --hash=sha256:{'ab' * 32}" in out
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert 'grep -qx "# requirements.txt sha256: $sum"' in dockerfile
    assert "--require-hashes" in dockerfile


def test_a_pin_is_hashed_from_the_file_pip_downloads(tmp_path: Path) -> None:
    pip = [sys.executable, "-m", "pip"]
    try:
        pin, digests = hash_pins.file_hash(pip, "alembic==1.20.1", tmp_path)
    except subprocess.CalledProcessError:
        pytest.skip("pip cannot download from its index here")
    (wheel,) = next(tmp_path.iterdir()).iterdir()
    assert pin == "alembic==1.20.1"
    assert digests == [hashlib.sha256(wheel.read_bytes()).hexdigest()]
    shown = subprocess.run([*pip, "hash", str(wheel)], capture_output=True, text=True).stdout
    assert re.search(rf"--hash=sha256:{digests[0]}\b", shown)


def test_the_committed_hashes_file_matches_requirements_txt() -> None:
    """The Docker build refuses a stale file: regenerate with `make hash-pins` on any change."""
    hashed = ROOT / "requirements.hashes.txt"
    if not hashed.exists():
        pytest.skip("no requirements.hashes.txt: the image installs from requirements.txt")
    requirements = (ROOT / "requirements.txt").read_bytes()
    text = hashed.read_text()
    assert text.splitlines()[1].endswith(hashlib.sha256(requirements).hexdigest())
    pinned = re.findall(r"^(\S+==\S+)", text, re.M)
    assert pinned == hash_pins.pins(requirements.decode())
    entries = text.split(" \\\n    --hash=sha256:")
    assert len(entries) - 1 >= len(pinned)  # every pin carries at least one hash
