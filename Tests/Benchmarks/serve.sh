#!/usr/bin/env bash
# make bench (part): how long `rapport serve` takes to rebuild after one meeting is edited,
# on the 10,000-note corpus. Edits are made the two ways editors save: writing the file in
# place, and writing a new file renamed over the old one (which also changes the folder).
#   EDITS=10   edits of each kind        WORK=/tmp/rapport-bench   where the corpus is
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
WORK=${WORK:-/tmp/rapport-bench}
EDITS=${EDITS:-10}
BIN=$ROOT/.build/release/rapport
[ -x "$BIN" ] || { echo "build the release binary first: swift build -c release" >&2; exit 1; }
[ -f "$WORK/c10000/portal.yaml" ] || { echo "no corpus at $WORK/c10000 (make bench generates it)" >&2; exit 1; }
SITE=$(mktemp -d /tmp/rapport-serve-bench.XXXXXX)
LOG=$SITE/serve.log
cleanup() { [ -n "${PID:-}" ] && kill -INT "$PID" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$SITE"; }
trap cleanup EXIT
cp -r "$WORK/c10000" "$SITE/content"
MEETING=$SITE/content/meetings/$(ls "$SITE/content/meetings" | sed -n 500p)
PORT=$(( 20000 + RANDOM % 20000 ))
"$BIN" serve --content "$SITE/content" --templates "$ROOT/templates" --port "$PORT" --as-of 2026-03-27 >"$LOG" 2>&1 &
PID=$!
for _ in $(seq 120); do grep -q '^Serving' "$LOG" && break; sleep 1; done
grep -q '^Serving' "$LOG" || { cat "$LOG" >&2; exit 1; }
rebuilds() { grep -c '^Rebuilt in' "$LOG" || true; }
wait_for() { # count: waits until that many rebuilds were reported
  for _ in $(seq 100); do [ "$(rebuilds)" -ge "$1" ] && return; sleep 0.1; done
  echo "no rebuild reported" >&2; exit 1
}
edit() { # how, n
  local done_before; done_before=$(rebuilds)
  if [ "$1" = in-place ]; then
    printf '\nEdited in place, %s.\n' "$2" >>"$MEETING"
  else
    { cat "$MEETING"; printf '\nSaved by renaming, %s.\n' "$2"; } >"$MEETING.tmp" && mv "$MEETING.tmp" "$MEETING"
  fi
  wait_for $(( done_before + 1 ))
  sleep 0.5   # let a second event from the same save come and go
}
summary() { # label: min, median, max of the rebuild times since the mark
  tail -n +"$MARK" "$LOG" | sed -n 's/^Rebuilt in \([0-9.]*\) ms.*/\1/p' | sort -n | awk -v label="$1" '
    { t[NR] = $1 } END { printf "%-22s %3d rebuilds   min %6.1f ms   median %6.1f ms   max %6.1f ms\n", label, NR, t[1], t[int((NR + 1) / 2)], t[NR] }'
}
sleep 1
echo "rapport serve, 10,000 notes ($(grep '^Serving' "$LOG" | awk '{print $2}') files): rebuild after one meeting edit"
for how in in-place rename; do
  MARK=$(( $(wc -l <"$LOG") + 1 ))
  for i in $(seq "$EDITS"); do edit "$how" "$i"; done
  summary "$how"
done
