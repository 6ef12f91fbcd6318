"""Time CI (`CI=true bash .ci/run`) of two commits back to back, each in a fresh clone.

    python3 bench/ci_time.py [--base a9c7496] [--head HEAD] [--repo .] [--keep]

Clones the repository twice into a temporary folder, checks out each commit and runs its own
``.ci/run`` there (which makes its own venv, as on a clean machine), the base first. Prints
both wall times, their ratio (head / base) and the load average around each run; each run's
output goes to a log file beside its clone. Exits non-zero when either run fails. Both runs
use the same PostgreSQL database (``test``), so nothing else should run CI meanwhile.
``--command`` replaces ``bash .ci/run`` (to try the script quickly, e.g. ``--command true``).
"""

import argparse
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[1]


def git(*arguments: str, cwd: Path) -> str:
    return subprocess.run(
        ["git", *arguments], cwd=cwd, check=True, capture_output=True, text=True
    ).stdout.strip()


def clone(repository: Path, commit: str, folder: Path) -> None:
    """A fresh clone of ``repository`` at ``commit`` (a full SHA) in ``folder``."""
    subprocess.run(
        ["git", "clone", "--quiet", "--no-checkout", str(repository), str(folder)], check=True
    )
    subprocess.run(["git", "fetch", "--quiet", str(repository), commit], cwd=folder, check=True)
    git("checkout", "--quiet", "--detach", commit, cwd=folder)


def timed_run(folder: Path, command: str, log: Path) -> tuple[float, int]:
    """Run ``command`` in ``folder`` as CI does; its wall time in seconds and exit status."""
    environment = {**os.environ, "CI": "true"}
    environment.pop("VIRTUAL_ENV", None)
    environment.pop("TEST_DATABASE_URL", None)
    started = time.monotonic()
    with log.open("w") as output:
        status = subprocess.run(
            shlex.split(command),
            cwd=folder,
            env=environment,
            stdin=subprocess.DEVNULL,
            stdout=output,
            stderr=subprocess.STDOUT,
        ).returncode
    return time.monotonic() - started, status


def minutes(seconds: float) -> str:
    return f"{int(seconds // 60)} min {seconds % 60:04.1f} s"


def load() -> str:
    return " ".join(f"{value:.1f}" for value in os.getloadavg())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default="a9c7496", help="the earlier commit (default a9c7496)")
    parser.add_argument("--head", default="HEAD", help="the later commit (default HEAD)")
    parser.add_argument("--repo", type=Path, default=REPOSITORY, help="the repository to clone")
    parser.add_argument("--command", default="bash .ci/run", help="what to time in each clone")
    parser.add_argument("--keep", action="store_true", help="keep the clones and logs")
    options = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="consult-ci-time-"))
    times = {}
    failed = False
    try:
        for name, commit in (("base", options.base), ("head", options.head)):
            sha = git("rev-parse", "--verify", f"{commit}^{{commit}}", cwd=options.repo)
            folder, log = work / name, work / f"{name}.log"
            clone(options.repo, sha, folder)
            print(f"{name}: {commit} = {sha[:10]}, load {load()}; log {log}", flush=True)
            seconds, status = timed_run(folder, options.command, log)
            times[name] = seconds
            failed |= status != 0
            verdict = "passed" if status == 0 else f"FAILED (exit {status})"
            print(f"{name}: {minutes(seconds)} ({seconds:.0f} s), {verdict}, load {load()}")
    finally:
        if options.keep or failed:
            print(f"clones and logs kept in {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    if times["base"] > 0:
        print(f"head / base: {times['head'] / times['base']:.0%}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
