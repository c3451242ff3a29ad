"""The built wheel ships the rule catalogue: install it into a fresh venv and run `factlint rules`."""

from __future__ import annotations

import subprocess
import sys
import venv

from tests.conftest import ROOT


def test_wheel_ships_rules(tmp_path) -> None:
    dist = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(dist), str(ROOT)],
                   check=True, timeout=300)
    (wheel,) = dist.glob("factlint-*.whl")
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    pip = env_dir / "bin" / "pip"
    subprocess.run([str(pip), "install", "-q", str(wheel)], check=True, timeout=300)
    proc = subprocess.run([str(env_dir / "bin" / "factlint"), "rules"], capture_output=True, text=True,
                          cwd=tmp_path, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert "FL101" in proc.stdout and "number-contradiction" in proc.stdout
    located = subprocess.run([str(env_dir / "bin" / "python"), "-c",
                              "from factlint.catalogue import rules_dir; print(rules_dir())"],
                             capture_output=True, text=True, cwd=tmp_path, timeout=60)
    assert str(env_dir) in located.stdout  # read from inside the installed package, not the checkout
