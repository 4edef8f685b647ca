/* CRC-32C (Castagnoli, the iSCSI/SCTP/ext4 checksum: reflected, generator
 * 0x1EDC6F41, preset and final xor all ones, check value 0xE3069283) with
 * the x86 SSE4.2 CRC32 instruction, eight bytes per instruction once the
 * pointer is aligned, and a portable bit-at-a-time path chosen at run time
 * when the processor lacks the instruction.  Both paths work on the raw
 * register so that they can be chained; the entry point does the pre- and
 * post-inversion. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <nmmintrin.h>

__attribute__((target("sse4.2")))
uint32_t c32c_raw_sse42(uint32_t reg, const unsigned char *p, size_t n)
{
    uint64_t r64, word;

    while (n > 0 && ((uintptr_t)p & 7u) != 0) {
        reg = _mm_crc32_u8(reg, *p++);
        n--;
    }
    r64 = reg;
    while (n >= 32) {
        memcpy(&word, p, 8);
        r64 = _mm_crc32_u64(r64, word);
        memcpy(&word, p + 8, 8);
        r64 = _mm_crc32_u64(r64, word);
        memcpy(&word, p + 16, 8);
        r64 = _mm_crc32_u64(r64, word);
        memcpy(&word, p + 24, 8);
        r64 = _mm_crc32_u64(r64, word);
        p += 32;
        n -= 32;
    }
    while (n >= 8) {
        memcpy(&word, p, 8);
        r64 = _mm_crc32_u64(r64, word);
        p += 8;
        n -= 8;
    }
    reg = (uint32_t)r64;
    if (n >= 4) {
        uint32_t w32;
        memcpy(&w32, p, 4);
        reg = _mm_crc32_u32(reg, w32);
        p += 4;
        n -= 4;
    }
    while (n-- > 0)
        reg = _mm_crc32_u8(reg, *p++);
    return reg;
}

/* Same register, one message bit per turn (low bit first). */
uint32_t c32c_raw_portable(uint32_t reg, const unsigned char *p, size_t n)
{
    size_t bits = n * 8;
    size_t i;
    for (i = 0; i < bits; i++) {
        uint32_t in = (uint32_t)(p[i >> 3] >> (i & 7u)) & 1u;
        uint32_t fb = (reg ^ in) & 1u;
        reg >>= 1;
        if (fb)
            reg ^= 0x82F63B78u;
    }
    return reg;
}

typedef uint32_t (*c32c_raw_fn)(uint32_t, const unsigned char *, size_t);

uint32_t crc32c_dispatch(uint32_t crc, const void *buf, size_t len)
{
    static c32c_raw_fn impl;
    if (impl == 0) {
        __builtin_cpu_init();
        impl = __builtin_cpu_supports("sse4.2") ? c32c_raw_sse42 : c32c_raw_portable;
    }
    return ~impl(~crc, (const unsigned char *)buf, len);
}
