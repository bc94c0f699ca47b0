#!/bin/sh
# bench/shard.sh: how even --shard K/N --durations FILE makes the shards.
# Runs SQLite's sqllogictest corpus once with --durations (the earlier
# run), then each of N shards (default 4) split by those durations, one
# after the other at -j 1, and prints each shard's wall time, the mean,
# and the slowest shard over the mean (target <= 1.15), with round robin
# (no durations) beside it for comparison.
#
#	sh bench/shard.sh [CORPUS_DIR] [N]
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
sqlcheck=${SQLCHECK:-$here/src/sqlcheck}
corpus=${1:-${SLT_CORPUS:-$here/../shared/slt-corpus/test}}
n=${2:-4}
work=$(mktemp -d "${TMPDIR:-/tmp}/sqlcheck-shard.XXXXXX")
trap 'rm -rf "$work"' EXIT

now() { date +%s.%N; }

"$sqlcheck" -q -j 1 --durations "$work/durations.json" "$corpus" >/dev/null ||
    [ $? -eq 1 ]
for mode in durations round-robin; do
	times=
	k=1
	while [ "$k" -le "$n" ]; do
		opt=
		[ "$mode" = durations ] && opt="--durations $work/durations.json"
		start=$(now)
		# shellcheck disable=SC2086
		"$sqlcheck" -q -j 1 --shard "$k/$n" $opt "$corpus" >/dev/null ||
		    [ $? -eq 1 ]
		times="$times $(echo "$(now) - $start" | bc)"
		k=$((k + 1))
	done
	echo "$times" | awk -v mode="$mode" -v n="$n" '{
		max = 0; sum = 0
		for (i = 1; i <= NF; i++) {
			sum += $i
			if ($i > max) max = $i
			printf "%s shard %d/%d: %.2f s\n", mode, i, n, $i
		}
		printf "%s: mean %.2f s, slowest %.2f s, slowest/mean %.3f\n",
		    mode, sum / n, max, max / (sum / n)
	}'
done
