// Training source for the instruction models (models/README.md): a layer-4
// load balancer with smooth weighted round robin over a backend pool and a
// health-state table: each backend moves between up, suspect, down and probing
// as handshakes to it succeed (SYN-ACK), fail (RST to a SYN, client SYN
// retransmits) or time out, down backends are retried with an exponentially
// growing hold-down, new flows to a virtual address are assigned by weighted
// round robin over eligible backends, and both directions of each flow are
// rewritten (VIP to backend and back) with incremental IP/TCP/UDP checksum
// updates. Written for training only; not part of the NF corpus.
#include <click/clara.hh>
#include <click/config.h>
#include <click/element.hh>
#include <click/args.hh>
#include <click/hashtable.hh>
#include <click/ipflowid.hh>
#include <click/packet.hh>
#include <click/packet_anno.hh>
#include <click/vector.hh>
#include <clicknet/ip.h>
#include <clicknet/tcp.h>
#include <clicknet/udp.h>

enum BackendHealth : uint8_t { BH_UP = 0, BH_SUSPECT = 1, BH_DOWN = 2, BH_PROBING = 3 };

struct PoolMember {
  uint32_t addr; // network order
  int weight;
  int current; // smooth WRR running weight
  uint8_t health;
  uint8_t failures;
  uint8_t probe_out;
  uint32_t holddown_ms;
  uint32_t retry_at_ms;
  uint32_t active;
  uint64_t assigned;
};

struct LbFlow {
  uint32_t vip;
  uint32_t last_ms;
  uint32_t syn_ms;
  uint8_t backend;
  uint8_t proto;
  uint8_t handshake; // 0 SYN sent, 1 SYN-ACK seen, 2 not TCP
  uint8_t syn_count;
};

class MidWrrHealthBalancer : public Element {
public:
  enum { OUT_FWD = 0, OUT_DROP = 1 };
  enum { FAIL_SUSPECT = 1, FAIL_DOWN = 3, BASE_HOLD_MS = 5000,
         MAX_HOLD_MS = 120000, TCP_IDLE_MS = 300000, UDP_IDLE_MS = 30000,
         SYN_RETRY_MS = 1000, NONE = 255 };

  MidWrrHealthBalancer()
      : _vip_net(0xc0a80000u), _vip_mask(0xffffff00u), _no_backend(0),
        _rewritten(0), _replies(0) {
    static const int weights[] = {5, 3, 1, 1};
    for (int i = 0; i < 4; ++i)
      add_member(htonl(0x0ac80001u + i), weights[i]);
  }

  const char *class_name() const override { return "MidWrrHealthBalancer"; }
  const char *port_count() const override { return PORTS_1_1X2; }
  const char *processing() const override { return PUSH; }

  int configure(Vector<String> &conf, ErrorHandler *errh) override {
    IPAddress net(htonl(_vip_net)), mask(htonl(_vip_mask));
    int w0 = _pool[0].weight;
    if (Args(conf, this, errh)
            .read("VIPS", IPPrefixArg(), net, mask)
            .read("WEIGHT0", w0)
            .complete() < 0)
      return -1;
    if (w0 < 0)
      return errh->error("WEIGHT0 must be non-negative"), -1;
    _pool[0].weight = w0;
    _vip_mask = ntohl(mask.addr());
    _vip_net = ntohl(net.addr()) & _vip_mask;
    return 0;
  }

  void push(int, Packet *p) override;

private:
  typedef HashTable<IPFlowID, LbFlow, 1024, 4> FlowTable;
  typedef HashTable<IPFlowID, IPFlowID, 1024, 4> ReverseTable;

  void add_member(uint32_t addr, int weight) {
    PoolMember m;
    memset(&m, 0, sizeof(m));
    m.addr = addr;
    m.weight = weight;
    m.holddown_ms = BASE_HOLD_MS;
    _pool.push_back(m);
  }
  bool is_vip(uint32_t a) const { return (ntohl(a) & _vip_mask) == _vip_net; }
  int member_index(uint32_t addr) const {
    for (int i = 0; i < _pool.size(); ++i)
      if (_pool[i].addr == addr)
        return i;
    return -1;
  }

  int effective_weight(PoolMember &m, uint32_t now);
  int pick(uint32_t now);
  void mark_success(int b);
  void mark_failure(int b, uint32_t now);
  static void rewrite(WritablePacket *q, bool src, uint32_t addr);
  void forward(Packet *p, const click_ip *iph, const uint8_t *l4, uint32_t now);
  void reverse(Packet *p, const click_ip *iph, const uint8_t *l4, int b,
               uint32_t now);
  void forget(const IPFlowID &key, LbFlow *f);

  FlowTable _flows;
  ReverseTable _rev;
  Vector<PoolMember> _pool;
  uint32_t _vip_net, _vip_mask;
  uint64_t _no_backend, _rewritten, _replies;
};

// 0 means "not eligible for new flows right now".
int MidWrrHealthBalancer::effective_weight(PoolMember &m, uint32_t now) {
  switch (m.health) {
  case BH_UP:
    return m.weight;
  case BH_SUSPECT:
    return (m.weight + 1) / 2;
  case BH_DOWN:
    if ((int32_t)(now - m.retry_at_ms) < 0)
      return 0;
    m.health = BH_PROBING;
    m.probe_out = 0;
    /* fall through */
  case BH_PROBING:
    return m.probe_out ? 0 : 1;
  default:
    return 0;
  }
}

// Smooth weighted round robin (each pick raises every eligible member by
// its weight and lowers the chosen one by the total).
int MidWrrHealthBalancer::pick(uint32_t now) {
  int best = -1, total = 0;
  for (int i = 0; i < _pool.size(); ++i) {
    PoolMember &m = _pool[i];
    int w = effective_weight(m, now);
    if (w <= 0)
      continue;
    m.current += w;
    total += w;
    if (best < 0 || m.current > _pool[best].current)
      best = i;
  }
  if (best < 0)
    return -1;
  _pool[best].current -= total;
  if (_pool[best].health == BH_PROBING)
    _pool[best].probe_out = 1;
  return best;
}

void MidWrrHealthBalancer::mark_success(int b) {
  PoolMember &m = _pool[b];
  m.failures = 0;
  m.probe_out = 0;
  m.holddown_ms = BASE_HOLD_MS;
  m.health = BH_UP;
}

void MidWrrHealthBalancer::mark_failure(int b, uint32_t now) {
  PoolMember &m = _pool[b];
  if (m.failures < 255)
    m.failures++;
  if (m.health == BH_PROBING) {
    m.holddown_ms = m.holddown_ms * 2 > MAX_HOLD_MS ? (uint32_t)MAX_HOLD_MS
                                                     : m.holddown_ms * 2;
    m.health = BH_DOWN;
  } else if (m.failures >= FAIL_DOWN)
    m.health = BH_DOWN;
  else if (m.failures >= FAIL_SUSPECT)
    m.health = BH_SUSPECT;
  if (m.health == BH_DOWN) {
    m.retry_at_ms = now + m.holddown_ms;
    m.current = 0;
    m.probe_out = 0;
  }
}

void MidWrrHealthBalancer::rewrite(WritablePacket *q, bool src, uint32_t addr) {
  click_ip *iph = q->ip_header();
  struct in_addr *field = src ? &iph->ip_src : &iph->ip_dst;
  uint32_t old = field->s_addr;
  field->s_addr = addr;
  uint16_t o1 = (uint16_t)(old >> 16), o2 = (uint16_t)old;
  uint16_t n1 = (uint16_t)(addr >> 16), n2 = (uint16_t)addr;
  click_update_in_cksum(&iph->ip_sum, o1, n1);
  click_update_in_cksum(&iph->ip_sum, o2, n2);
  if (iph->ip_p == IP_PROTO_TCP) {
    click_tcp *th = q->tcp_header();
    click_update_in_cksum(&th->th_sum, o1, n1);
    click_update_in_cksum(&th->th_sum, o2, n2);
  } else {
    click_udp *uh = q->udp_header();
    click_update_zero_in_cksum(&uh->uh_sum, o1, n1);
    click_update_zero_in_cksum(&uh->uh_sum, o2, n2);
  }
}

void MidWrrHealthBalancer::forget(const IPFlowID &key, LbFlow *f) {
  PoolMember &m = _pool[f->backend];
  if (m.active)
    m.active--;
  _rev.erase(IPFlowID(IPAddress(m.addr), key.dport(), key.saddr(), key.sport()));
  _flows.erase(key);
}

void MidWrrHealthBalancer::forward(Packet *p, const click_ip *iph,
                                   const uint8_t *l4, uint32_t now) {
  IPFlowID key(p);
  uint8_t fl = iph->ip_p == IP_PROTO_TCP
                   ? reinterpret_cast<const click_tcp *>(l4)->th_flags
                   : 0;
  bool syn = (fl & (TH_SYN | TH_ACK)) == TH_SYN;
  LbFlow *f = _flows.get_pointer(key);
  if (f) {
    uint32_t idle = f->proto == IP_PROTO_TCP ? TCP_IDLE_MS : UDP_IDLE_MS;
    if (now - f->last_ms > idle || (syn && f->handshake == 1)) {
      forget(key, f); // stale, or the port was reused for a new connection
      f = 0;
    }
  }
  if (f && syn && f->handshake == 0) {
    // retransmitted SYN: the backend has not answered in time
    if (now - f->syn_ms >= SYN_RETRY_MS && ++f->syn_count >= 2) {
      mark_failure(f->backend, now);
      f->syn_count = 0;
      f->syn_ms = now;
    }
  }
  if (!f) {
    if (iph->ip_p == IP_PROTO_TCP && !syn) {
      output(OUT_DROP).push(p); // mid-stream packet of an unknown flow
      return;
    }
    int b = pick(now);
    if (b < 0) {
      _no_backend++;
      output(OUT_DROP).push(p);
      return;
    }
    LbFlow fresh = {iph->ip_dst.s_addr, now, now, (uint8_t)b, iph->ip_p,
                    (uint8_t)(iph->ip_p == IP_PROTO_TCP ? 0 : 2), 0};
    IPFlowID rk(IPAddress(_pool[b].addr), key.dport(), key.saddr(),
                key.sport());
    if (!_flows.insert(key, fresh)) {
      _no_backend++;
      output(OUT_DROP).push(p);
      return;
    }
    if (!_rev.set(rk, key)) {
      _flows.erase(key);
      output(OUT_DROP).push(p);
      return;
    }
    f = _flows.get_pointer(key);
    _pool[b].active++;
    _pool[b].assigned++;
  }
  f->last_ms = now;
  uint32_t backend_addr = _pool[f->backend].addr;
  bool closing = fl & TH_RST;
  if (closing)
    forget(key, f);
  WritablePacket *q = p->uniqueify();
  if (!q)
    return;
  rewrite(q, false, backend_addr);
  q->set_dst_ip_anno(IPAddress(backend_addr));
  _rewritten++;
  output(OUT_FWD).push(q);
}

void MidWrrHealthBalancer::reverse(Packet *p, const click_ip *iph,
                                   const uint8_t *l4, int b, uint32_t now) {
  IPFlowID rk(p);
  IPFlowID *fk = _rev.get_pointer(rk);
  LbFlow *f = fk ? _flows.get_pointer(*fk) : 0;
  if (!f || f->backend != b) {
    output(OUT_FWD).push(p); // backend traffic not through the balancer
    return;
  }
  f->last_ms = now;
  uint32_t vip = f->vip;
  if (iph->ip_p == IP_PROTO_TCP) {
    uint8_t fl = reinterpret_cast<const click_tcp *>(l4)->th_flags;
    if (f->handshake == 0) {
      if ((fl & (TH_SYN | TH_ACK)) == (TH_SYN | TH_ACK)) {
        f->handshake = 1;
        mark_success(b);
      } else if (fl & TH_RST)
        mark_failure(b, now); // connection refused
    }
    if (fl & TH_RST)
      forget(IPFlowID(*fk), f);
  }
  WritablePacket *q = p->uniqueify();
  if (!q)
    return;
  rewrite(q, true, vip);
  _replies++;
  output(OUT_FWD).push(q);
}

void MidWrrHealthBalancer::push(int, Packet *p) {
  const click_ip *iph = p->ip_header();
  if (!iph || (iph->ip_p != IP_PROTO_TCP && iph->ip_p != IP_PROTO_UDP) ||
      IP_ISFRAG(iph)) {
    output(OUT_FWD).push(p);
    return;
  }
  int hl = iph->ip_hl << 2;
  const uint8_t *l4 = reinterpret_cast<const uint8_t *>(iph) + hl;
  size_t need = iph->ip_p == IP_PROTO_TCP ? sizeof(click_tcp) : sizeof(click_udp);
  if (l4 + need > p->end_data()) {
    output(OUT_DROP).push(p);
    return;
  }
  p->set_ip_header(iph, hl);
  const Timestamp &ts = p->timestamp_anno();
  uint32_t now = (uint32_t)ts.sec() * 1000 + ts.msec();
  if (is_vip(iph->ip_dst.s_addr)) {
    forward(p, iph, l4, now);
    return;
  }
  int b = member_index(iph->ip_src.s_addr);
  if (b >= 0) {
    reverse(p, iph, l4, b, now);
    return;
  }
  output(OUT_FWD).push(p);
}

extern "C" Element *clara_nf_create(const char *config) {
  Element *e = new MidWrrHealthBalancer;
  if (clara_element_setup(e, config ? String(config) : String(), 1, 2) < 0)
    return 0;
  return e;
}
