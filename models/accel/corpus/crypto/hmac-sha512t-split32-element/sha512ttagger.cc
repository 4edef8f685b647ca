// Sha512tTagger: appends a truncated HMAC-SHA-512/t (FIPS 180-4 SHA-512/t,
// t = 224 or 256; RFC 2104 HMAC) over the IPv4 payload of each packet.
// Everything 64-bit in SHA-512 is carried as a (high, low) pair of 32-bit
// words, so the code runs on targets with 32-bit arithmetic only. The
// SHA-512/t initial value is derived at configure time with the FIPS 180-4
// section 5.3.6 IV generation function (SHA-512 run from IV ^ a5a5.. over
// the ASCII name "SHA-512/t"). The ipad/opad states are precomputed.

#include <click/config.h>
#include <click/args.hh>
#include <click/element.hh>
#include <click/error.hh>
#include <click/packet.hh>
#include <clicknet/ip.h>
#include <string.h>

// First 64 bits of the fractional parts of the cube roots of the first 80
// primes, as (high, low) pairs.
static const uint32_t S5_K[160] = {
  0x428a2f98, 0xd728ae22, 0x71374491, 0x23ef65cd, 0xb5c0fbcf, 0xec4d3b2f,
  0xe9b5dba5, 0x8189dbbc, 0x3956c25b, 0xf348b538, 0x59f111f1, 0xb605d019,
  0x923f82a4, 0xaf194f9b, 0xab1c5ed5, 0xda6d8118, 0xd807aa98, 0xa3030242,
  0x12835b01, 0x45706fbe, 0x243185be, 0x4ee4b28c, 0x550c7dc3, 0xd5ffb4e2,
  0x72be5d74, 0xf27b896f, 0x80deb1fe, 0x3b1696b1, 0x9bdc06a7, 0x25c71235,
  0xc19bf174, 0xcf692694, 0xe49b69c1, 0x9ef14ad2, 0xefbe4786, 0x384f25e3,
  0x0fc19dc6, 0x8b8cd5b5, 0x240ca1cc, 0x77ac9c65, 0x2de92c6f, 0x592b0275,
  0x4a7484aa, 0x6ea6e483, 0x5cb0a9dc, 0xbd41fbd4, 0x76f988da, 0x831153b5,
  0x983e5152, 0xee66dfab, 0xa831c66d, 0x2db43210, 0xb00327c8, 0x98fb213f,
  0xbf597fc7, 0xbeef0ee4, 0xc6e00bf3, 0x3da88fc2, 0xd5a79147, 0x930aa725,
  0x06ca6351, 0xe003826f, 0x14292967, 0x0a0e6e70, 0x27b70a85, 0x46d22ffc,
  0x2e1b2138, 0x5c26c926, 0x4d2c6dfc, 0x5ac42aed, 0x53380d13, 0x9d95b3df,
  0x650a7354, 0x8baf63de, 0x766a0abb, 0x3c77b2a8, 0x81c2c92e, 0x47edaee6,
  0x92722c85, 0x1482353b, 0xa2bfe8a1, 0x4cf10364, 0xa81a664b, 0xbc423001,
  0xc24b8b70, 0xd0f89791, 0xc76c51a3, 0x0654be30, 0xd192e819, 0xd6ef5218,
  0xd6990624, 0x5565a910, 0xf40e3585, 0x5771202a, 0x106aa070, 0x32bbd1b8,
  0x19a4c116, 0xb8d2d0c8, 0x1e376c08, 0x5141ab53, 0x2748774c, 0xdf8eeb99,
  0x34b0bcb5, 0xe19b48a8, 0x391c0cb3, 0xc5c95a63, 0x4ed8aa4a, 0xe3418acb,
  0x5b9cca4f, 0x7763e373, 0x682e6ff3, 0xd6b2b8a3, 0x748f82ee, 0x5defb2fc,
  0x78a5636f, 0x43172f60, 0x84c87814, 0xa1f0ab72, 0x8cc70208, 0x1a6439ec,
  0x90befffa, 0x23631e28, 0xa4506ceb, 0xde82bde9, 0xbef9a3f7, 0xb2c67915,
  0xc67178f2, 0xe372532b, 0xca273ece, 0xea26619c, 0xd186b8c7, 0x21c0c207,
  0xeada7dd6, 0xcde0eb1e, 0xf57d4f7f, 0xee6ed178, 0x06f067aa, 0x72176fba,
  0x0a637dc5, 0xa2c898a6, 0x113f9804, 0xbef90dae, 0x1b710b35, 0x131c471b,
  0x28db77f5, 0x23047d84, 0x32caab7b, 0x40c72493, 0x3c9ebe0a, 0x15c9bebc,
  0x431d67c4, 0x9c100d4c, 0x4cc5d4be, 0xcb3e42b6, 0x597f299c, 0xfc657e2a,
  0x5fcb6fab, 0x3ad6faec, 0x6c44198c, 0x4a475817,
};
static const uint32_t S5_H0[16] = {
  0x6a09e667, 0xf3bcc908, 0xbb67ae85, 0x84caa73b,
  0x3c6ef372, 0xfe94f82b, 0xa54ff53a, 0x5f1d36f1,
  0x510e527f, 0xade682d1, 0x9b05688c, 0x2b3e6c1f,
  0x1f83d9ab, 0xfb41bd6b, 0x5be0cd19, 0x137e2179,
};

struct S5Ctx {
  uint32_t h[16];      // eight 64-bit words as hi,lo pairs
  uint8_t blk[128];
  uint32_t fill;       // bytes in blk
  uint32_t len_lo, len_hi;  // message length in bytes (64-bit)
};

// pair helpers as macros: P(x) names x##h, x##l
#define S5_ADD(rh, rl, ah, al)                                                 \
  do {                                                                         \
    uint32_t s5_t = (rl) + (al);                                               \
    (rh) += (ah) + (s5_t < (al));                                              \
    (rl) = s5_t;                                                               \
  } while (0)
// rotate right by n, 0 < n < 32
#define S5_ROR_H(h, l, n) (((h) >> (n)) | ((l) << (32 - (n))))
#define S5_ROR_L(h, l, n) (((l) >> (n)) | ((h) << (32 - (n))))

static void s5_compress(uint32_t *st, const uint8_t *block) {
  uint32_t w[160];
  for (int i = 0; i < 16; i++) {
    const uint8_t *b = block + 8 * i;
    w[2 * i] = (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 |
               (uint32_t)b[2] << 8 | b[3];
    w[2 * i + 1] = (uint32_t)b[4] << 24 | (uint32_t)b[5] << 16 |
                   (uint32_t)b[6] << 8 | b[7];
  }
  for (int i = 16; i < 80; i++) {
    uint32_t xh = w[2 * i - 30], xl = w[2 * i - 29];  // w[i-15]
    // sigma0 = ror1 ^ ror8 ^ shr7
    uint32_t s0h = S5_ROR_H(xh, xl, 1) ^ S5_ROR_H(xh, xl, 8) ^ (xh >> 7);
    uint32_t s0l = S5_ROR_L(xh, xl, 1) ^ S5_ROR_L(xh, xl, 8) ^
                   ((xl >> 7) | (xh << 25));
    uint32_t yh = w[2 * i - 4], yl = w[2 * i - 3];  // w[i-2]
    // sigma1 = ror19 ^ ror61 ^ shr6   (ror61 = swap halves, ror29)
    uint32_t s1h = S5_ROR_H(yh, yl, 19) ^ S5_ROR_H(yl, yh, 29) ^ (yh >> 6);
    uint32_t s1l = S5_ROR_L(yh, yl, 19) ^ S5_ROR_L(yl, yh, 29) ^
                   ((yl >> 6) | (yh << 26));
    uint32_t rh = w[2 * i - 32], rl = w[2 * i - 31];  // w[i-16]
    S5_ADD(rh, rl, s0h, s0l);
    S5_ADD(rh, rl, w[2 * i - 14], w[2 * i - 13]);   // w[i-7]
    S5_ADD(rh, rl, s1h, s1l);
    w[2 * i] = rh;
    w[2 * i + 1] = rl;
  }
  uint32_t v[16];
  memcpy(v, st, sizeof v);
  for (int i = 0; i < 80; i++) {
    uint32_t ah = v[0], al = v[1], bh = v[2], bl = v[3], ch = v[4], cl = v[5];
    uint32_t eh = v[8], el = v[9], fh = v[10], fl = v[11], gh = v[12],
             gl = v[13];
    // Sigma1(e) = ror14 ^ ror18 ^ ror41 (ror41 = swap, ror9)
    uint32_t S1h = S5_ROR_H(eh, el, 14) ^ S5_ROR_H(eh, el, 18) ^
                   S5_ROR_H(el, eh, 9);
    uint32_t S1l = S5_ROR_L(eh, el, 14) ^ S5_ROR_L(eh, el, 18) ^
                   S5_ROR_L(el, eh, 9);
    uint32_t chh = (eh & fh) ^ (~eh & gh), chl = (el & fl) ^ (~el & gl);
    uint32_t t1h = v[14], t1l = v[15];
    S5_ADD(t1h, t1l, S1h, S1l);
    S5_ADD(t1h, t1l, chh, chl);
    S5_ADD(t1h, t1l, S5_K[2 * i], S5_K[2 * i + 1]);
    S5_ADD(t1h, t1l, w[2 * i], w[2 * i + 1]);
    // Sigma0(a) = ror28 ^ ror34 ^ ror39 (ror34 = swap, ror2; ror39 = swap, ror7)
    uint32_t S0h = S5_ROR_H(ah, al, 28) ^ S5_ROR_H(al, ah, 2) ^
                   S5_ROR_H(al, ah, 7);
    uint32_t S0l = S5_ROR_L(ah, al, 28) ^ S5_ROR_L(al, ah, 2) ^
                   S5_ROR_L(al, ah, 7);
    uint32_t mjh = (ah & bh) ^ (ah & ch) ^ (bh & ch);
    uint32_t mjl = (al & bl) ^ (al & cl) ^ (bl & cl);
    uint32_t t2h = S0h, t2l = S0l;
    S5_ADD(t2h, t2l, mjh, mjl);
    for (int j = 15; j >= 2; j--)
      v[j] = v[j - 2];
    S5_ADD(v[8], v[9], t1h, t1l);   // e = d + T1
    v[0] = t1h;
    v[1] = t1l;
    S5_ADD(v[0], v[1], t2h, t2l);   // a = T1 + T2
  }
  for (int j = 0; j < 16; j += 2)
    S5_ADD(st[j], st[j + 1], v[j], v[j + 1]);
}

static void s5_absorb(S5Ctx *c, const uint8_t *data, uint32_t n) {
  uint32_t old = c->len_lo;
  c->len_lo += n;
  c->len_hi += c->len_lo < old;
  while (n) {
    uint32_t take = 128 - c->fill;
    if (take > n)
      take = n;
    memcpy(c->blk + c->fill, data, take);
    c->fill += take;
    data += take;
    n -= take;
    if (c->fill == 128) {
      s5_compress(c->h, c->blk);
      c->fill = 0;
    }
  }
}

// Pads and writes the full 64-byte chaining value to out.
static void s5_finish(S5Ctx *c, uint8_t out[64]) {
  uint32_t bits_lo = c->len_lo << 3;
  uint32_t bits_hi = (c->len_hi << 3) | (c->len_lo >> 29);
  c->blk[c->fill++] = 0x80;
  if (c->fill > 112) {
    memset(c->blk + c->fill, 0, 128 - c->fill);
    s5_compress(c->h, c->blk);
    c->fill = 0;
  }
  memset(c->blk + c->fill, 0, 120 - c->fill);
  for (int i = 0; i < 4; i++) {
    c->blk[120 + i] = (uint8_t)(bits_hi >> (24 - 8 * i));
    c->blk[124 + i] = (uint8_t)(bits_lo >> (24 - 8 * i));
  }
  s5_compress(c->h, c->blk);
  for (int i = 0; i < 16; i++)
    for (int k = 0; k < 4; k++)
      out[4 * i + k] = (uint8_t)(c->h[i] >> (24 - 8 * k));
}

// FIPS 180-4 5.3.6: the initial value of SHA-512/t.
static void s5_iv_for(int t, uint32_t iv[16]) {
  S5Ctx c;
  for (int i = 0; i < 16; i++)
    c.h[i] = S5_H0[i] ^ 0xa5a5a5a5u;
  c.fill = 0;
  c.len_lo = c.len_hi = 0;
  uint8_t name[16] = {'S', 'H', 'A', '-', '5', '1', '2', '/'};
  uint32_t n = 8;
  char digits[4];
  int nd = 0;
  for (int v = t; v > 0; v /= 10)
    digits[nd++] = (char)('0' + v % 10);
  while (nd)
    name[n++] = (uint8_t)digits[--nd];
  s5_absorb(&c, name, n);
  uint8_t out[64];
  s5_finish(&c, out);
  for (int i = 0; i < 16; i++)
    iv[i] = (uint32_t)out[4 * i] << 24 | (uint32_t)out[4 * i + 1] << 16 |
            (uint32_t)out[4 * i + 2] << 8 | out[4 * i + 3];
}

class Sha512tTagger : public Element {
public:
  Sha512tTagger();
  const char *class_name() const override { return "Sha512tTagger"; }
  const char *port_count() const override { return PORTS_1_1; }
  int configure(Vector<String> &conf, ErrorHandler *errh) override;
  Packet *simple_action(Packet *p) override;

  void key_setup(int t, const uint8_t *key, uint32_t keylen);
  void mac(const uint8_t *msg, uint32_t len, uint8_t *tag);

private:
  int _t;           // 224 or 256
  int _tag_bytes;   // bytes appended
  uint32_t _iv[16];
  S5Ctx _inner0, _outer0;  // states after key^ipad, key^opad
  uint64_t _tagged;
};

Sha512tTagger::Sha512tTagger() : _t(256), _tag_bytes(16), _tagged(0) {
  memset(_iv, 0, sizeof _iv);
  memset(&_inner0, 0, sizeof _inner0);
  memset(&_outer0, 0, sizeof _outer0);
}

void Sha512tTagger::key_setup(int t, const uint8_t *key, uint32_t keylen) {
  _t = t;
  s5_iv_for(t, _iv);
  uint8_t k0[128];
  memset(k0, 0, sizeof k0);
  if (keylen > 128) {  // long keys are replaced by their SHA-512/t digest
    S5Ctx c;
    memcpy(c.h, _iv, sizeof c.h);
    c.fill = c.len_lo = c.len_hi = 0;
    s5_absorb(&c, key, keylen);
    uint8_t d[64];
    s5_finish(&c, d);
    memcpy(k0, d, (size_t)t / 8);
  } else {
    memcpy(k0, key, keylen);
  }
  uint8_t pad[128];
  for (int i = 0; i < 128; i++)
    pad[i] = k0[i] ^ 0x36;
  memcpy(_inner0.h, _iv, sizeof _iv);
  _inner0.fill = _inner0.len_lo = _inner0.len_hi = 0;
  s5_absorb(&_inner0, pad, 128);
  for (int i = 0; i < 128; i++)
    pad[i] = k0[i] ^ 0x5c;
  memcpy(_outer0.h, _iv, sizeof _iv);
  _outer0.fill = _outer0.len_lo = _outer0.len_hi = 0;
  s5_absorb(&_outer0, pad, 128);
}

// Full-length HMAC-SHA-512/t into tag (t/8 bytes).
void Sha512tTagger::mac(const uint8_t *msg, uint32_t len, uint8_t *tag) {
  S5Ctx c = _inner0;
  uint8_t d[64];
  s5_absorb(&c, msg, len);
  s5_finish(&c, d);
  c = _outer0;
  s5_absorb(&c, d, (uint32_t)_t / 8);
  s5_finish(&c, d);
  memcpy(tag, d, (size_t)_t / 8);
}

int Sha512tTagger::configure(Vector<String> &conf, ErrorHandler *errh) {
  String key;
  int t = 256, tagb = 16;
  if (Args(conf, this, errh)
          .read_mp("KEY", key)
          .read("T", t)
          .read("TAGLEN", tagb)
          .complete() < 0)
    return -1;
  if (t != 224 && t != 256)
    return errh->error("T must be 224 or 256");
  if (tagb < 4 || tagb > t / 8)
    return errh->error("TAGLEN out of range");
  _tag_bytes = tagb;
  key_setup(t, reinterpret_cast<const uint8_t *>(key.data()),
            (uint32_t)key.length());
  return 0;
}

Packet *Sha512tTagger::simple_action(Packet *p) {
  int nh = p->has_network_header() ? p->network_header_offset() : 0;
  if (p->length() < (uint32_t)nh + 20)
    return p;
  const click_ip *iph = reinterpret_cast<const click_ip *>(p->data() + nh);
  uint32_t hl = iph->ip_hl * 4u, tot = ntohs(iph->ip_len);
  if (iph->ip_v != 4 || hl < 20 || tot < hl || nh + tot > p->length() ||
      tot + _tag_bytes > 0xffff)
    return p;
  if (nh + tot < p->length())
    p->take(p->length() - nh - tot);  // drop link-layer trailer
  WritablePacket *q = p->put((uint32_t)_tag_bytes);
  if (!q)
    return nullptr;
  click_ip *ip = reinterpret_cast<click_ip *>(q->data() + nh);
  uint8_t tag[32];
  mac(q->data() + nh + hl, tot - hl, tag);
  memcpy(q->data() + nh + tot, tag, (size_t)_tag_bytes);
  uint16_t old_len = ip->ip_len;
  ip->ip_len = htons((uint16_t)(tot + _tag_bytes));
  click_update_in_cksum(&ip->ip_sum, old_len, ip->ip_len);
  _tagged++;
  return q;
}

EXPORT_ELEMENT(Sha512tTagger)
