"""News on a dossier: the board's dated updates, with a document if it likes, shown on the
feedback page and the public list as the dossier's visibility allows, and mailed to the
members who took part if the board asks."""
