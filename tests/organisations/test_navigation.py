"""The menu says where the user is, and a refused landlord finds its way back."""

import re

from tests.conftest import login


def current_in_menu(page: str) -> list[tuple[str, str]]:
    """(label, aria-current value) of every marked link of the main menu."""
    menu = page.split('class="main-nav"')[1].split("</nav>")[0]
    return re.findall(r'<a href="[^"]+" aria-current="(\w+)">([^<]+)</a>', menu)


def test_the_menu_marks_the_current_page_and_section(client, world):
    """Is "Dossiers" the current page on the dossier list, the current section on a dossier,
    and "Overview" marked only on the overview?"""
    login(client, world.a.board)
    base = f"/o/{world.a.slug}"
    assert current_in_menu(client.get(f"{base}/?lang=en").get_data(as_text=True)) == [
        ("page", "Overview")
    ]
    assert current_in_menu(client.get(f"{base}/dossiers/").get_data(as_text=True)) == [
        ("page", "Dossiers")
    ]
    dossier = client.get(f"{base}/dossiers/{world.a.dossier_id}").get_data(as_text=True)
    assert current_in_menu(dossier) == [("true", "Dossiers")]


def test_a_refused_landlord_is_led_back_to_its_dossiers(client, world):
    """Does a landlord on a board page get a 403 page with its own menu and a link back to
    the dossiers shared with it, not the board's menu?"""
    login(client, world.a.landlord)
    response = client.get(f"/o/{world.a.slug}/panel/?lang=en")
    page = response.get_data(as_text=True)
    assert response.status_code == 403
    assert f'href="/o/{world.a.slug}/verhuurder/">Back to the dossiers shared with you' in page
    assert f'href="/o/{world.a.slug}/panel/"' not in page
