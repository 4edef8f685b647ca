// AesGcmSeal: ESP-like AES-GCM protection of the IP payload (NIST SP 800-38D).
//
// SEAL mode inserts an 8-byte explicit IV (a per-element packet counter)
// after the IP header, encrypts the payload with AES-CTR (AES-128 or
// AES-256 by key length), and appends a 16-byte GHASH-based tag computed
// over the IP source/destination addresses (additional data) and the
// ciphertext. OPEN mode checks the tag, decrypts and removes the framing;
// forged or truncated packets are dropped. The 96-bit nonce is the 4-byte
// configured SALT followed by the explicit IV.
//
// The AES S-box is derived at configure time from multiplicative inverses
// in GF(2^8) (via exponent/logarithm tables of the generator 0x03) and the
// FIPS-197 affine map; the cipher works on 32-bit columns. GHASH multiplies
// bit by bit (SP 800-38D Algorithm 1) on two 64-bit halves.

#include <click/config.h>
#include <click/args.hh>
#include <click/element.hh>
#include <click/error.hh>
#include <click/glue.hh>
#include <click/packet.hh>
#include <clicknet/ip.h>
#include <string.h>

static uint8_t gcm_sbox[256];
static bool gcm_sbox_built = false;

// S(x) = A * x^-1 + 0x63 over GF(2), x^-1 taken in GF(2^8) mod x^8+x^4+x^3+x+1.
static void gcm_build_sbox() {
  uint8_t exp3[256], log3[256];
  uint8_t v = 1;
  for (int i = 0; i < 255; i++) {
    exp3[i] = v;
    log3[v] = (uint8_t)i;
    uint8_t twice = (uint8_t)((v << 1) ^ ((v & 0x80) ? 0x1b : 0));
    v = (uint8_t)(twice ^ v); // multiply by 0x03
  }
  for (int x = 0; x < 256; x++) {
    uint8_t inv = x == 0 ? 0 : exp3[(255 - log3[x]) % 255];
    uint8_t s = inv;
    for (int k = 1; k <= 4; k++)
      s ^= (uint8_t)((inv << k) | (inv >> (8 - k)));
    gcm_sbox[x] = (uint8_t)(s ^ 0x63);
  }
  gcm_sbox_built = true;
}

class AesGcmSeal : public Element {
public:
  AesGcmSeal();

  const char *class_name() const override { return "AesGcmSeal"; }
  const char *port_count() const override { return PORTS_1_1; }

  int configure(Vector<String> &conf, ErrorHandler *errh) override;
  Packet *simple_action(Packet *p) override;

  // Crypto core (public so that it can be exercised on its own).
  void set_key(const uint8_t *key, int keylen);
  void encrypt_block(const uint8_t in[16], uint8_t out[16]) const;
  void seal(const uint8_t nonce[12], const uint8_t *aad, size_t aadlen, uint8_t *data,
            size_t len, uint8_t tag[16]) const;
  bool open(const uint8_t nonce[12], const uint8_t *aad, size_t aadlen, uint8_t *data,
            size_t len, const uint8_t tag[16]) const;

private:
  uint32_t _rk[60];
  int _nr;
  uint64_t _h_hi, _h_lo; // hash subkey H = E_K(0^128)
  uint8_t _salt[4];
  bool _open;
  uint64_t _counter;
  uint64_t _sealed, _opened, _rejected;

  static uint32_t sub_word(uint32_t w);
  void ghash_mul(uint64_t &x_hi, uint64_t &x_lo) const;
  void ghash_absorb(uint64_t &x_hi, uint64_t &x_lo, const uint8_t *p, size_t n) const;
  void compute_tag(const uint8_t j0[16], const uint8_t *aad, size_t aadlen, const uint8_t *ct,
                   size_t len, uint8_t tag[16]) const;
  void ctr_xor(const uint8_t j0[16], uint8_t *data, size_t len) const;
  Packet *do_seal(Packet *p);
  Packet *do_open(Packet *p);
  void fix_ip_header(WritablePacket *q, unsigned hl);
};

AesGcmSeal::AesGcmSeal()
    : _nr(0), _h_hi(0), _h_lo(0), _open(false), _counter(0), _sealed(0), _opened(0),
      _rejected(0) {
  memset(_rk, 0, sizeof _rk);
  memset(_salt, 0, sizeof _salt);
}

static bool gcm_parse_hex(const String &s, uint8_t *out, int nbytes) {
  if (s.length() != 2 * nbytes)
    return false;
  for (int i = 0; i < 2 * nbytes; i++) {
    char c = s[i];
    int d = (c >= '0' && c <= '9') ? c - '0'
            : (c >= 'a' && c <= 'f') ? c - 'a' + 10
            : (c >= 'A' && c <= 'F') ? c - 'A' + 10
                                     : -1;
    if (d < 0)
      return false;
    out[i / 2] = (uint8_t)((i & 1) ? (out[i / 2] | d) : (d << 4));
  }
  return true;
}

int AesGcmSeal::configure(Vector<String> &conf, ErrorHandler *errh) {
  String key, salt = "00000000";
  bool open = false;
  if (Args(conf, this, errh)
          .read_mp("KEY", key)
          .read("SALT", salt)
          .read("OPEN", open)
          .complete() < 0)
    return -1;
  uint8_t kb[32];
  int klen = key.length() / 2;
  if ((klen != 16 && klen != 32) || !gcm_parse_hex(key, kb, klen))
    return errh->error("KEY must be 32 or 64 hex digits");
  if (!gcm_parse_hex(salt, _salt, 4))
    return errh->error("SALT must be 8 hex digits");
  _open = open;
  set_key(kb, klen);
  return 0;
}

uint32_t AesGcmSeal::sub_word(uint32_t w) {
  return (uint32_t)gcm_sbox[w >> 24] << 24 | (uint32_t)gcm_sbox[(w >> 16) & 0xff] << 16 |
         (uint32_t)gcm_sbox[(w >> 8) & 0xff] << 8 | gcm_sbox[w & 0xff];
}

void AesGcmSeal::set_key(const uint8_t *key, int keylen) {
  if (!gcm_sbox_built)
    gcm_build_sbox();
  int nk = keylen / 4;
  _nr = nk + 6;
  int words = 4 * (_nr + 1);
  uint32_t rcon = 0x01000000u;
  for (int i = 0; i < nk; i++)
    _rk[i] = (uint32_t)key[4 * i] << 24 | (uint32_t)key[4 * i + 1] << 16 |
             (uint32_t)key[4 * i + 2] << 8 | key[4 * i + 3];
  for (int i = nk; i < words; i++) {
    uint32_t t = _rk[i - 1];
    if (i % nk == 0) {
      t = sub_word((t << 8) | (t >> 24)) ^ rcon;
      uint32_t hi = rcon >> 24;
      hi = (hi << 1) ^ ((hi & 0x80) ? 0x11b : 0);
      rcon = hi << 24;
    } else if (nk == 8 && i % nk == 4) {
      t = sub_word(t);
    }
    _rk[i] = _rk[i - nk] ^ t;
  }
  uint8_t zero[16] = {0}, h[16];
  encrypt_block(zero, h);
  _h_hi = _h_lo = 0;
  for (int i = 0; i < 8; i++) {
    _h_hi = (_h_hi << 8) | h[i];
    _h_lo = (_h_lo << 8) | h[8 + i];
  }
}

static inline uint32_t gcm_xtime4(uint32_t w) {
  return ((w & 0x7f7f7f7fu) << 1) ^ (((w >> 7) & 0x01010101u) * 0x1bu);
}

static inline uint32_t gcm_rotl(uint32_t w, int n) { return (w << n) | (w >> (32 - n)); }

// AES on four big-endian column words; the row-r byte of column c sits at bits 24-8r.
void AesGcmSeal::encrypt_block(const uint8_t in[16], uint8_t out[16]) const {
  uint32_t s[4], t[4];
  for (int c = 0; c < 4; c++)
    s[c] = ((uint32_t)in[4 * c] << 24 | (uint32_t)in[4 * c + 1] << 16 |
            (uint32_t)in[4 * c + 2] << 8 | in[4 * c + 3]) ^ _rk[c];
  for (int r = 1; r <= _nr; r++) {
    for (int c = 0; c < 4; c++) {
      t[c] = (uint32_t)gcm_sbox[s[c] >> 24] << 24 |
             (uint32_t)gcm_sbox[(s[(c + 1) & 3] >> 16) & 0xff] << 16 |
             (uint32_t)gcm_sbox[(s[(c + 2) & 3] >> 8) & 0xff] << 8 |
             gcm_sbox[s[(c + 3) & 3] & 0xff];
    }
    for (int c = 0; c < 4; c++) {
      uint32_t w = t[c];
      if (r != _nr) {
        uint32_t up = gcm_rotl(w, 8);
        w = gcm_xtime4(w ^ up) ^ up ^ gcm_rotl(w, 16) ^ gcm_rotl(w, 24);
      }
      s[c] = w ^ _rk[4 * r + c];
    }
  }
  for (int c = 0; c < 4; c++) {
    out[4 * c] = (uint8_t)(s[c] >> 24);
    out[4 * c + 1] = (uint8_t)(s[c] >> 16);
    out[4 * c + 2] = (uint8_t)(s[c] >> 8);
    out[4 * c + 3] = (uint8_t)s[c];
  }
}

// X <- X * H in GF(2^128) with GCM's reflected bit order (R = 0xE1 || 0^120).
void AesGcmSeal::ghash_mul(uint64_t &x_hi, uint64_t &x_lo) const {
  uint64_t z_hi = 0, z_lo = 0, v_hi = _h_hi, v_lo = _h_lo;
  for (int i = 0; i < 128; i++) {
    uint64_t bit = i < 64 ? (x_hi >> (63 - i)) & 1 : (x_lo >> (127 - i)) & 1;
    if (bit) {
      z_hi ^= v_hi;
      z_lo ^= v_lo;
    }
    uint64_t lsb = v_lo & 1;
    v_lo = (v_lo >> 1) | (v_hi << 63);
    v_hi >>= 1;
    if (lsb)
      v_hi ^= 0xe100000000000000ull;
  }
  x_hi = z_hi;
  x_lo = z_lo;
}

void AesGcmSeal::ghash_absorb(uint64_t &x_hi, uint64_t &x_lo, const uint8_t *p,
                              size_t n) const {
  while (n > 0) {
    uint8_t blk[16] = {0};
    size_t take = n < 16 ? n : 16;
    memcpy(blk, p, take);
    uint64_t a = 0, b = 0;
    for (int i = 0; i < 8; i++) {
      a = (a << 8) | blk[i];
      b = (b << 8) | blk[8 + i];
    }
    x_hi ^= a;
    x_lo ^= b;
    ghash_mul(x_hi, x_lo);
    p += take;
    n -= take;
  }
}

// Counter mode from inc32(J0), incrementing only the low 32 bits.
void AesGcmSeal::ctr_xor(const uint8_t j0[16], uint8_t *data, size_t len) const {
  uint8_t cb[16], ks[16];
  memcpy(cb, j0, 16);
  uint32_t ctr = (uint32_t)cb[12] << 24 | (uint32_t)cb[13] << 16 | (uint32_t)cb[14] << 8 | cb[15];
  for (size_t off = 0; off < len; off += 16) {
    ctr++;
    cb[12] = (uint8_t)(ctr >> 24);
    cb[13] = (uint8_t)(ctr >> 16);
    cb[14] = (uint8_t)(ctr >> 8);
    cb[15] = (uint8_t)ctr;
    encrypt_block(cb, ks);
    size_t n = len - off < 16 ? len - off : 16;
    for (size_t i = 0; i < n; i++)
      data[off + i] ^= ks[i];
  }
}

void AesGcmSeal::compute_tag(const uint8_t j0[16], const uint8_t *aad, size_t aadlen,
                             const uint8_t *ct, size_t len, uint8_t tag[16]) const {
  uint64_t x_hi = 0, x_lo = 0;
  ghash_absorb(x_hi, x_lo, aad, aadlen);
  ghash_absorb(x_hi, x_lo, ct, len);
  x_hi ^= (uint64_t)aadlen * 8;
  x_lo ^= (uint64_t)len * 8;
  ghash_mul(x_hi, x_lo);
  uint8_t ek[16];
  encrypt_block(j0, ek);
  for (int i = 0; i < 8; i++) {
    tag[i] = (uint8_t)(ek[i] ^ (uint8_t)(x_hi >> (56 - 8 * i)));
    tag[8 + i] = (uint8_t)(ek[8 + i] ^ (uint8_t)(x_lo >> (56 - 8 * i)));
  }
}

void AesGcmSeal::seal(const uint8_t nonce[12], const uint8_t *aad, size_t aadlen, uint8_t *data,
                      size_t len, uint8_t tag[16]) const {
  uint8_t j0[16];
  memcpy(j0, nonce, 12);
  j0[12] = j0[13] = j0[14] = 0;
  j0[15] = 1;
  ctr_xor(j0, data, len);
  compute_tag(j0, aad, aadlen, data, len, tag);
}

bool AesGcmSeal::open(const uint8_t nonce[12], const uint8_t *aad, size_t aadlen, uint8_t *data,
                      size_t len, const uint8_t tag[16]) const {
  uint8_t j0[16], want[16];
  memcpy(j0, nonce, 12);
  j0[12] = j0[13] = j0[14] = 0;
  j0[15] = 1;
  compute_tag(j0, aad, aadlen, data, len, want);
  uint8_t diff = 0;
  for (int i = 0; i < 16; i++)
    diff |= (uint8_t)(want[i] ^ tag[i]);
  if (diff != 0)
    return false;
  ctr_xor(j0, data, len);
  return true;
}

void AesGcmSeal::fix_ip_header(WritablePacket *q, unsigned hl) {
  click_ip *ip = reinterpret_cast<click_ip *>(q->data());
  ip->ip_len = htons((uint16_t)q->length());
  ip->ip_sum = 0;
  ip->ip_sum = click_in_cksum(q->data(), (int)hl);
  q->set_ip_header(ip, hl);
}

Packet *AesGcmSeal::do_seal(Packet *p) {
  unsigned hl = (p->data()[0] & 0x0f) * 4u;
  if (p->length() < 20 || hl < 20 || p->length() < hl) {
    p->kill();
    return 0;
  }
  size_t plen = p->length() - hl;
  WritablePacket *q = p->push(8);
  if (!q)
    return 0;
  q = q->put(16);
  if (!q)
    return 0;
  uint8_t *d = q->data();
  memmove(d, d + 8, hl);
  uint8_t nonce[12];
  memcpy(nonce, _salt, 4);
  uint64_t seq = ++_counter;
  for (int i = 0; i < 8; i++)
    nonce[4 + i] = d[hl + i] = (uint8_t)(seq >> (56 - 8 * i));
  seal(nonce, d + 12, 8, d + hl + 8, plen, d + hl + 8 + plen);
  fix_ip_header(q, hl);
  _sealed++;
  return q;
}

Packet *AesGcmSeal::do_open(Packet *p) {
  unsigned hl = (p->data()[0] & 0x0f) * 4u;
  if (p->length() < 20 || hl < 20 || p->length() < hl + 24) {
    _rejected++;
    p->kill();
    return 0;
  }
  WritablePacket *q = p->uniqueify();
  if (!q)
    return 0;
  uint8_t *d = q->data();
  size_t clen = q->length() - hl - 24;
  uint8_t nonce[12];
  memcpy(nonce, _salt, 4);
  memcpy(nonce + 4, d + hl, 8);
  if (!open(nonce, d + 12, 8, d + hl + 8, clen, d + hl + 8 + clen)) {
    _rejected++;
    q->kill();
    return 0;
  }
  memmove(d + 8, d, hl);
  q->pull(8);
  q->take(16);
  fix_ip_header(q, hl);
  _opened++;
  return q;
}

Packet *AesGcmSeal::simple_action(Packet *p) { return _open ? do_open(p) : do_seal(p); }

EXPORT_ELEMENT(AesGcmSeal)
