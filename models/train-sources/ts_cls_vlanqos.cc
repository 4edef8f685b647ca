// Training source for the instruction models (models/README.md): a switch
// port's QoS classifier. It walks 802.1Q/802.1ad tags (up to two), picks a
// traffic class from the outer PCP, the IPv4/IPv6 DSCP or a per-VLAN
// override (HashMap), according to a per-ingress-port trust mode, maps the
// class to one of four egress queues, and optionally rewrites the PCP bits
// and the DSCP (with the IPv4 checksum update).
// Written for training only; not part of the NF corpus.
#include <click/clara.hh>
#include <click/config.h>
#include <click/element.hh>
#include <click/hashmap.hh>
#include <click/packet.hh>
#include <click/packet_anno.hh>
#include <clicknet/ether.h>
#include <clicknet/ip.h>
#include <clicknet/ip6.h>

#define ETHERTYPE_8021AD 0x88a8

enum TrustMode { TRUST_NONE = 0, TRUST_PCP = 1, TRUST_DSCP = 2 };

struct VlanPolicy {
  uint8_t tc;       // forced traffic class, 0xff: none
  uint8_t remark;   // rewrite PCP on egress
  uint16_t packets; // saturating
};

class TrainVlanQos : public Element {
public:
  enum { NQUEUES = 4, NPORTS = 8 };
  TrainVlanQos() : _untagged(0), _bad(0), _bleached(0) {
    static const uint8_t pcp_tc[8] = {1, 0, 2, 3, 4, 5, 6, 7};
    for (int i = 0; i < 8; ++i)
      _pcp_to_tc[i] = pcp_tc[i];
    for (int d = 0; d < 64; ++d)
      _dscp_to_tc[d] = (uint8_t)(d >> 3);
    _dscp_to_tc[46] = 5; // EF
    _dscp_to_tc[48] = _dscp_to_tc[56] = 7;
    for (int i = 0; i < NPORTS; ++i)
      _trust[i] = (uint8_t)(i % 3);
    for (int q = 0; q < NQUEUES; ++q)
      _queued[q] = 0;
    VlanPolicy v = {6, 1, 0};
    _vlan.insert(100, v);
    v.tc = 0xff;
    v.remark = 0;
    _vlan.insert(200, v);
    v.tc = 1;
    _vlan.insert(4000, v);
  }
  const char *class_name() const override { return "TrainVlanQos"; }
  const char *port_count() const override { return "1/4"; }
  void push(int port, Packet *p) override;

private:
  // Returns the offset of the L3 header, fills the outer and inner TCI
  // (0 when absent) and the L3 ethertype; -1 on a truncated frame.
  int parse_tags(const uint8_t *d, uint32_t len, uint16_t *outer,
                 uint16_t *inner) const {
    if (len < 14)
      return -1;
    uint32_t off = 12;
    *outer = *inner = 0;
    for (int depth = 0; depth < 2; ++depth) {
      uint16_t type = (uint16_t)(d[off] << 8 | d[off + 1]);
      if (type != ETHERTYPE_8021Q && type != ETHERTYPE_8021AD)
        return (int)off;
      if (off + 6 > len)
        return -1;
      uint16_t tci = (uint16_t)(d[off + 2] << 8 | d[off + 3]);
      if (depth == 0)
        *outer = tci;
      else
        *inner = tci;
      off += 4;
    }
    return (int)off;
  }
  int dscp_of(const uint8_t *d, uint32_t len, int tpos) const {
    if ((uint32_t)tpos + 4 > len)
      return -1;
    uint16_t type = (uint16_t)(d[tpos] << 8 | d[tpos + 1]);
    const uint8_t *l3 = d + tpos + 2;
    switch (type) {
    case ETHERTYPE_IP:
      if ((l3[0] >> 4) != 4)
        return -1;
      return l3[1] >> 2;
    case ETHERTYPE_IP6:
      if ((l3[0] >> 4) != 6)
        return -1;
      return ((l3[0] & 0x0f) << 2) | (l3[1] >> 6);
    default:
      return -1;
    }
  }
  uint8_t classify(uint16_t outer, int dscp, int ingress) {
    uint16_t vid = outer & 0x0fff;
    if (vid) {
      VlanPolicy *vp = _vlan.findp(vid);
      if (vp) {
        if (vp->packets != 0xffff)
          vp->packets++;
        if (vp->tc != 0xff)
          return vp->tc;
      }
    }
    switch (_trust[ingress & (NPORTS - 1)]) {
    case TRUST_PCP:
      if (outer)
        return _pcp_to_tc[outer >> 13];
      [[fallthrough]]; // untagged frames use the DSCP
    case TRUST_DSCP:
      if (dscp >= 0)
        return _dscp_to_tc[dscp & 63];
      return 0;
    default:
      return 0;
    }
  }
  static int queue_of(uint8_t tc) {
    return tc >= 6 ? 3 : tc >= 4 ? 2 : tc >= 1 ? 1 : 0;
  }
  bool remark_pcp(WritablePacket *q, uint8_t tc) {
    uint8_t *d = q->data();
    uint8_t pcp = (uint8_t)(tc & 7);
    if ((d[14] >> 5) == pcp)
      return false;
    d[14] = (uint8_t)((d[14] & 0x1f) | (pcp << 5));
    return true;
  }

  // Untrusted ports: reset a nonzero IPv4 DSCP to 0, keeping ECN.
  bool bleach_dscp(WritablePacket *q, int tpos) {
    if ((uint32_t)tpos + 2 + sizeof(click_ip) > q->length())
      return false;
    uint8_t *d = q->data();
    if (d[tpos] != 0x08 || d[tpos + 1] != 0x00)
      return false;
    click_ip *iph = reinterpret_cast<click_ip *>(d + tpos + 2);
    if ((iph->ip_tos & IPTOS_DSCP_MASK) == 0)
      return false;
    uint16_t old_w = htons((uint16_t)(d[tpos + 2] << 8 | iph->ip_tos));
    iph->ip_tos &= IP_ECNMASK;
    uint16_t new_w = htons((uint16_t)(d[tpos + 2] << 8 | iph->ip_tos));
    click_update_in_cksum(&iph->ip_sum, old_w, new_w);
    return true;
  }

  HashMap<uint16_t, VlanPolicy, 64, 2> _vlan;
  uint8_t _pcp_to_tc[8];
  uint8_t _dscp_to_tc[64];
  uint8_t _trust[NPORTS];
  uint64_t _queued[NQUEUES];
  uint32_t _untagged, _bad, _bleached;
};

void TrainVlanQos::push(int, Packet *p) {
  uint16_t outer, inner;
  const uint8_t *d = p->data();
  uint32_t len = p->length();
  int tpos = parse_tags(d, len, &outer, &inner);
  if (tpos < 0) {
    _bad++;
    p->kill();
    return;
  }
  if (!outer)
    _untagged++;
  int dscp = dscp_of(d, len, tpos);
  int ingress = PAINT_ANNO(p);
  uint8_t tc = classify(outer, dscp, ingress);
  int q = queue_of(tc);
  _queued[q]++;
  SET_VLAN_TCI_ANNO(p, inner ? inner : outer);
  if (outer) {
    VlanPolicy *vp = _vlan.findp(outer & 0x0fff);
    if (vp && vp->remark) {
      WritablePacket *w = p->uniqueify();
      if (!w)
        return;
      remark_pcp(w, tc);
      p = w;
    }
  }
  if (_trust[ingress & (NPORTS - 1)] == TRUST_NONE && dscp > 0) {
    WritablePacket *w = p->uniqueify();
    if (!w)
      return;
    if (bleach_dscp(w, tpos))
      _bleached++;
    p = w;
  }
  SET_PAINT_ANNO(p, tc);
  checked_output_push(q, p);
}

extern "C" Element *clara_nf_create(const char *config) {
  Element *e = new TrainVlanQos;
  if (clara_element_setup(e, config ? String(config) : String(), 1, 4) < 0)
    return 0;
  return e;
}
