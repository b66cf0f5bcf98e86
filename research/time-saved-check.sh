#!/bin/bash
# Compares the time saved `superplane select` estimates with what skipping saved, on this repository:
#   research/time-saved-check.sh COMMIT [SUITE_DIR]   (needs `npm run build`: dist/ and build/bundle/)
# At COMMIT (a worktree): the whole SUITE_DIR (default selector) runs with the coverage reporter and
# `superplane report --wall-ms` keeps each file's share; `superplane select --base COMMIT~1 --head
# COMMIT` picks; the selected files of SUITE_DIR run alone. Prints both wall times and the estimate.
set -eu
SRC=$(cd "$(dirname "$0")/.." && pwd)
C=$1
SUITE=${2:-selector}
OUT=$(mktemp -d)
WT=$OUT/wt
CLI="node $SRC/bin/superplane.js"
git -C "$SRC" worktree add -q --detach "$WT" "$C"
trap 'git -C "$SRC" worktree remove --force "$WT"; rm -rf "$OUT"' EXIT
ln -s "$SRC/node_modules" "$WT/node_modules"
cd "$WT"
rm -rf "$(git rev-parse --git-dir)/superplane"
VITEST="node node_modules/vitest/vitest.mjs run --reporter=dot --reporter=$SRC/dist/coverage/vitest-reporter.js --reporter=junit --outputFile.junit=reports/junit.xml"
now() { date +%s%N; }
s=$(now); SUPERPLANE_COVERAGE_DIR=$OUT/raw CI=1 $VITEST "$SUITE" >"$OUT/full.log" 2>&1 || true; e=$(now)
full=$(((e - s) / 1000000))
$CLI report --repo "$WT" --junit reports/junit.xml --coverage-dir "$OUT/raw" --wall-ms "$full" >/dev/null
$CLI select --repo "$WT" --base "$C~1" --head "$C" --format list --output "$OUT/selected.txt" || true
$CLI select --repo "$WT" --base "$C~1" --head "$C" --format text --output "$OUT/selected-text.txt" || true
grep "^$SUITE/" "$OUT/selected.txt" >"$OUT/picked.txt" || true
selected=0
if [ -s "$OUT/picked.txt" ]; then
  s=$(now); SUPERPLANE_COVERAGE_DIR=$OUT/raw2 CI=1 $VITEST $(cat "$OUT/picked.txt") >"$OUT/selected.log" 2>&1 || true; e=$(now)
  selected=$(((e - s) / 1000000))
fi
echo "$C: full $SUITE run ${full} ms, selected run ($(wc -l <"$OUT/picked.txt") files) ${selected} ms, saved $((full - selected)) ms"
grep -h "Estimated time saved" "$OUT/selected-text.txt" || echo "no estimate printed"
