// Training source for the instruction models (models/README.md): IGMP
// snooping switch stage. Ingress port comes from the PAINT annotation. IGMP
// queries teach multicast-router ports; v1/v2 reports, v2 leaves and v3 group
// records (include/exclude/allow/block) maintain a group table of member-port
// bitmaps with per-port membership timers. Multicast data gets its egress
// port mask in the AGGREGATE annotation; unknown groups go to router ports.
// Written for training only; not part of the NF corpus.
#include <click/args.hh>
#include <click/clara.hh>
#include <click/config.h>
#include <click/element.hh>
#include <click/hashtable.hh>
#include <click/packet.hh>
#include <click/packet_anno.hh>
#include <clicknet/ether.h>
#include <clicknet/ip.h>

enum {
  IGMP_QUERY = 0x11,
  IGMP_V1_REPORT = 0x12,
  IGMP_V2_REPORT = 0x16,
  IGMP_V2_LEAVE = 0x17,
  IGMP_V3_REPORT = 0x22
};
enum {
  REC_IS_IN = 1,
  REC_IS_EX = 2,
  REC_TO_IN = 3,
  REC_TO_EX = 4,
  REC_ALLOW = 5,
  REC_BLOCK = 6
};
static const int NPORTS = 16;

struct IGMPGroup {
  uint16_t members;
  uint16_t pad;
  uint32_t expiry[NPORTS]; // seconds
};

class IGMPSnooper : public Element {
public:
  IGMPSnooper()
      : _gmi(260), _router_timeout(255), _last_member_time(2), _fast_leave(true), _flood_unknown(false),
        _router_ports(0), _reports(0), _leaves(0), _bad(0), _full(0) {
    memset(_router_expiry, 0, sizeof(_router_expiry));
  }
  const char *class_name() const override { return "IGMPSnooper"; }
  const char *port_count() const override { return "1/3"; }
  const char *processing() const override { return PUSH; }

  int configure(Vector<String> &conf, ErrorHandler *errh) override {
    return Args(conf, this, errh)
        .read("MEMBERSHIP_INTERVAL", _gmi)
        .read("ROUTER_TIMEOUT", _router_timeout)
        .read("LAST_MEMBER_TIME", _last_member_time)
        .read("FAST_LEAVE", _fast_leave)
        .read("FLOOD_UNKNOWN", _flood_unknown)
        .complete();
  }

  void push(int, Packet *p) override;

private:
  int handle_igmp(const click_ip *iph, const uint8_t *igmp, int len, int port,
                  uint32_t now);
  int handle_v3(const uint8_t *igmp, int len, int port, uint32_t now);
  void join(uint32_t group, int port, uint32_t now);
  void leave(uint32_t group, int port, uint32_t now);
  uint16_t live_members(IGMPGroup &g, uint32_t now);
  uint16_t router_mask(uint32_t now);

  static inline uint32_t rd32(const uint8_t *p) {
    return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) |
           ((uint32_t)p[2] << 8) | p[3];
  }
  static inline bool is_multicast(uint32_t a) { return (a >> 28) == 0xe; }
  static inline bool is_link_local_group(uint32_t a) {
    return (a & 0xffffff00u) == 0xe0000000u;
  }

  HashTable<uint32_t, IGMPGroup, 256, 4> _groups;
  uint32_t _gmi, _router_timeout, _last_member_time;
  bool _fast_leave, _flood_unknown;
  uint16_t _router_ports;
  uint32_t _router_expiry[NPORTS];
  uint64_t _reports, _leaves, _bad, _full;
};

void IGMPSnooper::join(uint32_t group, int port, uint32_t now) {
  if (!is_multicast(group) || is_link_local_group(group))
    return;
  auto it = _groups.find_insert(group);
  if (it == _groups.end()) {
    _full++;
    return;
  }
  it->second.members |= (uint16_t)(1u << port);
  it->second.expiry[port] = now + _gmi;
}

void IGMPSnooper::leave(uint32_t group, int port, uint32_t now) {
  IGMPGroup *g = _groups.get_pointer(group);
  if (!g)
    return;
  if (_fast_leave) {
    g->members &= (uint16_t)~(1u << port);
    g->expiry[port] = 0;
  } else {
    // without fast leave, the port stays a member for the last-member
    // query time unless a report refreshes it
    uint32_t lmq = now + _last_member_time;
    if ((int32_t)(g->expiry[port] - lmq) > 0)
      g->expiry[port] = lmq;
  }
  if (!g->members)
    _groups.erase(group);
}

uint16_t IGMPSnooper::live_members(IGMPGroup &g, uint32_t now) {
  uint16_t m = g.members;
  for (int i = 0; i < NPORTS; ++i)
    if ((m & (1u << i)) && (int32_t)(g.expiry[i] - now) <= 0)
      m &= (uint16_t)~(1u << i);
  g.members = m;
  return m;
}

uint16_t IGMPSnooper::router_mask(uint32_t now) {
  for (int i = 0; i < NPORTS; ++i)
    if ((_router_ports & (1u << i)) && (int32_t)(_router_expiry[i] - now) <= 0)
      _router_ports &= (uint16_t)~(1u << i);
  return _router_ports;
}

int IGMPSnooper::handle_v3(const uint8_t *igmp, int len, int port,
                           uint32_t now) {
  int nrec = (igmp[6] << 8) | igmp[7];
  const uint8_t *r = igmp + 8, *end = igmp + len;
  for (int i = 0; i < nrec; ++i) {
    if (r + 8 > end)
      return -1;
    int type = r[0];
    int auxlen = r[1] * 4;
    int nsrc = (r[2] << 8) | r[3];
    uint32_t group = rd32(r + 4);
    const uint8_t *next = r + 8 + 4 * nsrc + auxlen;
    if (next > end)
      return -1;
    switch (type) {
    case REC_IS_IN:
    case REC_TO_IN:
      // INCLUDE with an empty source list means the host left the group
      if (nsrc == 0) {
        leave(group, port, now);
        _leaves++;
      } else
        join(group, port, now);
      break;
    case REC_IS_EX:
    case REC_TO_EX:
    case REC_ALLOW:
      join(group, port, now);
      break;
    case REC_BLOCK:
      break;
    default:
      return -1;
    }
    r = next;
  }
  _reports++;
  return 0;
}

int IGMPSnooper::handle_igmp(const click_ip *iph, const uint8_t *igmp, int len,
                             int port, uint32_t now) {
  if (len < 8 || click_in_cksum(igmp, len) != 0)
    return -1;
  uint32_t group = rd32(igmp + 4);
  uint32_t dst = ntohl(iph->ip_dst.s_addr);
  switch (igmp[0]) {
  case IGMP_QUERY:
    // general queries go to 224.0.0.1, group-specific ones to the group
    if (group != 0 && group != dst)
      return -1;
    _router_ports |= (uint16_t)(1u << port);
    _router_expiry[port] = now + _router_timeout;
    return 0;
  case IGMP_V1_REPORT:
  case IGMP_V2_REPORT:
    if (group != dst)
      return -1;
    join(group, port, now);
    _reports++;
    return 0;
  case IGMP_V2_LEAVE:
    if (dst != 0xe0000002u)
      return -1;
    leave(group, port, now);
    _leaves++;
    return 0;
  case IGMP_V3_REPORT:
    if (dst != 0xe0000016u)
      return -1;
    return handle_v3(igmp, len, port, now);
  default:
    return 0;
  }
}

void IGMPSnooper::push(int, Packet *p) {
  int port = PAINT_ANNO(p) & (NPORTS - 1);
  if (p->length() < 34) {
    output(0).push(p);
    return;
  }
  const click_ether *eh = reinterpret_cast<const click_ether *>(p->data());
  const click_ip *iph = reinterpret_cast<const click_ip *>(p->data() + 14);
  if (eh->ether_type != htons(ETHERTYPE_IP) || iph->ip_v != 4 ||
      !is_multicast(ntohl(iph->ip_dst.s_addr))) {
    output(0).push(p);
    return;
  }
  uint32_t now = (uint32_t)p->timestamp_anno().sec();
  uint32_t dst = ntohl(iph->ip_dst.s_addr);
  int hl = iph->ip_hl << 2;
  int iplen = ntohs(iph->ip_len);
  if (hl < 20 || iplen < hl || 14 + iplen > (int)p->length()) {
    _bad++;
    output(2).push(p);
    return;
  }
  if (iph->ip_p == IP_PROTO_IGMP) {
    if (handle_igmp(iph, p->data() + 14 + hl, iplen - hl, port, now) < 0) {
      _bad++;
      output(2).push(p);
    } else
      output(1).push(p);
    return;
  }
  uint16_t routers = router_mask(now);
  uint16_t mask;
  if (is_link_local_group(dst))
    mask = 0xffff;
  else if (IGMPGroup *g = _groups.get_pointer(dst)) {
    mask = live_members(*g, now) | routers;
    if (!g->members)
      _groups.erase(dst);
  } else
    mask = _flood_unknown ? 0xffff : routers;
  mask &= (uint16_t)~(1u << port);
  if (!mask) {
    output(2).push(p);
    return;
  }
  SET_AGGREGATE_ANNO(p, mask);
  output(0).push(p);
}

extern "C" Element *clara_nf_create(const char *config) {
  Element *e = new IGMPSnooper;
  if (clara_element_setup(e, config ? String(config) : String(), 1, 3) < 0)
    return 0;
  return e;
}
