"""The chart script, served small and cached for good (issue 22).

What it keeps: every chart Consult draws (bars on the results page, lines on the funnel and
the panel dashboard) is drawn by Plotly's partial *basic* bundle (bar, scatter, pie) of the
version the Python package writes figures for, vendored in consult/static/vendor by
``update_plotly.sh`` beside this module: 1.2 MB instead of the full 4.8 MB, and 0.39 MB as
the gzip file that is sent to every browser that accepts gzip.

Why it is safe: the file's name holds the first characters of its SHA-256, so a new bundle
gets a new address and the old one may be cached for a year, ``immutable``. Every chart has
a table with the same numbers beside it, so a page without the script loses nothing.
``tests/results/test_results.py`` fails when the bundle's version differs from the Python
package's, or when the gzip file is not the bundle.

How to turn it off: point ``PLOTLY_BUNDLE`` below at the full bundle in the Python package
(``plotly/package_data/plotly.min.js``); without a ``.gz`` beside it, it is sent as it is.
"""

import gzip
import hashlib
import re
from functools import cache
from pathlib import Path

import plotly
from flask import request, send_file

VENDOR = Path(__file__).parent.parent / "static" / "vendor"
#: The partial bundle: the one plotly-basic-<version>.min.js that update_plotly.sh put there.
PLOTLY_BUNDLE = next(VENDOR.glob("plotly-basic-*.min.js"))
PLOTLY_GZIP = PLOTLY_BUNDLE.with_name(PLOTLY_BUNDLE.name + ".gz")
#: A year: the name changes with the content.
MAX_AGE = 365 * 24 * 3600


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:12]


#: The address of the script, with its content's digest: /vendor/plotly-<digest>.min.js
PLOTLY_PATH = f"/vendor/plotly-{_digest(PLOTLY_BUNDLE)}.min.js"


def bundle_version(script: bytes) -> str:
    """The plotly.js version in a bundle's header comment ("plotly.js ... v4.1.1")."""
    found = re.search(rb"plotly\.js[^\n]*? v(\d+\.\d+\.\d+)", script[:500])
    return found.group(1).decode() if found else ""


@cache
def expected_plotly_version() -> str:
    """The plotly.js version the installed Python package ships (and writes figures for)."""
    full = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
    with full.open("rb") as script:
        return bundle_version(script.read(500))


def gzip_matches_bundle() -> bool:
    """Whether the gzip file holds exactly the bundle (a check for the tests)."""
    return gzip.decompress(PLOTLY_GZIP.read_bytes()) == PLOTLY_BUNDLE.read_bytes()


def plotly_response():
    """The bundle, gzipped where the browser accepts it, cacheable for a year."""
    compressed = PLOTLY_GZIP.exists() and request.accept_encodings["gzip"] > 0
    response = send_file(
        PLOTLY_GZIP if compressed else PLOTLY_BUNDLE, mimetype="text/javascript", max_age=MAX_AGE
    )
    if compressed:
        response.headers["Content-Encoding"] = "gzip"
    response.cache_control.immutable = True
    response.cache_control.public = True
    response.vary.add("Accept-Encoding")
    return response
