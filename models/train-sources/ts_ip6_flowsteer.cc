// Training source for the instruction models (models/README.md): IPv6
// flow-label based steering across four outputs: uses the 20-bit flow label
// with the address pair as the flow key (RFC 6438), falls back to the
// 5-tuple behind the extension headers when the label is zero and then
// stamps a label derived from it, keeps sticky flow-to-output assignments
// that expire when idle and puts new flows on the least loaded output.
// IPv4 is steered by its 5-tuple. Written for training only; not part of
// the NF corpus.
#include <click/args.hh>
#include <click/clara.hh>
#include <click/config.h>
#include <click/element.hh>
#include <click/error.hh>
#include <click/hashtable.hh>
#include <click/packet.hh>
#include <click/packet_anno.hh>
#include <clicknet/ether.h>
#include <clicknet/ip.h>
#include <clicknet/ip6.h>

#define NOUT 4

struct SteerEntry {
  uint32_t hash;
  uint8_t port;
  uint32_t packets;
  Timestamp last;
};

class IP6FlowLabelSteer : public Element {
public:
  IP6FlowLabelSteer() : _idle(Timestamp(30)), _stamp(true), _stamped(0) {
    for (int i = 0; i < NOUT; ++i)
      _active[i] = _sent[i] = 0;
  }
  const char *class_name() const override { return "IP6FlowLabelSteer"; }
  const char *port_count() const override { return "1/4"; }
  const char *processing() const override { return PUSH; }
  int configure(Vector<String> &conf, ErrorHandler *errh) override {
    return Args(conf, this, errh)
        .read("IDLE", _idle)
        .read("STAMP", _stamp)
        .complete();
  }
  void push(int, Packet *p) override;

private:
  static inline uint32_t mix(uint32_t h, uint32_t v) {
    h ^= v;
    h *= 0x9e3779b1U;
    return h ^ (h >> 15);
  }
  static uint32_t hash_bytes(uint32_t h, const uint8_t *a, int n) {
    for (int i = 0; i < n; i += 4)
      h = mix(h, (uint32_t)(a[i] << 24 | a[i + 1] << 16 | a[i + 2] << 8 |
                            a[i + 3]));
    return h;
  }
  static bool ports6(const uint8_t *ip6, uint32_t len, uint8_t *proto,
                     uint32_t *ports);
  uint32_t key6(Packet *&p, bool *ok);
  uint32_t key4(const Packet *p, bool *ok) const;
  int pick(uint32_t h, const Timestamp &now);

  HashTable<uint32_t, SteerEntry, 1024, 4> _flows;
  Timestamp _idle;
  bool _stamp;
  uint32_t _active[NOUT];
  uint64_t _sent[NOUT];
  uint64_t _stamped;
};

// Upper-layer protocol and ports behind the extension headers.
bool IP6FlowLabelSteer::ports6(const uint8_t *ip6, uint32_t len,
                               uint8_t *proto, uint32_t *ports) {
  uint8_t nh = ip6[6];
  uint32_t off = 40;
  for (int n = 0; n < 8; ++n) {
    switch (nh) {
    case 0:
    case 43:
    case 60:
      if (off + 8 > len)
        return false;
      nh = ip6[off];
      off += 8u + 8u * ip6[off + 1];
      continue;
    case 44:
      if (off + 8 > len)
        return false;
      if ((ip6[off + 2] << 8 | ip6[off + 3]) & 0xfff8) {
        *proto = ip6[off]; // later fragment: no ports
        *ports = 0;
        return true;
      }
      nh = ip6[off];
      off += 8;
      continue;
    case IP_PROTO_TCP:
    case IP_PROTO_UDP:
    case IP_PROTO_SCTP:
      if (off + 4 > len)
        return false;
      *proto = nh;
      *ports = (uint32_t)(ip6[off] << 24 | ip6[off + 1] << 16 |
                          ip6[off + 2] << 8 | ip6[off + 3]);
      return true;
    default:
      *proto = nh;
      *ports = 0;
      return true;
    }
  }
  return false;
}

uint32_t IP6FlowLabelSteer::key6(Packet *&p, bool *ok) {
  const uint8_t *ip6 = p->data() + 14;
  uint32_t label = (uint32_t)((ip6[1] & 0x0f) << 16 | ip6[2] << 8 | ip6[3]);
  uint32_t h = hash_bytes(0x6a09e667U, ip6 + 8, 32);
  if (label) {
    *ok = true;
    return mix(h, label);
  }
  uint32_t len = 40 + (uint32_t)(ip6[4] << 8 | ip6[5]);
  if (len > p->length() - 14)
    len = p->length() - 14;
  uint8_t proto;
  uint32_t ports;
  if (!(*ok = ports6(ip6, len, &proto, &ports)))
    return 0;
  h = mix(mix(h, proto), ports);
  if (_stamp) {
    // label from the 5-tuple, never zero; same flow -> same label
    label = (h ^ (h >> 20)) & 0xfffff;
    if (!label)
      label = 1;
    if (WritablePacket *q = p->uniqueify()) {
      uint8_t *w = q->data() + 14;
      w[1] = (uint8_t)((w[1] & 0xf0) | (label >> 16));
      w[2] = (uint8_t)(label >> 8);
      w[3] = (uint8_t)label;
      p = q;
      _stamped++;
    } else {
      p = 0;
      *ok = false;
      return 0;
    }
    // key the flow the way its later (labelled) packets will be keyed
    return mix(hash_bytes(0x6a09e667U, p->data() + 22, 32), label);
  }
  return h;
}

uint32_t IP6FlowLabelSteer::key4(const Packet *p, bool *ok) const {
  const click_ip *iph = reinterpret_cast<const click_ip *>(p->data() + 14);
  uint32_t hl = iph->ip_hl * 4u;
  *ok = hl >= 20 && p->length() >= 14 + hl;
  if (!*ok)
    return 0;
  uint32_t h = mix(mix(0xbb67ae85U, iph->ip_src.s_addr), iph->ip_dst.s_addr);
  h = mix(h, iph->ip_p);
  if ((iph->ip_p == IP_PROTO_TCP || iph->ip_p == IP_PROTO_UDP) &&
      IP_FIRSTFRAG(iph) && p->length() >= 14 + hl + 4) {
    const uint8_t *l4 = p->data() + 14 + hl;
    h = mix(h, (uint32_t)(l4[0] << 24 | l4[1] << 16 | l4[2] << 8 | l4[3]));
  }
  return h;
}

int IP6FlowLabelSteer::pick(uint32_t h, const Timestamp &now) {
  SteerEntry *e = _flows.get_pointer(h);
  if (e && now - e->last <= _idle) {
    e->last = now;
    e->packets++;
    return e->port;
  }
  if (e) // expired: release its slot in the load count
    _active[e->port]--;
  int best = (int)(h % NOUT);
  for (int i = 0; i < NOUT; ++i)
    if (_active[i] < _active[best])
      best = i;
  SteerEntry ne;
  ne.hash = h;
  ne.port = (uint8_t)best;
  ne.packets = 1;
  ne.last = now;
  if (_flows.set(h, ne))
    _active[best]++;
  return best;
}

void IP6FlowLabelSteer::push(int, Packet *p) {
  if (p->length() < 14 + 20) {
    checked_output_push(NOUT - 1, p);
    return;
  }
  const uint8_t *d = p->data();
  uint16_t type = (uint16_t)(d[12] << 8 | d[13]);
  bool ok = false;
  uint32_t h = 0;
  if (type == ETHERTYPE_IP6 && p->length() >= 14 + 40)
    h = key6(p, &ok);
  else if (type == ETHERTYPE_IP)
    h = key4(p, &ok);
  if (!p)
    return;
  int port = ok ? pick(h, p->timestamp_anno()) : NOUT - 1;
  SET_AGGREGATE_ANNO(p, h);
  _sent[port]++;
  output(port).push(p);
}

extern "C" Element *clara_nf_create(const char *config) {
  Element *e = new IP6FlowLabelSteer;
  if (clara_element_setup(e, config ? String(config) : String(), 1, NOUT) < 0)
    return 0;
  return e;
}
