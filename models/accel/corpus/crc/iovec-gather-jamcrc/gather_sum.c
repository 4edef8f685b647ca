/* Reflected 32-bit check (poly 0x04C11DB7 reversed = 0xEDB88320), preset
 * all-ones and no final inversion, computed straight across a scatter/gather
 * list so the fragments never have to be copied into one buffer. */
#include <stddef.h>
#include <stdint.h>
#include <sys/uio.h>

uint32_t sg_fold(uint32_t reg, const struct iovec *vec, int cnt)
{
    int i;

    for (i = 0; i < cnt; i++) {
        const unsigned char *p = (const unsigned char *)vec[i].iov_base;
        size_t left = vec[i].iov_len;

        while (left--) {
            int b;

            reg ^= *p++;
            for (b = 0; b < 8; b++)
                reg = (reg >> 1) ^ (0xEDB88320u & (0u - (reg & 1u)));
        }
    }
    return reg;
}

/* Same fold restricted to the window [skip, skip+take) of the gathered
 * stream; segments before the window are stepped over without touching. */
uint32_t sg_fold_window(const struct iovec *vec, int cnt, size_t skip,
                        size_t take)
{
    uint32_t reg = 0xFFFFFFFFu;
    int i = 0;

    while (i < cnt && skip >= vec[i].iov_len) {
        skip -= vec[i].iov_len;
        i++;
    }
    for (; i < cnt && take > 0; i++) {
        const unsigned char *p = (const unsigned char *)vec[i].iov_base + skip;
        size_t n = vec[i].iov_len - skip;

        skip = 0;
        if (n > take)
            n = take;
        take -= n;
        while (n--) {
            unsigned b = *p++;
            int k;

            for (k = 0; k < 8; k++) {
                unsigned mix = (reg ^ b) & 1u;

                reg >>= 1;
                b >>= 1;
                if (mix)
                    reg ^= 0xEDB88320u;
            }
        }
    }
    return reg;
}

/* Computes the check over the list and writes it little-endian to out. */
void sg_seal(const struct iovec *vec, int cnt, unsigned char out[4])
{
    uint32_t v = sg_fold(0xFFFFFFFFu, vec, cnt);

    out[0] = (unsigned char)v;
    out[1] = (unsigned char)(v >> 8);
    out[2] = (unsigned char)(v >> 16);
    out[3] = (unsigned char)(v >> 24);
}

/* A list that ends with its own little-endian check leaves a zero register. */
int sg_intact(const struct iovec *vec, int cnt)
{
    return sg_fold(0xFFFFFFFFu, vec, cnt) == 0u;
}
