#!/bin/sh
# Refresh the translations after translatable text changed in the code or the templates.
#
# Usage (from any directory):  consult/translations/update.sh
#
#   1. extracts every _(), gettext, ngettext, _l and lazy_gettext string from consult/**.py
#      and templates/**.html / templates/**.txt (see babel.cfg) into messages.pot, sorted and
#      without source locations so that diffs stay small;
#   2. merges messages.pot into nl/ and en/LC_MESSAGES/messages.po without fuzzy guesses:
#      new strings arrive with an empty msgstr, strings no longer used are dropped;
#   3. compiles the .mo files that the app loads.
#
# Then fill the empty msgstr entries: plain (B1) Dutch in nl/, the msgid itself in en/.
# Run this script again to compile, check with
#   .venv/bin/pytest -q tests/core/test_translations.py
# and commit the .pot, .po and .mo files together.
#
# Set PYBABEL to use another pybabel than .venv/bin/pybabel.
set -eu

cd "$(dirname "$0")/../.."
PYBABEL="${PYBABEL:-.venv/bin/pybabel}"
DIR=consult/translations

POT="$DIR/messages.pot"
NEW="$DIR/messages.pot.new"
trap 'rm -f "$NEW"' EXIT

"$PYBABEL" extract -F "$DIR/babel.cfg" -k _l -k lazy_gettext \
    --no-location --sort-output \
    --project Consult --copyright-holder "Consult" \
    -o "$NEW" .
# Keep the old template when only its POT-Creation-Date would change (no noise in diffs).
without_date() { grep -v '^"POT-Creation-Date:' "$1"; }
if [ -f "$POT" ] && [ "$(without_date "$POT")" = "$(without_date "$NEW")" ]; then
    rm -f "$NEW"
else
    mv "$NEW" "$POT"
fi

for locale in nl en; do
    "$PYBABEL" update -i "$POT" -d "$DIR" -D messages -l "$locale" \
        --no-fuzzy-matching --ignore-obsolete --ignore-pot-creation-date
done

"$PYBABEL" compile -d "$DIR" -D messages --statistics
