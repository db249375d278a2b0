#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The developer benchmark (tools/handbook-bench) runs end to end and prints
# its table. Figures, not timings: nothing here is timed. TAP.
set -u

bench=$1
# shellcheck source=tap.sh
source "$(dirname "${BASH_SOURCE[0]}")/tap.sh" bench-test

check "bench runs end to end on a small corpus" 0 'synthetic 300 .*300' -- \
  "$bench" --articles 300 --no-corpus --workdir "$tmp/bench"
check "bench prints the latency table" 0 'bare MATCH/rank/20' -- \
  "$bench" --articles 200 --no-corpus --workdir "$tmp/bench2"
check "bench prints the bare query that shows titles and snippets too" 0 'bare \+ titles, snippet\(\)' -- \
  "$bench" --articles 200 --no-corpus --workdir "$tmp/bench3" --no-eval
check "bench --reuse searches the database of an earlier run" 0 'synthetic 300 .*300 .*reused' -- \
  "$bench" --articles 300 --no-corpus --workdir "$tmp/bench" --reuse
check "bench --reuse needs --workdir" 2 'workdir' -- "$bench" --articles 300 --no-corpus --reuse


echo "1..$n"
exit $((failed > 0))
