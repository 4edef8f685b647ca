/* XFS directory/attribute name hash ("da" btree hash): a 32-bit rotate-xor
 * hash, h = rol32(h, 7) ^ c per byte from h = 0, evaluated four bytes per
 * step as h = c0<<21 ^ c1<<14 ^ c2<<7 ^ c3 ^ rol32(h, 28), the 1..3 byte
 * tail with rotations 7, 14, 21.  Also the ASCII case-insensitive form
 * (letters folded to lower case before hashing) and a hashed directory
 * block choice.  Label: hash. */
#include <stddef.h>
#include <stdint.h>

#define rotl32(w, s) ((uint32_t)(((w) << (s)) | ((w) >> (32 - (s)))))

uint32_t xfs_da_hashname(const uint8_t *name, int namelen)
{
    uint32_t hash = 0;

    while (namelen >= 4) {
        hash = ((uint32_t)name[0] << 21) ^ ((uint32_t)name[1] << 14) ^
               ((uint32_t)name[2] << 7) ^ (uint32_t)name[3] ^
               rotl32(hash, 28);
        name += 4;
        namelen -= 4;
    }
    switch (namelen) {
    case 3:
        return ((uint32_t)name[0] << 14) ^ ((uint32_t)name[1] << 7) ^
               (uint32_t)name[2] ^ rotl32(hash, 21);
    case 2:
        return ((uint32_t)name[0] << 7) ^ (uint32_t)name[1] ^
               rotl32(hash, 14);
    case 1:
        return (uint32_t)name[0] ^ rotl32(hash, 7);
    default:
        return hash;
    }
}

#define ascii_lower(c) \
    ((uint8_t)(((c) >= 'A' && (c) <= 'Z') ? ((c) | 0x20) : (c)))

/* Case-insensitive variant, one byte per step. */
uint32_t xfs_ascii_ci_hashname(const uint8_t *name, size_t len)
{
    uint32_t h = 0;
    size_t i;
    for (i = 0; i < len; i++)
        h = ascii_lower(name[i]) ^ rotl32(h, 7);
    return h;
}

/* Pick one of 2^order hashed leaf blocks from the top bits, with the
 * case-insensitive hash when the directory asks for it. */
unsigned xfs_dir_bucket(const uint8_t *name, int namelen, int ci,
                        unsigned order)
{
    uint32_t h = ci ? xfs_ascii_ci_hashname(name, (size_t)namelen)
                    : xfs_da_hashname(name, namelen);
    if (order == 0)
        return 0;
    return (unsigned)(h >> (32 - order));
}
