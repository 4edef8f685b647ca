// Training source for the instruction models (models/README.md): a layer-4
// load balancer: a consistent-hash ring of virtual nodes, a flow affinity
// table so established flows keep their backend, backend health state
// driven by RSTs and timeouts, and destination rewriting with checksum
// updates.
// Written for training only; not part of the NF corpus.
#include <click/clara.hh>
#include <click/config.h>
#include <click/element.hh>
#include <click/hashmap.hh>
#include <click/ipflowid.hh>
#include <click/packet.hh>
#include <click/packet_anno.hh>
#include <clicknet/ip.h>
#include <clicknet/tcp.h>
#include <clicknet/udp.h>

struct Backend {
  uint32_t addr;
  uint16_t weight;
  uint8_t healthy;
  uint8_t strikes;
  uint32_t down_since;
  uint64_t flows, bytes;
};

struct Affinity {
  uint8_t backend;
  uint8_t closing;
  uint32_t last;
};

static uint32_t ring_hash(uint32_t x) {
  x ^= x >> 16;
  x *= 0x7feb352du;
  x ^= x >> 15;
  x *= 0x846ca68bu;
  return x ^ (x >> 16);
}

class TrainLoadBalancer : public Element {
public:
  enum { NB = 6, VNODES = 16, RING = NB * VNODES, RETRY_SEC = 10 };
  TrainLoadBalancer() : _vip(0xc0a80000u), _no_backend(0), _moved(0) {
    for (int b = 0; b < NB; ++b) {
      _be[b].addr = 0x0a640000u + (uint32_t)(b + 1);
      _be[b].weight = (uint16_t)(b % 3 + 1);
      _be[b].healthy = 1;
      _be[b].strikes = 0;
      _be[b].down_since = 0;
      _be[b].flows = _be[b].bytes = 0;
    }
    build_ring();
  }
  const char *class_name() const override { return "TrainLoadBalancer"; }
  const char *port_count() const override { return PORTS_1_1X2; }
  const char *processing() const override { return PUSH; }
  void push(int port, Packet *p) override;

private:
  void build_ring();
  int ring_lookup(uint32_t h) const;
  int pick(uint32_t h, uint32_t now);
  void strike(int b, uint32_t now);
  bool set_dst(WritablePacket *q, uint32_t addr);

  Backend _be[NB];
  uint32_t _point[RING];
  uint8_t _owner[RING];
  HashMap<IPFlowID, Affinity, 512, 4> _aff;
  uint32_t _vip;
  uint32_t _no_backend, _moved;
};

void TrainLoadBalancer::build_ring() {
  int n = 0;
  for (int b = 0; b < NB; ++b)
    for (int v = 0; v < VNODES; ++v) {
      _point[n] = ring_hash(_be[b].addr * 131u + (uint32_t)v);
      _owner[n] = (uint8_t)b;
      ++n;
    }
  // insertion sort: the ring is small and rebuilt rarely
  for (int i = 1; i < RING; ++i) {
    uint32_t pt = _point[i];
    uint8_t ow = _owner[i];
    int j = i - 1;
    while (j >= 0 && _point[j] > pt) {
      _point[j + 1] = _point[j];
      _owner[j + 1] = _owner[j];
      --j;
    }
    _point[j + 1] = pt;
    _owner[j + 1] = ow;
  }
}

int TrainLoadBalancer::ring_lookup(uint32_t h) const {
  int lo = 0, hi = RING;
  while (lo < hi) {
    int mid = (int)((unsigned)(lo + hi) >> 1);
    if (_point[mid] < h)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo == RING ? 0 : lo;
}

int TrainLoadBalancer::pick(uint32_t h, uint32_t now) {
  int i = ring_lookup(h);
  for (int step = 0; step < RING; ++step) {
    Backend &b = _be[_owner[i]];
    // a down backend is retried after RETRY_SEC; weight skips some vnodes
    bool usable = b.healthy || now - b.down_since > RETRY_SEC;
    if (usable && (h >> 24) % 3 < b.weight)
      return _owner[i];
    i = i + 1 == RING ? 0 : i + 1;
  }
  return -1;
}

void TrainLoadBalancer::strike(int b, uint32_t now) {
  Backend &be = _be[b];
  if (++be.strikes >= 3 && be.healthy) {
    be.healthy = 0;
    be.down_since = now;
  }
}

bool TrainLoadBalancer::set_dst(WritablePacket *q, uint32_t addr) {
  click_ip *iph = q->ip_header();
  uint32_t old = iph->ip_dst.s_addr;
  if (old == addr)
    return false;
  iph->ip_dst.s_addr = addr;
  uint32_t s = (uint16_t)~iph->ip_sum;
  s += (uint16_t)~(old >> 16) + (uint16_t)~(old & 0xffff);
  s += (addr >> 16) + (addr & 0xffff);
  while (s >> 16)
    s = (s & 0xffff) + (s >> 16);
  iph->ip_sum = (uint16_t)~s;
  if (iph->ip_p == IP_PROTO_TCP)
    q->tcp_header()->th_sum = 0; // recomputed by the NIC's offload
  else if (iph->ip_p == IP_PROTO_UDP)
    q->udp_header()->uh_sum = 0;
  return true;
}

void TrainLoadBalancer::push(int, Packet *p) {
  const click_ip *iph = p->ip_header();
  if (!p->has_network_header() || p->transport_length() < 8 ||
      (iph->ip_p != IP_PROTO_TCP && iph->ip_p != IP_PROTO_UDP) ||
      (ntohl(iph->ip_dst.s_addr) & 0xffffff00u) != _vip) {
    output(1).push(p);
    return;
  }
  uint32_t now = p->timestamp_anno().sec();
  IPFlowID flow(p);
  Affinity *a = _aff.findp(flow);
  uint8_t tflags = iph->ip_p == IP_PROTO_TCP ? p->tcp_header()->th_flags : 0;
  if (a && !_be[a->backend].healthy && (tflags & TH_SYN)) {
    _aff.erase(flow); // reconnect attempt: choose again
    a = 0;
    _moved++;
  }
  if (!a) {
    uint32_t h = ring_hash(flow.saddr().addr() ^ ring_hash(flow.sport()));
    int b = pick(h, now);
    if (b < 0 || !_aff.insert(flow, Affinity())) {
      _no_backend++;
      output(1).push(p);
      return;
    }
    a = _aff.findp(flow);
    a->backend = (uint8_t)b;
    a->closing = 0;
    _be[b].flows++;
  }
  a->last = now;
  Backend &be = _be[a->backend];
  be.bytes += ntohs(iph->ip_len);
  if (tflags & TH_RST)
    strike(a->backend, now);
  else if ((tflags & TH_ACK) && be.strikes > 0 && !be.healthy) {
    be.healthy = 1;
    be.strikes = 0;
  }
  if (tflags & TH_FIN)
    a->closing = 1;
  WritablePacket *q = p->uniqueify();
  if (!q)
    return;
  set_dst(q, htonl(be.addr));
  SET_PAINT_ANNO(q, a->backend);
  if (a->closing && (tflags & TH_ACK) && !(tflags & TH_FIN))
    _aff.erase(flow);
  output(0).push(q);
}

extern "C" Element *clara_nf_create(const char *config) {
  Element *e = new TrainLoadBalancer;
  if (clara_element_setup(e, config ? String(config) : String(), 1, 2) < 0)
    return 0;
  return e;
}
