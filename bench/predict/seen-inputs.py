#!/usr/bin/env python3
"""How much of clara-predict-instrs' corpus error sits on blocks whose exact
model input (tokens and ported words) also occurs in the training pairs,
and how a lookup of those training labels would do (bench/predict/README.md,
"Seen inputs").

    bench/predict/run.sh NIC
    python3 bench/predict/seen-inputs.py NIC build/bench-predict/dump-NIC.tsv [--lookup K]

Needs bench/predict/run.sh's corpus labels and block dump, and the training
pairs in build/.
With --lookup K it also scores the rejected trial P50 (a block whose input
occurs >= K times in training predicted by those labels' median) on the
selection half (the 9 NFs at odd positions by name), the report half and
all 17 NFs, per block and per function.
"""
import collections
import csv
import glob
import sys


def rows(path):
    with open(path) as f:
        for line in f:
            if line.startswith("#") or line.startswith("nic\t"):
                continue
            c = line.rstrip("\n").split("\t")
            if len(c) >= 8:
                yield c


def median(values):
    s = sorted(values)
    return s[len(s) // 2]


def wmape(blocks, pred):
    actual = sum(b["actual"] for b in blocks)
    err = sum(abs(p - b["actual"]) for p, b in zip(pred, blocks))
    fa, fp = collections.defaultdict(float), collections.defaultdict(float)
    for p, b in zip(pred, blocks):
        fa[b["fn"]] += b["actual"]
        fp[b["fn"]] += p
    ferr = sum(abs(fp[k] - fa[k]) for k in fa)
    return 100 * err / actual, 100 * ferr / sum(fa.values())


def main(argv):
    if len(argv) not in (3, 5) or (len(argv) == 5 and argv[3] != "--lookup"):
        sys.exit(__doc__)
    nic, dump_path = argv[1], argv[2]
    k = int(argv[4]) if len(argv) == 5 else 0
    train = collections.defaultdict(list)
    for c in (r for f in glob.glob(f"build/training/pairs/{nic}/*.tsv")
              for r in rows(f)):
        train[(c[4], c[7])].append(float(c[5]))
    with open(dump_path) as f:
        model = {(r["source"], r["function"], r["block"]): float(r["model"])
                 for r in csv.DictReader(f, delimiter="\t")}
    blocks = []
    for c in rows(f"build/bench-predict/corpus-{nic}.tsv"):
        key = (c[1], c[2], c[3])
        if key in model:
            blocks.append({"nf": c[1].split("/")[-1].split(".")[0],
                           "fn": (c[1], c[2]), "actual": float(c[5]),
                           "model": model[key],
                           "input": (c[4], c[7]),
                           "train": train.get((c[4], c[7]))})
    total = sum(b["actual"] for b in blocks)
    seen = [b for b in blocks if b["train"]]
    unseen = [b for b in blocks if not b["train"]]
    s_act = sum(b["actual"] for b in seen)
    s_model = sum(abs(b["model"] - b["actual"]) for b in seen)
    s_lookup = sum(abs(median(b["train"]) - b["actual"]) for b in seen)
    own = collections.defaultdict(list)
    for b in seen:
        own[b["input"]].append(b["actual"])
    s_own = sum(abs(median(v) - x) for v in own.values() for x in v)
    u_act = sum(b["actual"] for b in unseen)
    u_model = sum(abs(b["model"] - b["actual"]) for b in unseen)
    print(f"{nic}: {len(blocks)} corpus blocks, {len(seen)} with their input "
          f"in the training pairs ({len(own)} distinct inputs)")
    print(f"  seen inputs: model {100 * s_model / s_act:.1f} %, training "
          f"labels' median {100 * s_lookup / s_act:.1f} %, the corpus's own "
          f"median (in-sample) {100 * s_own / s_act:.1f} % "
          f"(WMAPE over their {s_act:.0f} instructions)")
    print(f"  unseen inputs: model {100 * u_model / u_act:.1f} % "
          f"(over {u_act:.0f} instructions)")
    print(f"  share of the corpus total: seen-input error "
          f"{100 * s_model / total:.1f} %, unseen-input error "
          f"{100 * u_model / total:.1f} %")
    if k:
        names = sorted({b["nf"] for b in blocks})
        selection = set(names[0::2])
        for half, keep in (("selection", lambda b: b["nf"] in selection),
                           ("report", lambda b: b["nf"] not in selection),
                           ("all", lambda b: True)):
            part = [b for b in blocks if keep(b)]
            base = [b["model"] for b in part]
            look = [median(b["train"]) if b["train"] and len(b["train"]) >= k
                    else b["model"] for b in part]
            print(f"  {half}: block / function WMAPE, model "
                  "%.2f / %.2f %%" % wmape(part, base) +
                  f", lookup (>= {k} rows) " + "%.2f / %.2f %%" %
                  wmape(part, look))


if __name__ == "__main__":
    main(sys.argv)
