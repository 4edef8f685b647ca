#!/usr/bin/env bash
# bench/predict/per-packet.sh [NIC...]: per-packet WMAPE of clara-predict-instrs
# on the NF corpus, weighted by run-time profiles (DESIGN.md: report block,
# function and per-packet-path error side by side).
#
# Needs the corpus labels of bench/predict/run.sh (build/bench-predict/
# corpus-<nic>.tsv) and the profiles of bench/corpus/run.sh
# (build/bench-corpus/<nf>.profile.yaml). For every NF and profile:
#   actual    = sum over labelled own-code blocks of executions per packet
#               (print<clara-frequency> with -clara-profile) x the label
#   predicted = the same sum over the pass's per-block predictions
#               (print<clara-predict-instrs>, shipped model)
# for compute and for memory (state + packet); blocks the labeller skipped
# count in neither. WMAPE = sum |predicted - actual| / sum actual over NFs.
# MODEL_DIR=DIR scores the models in DIR instead of the shipped ones.
set -euo pipefail
BUILD=${BUILD:-build}
NICS=${*:-"agilio-cx bluefield2 bluefield3-dpa octeon"}
OPT=${OPT:-/usr/lib/llvm-19/bin/opt}
PLUGIN=$BUILD/lib/libClara.so
OUT=$BUILD/bench-predict
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for nic in $NICS; do
  labels=$OUT/corpus-$nic.tsv
  [ -f "$labels" ] || { echo "per-packet.sh: $labels missing: run bench/predict/run.sh $nic" >&2; exit 1; }
  echo "## $nic"
  echo
  echo "| NF | compute actual | compute predicted | error | memory actual | memory predicted | error |"
  echo "|---|---|---|---|---|---|---|"
  for profile in "$BUILD"/bench-corpus/*.profile.yaml; do
    nf=$(basename "$profile" .profile.yaml)
    bc=$BUILD/nf/$nf.g.bc
    "$OPT" -load-pass-plugin="$PLUGIN" -clara-nic="$nic" -clara-profile="$profile" \
      ${MODEL_DIR:+-clara-model-dir="$MODEL_DIR"} \
      -passes='print<clara-frequency>,print<clara-predict-instrs>' \
      -disable-output "$bc" >"$tmp/out" 2>&1
    awk -F'\t' -v src="test/nf/$nf.cc" '$2 == src { print $3 "\t" $4 "\t" $6 "\t" $7 }' \
      "$labels" >"$tmp/labels"
    awk -v nf="$nf" '
      function val(s, k,   i, n, kv) { n = split(s, kv, " ");
        for (i = 1; i <= n; ++i) if (index(kv[i], k "=") == 1) return substr(kv[i], length(k) + 2);
        return "" }
      FNR == NR { split($0, f, "\t"); key = f[1] SUBSEP f[2]; la[key] = 1;
                  lc[key] = f[3]; lm[key] = f[4]; next }
      /^Function / { fn = $2; next }
      /^  Block / { freq[fn SUBSEP $2] = val($0, "PerPacket"); next }
      /^Prediction / { key = val($0, "Function") SUBSEP val($0, "Block");
        if (!(key in la) || !(key in freq)) next;
        w = freq[key]; pc += w * val($0, "Compute");
        pm += w * (val($0, "StateMemory") + val($0, "PacketMemory"));
        ac += w * lc[key]; am += w * lm[key] }
      END { ec = ac > 0 ? 100 * (pc > ac ? pc - ac : ac - pc) / ac : 0;
            em = am > 0 ? 100 * (pm > am ? pm - am : am - pm) / am : 0;
            printf "| %s | %.2f | %.2f | %.1f %% | %.2f | %.2f | %.1f %% |\n", nf, ac, pc, ec, am, pm, em }' \
      "$tmp/labels" "$tmp/out"
  done | tee "$tmp/rows"
  awk -F'|' '{ ac += $3; pc += $4; d = $4 - $3; ec += d < 0 ? -d : d;
               am += $6; pm += $7; d = $7 - $6; em += d < 0 ? -d : d }
    END { printf "| **all (pooled)** | %.2f | %.2f | **%.1f %%** | %.2f | %.2f | **%.1f %%** |\n\n",
          ac, pc, 100 * ec / ac, am, pm, 100 * em / am }' "$tmp/rows"
done
