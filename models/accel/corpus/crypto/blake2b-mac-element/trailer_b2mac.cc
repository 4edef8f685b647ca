// TrailerB2Mac: keyed BLAKE2b (RFC 7693) message authentication over whole
// frames. The last 16 bytes of a packet carry a BLAKE2b-128 tag of the
// bytes before them; SIGN mode (output 0 only) writes the tag, CHECK mode
// sends packets whose tag matches to output 0 and the rest to output 1.
// The hash is a small C++ class with init/update/final methods and a
// compression function over 64-bit words. Written from RFC 7693.
// Label: crypto.
#include <click/config.h>
#include <click/element.hh>
#include <click/packet.hh>
#include <stdint.h>
#include <string.h>

CLICK_DECLS

class Blake2b {
  public:
    void init(unsigned outlen, const uint8_t *key, unsigned keylen);
    void update(const uint8_t *in, size_t inlen);
    void final(uint8_t *out);
    void compress(bool last);

  private:
    uint64_t h_[8];
    uint64_t t_[2];
    uint8_t buf_[128];
    unsigned fill_;
    unsigned outlen_;
};

static const uint64_t kB2bIV[8] = {
    0x6a09e667f3bcc908ULL, 0xbb67ae8584caa73bULL, 0x3c6ef372fe94f82bULL,
    0xa54ff53a5f1d36f1ULL, 0x510e527fade682d1ULL, 0x9b05688c2b3e6c1fULL,
    0x1f83d9abfb41bd6bULL, 0x5be0cd19137e2179ULL};

static const uint8_t kSigma[10][16] = {
    {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15},
    {14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3},
    {11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4},
    {7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8},
    {9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13},
    {2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9},
    {12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11},
    {13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10},
    {6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5},
    {10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0}};

// which of the 16 working words each of the eight G calls of a round mixes
static const uint8_t kLanes[8][4] = {
    {0, 4, 8, 12}, {1, 5, 9, 13}, {2, 6, 10, 14}, {3, 7, 11, 15},
    {0, 5, 10, 15}, {1, 6, 11, 12}, {2, 7, 8, 13}, {3, 4, 9, 14}};

template <unsigned N> static inline uint64_t rotr64(uint64_t w)
{
    return (w >> N) | (w << (64 - N));
}

void Blake2b::compress(bool last)
{
    uint64_t m[16], v[16];
    const uint8_t *p = buf_;
    for (int i = 0; i < 16; i++, p += 8) {
        uint64_t w = 0;
        for (int b = 7; b >= 0; b--)
            w = (w << 8) | p[b];
        m[i] = w;
    }
    for (int i = 0; i < 8; i++) {
        v[i] = h_[i];
        v[i + 8] = kB2bIV[i];
    }
    v[12] ^= t_[0];
    v[13] ^= t_[1];
    if (last)
        v[14] = ~v[14];
    for (int round = 0; round < 12; round++) {
        const uint8_t *s = kSigma[round % 10];
        for (int g = 0; g < 8; g++) {
            uint64_t &a = v[kLanes[g][0]], &b = v[kLanes[g][1]];
            uint64_t &c = v[kLanes[g][2]], &d = v[kLanes[g][3]];
            a = a + b + m[s[2 * g]];
            d = rotr64<32>(d ^ a);
            c = c + d;
            b = rotr64<24>(b ^ c);
            a = a + b + m[s[2 * g + 1]];
            d = rotr64<16>(d ^ a);
            c = c + d;
            b = rotr64<63>(b ^ c);
        }
    }
    for (int i = 0; i < 8; i++)
        h_[i] ^= v[i] ^ v[i + 8];
}

void Blake2b::init(unsigned outlen, const uint8_t *key, unsigned keylen)
{
    for (int i = 0; i < 8; i++)
        h_[i] = kB2bIV[i];
    h_[0] ^= 0x01010000ULL ^ ((uint64_t)keylen << 8) ^ outlen;
    t_[0] = t_[1] = 0;
    fill_ = 0;
    outlen_ = outlen;
    memset(buf_, 0, sizeof buf_);
    if (keylen) {
        update(key, keylen);
        fill_ = 128; // a key block is always a full block
    }
}

void Blake2b::update(const uint8_t *in, size_t inlen)
{
    while (inlen) {
        if (fill_ == 128) {
            t_[0] += 128;
            if (t_[0] < 128)
                t_[1]++;
            compress(false);
            fill_ = 0;
        }
        size_t take = 128 - fill_;
        if (take > inlen)
            take = inlen;
        memcpy(buf_ + fill_, in, take);
        fill_ += (unsigned)take;
        in += take;
        inlen -= take;
    }
}

void Blake2b::final(uint8_t *out)
{
    t_[0] += fill_;
    if (t_[0] < fill_)
        t_[1]++;
    memset(buf_ + fill_, 0, 128 - fill_);
    compress(true);
    for (unsigned i = 0; i < outlen_; i++)
        out[i] = (uint8_t)(h_[i >> 3] >> (8 * (i & 7)));
}

void blake2b_tag(uint8_t tag[16], const uint8_t key[32], const uint8_t *msg,
                 size_t len)
{
    Blake2b st;
    st.init(16, key, 32);
    st.update(msg, len);
    st.final(tag);
}

class TrailerB2Mac : public Element {
  public:
    TrailerB2Mac() : _check(true) {
        for (int i = 0; i < 32; i++)
            _key[i] = (uint8_t)(0xa5 ^ (i * 29));
    }
    const char *class_name() const override { return "TrailerB2Mac"; }
    const char *port_count() const override { return "1/1-2"; }
    void push(int port, Packet *p) override;

  private:
    bool _check;
    uint8_t _key[32];
};

void TrailerB2Mac::push(int, Packet *p)
{
    uint32_t len = p->length();
    if (len < 16) {
        checked_output_push(1, p);
        return;
    }
    uint8_t tag[16];
    blake2b_tag(tag, _key, p->data(), len - 16);
    if (_check) {
        bool ok = memcmp(tag, p->data() + len - 16, 16) == 0;
        checked_output_push(ok ? 0 : 1, p);
        return;
    }
    WritablePacket *q = p->uniqueify();
    if (!q)
        return;
    memcpy(q->data() + len - 16, tag, 16);
    output(0).push(q);
}

CLICK_ENDDECLS
EXPORT_ELEMENT(TrailerB2Mac)
