// Training source for the instruction models (models/README.md): a SYN
// flood detector: per-destination SYN / SYN-ACK / ACK counters over fixed
// windows, a per-source half-open estimate in a small direct-mapped table,
// thresholds on rates and ratios, and a blacklist of sources with expiry.
// Written for training only; not part of the NF corpus.
#include <click/clara.hh>
#include <click/config.h>
#include <click/element.hh>
#include <click/hashtable.hh>
#include <click/packet.hh>
#include <click/packet_anno.hh>
#include <clicknet/ip.h>
#include <clicknet/tcp.h>

struct DstWindow {
  uint32_t window_start; // msec
  uint16_t syn, synack, ack, rst;
  uint32_t prev_syn; // SYNs of the previous window
  uint8_t under_attack;
};

struct SrcSlot {
  uint32_t addr;
  int32_t half_open; // SYNs minus completing ACKs, may go negative briefly
  uint32_t blocked_until;
};

class TrainSynFlood : public Element {
public:
  enum { SRC_SLOTS = 256, WINDOW_MS = 100 };
  TrainSynFlood()
      : _syn_limit(200), _ratio_pct(300), _half_open_limit(32), _block_ms(5000),
        _alarms(0), _blocked(0) {
    memset(_src, 0, sizeof(_src));
  }
  const char *class_name() const override { return "TrainSynFlood"; }
  const char *port_count() const override { return PORTS_1_1X2; }
  const char *processing() const override { return PUSH; }
  void push(int port, Packet *p) override;

private:
  static uint32_t src_index(uint32_t a) {
    uint32_t h = a * 2654435761u;
    return (h ^ (h >> 15)) & (SRC_SLOTS - 1);
  }
  DstWindow *window_for(uint32_t dst, uint32_t now);
  bool evaluate(DstWindow *w) const;
  SrcSlot *source(uint32_t addr, uint32_t now);
  void count_flags(DstWindow *w, SrcSlot *s, uint8_t flags, bool to_server);
  bool blocked(const SrcSlot *s, uint32_t now) const {
    return s && s->blocked_until != 0 && (int32_t)(s->blocked_until - now) > 0;
  }

  HashTable<uint32_t, DstWindow, 256, 4> _dst;
  SrcSlot _src[SRC_SLOTS];
  uint32_t _syn_limit, _ratio_pct;
  int32_t _half_open_limit;
  uint32_t _block_ms;
  uint32_t _alarms, _blocked;
};

DstWindow *TrainSynFlood::window_for(uint32_t dst, uint32_t now) {
  DstWindow *w = _dst.get_pointer(dst);
  if (!w) {
    DstWindow fresh;
    memset(&fresh, 0, sizeof(fresh));
    fresh.window_start = now;
    if (!_dst.insert(dst, fresh))
      return 0;
    w = _dst.get_pointer(dst);
  }
  uint32_t elapsed = now - w->window_start;
  if (elapsed >= WINDOW_MS) {
    // Close the window: a quiet window after an attack clears the alarm.
    w->under_attack =
        evaluate(w) ? 1 : (w->syn < _syn_limit / 4 ? 0 : w->under_attack);
    w->prev_syn = elapsed >= 2 * WINDOW_MS ? 0 : w->syn;
    w->syn = w->synack = w->ack = w->rst = 0;
    w->window_start = now - elapsed % WINDOW_MS;
  }
  return w;
}

bool TrainSynFlood::evaluate(DstWindow *w) const {
  uint32_t syn = w->syn + w->prev_syn / 2;
  if (syn < _syn_limit)
    return false;
  uint32_t done = w->ack ? w->ack : 1;
  uint32_t ratio = syn * 100 / done;
  return ratio > _ratio_pct || w->rst > syn / 2;
}

SrcSlot *TrainSynFlood::source(uint32_t addr, uint32_t now) {
  SrcSlot *s = &_src[src_index(addr)];
  if (s->addr != addr) {
    if (blocked(s, now))
      return 0; // keep the blocked entry, do not track the newcomer
    s->addr = addr;
    s->half_open = 0;
    s->blocked_until = 0;
  }
  return s;
}

void TrainSynFlood::count_flags(DstWindow *w, SrcSlot *s, uint8_t flags,
                                bool to_server) {
  switch (flags & (TH_SYN | TH_ACK | TH_RST | TH_FIN)) {
  case TH_SYN:
    if (w->syn != 0xffff)
      w->syn++;
    if (s)
      s->half_open++;
    break;
  case TH_SYN | TH_ACK:
    w->synack++;
    break;
  case TH_ACK:
  case TH_ACK | TH_FIN:
    if (to_server) {
      w->ack++;
      if (s && s->half_open > 0)
        s->half_open--;
    }
    break;
  case TH_RST:
  case TH_RST | TH_ACK:
    w->rst++;
    if (s && s->half_open > -4)
      s->half_open -= 1;
    break;
  default:
    break;
  }
}

void TrainSynFlood::push(int, Packet *p) {
  const click_ip *iph = p->ip_header();
  if (!p->has_network_header() || iph->ip_p != IP_PROTO_TCP ||
      p->transport_length() < (int)sizeof(click_tcp)) {
    output(0).push(p);
    return;
  }
  const click_tcp *th = p->tcp_header();
  const Timestamp &ts = p->timestamp_anno();
  uint32_t now = (uint32_t)ts.sec() * 1000 + ts.subsec() / 1000000;
  uint32_t saddr = ntohl(iph->ip_src.s_addr);
  uint32_t daddr = ntohl(iph->ip_dst.s_addr);
  // Server side is the lower port: replies go the other way.
  bool to_server = ntohs(th->th_dport) < ntohs(th->th_sport);
  uint32_t server = to_server ? daddr : saddr;

  SrcSlot *s = to_server ? source(saddr, now) : 0;
  if (to_server && (!s || blocked(s, now))) {
    _blocked++;
    output(1).push(p);
    return;
  }
  DstWindow *w = window_for(server, now);
  if (!w) {
    output(0).push(p);
    return;
  }
  count_flags(w, s, th->th_flags, to_server);
  if (w->under_attack && s && s->half_open > _half_open_limit) {
    s->blocked_until = now + _block_ms;
    _alarms++;
    output(1).push(p);
    return;
  }
  SET_PAINT_ANNO(p, w->under_attack);
  output(0).push(p);
}

extern "C" Element *clara_nf_create(const char *config) {
  Element *e = new TrainSynFlood;
  if (clara_element_setup(e, config ? String(config) : String(), 1, 2) < 0)
    return 0;
  return e;
}
