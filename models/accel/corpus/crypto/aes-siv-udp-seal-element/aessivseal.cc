// AesSivSeal: seals the payload of IPv4/UDP packets with AES-SIV
// (RFC 5297, misuse-resistant deterministic AEAD, AES-128 in both halves of
// a 256-bit key). The associated data vector is
//   AD1 = source and destination IPv4 address (8 bytes)
//   AD2 = UDP source and destination port (4 bytes)
// and the result V || C replaces the payload (16 bytes longer).
// The AES S-box is computed at configure time from GF(2^8) inversion and
// the affine map; the cipher works on a byte state, column-major.

#include <click/config.h>
#include <click/args.hh>
#include <click/element.hh>
#include <click/error.hh>
#include <click/packet.hh>
#include <clicknet/ip.h>
#include <clicknet/udp.h>
#include <string.h>

class AesSivSeal : public Element {
public:
  AesSivSeal();
  const char *class_name() const override { return "AesSivSeal"; }
  const char *port_count() const override { return PORTS_1_1; }
  int configure(Vector<String> &conf, ErrorHandler *errh) override;
  Packet *simple_action(Packet *p) override;

  // public so a test driver can reach the primitive directly
  void set_key(const uint8_t key[32]);
  void siv_seal(const uint8_t *const *ad, const size_t *adlen, int nad,
                const uint8_t *msg, size_t mlen, uint8_t *out);

private:
  uint8_t _sbox[256];
  uint8_t _mac_rk[176];  // expanded K1 (S2V / CMAC)
  uint8_t _ctr_rk[176];  // expanded K2 (CTR)
  uint8_t _cm_k1[16], _cm_k2[16];  // CMAC subkeys
  uint64_t _sealed, _passed;

  void build_sbox();
  void expand(const uint8_t *key, uint8_t *rk);
  void encipher(const uint8_t *rk, const uint8_t in[16], uint8_t out[16]);
  static void dbl(uint8_t b[16]);
  void cmac_xorend(const uint8_t *msg, size_t len, const uint8_t *xe,
                   uint8_t tag[16]);
  void s2v(const uint8_t *const *ad, const size_t *adlen, int nad,
           const uint8_t *msg, size_t mlen, uint8_t v[16]);
  void ctr_xor(const uint8_t v[16], const uint8_t *in, size_t len,
               uint8_t *out);
};

AesSivSeal::AesSivSeal() : _sealed(0), _passed(0) {
  memset(_sbox, 0, sizeof _sbox);
  memset(_mac_rk, 0, sizeof _mac_rk);
  memset(_ctr_rk, 0, sizeof _ctr_rk);
  memset(_cm_k1, 0, 16);
  memset(_cm_k2, 0, 16);
}

#define SIV_XT(x) ((uint8_t)(((x) << 1) ^ (((x) & 0x80) ? 0x1b : 0)))

void AesSivSeal::build_sbox() {
  uint8_t ex[256], lg[256];
  uint8_t g = 1;
  for (int i = 0; i < 255; i++) {  // powers of the generator 0x03
    ex[i] = g;
    lg[g] = (uint8_t)i;
    g = (uint8_t)(g ^ SIV_XT(g));
  }
  ex[255] = ex[0];
  for (int x = 0; x < 256; x++) {
    uint8_t b = x ? ex[(255 - lg[x]) % 255] : 0;
    uint8_t r = b;
    for (int k = 1; k <= 4; k++)
      r ^= (uint8_t)((b << k) | (b >> (8 - k)));
    _sbox[x] = (uint8_t)(r ^ 0x63);
  }
}

void AesSivSeal::expand(const uint8_t *key, uint8_t *rk) {
  memcpy(rk, key, 16);
  uint8_t rcon = 1;
  for (int w = 4; w < 44; w++) {
    uint8_t t0 = rk[4 * w - 4], t1 = rk[4 * w - 3], t2 = rk[4 * w - 2],
            t3 = rk[4 * w - 1];
    if ((w & 3) == 0) {
      uint8_t u = t0;
      t0 = (uint8_t)(_sbox[t1] ^ rcon);
      t1 = _sbox[t2];
      t2 = _sbox[t3];
      t3 = _sbox[u];
      rcon = SIV_XT(rcon);
    }
    rk[4 * w + 0] = rk[4 * w - 16] ^ t0;
    rk[4 * w + 1] = rk[4 * w - 15] ^ t1;
    rk[4 * w + 2] = rk[4 * w - 14] ^ t2;
    rk[4 * w + 3] = rk[4 * w - 13] ^ t3;
  }
}

void AesSivSeal::encipher(const uint8_t *rk, const uint8_t in[16],
                          uint8_t out[16]) {
  uint8_t s[16], t[16];
  for (int i = 0; i < 16; i++)
    s[i] = in[i] ^ rk[i];
  for (int round = 1; round <= 10; round++) {
    // SubBytes + ShiftRows: row r of column c comes from column c+r
    for (int c = 0; c < 4; c++)
      for (int r = 0; r < 4; r++)
        t[4 * c + r] = _sbox[s[4 * ((c + r) & 3) + r]];
    if (round < 10) {
      for (int c = 0; c < 4; c++) {
        uint8_t *col = t + 4 * c;
        uint8_t a0 = col[0], a1 = col[1], a2 = col[2], a3 = col[3];
        uint8_t all = a0 ^ a1 ^ a2 ^ a3;
        s[4 * c + 0] = a0 ^ all ^ SIV_XT((uint8_t)(a0 ^ a1));
        s[4 * c + 1] = a1 ^ all ^ SIV_XT((uint8_t)(a1 ^ a2));
        s[4 * c + 2] = a2 ^ all ^ SIV_XT((uint8_t)(a2 ^ a3));
        s[4 * c + 3] = a3 ^ all ^ SIV_XT((uint8_t)(a3 ^ a0));
      }
    } else {
      memcpy(s, t, 16);
    }
    const uint8_t *k = rk + 16 * round;
    for (int i = 0; i < 16; i++)
      s[i] ^= k[i];
  }
  memcpy(out, s, 16);
}

// Multiplication by x in GF(2^128), big-endian bit order (RFC 5297 dbl).
void AesSivSeal::dbl(uint8_t b[16]) {
  uint8_t carry = (uint8_t)(b[0] >> 7);
  for (int i = 0; i < 15; i++)
    b[i] = (uint8_t)((b[i] << 1) | (b[i + 1] >> 7));
  b[15] = (uint8_t)((b[15] << 1) ^ (carry ? 0x87 : 0));
}

void AesSivSeal::set_key(const uint8_t key[32]) {
  build_sbox();
  expand(key, _mac_rk);
  expand(key + 16, _ctr_rk);
  uint8_t zero[16] = {0};
  encipher(_mac_rk, zero, _cm_k1);
  dbl(_cm_k1);
  memcpy(_cm_k2, _cm_k1, 16);
  dbl(_cm_k2);
}

// CMAC of msg; when xe is given, the final 16 bytes of msg are XORed with
// xe on the fly (S2V's "xorend" for plaintexts of 16 bytes or more).
void AesSivSeal::cmac_xorend(const uint8_t *msg, size_t len,
                             const uint8_t *xe, uint8_t tag[16]) {
  uint8_t x[16] = {0};
  size_t win = xe ? len - 16 : len;  // first byte of the xorend window
  size_t nblk = len ? (len + 15) / 16 : 1;
  for (size_t blk = 0; blk < nblk; blk++) {
    size_t off = 16 * blk;
    bool last = blk + 1 == nblk;
    bool complete = len - off >= 16 && len > 0;
    for (size_t i = 0; i < 16; i++) {
      size_t pos = off + i;
      uint8_t b;
      if (pos < len)
        b = msg[pos] ^ (pos >= win ? xe[pos - win] : 0);
      else
        b = pos == len ? 0x80 : 0;
      if (last)
        b ^= complete ? _cm_k1[i] : _cm_k2[i];
      x[i] ^= b;
    }
    encipher(_mac_rk, x, x);
  }
  memcpy(tag, x, 16);
}

void AesSivSeal::s2v(const uint8_t *const *ad, const size_t *adlen, int nad,
                     const uint8_t *msg, size_t mlen, uint8_t v[16]) {
  uint8_t d[16], t[16];
  uint8_t zero[16] = {0};
  cmac_xorend(zero, 16, nullptr, d);
  for (int j = 0; j < nad; j++) {
    cmac_xorend(ad[j], adlen[j], nullptr, t);
    dbl(d);
    for (int i = 0; i < 16; i++)
      d[i] ^= t[i];
  }
  if (mlen >= 16) {
    cmac_xorend(msg, mlen, d, v);
  } else {
    dbl(d);
    for (size_t i = 0; i < 16; i++)
      t[i] = d[i] ^ (i < mlen ? msg[i] : (i == mlen ? 0x80 : 0));
    cmac_xorend(t, 16, nullptr, v);
  }
}

void AesSivSeal::ctr_xor(const uint8_t v[16], const uint8_t *in, size_t len,
                         uint8_t *out) {
  uint8_t q[16], ks[16];
  memcpy(q, v, 16);
  q[8] &= 0x7f;
  q[12] &= 0x7f;
  for (size_t off = 0; off < len; off += 16) {
    encipher(_ctr_rk, q, ks);
    size_t n = len - off < 16 ? len - off : 16;
    for (size_t i = 0; i < n; i++)
      out[off + i] = in[off + i] ^ ks[i];
    for (int i = 15; i >= 0; i--)
      if (++q[i])
        break;
  }
}

void AesSivSeal::siv_seal(const uint8_t *const *ad, const size_t *adlen,
                          int nad, const uint8_t *msg, size_t mlen,
                          uint8_t *out) {
  uint8_t v[16];
  s2v(ad, adlen, nad, msg, mlen, v);
  ctr_xor(v, msg, mlen, out + 16);
  memcpy(out, v, 16);
}

static int siv_hexval(char c) {
  if (c >= '0' && c <= '9')
    return c - '0';
  c = (char)(c | 0x20);
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  return -1;
}

int AesSivSeal::configure(Vector<String> &conf, ErrorHandler *errh) {
  String key;
  if (Args(conf, this, errh).read_mp("KEY", key).complete() < 0)
    return -1;
  if (key.length() != 64)
    return errh->error("KEY must be 64 hex digits (AES-128-SIV)");
  uint8_t k[32];
  for (int i = 0; i < 32; i++) {
    int hi = siv_hexval(key[2 * i]), lo = siv_hexval(key[2 * i + 1]);
    if (hi < 0 || lo < 0)
      return errh->error("KEY is not hexadecimal");
    k[i] = (uint8_t)(hi << 4 | lo);
  }
  set_key(k);
  return 0;
}

Packet *AesSivSeal::simple_action(Packet *p) {
  int nh = p->has_network_header() ? p->network_header_offset() : 0;
  if (p->length() < (uint32_t)nh + 28) {
    _passed++;
    return p;
  }
  const click_ip *iph = reinterpret_cast<const click_ip *>(p->data() + nh);
  unsigned hl = iph->ip_hl * 4u;
  if (iph->ip_v != 4 || iph->ip_p != IP_PROTO_UDP || hl < 20 ||
      p->length() < nh + hl + 8 || IP_ISFRAG(iph)) {
    _passed++;
    return p;
  }
  size_t plen = p->length() - nh - hl - 8;
  WritablePacket *q = p->put(16);
  if (!q)
    return nullptr;
  uint8_t *base = q->data() + nh;
  click_ip *ip = reinterpret_cast<click_ip *>(base);
  click_udp *uh = reinterpret_cast<click_udp *>(base + hl);
  uint8_t *payload = base + hl + 8;

  uint8_t addrs[8], ports[4];
  memcpy(addrs, &ip->ip_src, 4);
  memcpy(addrs + 4, &ip->ip_dst, 4);
  memcpy(ports, uh, 4);
  const uint8_t *ad[2] = {addrs, ports};
  size_t adlen[2] = {8, 4};

  uint8_t v[16];
  s2v(ad, adlen, 2, payload, plen, v);
  ctr_xor(v, payload, plen, payload);
  memmove(payload + 16, payload, plen);
  memcpy(payload, v, 16);

  uint16_t old_len = ip->ip_len;
  ip->ip_len = htons((uint16_t)(ntohs(old_len) + 16));
  click_update_in_cksum(&ip->ip_sum, old_len, ip->ip_len);
  uh->uh_ulen = htons((uint16_t)(plen + 8 + 16));
  uh->uh_sum = 0;
  _sealed++;
  return q;
}

EXPORT_ELEMENT(AesSivSeal)
