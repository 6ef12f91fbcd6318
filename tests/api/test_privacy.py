"""The API never names a person: no member or board member, no landlord contact."""

from tests.api.conftest import LANDLORD_CONTACT, MEMBER_NAMES, api_get, documented_get_urls


def test_no_response_holds_personal_data(app, client, world, seeded, token):
    """In a world of named members, responsible board members, a landlord contact, a
    document and a timeline, does no API response hold an e-mail address or a name?"""
    values = {
        "org": [world.a.slug],
        "consultation_id": [world.a.consultation_id, seeded["consultation_id"]],
        "dossier_id": [world.a.dossier_id, seeded["dossier_id"]],
    }
    bodies = [
        api_get(client, url, token).get_data(as_text=True)
        for path, urls in documented_get_urls(app, values).items()
        if "{org}" in path
        for url in urls
    ]
    assert len(bodies) == 8 and all(body.startswith("{") for body in bodies)
    for body in bodies:
        assert "@" not in body  # member, board member and landlord addresses alike
        for name in (*MEMBER_NAMES, LANDLORD_CONTACT.split(",")[0], "brief.pdf"):
            assert name not in body
    dossier = next(body for body in bodies if '"evidence"' in body and "Huurverhoging" in body)
    assert "Verhoog de huur niet" in dossier and "Half zo veel" in dossier
