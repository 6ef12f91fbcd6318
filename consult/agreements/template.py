"""The built-in kruisjeslijst: the list of the Woonstad Rotterdam cooperation agreement
(appendix 1, 2016), with the landlord's name made general. An organisation starts from it and
edits its own copy. Topics are in Dutch in every language: they are the agreement's words.

The list is data, ``woonstad_kruisjeslijst.toml`` beside this module, read once at import."""

import tomllib
from importlib.resources import files

from consult.agreements.models import AdviceRight

#: (area, ((topic, right), ...)), in the order of the agreement.
Kruisjeslijst = tuple[tuple[str, tuple[tuple[str, AdviceRight], ...]], ...]


def load_kruisjeslijst(name: str = "woonstad_kruisjeslijst") -> tuple[Kruisjeslijst, dict]:
    """The areas with their topics and rights, and the marks the agreement prints beside a
    right with what they mean ({topic: (mark, note)}), of the data file ``name``.

    :raises ValueError: for a right that is not one of ``AdviceRight``'s.
    """
    source = files("consult.agreements") / f"{name}.toml"
    areas = tomllib.loads(source.read_text(encoding="utf-8"))["area"]
    lines = tuple(
        (area["name"], tuple((t["title"], AdviceRight(t["right"])) for t in area["topic"]))
        for area in areas
    )
    marks = {
        topic["title"]: (topic["mark"], topic["note"])
        for area in areas
        for topic in area["topic"]
        if "mark" in topic
    }
    return lines, marks


#: Woonstad's legend does not explain its "+"; the file's note says what it most likely
#: means and asks the board to write its own agreement's meaning.
WOONSTAD_KRUISJESLIJST, QUALIFIERS = load_kruisjeslijst()
