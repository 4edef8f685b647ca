// Training source for the instruction models (models/README.md): an IPv6
// neighbour discovery responder for a tunnel endpoint's addresses:
// neighbour solicitation validation (hop limit 255, code 0, target not
// multicast, no source link-layer option with an unspecified source),
// neighbour cache learning from the option, neighbour advertisements
// built in place (solicited/override flags, all-nodes reply for duplicate
// address detection), ICMPv6 echo replies, and the ICMPv6 checksum summed
// in 32- and 64-bit accumulators.
// Written for training only; not part of the NF corpus.
#include <click/clara.hh>
#include <click/config.h>
#include <click/element.hh>
#include <click/hashtable.hh>
#include <click/packet.hh>
#include <click/packet_anno.hh>
#include <clicknet/ether.h>
#include <clicknet/ip.h>
#include <clicknet/ip6.h>

#define ND_NS 135
#define ND_NA 136
#define ICMP6_ECHO_REQ 128
#define ICMP6_ECHO_REP 129
#define ND_OPT_SLLA 1
#define ND_OPT_TLLA 2

// Sum big-endian 16-bit words of b[0..len) into an ACC accumulator.
template <typename ACC> static ACC accumulate(const uint8_t *b, uint32_t len) {
  ACC s = 0;
  uint32_t i = 0;
  for (; i + 1 < len; i += 2)
    s += (ACC)(b[i] << 8 | b[i + 1]);
  if (i < len)
    s += (ACC)b[i] << 8;
  return s;
}

static uint16_t icmp6_cksum(const uint8_t *ip6, const uint8_t *icmp,
                            uint32_t len) {
  uint32_t ph = accumulate<uint32_t>(ip6 + 8, 32);
  uint64_t s = (uint64_t)ph + len + IP_PROTO_ICMP6;
  s += accumulate<uint64_t>(icmp, len);
  while (s >> 16)
    s = (s & 0xffff) + (s >> 16);
  return (uint16_t)~s;
}

struct NeighborEntry {
  uint8_t mac[6];
  uint8_t state; // 1 stale, 2 reachable
  uint8_t router;
  uint32_t updated;
};

class TrainNdpResponder : public Element {
public:
  enum { NADDR = 4 };
  TrainNdpResponder() : _na(0), _echo(0), _invalid(0), _learned(0) {
    static const uint8_t mac[6] = {0x02, 0x00, 0x5e, 0x10, 0x00, 0x01};
    memcpy(_mac, mac, 6);
    for (int i = 0; i < NADDR; ++i) {
      memset(_addrs[i], 0, 16);
      _addrs[i][0] = i == 0 ? 0xfe : 0x20;
      _addrs[i][1] = i == 0 ? 0x80 : 0x01;
      _addrs[i][2] = i == 0 ? 0 : 0x0d;
      _addrs[i][3] = i == 0 ? 0 : 0xb8;
      _addrs[i][15] = (uint8_t)(0x10 + i);
    }
  }
  const char *class_name() const override { return "TrainNdpResponder"; }
  const char *port_count() const override { return "1/2"; }
  const char *processing() const override { return PUSH; }
  void push(int port, Packet *p) override;

private:
  int own_address(const uint8_t *a) const {
    for (int i = 0; i < NADDR; ++i)
      if (memcmp(a, _addrs[i], 16) == 0)
        return i;
    return -1;
  }
  static bool unspecified(const uint8_t *a) {
    uint32_t x = 0;
    for (int i = 0; i < 16; ++i)
      x |= a[i];
    return x == 0;
  }
  const uint8_t *find_option(const uint8_t *opt, uint32_t len,
                             uint8_t type) const;
  void learn(const uint8_t *ip, const uint8_t *mac, uint32_t now);
  Packet *advertise(Packet *p, int addr, bool dad);
  Packet *echo(Packet *p);

  uint8_t _mac[6];
  uint8_t _addrs[NADDR][16];
  HashTable<uint64_t, NeighborEntry, 64, 4> _cache;
  uint32_t _na;
  uint32_t _echo;
  uint32_t _invalid;
  uint32_t _learned;
};

const uint8_t *TrainNdpResponder::find_option(const uint8_t *opt, uint32_t len,
                                              uint8_t type) const {
  uint32_t i = 0;
  while (i + 2 <= len) {
    uint32_t ol = opt[i + 1] * 8u;
    if (ol == 0 || i + ol > len)
      return 0;
    if (opt[i] == type)
      return opt + i;
    i += ol;
  }
  return 0;
}

void TrainNdpResponder::learn(const uint8_t *ip, const uint8_t *mac,
                              uint32_t now) {
  uint64_t key = 0;
  for (int i = 8; i < 16; ++i)
    key = key << 8 | ip[i];
  key ^= (uint64_t)ip[1] << 56; // keep link-local and global apart
  NeighborEntry e;
  memcpy(e.mac, mac, 6);
  e.state = 1;
  e.router = 0;
  e.updated = now;
  NeighborEntry *old = _cache.get_pointer(key);
  if (old && memcmp(old->mac, mac, 6) == 0) {
    old->updated = now;
    return;
  }
  if (_cache.set(key, e))
    _learned++;
}

Packet *TrainNdpResponder::advertise(Packet *p, int addr, bool dad) {
  uint32_t need = 14 + 40 + 24 + 8;
  WritablePacket *q = p->uniqueify();
  if (!q)
    return 0;
  if (q->length() < need) {
    q = q->put(need - q->length());
    if (!q)
      return 0;
  } else if (q->length() > need)
    q->take(q->length() - need);
  uint8_t *d = q->data();
  memcpy(d, d + 6, 6);
  memcpy(d + 6, _mac, 6);
  uint8_t *ip6 = d + 14;
  // destination: the solicitor, or all-nodes for DAD
  if (dad) {
    static const uint8_t all_nodes[16] = {0xff, 0x02, 0, 0, 0, 0, 0, 0,
                                          0,    0,    0, 0, 0, 0, 0, 1};
    memcpy(ip6 + 24, all_nodes, 16);
    d[0] = 0x33;
    d[1] = 0x33;
    d[2] = d[3] = d[4] = 0;
    d[5] = 1;
  } else
    memcpy(ip6 + 24, ip6 + 8, 16);
  memcpy(ip6 + 8, _addrs[addr], 16);
  ip6[4] = 0;
  ip6[5] = 32;
  ip6[7] = 255;
  uint8_t *icmp = ip6 + 40;
  icmp[0] = ND_NA;
  icmp[1] = 0;
  icmp[2] = icmp[3] = 0;
  icmp[4] = (uint8_t)((dad ? 0 : 0x40) | 0x20); // solicited, override
  icmp[5] = icmp[6] = icmp[7] = 0;
  memcpy(icmp + 8, _addrs[addr], 16);
  icmp[24] = ND_OPT_TLLA;
  icmp[25] = 1;
  memcpy(icmp + 26, _mac, 6);
  uint16_t c = icmp6_cksum(ip6, icmp, 32);
  icmp[2] = (uint8_t)(c >> 8);
  icmp[3] = (uint8_t)c;
  _na++;
  return q;
}

Packet *TrainNdpResponder::echo(Packet *p) {
  WritablePacket *q = p->uniqueify();
  if (!q)
    return 0;
  uint8_t *d = q->data();
  uint8_t *ip6 = d + 14;
  uint32_t plen = (uint32_t)(ip6[4] << 8 | ip6[5]);
  for (int i = 0; i < 6; ++i) {
    uint8_t t = d[i];
    d[i] = d[6 + i];
    d[6 + i] = t;
  }
  for (int i = 0; i < 16; ++i) {
    uint8_t t = ip6[8 + i];
    ip6[8 + i] = ip6[24 + i];
    ip6[24 + i] = t;
  }
  ip6[7] = 64;
  uint8_t *icmp = ip6 + 40;
  icmp[0] = ICMP6_ECHO_REP;
  // only the type changed: 128 -> 129 adds 0x0100 to the sum
  uint16_t c = (uint16_t)(icmp[2] << 8 | icmp[3]);
  uint32_t s = (uint16_t)~c;
  s += (uint16_t)~(ICMP6_ECHO_REQ << 8) + (uint32_t)(ICMP6_ECHO_REP << 8);
  s = (s & 0xffff) + (s >> 16);
  s = (s & 0xffff) + (s >> 16);
  c = (uint16_t)~s;
  icmp[2] = (uint8_t)(c >> 8);
  icmp[3] = (uint8_t)c;
  if (q->length() > 54 + plen)
    q->take(q->length() - 54 - plen);
  _echo++;
  return q;
}

void TrainNdpResponder::push(int, Packet *p) {
  const uint8_t *d = p->data();
  uint32_t len = p->length();
  if (len < 14 + 40 + 8 || d[12] != 0x86 || d[13] != 0xdd ||
      d[14 + 6] != IP_PROTO_ICMP6) {
    checked_output_push(1, p);
    return;
  }
  const uint8_t *ip6 = d + 14;
  const uint8_t *icmp = ip6 + 40;
  uint32_t plen = (uint32_t)(ip6[4] << 8 | ip6[5]);
  if (plen + 54 > len || plen < 8 || icmp6_cksum(ip6, icmp, plen) != 0) {
    _invalid++;
    p->kill();
    return;
  }
  Packet *r = 0;
  if (icmp[0] == ND_NS) {
    if (ip6[7] != 255 || icmp[1] != 0 || plen < 24 || icmp[8] == 0xff) {
      _invalid++;
      p->kill();
      return;
    }
    int a = own_address(icmp + 8);
    if (a < 0) {
      checked_output_push(1, p);
      return;
    }
    bool dad = unspecified(ip6 + 8);
    const uint8_t *slla = find_option(icmp + 24, plen - 24, ND_OPT_SLLA);
    if (dad && slla) {
      _invalid++;
      p->kill();
      return;
    }
    if (slla)
      learn(ip6 + 8, slla + 2, (uint32_t)p->timestamp_anno().sec());
    r = advertise(p, a, dad);
  } else if (icmp[0] == ICMP6_ECHO_REQ && own_address(ip6 + 24) >= 0) {
    r = echo(p);
  } else {
    checked_output_push(1, p);
    return;
  }
  if (r)
    output(0).push(r);
}

extern "C" Element *clara_nf_create(const char *config) {
  TrainNdpResponder *e = new TrainNdpResponder;
  if (clara_element_setup(e, config ? String(config) : String(), 1, 2) < 0)
    return 0;
  return e;
}
