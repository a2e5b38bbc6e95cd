#!/usr/bin/env bash
# Fuzzes the parsers Rapport feeds with user files, with libFuzzer (`make fuzz`):
#   front-matter  a note's bytes: decoding, front matter splitting, YAML (fast reader vs Yams), portal.yaml
#   csv           a KPI's CSV file
#   markdown      a meeting body: cmark-gfm, tasks, decisions, links (and no live markup in the HTML)
# The checks live in Tests/RapportCoreTests/Trust/FuzzTargets.swift, which the tests run too.
#
# RapportCore and its dependencies are built once with coverage and AddressSanitizer
# (`-sanitize=fuzzer,address`, release, `-enable-testing` for the internal entry points)
# in $FUZZ_SCRATCH; each target is one swiftc call linking those objects. Each target first
# replays its regressions (Tests/Fuzz/Regressions/<target>/, crashes found before), then
# runs for FUZZ_SECONDS from a seed corpus copied from Tests/Fixtures and content/ into a
# temporary folder (nothing generated is kept in the repository). A crash leaves its input
# in $FUZZ_SCRATCH/artifacts/: fix the bug, then copy the input into Regressions.
#
#   FUZZ_SECONDS=60 FUZZ_TARGETS="front-matter csv markdown" Tests/Fuzz/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."

SCRATCH="${FUZZ_SCRATCH:-.build-fuzz}"
SECONDS_EACH="${FUZZ_SECONDS:-60}"
TARGETS="${FUZZ_TARGETS:-front-matter csv markdown}"
ARTIFACTS="$SCRATCH/artifacts"
BUILD="$SCRATCH/release"
# A crash is reported by libFuzzer; Swift's own backtracer would wait on the crashed process.
export SWIFT_BACKTRACE=enable=no

echo "== building RapportCore with -sanitize=fuzzer,address into $SCRATCH"
swift build -c release --scratch-path "$SCRATCH" --target RapportCore \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -enable-testing -Xcc -fsanitize=fuzzer-no-link,address

harness() {
    case "$1" in
    front-matter) echo FuzzFrontMatter ;;
    csv) echo FuzzCSV ;;
    markdown) echo FuzzMarkdown ;;
    *) echo "unknown fuzz target '$1' (front-matter, csv, markdown)" >&2; exit 2 ;;
    esac
}

# Seeds: notes and portal files for front-matter and markdown; CSVs (after the byte that
# picks the KPI's frequency) for csv.
seed() {
    local target="$1" corpus="$2" n=0 file
    if [ "$target" = csv ]; then
        while IFS= read -r -d '' file; do
            n=$((n + 1)); { printf '\001'; cat "$file"; } > "$corpus/seed-$n"
        done < <(find Tests/Fixtures content -name '*.csv' -print0)
    else
        while IFS= read -r -d '' file; do
            n=$((n + 1)); cp "$file" "$corpus/seed-$n"
        done < <(find Tests/Fixtures content \( -name '*.md' -o -name 'portal.yaml' \) -print0)
    fi
    if [ -d "Tests/Fuzz/Regressions/$target" ]; then cp "Tests/Fuzz/Regressions/$target"/* "$corpus/" 2>/dev/null || true; fi
}

mkdir -p "$ARTIFACTS"
summary=()
failed=0
for target in $TARGETS; do
    name="$(harness "$target")"
    binary="$SCRATCH/fuzz-$target"
    echo "== $target: linking $binary"
    swiftc -O -sanitize=fuzzer,address -parse-as-library -module-name "$name" \
        -I "$BUILD/Modules" \
        -Xcc -fmodule-map-file=Sources/CMarkGFM/module.modulemap \
        -Xcc -fmodule-map-file="$SCRATCH/checkouts/Yams/Sources/CYaml/include/module.modulemap" \
        "Tests/Fuzz/$name.swift" Tests/RapportCoreTests/Trust/FuzzTargets.swift \
        "$BUILD"/RapportCore.build/*.o "$BUILD"/Markdown.build/*.o "$BUILD"/Yams.build/*.o "$BUILD"/CYaml.build/src/*.o \
        -lcmark-gfm -lcmark-gfm-extensions -o "$binary" 2> >(grep -v "Cannot export local symbol" >&2)

    if [ -d "Tests/Fuzz/Regressions/$target" ] && [ -n "$(ls -A "Tests/Fuzz/Regressions/$target")" ]; then
        echo "== $target: replaying $(ls "Tests/Fuzz/Regressions/$target" | wc -l) regressions"
        "$binary" "Tests/Fuzz/Regressions/$target"/* > "$ARTIFACTS/$target-regressions.log" 2>&1 || {
            tail -40 "$ARTIFACTS/$target-regressions.log"; echo "== $target: a regression fails again"; failed=1; continue; }
    fi

    corpus="$(mktemp -d)"
    seed "$target" "$corpus"
    echo "== $target: fuzzing for ${SECONDS_EACH}s from $(ls "$corpus" | wc -l) seeds"
    log="$ARTIFACTS/$target.log"
    status=0
    "$binary" -max_total_time="$SECONDS_EACH" -timeout=20 -rss_limit_mb=3072 -max_len=16384 \
        -print_final_stats=1 -artifact_prefix="$ARTIFACTS/$target-" "$corpus" > "$log" 2>&1 || status=$?
    runs="$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo '?')"
    rm -rf "$corpus"
    if [ "$status" -ne 0 ]; then
        tail -40 "$log"
        summary+=("$target: CRASH after $runs executions (input in $ARTIFACTS, log $log)")
        failed=1
    else
        summary+=("$target: ${SECONDS_EACH}s, $runs executions, no crash")
    fi
done

echo "== fuzzing summary"
printf '  %s\n' "${summary[@]}"
exit "$failed"
