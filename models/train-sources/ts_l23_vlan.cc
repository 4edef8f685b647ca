// Training source for the instruction models (models/README.md): 802.1Q VLAN
// tagging, retagging and untagging with a subnet-to-VLAN map, PCP derived
// from DSCP, per-VLAN counters and native-VLAN handling.
// Written for training only; not part of the NF corpus.
#include <click/clara.hh>
#include <click/config.h>
#include <click/element.hh>
#include <click/packet.hh>
#include <click/packet_anno.hh>
#include <clicknet/ether.h>
#include <clicknet/ip.h>

struct VlanMapEntry {
  uint32_t prefix, mask;
  uint16_t vid;
  uint8_t pcp_floor;
  uint8_t flags;
};

static inline uint16_t make_tci(uint16_t vid, uint8_t pcp, bool dei) {
  return (uint16_t)(((pcp & 7) << 13) | (dei ? 0x1000 : 0) | (vid & 0x0fff));
}

static int dscp_to_pcp(uint8_t tos) {
  uint8_t dscp = tos >> 2;
  if (dscp == 46)
    return 5;
  if (dscp >= 48)
    return 6;
  switch (dscp >> 3) {
  case 1:
    return 1;
  case 2:
  case 3:
    return 2 + ((dscp >> 1) & 1);
  case 4:
    return 4;
  default:
    return 0;
  }
}

// Stage 0: push a tag, 1: translate VIDs, 2: pop the tag.
template <int STAGE> class TrainVlanTagger : public Element {
public:
  TrainVlanTagger() : _nmap(0), _native(1), _untagged(0), _dropped(0) {
    for (int i = 0; i < 8; ++i) {
      _map[i].prefix = 0x0a000000u | ((uint32_t)i << 13);
      _map[i].mask = 0xffffe000u;
      _map[i].vid = (uint16_t)(100 + i * 10);
      _map[i].pcp_floor = (uint8_t)(i & 3);
      _map[i].flags = (uint8_t)(i == 5 ? 1 : 0);
      _nmap++;
    }
    for (int i = 0; i < 64; ++i)
      _xlate[i] = (uint16_t)(i < 32 ? 2000 + i : 0);
    for (int i = 0; i < 16; ++i)
      _per_vlan[i] = 0;
  }
  const char *class_name() const override { return "TrainVlanTagger"; }
  const char *port_count() const override { return "1/2"; }
  void push(int port, Packet *p) override;

private:
  int lookup_vid(uint32_t addr, uint8_t *pcp_floor) const {
    for (int i = 0; i < _nmap; ++i)
      if ((addr & _map[i].mask) == _map[i].prefix) {
        *pcp_floor = _map[i].pcp_floor;
        return _map[i].flags & 1 ? -1 : _map[i].vid;
      }
    *pcp_floor = 0;
    return _native;
  }
  uint16_t translate(uint16_t vid, bool *changed) const {
    uint16_t n = _xlate[vid & 63];
    *changed = n != 0 && (vid >> 6) < 40;
    return *changed ? (uint16_t)((n + (vid >> 6)) & 0x0fff) : vid;
  }
  WritablePacket *insert_tag(Packet *p, uint16_t tci);
  WritablePacket *strip_tag(Packet *p, uint16_t *tci);
  void count(uint16_t vid, uint32_t len) {
    _per_vlan[vid & 15] += len;
    if (vid == _native)
      _untagged++;
  }

  VlanMapEntry _map[8];
  int _nmap;
  uint16_t _native;
  uint16_t _xlate[64];
  uint64_t _per_vlan[16];
  uint32_t _untagged, _dropped;
};

template <int STAGE>
WritablePacket *TrainVlanTagger<STAGE>::insert_tag(Packet *p, uint16_t tci) {
  WritablePacket *q = p->push(4);
  if (!q)
    return 0;
  memmove(q->data(), q->data() + 4, 12);
  click_ether_vlan *vh = reinterpret_cast<click_ether_vlan *>(q->data());
  vh->ether_vlan_proto = htons(ETHERTYPE_8021Q);
  vh->ether_vlan_tci = htons(tci);
  q->set_mac_header(q->data(), 18);
  SET_VLAN_TCI_ANNO(q, htons(tci));
  return q;
}

template <int STAGE>
WritablePacket *TrainVlanTagger<STAGE>::strip_tag(Packet *p, uint16_t *tci) {
  WritablePacket *q = p->uniqueify();
  if (!q)
    return 0;
  click_ether_vlan *vh = reinterpret_cast<click_ether_vlan *>(q->data());
  *tci = ntohs(vh->ether_vlan_tci);
  memmove(q->data() + 4, q->data(), 12);
  q->pull(4);
  q->set_mac_header(q->data(), 14);
  SET_VLAN_TCI_ANNO(q, htons(*tci));
  return q;
}

template <int STAGE> void TrainVlanTagger<STAGE>::push(int, Packet *p) {
  if (p->length() < 18) {
    _dropped++;
    output(1).push(p);
    return;
  }
  const click_ether *eh = reinterpret_cast<const click_ether *>(p->data());
  uint16_t etype = ntohs(eh->ether_type);
  if (STAGE == 0) {
    if (etype == ETHERTYPE_8021Q) {
      output(0).push(p);
      return;
    }
    uint8_t floor = 0, pcp = 0;
    int vid = _native;
    if (etype == ETHERTYPE_IP && p->length() >= 34) {
      const click_ip *iph = reinterpret_cast<const click_ip *>(p->data() + 14);
      vid = lookup_vid(ntohl(iph->ip_src.s_addr), &floor);
      int d = dscp_to_pcp(iph->ip_tos);
      pcp = (uint8_t)(d > floor ? d : floor);
    }
    if (vid < 0) {
      _dropped++;
      output(1).push(p);
      return;
    }
    WritablePacket *q = insert_tag(p, make_tci((uint16_t)vid, pcp, false));
    if (q) {
      count((uint16_t)vid, q->length());
      output(0).push(q);
    }
  } else if (STAGE == 1) {
    if (etype != ETHERTYPE_8021Q) {
      output(0).push(p);
      return;
    }
    WritablePacket *q = p->uniqueify();
    if (!q)
      return;
    click_ether_vlan *vh = reinterpret_cast<click_ether_vlan *>(q->data());
    uint16_t tci = ntohs(vh->ether_vlan_tci);
    bool changed;
    uint16_t nv = translate(tci & 0x0fff, &changed);
    if (changed)
      vh->ether_vlan_tci = htons((uint16_t)((tci & 0xf000) | nv));
    count(nv, q->length());
    output(0).push(q);
  } else {
    uint16_t tci = 0;
    if (etype != ETHERTYPE_8021Q) {
      output(0).push(p);
      return;
    }
    WritablePacket *q = strip_tag(p, &tci);
    if (!q)
      return;
    uint16_t vid = tci & 0x0fff;
    if (vid == 0 || vid == 0x0fff) {
      _dropped++;
      output(1).push(q);
      return;
    }
    count(vid, q->length());
    SET_PAINT_ANNO(q, (uint8_t)(tci >> 13));
    output(0).push(q);
  }
}

extern "C" Element *clara_nf_create(const char *config) {
  Element *e[3] = {new TrainVlanTagger<0>, new TrainVlanTagger<1>,
                   new TrainVlanTagger<2>};
  String conf = config ? String(config) : String();
  for (int i = 0; i < 3; ++i)
    if (clara_element_setup(e[i], conf, 1, 2) < 0)
      return 0;
  for (int i = 0; i + 1 < 3; ++i)
    clara_connect(e[i], 0, e[i + 1], 0);
  return e[0];
}
