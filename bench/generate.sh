#!/usr/bin/env bash
# Writes synthetic IMDb dumps for benchmarks (DumpGenerator, run from its source file: no build needed):
#   bench/generate.sh SCALE DIR [--files LIST]         day 1; depends only on SCALE (and LIST: which files)
#   bench/generate.sh next-day IN_DIR OUT_DIR [flags]  day N+1 from the day-N dump in IN_DIR
# SCALE 1 is full size: all seven files of a 2026 dump, ~12.7M titles, ~1.7M ratings, ~9.8M episodes,
# ~95M principals, ~53M akas, ~14.5M names (bench/GENERATED-DUMPS.md has the figures and the quirks).
# --files LIST: comma-separated basics,ratings,episode,crew,principals,akas,names [all seven]; the basics
# are generated anyway, but written only when listed.
# next-day flags (defaults in brackets):
#   --seed S, --day N [1] (the day of IN_DIR), --remove-percent [2], --retype-percent [1] (movie -> tvMovie),
#   --rerate-percent [10] (of rated movies), --add-percent [1], --retitle-percent [0.2], --regenre-percent [0.2],
#   --add-episodes-percent [1] (of series with episodes: one new episode each), --recredit-percent [1] (titles
#   gaining or losing one principal), --remove-names-percent [0.1], --reaka-percent [0.5]
# next-day writes the files IN_DIR has: from a basics+ratings dump, those two only.
# The next day depends only on IN_DIR's files, the seed, the day and the percentages.
set -euo pipefail

if [[ $# -ge 1 && $1 == next-day ]]; then
  if [[ $# -lt 3 ]]; then
    echo "usage: $0 next-day IN_DIR OUT_DIR [--seed S] [--day N] [--remove-percent P] ...   (e.g. $0 next-day /tmp/day1 /tmp/day2)" >&2
    exit 2
  fi
  out=$3
elif [[ $# -eq 2 || ( $# -eq 4 && $3 == --files ) ]]; then
  out=$2
else
  echo "usage: $0 SCALE DIR [--files LIST]   (e.g. $0 1 /tmp/fulldump, $0 0.1 /tmp/small --files basics,ratings,episode)" >&2
  echo "       $0 next-day IN_DIR OUT_DIR [--seed S] [--day N] [--remove-percent P] ...   (e.g. $0 next-day /tmp/day1 /tmp/day2)" >&2
  exit 2
fi

cd "$(dirname "${BASH_SOURCE[0]}")/.."

marker=$(mktemp)
trap 'rm -f "$marker"' EXIT
start=$(date +%s%N)
java -Xmx1g bench/java/org/imdbetl/bench/DumpGenerator.java "$@"
end=$(date +%s%N)

# The files this run wrote: those in OUT_DIR newer than the start.
written=()
for file in title.basics title.ratings title.episode title.crew title.principals title.akas name.basics; do
  if [[ "$out/$file.tsv.gz" -nt "$marker" ]]; then
    written+=("$out/$file.tsv.gz")
  fi
done
ls -l "${written[@]}"
du -ch "${written[@]}"
elapsed_ms=$(( (end - start) / 1000000 ))
printf 'elapsed: %d.%03d s\n' $(( elapsed_ms / 1000 )) $(( elapsed_ms % 1000 ))
