// Training source for the instruction models (models/README.md): an SRv6
// segment endpoint: a local SID table matched by locator prefix and
// function, segment routing header validation (type 4, last entry, header
// length, segments left), the End and End.X behaviours (segments left
// decrement, destination rewrite from the segment list), End.DX4/End.DX6
// decapsulation at the last segment, and hop limit handling for transit.
// Written for training only; not part of the NF corpus.
#include <click/clara.hh>
#include <click/config.h>
#include <click/element.hh>
#include <click/packet.hh>
#include <click/packet_anno.hh>
#include <clicknet/ether.h>
#include <clicknet/ip.h>
#include <clicknet/ip6.h>

#define IP6_NH_ROUTING 43
#define SRH_TYPE 4

enum SidBehavior { B_END = 1, B_END_X = 2, B_END_DX4 = 3, B_END_DX6 = 4 };

struct LocalSid {
  uint8_t sid[16];
  uint8_t behavior;
  uint8_t adjacency;
  uint16_t hits;
};

// Compare the first BITS bits of two addresses (BITS a multiple of 8 or
// not): instantiated for locators (48), /64 SIDs and full addresses.
template <int BITS>
static bool prefix_match(const uint8_t *a, const uint8_t *b) {
  int full = BITS / 8;
  for (int i = 0; i < full; ++i)
    if (a[i] != b[i])
      return false;
  if (BITS % 8) {
    uint8_t mask = (uint8_t)(0xff << (8 - BITS % 8));
    return ((a[full] ^ b[full]) & mask) == 0;
  }
  return true;
}

struct SrhView {
  uint8_t next;
  uint8_t ext_len; // in 8-byte units after the first 8
  uint8_t type;
  uint8_t left;
  uint8_t last;
  uint8_t flags;
  const uint8_t *segs;
};

class TrainSrv6End : public Element {
public:
  enum { NSID = 8 };
  TrainSrv6End() : _nsid(0), _end(0), _decap(0), _transit(0), _errors(0) {
    static const uint8_t funcs[] = {1, 2, 0x10, 0x11, 3};
    static const uint8_t beh[] = {B_END, B_END_X, B_END_DX4, B_END_DX6,
                                  B_END_X};
    memset(_locator, 0, 16);
    _locator[0] = 0xfc;
    _locator[3] = 0x01;
    for (int i = 0; i < 5; ++i) {
      LocalSid &s = _sids[_nsid++];
      memcpy(s.sid, _locator, 16);
      s.sid[7] = funcs[i];
      s.behavior = beh[i];
      s.adjacency = (uint8_t)i;
      s.hits = 0;
    }
  }
  const char *class_name() const override { return "TrainSrv6End"; }
  const char *port_count() const override { return "1/3"; }
  const char *processing() const override { return PUSH; }
  void push(int port, Packet *p) override;

private:
  LocalSid *lookup(const uint8_t *dst);
  int parse_srh(const uint8_t *h, uint32_t avail, SrhView *v) const;
  int do_end(WritablePacket *q, const SrhView &v, uint32_t srh_off);
  Packet *decap(Packet *p, uint32_t inner_off, bool v4);
  static bool hop_limit_ok(click_ip6 *ip6) {
    if (ip6->ip6_hlim <= 1)
      return false;
    ip6->ip6_hlim--;
    return true;
  }

  uint8_t _locator[16];
  LocalSid _sids[NSID];
  int _nsid;
  uint64_t _end;
  uint32_t _decap;
  uint32_t _transit;
  uint32_t _errors;
};

LocalSid *TrainSrv6End::lookup(const uint8_t *dst) {
  if (!prefix_match<48>(dst, _locator))
    return 0;
  for (int i = 0; i < _nsid; ++i)
    if (prefix_match<64>(dst, _sids[i].sid)) {
      _sids[i].hits++;
      return &_sids[i];
    }
  return 0;
}

int TrainSrv6End::parse_srh(const uint8_t *h, uint32_t avail,
                            SrhView *v) const {
  if (avail < 8)
    return -1;
  v->next = h[0];
  v->ext_len = h[1];
  v->type = h[2];
  v->left = h[3];
  v->last = h[4];
  v->flags = h[5];
  v->segs = h + 8;
  uint32_t total = 8 + (uint32_t)v->ext_len * 8;
  if (total > avail || v->type != SRH_TYPE)
    return -1;
  // the segment list must fit in the header; ext_len is twice its size
  if ((uint32_t)(v->last + 1) * 16 > total - 8 || v->left > v->last + 1)
    return -1;
  return (int)total;
}

// End / End.X: move to the next segment. Returns the output port.
int TrainSrv6End::do_end(WritablePacket *q, const SrhView &v,
                         uint32_t srh_off) {
  click_ip6 *ip6 = q->ip6_header();
  uint8_t *h = q->data() + srh_off;
  uint8_t left = (uint8_t)(v.left - 1);
  h[3] = left;
  const uint8_t *next = h + 8 + (uint32_t)left * 16;
  memcpy(&ip6->ip6_dst, next, 16);
  if (!hop_limit_ok(ip6))
    return -1;
  _end++;
  return 0;
}

Packet *TrainSrv6End::decap(Packet *p, uint32_t inner_off, bool v4) {
  uint8_t macs[12];
  memcpy(macs, p->data(), 12);
  p->pull(inner_off - 14);
  WritablePacket *q = p->uniqueify();
  if (!q)
    return 0;
  uint8_t *d = q->data();
  memcpy(d, macs, 12);
  d[12] = v4 ? 0x08 : 0x86;
  d[13] = v4 ? 0x00 : 0xdd;
  q->set_mac_header(d, 14);
  if (v4) {
    click_ip *iph = reinterpret_cast<click_ip *>(d + 14);
    q->set_ip_header(iph, iph->ip_hl << 2);
  } else
    q->set_ip6_header(reinterpret_cast<click_ip6 *>(d + 14));
  _decap++;
  return q;
}

void TrainSrv6End::push(int, Packet *p) {
  const uint8_t *d = p->data();
  uint32_t len = p->length();
  if (len < 14 + 40 || d[12] != 0x86 || d[13] != 0xdd || (d[14] >> 4) != 6) {
    checked_output_push(2, p);
    return;
  }
  p->set_ip6_header(reinterpret_cast<const click_ip6 *>(d + 14));
  const click_ip6 *ip6 = p->ip6_header();
  LocalSid *sid = lookup(reinterpret_cast<const uint8_t *>(&ip6->ip6_dst));
  WritablePacket *q = p->uniqueify();
  if (!q)
    return;
  if (!sid) {
    // transit: only the hop limit changes
    if (!hop_limit_ok(q->ip6_header())) {
      _errors++;
      checked_output_push(2, q);
      return;
    }
    _transit++;
    output(0).push(q);
    return;
  }
  SrhView v;
  int srh_len = -1;
  if (q->ip6_header()->ip6_nxt == IP6_NH_ROUTING)
    srh_len = parse_srh(q->data() + 54, len - 54, &v);
  int port = -1;
  if (srh_len > 0 && v.left > 0) {
    if (sid->behavior == B_END || sid->behavior == B_END_X) {
      port = do_end(q, v, 54);
      if (port == 0 && sid->behavior == B_END_X) {
        q->set_anno_u8(PAINT_ANNO_OFFSET, sid->adjacency);
        port = 1;
      }
    }
  } else {
    uint32_t inner = 54 + (srh_len > 0 ? (uint32_t)srh_len : 0);
    uint8_t nh = srh_len > 0 ? v.next : q->ip6_header()->ip6_nxt;
    if (sid->behavior == B_END_DX4 && nh == IP_PROTO_IPIP &&
        len >= inner + 20) {
      if (Packet *r = decap(q, inner, true))
        output(0).push(r);
      return;
    }
    if (sid->behavior == B_END_DX6 && nh == IP_PROTO_IPV6 &&
        len >= inner + 40) {
      if (Packet *r = decap(q, inner, false))
        output(0).push(r);
      return;
    }
  }
  if (port < 0) {
    _errors++;
    checked_output_push(2, q);
  } else
    output(port).push(q);
}

extern "C" Element *clara_nf_create(const char *config) {
  TrainSrv6End *e = new TrainSrv6End;
  if (clara_element_setup(e, config ? String(config) : String(), 1, 3) < 0)
    return 0;
  return e;
}
