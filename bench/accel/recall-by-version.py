#!/usr/bin/env python3
"""Recall per corpus version, from accel_bench's output (bench/accel/README.md).

    python3 bench/accel/recall-by-version.py MANIFEST RESULTS [FEATURES_DIR]

MANIFEST is models/accel/manifest.tsv: its '# <Ordinal> version' comment lines
start the versions (the rows before the first one are the first three
versions). RESULTS is accel_bench's Markdown output: its first section (IR as
written) lists every misclassified function. FEATURES_DIR (default
build/models/accel/features) holds the feature rows, one function per line:
the samples. Prints, per version, its number of families and the recall of
each class (functions of the class the decision got right / functions of the
class), as Markdown table rows.
"""
import collections
import re
import sys

CLASSES = ["crc", "lpm", "hash", "crypto", "none"]


def main(argv):
    if len(argv) not in (3, 4):
        sys.stderr.write(__doc__)
        return 2
    manifest, results = argv[1], argv[2]
    features = argv[3] if len(argv) == 4 else "build/models/accel/features"
    version_of, families = {}, collections.defaultdict(set)
    samples, missed = collections.Counter(), collections.Counter()
    versions, version = ["first three"], "first three"
    with open(manifest) as f:
        for line in f:
            m = re.match(r"# (\w+) version", line)
            if m:
                version = m.group(1).lower()
                versions.append(version)
                continue
            if line.startswith("#") or not line.strip():
                continue
            cols = line.rstrip("\n").split("\t")
            path, cls, family = cols[0], cols[1], cols[2]
            helpers = set(cols[3][len("none="):].split(",")) if len(cols) > 3 else set()
            version_of[path] = version
            families[version].add((cls, family))
            with open(f"{features}/{path}.tsv") as rows:
                for row in rows:
                    fn = row.split("\t", 1)[0]
                    if fn:
                        samples[version, "none" if fn in helpers else cls] += 1
    with open(results) as f:
        written = f.read().split("\n## name-stripped")[0]
    for m in re.finditer(r"^- (\S+):(\S+): (\w+) predicted (\w+)", written, re.M):
        path, _, truth, decided = m.groups()
        if decided != truth:
            missed[version_of[path], truth] += 1
    print("| version | families | " + " | ".join(CLASSES) + " |")
    print("|---|---|" + "---|" * len(CLASSES))
    for v in versions:
        cells = []
        for c in CLASSES:
            n = samples[v, c]
            cells.append(f"{100 * (n - missed[v, c]) / n:.1f} % ({n})" if n else "-")
        print(f"| {v} | {len(families[v])} | " + " | ".join(cells) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
