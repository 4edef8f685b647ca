// Training source for the instruction models (models/README.md): an IPv6
// neighbor-discovery proxy: validates neighbor solicitations (hop limit 255,
// options, DAD rules), answers those for targets inside a proxied prefix
// with a neighbor advertisement carrying the proxy's link-layer address
// (override flag clear), and learns which addresses already live on the
// local link from the source addresses it sees so that it never answers on
// their behalf. Written for training only; not part of the NF corpus.
#include <click/args.hh>
#include <click/clara.hh>
#include <click/config.h>
#include <click/element.hh>
#include <click/error.hh>
#include <click/etheraddress.hh>
#include <click/hashtable.hh>
#include <click/packet.hh>
#include <click/packet_anno.hh>
#include <clicknet/ether.h>
#include <clicknet/ip.h>
#include <clicknet/ip6.h>

#define ND_NEIGHBOR_SOLICIT 135
#define ND_NEIGHBOR_ADVERT 136
#define ND_OPT_SOURCE_LINKADDR 1
#define ND_OPT_TARGET_LINKADDR 2
#define ND_NA_FLAG_SOLICITED 0x40
#define ND_NA_FLAG_OVERRIDE 0x20

// A 128-bit address as a hashable key.
struct In6Key {
  uint64_t hi, lo;
  In6Key() : hi(0), lo(0) {}
  explicit In6Key(const uint8_t *a) : hi(0), lo(0) {
    for (int i = 0; i < 8; ++i) {
      hi = hi << 8 | a[i];
      lo = lo << 8 | a[8 + i];
    }
  }
  hashcode_t hashcode() const { return (hashcode_t)(hi * 31 + lo); }
  bool operator==(const In6Key &o) const { return hi == o.hi && lo == o.lo; }
};

struct LocalHost {
  Timestamp last_seen;
  uint32_t packets;
};

class NDProxy6 : public Element {
public:
  NDProxy6()
      : _plen(64), _hold(300), _answered(0), _local(0), _invalid(0),
        _outside(0) {
    static const uint8_t def_prefix[16] = {0x20, 0x01, 0x0d, 0xb8, 0, 5};
    static const uint8_t def_src[16] = {0xfe, 0x80, 0, 0, 0, 0, 0, 0,
                                        0,    0,    0, 0, 0, 0, 0, 0xaa};
    memcpy(_prefix, def_prefix, 16);
    memcpy(_src, def_src, 16);
    static const uint8_t def_mac[6] = {0x02, 0, 0, 0, 0, 0xaa};
    _mac = EtherAddress(def_mac);
  }
  const char *class_name() const override { return "NDProxy6"; }
  const char *port_count() const override { return "1/2"; }
  const char *processing() const override { return PUSH; }

  int configure(Vector<String> &conf, ErrorHandler *errh) override;
  void push(int port, Packet *p) override;

private:
  static bool parse_prefix(const String &s, uint8_t *addr, int *plen);
  bool in_prefix(const uint8_t *a) const;
  static bool is_solicited_node(const uint8_t *a);
  static bool is_unspecified(const uint8_t *a);
  static uint16_t checksum(const uint8_t *src, const uint8_t *dst,
                           const uint8_t *msg, uint32_t len);
  int validate_ns(const uint8_t *ip6, uint32_t len, const uint8_t **slla) const;
  void learn(const uint8_t *src, const Timestamp &now);
  bool is_local(const uint8_t *target, const Timestamp &now);
  WritablePacket *make_na(const Packet *ns, const uint8_t *target,
                          const uint8_t *dst_ip, const uint8_t *dst_mac,
                          bool solicited);

  uint8_t _prefix[16];
  int _plen;
  uint8_t _src[16];
  EtherAddress _mac;
  uint32_t _hold;
  HashTable<In6Key, LocalHost, 512, 4> _hosts;
  uint64_t _answered, _local, _invalid, _outside;
};

bool NDProxy6::parse_prefix(const String &s, uint8_t *addr, int *plen) {
  const char *slash = strchr(s.c_str(), '/');
  String a = slash ? s.substring(0, slash - s.c_str()) : s;
  if (inet_pton(AF_INET6, a.c_str(), addr) != 1)
    return false;
  *plen = slash ? atoi(slash + 1) : 128;
  return *plen >= 0 && *plen <= 128;
}

int NDProxy6::configure(Vector<String> &conf, ErrorHandler *errh) {
  String prefix, src;
  if (Args(conf, this, errh)
          .read_p("PREFIX", prefix)
          .read("ETH", _mac)
          .read("SRC", src)
          .read("HOLD", _hold)
          .complete() < 0)
    return -1;
  if (prefix && !parse_prefix(prefix, _prefix, &_plen))
    return errh->error("PREFIX: expected ADDR/LEN");
  if (src && inet_pton(AF_INET6, src.c_str(), _src) != 1)
    return errh->error("SRC: bad IPv6 address");
  return 0;
}

bool NDProxy6::in_prefix(const uint8_t *a) const {
  int full = _plen / 8;
  if (memcmp(a, _prefix, full) != 0)
    return false;
  int rest = _plen % 8;
  if (!rest)
    return true;
  uint8_t mask = (uint8_t)(0xff << (8 - rest));
  return (a[full] & mask) == (_prefix[full] & mask);
}

bool NDProxy6::is_solicited_node(const uint8_t *a) {
  // ff02::1:ffXX:XXXX
  static const uint8_t sn[12] = {0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
  return memcmp(a, sn, 12) == 0 && a[12] == 0xff;
}

bool NDProxy6::is_unspecified(const uint8_t *a) {
  for (int i = 0; i < 16; ++i)
    if (a[i])
      return false;
  return true;
}

uint16_t NDProxy6::checksum(const uint8_t *src, const uint8_t *dst,
                            const uint8_t *msg, uint32_t len) {
  uint32_t s = 0;
  for (int i = 0; i < 16; i += 2) {
    s += (uint32_t)(src[i] << 8 | src[i + 1]);
    s += (uint32_t)(dst[i] << 8 | dst[i + 1]);
  }
  s += len + IP_PROTO_ICMP6;
  for (uint32_t i = 0; i + 1 < len; i += 2)
    s += (uint32_t)(msg[i] << 8 | msg[i + 1]);
  if (len & 1)
    s += (uint32_t)msg[len - 1] << 8;
  while (s >> 16)
    s = (s & 0xffff) + (s >> 16);
  return (uint16_t)~s;
}

// RFC 4861 section 7.1.1 checks. Returns 0 if valid; *slla is the source
// link-layer address option's address or null.
int NDProxy6::validate_ns(const uint8_t *ip6, uint32_t len,
                          const uint8_t **slla) const {
  const uint8_t *icmp = ip6 + 40;
  uint32_t mlen = len - 40;
  *slla = 0;
  if (ip6[7] != 255 || icmp[1] != 0 || mlen < 24)
    return -1;
  if (checksum(ip6 + 8, ip6 + 24, icmp, mlen) != 0)
    return -1;
  if (icmp[8] == 0xff) // target must not be multicast
    return -1;
  for (uint32_t o = 24; o < mlen;) {
    if (o + 2 > mlen || icmp[o + 1] == 0 || o + icmp[o + 1] * 8u > mlen)
      return -1;
    if (icmp[o] == ND_OPT_SOURCE_LINKADDR && icmp[o + 1] == 1)
      *slla = icmp + o + 2;
    o += icmp[o + 1] * 8u;
  }
  if (is_unspecified(ip6 + 8))
    if (!is_solicited_node(ip6 + 24) || *slla)
      return -1;
  return 0;
}

void NDProxy6::learn(const uint8_t *src, const Timestamp &now) {
  if (is_unspecified(src) || src[0] == 0xff)
    return;
  LocalHost &h = _hosts[In6Key(src)];
  h.last_seen = now;
  h.packets++;
}

bool NDProxy6::is_local(const uint8_t *target, const Timestamp &now) {
  In6Key k(target);
  LocalHost *h = _hosts.get_pointer(k);
  if (!h)
    return false;
  if ((now - h->last_seen).sec() > (int)_hold) {
    _hosts.erase(k);
    return false;
  }
  return true;
}

WritablePacket *NDProxy6::make_na(const Packet *ns, const uint8_t *target,
                                  const uint8_t *dst_ip,
                                  const uint8_t *dst_mac, bool solicited) {
  const uint32_t mlen = 32; // 24-byte NA + one 8-byte TLLA option
  WritablePacket *q = Packet::make(2, 0, 14 + 40 + mlen, 0);
  if (!q)
    return 0;
  uint8_t *d = q->data();
  memcpy(d, dst_mac, 6);
  memcpy(d + 6, _mac.data(), 6);
  d[12] = 0x86;
  d[13] = 0xdd;
  uint8_t *ip6 = d + 14;
  ip6[0] = 0x60;
  ip6[4] = 0;
  ip6[5] = (uint8_t)mlen;
  ip6[6] = IP_PROTO_ICMP6;
  ip6[7] = 255;
  memcpy(ip6 + 8, _src, 16);
  memcpy(ip6 + 24, dst_ip, 16);
  uint8_t *na = ip6 + 40;
  na[0] = ND_NEIGHBOR_ADVERT;
  na[4] = solicited ? ND_NA_FLAG_SOLICITED : 0; // never override
  memcpy(na + 8, target, 16);
  na[24] = ND_OPT_TARGET_LINKADDR;
  na[25] = 1;
  memcpy(na + 26, _mac.data(), 6);
  uint16_t c = checksum(ip6 + 8, ip6 + 24, na, mlen);
  na[2] = (uint8_t)(c >> 8);
  na[3] = (uint8_t)c;
  q->set_mac_header(d, 14);
  q->set_ip6_header(reinterpret_cast<click_ip6 *>(ip6));
  q->set_timestamp_anno(ns->timestamp_anno());
  return q;
}

void NDProxy6::push(int, Packet *p) {
  const uint8_t *d = p->data();
  if (p->length() < 14 + 40 || d[12] != 0x86 || d[13] != 0xdd) {
    checked_output_push(1, p);
    return;
  }
  const uint8_t *ip6 = d + 14;
  uint32_t len = 40 + (uint32_t)(ip6[4] << 8 | ip6[5]);
  if (len > p->length() - 14) {
    _invalid++;
    p->kill();
    return;
  }
  const Timestamp &now = p->timestamp_anno();
  learn(ip6 + 8, now);

  if (ip6[6] != IP_PROTO_ICMP6 || len < 40 + 24 ||
      ip6[40] != ND_NEIGHBOR_SOLICIT) {
    checked_output_push(1, p);
    return;
  }
  const uint8_t *slla;
  if (validate_ns(ip6, len, &slla) < 0) {
    _invalid++;
    p->kill();
    return;
  }
  const uint8_t *target = ip6 + 48;
  if (!in_prefix(target)) {
    _outside++;
    checked_output_push(1, p);
    return;
  }
  if (is_local(target, now)) {
    _local++;
    checked_output_push(1, p);
    return;
  }

  WritablePacket *na;
  if (is_unspecified(ip6 + 8)) {
    // duplicate address detection: tell all nodes, unsolicited
    static const uint8_t all_nodes[16] = {0xff, 0x02, 0, 0, 0, 0, 0, 0,
                                          0,    0,    0, 0, 0, 0, 0, 1};
    static const uint8_t all_nodes_mac[6] = {0x33, 0x33, 0, 0, 0, 1};
    na = make_na(p, target, all_nodes, all_nodes_mac, false);
  } else {
    const uint8_t *mac = slla ? slla : d + 6;
    na = make_na(p, target, ip6 + 8, mac, true);
  }
  p->kill();
  if (na) {
    _answered++;
    output(0).push(na);
  }
}

extern "C" Element *clara_nf_create(const char *config) {
  Element *e = new NDProxy6;
  if (clara_element_setup(e, config ? String(config) : String(), 1, 2) < 0)
    return 0;
  return e;
}
