// CcmUdpSeal: AES-128-CCM (RFC 3610 / NIST SP 800-38C) protection of UDP
// payloads in IPv4 packets, as a Click element.
//
// Input packets start at the IPv4 header. In SEAL mode the UDP payload P
// is replaced by  SEQ(8) || CCM-ciphertext(P) || TAG(M)  where SEQ is a
// per-element 64-bit counter; the 13-byte nonce is SALT(5) || SEQ and the
// associated data is ip_src || ip_dst || sport || dport || SEQ. OPEN mode
// checks and removes that framing (packets failing authentication are
// dropped). IP length, UDP length and the IP header checksum are updated;
// the UDP checksum is cleared.
//
// The AES S-box is not stored: configure() derives it from the definition
// (multiplicative inverse in GF(2^8) through exp/log tables of the
// generator 0x03, then the affine map), and the cipher runs on a 16-byte
// column-major state.
//
// Configuration: KEY (32 hex digits), SALT (10 hex digits),
//                TAGLEN (4..16, even; default 8), MODE (SEAL | OPEN).

#include <click/config.h>
#include <click/args.hh>
#include <click/element.hh>
#include <click/error.hh>
#include <click/glue.hh>
#include <click/packet.hh>
#include <clicknet/ip.h>
#include <clicknet/udp.h>
#include <string.h>

CLICK_DECLS

class CcmUdpSeal : public Element {
public:
  CcmUdpSeal();
  const char *class_name() const override { return "CcmUdpSeal"; }
  const char *port_count() const override { return PORTS_1_1; }
  int configure(Vector<String> &conf, ErrorHandler *errh) override;
  Packet *simple_action(Packet *p) override;

  enum { NONCE_LEN = 13, SEQ_LEN = 8, AAD_LEN = 20 };

private:
  uint8_t _sbox[256];
  uint8_t _rk[176];   // 11 round keys
  uint8_t _salt[5];
  unsigned _taglen;
  bool _open;
  uint64_t _seq;
  uint64_t _sealed, _opened, _rejected;

  void derive_sbox();
  void expand_key(const uint8_t key[16]);
  void encrypt_block(const uint8_t in[16], uint8_t out[16]) const;
  void cbc_mac(const uint8_t *nonce, const uint8_t *aad, unsigned aadlen,
               const uint8_t *msg, unsigned len, uint8_t tag[16]) const;
  void ctr_apply(const uint8_t *nonce, uint8_t *buf, unsigned len,
                 uint8_t s0[16]) const;
  void seal(const uint8_t *nonce, const uint8_t *aad, uint8_t *buf,
            unsigned len, uint8_t *tag_out) const;
  bool open(const uint8_t *nonce, const uint8_t *aad, uint8_t *buf,
            unsigned len, const uint8_t *tag_in) const;
  static int parse_hex(const String &s, uint8_t *out, int n);
  static void fix_headers(WritablePacket *q, unsigned iphl, int delta);
};

CcmUdpSeal::CcmUdpSeal()
    : _taglen(8), _open(false), _seq(0), _sealed(0), _opened(0),
      _rejected(0) {
  memset(_sbox, 0, sizeof _sbox);
  memset(_rk, 0, sizeof _rk);
  memset(_salt, 0, sizeof _salt);
}

int CcmUdpSeal::parse_hex(const String &s, uint8_t *out, int n) {
  if (s.length() != 2 * n)
    return -1;
  for (int i = 0; i < 2 * n; i++) {
    char c = s[i];
    int v = (c >= '0' && c <= '9')   ? c - '0'
            : (c >= 'a' && c <= 'f') ? c - 'a' + 10
            : (c >= 'A' && c <= 'F') ? c - 'A' + 10
                                     : -1;
    if (v < 0)
      return -1;
    if (i & 1)
      out[i >> 1] |= (uint8_t)v;
    else
      out[i >> 1] = (uint8_t)(v << 4);
  }
  return 0;
}

void CcmUdpSeal::derive_sbox() {
  uint8_t exp[256], log[256];
  uint8_t x = 1;
  for (int i = 0; i < 255; i++) {
    exp[i] = x;
    log[x] = (uint8_t)i;
    // x *= 3  (x ^ xtime(x))
    x = (uint8_t)(x ^ (x << 1) ^ ((x & 0x80) ? 0x1b : 0));
  }
  exp[255] = exp[0];
  log[0] = 0;
  for (int v = 0; v < 256; v++) {
    uint8_t inv = v ? exp[255 - log[v]] : 0;
    uint8_t s = inv;
    for (int r = 1; r <= 4; r++)
      s ^= (uint8_t)((inv << r) | (inv >> (8 - r)));
    _sbox[v] = (uint8_t)(s ^ 0x63);
  }
}

void CcmUdpSeal::expand_key(const uint8_t key[16]) {
  uint8_t rcon = 1;
  memcpy(_rk, key, 16);
  for (int i = 16; i < 176; i += 4) {
    uint8_t t0 = _rk[i - 4], t1 = _rk[i - 3], t2 = _rk[i - 2], t3 = _rk[i - 1];
    if ((i & 15) == 0) {
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

void CcmUdpSeal::encrypt_block(const uint8_t in[16], uint8_t out[16]) const {
  uint8_t st[16], tmp[16];
  for (int i = 0; i < 16; i++)
    st[i] = in[i] ^ _rk[i];
  for (int round = 1; round <= 10; round++) {
    // SubBytes + ShiftRows: byte (row r, column c) comes from column c+r
    for (int c = 0; c < 4; c++)
      for (int r = 0; r < 4; r++)
        tmp[4 * c + r] = _sbox[st[4 * ((c + r) & 3) + r]];
    if (round != 10) {
      for (int c = 0; c < 4; c++) {
        uint8_t *col = tmp + 4 * c;
        uint8_t a0 = col[0], a1 = col[1], a2 = col[2], a3 = col[3];
        uint8_t all = (uint8_t)(a0 ^ a1 ^ a2 ^ a3);
        uint8_t d01 = (uint8_t)(a0 ^ a1), d12 = (uint8_t)(a1 ^ a2);
        uint8_t d23 = (uint8_t)(a2 ^ a3), d30 = (uint8_t)(a3 ^ a0);
        col[0] = (uint8_t)(a0 ^ all ^ ((d01 << 1) ^ ((d01 & 0x80) ? 0x1b : 0)));
        col[1] = (uint8_t)(a1 ^ all ^ ((d12 << 1) ^ ((d12 & 0x80) ? 0x1b : 0)));
        col[2] = (uint8_t)(a2 ^ all ^ ((d23 << 1) ^ ((d23 & 0x80) ? 0x1b : 0)));
        col[3] = (uint8_t)(a3 ^ all ^ ((d30 << 1) ^ ((d30 & 0x80) ? 0x1b : 0)));
      }
    }
    for (int i = 0; i < 16; i++)
      st[i] = tmp[i] ^ _rk[16 * round + i];
  }
  memcpy(out, st, 16);
}

// CBC-MAC over B0 || encoded AAD || message (each zero padded to 16).
void CcmUdpSeal::cbc_mac(const uint8_t *nonce, const uint8_t *aad,
                         unsigned aadlen, const uint8_t *msg, unsigned len,
                         uint8_t tag[16]) const {
  uint8_t x[16];
  // B0: flags = Adata | M' << 3 | L' with L = 2
  x[0] = (uint8_t)((aadlen ? 0x40 : 0) | (((_taglen - 2) / 2) << 3) | 1);
  memcpy(x + 1, nonce, NONCE_LEN);
  x[14] = (uint8_t)(len >> 8);
  x[15] = (uint8_t)len;
  encrypt_block(x, x);

  if (aadlen) {
    // 2-byte length prefix (aadlen < 0xff00), then the data
    unsigned pos = 2, i = 0;
    x[0] ^= (uint8_t)(aadlen >> 8);
    x[1] ^= (uint8_t)aadlen;
    while (i < aadlen) {
      x[pos++] ^= aad[i++];
      if (pos == 16) {
        encrypt_block(x, x);
        pos = 0;
      }
    }
    if (pos)
      encrypt_block(x, x);
  }
  for (unsigned off = 0; off < len; off += 16) {
    unsigned n = len - off < 16 ? len - off : 16;
    for (unsigned i = 0; i < n; i++)
      x[i] ^= msg[off + i];
    encrypt_block(x, x);
  }
  memcpy(tag, x, 16);
}

// XOR the counter-mode stream A1, A2, ... into buf; S0 = E(A0) returned.
void CcmUdpSeal::ctr_apply(const uint8_t *nonce, uint8_t *buf, unsigned len,
                           uint8_t s0[16]) const {
  uint8_t a[16], s[16];
  a[0] = 1; // L' = L - 1
  memcpy(a + 1, nonce, NONCE_LEN);
  a[14] = a[15] = 0;
  encrypt_block(a, s0);
  unsigned ctr = 1;
  for (unsigned off = 0; off < len; off += 16, ctr++) {
    a[14] = (uint8_t)(ctr >> 8);
    a[15] = (uint8_t)ctr;
    encrypt_block(a, s);
    unsigned n = len - off < 16 ? len - off : 16;
    for (unsigned i = 0; i < n; i++)
      buf[off + i] ^= s[i];
  }
}

void CcmUdpSeal::seal(const uint8_t *nonce, const uint8_t *aad, uint8_t *buf,
                      unsigned len, uint8_t *tag_out) const {
  uint8_t t[16], s0[16];
  cbc_mac(nonce, aad, AAD_LEN, buf, len, t);
  ctr_apply(nonce, buf, len, s0);
  for (unsigned i = 0; i < _taglen; i++)
    tag_out[i] = t[i] ^ s0[i];
}

bool CcmUdpSeal::open(const uint8_t *nonce, const uint8_t *aad, uint8_t *buf,
                      unsigned len, const uint8_t *tag_in) const {
  uint8_t t[16], s0[16];
  ctr_apply(nonce, buf, len, s0);
  cbc_mac(nonce, aad, AAD_LEN, buf, len, t);
  uint8_t diff = 0;
  for (unsigned i = 0; i < _taglen; i++)
    diff |= (uint8_t)(t[i] ^ s0[i] ^ tag_in[i]);
  return diff == 0;
}

void CcmUdpSeal::fix_headers(WritablePacket *q, unsigned iphl, int delta) {
  click_ip *ip = reinterpret_cast<click_ip *>(q->data());
  click_udp *udp = reinterpret_cast<click_udp *>(q->data() + iphl);
  ip->ip_len = htons((uint16_t)(ntohs(ip->ip_len) + delta));
  udp->uh_ulen = htons((uint16_t)(ntohs(udp->uh_ulen) + delta));
  udp->uh_sum = 0;
  ip->ip_sum = 0;
  ip->ip_sum = click_in_cksum(q->data(), (int)iphl);
}

int CcmUdpSeal::configure(Vector<String> &conf, ErrorHandler *errh) {
  String key, salt, mode = "SEAL";
  int taglen = 8;
  if (Args(conf, this, errh)
          .read_mp("KEY", key)
          .read_mp("SALT", salt)
          .read("TAGLEN", BoundedIntArg(4, 16), taglen)
          .read("MODE", mode)
          .complete() < 0)
    return -1;
  uint8_t k[16];
  if (parse_hex(key, k, 16) < 0)
    return errh->error("KEY must be 32 hex digits");
  if (parse_hex(salt, _salt, 5) < 0)
    return errh->error("SALT must be 10 hex digits");
  if (taglen & 1)
    return errh->error("TAGLEN must be even");
  if (mode == "SEAL")
    _open = false;
  else if (mode == "OPEN")
    _open = true;
  else
    return errh->error("MODE must be SEAL or OPEN");
  _taglen = (unsigned)taglen;
  derive_sbox();
  expand_key(k);
  memset(k, 0, sizeof k);
  return 0;
}

Packet *CcmUdpSeal::simple_action(Packet *p) {
  if (p->length() < sizeof(click_ip) + sizeof(click_udp)) {
    p->kill();
    return nullptr;
  }
  const click_ip *ip = reinterpret_cast<const click_ip *>(p->data());
  unsigned iphl = ip->ip_hl * 4u;
  if (ip->ip_v != 4 || ip->ip_p != IP_PROTO_UDP || iphl < sizeof(click_ip) ||
      ntohs(ip->ip_len) != p->length() ||
      p->length() < iphl + sizeof(click_udp) || IP_ISFRAG(ip))
    return p;

  unsigned hdr = iphl + sizeof(click_udp);
  unsigned payload = p->length() - hdr;
  uint8_t nonce[NONCE_LEN], aad[AAD_LEN];
  memcpy(aad, p->data() + 12, 8);        // ip_src, ip_dst
  memcpy(aad + 8, p->data() + iphl, 4);  // ports
  memcpy(nonce, _salt, 5);

  if (!_open) {
    if (payload + SEQ_LEN + _taglen > 0xff00) {
      p->kill();
      return nullptr;
    }
    WritablePacket *q = p->put(SEQ_LEN + _taglen);
    if (!q)
      return nullptr;
    uint8_t *body = q->data() + hdr;
    memmove(body + SEQ_LEN, body, payload);
    uint64_t seq = _seq++;
    for (int i = 0; i < SEQ_LEN; i++)
      body[i] = (uint8_t)(seq >> (56 - 8 * i));
    memcpy(nonce + 5, body, SEQ_LEN);
    memcpy(aad + 12, body, SEQ_LEN);
    seal(nonce, aad, body + SEQ_LEN, payload, body + SEQ_LEN + payload);
    fix_headers(q, iphl, (int)(SEQ_LEN + _taglen));
    _sealed++;
    return q;
  }

  if (payload < SEQ_LEN + _taglen) {
    _rejected++;
    p->kill();
    return nullptr;
  }
  WritablePacket *q = p->uniqueify();
  if (!q)
    return nullptr;
  uint8_t *body = q->data() + hdr;
  unsigned clen = payload - SEQ_LEN - _taglen;
  memcpy(nonce + 5, body, SEQ_LEN);
  memcpy(aad + 12, body, SEQ_LEN);
  if (!open(nonce, aad, body + SEQ_LEN, clen, body + SEQ_LEN + clen)) {
    _rejected++;
    q->kill();
    return nullptr;
  }
  memmove(body, body + SEQ_LEN, clen);
  q->take(SEQ_LEN + _taglen);
  fix_headers(q, iphl, -(int)(SEQ_LEN + _taglen));
  _opened++;
  return q;
}

CLICK_ENDDECLS
EXPORT_ELEMENT(CcmUdpSeal)
