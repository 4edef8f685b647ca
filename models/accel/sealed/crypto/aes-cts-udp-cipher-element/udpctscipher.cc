// UDPCtsCipher: encrypts or decrypts UDP payloads in place with AES in CBC
// mode with ciphertext stealing (the "CS3" variant that Kerberos uses, RFC
// 3962: the last two cipher blocks always swapped, the final one truncated),
// so the payload keeps its length and no header but the UDP checksum changes.
//
// Each datagram gets its own IV, E_K(src | dst | sport | dport | ip_id | 0),
// which the receiver recomputes from the same header fields. Payloads shorter
// than one block cannot be stolen from and leave on output 1 untouched (or
// are passed on output 0 when the element has a single output).
//
// The AES here works on four 32-bit column words (row 0 in the low byte):
// ShiftRows is a byte-lane merge of neighbouring columns, MixColumns a packed
// xtime on the whole column, and the S-box is built at configure time from
// x^254 in GF(2^8) followed by the affine map.
#include <click/config.h>
#include <click/args.hh>
#include <click/element.hh>
#include <click/error.hh>
#include <click/glue.hh>
#include <click/packet.hh>
#include <clicknet/ip.h>
#include <clicknet/udp.h>

class UDPCtsCipher : public Element {
public:
  UDPCtsCipher();

  const char *class_name() const override { return "UDPCtsCipher"; }
  const char *port_count() const override { return "1/1-2"; }
  const char *processing() const override { return PUSH; }

  int configure(Vector<String> &conf, ErrorHandler *errh) override;
  void push(int port, Packet *p) override;

private:
  uint8_t _fwd[256];
  uint8_t _inv[256];
  uint32_t _rk[60]; // round keys, 4 words per round
  int _rounds;
  bool _decrypt;
  uint64_t _done;
  uint64_t _short;

  static uint8_t gf_mul(uint8_t a, uint8_t b);
  void build_sboxes();
  uint32_t sub_word(uint32_t w) const;
  void expand_key(const uint8_t *key, int len);
  void encrypt_block(const uint8_t in[16], uint8_t out[16]) const;
  void decrypt_block(const uint8_t in[16], uint8_t out[16]) const;
  void cts_encrypt(uint8_t *buf, uint32_t len, const uint8_t iv[16]) const;
  void cts_decrypt(uint8_t *buf, uint32_t len, const uint8_t iv[16]) const;
  void packet_iv(const click_ip *iph, const click_udp *udph,
                 uint8_t iv[16]) const;
};

static inline uint32_t col_xtime(uint32_t w) {
  return ((w & 0x7f7f7f7fu) << 1) ^ (((w >> 7) & 0x01010101u) * 0x1bu);
}

static inline uint32_t col_rot(uint32_t w, int bytes) {
  return (w >> (8 * bytes)) | (w << (32 - 8 * bytes));
}

UDPCtsCipher::UDPCtsCipher()
    : _rounds(0), _decrypt(false), _done(0), _short(0) {
  memset(_fwd, 0, sizeof _fwd);
  memset(_inv, 0, sizeof _inv);
  memset(_rk, 0, sizeof _rk);
}

// Product in GF(2^8) modulo x^8 + x^4 + x^3 + x + 1, shift-and-add.
uint8_t UDPCtsCipher::gf_mul(uint8_t a, uint8_t b) {
  uint8_t r = 0;
  while (b) {
    if (b & 1)
      r ^= a;
    a = (uint8_t)((a << 1) ^ ((a & 0x80) ? 0x1b : 0));
    b >>= 1;
  }
  return r;
}

// S(x) = A * x^254 + 0x63 and its inverse permutation.
void UDPCtsCipher::build_sboxes() {
  for (int x = 0; x < 256; x++) {
    // x^254 = x^-1 (0 -> 0): square-and-multiply over the bits of 254
    uint8_t acc = 1, base = (uint8_t)x;
    for (int e = 254; e; e >>= 1) {
      if (e & 1)
        acc = gf_mul(acc, base);
      base = gf_mul(base, base);
    }
    uint8_t y = 0;
    for (int bit = 0; bit < 8; bit++) {
      int v = ((acc >> bit) ^ (acc >> ((bit + 4) & 7)) ^
               (acc >> ((bit + 5) & 7)) ^ (acc >> ((bit + 6) & 7)) ^
               (acc >> ((bit + 7) & 7)) ^ (0x63 >> bit)) & 1;
      y |= (uint8_t)(v << bit);
    }
    _fwd[x] = y;
    _inv[y] = (uint8_t)x;
  }
}

uint32_t UDPCtsCipher::sub_word(uint32_t w) const {
  return (uint32_t)_fwd[w & 0xff] | (uint32_t)_fwd[(w >> 8) & 0xff] << 8 |
         (uint32_t)_fwd[(w >> 16) & 0xff] << 16 |
         (uint32_t)_fwd[w >> 24] << 24;
}

// FIPS-197 key expansion on little-endian-packed words.
void UDPCtsCipher::expand_key(const uint8_t *key, int len) {
  int nk = len / 4;
  _rounds = nk + 6;
  int total = 4 * (_rounds + 1);
  for (int i = 0; i < nk; i++)
    _rk[i] = (uint32_t)key[4 * i] | (uint32_t)key[4 * i + 1] << 8 |
             (uint32_t)key[4 * i + 2] << 16 | (uint32_t)key[4 * i + 3] << 24;
  uint32_t rcon = 1;
  for (int i = nk; i < total; i++) {
    uint32_t t = _rk[i - 1];
    if (i % nk == 0) {
      t = sub_word(col_rot(t, 1)) ^ rcon;
      rcon = col_xtime(rcon) & 0xff;
    } else if (nk > 6 && i % nk == 4) {
      t = sub_word(t);
    }
    _rk[i] = _rk[i - nk] ^ t;
  }
}

void UDPCtsCipher::encrypt_block(const uint8_t in[16], uint8_t out[16]) const {
  uint32_t s[4], t[4];
  for (int c = 0; c < 4; c++)
    s[c] = ((uint32_t)in[4 * c] | (uint32_t)in[4 * c + 1] << 8 |
            (uint32_t)in[4 * c + 2] << 16 | (uint32_t)in[4 * c + 3] << 24) ^
           _rk[c];
  for (int r = 1; r <= _rounds; r++) {
    for (int c = 0; c < 4; c++) {
      // ShiftRows: row i of column c comes from column c + i
      uint32_t m = (s[c] & 0x000000ffu) | (s[(c + 1) & 3] & 0x0000ff00u) |
                   (s[(c + 2) & 3] & 0x00ff0000u) |
                   (s[(c + 3) & 3] & 0xff000000u);
      t[c] = sub_word(m);
    }
    for (int c = 0; c < 4; c++) {
      uint32_t w = t[c];
      if (r != _rounds) {
        uint32_t r1 = col_rot(w, 1);
        w = col_xtime(w ^ r1) ^ r1 ^ col_rot(w, 2) ^ col_rot(w, 3);
      }
      s[c] = w ^ _rk[4 * r + c];
    }
  }
  for (int c = 0; c < 4; c++)
    for (int i = 0; i < 4; i++)
      out[4 * c + i] = (uint8_t)(s[c] >> (8 * i));
}

void UDPCtsCipher::decrypt_block(const uint8_t in[16], uint8_t out[16]) const {
  uint32_t s[4], t[4];
  for (int c = 0; c < 4; c++)
    s[c] = ((uint32_t)in[4 * c] | (uint32_t)in[4 * c + 1] << 8 |
            (uint32_t)in[4 * c + 2] << 16 | (uint32_t)in[4 * c + 3] << 24) ^
           _rk[4 * _rounds + c];
  for (int r = _rounds - 1; r >= 0; r--) {
    for (int c = 0; c < 4; c++) {
      // InvShiftRows: row i of column c comes from column c - i
      uint32_t m = (s[c] & 0x000000ffu) | (s[(c + 3) & 3] & 0x0000ff00u) |
                   (s[(c + 2) & 3] & 0x00ff0000u) |
                   (s[(c + 1) & 3] & 0xff000000u);
      t[c] = (uint32_t)_inv[m & 0xff] | (uint32_t)_inv[(m >> 8) & 0xff] << 8 |
             (uint32_t)_inv[(m >> 16) & 0xff] << 16 |
             (uint32_t)_inv[m >> 24] << 24;
    }
    for (int c = 0; c < 4; c++) {
      uint32_t w = t[c] ^ _rk[4 * r + c];
      if (r != 0) {
        // InvMixColumns = MixColumns after adding 4*(a_i ^ a_{i+2})
        w ^= col_xtime(col_xtime(w ^ col_rot(w, 2)));
        uint32_t r1 = col_rot(w, 1);
        w = col_xtime(w ^ r1) ^ r1 ^ col_rot(w, 2) ^ col_rot(w, 3);
      }
      s[c] = w;
    }
  }
  for (int c = 0; c < 4; c++)
    for (int i = 0; i < 4; i++)
      out[4 * c + i] = (uint8_t)(s[c] >> (8 * i));
}

// CBC-CS3 encryption of len >= 16 bytes in place.
void UDPCtsCipher::cts_encrypt(uint8_t *buf, uint32_t len,
                               const uint8_t iv[16]) const {
  uint8_t chain[16], x[16];
  memcpy(chain, iv, 16);
  uint32_t nblocks = (len + 15) / 16;
  uint32_t tail = len - 16 * (nblocks - 1); // 1..16 bytes in the last block
  // all blocks but the last: ordinary CBC
  for (uint32_t b = 0; b + 1 < nblocks; b++) {
    for (int i = 0; i < 16; i++)
      x[i] = buf[16 * b + i] ^ chain[i];
    encrypt_block(x, chain);
    memcpy(buf + 16 * b, chain, 16);
  }
  if (nblocks == 1) {
    for (int i = 0; i < 16; i++)
      x[i] = buf[i] ^ chain[i];
    encrypt_block(x, buf);
    return;
  }
  // last (zero-padded) block chained on C[n-1]; then swap, truncating C[n-1]
  uint8_t *prev = buf + 16 * (nblocks - 2);
  uint8_t *last = buf + 16 * (nblocks - 1);
  for (uint32_t i = 0; i < 16; i++)
    x[i] = (i < tail ? last[i] : 0) ^ chain[i];
  uint8_t cn[16];
  encrypt_block(x, cn);
  memcpy(last, chain, tail);
  memcpy(prev, cn, 16);
}

void UDPCtsCipher::cts_decrypt(uint8_t *buf, uint32_t len,
                               const uint8_t iv[16]) const {
  uint8_t chain[16], x[16], save[16];
  memcpy(chain, iv, 16);
  uint32_t nblocks = (len + 15) / 16;
  uint32_t tail = len - 16 * (nblocks - 1);
  if (nblocks == 1) {
    decrypt_block(buf, x);
    for (int i = 0; i < 16; i++)
      buf[i] = x[i] ^ chain[i];
    return;
  }
  for (uint32_t b = 0; b + 2 < nblocks; b++) {
    memcpy(save, buf + 16 * b, 16);
    decrypt_block(save, x);
    for (int i = 0; i < 16; i++)
      buf[16 * b + i] = x[i] ^ chain[i];
    memcpy(chain, save, 16);
  }
  uint8_t *prev = buf + 16 * (nblocks - 2); // holds C[n] (full block)
  uint8_t *last = buf + 16 * (nblocks - 1); // holds the head of C[n-1]
  uint8_t d[16], cprev[16];
  decrypt_block(prev, d);
  // rebuild C[n-1]: its head was sent, its remainder is D(C[n])'s remainder
  memcpy(cprev, last, tail);
  memcpy(cprev + tail, d + tail, 16 - tail);
  uint8_t plast[16];
  for (uint32_t i = 0; i < tail; i++)
    plast[i] = d[i] ^ cprev[i];
  decrypt_block(cprev, x);
  for (int i = 0; i < 16; i++)
    prev[i] = x[i] ^ chain[i];
  memcpy(last, plast, tail);
}

// Per-datagram IV: the block cipher applied to the flow identifiers.
void UDPCtsCipher::packet_iv(const click_ip *iph, const click_udp *udph,
                             uint8_t iv[16]) const {
  uint8_t seed[16];
  memcpy(seed, &iph->ip_src, 4);
  memcpy(seed + 4, &iph->ip_dst, 4);
  memcpy(seed + 8, &udph->uh_sport, 2);
  memcpy(seed + 10, &udph->uh_dport, 2);
  memcpy(seed + 12, &iph->ip_id, 2);
  seed[14] = seed[15] = 0;
  encrypt_block(seed, iv);
}

static int nibble(char c) {
  if (c >= '0' && c <= '9')
    return c - '0';
  c = (char)(c | 0x20);
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  return -1;
}

int UDPCtsCipher::configure(Vector<String> &conf, ErrorHandler *errh) {
  String key;
  bool decrypt = false;
  if (Args(conf, this, errh)
          .read_mp("KEY", key)
          .read("DECRYPT", decrypt)
          .complete() < 0)
    return -1;
  int n = key.length() / 2;
  if (key.length() % 2 || (n != 16 && n != 24 && n != 32))
    return errh->error("KEY must be 32, 48 or 64 hex digits");
  uint8_t raw[32];
  for (int i = 0; i < n; i++) {
    int hi = nibble(key[2 * i]), lo = nibble(key[2 * i + 1]);
    if (hi < 0 || lo < 0)
      return errh->error("KEY must be hexadecimal");
    raw[i] = (uint8_t)(hi << 4 | lo);
  }
  build_sboxes();
  expand_key(raw, n);
  memset(raw, 0, sizeof raw);
  _decrypt = decrypt;
  return 0;
}

void UDPCtsCipher::push(int, Packet *p) {
  const click_ip *iph = p->ip_header();
  uint32_t off = 0, ulen = 0;
  bool ok = p->has_network_header() && iph->ip_p == IP_PROTO_UDP &&
            !IP_ISFRAG(iph);
  if (ok) {
    off = p->network_header_offset() + (iph->ip_hl << 2);
    ok = p->length() >= off + sizeof(click_udp);
  }
  if (ok) {
    ulen = ntohs(p->udp_header()->uh_ulen);
    ok = ulen >= sizeof(click_udp) + 16 && off + ulen <= p->length();
  }
  if (!ok) {
    _short++;
    checked_output_push(noutputs() > 1 ? 1 : 0, p);
    return;
  }
  WritablePacket *q = p->uniqueify();
  if (!q)
    return;
  uint8_t iv[16];
  packet_iv(q->ip_header(), q->udp_header(), iv);
  uint8_t *payload = q->data() + off + sizeof(click_udp);
  uint32_t plen = ulen - sizeof(click_udp);
  if (_decrypt)
    cts_decrypt(payload, plen, iv);
  else
    cts_encrypt(payload, plen, iv);
  q->udp_header()->uh_sum = 0;
  _done++;
  output(0).push(q);
}
