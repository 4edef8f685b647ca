// Training source for the instruction models (models/README.md): a source
// NAPT with a port pool kept as a free list, a forward mapping table, a
// reverse table indexed by external port, idle expiry with recycling of
// ports, and incremental IP/TCP/UDP checksum updates.
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

static inline uint16_t csum_fold32(uint32_t s) {
  s = (s & 0xffff) + (s >> 16);
  s = (s & 0xffff) + (s >> 16);
  return (uint16_t)s;
}

// RFC 1624 style update of a 16-bit checksum for one 16-bit word change.
static uint16_t csum_replace16(uint16_t sum, uint16_t from, uint16_t to) {
  uint32_t s = (uint16_t)~sum;
  s += (uint16_t)~from;
  s += to;
  return (uint16_t)~csum_fold32(s);
}

static uint16_t csum_replace32(uint16_t sum, uint32_t from, uint32_t to) {
  sum = csum_replace16(sum, (uint16_t)(from >> 16), (uint16_t)(to >> 16));
  return csum_replace16(sum, (uint16_t)from, (uint16_t)to);
}

struct NatBinding {
  uint32_t int_addr;
  uint16_t int_port;
  uint16_t ext_port;
  uint8_t proto;
  uint8_t active;
  uint32_t last_used;
  uint32_t packets;
};

class TrainNapt : public Element {
public:
  enum { POOL = 1024, BASE_PORT = 20000, IDLE = 300 };
  TrainNapt()
      : _ext_addr(0xc6336401u), _free_top(0), _allocs(0), _alloc_fail(0),
        _untranslated(0) {
    for (int i = POOL - 1; i >= 0; --i)
      _free[_free_top++] = (uint16_t)i;
    memset(_rev, 0, sizeof(_rev));
  }
  const char *class_name() const override { return "TrainNapt"; }
  const char *port_count() const override { return "2/2"; }
  const char *processing() const override { return PUSH; }
  void push(int port, Packet *p) override;

private:
  int alloc_port(uint32_t now);
  void release_port(int idx);
  int reclaim_idle(uint32_t now, int max_scan);
  NatBinding *lookup_out(const IPFlowID &f, uint8_t proto, uint32_t now);
  bool rewrite(WritablePacket *q, bool outbound, uint32_t addr, uint16_t port);
  bool outbound(WritablePacket *q, uint32_t now);
  bool inbound(WritablePacket *q, uint32_t now);

  HashMap<IPFlowID, int, 1024, 4> _map;
  NatBinding _rev[POOL];
  uint16_t _free[POOL];
  uint32_t _ext_addr;
  int _free_top;
  uint32_t _allocs, _alloc_fail, _untranslated;
  unsigned _scan = 0;
};

int TrainNapt::alloc_port(uint32_t now) {
  if (_free_top == 0 && reclaim_idle(now, 64) == 0)
    return -1;
  int idx = _free[--_free_top];
  _allocs++;
  return idx;
}

void TrainNapt::release_port(int idx) {
  NatBinding &b = _rev[idx];
  IPFlowID f(IPAddress(b.int_addr), b.int_port, IPAddress(), 0);
  _map.erase(f);
  b.active = 0;
  _free[_free_top++] = (uint16_t)idx;
}

int TrainNapt::reclaim_idle(uint32_t now, int max_scan) {
  int freed = 0;
  for (int n = 0; n < max_scan; ++n) {
    unsigned i = _scan;
    _scan = (_scan + 1) % POOL;
    if (_rev[i].active && now - _rev[i].last_used > IDLE) {
      release_port(i);
      ++freed;
    }
  }
  return freed;
}

NatBinding *TrainNapt::lookup_out(const IPFlowID &f, uint8_t proto,
                                  uint32_t now) {
  // Endpoint-independent mapping: key on the internal address and port only.
  IPFlowID k(f.saddr(), f.sport(), IPAddress(), 0);
  int *ip = _map.findp(k);
  if (ip && _rev[*ip].proto == proto)
    return &_rev[*ip];
  int idx = alloc_port(now);
  if (idx < 0) {
    _alloc_fail++;
    return 0;
  }
  if (!_map.insert(k, idx)) {
    _free[_free_top++] = (uint16_t)idx;
    _alloc_fail++;
    return 0;
  }
  NatBinding &b = _rev[idx];
  b.int_addr = f.saddr().addr();
  b.int_port = f.sport();
  b.ext_port = (uint16_t)(BASE_PORT + idx);
  b.proto = proto;
  b.active = 1;
  b.packets = 0;
  return &b;
}

bool TrainNapt::rewrite(WritablePacket *q, bool outbound, uint32_t addr,
                        uint16_t port) {
  click_ip *iph = q->ip_header();
  uint32_t *ap = outbound ? &iph->ip_src.s_addr : &iph->ip_dst.s_addr;
  uint32_t old_addr = *ap;
  *ap = addr;
  iph->ip_sum = csum_replace32(iph->ip_sum, old_addr, addr);
  unsigned char *th = q->transport_header();
  uint16_t *pp = reinterpret_cast<uint16_t *>(th + (outbound ? 0 : 2));
  uint16_t old_port = *pp;
  *pp = port;
  uint16_t *sum;
  if (iph->ip_p == IP_PROTO_TCP)
    sum = &q->tcp_header()->th_sum;
  else if (q->udp_header()->uh_sum != 0)
    sum = &q->udp_header()->uh_sum;
  else
    return true;
  *sum = csum_replace32(*sum, old_addr, addr);
  *sum = csum_replace16(*sum, old_port, port);
  return true;
}

bool TrainNapt::outbound(WritablePacket *q, uint32_t now) {
  const click_ip *iph = q->ip_header();
  NatBinding *b = lookup_out(IPFlowID(q), iph->ip_p, now);
  if (!b)
    return false;
  b->last_used = now;
  b->packets++;
  return rewrite(q, true, htonl(_ext_addr), htons(b->ext_port));
}

bool TrainNapt::inbound(WritablePacket *q, uint32_t now) {
  const click_ip *iph = q->ip_header();
  if (ntohl(iph->ip_dst.s_addr) != _ext_addr)
    return false;
  int idx = (int)ntohs(q->udp_header()->uh_dport) - BASE_PORT;
  if (idx < 0 || idx >= POOL || !_rev[idx].active ||
      _rev[idx].proto != iph->ip_p)
    return false;
  _rev[idx].last_used = now;
  return rewrite(q, false, htonl(_rev[idx].int_addr),
                 htons(_rev[idx].int_port));
}

void TrainNapt::push(int port, Packet *p) {
  const click_ip *iph = p->ip_header();
  bool ok = p->has_network_header() &&
            (iph->ip_p == IP_PROTO_TCP || iph->ip_p == IP_PROTO_UDP) &&
            !IP_ISFRAG(iph) && p->transport_length() >= 8;
  if (!ok) {
    _untranslated++;
    p->kill();
    return;
  }
  uint32_t now = p->timestamp_anno().sec();
  // Inputs: 0 = from the inside, 1 = from the outside. Packets that a NIC
  // receives on one port only come in on 0; answers are looked up there too
  // when they are addressed to the external address.
  bool in = port == 1 || ntohl(iph->ip_dst.s_addr) == _ext_addr;
  WritablePacket *q = p->uniqueify();
  if (!q)
    return;
  if (!(in ? inbound(q, now) : outbound(q, now))) {
    _untranslated++;
    q->kill();
    return;
  }
  output(in ? 1 : 0).push(q);
}

extern "C" Element *clara_nf_create(const char *config) {
  Element *e = new TrainNapt;
  if (clara_element_setup(e, config ? String(config) : String(), 2, 2) < 0)
    return 0;
  return e;
}
