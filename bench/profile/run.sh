#!/bin/sh
# bench/profile/run.sh - overhead of clara-instrument and replay speed.
#
#   bench/profile/run.sh [BUILD_DIR] [LOOPS]
#
# For every corpus NF: clara-replay time over the same generated trace
# (200,000 packets: 2,000 flows, Zipf(1.1) flow sizes, IMIX sizes, Zipf
# addresses; seed 1) with the NF built at -O2 uninstrumented, instrumented
# with per-thread counters (the default) and with atomic counters; best of 3
# runs of LOOPS rounds (default 5). Then packets/s of a trivial NF. Results
# go to stdout as a Markdown table (bench/profile/README.md).
set -e
build=$(cd "${1:-build}" && pwd)
loops=${2:-5}
src=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cxx=${CLARA_CXX:-clang++-19}
plugin=$build/lib/libClara.so
flags="-std=c++17 -O2 -g -fPIC -shared -Xclang -disable-lifetime-markers \
  -U__OPTIMIZE__ -DCLARA_RT_OCCUPANCY -I$src/runtime-profiler/include"
inst="-fpass-plugin=$plugin -fplugin=$plugin -mllvm -clara-instrument"
"$build/bin/clara-pcapgen" -o "$work/t.pcap" --seed 1 --flows 2000 \
  --flow-size zipf:1.1:200000 --packet-size imix --addr-dist zipf:1 2>/dev/null

best() { # best seconds of 3 runs: best LIB
  b=1000000
  for i in 1 2 3; do
    s=$(CLARA_PROFILE="$work/p.yaml" "$build/bin/clara-replay" --quiet \
        --nf "$1" --loop "$loops" "$work/t.pcap" | awk '/^seconds:/{print $2}')
    b=$(echo "$b $s" | awk '{ print ($2 < $1) ? $2 : $1 }')
  done
  echo "$b"
}

echo "| NF | plain s | per-thread s | ratio | atomic s | ratio |"
echo "|---|---|---|---|---|---|"
for f in "$src"/test/nf/*.cc; do
  nf=$(basename "$f" .cc)
  $cxx $flags "$f" -o "$work/$nf.plain.so"
  $cxx $flags $inst "$f" -o "$work/$nf.inst.so"
  $cxx $flags $inst -mllvm -clara-instrument-counters=atomic "$f" \
    -o "$work/$nf.atomic.so"
  p=$(best "$work/$nf.plain.so")
  i=$(best "$work/$nf.inst.so")
  a=$(best "$work/$nf.atomic.so")
  echo "$nf $p $i $a" | awk '{ printf "| %s | %.4f | %.4f | %.2fx | %.4f | %.2fx |\n", $1, $2, $3, $3 / $2, $4, $4 / $2 }'
done | tee "$work/rows"
awk -F'|' '{ r += $5; a += $7; n++ } END { printf "| mean | | | %.2fx | | %.2fx |\n", r / n, a / n }' "$work/rows"
$cxx $flags "$src/bench/profile/inputs/trivial.cc" -o "$work/trivial.so"
echo
echo "trivial NF (uninstrumented), $loops x 200k-packet trace:"
"$build/bin/clara-replay" --quiet --nf "$work/trivial.so" --loop "$loops" "$work/t.pcap"
$cxx $flags $inst "$src/bench/profile/inputs/trivial.cc" -o "$work/trivial.inst.so"
echo "trivial NF (instrumented):"
CLARA_PROFILE="$work/p.yaml" "$build/bin/clara-replay" --quiet --nf "$work/trivial.inst.so" --loop "$loops" "$work/t.pcap"
echo
echo "counter strategies (bench/profile/inputs/counters_bench.c), 1 and 2 threads:"
${CC:-cc} -O2 -pthread "$src/bench/profile/inputs/counters_bench.c" -o "$work/counters_bench"
"$work/counters_bench" 1 2000000
"$work/counters_bench" 2 2000000
