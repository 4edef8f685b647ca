// TCPWindowGuard: a stateful middlebox check that TCP segments fall inside
// the receive window the peer advertised (RFC 793 segment acceptability),
// that acknowledgements stay within what the peer actually sent (RFC 5961
// ACK range check), and that resets hit rcv_nxt exactly (RFC 5961 RST
// rules). A small flow table with an exact 4-tuple scan holds per-direction
// state. Output 0: valid segments; output 1: rejected segments.
#include <click/config.h>
#include <click/element.hh>
#include <click/packet.hh>
#include <clicknet/ip.h>
#include <clicknet/tcp.h>

CLICK_DECLS

class TCPWindowGuard : public Element {
public:
  enum { NFLOWS = 32 };
  enum RstAction { RST_DROP = 0, RST_ACCEPT = 1, RST_CHALLENGE = 2 };

  struct DirState {
    bool seen;       // this side has sent something
    bool acked;      // this side has sent an ACK
    uint32_t snd_nxt; // highest seq + len sent by this side
    uint32_t ack;     // last ack sent by this side (= its rcv_nxt)
    uint32_t win;     // last window advertised by this side
    uint32_t max_win; // largest window advertised by this side
  };
  struct Flow {
    bool used;
    uint32_t addr[2];
    uint16_t port[2];
    uint64_t last_use;
    DirState dir[2];
  };

  TCPWindowGuard() : _tick(0), _rejected(0) { memset(_flows, 0, sizeof(_flows)); }

  const char *class_name() const override { return "TCPWindowGuard"; }
  const char *port_count() const override { return "1/1-2"; }
  const char *processing() const override { return PUSH; }

  static bool seg_acceptable(uint32_t rcv_nxt, uint32_t rcv_wnd, uint32_t seq,
                             uint32_t seglen);
  static bool ack_acceptable(uint32_t snd_una, uint32_t snd_nxt,
                             uint32_t max_wnd, uint32_t ack);
  static int rst_disposition(uint32_t rcv_nxt, uint32_t rcv_wnd, uint32_t seq);

  Flow *lookup(uint32_t saddr, uint16_t sport, uint32_t daddr, uint16_t dport,
               int *dir);
  bool check_segment(const click_ip *iph, const click_tcp *th, uint32_t seglen);
  void push(int port, Packet *p) override;

  uint64_t rejected() const { return _rejected; }

private:
  Flow _flows[NFLOWS];
  uint64_t _tick;
  uint64_t _rejected;
};

// RFC 793 section 3.3, the four length/window cases.
bool TCPWindowGuard::seg_acceptable(uint32_t rcv_nxt, uint32_t rcv_wnd,
                                    uint32_t seq, uint32_t seglen) {
  if (seglen == 0) {
    if (rcv_wnd == 0)
      return seq == rcv_nxt;
    return SEQ_LEQ(rcv_nxt, seq) && SEQ_LT(seq, rcv_nxt + rcv_wnd);
  }
  if (rcv_wnd == 0)
    return false;
  uint32_t last = seq + seglen - 1;
  bool first_in = SEQ_LEQ(rcv_nxt, seq) && SEQ_LT(seq, rcv_nxt + rcv_wnd);
  bool last_in = SEQ_LEQ(rcv_nxt, last) && SEQ_LT(last, rcv_nxt + rcv_wnd);
  return first_in || last_in;
}

// RFC 5961 section 5.2: SND.UNA - MAX.SND.WND <= SEG.ACK <= SND.NXT.
bool TCPWindowGuard::ack_acceptable(uint32_t snd_una, uint32_t snd_nxt,
                                    uint32_t max_wnd, uint32_t ack) {
  uint32_t low = snd_una - max_wnd;
  return SEQ_LEQ(low, ack) && SEQ_LEQ(ack, snd_nxt);
}

// RFC 5961 section 3.2.
int TCPWindowGuard::rst_disposition(uint32_t rcv_nxt, uint32_t rcv_wnd,
                                    uint32_t seq) {
  if (seq == rcv_nxt)
    return RST_ACCEPT;
  uint32_t wnd = rcv_wnd ? rcv_wnd : 1;
  if (SEQ_LT(rcv_nxt, seq) && SEQ_LT(seq, rcv_nxt + wnd))
    return RST_CHALLENGE;
  return RST_DROP;
}

TCPWindowGuard::Flow *TCPWindowGuard::lookup(uint32_t saddr, uint16_t sport,
                                             uint32_t daddr, uint16_t dport,
                                             int *dir) {
  Flow *victim = &_flows[0];
  _tick++;
  for (int i = 0; i < NFLOWS; i++) {
    Flow *f = &_flows[i];
    if (!f->used) {
      if (victim->used)
        victim = f;
      continue;
    }
    if (f->addr[0] == saddr && f->port[0] == sport && f->addr[1] == daddr &&
        f->port[1] == dport) {
      *dir = 0;
      f->last_use = _tick;
      return f;
    }
    if (f->addr[0] == daddr && f->port[0] == dport && f->addr[1] == saddr &&
        f->port[1] == sport) {
      *dir = 1;
      f->last_use = _tick;
      return f;
    }
    if (victim->used && f->last_use < victim->last_use)
      victim = f;
  }
  memset(victim, 0, sizeof(*victim));
  victim->used = true;
  victim->addr[0] = saddr;
  victim->port[0] = sport;
  victim->addr[1] = daddr;
  victim->port[1] = dport;
  victim->last_use = _tick;
  *dir = 0;
  return victim;
}

bool TCPWindowGuard::check_segment(const click_ip *iph, const click_tcp *th,
                                   uint32_t paylen) {
  int d;
  Flow *f = lookup(iph->ip_src.s_addr, th->th_sport, iph->ip_dst.s_addr,
                   th->th_dport, &d);
  DirState &me = f->dir[d];
  DirState &peer = f->dir[!d];
  uint32_t seq = ntohl(th->th_seq);
  uint32_t ack = ntohl(th->th_ack);
  uint32_t win = ntohs(th->th_win);
  uint8_t flags = th->th_flags;
  uint32_t seglen = paylen + ((flags & TH_SYN) ? 1 : 0) + ((flags & TH_FIN) ? 1 : 0);

  if (flags & TH_RST) {
    if (!peer.acked)
      return true;
    return rst_disposition(peer.ack, peer.win, seq) == RST_ACCEPT;
  }
  if (me.seen && !(flags & TH_SYN) && peer.acked &&
      !seg_acceptable(peer.ack, peer.win, seq, seglen))
    return false;
  if ((flags & TH_ACK) && peer.seen) {
    uint32_t una = me.acked ? me.ack : peer.snd_nxt;
    if (SEQ_LEQ(una, peer.snd_nxt)) {
      uint32_t maxw = peer.max_win ? peer.max_win : 65535;
      if (!ack_acceptable(una, peer.snd_nxt, maxw, ack))
        return false;
    }
  }
  // Accepted: update this direction.
  uint32_t end = seq + seglen;
  if (!me.seen || SEQ_GT(end, me.snd_nxt))
    me.snd_nxt = end;
  me.seen = true;
  if (flags & TH_ACK) {
    if (!me.acked || SEQ_GT(ack, me.ack))
      me.ack = ack;
    me.acked = true;
  }
  me.win = win;
  if (win > me.max_win)
    me.max_win = win;
  return true;
}

void TCPWindowGuard::push(int, Packet *p) {
  const click_ip *iph = p->ip_header();
  bool ok = false;
  if (iph && p->network_length() >= (int)sizeof(click_ip) &&
      iph->ip_p == IP_PROTO_TCP && IP_FIRSTFRAG(iph)) {
    int hl = iph->ip_hl << 2;
    int iplen = ntohs(iph->ip_len);
    if (hl >= 20 && iplen <= p->network_length() &&
        iplen >= hl + (int)sizeof(click_tcp)) {
      const click_tcp *th =
          reinterpret_cast<const click_tcp *>(p->network_header() + hl);
      int thl = th->th_off << 2;
      if (thl >= 20 && hl + thl <= iplen)
        ok = check_segment(iph, th, (uint32_t)(iplen - hl - thl));
    }
  }
  if (ok) {
    output(0).push(p);
  } else {
    _rejected++;
    checked_output_push(1, p);
  }
}

CLICK_ENDDECLS
EXPORT_ELEMENT(TCPWindowGuard)
