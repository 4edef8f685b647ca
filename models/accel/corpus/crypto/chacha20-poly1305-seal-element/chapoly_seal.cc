// ChaChaPolySeal: ESP-like AEAD protection of UDP payloads with
// ChaCha20-Poly1305 (RFC 8439 section 2.8). SEAL turns the payload P into
//   seq (8 bytes, big-endian) || ChaCha20(P) || Poly1305 tag (16 bytes)
// with nonce = SALT (4 bytes) || seq and AAD = IP source || IP destination ||
// seq. OPEN reverses it and drops packets whose tag does not verify.
// Poly1305 runs on five 26-bit limbs; ChaCha20 uses a 16-word state.
#include <click/config.h>
#include <click/args.hh>
#include <click/element.hh>
#include <click/error.hh>
#include <click/packet.hh>
#include <clicknet/ip.h>
#include <clicknet/udp.h>

namespace {

struct ChaChaKey {
  uint32_t k[8];
  uint32_t n[3];
};

inline uint32_t ld32le(const uint8_t *p) {
  return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
         (uint32_t)p[3] << 24;
}
inline void st32le(uint8_t *p, uint32_t v) {
  p[0] = (uint8_t)v; p[1] = (uint8_t)(v >> 8);
  p[2] = (uint8_t)(v >> 16); p[3] = (uint8_t)(v >> 24);
}

#define CP_ROTL(v, c) (((v) << (c)) | ((v) >> (32 - (c))))
#define CP_QR(a, b, c, d)                                                       \
  do {                                                                         \
    a += b; d ^= a; d = CP_ROTL(d, 16);                                        \
    c += d; b ^= c; b = CP_ROTL(b, 12);                                        \
    a += b; d ^= a; d = CP_ROTL(d, 8);                                         \
    c += d; b ^= c; b = CP_ROTL(b, 7);                                         \
  } while (0)

// One 64-byte keystream block for the given block counter.
void chacha20_block(const ChaChaKey &ck, uint32_t counter, uint8_t out[64]) {
  uint32_t in[16] = {0x61707865u, 0x3320646eu, 0x79622d32u, 0x6b206574u,
                     ck.k[0], ck.k[1], ck.k[2], ck.k[3],
                     ck.k[4], ck.k[5], ck.k[6], ck.k[7],
                     counter, ck.n[0], ck.n[1], ck.n[2]};
  uint32_t x0 = in[0], x1 = in[1], x2 = in[2], x3 = in[3], x4 = in[4],
           x5 = in[5], x6 = in[6], x7 = in[7], x8 = in[8], x9 = in[9],
           x10 = in[10], x11 = in[11], x12 = in[12], x13 = in[13],
           x14 = in[14], x15 = in[15];
  for (int dr = 0; dr < 10; dr++) {
    CP_QR(x0, x4, x8, x12);
    CP_QR(x1, x5, x9, x13);
    CP_QR(x2, x6, x10, x14);
    CP_QR(x3, x7, x11, x15);
    CP_QR(x0, x5, x10, x15);
    CP_QR(x1, x6, x11, x12);
    CP_QR(x2, x7, x8, x13);
    CP_QR(x3, x4, x9, x14);
  }
  uint32_t x[16] = {x0, x1, x2, x3, x4, x5, x6, x7,
                    x8, x9, x10, x11, x12, x13, x14, x15};
  for (int i = 0; i < 16; i++) st32le(out + 4 * i, x[i] + in[i]);
}

// XORs the keystream starting at block counter 1 into buf.
void chacha20_xor(const ChaChaKey &ck, uint8_t *buf, uint32_t len) {
  uint8_t ks[64];
  uint32_t ctr = 1;
  for (uint32_t off = 0; off < len; off += 64, ctr++) {
    chacha20_block(ck, ctr, ks);
    uint32_t n = len - off < 64 ? len - off : 64;
    for (uint32_t i = 0; i < n; i++) buf[off + i] ^= ks[i];
  }
}

struct Poly1305 {
  uint32_t r[5], s5[5], h[5], pad[4];
};

void poly_init(Poly1305 &st, const uint8_t key[32]) {
  st.r[0] = ld32le(key) & 0x3ffffff;
  st.r[1] = (ld32le(key + 3) >> 2) & 0x3ffff03;
  st.r[2] = (ld32le(key + 6) >> 4) & 0x3ffc0ff;
  st.r[3] = (ld32le(key + 9) >> 6) & 0x3f03fff;
  st.r[4] = (ld32le(key + 12) >> 8) & 0x00fffff;
  for (int i = 0; i < 5; i++) {
    st.s5[i] = st.r[i] * 5;
    st.h[i] = 0;
  }
  for (int i = 0; i < 4; i++) st.pad[i] = ld32le(key + 16 + 4 * i);
}

// Absorbs len bytes as 16-byte blocks; a short last block is zero-padded
// to 16 bytes (this is exactly the AEAD's pad16) and gets the 2^128 bit.
void poly_blocks(Poly1305 &st, const uint8_t *m, uint32_t len) {
  const uint32_t M26 = 0x3ffffff;
  uint32_t h0 = st.h[0], h1 = st.h[1], h2 = st.h[2], h3 = st.h[3], h4 = st.h[4];
  const uint32_t r0 = st.r[0], r1 = st.r[1], r2 = st.r[2], r3 = st.r[3], r4 = st.r[4];
  const uint32_t s1 = st.s5[1], s2 = st.s5[2], s3 = st.s5[3], s4 = st.s5[4];
  while (len > 0) {
    uint8_t blk[16];
    uint32_t n = len < 16 ? len : 16;
    memset(blk, 0, 16);
    memcpy(blk, m, n);
    h0 += ld32le(blk) & M26;
    h1 += (ld32le(blk + 3) >> 2) & M26;
    h2 += (ld32le(blk + 6) >> 4) & M26;
    h3 += (ld32le(blk + 9) >> 6) & M26;
    h4 += (ld32le(blk + 12) >> 8) | (1u << 24);
    uint64_t d0 = (uint64_t)h0 * r0 + (uint64_t)h1 * s4 + (uint64_t)h2 * s3 +
                  (uint64_t)h3 * s2 + (uint64_t)h4 * s1;
    uint64_t d1 = (uint64_t)h0 * r1 + (uint64_t)h1 * r0 + (uint64_t)h2 * s4 +
                  (uint64_t)h3 * s3 + (uint64_t)h4 * s2;
    uint64_t d2 = (uint64_t)h0 * r2 + (uint64_t)h1 * r1 + (uint64_t)h2 * r0 +
                  (uint64_t)h3 * s4 + (uint64_t)h4 * s3;
    uint64_t d3 = (uint64_t)h0 * r3 + (uint64_t)h1 * r2 + (uint64_t)h2 * r1 +
                  (uint64_t)h3 * r0 + (uint64_t)h4 * s4;
    uint64_t d4 = (uint64_t)h0 * r4 + (uint64_t)h1 * r3 + (uint64_t)h2 * r2 +
                  (uint64_t)h3 * r1 + (uint64_t)h4 * r0;
    uint64_t c;
    c = d0 >> 26; h0 = (uint32_t)d0 & M26; d1 += c;
    c = d1 >> 26; h1 = (uint32_t)d1 & M26; d2 += c;
    c = d2 >> 26; h2 = (uint32_t)d2 & M26; d3 += c;
    c = d3 >> 26; h3 = (uint32_t)d3 & M26; d4 += c;
    c = d4 >> 26; h4 = (uint32_t)d4 & M26;
    h0 += (uint32_t)c * 5;
    h1 += h0 >> 26; h0 &= M26;
    m += n;
    len -= n;
  }
  st.h[0] = h0; st.h[1] = h1; st.h[2] = h2; st.h[3] = h3; st.h[4] = h4;
}

void poly_finish(Poly1305 &st, uint8_t tag[16]) {
  const uint32_t M26 = 0x3ffffff;
  uint32_t h0 = st.h[0], h1 = st.h[1], h2 = st.h[2], h3 = st.h[3], h4 = st.h[4], c;
  c = h1 >> 26; h1 &= M26; h2 += c;
  c = h2 >> 26; h2 &= M26; h3 += c;
  c = h3 >> 26; h3 &= M26; h4 += c;
  c = h4 >> 26; h4 &= M26; h0 += c * 5;
  c = h0 >> 26; h0 &= M26; h1 += c;
  // g = h + 5 - 2^130; keep g when it did not borrow
  uint32_t g0 = h0 + 5; c = g0 >> 26; g0 &= M26;
  uint32_t g1 = h1 + c; c = g1 >> 26; g1 &= M26;
  uint32_t g2 = h2 + c; c = g2 >> 26; g2 &= M26;
  uint32_t g3 = h3 + c; c = g3 >> 26; g3 &= M26;
  uint32_t g4 = h4 + c - (1u << 26);
  uint32_t keep_g = (g4 >> 31) - 1;  // all ones when g4 >= 0
  h0 = (h0 & ~keep_g) | (g0 & keep_g);
  h1 = (h1 & ~keep_g) | (g1 & keep_g);
  h2 = (h2 & ~keep_g) | (g2 & keep_g);
  h3 = (h3 & ~keep_g) | (g3 & keep_g);
  h4 = (h4 & ~keep_g) | (g4 & keep_g);
  uint32_t w0 = h0 | (h1 << 26), w1 = (h1 >> 6) | (h2 << 20),
           w2 = (h2 >> 12) | (h3 << 14), w3 = (h3 >> 18) | (h4 << 8);
  uint64_t f = (uint64_t)w0 + st.pad[0]; st32le(tag, (uint32_t)f);
  f = (uint64_t)w1 + st.pad[1] + (f >> 32); st32le(tag + 4, (uint32_t)f);
  f = (uint64_t)w2 + st.pad[2] + (f >> 32); st32le(tag + 8, (uint32_t)f);
  f = (uint64_t)w3 + st.pad[3] + (f >> 32); st32le(tag + 12, (uint32_t)f);
}

// Tag over aad || pad16 || ct || pad16 || le64(|aad|) || le64(|ct|).
void aead_tag(const ChaChaKey &ck, const uint8_t *aad, uint32_t alen,
              const uint8_t *ct, uint32_t clen, uint8_t tag[16]) {
  uint8_t otk[64], lens[16];
  chacha20_block(ck, 0, otk);
  Poly1305 st;
  poly_init(st, otk);
  poly_blocks(st, aad, alen);
  poly_blocks(st, ct, clen);
  memset(lens, 0, 16);
  st32le(lens, alen);
  st32le(lens + 8, clen);
  poly_blocks(st, lens, 16);
  poly_finish(st, tag);
}

int cps_hex(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  c = (char)(c | 0x20);
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

}  // namespace

class ChaChaPolySeal : public Element {
public:
  ChaChaPolySeal() : _open(false), _seq(1), _sealed(0), _opened(0), _bad(0) {
    memset(_key, 0, sizeof _key);
    memset(_salt, 0, sizeof _salt);
  }
  const char *class_name() const override { return "ChaChaPolySeal"; }
  const char *port_count() const override { return PORTS_1_1; }
  int configure(Vector<String> &conf, ErrorHandler *errh) override;
  Packet *simple_action(Packet *p) override;

private:
  enum { SEQ_LEN = 8, TAG_LEN = 16 };
  uint8_t _key[32];
  uint8_t _salt[4];
  bool _open;
  uint64_t _seq;
  uint64_t _sealed, _opened, _bad;

  void setup_key(ChaChaKey &ck, const uint8_t seq[8]) const;
};

int ChaChaPolySeal::configure(Vector<String> &conf, ErrorHandler *errh) {
  String key, salt = "00000000", mode = "SEAL";
  if (Args(conf, this, errh)
          .read_mp("KEY", key)
          .read("SALT", salt)
          .read("MODE", mode)
          .read("SEQ", _seq)
          .complete() < 0)
    return -1;
  if (key.length() != 64 || salt.length() != 8)
    return errh->error("KEY needs 64 and SALT 8 hex digits");
  for (int i = 0; i < 36; i++) {
    const String &s = i < 32 ? key : salt;
    int j = i < 32 ? i : i - 32;
    int hi = cps_hex(s[2 * j]), lo = cps_hex(s[2 * j + 1]);
    if (hi < 0 || lo < 0) return errh->error("bad hex digit");
    (i < 32 ? _key[j] : _salt[j]) = (uint8_t)(hi << 4 | lo);
  }
  if (mode == "SEAL") _open = false;
  else if (mode == "OPEN") _open = true;
  else return errh->error("MODE must be SEAL or OPEN");
  return 0;
}

void ChaChaPolySeal::setup_key(ChaChaKey &ck, const uint8_t seq[8]) const {
  for (int i = 0; i < 8; i++) ck.k[i] = ld32le(_key + 4 * i);
  ck.n[0] = ld32le(_salt);
  ck.n[1] = ld32le(seq);
  ck.n[2] = ld32le(seq + 4);
}

static void cps_fix_lengths(unsigned char *ip, uint32_t hl, uint16_t total) {
  click_ip *iph = reinterpret_cast<click_ip *>(ip);
  click_udp *udph = reinterpret_cast<click_udp *>(ip + hl);
  iph->ip_len = htons(total);
  udph->uh_ulen = htons((uint16_t)(total - hl));
  udph->uh_sum = 0;
  iph->ip_sum = 0;
  iph->ip_sum = click_in_cksum(ip, (int)hl);
}

Packet *ChaChaPolySeal::simple_action(Packet *p) {
  if (p->length() < sizeof(click_ip)) return p;
  const click_ip *iph = reinterpret_cast<const click_ip *>(p->data());
  uint32_t hl = iph->ip_hl * 4;
  if (iph->ip_v != 4 || iph->ip_p != IP_PROTO_UDP || hl < 20 ||
      p->length() < hl + sizeof(click_udp) || ntohs(iph->ip_len) != p->length())
    return p;
  uint32_t off = hl + sizeof(click_udp);
  uint32_t plen = p->length() - off;
  uint8_t aad[16], tag[16];
  ChaChaKey ck;

  if (!_open) {
    if (p->length() + SEQ_LEN + TAG_LEN > 0xFFFF) return p;
    WritablePacket *q = p->put(SEQ_LEN + TAG_LEN);
    if (!q) return nullptr;
    uint8_t *pay = q->data() + off;
    memmove(pay + SEQ_LEN, pay, plen);
    uint64_t s = _seq++;
    for (int i = SEQ_LEN - 1; i >= 0; i--, s >>= 8) pay[i] = (uint8_t)s;
    memcpy(aad, q->data() + 12, 8);
    memcpy(aad + 8, pay, SEQ_LEN);
    setup_key(ck, pay);
    chacha20_xor(ck, pay + SEQ_LEN, plen);
    aead_tag(ck, aad, 16, pay + SEQ_LEN, plen, pay + SEQ_LEN + plen);
    cps_fix_lengths(q->data(), hl, (uint16_t)q->length());
    _sealed++;
    return q;
  }

  if (plen < SEQ_LEN + TAG_LEN) { _bad++; p->kill(); return nullptr; }
  uint32_t clen = plen - SEQ_LEN - TAG_LEN;
  const uint8_t *pay = p->data() + off;
  memcpy(aad, p->data() + 12, 8);
  memcpy(aad + 8, pay, SEQ_LEN);
  setup_key(ck, pay);
  aead_tag(ck, aad, 16, pay + SEQ_LEN, clen, tag);
  uint32_t diff = 0;
  for (int i = 0; i < TAG_LEN; i++) diff |= tag[i] ^ pay[SEQ_LEN + clen + i];
  if (diff) { _bad++; p->kill(); return nullptr; }
  WritablePacket *q = p->uniqueify();
  if (!q) return nullptr;
  uint8_t *w = q->data() + off;
  chacha20_xor(ck, w + SEQ_LEN, clen);
  memmove(w, w + SEQ_LEN, clen);
  q->take(SEQ_LEN + TAG_LEN);
  cps_fix_lengths(q->data(), hl, (uint16_t)q->length());
  _opened++;
  return q;
}

EXPORT_ELEMENT(ChaChaPolySeal)
