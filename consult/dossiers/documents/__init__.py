"""The documents of a dossier: uploads kept with the dossier's history."""
