// UDPRmdIcv: appends or checks a 96-bit HMAC-RIPEMD-160 integrity check value
// (the HMAC-RIPEMD-160-96 transform of RFC 2857) on UDP datagrams.
//
// The ICV covers a small pseudo-header (IP source and destination, UDP ports)
// followed by the UDP payload, and is carried as the last 12 bytes of the
// payload. MODE SIGN appends it and grows the UDP and IP lengths; MODE
// VERIFY recomputes it, drops datagrams whose ICV does not match and strips
// it from the good ones. The UDP checksum is cleared (allowed over IPv4) and
// the IP header checksum patched incrementally.
//
// RIPEMD-160 is written as the two parallel lines of the specification run
// step by step through one loop, with the word-selection and rotation tables
// of both lines and the boolean function picked per 16-step round.
#include <click/config.h>
#include <click/args.hh>
#include <click/clara.hh>
#include <click/element.hh>
#include <click/error.hh>
#include <click/glue.hh>
#include <click/packet.hh>
#include <clicknet/ip.h>
#include <clicknet/udp.h>

namespace {

const uint8_t kWordLeft[80] = {
    0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
    7, 4, 13, 1, 10, 6, 15, 3, 12, 0, 9, 5, 2, 14, 11, 8,
    3, 10, 14, 4, 9, 15, 8, 1, 2, 7, 0, 6, 13, 11, 5, 12,
    1, 9, 11, 10, 0, 8, 12, 4, 13, 3, 7, 15, 14, 5, 6, 2,
    4, 0, 5, 9, 7, 12, 2, 10, 14, 1, 3, 8, 11, 6, 15, 13};
const uint8_t kWordRight[80] = {
    5, 14, 7, 0, 9, 2, 11, 4, 13, 6, 15, 8, 1, 10, 3, 12,
    6, 11, 3, 7, 0, 13, 5, 10, 14, 15, 8, 12, 4, 9, 1, 2,
    15, 5, 1, 3, 7, 14, 6, 9, 11, 8, 12, 2, 10, 0, 4, 13,
    8, 6, 4, 1, 3, 11, 15, 0, 5, 12, 2, 13, 9, 7, 10, 14,
    12, 15, 10, 4, 1, 5, 8, 7, 6, 2, 13, 14, 0, 3, 9, 11};
const uint8_t kRotLeft[80] = {
    11, 14, 15, 12, 5, 8, 7, 9, 11, 13, 14, 15, 6, 7, 9, 8,
    7, 6, 8, 13, 11, 9, 7, 15, 7, 12, 15, 9, 11, 7, 13, 12,
    11, 13, 6, 7, 14, 9, 13, 15, 14, 8, 13, 6, 5, 12, 7, 5,
    11, 12, 14, 15, 14, 15, 9, 8, 9, 14, 5, 6, 8, 6, 5, 12,
    9, 15, 5, 11, 6, 8, 13, 12, 5, 12, 13, 14, 11, 8, 5, 6};
const uint8_t kRotRight[80] = {
    8, 9, 9, 11, 13, 15, 15, 5, 7, 7, 8, 11, 14, 14, 12, 6,
    9, 13, 15, 7, 12, 8, 9, 11, 7, 7, 12, 7, 6, 15, 13, 11,
    9, 7, 15, 11, 8, 6, 6, 14, 12, 13, 5, 14, 13, 13, 7, 5,
    15, 5, 8, 11, 14, 14, 6, 14, 6, 9, 12, 9, 12, 5, 15, 8,
    8, 5, 12, 9, 12, 5, 14, 6, 8, 13, 6, 5, 15, 13, 11, 11};
const uint32_t kAddLeft[5] = {0x00000000u, 0x5a827999u, 0x6ed9eba1u,
                              0x8f1bbcdcu, 0xa953fd4eu};
const uint32_t kAddRight[5] = {0x50a28be6u, 0x5c4dd124u, 0x6d703ef3u,
                               0x7a6d76e9u, 0x00000000u};

enum { ICV_LEN = 12, RMD_BLOCK = 64, RMD_DIGEST = 20, PSEUDO_LEN = 12 };

struct RmdCtx {
  uint32_t h[5];
  uint64_t length; // bytes absorbed
  uint8_t tail[RMD_BLOCK];
  unsigned fill;
};

} // namespace

class UDPRmdIcv : public Element {
public:
  UDPRmdIcv();

  const char *class_name() const override { return "UDPRmdIcv"; }
  const char *port_count() const override { return PORTS_1_1; }

  int configure(Vector<String> &conf, ErrorHandler *errh) override;
  Packet *simple_action(Packet *p) override;

private:
  RmdCtx _inner; // state after the key XOR ipad block
  RmdCtx _outer; // state after the key XOR opad block
  bool _verify;
  uint64_t _signed;
  uint64_t _verified;
  uint64_t _rejected;
  uint64_t _skipped;

  static uint32_t select_f(int round, uint32_t x, uint32_t y, uint32_t z);
  static void rmd_compress(uint32_t h[5], const uint8_t *block);
  static void rmd_init(RmdCtx &c);
  static void rmd_update(RmdCtx &c, const uint8_t *data, uint32_t len);
  static void rmd_final(RmdCtx &c, uint8_t out[RMD_DIGEST]);
  void hmac_key(const uint8_t *key, int len);
  void compute_icv(const click_ip *iph, const click_udp *udph,
                   const uint8_t *payload, uint32_t len,
                   uint8_t icv[ICV_LEN]) const;
  static void set_lengths(WritablePacket *q, int delta);
};

UDPRmdIcv::UDPRmdIcv()
    : _verify(false), _signed(0), _verified(0), _rejected(0), _skipped(0) {
  rmd_init(_inner);
  rmd_init(_outer);
}

// The five boolean functions of RIPEMD-160, by round.
uint32_t UDPRmdIcv::select_f(int round, uint32_t x, uint32_t y, uint32_t z) {
  switch (round) {
  case 0:
    return x ^ y ^ z;
  case 1:
    return (x & y) | (~x & z);
  case 2:
    return (x | ~y) ^ z;
  case 3:
    return (x & z) | (y & ~z);
  default:
    return x ^ (y | ~z);
  }
}

// One 512-bit block: left and right lines advanced together, 80 steps.
void UDPRmdIcv::rmd_compress(uint32_t h[5], const uint8_t *block) {
  uint32_t x[16];
  for (int i = 0; i < 16; i++)
    x[i] = (uint32_t)block[4 * i] | (uint32_t)block[4 * i + 1] << 8 |
           (uint32_t)block[4 * i + 2] << 16 | (uint32_t)block[4 * i + 3] << 24;

  uint32_t l[5], r[5];
  for (int i = 0; i < 5; i++)
    l[i] = r[i] = h[i];

  for (int j = 0; j < 80; j++) {
    int round = j >> 4;
    uint32_t t = l[0] + select_f(round, l[1], l[2], l[3]) + x[kWordLeft[j]] +
                 kAddLeft[round];
    unsigned s = kRotLeft[j];
    t = ((t << s) | (t >> (32 - s))) + l[4];
    l[0] = l[4];
    l[4] = l[3];
    l[3] = (l[2] << 10) | (l[2] >> 22);
    l[2] = l[1];
    l[1] = t;

    t = r[0] + select_f(4 - round, r[1], r[2], r[3]) + x[kWordRight[j]] +
        kAddRight[round];
    s = kRotRight[j];
    t = ((t << s) | (t >> (32 - s))) + r[4];
    r[0] = r[4];
    r[4] = r[3];
    r[3] = (r[2] << 10) | (r[2] >> 22);
    r[2] = r[1];
    r[1] = t;
  }

  uint32_t t = h[1] + l[2] + r[3];
  h[1] = h[2] + l[3] + r[4];
  h[2] = h[3] + l[4] + r[0];
  h[3] = h[4] + l[0] + r[1];
  h[4] = h[0] + l[1] + r[2];
  h[0] = t;
}

void UDPRmdIcv::rmd_init(RmdCtx &c) {
  c.h[0] = 0x67452301u;
  c.h[1] = 0xefcdab89u;
  c.h[2] = 0x98badcfeu;
  c.h[3] = 0x10325476u;
  c.h[4] = 0xc3d2e1f0u;
  c.length = 0;
  c.fill = 0;
}

void UDPRmdIcv::rmd_update(RmdCtx &c, const uint8_t *data, uint32_t len) {
  c.length += len;
  for (uint32_t i = 0; i < len; i++) {
    c.tail[c.fill++] = data[i];
    if (c.fill == RMD_BLOCK) {
      rmd_compress(c.h, c.tail);
      c.fill = 0;
    }
  }
}

void UDPRmdIcv::rmd_final(RmdCtx &c, uint8_t out[RMD_DIGEST]) {
  uint64_t bits = c.length << 3;
  c.tail[c.fill++] = 0x80;
  if (c.fill > RMD_BLOCK - 8) {
    while (c.fill < RMD_BLOCK)
      c.tail[c.fill++] = 0;
    rmd_compress(c.h, c.tail);
    c.fill = 0;
  }
  while (c.fill < RMD_BLOCK - 8)
    c.tail[c.fill++] = 0;
  for (int i = 0; i < 8; i++)
    c.tail[RMD_BLOCK - 8 + i] = (uint8_t)(bits >> (8 * i));
  rmd_compress(c.h, c.tail);
  for (int i = 0; i < RMD_DIGEST; i++)
    out[i] = (uint8_t)(c.h[i >> 2] >> (8 * (i & 3)));
}

// HMAC key set-up (RFC 2104): hash a long key, then absorb key^ipad and
// key^opad once so that per-packet work starts from the saved states.
void UDPRmdIcv::hmac_key(const uint8_t *key, int len) {
  uint8_t k0[RMD_BLOCK];
  memset(k0, 0, sizeof k0);
  if (len > RMD_BLOCK) {
    RmdCtx t;
    rmd_init(t);
    rmd_update(t, key, (uint32_t)len);
    rmd_final(t, k0);
  } else {
    memcpy(k0, key, len);
  }
  uint8_t pad[RMD_BLOCK];
  for (int i = 0; i < RMD_BLOCK; i++)
    pad[i] = k0[i] ^ 0x36;
  rmd_init(_inner);
  rmd_update(_inner, pad, RMD_BLOCK);
  for (int i = 0; i < RMD_BLOCK; i++)
    pad[i] = k0[i] ^ 0x5c;
  rmd_init(_outer);
  rmd_update(_outer, pad, RMD_BLOCK);
  memset(k0, 0, sizeof k0);
}

// HMAC-RIPEMD-160 over pseudo-header || payload, truncated to 96 bits.
void UDPRmdIcv::compute_icv(const click_ip *iph, const click_udp *udph,
                            const uint8_t *payload, uint32_t len,
                            uint8_t icv[ICV_LEN]) const {
  uint8_t pseudo[PSEUDO_LEN];
  memcpy(pseudo, &iph->ip_src, 4);
  memcpy(pseudo + 4, &iph->ip_dst, 4);
  memcpy(pseudo + 8, &udph->uh_sport, 2);
  memcpy(pseudo + 10, &udph->uh_dport, 2);

  RmdCtx c = _inner;
  rmd_update(c, pseudo, PSEUDO_LEN);
  rmd_update(c, payload, len);
  uint8_t inner[RMD_DIGEST];
  rmd_final(c, inner);
  c = _outer;
  rmd_update(c, inner, RMD_DIGEST);
  uint8_t full[RMD_DIGEST];
  rmd_final(c, full);
  memcpy(icv, full, ICV_LEN);
}

static int hexval(char c) {
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

int UDPRmdIcv::configure(Vector<String> &conf, ErrorHandler *errh) {
  String key, mode = "SIGN";
  if (Args(conf, this, errh)
          .read_mp("KEY", key)
          .read("MODE", mode)
          .complete() < 0)
    return -1;
  if (key.length() == 0 || key.length() % 2 || key.length() > 512)
    return errh->error("KEY must be 2 to 512 hex digits");
  uint8_t raw[256];
  int n = key.length() / 2;
  for (int i = 0; i < n; i++) {
    int hi = hexval(key[2 * i]), lo = hexval(key[2 * i + 1]);
    if (hi < 0 || lo < 0)
      return errh->error("KEY must be hexadecimal");
    raw[i] = (uint8_t)(hi << 4 | lo);
  }
  if (mode == "SIGN")
    _verify = false;
  else if (mode == "VERIFY")
    _verify = true;
  else
    return errh->error("MODE must be SIGN or VERIFY");
  hmac_key(raw, n);
  memset(raw, 0, sizeof raw);
  return 0;
}

// Adds delta to the UDP and IP lengths; patches the IP checksum.
void UDPRmdIcv::set_lengths(WritablePacket *q, int delta) {
  click_ip *iph = q->ip_header();
  click_udp *udph = q->udp_header();
  uint16_t old_len = iph->ip_len;
  iph->ip_len = htons((uint16_t)(ntohs(old_len) + delta));
  click_update_in_cksum(&iph->ip_sum, old_len, iph->ip_len);
  udph->uh_ulen = htons((uint16_t)(ntohs(udph->uh_ulen) + delta));
  udph->uh_sum = 0;
}

Packet *UDPRmdIcv::simple_action(Packet *p) {
  const click_ip *iph = p->ip_header();
  if (!p->has_network_header() || iph->ip_p != IP_PROTO_UDP ||
      IP_ISFRAG(iph)) {
    _skipped++;
    return p;
  }
  uint32_t hl = iph->ip_hl << 2;
  uint32_t off = p->network_header_offset() + hl;
  if (p->length() < off + sizeof(click_udp)) {
    _skipped++;
    return p;
  }
  uint32_t udp_len = ntohs(p->udp_header()->uh_ulen);
  if (udp_len < sizeof(click_udp) || off + udp_len > p->length()) {
    _skipped++;
    return p;
  }
  uint32_t payload_len = udp_len - sizeof(click_udp);
  uint32_t payload_off = off + sizeof(click_udp);

  if (!_verify) {
    uint32_t trailing = p->length() - (off + udp_len);
    if (trailing)
      p->take(trailing); // drop link-layer padding beyond the datagram
    WritablePacket *q = p->put(ICV_LEN);
    if (!q)
      return nullptr;
    uint8_t *payload = q->data() + payload_off;
    compute_icv(q->ip_header(), q->udp_header(), payload, payload_len,
                payload + payload_len);
    set_lengths(q, ICV_LEN);
    _signed++;
    return q;
  }

  if (payload_len < ICV_LEN) {
    _rejected++;
    p->kill();
    return nullptr;
  }
  uint32_t body = payload_len - ICV_LEN;
  const uint8_t *payload = p->data() + payload_off;
  uint8_t icv[ICV_LEN];
  compute_icv(iph, p->udp_header(), payload, body, icv);
  uint8_t diff = 0;
  for (int i = 0; i < ICV_LEN; i++)
    diff |= icv[i] ^ payload[body + i];
  if (diff) {
    _rejected++;
    p->kill();
    return nullptr;
  }
  WritablePacket *q = p->uniqueify();
  if (!q)
    return nullptr;
  q->take(q->length() - (off + udp_len) + ICV_LEN);
  set_lengths(q, -ICV_LEN);
  _verified++;
  return q;
}

extern "C" Element *clara_nf_create(const char *config) {
  UDPRmdIcv *e = new UDPRmdIcv;
  String conf = config && *config
                    ? String(config)
                    : String("KEY 000102030405060708090a0b0c0d0e0f10111213");
  if (clara_element_setup(e, conf) < 0) {
    delete e;
    return nullptr;
  }
  return e;
}
