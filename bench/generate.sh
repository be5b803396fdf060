#!/usr/bin/env bash
# Writes synthetic IMDb dumps for benchmarks (DumpGenerator, run from its source file: no build needed):
#   bench/generate.sh SCALE DIR                        day 1; depends only on SCALE
#   bench/generate.sh next-day IN_DIR OUT_DIR [flags]  day N+1 from the day-N dump in IN_DIR
# SCALE 1 is full size (~12.7M titles, ~1.7M ratings). next-day flags (defaults in brackets):
#   --seed S, --day N [1] (the day of IN_DIR), --remove-percent [2], --retype-percent [1] (movie -> tvMovie),
#   --rerate-percent [10] (of rated movies), --add-percent [1], --retitle-percent [0.2], --regenre-percent [0.2]
# The next day depends only on IN_DIR's files, the seed, the day and the percentages.
set -euo pipefail

if [[ $# -ge 1 && $1 == next-day ]]; then
  if [[ $# -lt 3 ]]; then
    echo "usage: $0 next-day IN_DIR OUT_DIR [--seed S] [--day N] [--remove-percent P] ...   (e.g. $0 next-day /tmp/day1 /tmp/day2)" >&2
    exit 2
  fi
  out=$3
elif [[ $# -eq 2 ]]; then
  out=$2
else
  echo "usage: $0 SCALE DIR   (e.g. $0 1 /tmp/fulldump)" >&2
  echo "       $0 next-day IN_DIR OUT_DIR [--seed S] [--day N] [--remove-percent P] ...   (e.g. $0 next-day /tmp/day1 /tmp/day2)" >&2
  exit 2
fi

cd "$(dirname "${BASH_SOURCE[0]}")/.."

start=$(date +%s%N)
java -Xmx1g bench/java/org/imdbetl/bench/DumpGenerator.java "$@"
end=$(date +%s%N)

ls -l "$out/title.basics.tsv.gz" "$out/title.ratings.tsv.gz"
du -h "$out/title.basics.tsv.gz" "$out/title.ratings.tsv.gz"
elapsed_ms=$(( (end - start) / 1000000 ))
printf 'elapsed: %d.%03d s\n' $(( elapsed_ms / 1000 )) $(( elapsed_ms % 1000 ))
