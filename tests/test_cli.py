import subprocess
import sys


def test_version_runs_as_installed_command() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "medlint.cli", "--version"], capture_output=True, text=True
    )
    assert out.returncode == 0
