// TCPStateFilter: stateful TCP firewall as a Click element. Connections are
// tracked in a small table searched linearly by their address/port pair in
// either orientation (the side that sent the first SYN is "original").
// Each packet's flags are reduced to one event (SYN, SYN+ACK, FIN, ACK,
// RST, none) and a transition table indexed by direction, event and state
// gives the next state or INVALID. Invalid packets leave on output 1 and do
// not change the state; valid ones leave on output 0. Idle connections
// expire after a per-state timeout, and when the table is full the entry
// idle the longest is recycled. Simplifications: no simultaneous open, no
// mid-stream pick-up, and the ACK after both FINs enters TIME_WAIT
// whichever side sends it. Label: none.
#include <click/config.h>
#include <click/element.hh>
#include <click/packet.hh>
#include <clicknet/ip.h>
#include <clicknet/tcp.h>

namespace ct {

enum State : uint8_t {
  NONE, SYN_SENT, SYN_RECV, ESTABLISHED, FIN_ORIG, FIN_REPLY, CLOSING,
  TIME_WAIT, CLOSED, NSTATES, INVALID = 0xFF
};
enum Event : uint8_t { EV_SYN, EV_SYNACK, EV_FIN, EV_ACK, EV_RST, EV_NONE, NEVENTS };

#define IV INVALID
// kTrans[dir][event][state]
static const uint8_t kTrans[2][NEVENTS][NSTATES] = {
  { // original direction
    /*         NONE      SYN_SENT  SYN_RECV     ESTAB     FIN_ORIG  FIN_REPLY  CLOSING    TIME_WAIT  CLOSED */
    /*SYN*/  { SYN_SENT, SYN_SENT, IV,          IV,       IV,       IV,        IV,        SYN_SENT,  SYN_SENT },
    /*SYNACK*/{ IV,      IV,       IV,          IV,       IV,       IV,        IV,        IV,        IV },
    /*FIN*/  { IV,       IV,       FIN_ORIG,    FIN_ORIG, FIN_ORIG, CLOSING,   CLOSING,   TIME_WAIT, IV },
    /*ACK*/  { IV,       IV,       ESTABLISHED, ESTABLISHED, FIN_ORIG, FIN_REPLY, TIME_WAIT, TIME_WAIT, IV },
    /*RST*/  { IV,       CLOSED,   CLOSED,      CLOSED,   CLOSED,   CLOSED,    CLOSED,    CLOSED,    CLOSED },
    /*none*/ { IV,       IV,       IV,          IV,       IV,       IV,        IV,        IV,        IV },
  },
  { // reply direction
    /*SYN*/  { IV,       IV,       IV,          IV,       IV,       IV,        IV,        IV,        IV },
    /*SYNACK*/{ IV,      SYN_RECV, SYN_RECV,    IV,       IV,       IV,        IV,        IV,        IV },
    /*FIN*/  { IV,       IV,       IV,          FIN_REPLY, CLOSING, FIN_REPLY, CLOSING,   TIME_WAIT, IV },
    /*ACK*/  { IV,       IV,       SYN_RECV,    ESTABLISHED, FIN_ORIG, FIN_REPLY, TIME_WAIT, TIME_WAIT, IV },
    /*RST*/  { IV,       CLOSED,   CLOSED,      CLOSED,   CLOSED,   CLOSED,    CLOSED,    CLOSED,    CLOSED },
    /*none*/ { IV,       IV,       IV,          IV,       IV,       IV,        IV,        IV,        IV },
  },
};
#undef IV

// Idle timeouts in seconds, by state.
static const uint32_t kTimeout[NSTATES] = {0, 120, 60, 432000, 120, 120, 60, 120, 10};

struct Key {
  uint32_t a, b;      // network byte order, as in the header
  uint16_t pa, pb;
};

struct Conn {
  Key k;              // oriented as the original SYN
  uint8_t state;
  uint32_t last_seen;
};

} // namespace ct

class TCPStateFilter : public Element {
public:
  enum { NCONN = 64 };
  TCPStateFilter() : _n(0), _now(0), _invalid(0) {}
  const char *class_name() const override { return "TCPStateFilter"; }
  const char *port_count() const override { return "1/2"; }
  const char *processing() const override { return PUSH; }
  Packet *simple_action(Packet *p) override;

  static ct::Event event_of(uint8_t flags);
  int lookup(const ct::Key &k, int *dir);
  int allocate(const ct::Key &k);
  int track(const ct::Key &k, uint8_t flags);
  void set_now(uint32_t t) { _now = t; }
  uint8_t state(int i) const { return _c[i].state; }
  int size() const { return _n; }

private:
  ct::Conn _c[NCONN];
  int _n;
  uint32_t _now;
  unsigned long _invalid;
};

ct::Event TCPStateFilter::event_of(uint8_t f) {
  if (f & TH_RST)
    return ct::EV_RST;
  if (f & TH_SYN)
    return (f & TH_ACK) ? ct::EV_SYNACK : ct::EV_SYN;
  if (f & TH_FIN)
    return ct::EV_FIN;
  if (f & TH_ACK)
    return ct::EV_ACK;
  return ct::EV_NONE;
}

// Index of a live entry matching k in either orientation, with the
// direction in *dir; expired entries met on the way are dropped.
int TCPStateFilter::lookup(const ct::Key &k, int *dir) {
  int i = 0;
  while (i < _n) {
    ct::Conn &c = _c[i];
    if (_now - c.last_seen > ct::kTimeout[c.state]) {
      _c[i] = _c[--_n];   // swap-remove, re-examine slot i
      continue;
    }
    if (c.k.a == k.a && c.k.b == k.b && c.k.pa == k.pa && c.k.pb == k.pb) {
      *dir = 0;
      return i;
    }
    if (c.k.a == k.b && c.k.b == k.a && c.k.pa == k.pb && c.k.pb == k.pa) {
      *dir = 1;
      return i;
    }
    i++;
  }
  return -1;
}

int TCPStateFilter::allocate(const ct::Key &k) {
  int slot;
  if (_n < NCONN) {
    slot = _n++;
  } else {
    slot = 0;
    uint32_t oldest = _now - _c[0].last_seen;
    for (int i = 1; i < NCONN; i++) {
      uint32_t idle = _now - _c[i].last_seen;
      if (idle > oldest) {
        oldest = idle;
        slot = i;
      }
    }
  }
  _c[slot].k = k;
  _c[slot].state = ct::NONE;
  _c[slot].last_seen = _now;
  return slot;
}

// One packet of the connection k (as seen on the wire) with TCP flags.
// Returns the connection's index, or -1 if the packet is invalid.
int TCPStateFilter::track(const ct::Key &k, uint8_t flags) {
  ct::Event ev = event_of(flags);
  int dir = 0;
  int i = lookup(k, &dir);
  if (i < 0) {
    if (ev != ct::EV_SYN)
      return -1;
    i = allocate(k);
  }
  uint8_t next = ct::kTrans[dir][ev][_c[i].state];
  if (next == ct::INVALID) {
    if (_c[i].state == ct::NONE)   // a fresh slot that never became valid
      _c[i] = _c[--_n];
    return -1;
  }
  _c[i].state = next;
  _c[i].last_seen = _now;
  return i;
}

Packet *TCPStateFilter::simple_action(Packet *p) {
  const click_ip *iph = p->ip_header();
  const click_tcp *th = p->tcp_header();
  ct::Key k;
  k.a = iph->ip_src.s_addr;
  k.b = iph->ip_dst.s_addr;
  k.pa = th->th_sport;
  k.pb = th->th_dport;
  if (track(k, th->th_flags) < 0) {
    _invalid++;
    output(1).push(p);
    return 0;
  }
  return p;
}
