/* A CRC-32C with a hardware path (SSE4.2's crc32 instruction) and a
 * portable one; and a function with host inline assembly. The NIC
 * backends cannot compile the x86 intrinsic or the assembly: those two
 * functions are skipped, the portable one is labelled. */
#include <stddef.h>
#include <stdint.h>

__attribute__((target("sse4.2"))) uint32_t crc32c_hw(uint32_t crc,
                                                     const uint32_t *p,
                                                     size_t n) {
  for (size_t i = 0; i < n; i++)
    crc = __builtin_ia32_crc32si(crc, p[i]);
  return crc;
}

uint32_t crc32c_sw(uint32_t crc, const uint8_t *p, size_t n) {
  for (size_t i = 0; i < n; i++) {
    crc ^= p[i];
    for (int k = 0; k < 8; k++)
      crc = (crc >> 1) ^ (0x82F63B78u & -(crc & 1));
  }
  return crc;
}

uint32_t fence_then_add(uint32_t a, uint32_t b) {
  __asm__ volatile("" ::: "memory");
  return a + b;
}
