// Training source for the instruction models (models/README.md): a
// per-source connection limiter: new TCP connections (SYN) and new UDP
// flows are counted in a sliding window (current window plus the previous
// one weighted by its remaining overlap), concurrent connections are
// tracked per source through a flow table (SYN opens, FIN/RST closes), and
// a source over either limit has its new connections dropped while its
// established ones keep flowing. Exempt prefixes are kept in a Vector.
// Written for training only; not part of the NF corpus.
#include <click/clara.hh>
#include <click/config.h>
#include <click/element.hh>
#include <click/hashtable.hh>
#include <click/packet.hh>
#include <click/packet_anno.hh>
#include <click/vector.hh>
#include <clicknet/ip.h>
#include <clicknet/tcp.h>
#include <clicknet/udp.h>

struct SrcRate {
  uint32_t window_start; // msec
  uint16_t cur, prev;    // new connections in this and the last window
  uint16_t open;         // concurrent connections
  uint16_t denied;
};

struct Exempt {
  uint32_t net, mask;
};

enum FlowState { F_NONE = 0, F_OPEN = 1, F_CLOSING = 2 };

class TrainConnLimit : public Element {
public:
  enum { WINDOW_MS = 1000 };
  TrainConnLimit()
      : _rate_limit(40), _open_limit(64), _accepted(0), _denied(0),
        _table_full(0) {
    _exempt.push_back(Exempt{0xc0a80000u, 0xffff0000u});
    _exempt.push_back(Exempt{0x7f000000u, 0xff000000u});
  }
  const char *class_name() const override { return "TrainConnLimit"; }
  const char *port_count() const override { return PORTS_1_1X2; }
  const char *processing() const override { return PUSH; }
  void push(int port, Packet *p) override;

private:
  bool exempt(uint32_t src) const {
    for (int i = 0; i < _exempt.size(); ++i)
      if ((src & _exempt[i].mask) == _exempt[i].net)
        return true;
    return false;
  }
  static uint64_t flow_key(const click_ip *iph, uint32_t ports) {
    uint64_t k = (uint64_t)iph->ip_src.s_addr * 0x9e3779b97f4a7c15ull;
    k ^= (uint64_t)iph->ip_dst.s_addr << 21;
    return k ^ ports ^ ((uint64_t)iph->ip_p << 56);
  }
  SrcRate *rate(uint32_t src, uint32_t now);
  uint32_t estimate(const SrcRate *r, uint32_t now) const;
  int classify(const click_ip *iph, const uint8_t *l4, int l4len,
               uint64_t *key) const;
  bool admit(SrcRate *r, uint32_t now);
  void close_flow(uint64_t key, SrcRate *r);

  Vector<Exempt> _exempt;
  HashTable<uint32_t, SrcRate, 256, 4> _src;
  HashTable<uint64_t, uint8_t, 1024, 4> _flows;
  uint32_t _rate_limit, _open_limit;
  uint64_t _accepted, _denied, _table_full;
};

SrcRate *TrainConnLimit::rate(uint32_t src, uint32_t now) {
  SrcRate *r = _src.get_pointer(src);
  if (!r) {
    SrcRate fresh = {now, 0, 0, 0, 0};
    if (!_src.insert(src, fresh))
      return 0;
    return _src.get_pointer(src);
  }
  uint32_t elapsed = now - r->window_start;
  if (elapsed >= WINDOW_MS) {
    r->prev = elapsed < 2 * WINDOW_MS ? r->cur : 0;
    r->cur = 0;
    r->window_start = now - elapsed % WINDOW_MS;
  }
  return r;
}

uint32_t TrainConnLimit::estimate(const SrcRate *r, uint32_t now) const {
  uint32_t into = now - r->window_start;
  if (into > WINDOW_MS)
    into = WINDOW_MS;
  // prev * (remaining share of the window), rounded up
  uint32_t carried = (r->prev * (WINDOW_MS - into) + WINDOW_MS - 1) / WINDOW_MS;
  return r->cur + carried;
}

// 0: not a connection packet we track; 1: opens; 2: closes; 3: other.
int TrainConnLimit::classify(const click_ip *iph, const uint8_t *l4, int l4len,
                             uint64_t *key) const {
  if (l4len < 8)
    return 0;
  uint32_t ports = (uint32_t)l4[0] << 24 | (uint32_t)l4[1] << 16 |
                   (uint32_t)l4[2] << 8 | l4[3];
  *key = flow_key(iph, ports);
  if (iph->ip_p == IP_PROTO_UDP)
    return _flows.count(*key) ? 3 : 1;
  if (iph->ip_p != IP_PROTO_TCP || l4len < (int)sizeof(click_tcp))
    return 0;
  uint8_t fl = reinterpret_cast<const click_tcp *>(l4)->th_flags;
  if ((fl & (TH_SYN | TH_ACK)) == TH_SYN)
    return 1;
  if (fl & (TH_FIN | TH_RST))
    return 2;
  return 3;
}

bool TrainConnLimit::admit(SrcRate *r, uint32_t now) {
  if (estimate(r, now) >= _rate_limit || r->open >= _open_limit) {
    if (r->denied != 0xffff)
      r->denied++;
    return false;
  }
  if (r->cur != 0xffff)
    r->cur++;
  return true;
}

void TrainConnLimit::close_flow(uint64_t key, SrcRate *r) {
  uint8_t *st = _flows.get_pointer(key);
  if (!st)
    return;
  if (*st == F_OPEN) {
    *st = F_CLOSING;
    if (r && r->open)
      r->open--;
  } else
    _flows.erase(key); // second FIN or RST after FIN: forget the flow
}

void TrainConnLimit::push(int, Packet *p) {
  const click_ip *iph = p->ip_header();
  if (!p->has_transport_header() || IP_ISFRAG(iph)) {
    output(0).push(p);
    return;
  }
  uint32_t src = ntohl(iph->ip_src.s_addr);
  if (exempt(src)) {
    output(0).push(p);
    return;
  }
  uint64_t key = 0;
  int kind = classify(iph, p->transport_header(), p->transport_length(), &key);
  if (kind == 0 || kind == 3) {
    output(0).push(p);
    return;
  }
  const Timestamp &ts = p->timestamp_anno();
  uint32_t now = (uint32_t)ts.sec() * 1000u + ts.msec();
  SrcRate *r = rate(src, now);
  if (kind == 2) {
    close_flow(key, r);
    output(0).push(p);
    return;
  }
  if (!r || _flows.count(key)) { // unknown source table slot, or a re-SYN
    output(0).push(p);
    return;
  }
  if (!admit(r, now)) {
    _denied++;
    SET_AGGREGATE_ANNO(p, estimate(r, now));
    output(1).push(p);
    return;
  }
  if (!_flows.insert(key, (uint8_t)F_OPEN))
    _table_full++;
  else
    r->open++;
  _accepted++;
  output(0).push(p);
}

extern "C" Element *clara_nf_create(const char *config) {
  Element *e = new TrainConnLimit;
  if (clara_element_setup(e, config ? String(config) : String(), 1, 2) < 0)
    return 0;
  return e;
}
