#!/usr/bin/env bash
# Writes synthetic IMDb dumps for benchmarks: bench/generate.sh SCALE DIR
# SCALE 1 is full size (~12.7M titles, ~1.7M ratings); the output depends only on SCALE.
set -euo pipefail

if [[ $# -ne 2 ]]; then
  echo "usage: $0 SCALE DIR   (e.g. $0 1 /tmp/fulldump)" >&2
  exit 2
fi

cd "$(dirname "${BASH_SOURCE[0]}")/.."

start=$(date +%s%N)
java -Xmx1g bench/GenerateDumps.java "$@"
end=$(date +%s%N)

ls -l "$2/title.basics.tsv.gz" "$2/title.ratings.tsv.gz"
du -h "$2/title.basics.tsv.gz" "$2/title.ratings.tsv.gz"
elapsed_ms=$(( (end - start) / 1000000 ))
printf 'elapsed: %d.%03d s\n' $(( elapsed_ms / 1000 )) $(( elapsed_ms % 1000 ))
