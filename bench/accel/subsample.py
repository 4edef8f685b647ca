#!/usr/bin/env python3
"""A manifest with a share of each class's families (bench/accel/README.md).

    python3 bench/accel/subsample.py MANIFEST SHARE [SEED] > OUT.tsv

Keeps round(SHARE x families) of the families of every class (crc, lpm,
hash, crypto, none), chosen by Python's random.Random(SEED) (default 13)
over the sorted family names, and prints the manifest rows of the kept
families (comments dropped). For learning curves: accel_bench on the
result measures the detector with fewer families.
"""
import collections
import random
import sys


def main(argv):
    if len(argv) not in (3, 4):
        sys.stderr.write(__doc__)
        return 2
    share = float(argv[2])
    if not 0 < share <= 1:
        sys.stderr.write("subsample.py: SHARE must be in (0, 1]\n")
        return 2
    seed = int(argv[3]) if len(argv) == 4 else 13
    with open(argv[1]) as f:
        rows = [l for l in f if l.strip() and not l.startswith("#")]
    families = collections.defaultdict(set)
    for row in rows:
        cols = row.split("\t")
        families[cols[1]].add(cols[2])
    rng = random.Random(seed)
    keep = set()
    for cls in sorted(families):
        names = sorted(families[cls])
        rng.shuffle(names)
        keep |= {(cls, n) for n in names[: round(len(names) * share)]}
    for row in rows:
        cols = row.split("\t")
        if (cols[1], cols[2]) in keep:
            sys.stdout.write(row)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
