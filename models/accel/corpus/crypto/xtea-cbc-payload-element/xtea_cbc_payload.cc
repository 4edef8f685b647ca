// XteaCbcPayload -- encrypts or decrypts the TCP/UDP payload of IPv4
// packets with XTEA (Needham & Wheeler, "Tea extensions", 1997) in CBC mode.
//
// XTEA: 64-bit block as two big-endian 32-bit halves (v0, v1), 128-bit key
// as four big-endian words, NCYCLES Feistel cycles (default 32, i.e. 64
// rounds), delta = 0x9E3779B9 = floor(2^32 / golden ratio); each half-round
// picks the key word from the low bits of sum (first half) or sum >> 11.
//
// Per packet the IV is E_K(ip_src ^ ip_dst, ip_id << 16 | ip_p): every
// field an IP router leaves alone. Whole 8-byte blocks are chained in CBC;
// a final partial block (1..7 bytes) is XORed with E_K(last ciphertext
// block) ("residual block termination"), so the length never changes. The
// transport checksum is recomputed afterwards.
//
// Ports: input 0; output 0 gets processed packets, output 1 (if connected)
// everything that is not an unfragmented IPv4 TCP/UDP packet.
//
// Keywords: KEY (32 hex digits), DECRYPT (bool, default false),
//           CYCLES (8..64, default 32).

#include <click/config.h>
#include <click/args.hh>
#include <click/element.hh>
#include <click/error.hh>
#include <click/glue.hh>
#include <click/packet.hh>
#include <clicknet/ip.h>
#include <clicknet/tcp.h>
#include <clicknet/udp.h>

CLICK_DECLS

namespace {
const uint32_t kGoldenDelta = 0x9E3779B9u;

inline uint32_t load_be32(const unsigned char *p) {
  return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 |
         (uint32_t)p[3];
}
inline void store_be32(unsigned char *p, uint32_t v) {
  p[0] = (unsigned char)(v >> 24);
  p[1] = (unsigned char)(v >> 16);
  p[2] = (unsigned char)(v >> 8);
  p[3] = (unsigned char)v;
}
} // namespace

class XteaCbcPayload : public Element {
public:
  XteaCbcPayload() : _cycles(32), _decrypt(false), _done(0), _passed(0) {
    _k[0] = _k[1] = _k[2] = _k[3] = 0;
  }

  const char *class_name() const override { return "XteaCbcPayload"; }
  const char *port_count() const override { return "1/1-2"; }
  const char *processing() const override { return PUSH; }

  int configure(Vector<String> &conf, ErrorHandler *errh) override;
  void push(int port, Packet *p) override;

  void encipher(uint32_t &v0, uint32_t &v1) const;
  void decipher(uint32_t &v0, uint32_t &v1) const;
  void cbc_forward(unsigned char *buf, unsigned len, uint32_t iv0,
                   uint32_t iv1) const;
  void cbc_backward(unsigned char *buf, unsigned len, uint32_t iv0,
                    uint32_t iv1) const;

private:
  uint32_t _k[4];
  unsigned _cycles;
  bool _decrypt;
  uint64_t _done, _passed;

  static int locate_payload(const Packet *p, unsigned &l4off, unsigned &off);
  static void refresh_checksum(WritablePacket *q, unsigned l4off);
};

void XteaCbcPayload::encipher(uint32_t &v0, uint32_t &v1) const {
  uint32_t a = v0, b = v1, sum = 0;
  for (unsigned i = 0; i < _cycles; i++) {
    a += (((b << 4) ^ (b >> 5)) + b) ^ (sum + _k[sum & 3]);
    sum += kGoldenDelta;
    b += (((a << 4) ^ (a >> 5)) + a) ^ (sum + _k[(sum >> 11) & 3]);
  }
  v0 = a;
  v1 = b;
}

void XteaCbcPayload::decipher(uint32_t &v0, uint32_t &v1) const {
  uint32_t a = v0, b = v1, sum = kGoldenDelta * _cycles;
  for (unsigned i = 0; i < _cycles; i++) {
    b -= (((a << 4) ^ (a >> 5)) + a) ^ (sum + _k[(sum >> 11) & 3]);
    sum -= kGoldenDelta;
    a -= (((b << 4) ^ (b >> 5)) + b) ^ (sum + _k[sum & 3]);
  }
  v0 = a;
  v1 = b;
}

// CBC encryption with residual block termination, in place.
void XteaCbcPayload::cbc_forward(unsigned char *buf, unsigned len,
                                 uint32_t iv0, uint32_t iv1) const {
  uint32_t c0 = iv0, c1 = iv1;
  unsigned off = 0;
  for (; off + 8 <= len; off += 8) {
    c0 ^= load_be32(buf + off);
    c1 ^= load_be32(buf + off + 4);
    encipher(c0, c1);
    store_be32(buf + off, c0);
    store_be32(buf + off + 4, c1);
  }
  if (off < len) {
    unsigned char ks[8];
    encipher(c0, c1);
    store_be32(ks, c0);
    store_be32(ks + 4, c1);
    for (unsigned i = 0; off + i < len; i++)
      buf[off + i] ^= ks[i];
  }
}

void XteaCbcPayload::cbc_backward(unsigned char *buf, unsigned len,
                                  uint32_t iv0, uint32_t iv1) const {
  uint32_t prev0 = iv0, prev1 = iv1;
  unsigned off = 0;
  for (; off + 8 <= len; off += 8) {
    uint32_t x0 = load_be32(buf + off), x1 = load_be32(buf + off + 4);
    uint32_t keep0 = x0, keep1 = x1;
    decipher(x0, x1);
    store_be32(buf + off, x0 ^ prev0);
    store_be32(buf + off + 4, x1 ^ prev1);
    prev0 = keep0;
    prev1 = keep1;
  }
  if (off < len) {
    unsigned char ks[8];
    encipher(prev0, prev1);
    store_be32(ks, prev0);
    store_be32(ks + 4, prev1);
    for (unsigned i = 0; off + i < len; i++)
      buf[off + i] ^= ks[i];
  }
}

int XteaCbcPayload::configure(Vector<String> &conf, ErrorHandler *errh) {
  String key;
  bool decrypt = false;
  int cycles = 32;
  if (Args(conf, this, errh)
          .read_mp("KEY", key)
          .read("DECRYPT", decrypt)
          .read("CYCLES", BoundedIntArg(8, 64), cycles)
          .complete() < 0)
    return -1;
  if (key.length() != 32)
    return errh->error("KEY must be 32 hex digits");
  for (int w = 0; w < 4; w++) {
    uint32_t v = 0;
    for (int i = 0; i < 8; i++) {
      char c = key[8 * w + i];
      int d;
      if (c >= '0' && c <= '9')
        d = c - '0';
      else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
        d = (c | 0x20) - 'a' + 10;
      else
        return errh->error("KEY must be hexadecimal");
      v = v << 4 | (uint32_t)d;
    }
    _k[w] = v;
  }
  _decrypt = decrypt;
  _cycles = (unsigned)cycles;
  return 0;
}

// Offsets of the transport header and of its payload, or -1.
int XteaCbcPayload::locate_payload(const Packet *p, unsigned &l4off,
                                   unsigned &off) {
  if (!p->has_network_header())
    return -1;
  const click_ip *iph = p->ip_header();
  unsigned nh = (unsigned)p->network_header_offset();
  if (p->length() < nh + sizeof(click_ip) || iph->ip_v != 4 ||
      IP_ISFRAG(iph))
    return -1;
  unsigned hl = iph->ip_hl << 2;
  unsigned total = ntohs(iph->ip_len);
  if (hl < sizeof(click_ip) || nh + total > p->length() || total < hl)
    return -1;
  l4off = nh + hl;
  const unsigned char *l4 = p->data() + l4off;
  if (iph->ip_p == IP_PROTO_UDP) {
    if (total < hl + sizeof(click_udp))
      return -1;
    off = l4off + sizeof(click_udp);
  } else if (iph->ip_p == IP_PROTO_TCP) {
    if (total < hl + 20)
      return -1;
    unsigned thl = (l4[12] >> 4) << 2;
    if (thl < 20 || total < hl + thl)
      return -1;
    off = l4off + thl;
  } else
    return -1;
  return (int)(nh + total - off);
}

void XteaCbcPayload::refresh_checksum(WritablePacket *q, unsigned l4off) {
  click_ip *iph = q->ip_header();
  unsigned len = ntohs(iph->ip_len) - (iph->ip_hl << 2);
  unsigned char *l4 = q->data() + l4off;
  unsigned sumoff = iph->ip_p == IP_PROTO_TCP ? 16 : 6;
  if (iph->ip_p == IP_PROTO_UDP && l4[6] == 0 && l4[7] == 0)
    return; // no UDP checksum in use
  l4[sumoff] = l4[sumoff + 1] = 0;
  uint16_t s = click_in_cksum(l4, (int)len);
  s = click_in_cksum_pseudohdr(s, iph, (int)len);
  if (iph->ip_p == IP_PROTO_UDP && s == 0)
    s = 0xFFFF;
  memcpy(l4 + sumoff, &s, 2);
}

void XteaCbcPayload::push(int, Packet *p) {
  unsigned l4off = 0, off = 0;
  int len = locate_payload(p, l4off, off);
  if (len < 0) {
    _passed++;
    checked_output_push(1, p);
    return;
  }
  WritablePacket *q = p->uniqueify();
  if (!q)
    return;
  const click_ip *iph = q->ip_header();
  uint32_t iv0 = ntohl(iph->ip_src.s_addr) ^ ntohl(iph->ip_dst.s_addr);
  uint32_t iv1 = (uint32_t)ntohs(iph->ip_id) << 16 | iph->ip_p;
  encipher(iv0, iv1);
  if (_decrypt)
    cbc_backward(q->data() + off, (unsigned)len, iv0, iv1);
  else
    cbc_forward(q->data() + off, (unsigned)len, iv0, iv1);
  refresh_checksum(q, l4off);
  _done++;
  output(0).push(q);
}

CLICK_ENDDECLS
EXPORT_ELEMENT(XteaCbcPayload)
