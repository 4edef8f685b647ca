// CmacTagger: authenticates the UDP payload of IPv4 packets with AES-128-CMAC
// (NIST SP 800-38B / RFC 4493). In SIGN mode the (optionally truncated) tag
// is appended to the payload; in VERIFY mode the trailing tag is checked and
// removed, and packets with a bad tag are dropped. IP total length, header
// checksum and UDP length are kept consistent; the UDP checksum is cleared.
//
// The AES S-box is built at configure time from GF(2^8) logarithms (generator
// 0x03, modulus x^8+x^4+x^3+x+1) and the FIPS-197 affine map; the cipher
// works on a byte-wise 4x4 column-major state.
#include <click/config.h>
#include <click/args.hh>
#include <click/element.hh>
#include <click/error.hh>
#include <click/packet.hh>
#include <clicknet/ip.h>
#include <clicknet/udp.h>

class CmacTagger : public Element {
public:
  CmacTagger();
  const char *class_name() const override { return "CmacTagger"; }
  const char *port_count() const override { return PORTS_1_1; }
  int configure(Vector<String> &conf, ErrorHandler *errh) override;
  Packet *simple_action(Packet *p) override;

private:
  uint8_t _sbox[256];
  uint8_t _rk[176];      // 11 round keys
  uint8_t _k1[16], _k2[16];
  unsigned _taglen;
  bool _verify;
  uint64_t _signed, _verified, _rejected, _skipped;

  void build_sbox();
  void expand_key(const uint8_t key[16]);
  void encrypt_block(const uint8_t in[16], uint8_t out[16]) const;
  void derive_subkeys();
  void cmac(const uint8_t *msg, uint32_t len, uint8_t tag[16]) const;
  static void fix_lengths(unsigned char *ip, int delta);
};

CmacTagger::CmacTagger()
    : _taglen(16), _verify(false), _signed(0), _verified(0), _rejected(0),
      _skipped(0) {
  memset(_sbox, 0, sizeof _sbox);
  memset(_rk, 0, sizeof _rk);
  memset(_k1, 0, sizeof _k1);
  memset(_k2, 0, sizeof _k2);
}

static int cmt_hexval(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// S(x) = affine(x^-1), inverse via log/antilog tables of generator 3.
void CmacTagger::build_sbox() {
  uint8_t antilog[255], logt[256];
  uint8_t g = 1;
  for (int i = 0; i < 255; i++) {
    antilog[i] = g;
    logt[g] = (uint8_t)i;
    uint8_t dbl = (uint8_t)((g << 1) ^ ((g & 0x80) ? 0x1b : 0));
    g = (uint8_t)(g ^ dbl);  // g * 3
  }
  for (int x = 0; x < 256; x++) {
    uint8_t inv = x ? antilog[(255 - logt[x]) % 255] : 0;
    uint8_t s = inv;
    for (int r = 1; r <= 4; r++)
      s ^= (uint8_t)((inv << r) | (inv >> (8 - r)));
    _sbox[x] = (uint8_t)(s ^ 0x63);
  }
}

void CmacTagger::expand_key(const uint8_t key[16]) {
  memcpy(_rk, key, 16);
  uint8_t rcon = 1;
  for (int i = 16; i < 176; i += 4) {
    uint8_t t0 = _rk[i - 4], t1 = _rk[i - 3], t2 = _rk[i - 2], t3 = _rk[i - 1];
    if (i % 16 == 0) {
      uint8_t r = t0;
      t0 = (uint8_t)(_sbox[t1] ^ rcon);
      t1 = _sbox[t2];
      t2 = _sbox[t3];
      t3 = _sbox[r];
      rcon = (uint8_t)((rcon << 1) ^ ((rcon & 0x80) ? 0x1b : 0));
    }
    _rk[i] = (uint8_t)(_rk[i - 16] ^ t0);
    _rk[i + 1] = (uint8_t)(_rk[i - 15] ^ t1);
    _rk[i + 2] = (uint8_t)(_rk[i - 14] ^ t2);
    _rk[i + 3] = (uint8_t)(_rk[i - 13] ^ t3);
  }
}

void CmacTagger::encrypt_block(const uint8_t in[16], uint8_t out[16]) const {
  uint8_t st[16], tmp[16];
  for (int i = 0; i < 16; i++) st[i] = (uint8_t)(in[i] ^ _rk[i]);
  for (int round = 1; round <= 10; round++) {
    // SubBytes + ShiftRows: row r of column c comes from column c + r.
    for (int c = 0; c < 4; c++)
      for (int r = 0; r < 4; r++)
        tmp[4 * c + r] = _sbox[st[4 * ((c + r) & 3) + r]];
    if (round != 10) {
      for (int c = 0; c < 4; c++) {
        uint8_t *col = tmp + 4 * c;
        uint8_t a0 = col[0], a1 = col[1], a2 = col[2], a3 = col[3];
        uint8_t all = (uint8_t)(a0 ^ a1 ^ a2 ^ a3);
        uint8_t x01 = (uint8_t)(a0 ^ a1), x12 = (uint8_t)(a1 ^ a2);
        uint8_t x23 = (uint8_t)(a2 ^ a3), x30 = (uint8_t)(a3 ^ a0);
        x01 = (uint8_t)((x01 << 1) ^ ((x01 & 0x80) ? 0x1b : 0));
        x12 = (uint8_t)((x12 << 1) ^ ((x12 & 0x80) ? 0x1b : 0));
        x23 = (uint8_t)((x23 << 1) ^ ((x23 & 0x80) ? 0x1b : 0));
        x30 = (uint8_t)((x30 << 1) ^ ((x30 & 0x80) ? 0x1b : 0));
        col[0] = (uint8_t)(a0 ^ all ^ x01);
        col[1] = (uint8_t)(a1 ^ all ^ x12);
        col[2] = (uint8_t)(a2 ^ all ^ x23);
        col[3] = (uint8_t)(a3 ^ all ^ x30);
      }
    }
    for (int i = 0; i < 16; i++) st[i] = (uint8_t)(tmp[i] ^ _rk[16 * round + i]);
  }
  memcpy(out, st, 16);
}

// K1 = dbl(E_K(0)), K2 = dbl(K1) in GF(2^128) with R = 0x87.
void CmacTagger::derive_subkeys() {
  uint8_t zero[16], L[16];
  memset(zero, 0, 16);
  encrypt_block(zero, L);
  uint8_t *dst[2] = {_k1, _k2};
  const uint8_t *src = L;
  for (int k = 0; k < 2; k++) {
    uint8_t carry = (uint8_t)(src[0] >> 7);
    for (int i = 0; i < 15; i++)
      dst[k][i] = (uint8_t)((src[i] << 1) | (src[i + 1] >> 7));
    dst[k][15] = (uint8_t)(src[15] << 1);
    if (carry) dst[k][15] ^= 0x87;
    src = dst[k];
  }
}

void CmacTagger::cmac(const uint8_t *msg, uint32_t len, uint8_t tag[16]) const {
  uint8_t x[16], last[16];
  memset(x, 0, 16);
  uint32_t nblocks = len == 0 ? 1 : (len + 15) / 16;
  bool whole = len != 0 && len % 16 == 0;
  for (uint32_t b = 0; b + 1 < nblocks; b++) {
    for (int i = 0; i < 16; i++) x[i] ^= msg[16 * b + i];
    encrypt_block(x, x);
  }
  uint32_t off = 16 * (nblocks - 1), rem = len - off;
  for (uint32_t i = 0; i < 16; i++) {
    uint8_t m = i < rem ? msg[off + i] : (i == rem ? 0x80 : 0);
    last[i] = (uint8_t)(m ^ (whole ? _k1[i] : _k2[i]));
  }
  for (int i = 0; i < 16; i++) x[i] ^= last[i];
  encrypt_block(x, tag);
}

int CmacTagger::configure(Vector<String> &conf, ErrorHandler *errh) {
  String key, mode = "SIGN";
  int taglen = 16;
  if (Args(conf, this, errh)
          .read_mp("KEY", key)
          .read("MODE", mode)
          .read("TAGLEN", BoundedIntArg(4, 16), taglen)
          .complete() < 0)
    return -1;
  if (key.length() != 32) return errh->error("KEY must be 32 hex digits");
  uint8_t k[16];
  for (int i = 0; i < 16; i++) {
    int hi = cmt_hexval(key[2 * i]), lo = cmt_hexval(key[2 * i + 1]);
    if (hi < 0 || lo < 0) return errh->error("KEY must be hexadecimal");
    k[i] = (uint8_t)(hi << 4 | lo);
  }
  if (mode == "SIGN") _verify = false;
  else if (mode == "VERIFY") _verify = true;
  else return errh->error("MODE must be SIGN or VERIFY");
  _taglen = (unsigned)taglen;
  build_sbox();
  expand_key(k);
  derive_subkeys();
  return 0;
}

// Adds delta to IP total length and UDP length; recomputes the IP checksum.
void CmacTagger::fix_lengths(unsigned char *ip, int delta) {
  click_ip *iph = reinterpret_cast<click_ip *>(ip);
  click_udp *udph = reinterpret_cast<click_udp *>(ip + iph->ip_hl * 4);
  iph->ip_len = htons((uint16_t)(ntohs(iph->ip_len) + delta));
  udph->uh_ulen = htons((uint16_t)(ntohs(udph->uh_ulen) + delta));
  udph->uh_sum = 0;
  iph->ip_sum = 0;
  iph->ip_sum = click_in_cksum(ip, iph->ip_hl * 4);
}

Packet *CmacTagger::simple_action(Packet *p) {
  if (p->length() < sizeof(click_ip)) { _skipped++; return p; }
  const click_ip *iph = reinterpret_cast<const click_ip *>(p->data());
  uint32_t hl = iph->ip_hl * 4;
  if (iph->ip_v != 4 || iph->ip_p != IP_PROTO_UDP || hl < 20 ||
      p->length() < hl + sizeof(click_udp) || ntohs(iph->ip_len) != p->length()) {
    _skipped++;
    return p;
  }
  uint32_t pay_off = hl + sizeof(click_udp);
  uint32_t pay_len = p->length() - pay_off;
  uint8_t tag[16];

  if (!_verify) {
    if (p->length() + _taglen > 0xFFFF) { _skipped++; return p; }
    WritablePacket *q = p->put(_taglen);
    if (!q) return nullptr;
    cmac(q->data() + pay_off, pay_len, tag);
    memcpy(q->data() + pay_off + pay_len, tag, _taglen);
    fix_lengths(q->data(), (int)_taglen);
    _signed++;
    return q;
  }

  if (pay_len < _taglen) { _rejected++; p->kill(); return nullptr; }
  uint32_t body = pay_len - _taglen;
  cmac(p->data() + pay_off, body, tag);
  uint8_t diff = 0;
  const uint8_t *got = p->data() + pay_off + body;
  for (unsigned i = 0; i < _taglen; i++) diff |= (uint8_t)(tag[i] ^ got[i]);
  if (diff) { _rejected++; p->kill(); return nullptr; }
  WritablePacket *q = p->uniqueify();
  if (!q) return nullptr;
  q->take(_taglen);
  fix_lengths(q->data(), -(int)_taglen);
  _verified++;
  return q;
}

EXPORT_ELEMENT(CmacTagger)
