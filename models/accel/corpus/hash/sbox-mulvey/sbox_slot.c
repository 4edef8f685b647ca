/*
 * Substitution-box string hashing after Bret Mulvey's description: each input
 * byte selects a 32-bit word from a 256-entry table whose every bit column is
 * balanced (128 ones), the word is xor-ed into the state and the state is
 * multiplied by 3.  Used here to place connection keys into a power-of-two
 * sized slot array.  The table below was produced by a small generator
 * (balanced random columns); it is not taken from any other source.
 */
#include <stddef.h>
#include <stdint.h>

static const uint32_t sbx_tab[256] = {
    0x0d9dce3bu, 0x746b7d8du, 0xe696401fu, 0xdcf06e9bu, 0x6db02183u, 0x0e7b0200u,
    0xaaa98750u, 0xe5ec9abbu, 0xce3adfd3u, 0x75af8b2cu, 0x1c412ca9u, 0x2859bde8u,
    0x45beecfau, 0x301a60c7u, 0x5aa74b2fu, 0x5c24abc0u, 0xb5d23753u, 0x9a05b224u,
    0xd148c444u, 0x1c84c1bau, 0xe3488ee8u, 0x13c48d39u, 0x7cea2183u, 0x8477e67fu,
    0xab470fd3u, 0x3b450041u, 0x1149d128u, 0x4f8a581fu, 0xe81aa23eu, 0x3ad6c564u,
    0x6e283bb8u, 0x600c8c77u, 0x193c0641u, 0x4bee1455u, 0xc2857c2du, 0xefd457aeu,
    0x1fe0c3e0u, 0x070bb3deu, 0x0b913983u, 0x06c3f691u, 0xe66a9e15u, 0x9c07d540u,
    0x2efa4dd9u, 0x8468c9e4u, 0xc687d66au, 0xa1dcc7a5u, 0x366d3fafu, 0x43b6920bu,
    0x4fc1cff4u, 0xf3543165u, 0x10d3930bu, 0x628fb544u, 0xbda81a70u, 0x36647a38u,
    0x30a5bcb7u, 0xac5133b6u, 0xf8769ec7u, 0xa3d704ceu, 0x14806721u, 0xad57397fu,
    0x69c25bdfu, 0x5d1b7a8fu, 0x29409933u, 0xcb2ecc2bu, 0x35c77129u, 0x16c99b72u,
    0x30d56e66u, 0x66abce05u, 0xb147bfe9u, 0xb4b77d6fu, 0xe92e854du, 0xce4379cfu,
    0x8ee89730u, 0x0b267fd0u, 0x7ce52e98u, 0x64f2cf38u, 0x3216e12bu, 0xc337389fu,
    0x617c09acu, 0x7efbb1c4u, 0x17f0492bu, 0x2daa264eu, 0x098a6ec6u, 0xd82b6c86u,
    0x53d7aaeau, 0x14856bddu, 0x3d4833f2u, 0xd98ab907u, 0xf283a5a4u, 0x175cfc17u,
    0x274b86cfu, 0x9df0e140u, 0xe0132d3cu, 0x10b0bcedu, 0x8cd9824bu, 0x58ddf2f0u,
    0xf551ce3bu, 0x250d0a76u, 0x587992a6u, 0xedfe05eau, 0x5bb550c2u, 0x151caa0au,
    0x587187ebu, 0xea610ad3u, 0x7166fa12u, 0x47305bb0u, 0x41285411u, 0x1f2860aau,
    0xb02a9bfcu, 0xbcec4251u, 0x5d7dba7cu, 0xcb76ea69u, 0x23ad38ceu, 0xc052a695u,
    0x559aeb06u, 0x5c22d80eu, 0xdc51554fu, 0xbaa251c8u, 0x5e3c4437u, 0x58353af4u,
    0xb95481d3u, 0xbaee9194u, 0x32d6c7b4u, 0x87bddc01u, 0xd6b8656bu, 0xf3c97676u,
    0x30a5f6f1u, 0xe615568au, 0xd6eeff29u, 0x682124b1u, 0x84feef63u, 0x10bcd5dbu,
    0xfc830c6au, 0x444e6bcdu, 0xfa37608cu, 0x9d03feadu, 0x60a653b7u, 0x9f0eb3d2u,
    0xc556d49cu, 0x6dd9f073u, 0xcbca8807u, 0xadcd984bu, 0x2a388208u, 0xb396917au,
    0xf392ad5cu, 0x3958216du, 0x8ba15d11u, 0xdd3b10bdu, 0x1a272ad7u, 0xf57775fau,
    0xb8d28a8fu, 0x857dabccu, 0x3bb820a8u, 0x0ac93b36u, 0x2bcc7731u, 0x7c34c21cu,
    0x500a074eu, 0xf3a16898u, 0xc0347e05u, 0x13deb29cu, 0x2e0dbc1cu, 0xc2bac022u,
    0x2bf90d90u, 0x14977239u, 0xf945cc21u, 0x863ed081u, 0xa77a11a8u, 0x4b8df535u,
    0x3fe225a7u, 0x05f2c0acu, 0xbcf8325bu, 0xfcbd602eu, 0x9baf32d4u, 0x496c275au,
    0x1a8a3f35u, 0xada103c6u, 0xc9f86f46u, 0xf389ff51u, 0xe921525au, 0x8eb06546u,
    0x5413c251u, 0x56aa35c7u, 0xc0375a8au, 0x91138c51u, 0x5dd82b9du, 0xb2526023u,
    0xa8be2fb5u, 0x1f73d39du, 0xee2931d9u, 0x4c65bb6fu, 0x09410da8u, 0x0577a48au,
    0xa04a6960u, 0xa37f8c7cu, 0x0b0acd80u, 0x5b0ed8d8u, 0x95a5b5b0u, 0x94573bbdu,
    0xebc3d0bau, 0xa35603cau, 0x822d1572u, 0xfea09cbau, 0xc757d584u, 0x66670215u,
    0x0fc09565u, 0x552c8476u, 0xb498ef1eu, 0xe1907e5eu, 0x4efbeeeau, 0x9b63bba4u,
    0x3fca4025u, 0xc27b5d4eu, 0xf395bcf5u, 0x41430e5bu, 0x0ae37af2u, 0xe6771899u,
    0xc045c6d7u, 0x6f54f0afu, 0xe53c2e8fu, 0xc33b2f64u, 0x6f4aad50u, 0x974785f5u,
    0x8b112e3cu, 0x16855754u, 0x43965ee8u, 0x2df55644u, 0xb5faa4a7u, 0xb7d9db75u,
    0xb0976662u, 0x9270518fu, 0xa65f3552u, 0xdd3fa3f1u, 0x22de6a4au, 0x583fe1a3u,
    0xf1948e73u, 0x83ac5099u, 0xb94a1cd3u, 0x8e80d88cu, 0xc32fb21au, 0x682ad1c5u,
    0xfe4d2d90u, 0xa5801361u, 0x6ebf72feu, 0xbdcf5db7u, 0x1da4e1beu, 0x78137857u,
    0xf09d0b3cu, 0x3821a02du, 0x6648fd5eu, 0x2a5f4b59u, 0xe29c9c42u, 0x5691e530u,
    0xe225c5bau, 0xc60d5893u, 0xd2ffcfe5u, 0xe7f8d567u,
};

struct conn_key4 {
    uint32_t saddr;
    uint32_t daddr;
    uint16_t sport;
    uint16_t dport;
    uint8_t proto;
};

uint32_t sbx_bytes(const uint8_t *p, size_t n, uint32_t seed)
{
    uint32_t h = seed;
    size_t i;

    for (i = 0; i < n; i++) {
        h ^= sbx_tab[p[i]];
        h *= 3u;
    }
    return h;
}

uint32_t sbx_cstr(const char *s)
{
    uint32_t h = 0;
    const unsigned char *u = (const unsigned char *)s;

    while (*u) {
        h = (h ^ sbx_tab[*u++]);
        h = h + (h << 1);
    }
    return h;
}

/* feed a 32-bit word most significant byte first (network order) */
#define SBX_STEP(h, byte) ((h) = ((h) ^ sbx_tab[(uint8_t)(byte)]) * 3u)
#define SBX_WORD32(h, w)                                                       \
    do {                                                                       \
        SBX_STEP(h, (w) >> 24);                                                \
        SBX_STEP(h, (w) >> 16);                                                \
        SBX_STEP(h, (w) >> 8);                                                 \
        SBX_STEP(h, (w));                                                      \
    } while (0)

unsigned sbx_conn_slot(const struct conn_key4 *k, unsigned log2_slots)
{
    uint32_t h = 0x2545f491u;

    SBX_WORD32(h, k->saddr);
    SBX_WORD32(h, k->daddr);
    SBX_STEP(h, k->sport >> 8);
    SBX_STEP(h, k->sport);
    SBX_STEP(h, k->dport >> 8);
    SBX_STEP(h, k->dport);
    SBX_STEP(h, k->proto);
    if (log2_slots == 0)
        return 0;
    h ^= h >> (32 - log2_slots);
    return h & ((1u << log2_slots) - 1u);
}
