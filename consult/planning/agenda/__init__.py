"""The year agenda agreed with the landlord: the board shares a year's plan with the
landlord's accounts (who read it and propose items), marks versions as agreed (frozen and
hashed, like dossier evidence), publishes one as the public jaaragenda with PDF and ICS, and
a koepel's member organisations see the koepel's plan."""
