"""The advice itself: its points with their citations of the evidence, the landlord's reply
per point, and the letter."""
