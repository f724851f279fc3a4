#!/usr/bin/env bash
# Fuzzes one reader of outside input with libFuzzer: getorder, searchorder, config, keymap, rules, edit, tracking or rms-csv.
#   contrib/fuzz.sh TARGET [RUNS]        (RUNS: executions, default 1000000)
# Builds juchu-fuzz with -sanitize=fuzzer (release, in .build-fuzz), writes starting corpora from
# generated RMS answers, the README's config.toml and this repository's keymap.toml, then runs.
# A crasher is written as fuzz/crash-*; replay it with a plain build:
#   swift build --product juchu-fuzz && JUCHU_FUZZ_TARGET=TARGET .build/debug/juchu-fuzz fuzz/crash-...
# and add it to Tests/RakutenPayTests/FuzzCrashers (or the target's own test) so it stays fixed.
set -euo pipefail
cd "$(dirname "$0")/.."
target=${1:?"getorder, searchorder, config, keymap, rules, edit, tracking or rms-csv"}
runs=${2:-1000000}
swift build -c release --product juchu-fuzz --scratch-path .build-fuzz -Xswiftc -sanitize=fuzzer -Xswiftc -DFUZZING
swift build --product juchu-fuzz
work=fuzz
rm -rf "$work/seeds"
mkdir -p "$work/corpus/$target"
.build/debug/juchu-fuzz seeds "$work/seeds"
cp keymap.toml "$work/seeds/keymap/"
JUCHU_FUZZ_TARGET=$target .build-fuzz/release/juchu-fuzz "$work/corpus/$target" "$work/seeds/$target" \
    -runs="$runs" -max_len=65536 -timeout=10 -rss_limit_mb=2048 -artifact_prefix="$work/" -print_final_stats=1
