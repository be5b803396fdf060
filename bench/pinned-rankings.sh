#!/usr/bin/env bash
# The heap one kept (pinned) ranking costs at full size (PinnedRankingHeapBench): its arrays alone, and
# with the old values of 10% re-rated movies that only it still holds. Printed and written to
# target/pinned-ranking-heap.md (docs/architecture.md, "Pinned rankings", has its figures).
#   bench/pinned-rankings.sh [-Dbench.rated=752000]
# -D options go to the JVM. -Xmx2g by default; HEAP overrides it.
exec "$(dirname "$0")/program.sh" PinnedRankingHeapBench "$@"
