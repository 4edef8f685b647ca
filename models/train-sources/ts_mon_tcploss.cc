// Training source for the instruction models (models/README.md): passive
// TCP loss and health monitor per direction of a connection: highest
// sequence seen (modular comparisons), retransmissions and out-of-order
// segments, duplicate ACKs (three in a row count as a fast-retransmit
// signal), zero-window advertisements and ECN echo flags; the per-flow
// retransmission ratio in 1/1000 is computed with a 32-bit division and
// written, with a health class, to the packet's annotations.
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

struct TcpDirStats {
  uint32_t next_seq; // highest seq + len seen
  uint32_t last_ack;
  uint32_t segments;
  uint32_t retrans;
  uint16_t reorder;
  uint8_t dup_acks;
  uint8_t valid : 1;
  uint8_t fast_retx_signal : 1;
  uint8_t zero_window : 1;
  uint8_t ece_seen : 1;
  uint16_t fast_retx;
  uint16_t zero_windows;
};

enum Health { H_GOOD = 0, H_LOSSY = 1, H_BAD = 2, H_STALLED = 3 };

static inline bool seq_lt(uint32_t a, uint32_t b) {
  return (int32_t)(a - b) < 0;
}

class TrainTcpLoss : public Element {
public:
  TrainTcpLoss() : _segments(0), _retrans(0), _untracked(0) {}
  const char *class_name() const override { return "TrainTcpLoss"; }
  const char *port_count() const override { return PORTS_1_1; }
  Packet *simple_action(Packet *p) override;

private:
  static uint32_t payload_len(const click_ip *iph, const click_tcp *th) {
    int len = ntohs(iph->ip_len) - (iph->ip_hl << 2) - (th->th_off << 2);
    return len > 0 ? (uint32_t)len : 0;
  }
  // Classifies a data segment; returns true for a retransmission.
  bool track_seq(TcpDirStats *d, uint32_t seq, uint32_t len, uint8_t flags) {
    uint32_t end = seq + len + ((flags & (TH_SYN | TH_FIN)) ? 1 : 0);
    if (!d->valid) {
      d->valid = 1;
      d->next_seq = end;
      return false;
    }
    if (end == seq)
      return false; // pure ACK
    if (!seq_lt(seq, d->next_seq)) {
      d->next_seq = end;
      return false;
    }
    if (!seq_lt(end, d->next_seq) && seq_lt(seq, d->next_seq)) {
      // Partially new: overlap with data already seen.
      d->next_seq = end;
      d->retrans++;
      return true;
    }
    if (d->fast_retx_signal) {
      d->fast_retx++;
      d->fast_retx_signal = 0;
      d->retrans++;
      return true;
    }
    if (d->reorder != 0xffff)
      d->reorder++;
    return false;
  }
  void track_ack(TcpDirStats *d, uint32_t ack, uint32_t len, uint16_t win) {
    if (len == 0 && ack == d->last_ack && win != 0) {
      if (++d->dup_acks == 3)
        d->fast_retx_signal = 1;
    } else if (seq_lt(d->last_ack, ack) || d->segments == 0) {
      d->last_ack = ack;
      d->dup_acks = 0;
    }
    if (win == 0) {
      if (!d->zero_window)
        d->zero_windows++;
      d->zero_window = 1;
    } else
      d->zero_window = 0;
  }
  static uint32_t retrans_permille(const TcpDirStats *d) {
    if (d->segments == 0)
      return 0;
    return d->retrans * 1000u / d->segments;
  }
  static int health(const TcpDirStats *d, uint32_t permille) {
    if (d->zero_window)
      return H_STALLED;
    if (permille >= 50 || d->fast_retx > 4)
      return H_BAD;
    if (permille >= 10 || d->reorder > 8 || d->ece_seen)
      return H_LOSSY;
    return H_GOOD;
  }

  struct ConnStats {
    TcpDirStats dir[2];
  };
  HashTable<IPFlowID, ConnStats, 128, 4> _conns;
  uint64_t _segments, _retrans;
  uint32_t _untracked;
};

Packet *TrainTcpLoss::simple_action(Packet *p) {
  if (!p->has_network_header())
    return p;
  const click_ip *iph = p->ip_header();
  if (iph->ip_p != IP_PROTO_TCP || !IP_FIRSTFRAG(iph) ||
      p->transport_length() < (int)sizeof(click_tcp))
    return p;
  const click_tcp *th = p->tcp_header();
  IPFlowID id(p);
  bool rev = ntohl(id.saddr().addr()) > ntohl(id.daddr().addr());
  IPFlowID key(p, rev);
  ConnStats *c = _conns.get_pointer(key);
  if (!c) {
    ConnStats fresh;
    memset(&fresh, 0, sizeof(fresh));
    if (!_conns.set(key, fresh)) {
      _untracked++;
      return p;
    }
    c = _conns.get_pointer(key);
  }
  TcpDirStats *d = &c->dir[rev ? 1 : 0];
  TcpDirStats *o = &c->dir[rev ? 0 : 1];
  uint32_t len = payload_len(iph, th);
  uint8_t flags = th->th_flags;
  _segments++;
  if (track_seq(d, ntohl(th->th_seq), len, flags))
    _retrans++;
  d->segments++;
  if (flags & TH_ACK)
    track_ack(o, ntohl(th->th_ack), len, ntohs(th->th_win));
  if (flags & TH_ECE)
    o->ece_seen = 1;

  uint32_t pm = retrans_permille(d);
  SET_EXTRA_LENGTH_ANNO(p, pm);
  SET_PAINT_ANNO(
      p, (uint8_t)(health(d, pm) << 4 | health(o, retrans_permille(o))));
  if (flags & TH_RST)
    _conns.erase(key);
  return p;
}

extern "C" Element *clara_nf_create(const char *config) {
  Element *e = new TrainTcpLoss;
  if (clara_element_setup(e, config ? String(config) : String(), 1, 1) < 0)
    return 0;
  return e;
}
