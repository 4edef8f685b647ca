// Training source for the instruction models (models/README.md): a TCP
// connection tracker, one state machine per bidirectional flow (SYN, SYN-ACK,
// ESTABLISHED, FIN and RST transitions), per-state timeouts, a sequence
// window check and a periodic sweep of expired entries.
// Written for training only; not part of the NF corpus.
#include <click/clara.hh>
#include <click/config.h>
#include <click/element.hh>
#include <click/hashtable.hh>
#include <click/ipflowid.hh>
#include <click/packet.hh>
#include <click/packet_anno.hh>
#include <clicknet/ip.h>
#include <clicknet/tcp.h>
#include <clicknet/udp.h>

enum CtState {
  CT_NONE = 0,
  CT_SYN_SENT,
  CT_SYN_RECV,
  CT_ESTABLISHED,
  CT_FIN_WAIT,
  CT_CLOSE_WAIT,
  CT_TIME_WAIT,
  CT_CLOSED
};

struct CtEntry {
  uint8_t state;
  uint8_t orig_dir; // 0: key was (src,dst) order of the first packet
  uint16_t flags_seen;
  uint32_t next_seq[2];
  uint32_t max_win[2];
  uint32_t last_seen;
  uint64_t bytes[2];
  CtEntry() : state(CT_NONE), orig_dir(0), flags_seen(0), last_seen(0) {
    next_seq[0] = next_seq[1] = 0;
    max_win[0] = max_win[1] = 0;
    bytes[0] = bytes[1] = 0;
  }
};

class TrainConnTrack : public Element {
public:
  TrainConnTrack() : _tick(0), _invalid(0), _expired(0) {}
  const char *class_name() const override { return "TrainConnTrack"; }
  const char *port_count() const override { return "1/2"; }
  const char *processing() const override { return PUSH; }
  void push(int port, Packet *p) override;

private:
  typedef HashTable<IPFlowID, CtEntry, 512, 4> Table;

  static bool canonical(const IPFlowID &f, IPFlowID *key) {
    uint32_t a = f.saddr().addr(), b = f.daddr().addr();
    bool swap = a > b || (a == b && f.sport() > f.dport());
    if (swap)
      key->assign(f.daddr(), f.dport(), f.saddr(), f.sport());
    else
      *key = f;
    return swap;
  }
  static uint32_t timeout_for(uint8_t state) {
    switch (state) {
    case CT_SYN_SENT:
    case CT_SYN_RECV:
      return 120;
    case CT_ESTABLISHED:
      return 7200;
    case CT_FIN_WAIT:
    case CT_CLOSE_WAIT:
      return 60;
    case CT_TIME_WAIT:
      return 30;
    default:
      return 10;
    }
  }
  int transition(int state, uint8_t flags, int dir, int orig) const;
  bool in_window(const CtEntry &e, int dir, uint32_t seq, uint32_t len) const;
  int sweep(uint32_t now, int budget);

  Table _table;
  uint32_t _tick;
  uint32_t _invalid, _expired;
};

int TrainConnTrack::transition(int state, uint8_t flags, int dir,
                               int orig) const {
  bool reply = dir != orig;
  if (flags & TH_RST)
    return CT_CLOSED;
  switch (state) {
  case CT_NONE:
  case CT_CLOSED:
    if ((flags & (TH_SYN | TH_ACK)) == TH_SYN)
      return CT_SYN_SENT;
    return (flags & TH_ACK) ? CT_ESTABLISHED : -1; // mid-stream pickup
  case CT_SYN_SENT:
    if (reply && (flags & (TH_SYN | TH_ACK)) == (TH_SYN | TH_ACK))
      return CT_SYN_RECV;
    return (flags & TH_SYN) && !reply ? CT_SYN_SENT : -1;
  case CT_SYN_RECV:
    if (!reply && (flags & TH_ACK) && !(flags & TH_SYN))
      return CT_ESTABLISHED;
    return flags & TH_SYN ? CT_SYN_RECV : -1;
  case CT_ESTABLISHED:
    if (flags & TH_FIN)
      return reply ? CT_CLOSE_WAIT : CT_FIN_WAIT;
    return CT_ESTABLISHED;
  case CT_FIN_WAIT:
  case CT_CLOSE_WAIT:
    if (flags & TH_FIN)
      return CT_TIME_WAIT;
    return state;
  case CT_TIME_WAIT:
    return (flags & TH_SYN) && !reply ? CT_SYN_SENT : CT_TIME_WAIT;
  default:
    return -1;
  }
}

bool TrainConnTrack::in_window(const CtEntry &e, int dir, uint32_t seq,
                               uint32_t len) const {
  uint32_t expect = e.next_seq[dir];
  if (expect == 0 || e.state < CT_ESTABLISHED)
    return true;
  uint32_t win = e.max_win[dir ^ 1];
  if (win < 1024)
    win = 1024;
  // seq must lie in [expect - win, expect + win], wrap-around aware
  return SEQ_GEQ(seq + len, expect - win) && SEQ_LEQ(seq, expect + win);
}

int TrainConnTrack::sweep(uint32_t now, int budget) {
  int removed = 0;
  for (Table::iterator it = _table.begin(); it.live() && budget > 0; --budget) {
    CtEntry &e = it.value();
    uint32_t age = now - e.last_seen;
    if (age > timeout_for(e.state) || e.state == CT_CLOSED) {
      it = _table.erase(it);
      ++removed;
    } else {
      ++it;
    }
  }
  _expired += removed;
  return removed;
}

void TrainConnTrack::push(int, Packet *p) {
  const click_ip *iph = p->ip_header();
  if (!p->has_network_header() || iph->ip_p != IP_PROTO_TCP || IP_ISFRAG(iph) ||
      p->transport_length() < (int)sizeof(click_tcp)) {
    output(0).push(p);
    return;
  }
  const click_tcp *th = p->tcp_header();
  uint32_t now = p->timestamp_anno().sec();
  if (++_tick % 256 == 0)
    sweep(now, 64);

  IPFlowID key;
  int dir = canonical(IPFlowID(p), &key) ? 1 : 0;
  CtEntry *ep = _table.get_pointer(key);
  if (!ep && _table.insert(key, CtEntry()))
    ep = _table.get_pointer(key);
  if (!ep) {
    _invalid++;
    output(1).push(p);
    return;
  }
  CtEntry &e = *ep;
  if (e.state == CT_NONE)
    e.orig_dir = (uint8_t)dir;

  uint8_t flags = th->th_flags;
  uint32_t hl = (uint32_t)(iph->ip_hl << 2) + (uint32_t)(th->th_off << 2);
  uint32_t plen = ntohs(iph->ip_len);
  uint32_t payload = plen > hl ? plen - hl : 0;
  uint32_t seq = ntohl(th->th_seq);

  int next = transition(e.state, flags, dir, e.orig_dir);
  if (next < 0 || !in_window(e, dir, seq, payload)) {
    _invalid++;
    SET_PAINT_ANNO(p, 0xff);
    output(1).push(p);
    return;
  }
  e.state = (uint8_t)next;
  e.flags_seen |= (uint16_t)(flags << (dir ? 8 : 0));
  uint32_t adv = seq + payload + ((flags & (TH_SYN | TH_FIN)) ? 1 : 0);
  if (SEQ_GT(adv, e.next_seq[dir]) || e.next_seq[dir] == 0)
    e.next_seq[dir] = adv;
  uint32_t win = ntohs(th->th_win);
  if (win > e.max_win[dir])
    e.max_win[dir] = win;
  e.bytes[dir] += plen;
  e.last_seen = now;
  SET_PAINT_ANNO(p, (uint8_t)next);
  output(0).push(p);
}

extern "C" Element *clara_nf_create(const char *config) {
  Element *e = new TrainConnTrack;
  if (clara_element_setup(e, config ? String(config) : String(), 1, 2) < 0)
    return 0;
  return e;
}
