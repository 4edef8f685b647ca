/*
 * Error Detection Code of CD-ROM sectors (ECMA-130, Annex "EDC").
 *
 * The EDC is a 32-bit cyclic code with generator
 *     P(x) = (x^16 + x^15 + x^2 + 1) * (x^16 + x^2 + x + 1)
 *          = x^32 + x^31 + x^16 + x^15 + x^4 + x^3 + x + 1,
 * bits taken least significant first, register preset to zero, no final
 * inversion (RevEng: CRC-32/CD-ROM-EDC).  It is stored little-endian after
 * the area it protects:
 *     Mode 1         bytes    0 .. 2063 -> EDC at 2064
 *     Mode 2 Form 1  bytes   16 .. 2071 -> EDC at 2072
 *     Mode 2 Form 2  bytes   16 .. 2347 -> EDC at 2348
 *
 * edc_residue_table[v] = v(x) * x^32 mod P(x) in the reflected bit order;
 * the values were written out from that definition.
 */
#include <stddef.h>
#include <stdint.h>

#define SECTOR_RAW_BYTES 2352u

static const uint32_t edc_residue_table[256] = {
    0x00000000u, 0x90910101u, 0x91210201u, 0x01b00300u, 0x92410401u, 0x02d00500u,
    0x03600600u, 0x93f10701u, 0x94810801u, 0x04100900u, 0x05a00a00u, 0x95310b01u,
    0x06c00c00u, 0x96510d01u, 0x97e10e01u, 0x07700f00u, 0x99011001u, 0x09901100u,
    0x08201200u, 0x98b11301u, 0x0b401400u, 0x9bd11501u, 0x9a611601u, 0x0af01700u,
    0x0d801800u, 0x9d111901u, 0x9ca11a01u, 0x0c301b00u, 0x9fc11c01u, 0x0f501d00u,
    0x0ee01e00u, 0x9e711f01u, 0x82012001u, 0x12902100u, 0x13202200u, 0x83b12301u,
    0x10402400u, 0x80d12501u, 0x81612601u, 0x11f02700u, 0x16802800u, 0x86112901u,
    0x87a12a01u, 0x17302b00u, 0x84c12c01u, 0x14502d00u, 0x15e02e00u, 0x85712f01u,
    0x1b003000u, 0x8b913101u, 0x8a213201u, 0x1ab03300u, 0x89413401u, 0x19d03500u,
    0x18603600u, 0x88f13701u, 0x8f813801u, 0x1f103900u, 0x1ea03a00u, 0x8e313b01u,
    0x1dc03c00u, 0x8d513d01u, 0x8ce13e01u, 0x1c703f00u, 0xb4014001u, 0x24904100u,
    0x25204200u, 0xb5b14301u, 0x26404400u, 0xb6d14501u, 0xb7614601u, 0x27f04700u,
    0x20804800u, 0xb0114901u, 0xb1a14a01u, 0x21304b00u, 0xb2c14c01u, 0x22504d00u,
    0x23e04e00u, 0xb3714f01u, 0x2d005000u, 0xbd915101u, 0xbc215201u, 0x2cb05300u,
    0xbf415401u, 0x2fd05500u, 0x2e605600u, 0xbef15701u, 0xb9815801u, 0x29105900u,
    0x28a05a00u, 0xb8315b01u, 0x2bc05c00u, 0xbb515d01u, 0xbae15e01u, 0x2a705f00u,
    0x36006000u, 0xa6916101u, 0xa7216201u, 0x37b06300u, 0xa4416401u, 0x34d06500u,
    0x35606600u, 0xa5f16701u, 0xa2816801u, 0x32106900u, 0x33a06a00u, 0xa3316b01u,
    0x30c06c00u, 0xa0516d01u, 0xa1e16e01u, 0x31706f00u, 0xaf017001u, 0x3f907100u,
    0x3e207200u, 0xaeb17301u, 0x3d407400u, 0xadd17501u, 0xac617601u, 0x3cf07700u,
    0x3b807800u, 0xab117901u, 0xaaa17a01u, 0x3a307b00u, 0xa9c17c01u, 0x39507d00u,
    0x38e07e00u, 0xa8717f01u, 0xd8018001u, 0x48908100u, 0x49208200u, 0xd9b18301u,
    0x4a408400u, 0xdad18501u, 0xdb618601u, 0x4bf08700u, 0x4c808800u, 0xdc118901u,
    0xdda18a01u, 0x4d308b00u, 0xdec18c01u, 0x4e508d00u, 0x4fe08e00u, 0xdf718f01u,
    0x41009000u, 0xd1919101u, 0xd0219201u, 0x40b09300u, 0xd3419401u, 0x43d09500u,
    0x42609600u, 0xd2f19701u, 0xd5819801u, 0x45109900u, 0x44a09a00u, 0xd4319b01u,
    0x47c09c00u, 0xd7519d01u, 0xd6e19e01u, 0x46709f00u, 0x5a00a000u, 0xca91a101u,
    0xcb21a201u, 0x5bb0a300u, 0xc841a401u, 0x58d0a500u, 0x5960a600u, 0xc9f1a701u,
    0xce81a801u, 0x5e10a900u, 0x5fa0aa00u, 0xcf31ab01u, 0x5cc0ac00u, 0xcc51ad01u,
    0xcde1ae01u, 0x5d70af00u, 0xc301b001u, 0x5390b100u, 0x5220b200u, 0xc2b1b301u,
    0x5140b400u, 0xc1d1b501u, 0xc061b601u, 0x50f0b700u, 0x5780b800u, 0xc711b901u,
    0xc6a1ba01u, 0x5630bb00u, 0xc5c1bc01u, 0x5550bd00u, 0x54e0be00u, 0xc471bf01u,
    0x6c00c000u, 0xfc91c101u, 0xfd21c201u, 0x6db0c300u, 0xfe41c401u, 0x6ed0c500u,
    0x6f60c600u, 0xfff1c701u, 0xf881c801u, 0x6810c900u, 0x69a0ca00u, 0xf931cb01u,
    0x6ac0cc00u, 0xfa51cd01u, 0xfbe1ce01u, 0x6b70cf00u, 0xf501d001u, 0x6590d100u,
    0x6420d200u, 0xf4b1d301u, 0x6740d400u, 0xf7d1d501u, 0xf661d601u, 0x66f0d700u,
    0x6180d800u, 0xf111d901u, 0xf0a1da01u, 0x6030db00u, 0xf3c1dc01u, 0x6350dd00u,
    0x62e0de00u, 0xf271df01u, 0xee01e001u, 0x7e90e100u, 0x7f20e200u, 0xefb1e301u,
    0x7c40e400u, 0xecd1e501u, 0xed61e601u, 0x7df0e700u, 0x7a80e800u, 0xea11e901u,
    0xeba1ea01u, 0x7b30eb00u, 0xe8c1ec01u, 0x7850ed00u, 0x79e0ee00u, 0xe971ef01u,
    0x7700f000u, 0xe791f101u, 0xe621f201u, 0x76b0f300u, 0xe541f401u, 0x75d0f500u,
    0x7460f600u, 0xe4f1f701u, 0xe381f801u, 0x7310f900u, 0x72a0fa00u, 0xe231fb01u,
    0x71c0fc00u, 0xe151fd01u, 0xe0e1fe01u, 0x7070ff00u,
};

uint32_t cd_edc_accumulate(uint32_t edc, const uint8_t *area, size_t count)
{
    const uint8_t *stop = area + count;
    if (area == stop)
        return edc;
    do {
        edc = edc_residue_table[(edc ^ *area) & 0xffu] ^ (edc >> 8);
    } while (++area != stop);
    return edc;
}

static void put_le32(uint8_t *where, uint32_t value)
{
    where[0] = (uint8_t)value;
    where[1] = (uint8_t)(value >> 8);
    where[2] = (uint8_t)(value >> 16);
    where[3] = (uint8_t)(value >> 24);
}

static uint32_t get_le32(const uint8_t *where)
{
    return (uint32_t)where[0] | ((uint32_t)where[1] << 8) |
           ((uint32_t)where[2] << 16) | ((uint32_t)where[3] << 24);
}

/* Which area a sector's EDC covers, from its mode byte (header byte 15)
 * and, for mode 2, the form bit of the sub-header's sub-mode byte.       */
static int edc_span(const uint8_t *sector, size_t *first, size_t *field)
{
    uint8_t mode = sector[15];
    if (mode == 1) {
        *first = 0;
        *field = 2064;
        return 0;
    }
    if (mode == 2) {
        *first = 16;
        *field = (sector[18] & 0x20u) ? 2348 : 2072;
        return 0;
    }
    return -1;
}

/* Compute the sector's EDC and write it into its place.  -1 for a mode
 * without EDC (mode 0 / unknown).                                        */
int cd_sector_seal(uint8_t *sector)
{
    size_t first, field;
    uint32_t edc;
    if (edc_span(sector, &first, &field) != 0)
        return -1;
    edc = cd_edc_accumulate(0u, sector + first, field - first);
    put_le32(sector + field, edc);
    return 0;
}

/* 1 when the stored EDC matches the sector contents, 0 when not, -1 for a
 * mode without EDC.  Mode 2 Form 2 sectors may carry a zero EDC, meaning
 * "not computed", which is accepted.                                     */
int cd_sector_edc_intact(const uint8_t *sector)
{
    size_t first, field;
    uint32_t stored;
    if (edc_span(sector, &first, &field) != 0)
        return -1;
    stored = get_le32(sector + field);
    if (field == 2348 && stored == 0u)
        return 1;
    return cd_edc_accumulate(0u, sector + first, field - first) == stored;
}

/* Run the EDC across the residue: processing the area followed by its own
 * little-endian EDC leaves the register at zero for an intact sector.    */
int cd_sector_residue_zero(const uint8_t *sector)
{
    size_t first, field;
    uint32_t reg = 0u;
    if (edc_span(sector, &first, &field) != 0)
        return -1;
    reg = cd_edc_accumulate(reg, sector + first, field + 4 - first);
    return reg == 0u;
}
