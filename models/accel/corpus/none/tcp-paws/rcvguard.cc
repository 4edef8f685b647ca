// TCPRcvGuard: receive-side segment validation of a TCP proxy as a Click
// element. For each tracked connection (a few receive windows, found by
// port pair) it applies the RFC 9293 (ex-793) acceptability test of
// SEG.SEQ/SEG.LEN against RCV.NXT/RCV.WND, then PAWS (RFC 7323 section 5):
// a segment whose timestamp option TSval is older than TS.Recent (compared
// modulo 2^32) is dropped unless TS.Recent has been idle for more than 24
// days; RST segments are exempt. TS.Recent is updated when the segment
// covers Last.ACK.sent. Accepted segments leave on output 0, rejected ones
// on output 1. Label: none.
#include <click/config.h>
#include <click/element.hh>
#include <click/packet.hh>
#include <clicknet/ip.h>
#include <clicknet/tcp.h>

struct RcvState {
  uint16_t sport, dport;
  bool used;
  uint32_t rcv_nxt, rcv_wnd, last_ack_sent;
  uint32_t ts_recent;
  uint64_t ts_recent_age; // seconds of the local clock
  bool ts_valid;
};

class TCPRcvGuard : public Element {
public:
  enum { NCONN = 8 };
  static const uint64_t PAWS_IDLE = 24ull * 24 * 60 * 60;

  TCPRcvGuard() : _now(0), _paws_drops(0), _window_drops(0) {
    for (int i = 0; i < NCONN; i++)
      _c[i].used = false;
  }
  const char *class_name() const override { return "TCPRcvGuard"; }
  const char *port_count() const override { return "1/2"; }
  const char *processing() const override { return PUSH; }
  void push(int, Packet *p) override;

  int track(uint16_t sport, uint16_t dport, uint32_t irs, uint32_t wnd);
  void set_now(uint64_t s) { _now = s; }
  RcvState &conn(int i) { return _c[i]; }

  static bool seg_ok(const RcvState &c, uint32_t seq, uint32_t len);
  static int timestamps(const click_tcp *th, unsigned avail, uint32_t *tsval,
                        uint32_t *tsecr);
  bool paws_fails(const RcvState &c, uint32_t tsval) const;

private:
  RcvState _c[NCONN];
  uint64_t _now;
  unsigned long _paws_drops, _window_drops;
};

int TCPRcvGuard::track(uint16_t sport, uint16_t dport, uint32_t irs,
                       uint32_t wnd) {
  for (int i = 0; i < NCONN; i++)
    if (!_c[i].used) {
      RcvState &c = _c[i];
      c.used = true;
      c.sport = sport;
      c.dport = dport;
      c.rcv_nxt = irs + 1;
      c.last_ack_sent = irs + 1;
      c.rcv_wnd = wnd;
      c.ts_valid = false;
      c.ts_recent = 0;
      c.ts_recent_age = _now;
      return i;
    }
  return -1;
}

// The four cases of the acceptability test.
bool TCPRcvGuard::seg_ok(const RcvState &c, uint32_t seq, uint32_t len) {
  uint32_t end_wnd = c.rcv_nxt + c.rcv_wnd;
  if (len == 0) {
    if (c.rcv_wnd == 0)
      return seq == c.rcv_nxt;
    return SEQ_LEQ(c.rcv_nxt, seq) && SEQ_LT(seq, end_wnd);
  }
  if (c.rcv_wnd == 0)
    return false;
  uint32_t last = seq + len - 1;
  bool first_in = SEQ_LEQ(c.rcv_nxt, seq) && SEQ_LT(seq, end_wnd);
  bool last_in = SEQ_LEQ(c.rcv_nxt, last) && SEQ_LT(last, end_wnd);
  return first_in || last_in;
}

// 1 and the two values if the segment carries a timestamp option, 0 if it
// does not, -1 if the option list is malformed.
int TCPRcvGuard::timestamps(const click_tcp *th, unsigned avail,
                            uint32_t *tsval, uint32_t *tsecr) {
  unsigned hlen = th->th_off << 2;
  if (hlen < sizeof(click_tcp) || hlen > avail)
    return -1;
  const uint8_t *o = reinterpret_cast<const uint8_t *>(th + 1);
  const uint8_t *e = reinterpret_cast<const uint8_t *>(th) + hlen;
  while (o < e) {
    if (*o == TCPOPT_EOL)
      break;
    if (*o == TCPOPT_NOP) {
      o++;
      continue;
    }
    if (e - o < 2 || o[1] < 2 || o[1] > e - o)
      return -1;
    if (o[0] == TCPOPT_TIMESTAMP && o[1] == TCPOLEN_TIMESTAMP) {
      *tsval = (uint32_t)o[2] << 24 | (uint32_t)o[3] << 16 |
               (uint32_t)o[4] << 8 | o[5];
      *tsecr = (uint32_t)o[6] << 24 | (uint32_t)o[7] << 16 |
               (uint32_t)o[8] << 8 | o[9];
      return 1;
    }
    o += o[1];
  }
  return 0;
}

bool TCPRcvGuard::paws_fails(const RcvState &c, uint32_t tsval) const {
  if (!c.ts_valid)
    return false;
  if ((int32_t)(tsval - c.ts_recent) >= 0)
    return false;
  // an idle connection's TS.Recent is considered invalid after 24 days
  return _now - c.ts_recent_age <= PAWS_IDLE;
}

void TCPRcvGuard::push(int, Packet *p) {
  const click_ip *iph = reinterpret_cast<const click_ip *>(p->data());
  unsigned len = p->length();
  if (len < sizeof(click_ip) || iph->ip_p != IP_PROTO_TCP) {
    output(0).push(p);
    return;
  }
  unsigned hl = iph->ip_hl << 2;
  unsigned tot = ntohs(iph->ip_len);
  if (hl < sizeof(click_ip) || tot < hl + sizeof(click_tcp) || tot > len) {
    output(1).push(p);
    return;
  }
  const click_tcp *th = reinterpret_cast<const click_tcp *>(p->data() + hl);
  RcvState *c = 0;
  for (int i = 0; i < NCONN && !c; i++)
    if (_c[i].used && _c[i].sport == ntohs(th->th_sport) &&
        _c[i].dport == ntohs(th->th_dport))
      c = &_c[i];
  if (!c) {
    output(0).push(p);
    return;
  }
  uint32_t tsval = 0, tsecr = 0;
  int has_ts = timestamps(th, tot - hl, &tsval, &tsecr);
  if (has_ts < 0) {
    output(1).push(p);
    return;
  }
  uint32_t seq = ntohl(th->th_seq);
  uint32_t seglen = tot - hl - (th->th_off << 2);
  if (th->th_flags & TH_SYN)
    seglen++;
  if (th->th_flags & TH_FIN)
    seglen++;
  bool rst = th->th_flags & TH_RST;
  if (has_ts && !rst && paws_fails(*c, tsval)) {
    _paws_drops++;
    output(1).push(p);
    return;
  }
  if (!seg_ok(*c, seq, seglen)) {
    _window_drops++;
    output(1).push(p);
    return;
  }
  if (has_ts && SEQ_LEQ(seq, c->last_ack_sent) &&
      SEQ_LT(c->last_ack_sent, seq + (seglen ? seglen : 1))) {
    c->ts_recent = tsval;
    c->ts_recent_age = _now;
    c->ts_valid = true;
  }
  if (seq == c->rcv_nxt && seglen) {
    c->rcv_nxt += seglen;
    c->last_ack_sent = c->rcv_nxt;
  }
  output(0).push(p);
}
