#!/bin/sh
# bench/predict/run.sh: accuracy and speed of clara-predict-instrs on the NF
# corpus (bench/predict/README.md). Usage, from the repository root:
#   bench/predict/run.sh [NIC...]      (default: the four shipped profiles)
# Needs the training pairs in build/training (models/Makefile) and the
# models in build/share/clara/models. Also writes every corpus block's
# actual and predicted counts to build/bench-predict/dump-NIC.tsv (for
# bench/predict/seen-inputs.py).
set -e
BUILD=${BUILD:-build}
NICS=${*:-"agilio-cx bluefield2 bluefield3-dpa octeon"}
OUT=$BUILD/bench-predict
mkdir -p "$OUT"
for nic in $NICS; do
  start=$(date +%s.%N)
  "$BUILD/bin/clara-label" --nic "$nic" -o "$OUT/corpus-$nic.tsv" -- \
      -std=c++17 -I runtime-profiler/include test/nf/*.cc 2>&1 | tail -n +18
  end=$(date +%s.%N)
  echo "$nic: labelling the 17 corpus NFs took $(awk "BEGIN { printf \"%.2f\", $end - $start }") s"
  "$BUILD/bin/predict_bench" --nic "$nic" \
      --model-dir "$BUILD/share/clara/models" \
      --corpus "$OUT/corpus-$nic.tsv" --dump "$OUT/dump-$nic.tsv" \
      "$BUILD/training/pairs/$nic"/*.tsv
done
