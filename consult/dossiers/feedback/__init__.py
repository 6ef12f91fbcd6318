"""Closing the loop ("u zei, wij deden"): the feedback page and the mail to the members who
answered."""
