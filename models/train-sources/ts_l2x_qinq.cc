// Training source for the instruction models (models/README.md): 802.1ad
// provider-edge tag handling. On customer (UNI) ports, selected by the PAINT
// annotation, frames get an S-tag pushed: selective QinQ maps C-VID ranges to
// S-VIDs, untagged frames use the port's default S-VID, and the S-tag PCP is
// copied from the C-tag or taken from the port. On provider (NNI) ports,
// legacy TPIDs (0x9100, 0x9200) are normalised to 0x88a8, S-VIDs are
// translated, and S-VIDs bound to a UNI are popped with the UNI chosen in
// PAINT for egress.
// Written for training only; not part of the NF corpus.
#include <click/args.hh>
#include <click/clara.hh>
#include <click/config.h>
#include <click/element.hh>
#include <click/hashtable.hh>
#include <click/packet.hh>
#include <click/packet_anno.hh>
#include <click/vector.hh>
#include <clicknet/ether.h>

#define ETHERTYPE_8021AD 0x88A8
#define ETHERTYPE_QINQ_LEGACY1 0x9100
#define ETHERTYPE_QINQ_LEGACY2 0x9200

struct CvidRange {
  uint16_t lo, hi, svid;
};

struct UniPort {
  uint16_t default_svid;
  uint8_t default_pcp;
  bool tunnel_all; // port-based QinQ: every C-VID gets the default S-VID
  Vector<CvidRange> ranges;
  uint64_t pushed, unmapped;
};

struct SvidBinding {
  uint16_t new_svid; // 0: keep
  int8_t uni;        // >= 0: pop and deliver to this UNI
};

class QinQProviderEdge : public Element {
public:
  QinQProviderEdge() : _first_nni(8) {}
  const char *class_name() const override { return "QinQProviderEdge"; }
  const char *port_count() const override { return "1/2"; }
  const char *processing() const override { return PUSH; }

  int configure(Vector<String> &conf, ErrorHandler *errh) override {
    if (Args(conf, this, errh).read("FIRST_NNI", _first_nni).complete() < 0)
      return -1;
    if (_first_nni > 16)
      _first_nni = 16;
    // default service plan: UNI i has S-VID 100+i; C-VIDs 10-19 of every UNI
    // ride S-VID 500+i, C-VIDs 20-29 share S-VID 600; UNI 3 tunnels all.
    for (int i = 0; i < 16; ++i) {
      UniPort &u = _uni[i];
      u.default_svid = (uint16_t)(100 + i);
      u.default_pcp = (uint8_t)(i & 7);
      u.tunnel_all = i == 3;
      u.pushed = u.unmapped = 0;
      CvidRange a = {10, 19, (uint16_t)(500 + i)};
      CvidRange b = {20, 29, 600};
      u.ranges.push_back(a);
      u.ranges.push_back(b);
      SvidBinding pop = {0, (int8_t)i};
      _nni_map.set(u.default_svid, pop);
      _nni_map.set((uint16_t)(500 + i), pop);
    }
    SvidBinding xl = {700, -1};
    _nni_map.set(4000, xl);
    return false;
  }

  void push(int, Packet *p) override;

private:
  static inline bool is_stag_tpid(uint16_t t) {
    return t == ETHERTYPE_8021AD || t == ETHERTYPE_QINQ_LEGACY1 ||
           t == ETHERTYPE_QINQ_LEGACY2;
  }
  static inline uint16_t rd16(const unsigned char *p) {
    return (uint16_t)((p[0] << 8) | p[1]);
  }
  static inline void wr16(unsigned char *p, uint16_t v) {
    p[0] = (uint8_t)(v >> 8);
    p[1] = (uint8_t)v;
  }
  int map_cvid(const UniPort &u, uint16_t cvid) const;
  // Both return false when the frame is refused (the caller still owns it)
  // and true when it was forwarded or freed by a failed push/uniqueify.
  bool from_uni(Packet *p, int port);
  bool from_nni(Packet *p);

  int _first_nni;
  UniPort _uni[16];
  HashTable<uint16_t, SvidBinding, 256, 4> _nni_map;
};

int QinQProviderEdge::map_cvid(const UniPort &u, uint16_t cvid) const {
  if (u.tunnel_all)
    return u.default_svid;
  for (int i = 0; i < u.ranges.size(); ++i)
    if (cvid >= u.ranges[i].lo && cvid <= u.ranges[i].hi)
      return u.ranges[i].svid;
  return -1;
}

bool QinQProviderEdge::from_uni(Packet *p, int port) {
  UniPort &u = _uni[port];
  uint16_t etype = rd16(p->data() + 12);
  if (is_stag_tpid(etype)) // customers may not send S-tagged frames
    return false;
  int svid;
  uint8_t pcp;
  if (etype == ETHERTYPE_8021Q) {
    if (p->length() < 18)
      return false;
    uint16_t ctci = rd16(p->data() + 14);
    uint16_t cvid = ctci & 0x0fff;
    // priority-tagged frames (VID 0) are treated as untagged
    svid = cvid ? map_cvid(u, cvid) : u.default_svid;
    pcp = (uint8_t)(ctci >> 13);
  } else {
    svid = u.default_svid;
    pcp = u.default_pcp;
  }
  if (svid < 0) {
    u.unmapped++;
    return false;
  }
  WritablePacket *q = p->push(4);
  if (!q)
    return true;
  memmove(q->data(), q->data() + 4, 12);
  wr16(q->data() + 12, ETHERTYPE_8021AD);
  wr16(q->data() + 14, (uint16_t)((pcp << 13) | (svid & 0x0fff)));
  q->set_mac_header(q->data(), 18);
  u.pushed++;
  output(0).push(q);
  return true;
}

bool QinQProviderEdge::from_nni(Packet *p) {
  if (p->length() < 18 || !is_stag_tpid(rd16(p->data() + 12)))
    return false;
  WritablePacket *q = p->uniqueify();
  if (!q)
    return true;
  unsigned char *tag = q->data() + 12;
  wr16(tag, ETHERTYPE_8021AD);
  uint16_t tci = rd16(tag + 2);
  uint16_t svid = tci & 0x0fff;
  const SvidBinding *b = _nni_map.get_pointer(svid);
  if (!b || b->uni < 0) {
    // transit service: stays tagged, optionally translated
    if (b)
      wr16(tag + 2, (uint16_t)((tci & 0xf000) | (b->new_svid & 0x0fff)));
    SET_PAINT_ANNO(q, 0xff);
    output(0).push(q);
    return true;
  }
  // pop the S-tag; a port-default S-VID carried an untagged customer frame
  memmove(q->data() + 4, q->data(), 12);
  q->pull(4);
  q->set_mac_header(q->data(), 14);
  SET_VLAN_TCI_ANNO(q, htons(tci));
  SET_PAINT_ANNO(q, (uint8_t)b->uni);
  output(0).push(q);
  return true;
}

void QinQProviderEdge::push(int, Packet *p) {
  int port = PAINT_ANNO(p) & 15;
  if (p->length() < 14) {
    output(1).push(p);
    return;
  }
  bool done = port < _first_nni ? from_uni(p, port) : from_nni(p);
  if (!done)
    output(1).push(p);
}

extern "C" Element *clara_nf_create(const char *config) {
  Element *e = new QinQProviderEdge;
  if (clara_element_setup(e, config ? String(config) : String(), 1, 2) < 0)
    return 0;
  return e;
}
