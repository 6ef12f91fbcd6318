"""The load bench runs with the production install alone (issue 27)."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHECK = """
import shutil, sys
sys.path.insert(0, "bench")
import answer_load, load_seed
shutil.rmtree(answer_load.WORK)
print(" ".join(m for m in sys.modules if m.split(".")[0] in ("tests", "aiosmtpd", "pytest")))
"""


def test_the_answer_bench_imports_nothing_of_the_tests():
    """Does bench/answer_load.py start without the test mail server, aiosmtpd or pytest?"""
    done = subprocess.run(
        [sys.executable, "-c", CHECK], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert done.stdout.split() == []
