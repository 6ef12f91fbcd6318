"""Several web workers or machines: no state lives in one process.

Elsewhere: rate limits in Redis (tests/invitations/test_redis_down.py), reminders and
deadline mails once with several workers (tests/invitations/test_reminders_and_funnel.py,
tests/dossiers/test_deadline_mail.py), mail claimed once by several workers
(tests/invitations/test_delivery.py), member lists kept in the database between import
steps (tests/imports/), documents in UPLOAD_FOLDER (tests/dossiers/test_documents.py).
"""

import re

from tests.conftest import login


def test_a_sign_in_on_one_worker_holds_on_another(app_with, world):
    """Does a board member signed in through one worker stay signed in when the next request
    lands on another worker (or machine) with the same SECRET_KEY?"""
    first, second = app_with().test_client(), app_with().test_client()
    login(first, world.a.board)
    second.set_cookie("session", first.get_cookie("session").value)
    assert second.get(f"/o/{world.a.slug}/").status_code == 200


def test_a_half_answered_questionnaire_goes_on_at_another_worker(app_with, world):
    """Does a page of answers saved through one worker come back through another?"""
    first, second = app_with().test_client(), app_with().test_client()
    token = world.a.tokens[0]
    open_question = re.findall(r'name="(q\d+)"', first.get(f"/i/{token}").text)[-1]
    first.post(f"/i/{token}", data={open_question: "Nog even nadenken", "step": "save"})
    assert "Nog even nadenken" in second.get(f"/i/{token}").text
