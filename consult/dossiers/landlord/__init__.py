"""The landlord's own view of the dossiers the board shares with it."""
