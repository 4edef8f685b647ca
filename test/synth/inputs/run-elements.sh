#!/bin/sh
# run-elements.sh BUILD_LIB INCLUDE DRIVER.cc OUTDIR SRC...
# Compiles each synthesised NF warning-free (-Wall -Wextra -Werror) under
# ASan/UBSan with the packet driver and pushes 300 packets through it.
# Prints "ran NAME" per NF; exits non-zero on the first failure.
set -e
lib=$1; inc=$2; drv=$3; out=$4; shift 4
CXX=${CLANGXX:-clang++-19}
FLAGS="-std=c++17 -O0 -fsanitize=address,undefined -fno-sanitize-recover=all -I$inc"
$CXX $FLAGS -c "$drv" -o "$out/driver.o"
for src in "$@"; do
  name=$(basename "$src" .cc)
  $CXX $FLAGS -Wall -Wextra -Werror "$src" "$out/driver.o" "$lib/libclick_compat.a" -o "$out/$name"
  ASAN_OPTIONS=detect_leaks=0 "$out/$name" 300 7 > "$out/$name.log" 2>&1 || { cat "$out/$name.log"; exit 1; }
  grep -q "300 packets" "$out/$name.log"
  echo "ran $name"
done
