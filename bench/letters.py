"""Letters by post: how long the print batches of N letters take, and the memory they need.

Adds N members who get post (default 500 and 5,000, each run in a process of its own) to an
organisation on a new SQLite file, invites them, and writes every print batch
(``letters.BATCH_SIZE`` letters a PDF) as the board downloads them one after another. Prints
per N: the CPU time of all batches and of the slowest one, the total size, and the peak RSS
before and after: it must stay flat as N grows, since one download holds one batch.
Run:  .venv/bin/python bench/letters.py [500 5000]
"""

import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def measure(count: int) -> str:
    from sqlalchemy import insert

    from consult import create_app

    path = Path(tempfile.mkdtemp()) / "letters.db"
    # Built before the domains are imported: importing them alone leaves models unmapped.
    app = create_app({"CONFIG_NAME": "testing", "SQLALCHEMY_DATABASE_URI": f"sqlite:///{path}"})
    from consult.core.tokens import new_salt
    from consult.extensions import db
    from consult.invitations import inviting, letters
    from consult.panel.models import PanelMember
    from tests import factories

    with app.app_context():
        db.create_all()
        org = factories.organisation("Huurdersvereniging De Brug")
        records = [
            {
                "organisation_id": org.id,
                "name": f"Huurder {n}",
                "postal_address": f"Dorpsstraat {n}\n1234 AB Ons Dorp",
                "channel": "post",
                "status": "active",
                "locale": "nl",
                "token_salt": new_salt(),
            }
            for n in range(count)
        ]
        db.session.execute(insert(PanelMember), records)
        consultation = factories.consultation(org)
        inviting.invite_panel(consultation)
        db.session.commit()
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
        slowest = size = 0.0
        started = time.process_time()
        for batch in letters.batches(consultation):
            one = time.process_time()
            size += len(letters.letters_pdf(consultation, batch.number))
            slowest = max(slowest, time.process_time() - one)
        total = time.process_time() - started
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    return (
        f"{count} letters: {total:.1f} s CPU, slowest batch {slowest:.1f} s, "
        f"{size / 1024 / 1024:.1f} MB of PDF, peak RSS {before} -> {after} MB"
    )


if __name__ == "__main__":
    if sys.argv[1:2] == ["--one"]:
        print(measure(int(sys.argv[2])))
    else:
        for count in sys.argv[1:] or ["500", "5000"]:
            subprocess.run([sys.executable, __file__, "--one", count], check=True)
