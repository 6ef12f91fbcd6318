"""Consent (instemming): a dossier on a topic with the right *Ins* is decided, not advised.
The organisation gives consent, gives it under conditions, or withholds it, with reasons and
a date; the landlord may not carry out the proposal without it (Wohv art. 5a for service
costs, the agreement for the rest). Its own letter, its own term only where the agreement
sets one, and a koepel's joint consent by two thirds."""
