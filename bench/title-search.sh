#!/usr/bin/env bash
# The title index against Apache Lucene at full size (TitleSearchBench): heap, build and re-upsert time,
# single-thread query latency per kind of query, and that both return the same first pages. Printed and
# written to target/title-search-bench.md (bench/TITLE_SEARCH.md has the results). Takes minutes.
#   bench/title-search.sh [-Dbench.movies=750000] [-Dbench.impl=custom|lucene|both]
# -D options go to the JVM. -Xmx2g keeps G1's regions at 1 MB as in the service; HEAP overrides it.
exec "$(dirname "$0")/program.sh" TitleSearchBench "$@"
