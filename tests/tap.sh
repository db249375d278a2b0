# SPDX-License-Identifier: GPL-3.0-or-later
# Sourced by the shell tests: a temporary home, and TAP checks of commands.
#
#   source tap.sh NAME     sets $tmp (removed at exit), $n and $failed

tmp=$(mktemp -d "${TMPDIR:-/tmp}/handbook-$1.XXXXXX")
trap 'chmod -R u+w "$tmp"; rm -rf "$tmp"' EXIT
export HOME=$tmp/home XDG_DATA_HOME=$tmp/home/data
n=0
failed=0

ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $1"; shift; for line in "$@"; do echo "# $line"; done; }

# check NAME EXPECTED_STATUS PATTERN -- COMMAND…: runs it, checks the exit
# status and that stdout+stderr match the extended regex PATTERN.
check() {
  local name=$1 want=$2 pattern=$3
  shift 4
  local out status
  out=$("$@" 2>&1)
  status=$?
  if [[ $status -ne $want ]]; then
    not_ok "$name" "exit status $status, expected $want" "$out"
  elif [[ -n $pattern ]] && ! grep -Eq -- "$pattern" <<<"$out"; then
    not_ok "$name" "output does not match /$pattern/" "$out"
  else
    ok "$name"
  fi
}
