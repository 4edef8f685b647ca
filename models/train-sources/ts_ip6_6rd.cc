// Training source for the instruction models (models/README.md): a 6rd
// customer-edge tunnel (RFC 5969; 6to4 when the prefix is 2002::/16 with no
// common IPv4 bits): IPv6 packets for destinations inside the 6rd prefix are
// encapsulated in IPv4 (protocol 41) to the IPv4 address embedded in the
// destination, others go to the border relay; incoming protocol-41 packets
// are checked against the embedded source address (anti-spoofing) or the
// relay address and decapsulated. Written for training only; not part of
// the NF corpus.
#include <click/args.hh>
#include <click/clara.hh>
#include <click/config.h>
#include <click/element.hh>
#include <click/error.hh>
#include <click/packet.hh>
#include <click/packet_anno.hh>
#include <clicknet/ether.h>
#include <clicknet/ip.h>
#include <clicknet/ip6.h>

// Input: Ethernet frames. Output 0: IPv6 encapsulated in IPv4 (towards the
// IPv4 network); output 1: decapsulated IPv6; output 2: anything else and
// rejected packets (PAINT annotation says why).
class SixRDTunnel : public Element {
public:
  enum { ERR_NONE, ERR_SHORT, ERR_SPOOF, ERR_HLIM, ERR_FRAG, ERR_LOOP };

  SixRDTunnel()
      : _plen(16), _v4_masklen(0), _ttl(64), _ip_id(0), _encap(0), _decap(0),
        _to_relay(0) {
    memset(_prefix, 0, sizeof(_prefix));
    _prefix[0] = 0x20;
    _prefix[1] = 0x02;
    _local = IPAddress(htonl(0x0a000001)); // 10.0.0.1
    for (int i = 0; i < 6; ++i)
      _errors[i] = 0;
  }
  const char *class_name() const override { return "SixRDTunnel"; }
  const char *port_count() const override { return "1/3"; }
  const char *processing() const override { return PUSH; }

  int configure(Vector<String> &conf, ErrorHandler *errh) override {
    String prefix;
    if (Args(conf, this, errh)
            .read("PREFIX", prefix)
            .read("V4_MASKLEN", _v4_masklen)
            .read("LOCAL", _local)
            .read("RELAY", _relay)
            .read("TTL", _ttl)
            .complete() < 0)
      return -1;
    if (prefix) {
      const char *s = prefix.c_str();
      const char *slash = strchr(s, '/');
      if (!slash ||
          inet_pton(AF_INET6, prefix.substring(0, slash - s).c_str(),
                    _prefix) != 1)
        return errh->error("PREFIX: expected ADDR/LEN");
      _plen = atoi(slash + 1);
    }
    if (_v4_masklen > 32 || _plen + (32 - _v4_masklen) > 64)
      return errh->error("6rd delegated prefix longer than 64 bits");
    return 0;
  }

  void push(int port, Packet *p) override;

private:
  static uint32_t get_bits(const uint8_t *a, unsigned start, unsigned n);
  static bool prefix_match(const uint8_t *a, const uint8_t *prefix,
                           unsigned plen);
  bool embedded_v4(const uint8_t *a6, uint32_t *v4) const;
  void reject(Packet *p, int why) {
    _errors[why]++;
    SET_PAINT_ANNO(p, (uint8_t)why);
    checked_output_push(2, p);
  }
  void encap(Packet *p);
  void decap(Packet *p);

  uint8_t _prefix[16];
  unsigned _plen;
  unsigned _v4_masklen;
  IPAddress _local;
  IPAddress _relay;
  uint8_t _ttl;
  uint16_t _ip_id;
  uint64_t _encap, _decap, _to_relay;
  uint64_t _errors[6];
};

// n (<= 32) bits of the 128-bit address a starting at bit start.
uint32_t SixRDTunnel::get_bits(const uint8_t *a, unsigned start, unsigned n) {
  uint32_t v = 0;
  for (unsigned i = 0; i < n; ++i) {
    unsigned b = start + i;
    v = v << 1 | ((a[b >> 3] >> (7 - (b & 7))) & 1);
  }
  return v;
}

bool SixRDTunnel::prefix_match(const uint8_t *a, const uint8_t *prefix,
                               unsigned plen) {
  unsigned bytes = plen >> 3;
  if (memcmp(a, prefix, bytes) != 0)
    return false;
  if (plen & 7) {
    uint8_t m = (uint8_t)(0xff << (8 - (plen & 7)));
    return (a[bytes] & m) == (prefix[bytes] & m);
  }
  return true;
}

// The IPv4 address a 6rd address embeds: the common high bits of our own
// IPv4 address followed by the 32 - masklen bits after the 6rd prefix.
bool SixRDTunnel::embedded_v4(const uint8_t *a6, uint32_t *v4) const {
  if (!prefix_match(a6, _prefix, _plen))
    return false;
  unsigned n = 32 - _v4_masklen;
  uint32_t low = get_bits(a6, _plen, n);
  uint32_t common = _v4_masklen ? ntohl(_local.addr()) &
                                      (0xffffffffU << (32 - _v4_masklen))
                                : 0;
  *v4 = htonl(common | low);
  return true;
}

void SixRDTunnel::encap(Packet *p) {
  const uint8_t *ip6 = p->data() + 14;
  uint32_t len = 40 + (uint32_t)(ip6[4] << 8 | ip6[5]);
  if (len > p->length() - 14)
    return reject(p, ERR_SHORT);
  if (ip6[7] <= 1)
    return reject(p, ERR_HLIM);
  uint32_t dst4;
  if (!embedded_v4(ip6 + 24, &dst4)) {
    if (_relay.empty())
      return reject(p, ERR_LOOP);
    dst4 = _relay.addr();
    _to_relay++;
  }
  uint32_t d = ntohl(dst4);
  if (dst4 == _local.addr() || d == 0 || (d >> 24) == 127 || d >= 0xe0000000U)
    return reject(p, ERR_LOOP);

  if (p->length() > 14 + len)
    p->take(p->length() - 14 - len);
  WritablePacket *q = p->push(20);
  if (!q)
    return;
  uint8_t *f = q->data();
  memmove(f, f + 20, 12); // keep the MAC addresses
  f[12] = 0x08;
  f[13] = 0x00;
  click_ip *iph = reinterpret_cast<click_ip *>(f + 14);
  iph->ip_v = 4;
  iph->ip_hl = 5;
  // traffic class copied to the outer TOS (RFC 4213 3.5 permits it)
  iph->ip_tos = (uint8_t)((f[34] & 0x0f) << 4 | f[35] >> 4);
  iph->ip_len = htons((uint16_t)(20 + len));
  iph->ip_id = htons(++_ip_id);
  iph->ip_off = len + 20 <= 1280 ? 0 : htons(IP_DF);
  iph->ip_ttl = _ttl;
  iph->ip_p = IP_PROTO_IPV6;
  iph->ip_src = _local.in_addr();
  iph->ip_dst.s_addr = dst4;
  iph->ip_sum = 0;
  iph->ip_sum = click_in_cksum(f + 14, 20);
  q->set_mac_header(f, 14);
  q->set_ip_header(iph, 20);
  _encap++;
  output(0).push(q);
}

void SixRDTunnel::decap(Packet *p) {
  const click_ip *iph = reinterpret_cast<const click_ip *>(p->data() + 14);
  uint32_t hl = iph->ip_hl * 4u;
  uint32_t tot = ntohs(iph->ip_len);
  if (hl < 20 || tot < hl + 40 || tot > p->length() - 14)
    return reject(p, ERR_SHORT);
  if (IP_ISFRAG(iph))
    return reject(p, ERR_FRAG);
  const uint8_t *ip6 = p->data() + 14 + hl;
  if ((ip6[0] >> 4) != 6 || 40u + (ip6[4] << 8 | ip6[5]) > tot - hl)
    return reject(p, ERR_SHORT);

  uint32_t src4;
  if (embedded_v4(ip6 + 8, &src4)) {
    if (src4 != iph->ip_src.s_addr)
      return reject(p, ERR_SPOOF);
  } else if (_relay.empty() || iph->ip_src.s_addr != _relay.addr())
    return reject(p, ERR_SPOOF);

  WritablePacket *q = p->uniqueify();
  if (!q)
    return;
  uint8_t *f = q->data();
  q->take(q->length() - 14 - tot);
  memmove(f + hl, f, 12);
  q->pull(hl);
  f = q->data();
  f[12] = 0x86;
  f[13] = 0xdd;
  q->set_mac_header(f, 14);
  q->set_ip6_header(reinterpret_cast<click_ip6 *>(f + 14));
  _decap++;
  output(1).push(q);
}

void SixRDTunnel::push(int, Packet *p) {
  const uint8_t *d = p->data();
  if (p->length() >= 14 + 40 && d[12] == 0x86 && d[13] == 0xdd)
    encap(p);
  else if (p->length() >= 14 + 20 + 40 && d[12] == 0x08 && d[13] == 0x00 &&
           d[14 + 9] == IP_PROTO_IPV6)
    decap(p);
  else
    checked_output_push(2, p);
}

extern "C" Element *clara_nf_create(const char *config) {
  Element *e = new SixRDTunnel;
  if (clara_element_setup(e, config ? String(config) : String(), 1, 3) < 0)
    return 0;
  return e;
}
