// Training source for the instruction models (models/README.md): a frame
// demultiplexer in front of per-protocol pipelines. It skips VLAN tags and
// PPPoE session headers, classifies by EtherType (IPv4, IPv6, ARP, MPLS,
// slow protocols, LLDP, 802.1X), walks IPv6 extension headers to the upper
// protocol, sets the packet-type and network-header annotations, and sends
// each kind to its own output with per-kind counters.
// Written for training only; not part of the NF corpus.
#include <click/clara.hh>
#include <click/config.h>
#include <click/element.hh>
#include <click/packet.hh>
#include <click/packet_anno.hh>
#include <clicknet/ether.h>
#include <clicknet/ip.h>
#include <clicknet/ip6.h>

#define ETHERTYPE_MPLS 0x8847
#define ETHERTYPE_MPLS_MC 0x8848
#define ETHERTYPE_SLOW 0x8809
#define ETHERTYPE_LLDP 0x88cc
#define ETHERTYPE_EAPOL 0x888e
#define ETHERTYPE_QINQ 0x88a8
#define PPP_IPV4 0x0021
#define PPP_IPV6 0x0057

enum DemuxOut {
  OUT_TCP4 = 0,
  OUT_UDP4,
  OUT_OTHER4,
  OUT_IP6,
  OUT_ARP,
  OUT_CONTROL,
  OUT_MPLS,
  OUT_DROP,
  NOUTS
};

class TrainDemux : public Element {
public:
  TrainDemux() : _ext_hdrs(0) {
    for (int i = 0; i < NOUTS; ++i)
      _count[i] = 0;
    for (int i = 0; i < 256; ++i)
      _l4_seen[i] = 0;
  }
  const char *class_name() const override { return "TrainDemux"; }
  const char *port_count() const override { return "1/8"; }
  void push(int port, Packet *p) override;

private:
  static uint16_t be16(const uint8_t *d) {
    return (uint16_t)(d[0] << 8 | d[1]);
  }
  static Packet::PacketType mac_kind(const uint8_t *dst) {
    if (dst[0] & 1) {
      bool bcast =
          (dst[0] & dst[1] & dst[2] & dst[3] & dst[4] & dst[5]) == 0xff;
      return bcast ? Packet::BROADCAST : Packet::MULTICAST;
    }
    return Packet::HOST;
  }
  // Skips tags and PPPoE; *type gets the L3 EtherType. Returns the L3
  // offset or -1.
  int l3_offset(const uint8_t *d, uint32_t len, uint16_t *type) const {
    uint32_t off = 12;
    for (int guard = 0; guard < 4; ++guard) {
      if (off + 2 > len)
        return -1;
      uint16_t t = be16(d + off);
      if (t == ETHERTYPE_8021Q || t == ETHERTYPE_QINQ) {
        off += 4;
        continue;
      }
      if (t == ETHERTYPE_PPPOE_SESSION) {
        if (off + 2 + 8 > len)
          return -1;
        uint16_t ppp = be16(d + off + 2 + 6);
        *type = ppp == PPP_IPV4   ? ETHERTYPE_IP
                : ppp == PPP_IPV6 ? ETHERTYPE_IP6
                                  : 0;
        return (int)(off + 2 + 8);
      }
      *type = t;
      return (int)(off + 2);
    }
    return -1;
  }
  int ipv4_kind(Packet *p, int off);
  int ipv6_kind(Packet *p, int off);
  static bool is_ext(uint8_t nh) {
    switch (nh) {
    case 0:  // hop-by-hop
    case 43: // routing
    case 44: // fragment
    case 60: // destination options
    case 51: // AH
      return true;
    default:
      return false;
    }
  }

  uint64_t _count[NOUTS];
  uint32_t _l4_seen[256];
  uint32_t _ext_hdrs;
};

int TrainDemux::ipv4_kind(Packet *p, int off) {
  const uint8_t *d = p->data();
  if ((uint32_t)off + 20 > p->length() || (d[off] >> 4) != 4)
    return OUT_DROP;
  unsigned hl = (d[off] & 0x0f) << 2;
  if (hl < 20 || (uint32_t)off + hl > p->length())
    return OUT_DROP;
  const click_ip *iph = reinterpret_cast<const click_ip *>(d + off);
  p->set_ip_header(iph, hl);
  _l4_seen[iph->ip_p]++;
  if (!IP_FIRSTFRAG(iph))
    return OUT_OTHER4;
  switch (iph->ip_p) {
  case IP_PROTO_TCP:
    return OUT_TCP4;
  case IP_PROTO_UDP:
    return OUT_UDP4;
  case IP_PROTO_IPV6:
    return OUT_IP6; // 6in4 tunnels go to the IPv6 pipeline
  default:
    return OUT_OTHER4;
  }
}

int TrainDemux::ipv6_kind(Packet *p, int off) {
  const uint8_t *d = p->data();
  uint32_t len = p->length();
  if ((uint32_t)off + 40 > len || (d[off] >> 4) != 6)
    return OUT_DROP;
  p->set_network_header(d + off, 40);
  uint8_t nh = d[off + 6];
  uint32_t pos = (uint32_t)off + 40;
  int n = 0;
  while (is_ext(nh) && n < 8) {
    if (pos + 8 > len)
      return OUT_DROP;
    uint32_t elen = nh == 44   ? 8
                    : nh == 51 ? (d[pos + 1] + 2u) * 4
                               : (d[pos + 1] + 1u) * 8;
    nh = d[pos];
    pos += elen;
    ++n;
  }
  _ext_hdrs += n;
  _l4_seen[nh]++;
  if (is_ext(nh) || pos > len)
    return OUT_DROP;
  p->set_network_header(d + off, pos - off);
  return OUT_IP6;
}

void TrainDemux::push(int, Packet *p) {
  const uint8_t *d = p->data();
  uint32_t len = p->length();
  if (len < 14) {
    _count[OUT_DROP]++;
    checked_output_push(OUT_DROP, p);
    return;
  }
  p->set_packet_type_anno(mac_kind(d));
  uint16_t type = 0;
  int off = l3_offset(d, len, &type);
  int out;
  if (off < 0)
    out = OUT_DROP;
  else
    switch (type) {
    case ETHERTYPE_IP:
      out = ipv4_kind(p, off);
      break;
    case ETHERTYPE_IP6:
      out = ipv6_kind(p, off);
      break;
    case ETHERTYPE_ARP:
      out = OUT_ARP;
      break;
    case ETHERTYPE_MPLS:
    case ETHERTYPE_MPLS_MC:
      out = OUT_MPLS;
      break;
    case ETHERTYPE_SLOW:
    case ETHERTYPE_LLDP:
    case ETHERTYPE_EAPOL:
      // Link-local control frames only: 01:80:c2:00:00:0x.
      out = d[0] == 0x01 && d[1] == 0x80 && d[2] == 0xc2 && (d[5] & 0xf0) == 0
                ? OUT_CONTROL
                : OUT_DROP;
      break;
    default:
      out = type < 0x0600 ? OUT_CONTROL : OUT_DROP; // 802.3 length field
      break;
    }
  _count[out]++;
  checked_output_push(out, p);
}

extern "C" Element *clara_nf_create(const char *config) {
  Element *e = new TrainDemux;
  if (clara_element_setup(e, config ? String(config) : String(), 1, NOUTS) < 0)
    return 0;
  return e;
}
