"""A dossier's deadlines (legal and agreed terms) and the mail about them to the board."""
