"""A pybabel extractor for ``kinds.toml``: the labels, default texts and placeholder meanings
are msgids (see ``consult/translations/babel.cfg``)."""

import tomllib

#: The keys of a kind whose values are msgids.
TRANSLATED = ("label", "subject", "body")


def extract_kinds(fileobj, keywords, comment_tags, options):
    """Yield (line, function, msgid, comments) for every translatable string of the file."""
    data = tomllib.loads(fileobj.read().decode("utf-8"))
    for kind in data["kinds"].values():
        for key in TRANSLATED:
            if key in kind:
                yield 0, "_", kind[key], []
    for meaning in data["placeholders"].values():
        yield 0, "_", meaning, []
