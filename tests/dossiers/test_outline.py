"""A long dossier page has an outline: a link to each of its sections, without script."""

import re

from tests.conftest import login


def test_the_dossier_page_links_to_each_of_its_sections(client, world):
    """Does the dossier page start with links to its sections, each landing on a heading
    of the page?"""
    login(client, world.a.board)
    page = client.get(f"/o/{world.a.slug}/dossiers/{world.a.dossier_id}?lang=en").get_data(
        as_text=True
    )
    outline = page.split('class="outline"')[1].split("</nav>")[0]
    targets = re.findall(r'href="#([\w-]+)"', outline)
    assert {"advice", "deadlines", "evidence", "landlord", "timeline"} <= set(targets)
    for target in targets:
        assert re.search(rf'<h2 id="{target}">', page), target
    assert page.index('class="outline"') < page.index('id="advice"')


def test_frozen_figures_fold_away(app, client, world):
    """Are a snapshot's figures folded under a summary the board opens, its title and
    fingerprint still in view?"""
    from consult.dossiers import services
    from consult.dossiers.models import Dossier
    from consult.extensions import db
    from consult.surveys.models.consultations import Consultation
    from consult.surveys.services import enter_paper_form
    from tests import factories

    with app.app_context():
        consultation = db.session.get(Consultation, world.a.consultation_id)
        for _ in range(5):
            enter_paper_form(consultation, factories.answers(consultation))
        services.freeze_evidence(db.session.get(Dossier, world.a.dossier_id), consultation)
        db.session.commit()
    login(client, world.a.board)
    page = client.get(f"/o/{world.a.slug}/dossiers/{world.a.dossier_id}?lang=en").get_data(
        as_text=True
    )
    evidence = page.split('id="evidence"')[1].split('id="documents"')[0]
    before, folded = evidence.split('<details class="evidence-figures">')
    assert "Servicekosten" in before and "SHA-256" in before
    assert "<summary>Show the frozen figures of “Servicekosten”</summary>" in folded
    assert "Welke post is belangrijk?" in folded.split("</details>")[0]
