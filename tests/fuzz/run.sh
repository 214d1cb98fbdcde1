#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Builds the importer, filter, GTFS and name-index fuzzers with clang (libFuzzer + ASan + UBSan) in build-fuzz/ and runs each
# for ${FUZZ_SECONDS:-20} seconds from a copy of its seed corpus (tests/fuzz/corpus/<format>/).
# Exits non-zero when a fuzzer finds a crash, leak, timeout or broken invariant; the input that
# did it is left in build-fuzz/artifacts/<format>/ (replay: build-fuzz/csv_fuzz FILE).
#
#   tests/fuzz/run.sh                      # 20 s each
#   FUZZ_SECONDS=600 tests/fuzz/run.sh     # longer
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
build=${FUZZ_BUILD_DIR:-$root/build-fuzz}
seconds=${FUZZ_SECONDS:-20}
jobs=${FUZZ_BUILD_JOBS:-2}

# The fuzz folder is its own CMake project (model + io sources only), so fuzzing does not wait
# for the rest of the tree to build.
cmake -S "$root/tests/fuzz" -B "$build" -DCMAKE_CXX_COMPILER=clang++ >/dev/null
cmake --build "$build" -j"$jobs"

status=0
for format in csv geojson ntriples cql2 gtfs search; do
  fuzzer="$build/${format}_fuzz"
  work="$build/corpus/$format"
  artifacts="$build/artifacts/$format/"
  log="$build/${format}_fuzz.log"
  rm -rf "$work"
  mkdir -p "$work" "$artifacts"
  cp "$root/tests/fuzz/corpus/$format/"* "$work/"
  echo "== ${format}_fuzz: ${seconds} s"
  if "$fuzzer" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=8192 \
      -artifact_prefix="$artifacts" -print_final_stats=1 "$work" >"$log" 2>&1; then
    grep -E '^(#[0-9]+\s+DONE|stat::number_of_executed_units|stat::peak_rss_mb)' "$log" || true
    echo "   ok ($(ls "$work" | wc -l) inputs in the corpus)"
  else
    echo "   FAILED: see $log and $artifacts"
    grep -E 'ERROR|invariant violated|SUMMARY|Test unit written' "$log" | head -n 20 || true
    status=1
  fi
done
exit "$status"
