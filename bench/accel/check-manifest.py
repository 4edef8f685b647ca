#!/usr/bin/env python3
"""Checks a clara-detect-accel manifest against its feature rows, without
scoring anything (safe on a sealed batch, models/accel/README.md):

    python3 bench/accel/check-manifest.py MANIFEST FEATURES_DIR [--list]

For every row it reports, and exits 1 on any of them:
  - a file without feature rows (not built: run the corpus or sealed target);
  - a `none=` name that has no feature row (accel_bench rejects those).
It warns (without failing) about a framework function in a positive C++
file labelled with the file's class instead of none: Element::, Packet::,
WritablePacket::, String::, Args::, Vector::, IPAddress:: functions from
the headers, and the element's constructors, destructors, configure, push,
pull, simple_action and initialize (these sometimes do the algorithm's
work, e.g. a constructor that fills a CRC table: read the code).
--list prints every function with a feature row and the label it gets.
Demangles with llvm-cxxfilt (LLVM 19).
"""
import os
import re
import subprocess
import sys

CXXFILT = "/usr/lib/llvm-19/bin/llvm-cxxfilt"
GLUE = re.compile(
    r"(^|[ ])(Element|Packet|WritablePacket|String|Args|Vector<[^>]*>|"
    r"IPAddress)::|::(configure|push|pull|simple_action|initialize|cleanup|"
    r"class_name|port_count|processing)\(")


def demangle(names):
    if not names:
        return []
    out = subprocess.run([CXXFILT], input="\n".join(names), text=True,
                         capture_output=True, check=True).stdout
    return out.splitlines()


def is_glue(demangled):
    if GLUE.search(demangled):
        return True
    m = re.match(r"^(?:[\w:]*::)?(\w+)::~?(\w+)\(", demangled)
    return bool(m and m.group(1) == m.group(2))  # constructor, destructor


def main(argv):
    args = [a for a in argv[1:] if a != "--list"]
    if len(args) != 2:
        sys.exit(__doc__)
    manifest, features = args
    listing = "--list" in argv
    problems = 0
    with open(manifest) as f:
        for lineno, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            cols = line.split("\t")
            path, cls = cols[0], cols[1]
            none = set()
            if len(cols) > 3 and cols[3].startswith("none="):
                none = set(filter(None, cols[3][5:].split(",")))
            tsv = os.path.join(features, path + ".tsv")
            if not os.path.exists(tsv):
                print(f"{manifest}:{lineno}: {path}: no feature rows ({tsv})")
                problems += 1
                continue
            with open(tsv) as t:
                names = [r.split("\t", 1)[0] for r in t if r.strip()]
            for n in sorted(none - set(names)):
                print(f"{manifest}:{lineno}: {path}: none={n} has no "
                      "feature row")
                problems += 1
            shown = demangle(names) if path.endswith(".cc") else names
            for name, dem in zip(names, shown):
                label = "none" if name in none or cls == "none" else cls
                if listing:
                    print(f"{path}\t{label}\t{dem}")
                if label != "none" and path.endswith(".cc") and is_glue(dem):
                    print(f"{manifest}:{lineno}: warning: {path}: {dem} "
                          f"looks like framework glue but is labelled {cls}")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main(sys.argv)
