#!/bin/sh
# bench/predict/seeds.sh: how much of a model's corpus error is retraining
# noise (bench/predict/README.md, "Retraining noise"). Usage, from the
# repository root, after bench/predict/run.sh has labelled the corpus:
#   bench/predict/seeds.sh [-s "1 2 3"] [-- CLARA-TRAIN-OPTIONS...]
# Trains the model of every profile once per seed on the training pairs in
# build/training/pairs/NIC (the shipped settings: models/Makefile's
# WEIGHTS, plus CLARA-TRAIN-OPTIONS), scores each on the
# corpus with predict_bench and prints block and function WMAPE per seed
# and their mean. The seed moves the 10 % held-out split and the trees'
# row and column samples: compare model changes by the mean over seeds,
# not by one training. Models go to build/bench-predict/seed-N (the
# shipped ones in models/trained are not touched).
set -e
BUILD=${BUILD:-build}
NICS=${NICS:-"agilio-cx bluefield2 bluefield3-dpa octeon"}
SEEDS="1 2 3"
while [ $# -gt 0 ]; do
  case $1 in
  -s) SEEDS=$2; shift 2 ;;
  --) shift; break ;;
  -h | --help)
    sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'
    exit 0 ;;
  *) echo "seeds.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
OUT=$BUILD/bench-predict
WEIGHTS=$(make -s -C models print-weights)
for nic in $NICS; do
  [ -f "$OUT/corpus-$nic.tsv" ] || {
    echo "seeds.sh: $OUT/corpus-$nic.tsv missing: run bench/predict/run.sh $nic" >&2
    exit 1
  }
done
echo "| profile | seed | block WMAPE | function WMAPE |"
echo "|---|---|---|---|"
for nic in $NICS; do
  sum_b=0 sum_f=0 n=0
  for seed in $SEEDS; do
    dir=$OUT/seed-$seed
    mkdir -p "$dir"
    echo "seeds.sh: $nic, seed $seed" >&2
    "$BUILD/bin/clara-train" -q --nic "$nic" --seed "$seed" \
        $WEIGHTS "$@" -o "$dir" \
        "$BUILD/training/pairs/$nic"/*.tsv
    # the model directory also needs the profile's API cost table
    cp "$BUILD/share/clara/models/api-$nic.tsv" "$dir/"
    # predict_bench fails (exit 3) if a corpus block leaked into training
    "$BUILD/bin/predict_bench" --nic "$nic" --model-dir "$dir" \
        --corpus "$OUT/corpus-$nic.tsv" "$BUILD/training/pairs/$nic"/*.tsv \
        > "$dir/bench-$nic.md"
    line=$(grep '^| \*\*all (pooled)\*\*' "$dir/bench-$nic.md")
    # | **all (pooled)** | blocks | **block%** | ir | opc | **function%** | ...
    b=$(echo "$line" | awk -F'|' '{gsub(/[*% ]/, "", $4); print $4}')
    f=$(echo "$line" | awk -F'|' '{gsub(/[*% ]/, "", $7); print $7}')
    echo "| $nic | $seed | $b % | $f % |"
    sum_b=$(awk "BEGIN { print $sum_b + $b }")
    sum_f=$(awk "BEGIN { print $sum_f + $f }")
    n=$((n + 1))
  done
  awk "BEGIN { printf \"| $nic | mean | %.2f %% | %.2f %% |\\n\", \
      $sum_b / $n, $sum_f / $n }"
done
