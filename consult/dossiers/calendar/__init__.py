"""Calendar feeds of a dossier's deadlines, behind personal links, and their subscriptions."""
