// OcbUdpSeal: Click element that seals UDP payloads with AES-128 in OCB3
// mode (RFC 7253, 128-bit tag, 96-bit nonce).  The nonce is taken from the
// IP identification field, a per-element packet sequence number and the UDP
// ports; the IPv4 addresses are authenticated as associated data.  The
// 16-byte tag is appended to the payload, after the 8-byte sequence number
// the receiver needs to rebuild the nonce.
//
// AES uses a byte-oriented implementation with a constant S-box; only the
// forward cipher is needed because this element only seals.
#include <click/config.h>
#include <click/args.hh>
#include <click/element.hh>
#include <click/error.hh>
#include <click/glue.hh>
#include <click/packet.hh>
#include <clicknet/ip.h>
#include <clicknet/udp.h>
#include <string.h>

static const uint8_t kSbox[256] = {
    0x63, 0x7c, 0x77, 0x7b, 0xf2, 0x6b, 0x6f, 0xc5, 0x30, 0x01, 0x67, 0x2b, 0xfe, 0xd7, 0xab, 0x76,
    0xca, 0x82, 0xc9, 0x7d, 0xfa, 0x59, 0x47, 0xf0, 0xad, 0xd4, 0xa2, 0xaf, 0x9c, 0xa4, 0x72, 0xc0,
    0xb7, 0xfd, 0x93, 0x26, 0x36, 0x3f, 0xf7, 0xcc, 0x34, 0xa5, 0xe5, 0xf1, 0x71, 0xd8, 0x31, 0x15,
    0x04, 0xc7, 0x23, 0xc3, 0x18, 0x96, 0x05, 0x9a, 0x07, 0x12, 0x80, 0xe2, 0xeb, 0x27, 0xb2, 0x75,
    0x09, 0x83, 0x2c, 0x1a, 0x1b, 0x6e, 0x5a, 0xa0, 0x52, 0x3b, 0xd6, 0xb3, 0x29, 0xe3, 0x2f, 0x84,
    0x53, 0xd1, 0x00, 0xed, 0x20, 0xfc, 0xb1, 0x5b, 0x6a, 0xcb, 0xbe, 0x39, 0x4a, 0x4c, 0x58, 0xcf,
    0xd0, 0xef, 0xaa, 0xfb, 0x43, 0x4d, 0x33, 0x85, 0x45, 0xf9, 0x02, 0x7f, 0x50, 0x3c, 0x9f, 0xa8,
    0x51, 0xa3, 0x40, 0x8f, 0x92, 0x9d, 0x38, 0xf5, 0xbc, 0xb6, 0xda, 0x21, 0x10, 0xff, 0xf3, 0xd2,
    0xcd, 0x0c, 0x13, 0xec, 0x5f, 0x97, 0x44, 0x17, 0xc4, 0xa7, 0x7e, 0x3d, 0x64, 0x5d, 0x19, 0x73,
    0x60, 0x81, 0x4f, 0xdc, 0x22, 0x2a, 0x90, 0x88, 0x46, 0xee, 0xb8, 0x14, 0xde, 0x5e, 0x0b, 0xdb,
    0xe0, 0x32, 0x3a, 0x0a, 0x49, 0x06, 0x24, 0x5c, 0xc2, 0xd3, 0xac, 0x62, 0x91, 0x95, 0xe4, 0x79,
    0xe7, 0xc8, 0x37, 0x6d, 0x8d, 0xd5, 0x4e, 0xa9, 0x6c, 0x56, 0xf4, 0xea, 0x65, 0x7a, 0xae, 0x08,
    0xba, 0x78, 0x25, 0x2e, 0x1c, 0xa6, 0xb4, 0xc6, 0xe8, 0xdd, 0x74, 0x1f, 0x4b, 0xbd, 0x8b, 0x8a,
    0x70, 0x3e, 0xb5, 0x66, 0x48, 0x03, 0xf6, 0x0e, 0x61, 0x35, 0x57, 0xb9, 0x86, 0xc1, 0x1d, 0x9e,
    0xe1, 0xf8, 0x98, 0x11, 0x69, 0xd9, 0x8e, 0x94, 0x9b, 0x1e, 0x87, 0xe9, 0xce, 0x55, 0x28, 0xdf,
    0x8c, 0xa1, 0x89, 0x0d, 0xbf, 0xe6, 0x42, 0x68, 0x41, 0x99, 0x2d, 0x0f, 0xb0, 0x54, 0xbb, 0x16,
};

typedef uint8_t block128[16];

static inline uint8_t mul2(uint8_t v) {
  return (uint8_t)((v << 1) ^ (0x1b & (uint8_t)-(v >> 7)));
}

static inline void xor_into(uint8_t *dst, const uint8_t *src, int n = 16) {
  for (int i = 0; i < n; i++)
    dst[i] ^= src[i];
}

class OcbUdpSeal : public Element {
public:
  enum { TAGLEN = 16, SEQLEN = 8, MAXL = 32 };

  OcbUdpSeal() : _seq(0), _keyed(false) {}
  const char *class_name() const override { return "OcbUdpSeal"; }
  const char *port_count() const override { return PORTS_1_1; }
  int configure(Vector<String> &conf, ErrorHandler *errh) override;
  Packet *simple_action(Packet *p) override;

  void schedule(const uint8_t key[16]);
  void cipher(block128 b) const;
  void aad_hash(const uint8_t *a, size_t alen, block128 sum) const;
  void seal(const uint8_t nonce[12], const uint8_t *aad, size_t alen,
            uint8_t *msg, size_t mlen, uint8_t tag[16]) const;

private:
  uint8_t _rk[11][16];
  block128 _lstar, _ldollar, _l[MAXL];
  uint64_t _seq;
  bool _keyed;

  const uint8_t *L(uint64_t i) const;
};

void OcbUdpSeal::schedule(const uint8_t key[16]) {
  uint8_t rcon = 0x01;
  memcpy(_rk[0], key, 16);
  for (int r = 1; r <= 10; r++) {
    const uint8_t *prev = _rk[r - 1];
    uint8_t *cur = _rk[r];
    cur[0] = prev[0] ^ kSbox[prev[13]] ^ rcon;
    cur[1] = prev[1] ^ kSbox[prev[14]];
    cur[2] = prev[2] ^ kSbox[prev[15]];
    cur[3] = prev[3] ^ kSbox[prev[12]];
    for (int i = 4; i < 16; i++)
      cur[i] = prev[i] ^ cur[i - 4];
    rcon = mul2(rcon);
  }

  // L_* = E_K(0^128), L_$ = double(L_*), L_0 = double(L_$), L_i = double(L_{i-1})
  memset(_lstar, 0, 16);
  cipher(_lstar);
  const uint8_t *src = _lstar;
  for (int i = -1; i < MAXL; i++) {
    uint8_t *dst = (i < 0) ? _ldollar : _l[i];
    uint8_t carry = src[0] >> 7;
    for (int j = 0; j < 15; j++)
      dst[j] = (uint8_t)((src[j] << 1) | (src[j + 1] >> 7));
    dst[15] = (uint8_t)((src[15] << 1) ^ (carry ? 0x87 : 0));
    src = dst;
  }
  _keyed = true;
}

void OcbUdpSeal::cipher(block128 s) const {
  xor_into(s, _rk[0]);
  for (int round = 1; round <= 10; round++) {
    // SubBytes + ShiftRows (row r rotated left by r)
    uint8_t t[16];
    for (int i = 0; i < 16; i++)
      t[i] = kSbox[s[(i + 4 * (i & 3)) & 15]];
    if (round < 10) {
      for (int c = 0; c < 16; c += 4) {
        uint8_t a = t[c], b = t[c + 1], d = t[c + 2], e = t[c + 3];
        uint8_t x = a ^ b ^ d ^ e;
        s[c] = a ^ x ^ mul2(a ^ b);
        s[c + 1] = b ^ x ^ mul2(b ^ d);
        s[c + 2] = d ^ x ^ mul2(d ^ e);
        s[c + 3] = e ^ x ^ mul2(e ^ a);
      }
    } else {
      memcpy(s, t, 16);
    }
    xor_into(s, _rk[round]);
  }
}

const uint8_t *OcbUdpSeal::L(uint64_t i) const {
  int tz = 0;
  while (!(i & 1) && tz < MAXL - 1) {
    i >>= 1;
    tz++;
  }
  return _l[tz];
}

void OcbUdpSeal::aad_hash(const uint8_t *a, size_t alen, block128 sum) const {
  block128 off, tmp;
  memset(off, 0, 16);
  memset(sum, 0, 16);
  uint64_t i = 1;
  for (; alen >= 16; a += 16, alen -= 16, i++) {
    xor_into(off, L(i));
    memcpy(tmp, a, 16);
    xor_into(tmp, off);
    cipher(tmp);
    xor_into(sum, tmp);
  }
  if (alen) {
    xor_into(off, _lstar);
    memset(tmp, 0, 16);
    memcpy(tmp, a, alen);
    tmp[alen] = 0x80;
    xor_into(tmp, off);
    cipher(tmp);
    xor_into(sum, tmp);
  }
}

void OcbUdpSeal::seal(const uint8_t nonce[12], const uint8_t *aad,
                      size_t alen, uint8_t *msg, size_t mlen,
                      uint8_t tag[16]) const {
  // Nonce block: num2str(TAGLEN mod 128, 7) || 0^23 || 1 || N  (TAGLEN=128)
  block128 nb;
  memset(nb, 0, 4);
  nb[3] = 0x01;
  memcpy(nb + 4, nonce, 12);
  unsigned bottom = nb[15] & 0x3f;
  uint8_t stretch[24];
  memcpy(stretch, nb, 16);
  stretch[15] &= 0xc0;
  cipher(stretch); // Ktop
  for (int i = 0; i < 8; i++)
    stretch[16 + i] = stretch[i] ^ stretch[i + 1];

  block128 off, chk, pad;
  unsigned byteoff = bottom >> 3, bitoff = bottom & 7;
  for (int i = 0; i < 16; i++) {
    uint8_t hi = stretch[i + byteoff];
    uint8_t lo = stretch[i + byteoff + 1];
    off[i] = bitoff ? (uint8_t)((hi << bitoff) | (lo >> (8 - bitoff))) : hi;
  }
  memset(chk, 0, 16);

  uint64_t i = 1;
  for (; mlen >= 16; msg += 16, mlen -= 16, i++) {
    xor_into(off, L(i));
    xor_into(chk, msg);
    xor_into(msg, off);
    cipher(msg);
    xor_into(msg, off);
  }
  if (mlen) {
    xor_into(off, _lstar);
    memcpy(pad, off, 16);
    cipher(pad);
    for (size_t j = 0; j < mlen; j++)
      chk[j] ^= msg[j];
    chk[mlen] ^= 0x80;
    xor_into(msg, pad, (int)mlen);
  }
  xor_into(chk, off);
  xor_into(chk, _ldollar);
  cipher(chk);
  block128 h;
  aad_hash(aad, alen, h);
  xor_into(chk, h);
  memcpy(tag, chk, 16);
}

int OcbUdpSeal::configure(Vector<String> &conf, ErrorHandler *errh) {
  String hexkey;
  if (Args(conf, this, errh).read_mp("KEY", StringArg(), hexkey).complete() < 0)
    return -1;
  if (hexkey.length() != 32)
    return errh->error("KEY must be 32 hex digits");
  uint8_t key[16];
  for (int i = 0; i < 32; i++) {
    char ch = hexkey.data()[i];
    int v;
    if (ch >= '0' && ch <= '9')
      v = ch - '0';
    else if (ch >= 'a' && ch <= 'f')
      v = ch - 'a' + 10;
    else if (ch >= 'A' && ch <= 'F')
      v = ch - 'A' + 10;
    else
      return errh->error("KEY must be 32 hex digits");
    if (i & 1)
      key[i >> 1] = (uint8_t)(key[i >> 1] | v);
    else
      key[i >> 1] = (uint8_t)(v << 4);
  }
  schedule(key);
  memset(key, 0, sizeof key);
  return 0;
}

Packet *OcbUdpSeal::simple_action(Packet *p) {
  if (!_keyed)
    return p;
  const click_ip *ip0 = p->ip_header();
  if (!ip0 || ip0->ip_p != IP_PROTO_UDP || !p->transport_header())
    return p;
  WritablePacket *q = p->put(SEQLEN + TAGLEN);
  if (!q)
    return 0;
  click_ip *iph = q->ip_header();
  click_udp *udph = q->udp_header();
  uint8_t *body = reinterpret_cast<uint8_t *>(udph + 1);
  size_t blen = (size_t)(q->end_data() - body) - SEQLEN - TAGLEN;

  uint64_t seq = ++_seq;
  uint8_t nonce[12];
  memcpy(nonce, &iph->ip_id, 2);
  memcpy(nonce + 2, &udph->uh_sport, 2);
  for (int k = 0; k < 8; k++)
    nonce[4 + k] = (uint8_t)(seq >> (56 - 8 * k));

  uint8_t aad[8];
  memcpy(aad, &iph->ip_src, 4);
  memcpy(aad + 4, &iph->ip_dst, 4);

  uint8_t *trailer = body + blen;
  seal(nonce, aad, sizeof aad, body, blen, trailer + SEQLEN);
  memcpy(trailer, nonce + 4, SEQLEN);

  uint16_t grow = SEQLEN + TAGLEN;
  iph->ip_len = htons((uint16_t)(ntohs(iph->ip_len) + grow));
  udph->uh_ulen = htons((uint16_t)(ntohs(udph->uh_ulen) + grow));
  udph->uh_sum = 0;
  iph->ip_sum = 0;
  iph->ip_sum = click_in_cksum(reinterpret_cast<const unsigned char *>(iph),
                               iph->ip_hl << 2);
  return q;
}
