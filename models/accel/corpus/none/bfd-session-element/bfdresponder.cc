// BFDResponder: a single-hop BFD (RFC 5880 / RFC 5881) endpoint in
// asynchronous mode without authentication.  Each received control packet
// (Ethernet + IPv4 + UDP port 3784) is validated as in RFC 5880 section
// 6.8.6, demultiplexed to a session (by Your Discriminator, or by the
// peer address while that is still zero), drives the session's state
// machine, and is turned in place into this side's reply control packet,
// which goes out on output 0.  Discarded packets go to output 1 if it
// exists.  Sessions whose detection time passes without a packet drop to
// Down with diagnostic 1.
//
// BFDResponder(DISCR_BASE n, DESIRED_MIN_TX us, REQUIRED_MIN_RX us,
//              DETECT_MULT n)

#include <click/config.h>
#include <click/args.hh>
#include <click/element.hh>
#include <click/error.hh>
#include <click/packet.hh>
#include <click/timestamp.hh>
#include <clicknet/ether.h>
#include <clicknet/ip.h>
#include <clicknet/udp.h>

namespace {

enum BfdState { ST_ADMIN_DOWN = 0, ST_DOWN = 1, ST_INIT = 2, ST_UP = 3 };
enum BfdDiag {
  DIAG_NONE = 0,
  DIAG_DETECT_EXPIRED = 1,
  DIAG_NEIGHBOR_DOWN = 3
};
enum {
  BFD_PORT = 3784,
  BFD_SRC_PORT_BASE = 49152,
  BFD_LEN = 24,
  FLAG_P = 0x20,
  FLAG_F = 0x10,
  FLAG_C = 0x08,
  FLAG_A = 0x04,
  FLAG_D = 0x02,
  FLAG_M = 0x01,
  SLOW_TX_US = 1000000
};

inline uint32_t rd32(const uint8_t *p) {
  return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) |
         ((uint32_t)p[2] << 8) | p[3];
}
inline void wr32(uint8_t *p, uint32_t v) {
  p[0] = (uint8_t)(v >> 24);
  p[1] = (uint8_t)(v >> 16);
  p[2] = (uint8_t)(v >> 8);
  p[3] = (uint8_t)v;
}

} // namespace

class BFDResponder : public Element {
public:
  BFDResponder();

  const char *class_name() const override { return "BFDResponder"; }
  const char *port_count() const override { return "1/1-2"; }
  const char *processing() const override { return PUSH; }
  int configure(Vector<String> &conf, ErrorHandler *errh) override;
  void push(int port, Packet *p) override;

  enum { MAX_SESSIONS = 32 };

  struct Session {
    bool in_use;
    uint32_t peer_addr; // host order
    uint32_t local_discr;
    uint32_t remote_discr;
    uint8_t state;
    uint8_t remote_state;
    uint8_t diag;
    uint8_t remote_detect_mult;
    bool remote_demand;
    uint32_t remote_min_rx;
    uint32_t remote_desired_tx;
    uint64_t detect_time_us;
    uint64_t last_rx_us;
    uint64_t up_transitions;
  };

  const Session *session_by_peer(uint32_t peer) const;

  enum Reason {
    OK = 0,
    R_NOT_BFD,
    R_VERSION,
    R_LENGTH,
    R_DETECT_MULT,
    R_MULTIPOINT,
    R_MY_DISCR,
    R_NO_SESSION,
    R_YOUR_DISCR_STATE,
    R_AUTH,
    R_ADMIN_DOWN,
    NREASONS
  };
  uint64_t _discards[NREASONS];

private:
  uint32_t _discr_base;
  uint32_t _desired_min_tx;
  uint32_t _required_min_rx;
  uint8_t _detect_mult;
  Session _s[MAX_SESSIONS];

  int locate_bfd(Packet *p, const uint8_t **bfd, unsigned *avail) const;
  Session *find_session(uint32_t your_discr, uint32_t peer, bool *created);
  void check_detection(Session &s, uint64_t now_us);
  int receive(Session &s, const uint8_t *b, uint64_t now_us);
  void fsm(Session &s, uint8_t rstate);
  void build_reply(WritablePacket *q, const Session &s, bool final_bit);
  static uint16_t ip_header_sum(const uint8_t *h, unsigned len);
};

BFDResponder::BFDResponder()
    : _discr_base(0x1000), _desired_min_tx(300000), _required_min_rx(300000),
      _detect_mult(3) {
  memset(_s, 0, sizeof(_s));
  memset(_discards, 0, sizeof(_discards));
}

int BFDResponder::configure(Vector<String> &conf, ErrorHandler *errh) {
  unsigned mult = _detect_mult;
  if (Args(conf, this, errh)
          .read("DISCR_BASE", _discr_base)
          .read("DESIRED_MIN_TX", _desired_min_tx)
          .read("REQUIRED_MIN_RX", _required_min_rx)
          .read("DETECT_MULT", mult)
          .complete() < 0)
    return -1;
  if (mult == 0 || mult > 255)
    return errh->error("DETECT_MULT must be 1..255");
  if (_discr_base == 0 || _discr_base > 0xFFFFFFFFu - MAX_SESSIONS)
    return errh->error("bad DISCR_BASE");
  _detect_mult = (uint8_t)mult;
  return 0;
}

const BFDResponder::Session *BFDResponder::session_by_peer(uint32_t peer) const {
  for (int i = 0; i < MAX_SESSIONS; i++)
    if (_s[i].in_use && _s[i].peer_addr == peer)
      return &_s[i];
  return 0;
}

// Ethernet/IPv4/UDP dst 3784 with TTL 255 (RFC 5881 section 5).
int BFDResponder::locate_bfd(Packet *p, const uint8_t **bfd,
                             unsigned *avail) const {
  const uint8_t *d = p->data();
  unsigned len = p->length();
  if (len < sizeof(click_ether) + sizeof(click_ip) + sizeof(click_udp))
    return R_NOT_BFD;
  const click_ether *eh = reinterpret_cast<const click_ether *>(d);
  if (eh->ether_type != htons(ETHERTYPE_IP))
    return R_NOT_BFD;
  const click_ip *iph = reinterpret_cast<const click_ip *>(d + 14);
  unsigned hl = iph->ip_hl << 2;
  unsigned iplen = ntohs(iph->ip_len);
  if (iph->ip_v != 4 || hl < 20 || iplen < hl + 8 || 14 + iplen > len ||
      iph->ip_p != IP_PROTO_UDP || iph->ip_ttl != 255 ||
      (ntohs(iph->ip_off) & (IP_MF | IP_OFFMASK)) != 0)
    return R_NOT_BFD;
  const click_udp *uh = reinterpret_cast<const click_udp *>(d + 14 + hl);
  unsigned ulen = ntohs(uh->uh_ulen);
  if (ntohs(uh->uh_dport) != BFD_PORT || ulen < 8 || ulen > iplen - hl)
    return R_NOT_BFD;
  p->set_ip_header(iph, hl);
  *bfd = d + 14 + hl + 8;
  *avail = ulen - 8;
  return OK;
}

BFDResponder::Session *BFDResponder::find_session(uint32_t your_discr,
                                                  uint32_t peer,
                                                  bool *created) {
  *created = false;
  if (your_discr != 0) {
    uint32_t idx = your_discr - _discr_base;
    if (your_discr < _discr_base || idx >= MAX_SESSIONS || !_s[idx].in_use ||
        _s[idx].peer_addr != peer)
      return 0;
    return &_s[idx];
  }
  int free_slot = -1;
  for (int i = 0; i < MAX_SESSIONS; i++) {
    if (_s[i].in_use && _s[i].peer_addr == peer)
      return &_s[i];
    if (!_s[i].in_use && free_slot < 0)
      free_slot = i;
  }
  if (free_slot < 0)
    return 0;
  Session &s = _s[free_slot];
  memset(&s, 0, sizeof(s));
  s.in_use = true;
  s.peer_addr = peer;
  s.local_discr = _discr_base + (uint32_t)free_slot;
  s.state = ST_DOWN;
  s.remote_state = ST_DOWN;
  s.remote_min_rx = 1;
  *created = true;
  return &s;
}

// Detection timer (section 6.8.4): silence longer than the detection time
// takes an Init/Up session Down.
void BFDResponder::check_detection(Session &s, uint64_t now_us) {
  if ((s.state == ST_INIT || s.state == ST_UP) && s.detect_time_us != 0 &&
      now_us > s.last_rx_us + s.detect_time_us) {
    s.state = ST_DOWN;
    s.diag = DIAG_DETECT_EXPIRED;
    s.remote_discr = 0;
  }
}

// Section 6.8.6, state table part.
void BFDResponder::fsm(Session &s, uint8_t rstate) {
  if (rstate == ST_ADMIN_DOWN) {
    if (s.state != ST_DOWN) {
      s.diag = DIAG_NEIGHBOR_DOWN;
      s.state = ST_DOWN;
    }
    return;
  }
  switch (s.state) {
  case ST_DOWN:
    if (rstate == ST_DOWN) {
      s.state = ST_INIT;
    } else if (rstate == ST_INIT) {
      s.state = ST_UP;
      s.up_transitions++;
    }
    break;
  case ST_INIT:
    if (rstate == ST_INIT || rstate == ST_UP) {
      s.state = ST_UP;
      s.up_transitions++;
    }
    break;
  case ST_UP:
    if (rstate == ST_DOWN) {
      s.diag = DIAG_NEIGHBOR_DOWN;
      s.state = ST_DOWN;
    }
    break;
  default:
    break;
  }
  if (s.state == ST_UP)
    s.diag = DIAG_NONE;
}

// Field checks and session variable updates. Returns a Reason.
int BFDResponder::receive(Session &s, const uint8_t *b, uint64_t now_us) {
  uint8_t flags = b[1] & 0x3F;
  uint8_t rstate = b[1] >> 6;
  uint32_t my_discr = rd32(b + 4);
  if ((flags & FLAG_A) != 0)
    return R_AUTH; // no authentication configured
  s.remote_discr = my_discr;
  s.remote_state = rstate;
  s.remote_demand = (flags & FLAG_D) != 0;
  s.remote_detect_mult = b[2];
  s.remote_desired_tx = rd32(b + 12);
  s.remote_min_rx = rd32(b + 16);
  // Section 6.8.4: detection time in asynchronous mode.
  uint32_t agreed = _required_min_rx > s.remote_desired_tx
                        ? _required_min_rx
                        : s.remote_desired_tx;
  s.detect_time_us = (uint64_t)s.remote_detect_mult * agreed;
  s.last_rx_us = now_us;
  if (s.state == ST_ADMIN_DOWN)
    return R_ADMIN_DOWN;
  fsm(s, rstate);
  return OK;
}

uint16_t BFDResponder::ip_header_sum(const uint8_t *h, unsigned len) {
  uint32_t acc = 0;
  for (unsigned i = 0; i + 1 < len; i += 2)
    acc += ((uint32_t)h[i] << 8) | h[i + 1];
  while (acc > 0xFFFF)
    acc = (acc >> 16) + (acc & 0xFFFF);
  return (uint16_t)~acc;
}

// Turn the received frame into our control packet back to the peer.
void BFDResponder::build_reply(WritablePacket *q, const Session &s,
                               bool final_bit) {
  uint8_t *d = q->data();
  click_ether *eh = reinterpret_cast<click_ether *>(d);
  uint8_t tmpmac[6];
  memcpy(tmpmac, eh->ether_dhost, 6);
  memcpy(eh->ether_dhost, eh->ether_shost, 6);
  memcpy(eh->ether_shost, tmpmac, 6);

  click_ip *iph = reinterpret_cast<click_ip *>(d + 14);
  unsigned hl = iph->ip_hl << 2;
  struct in_addr a = iph->ip_src;
  iph->ip_src = iph->ip_dst;
  iph->ip_dst = a;
  iph->ip_ttl = 255;
  iph->ip_len = htons((uint16_t)(hl + 8 + BFD_LEN));
  iph->ip_off = 0;
  iph->ip_sum = 0;
  iph->ip_sum = htons(ip_header_sum(reinterpret_cast<uint8_t *>(iph), hl));

  click_udp *uh = reinterpret_cast<click_udp *>(d + 14 + hl);
  uh->uh_sport =
      htons((uint16_t)(BFD_SRC_PORT_BASE + (s.local_discr - _discr_base)));
  uh->uh_dport = htons(BFD_PORT);
  uh->uh_ulen = htons(8 + BFD_LEN);
  uh->uh_sum = 0;

  uint8_t *b = d + 14 + hl + 8;
  b[0] = (uint8_t)((1 << 5) | (s.diag & 0x1F));
  b[1] = (uint8_t)((s.state << 6) | (final_bit ? FLAG_F : 0));
  b[2] = _detect_mult;
  b[3] = BFD_LEN;
  wr32(b + 4, s.local_discr);
  wr32(b + 8, s.remote_discr);
  // 6.8.3: not Up -> transmit no faster than once per second
  wr32(b + 12, s.state == ST_UP || _desired_min_tx > SLOW_TX_US
                   ? _desired_min_tx
                   : (uint32_t)SLOW_TX_US);
  wr32(b + 16, _required_min_rx);
  wr32(b + 20, 0);
  unsigned want = 14 + hl + 8 + BFD_LEN;
  if (q->length() > want)
    q->take(q->length() - want);
}

void BFDResponder::push(int, Packet *p) {
  const uint8_t *b;
  unsigned avail;
  int r = locate_bfd(p, &b, &avail);
  Session *s = 0;
  bool created = false;
  uint64_t now_us = (uint64_t)p->timestamp_anno().usecval();
  if (r == OK) {
    uint8_t vers = b[0] >> 5;
    uint8_t blen = avail >= 4 ? b[3] : 0;
    if (avail < BFD_LEN)
      r = R_LENGTH;
    else if (vers != 1)
      r = R_VERSION;
    else if (blen < BFD_LEN + ((b[1] & FLAG_A) ? 2 : 0) || blen > avail)
      r = R_LENGTH;
    else if (b[2] == 0)
      r = R_DETECT_MULT;
    else if (b[1] & FLAG_M)
      r = R_MULTIPOINT;
    else if (rd32(b + 4) == 0)
      r = R_MY_DISCR;
  }
  if (r == OK) {
    uint32_t peer = ntohl(p->ip_header()->ip_src.s_addr);
    uint32_t your = rd32(b + 8);
    uint8_t rstate = b[1] >> 6;
    if (your == 0 && rstate != ST_DOWN && rstate != ST_ADMIN_DOWN)
      r = R_YOUR_DISCR_STATE;
    else if (!(s = find_session(your, peer, &created)))
      r = R_NO_SESSION;
  }
  if (r == OK) {
    check_detection(*s, now_us);
    r = receive(*s, b, now_us);
    if (r == R_AUTH && created)
      s->in_use = false;
  }
  if (r != OK) {
    _discards[r]++;
    checked_output_push(1, p);
    return;
  }
  bool poll = (b[1] & FLAG_P) != 0;
  WritablePacket *q = p->uniqueify();
  if (!q)
    return;
  build_reply(q, *s, poll);
  output(0).push(q);
}

EXPORT_ELEMENT(BFDResponder)
