// clang-format off
// The probed module's code and data are laid out at a fixed address
// (core/accel_probe.c, jit_memory): a function whose result depends on
// where a global lives gets the same features on every run of opt. Before,
// ORC's default linker placed them wherever mmap did (ASLR): where_hash's
// integer-phase avalanche changed on every run (0.47-0.52 over four), and
// past_global, which reads past a global array, was not measured (its
// neighbours were unmapped) while a corpus function's reads past a global
// changed with the layout.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %clang -O0 -Xclang -disable-O0-optnone -fno-discard-value-names -c -emit-llvm %s -o %t/s.bc
// RUN: %clara_opt -passes='print<clara-accel-features>' -disable-output %t/s.bc | cut -f1,84-90 > %t/1
// RUN: %clara_opt -passes='print<clara-accel-features>' -disable-output %t/s.bc | cut -f1,84-90 > %t/2
// RUN: %clara_opt -passes='print<clara-accel-features>' -disable-output %t/s.bc | cut -f1,84-90 > %t/3
// RUN: cmp %t/1 %t/2
// RUN: cmp %t/1 %t/3
// RUN: FileCheck %s < %t/1
// Measured in the integer phase: every input bit matters, not affine.
// CHECK-DAG: {{^where_hash	nan	nan	nan	nan	1	0	0\.[0-9]+$}}
// Reads past `nodes` land in the JIT's data region: measured, not nan.
// CHECK-DAG: {{^past_global	nan	nan	nan	nan	[0-9.]+	[01]	[0-9.]+$}}

// clang-format on

#include <stdint.h>

static unsigned long long cells[5];
static unsigned long long *const slots[8] = {&cells[0], &cells[1], &cells[2],
                                             &cells[3], &cells[4], &cells[0],
                                             &cells[2], &cells[4]};

/* Mixes the addresses of globals into a hash, as a table keyed by pointer
 * does: defined behaviour, but the result depends on the layout. */
unsigned long long where_hash(unsigned long long k) {
  unsigned long long h = k;
  for (int i = 0; i < 4; ++i) {
    uintptr_t p = (uintptr_t)slots[(h >> (3 * i)) & 7];
    h = (h ^ p) * 0x9e3779b97f4a7c15ull;
    h ^= h >> 29;
  }
  return h;
}

struct node {
  unsigned long long key, val;
};
static struct node nodes[4];

/* Indexes a 4-entry array with 6 bits: undefined behaviour on purpose, as
 * corpus code does by mistake (rbtree-conn-timeouts' ct_before). */
unsigned long long past_global(unsigned long long a) {
  unsigned long long h = 0;
  for (int i = 0; i < 4; ++i) {
    h ^= nodes[(a >> (6 * i)) & 63].key + (unsigned long long)i;
    h = h << 5 | h >> 59;
  }
  return h;
}
