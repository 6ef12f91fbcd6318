#!/bin/sh
# Vendor Plotly's partial "basic" bundle (bar, scatter, pie: every chart Consult draws) and
# its gzip file, from the npm package of the plotly.js version the Python package expects.
#
# Usage (from any directory, with npm):  consult/core/update_plotly.sh
#
# The version is read from the full bundle inside the installed Python package, so after an
# upgrade of plotly this script brings the partial bundle in line; a test in
# tests/results/test_results.py fails until it has run. Commit the .js and .js.gz files together.
set -eu

cd "$(dirname "$0")/../.."
PYTHON="${PYTHON:-.venv/bin/python}"
DIR=consult/static/vendor
# The header of the full bundle in the Python package: "plotly.js v4.1.1".
VERSION=$("$PYTHON" -c 'import pathlib, plotly, re
full = pathlib.Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
print(re.search(r"plotly\.js v(\d+\.\d+\.\d+)", full.read_text()[:500]).group(1))')
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

(cd "$WORK" && npm pack --silent "plotly.js-basic-dist-min@$VERSION" >/dev/null && tar xzf ./*.tgz)
rm -f "$DIR"/plotly-basic-*.min.js "$DIR"/plotly-basic-*.min.js.gz
cp "$WORK/package/plotly-basic.min.js" "$DIR/plotly-basic-$VERSION.min.js"
cp "$WORK/package/LICENSE" "$DIR/plotly-LICENSE.txt"
# -n: no name or time in the header, so the same input gives the same bytes.
gzip -9 -n -k "$DIR/plotly-basic-$VERSION.min.js"
ls -l "$DIR"
