#!/usr/bin/env bash
# make bench: builds generated corpora with the release binary and, when Hugo is installed,
# the same corpus with Hugo in the same run, interleaved, and prints the figures and ratios.
#   BENCH_LARGE=1  also 50,000 notes      RUNS=3  runs per tool and size
#   OUT=folder     where Rapport writes (default: a tmpfs under /dev/shm when there is one,
#                  as Hugo is run with --renderToMemory; OUT=/tmp/x measures the disk too)
# Rapport's runs rebuild into the output of the run before, as a user does (unchanged
# files are kept, not written again); the "fresh" rows build into an empty folder.
# When the cmark-gfm command is installed (apt-get install cmark-gfm), each run also measures
# the floor issue 7 sets: reading every note (cat) plus cmark-gfm parsing and rendering all
# their bodies in one process, with Rapport's extensions; it prints Rapport's CPU over it.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
SHARED=${SHARED:-$ROOT/../shared}
WORK=${WORK:-/tmp/rapport-bench}
RUNS=${RUNS:-3}
SIZES="1000 10000"
[ "${BENCH_LARGE:-}" = 1 ] && SIZES="$SIZES 50000"
BIN=$ROOT/.build/release/rapport
[ -x "$BIN" ] || { echo "build the release binary first: swift build -c release" >&2; exit 1; }
[ -f "$SHARED/gen_corpus.py" ] || { echo "cannot find gen_corpus.py under $SHARED (set SHARED=...)" >&2; exit 1; }
mkdir -p "$WORK"
if [ -z "${OUT:-}" ]; then
  if [ -d /dev/shm ] && [ -w /dev/shm ]; then OUT=/dev/shm/rapport-bench-out; else OUT=$WORK; fi
fi
mkdir -p "$OUT"
echo "Rapport writes to $OUT; Hugo renders to memory."
command -v cmark-gfm >/dev/null || echo "No floor measured: the cmark-gfm command is not installed (apt-get install cmark-gfm)."
calc() { awk "BEGIN { printf \"%.4g\", $* }"; }
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

measure() { # label, command...: prints "label wall cpu rss"
  local label=$1; shift
  local log; log=$(mktemp)
  /usr/bin/time -f "%e %U %S %M" -o "$log" "$@" >/dev/null 2>"$log.err" || { cat "$log.err" >&2; rm -f "$log" "$log.err"; return 1; }
  read -r wall user sys rss <"$log"
  rm -f "$log" "$log.err"
  echo "$label $wall $(calc "$user + $sys") $rss"
}

printf '%-8s %-7s %8s %8s %10s %10s %8s\n' notes tool wall_s cpu_s peak_MB notes_per_s files
for n in $SIZES; do
  corpus=$WORK/c$n
  [ -f "$corpus/portal.yaml" ] || python3 "$SHARED/gen_corpus.py" --notes "$n" --seed 1 --out "$corpus" --quiet
  hugo_site=$WORK/hugo-$n
  have_hugo=0
  if command -v hugo >/dev/null && [ -d "$SHARED/peers/hugo-site" ]; then
    have_hugo=1
    [ -d "$hugo_site/content" ] || python3 "$SHARED/gen_corpus.py" --notes "$n" --seed 1 --out "$hugo_site" --hugo --quiet
    cp -r "$SHARED/peers/hugo-site/hugo.toml" "$SHARED/peers/hugo-site/layouts" "$hugo_site/"
    (cd "$hugo_site" && hugo --quiet --renderToMemory >/dev/null 2>&1 || true)   # warm-up
  fi
  "$BIN" build --content "$corpus" --out "$OUT/out-$n" --as-of 2026-03-27 >/dev/null 2>&1 || true  # warm-up
  files=$(find "$OUT/out-$n" -type f | wc -l)
  have_cmark=0
  if command -v cmark-gfm >/dev/null; then
    have_cmark=1
    bodies=$WORK/bodies-$n.md   # every note's body, front matter cut, one after another
    [ -f "$bodies" ] || python3 - "$corpus" "$bodies" <<'PY'
import os, sys
root, target = sys.argv[1], sys.argv[2]
with open(target, "w") as out:
    for folder, _, names in sorted(os.walk(root)):
        for name in sorted(names):
            if not name.endswith(".md"):
                continue
            text = open(os.path.join(folder, name), encoding="utf-8").read()
            if text.startswith("---"):
                end = text.find("\n---", 3)
                if end >= 0:
                    text = text[text.find("\n", end + 1) + 1:]
            out.write(text + "\n\n")
PY
  fi
  r_wall=0; h_wall=0; r_rss=0; h_rss=0; r_cpu=0; h_cpu=0; f_cpu=0; fr_wall=0; fr_cpu=0
  r_walls=(); fr_walls=(); h_walls=()
  for i in $(seq "$RUNS"); do
    set -- $(measure rapport "$BIN" build --content "$corpus" --out "$OUT/out-$n" --as-of 2026-03-27)
    printf '%-8s %-7s %8s %8s %10s %10s %8s\n' "$n" rapport "$2" "$3" "$(( $4 / 1024 ))" "$(calc "$n / $2")" "$files"
    r_walls+=("$2"); r_wall=$(calc "$r_wall + $2"); r_cpu=$(calc "$r_cpu + $3"); [ "$4" -gt "$r_rss" ] && r_rss=$4
    rm -rf "$OUT/fresh-$n"
    set -- $(measure fresh "$BIN" build --content "$corpus" --out "$OUT/fresh-$n" --as-of 2026-03-27)
    printf '%-8s %-7s %8s %8s %10s %10s %8s\n' "$n" fresh "$2" "$3" "$(( $4 / 1024 ))" "$(calc "$n / $2")" "$files"
    fr_walls+=("$2"); fr_wall=$(calc "$fr_wall + $2"); fr_cpu=$(calc "$fr_cpu + $3")
    if [ $have_hugo = 1 ]; then
      set -- $(cd "$hugo_site" && measure hugo hugo --quiet --renderToMemory)
      printf '%-8s %-7s %8s %8s %10s %10s %8s\n' "$n" hugo "$2" "$3" "$(( $4 / 1024 ))" "$(calc "$n / $2")" -
      h_walls+=("$2"); h_wall=$(calc "$h_wall + $2"); h_cpu=$(calc "$h_cpu + $3"); [ "$4" -gt "$h_rss" ] && h_rss=$4
    fi
    if [ $have_cmark = 1 ]; then
      set -- $(measure read sh -c "find '$corpus' -type f -print0 | xargs -0 cat >/dev/null")
      read_cpu=$3
      set -- $(measure cmark cmark-gfm -e table -e strikethrough -e autolink -e tagfilter -e tasklist --sourcepos "$bodies")
      printf '%-8s %-7s %8s %8s %10s %10s %8s\n' "$n" floor - "$(calc "$read_cpu + $3")" - - -
      f_cpu=$(calc "$f_cpu + $read_cpu + $3")
    fi
  done
  if [ $have_cmark = 1 ]; then
    echo "$n notes: Rapport CPU $(calc "$r_cpu / $f_cpu")x the read-plus-parse floor (cat of every file, cmark-gfm on every body); into an empty folder $(calc "$fr_cpu / $f_cpu")x"
  fi
  if [ $have_hugo = 1 ]; then
    echo "$n notes: Hugo/Rapport wall $(calc "$h_wall / $r_wall")x, CPU $(calc "$h_cpu / $r_cpu")x, peak RSS Rapport/Hugo $(calc "$r_rss / $h_rss")"
    echo "$n notes: into an empty folder, Hugo/Rapport wall $(calc "$h_wall / $fr_wall")x, CPU $(calc "$h_cpu / $fr_cpu")x"
    # The same runs' medians: one run slowed by the rest of a shared machine moves a mean.
    echo "$n notes: medians of the runs: Hugo/Rapport wall $(calc "$(median "${h_walls[@]}") / $(median "${r_walls[@]}")")x, into an empty folder $(calc "$(median "${h_walls[@]}") / $(median "${fr_walls[@]}")")x"
  fi
done
"$BIN" build --content "$WORK/c10000" --out "$OUT/out-10000" --as-of 2026-03-27 --timings 2>/dev/null | tail -n +2 || true
rm -rf "$OUT"/out-* "$OUT"/fresh-*
# Live preview: rebuild times after one meeting edit at 10,000 notes.
WORK=$WORK Tests/Benchmarks/serve.sh
