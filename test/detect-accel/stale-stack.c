// clang-format off
// The probed code runs on a stack at a fixed address, zeroed before every
// run, and is called from a trampoline at a fixed address with its
// callee-saved registers zeroed (core/accel_probe.c,
// clara_accel_probe_call_on_stack): a function that reads slots it never
// wrote gets the same features on every run of opt. Before, it read what
// the process stack held (return addresses and pointers that ASLR moves):
// stale_word's integer-phase features changed from run to run (avalanche
// 0.56-0.67, never affine), as did those of a corpus AES-CCM element that
// reads past a 16-byte local.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %clang -O0 -Xclang -disable-O0-optnone -fno-discard-value-names -c -emit-llvm %s -o %t/s.bc
// RUN: %clara_opt -passes='print<clara-accel-features>' -disable-output %t/s.bc | cut -f1,84-90 > %t/1
// RUN: %clara_opt -passes='print<clara-accel-features>' -disable-output %t/s.bc | cut -f1,84-90 > %t/2
// RUN: %clara_opt -passes='print<clara-accel-features>' -disable-output %t/s.bc | cut -f1,84-90 > %t/3
// RUN: cmp %t/1 %t/2
// RUN: cmp %t/1 %t/3
// RUN: FileCheck %s < %t/1
// Zeroed slots: x ^ constants, affine over GF(2), one bit out per bit in.
// CHECK-DAG: {{^stale_word	nan	nan	nan	nan	1	1	0\.0625$}}
// Measured (not nan) in the integer phase.
// CHECK-DAG: {{^past_frame	nan	nan	nan	nan	[01]	[0-9.]+	[0-9.]+$}}

// clang-format on

/* Functions that read stack slots they never wrote. Undefined behaviour on
 * purpose: corpus code does it by mistake, and the probes must not turn it
 * into run-to-run noise. */

/* Uninitialised locals: whatever earlier frames left below. */
unsigned long long stale_word(unsigned long long x) {
  volatile unsigned long long slots[64];
  unsigned long long h = x;
  for (int i = 0; i < 4; ++i)
    h ^= slots[(x >> (6 * i)) & 63] + (unsigned long long)i;
  return h;
}

/* Past the end of a local: its own frame, the return address and above. */
unsigned long long past_frame(unsigned long long x) {
  volatile unsigned long long pair[2];
  pair[0] = x;
  pair[1] = ~x;
  unsigned long long h = 0;
  for (unsigned i = 0; i < 6 + (unsigned)(x & 7); ++i)
    h = (h << 7 | h >> 57) ^ pair[i];
  return h;
}
