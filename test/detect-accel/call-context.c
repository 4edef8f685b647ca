// clang-format off
// The context features (core/accel_features.c, clara_accel_call_context):
// each function's row also carries, for a few class-typical features, their
// maximum over the functions it calls or that call it. Columns 91-99 of
// print<clara-accel-features> (ctx.mask_from_len ... ctx.probe.aval);
// column 85 is the function's own probe.affine (GF(2)-affine in its data),
// 98 its neighbours' (ctx.probe.affine).
// RUN: %clang -O0 -Xclang -disable-O0-optnone -fno-discard-value-names -c -emit-llvm %s -o %t.bc
// RUN: %clara_opt -passes='print<clara-accel-features>' -disable-output %t.bc | cut -f1,85,98 > %t.cols
// RUN: FileCheck %s < %t.cols
// The CRC step is affine; the probes did not measure its only neighbour,
// the driver (nan), so its context is nan.
// CHECK-DAG: {{^crc_step	1	nan$}}
// The driver is not measured itself, but it calls the affine CRC step.
// CHECK-DAG: {{^frame_ok	nan	1$}}
// An unrelated function in the same module calls nothing: 0.
// CHECK-DAG: {{^count_set	0	0$}}
// Name-stripped IR gives the same columns (the context reads no name).
// RUN: %clara_opt -passes='metarenamer,print<clara-accel-features>' -disable-output %t.bc | cut -f2- | sort > %t.stripped
// RUN: %clara_opt -passes='print<clara-accel-features>' -disable-output %t.bc | cut -f2- | sort > %t.plain
// RUN: cmp %t.stripped %t.plain

// clang-format on

#include <stddef.h>
#include <stdint.h>

/* Bitwise reflected CRC-32 over a buffer. */
uint32_t crc_step(uint32_t crc, const uint8_t *p, size_t n) {
  crc = ~crc;
  for (size_t i = 0; i < n; ++i) {
    crc ^= p[i];
    for (int k = 0; k < 8; ++k)
      crc = (crc >> 1) ^ (0xEDB88320u & -(crc & 1));
  }
  return ~crc;
}

/* Checks a frame's trailing CRC: no constant of its own. */
int frame_ok(const uint8_t *frame, size_t len) {
  if (len < 4)
    return 0;
  uint32_t got = 0;
  for (int i = 0; i < 4; ++i)
    got |= (uint32_t)frame[len - 4 + i] << (8 * i);
  return crc_step(0, frame, len - 4) == got;
}

/* Counts set bits: calls nothing, called by nothing. */
int count_set(const uint8_t *p, size_t n) {
  int c = 0;
  for (size_t i = 0; i < n; ++i)
    for (uint8_t b = p[i]; b; b &= (uint8_t)(b - 1))
      ++c;
  return c;
}
