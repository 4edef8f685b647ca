// Training source for the instruction models (models/README.md): a passive TCP
// sequence-space tracker that classifies every segment of a flow direction as
// in-order, ahead (a gap opens), out-of-order (fills a gap soon after it
// opened), retransmission (fills an old gap or repeats unacknowledged data) or
// spurious retransmission (repeats data the peer already acknowledged), keeping
// up to eight holes per direction with split/trim on partial fills; the reverse
// direction's ACKs are tracked too, counting duplicate ACK runs and fast-
// retransmit triggers; the class goes to the PAINT annotation and anomalous
// segments to output 1. Written for training only; not part of the NF corpus.
#include <click/args.hh>
#include <click/clara.hh>
#include <click/config.h>
#include <click/element.hh>
#include <click/error.hh>
#include <click/hashtable.hh>
#include <click/ipflowid.hh>
#include <click/packet.hh>
#include <click/packet_anno.hh>
#include <click/timestamp.hh>
#include <click/vector.hh>
#include <clicknet/ip.h>
#include <clicknet/tcp.h>

enum SegClass {
  SEG_NONE = 0,
  SEG_INORDER = 1,
  SEG_AHEAD = 2,
  SEG_OOO = 3,
  SEG_RETX = 4,
  SEG_SPURIOUS = 5,
  SEG_DUPACK = 6
};

struct SeqHole {
  uint32_t start, end;
  Timestamp opened;
};

struct DirState {
  bool synced;
  uint32_t nxt;      // highest sequence seen + 1
  uint32_t peer_ack; // highest ACK from the other direction
  uint32_t last_ack; // for duplicate ACK detection of this direction
  uint16_t last_win;
  uint8_t dupacks;
  bool fin_seen;
  Vector<SeqHole, 8> holes;
  uint32_t counts[7];
  DirState() : synced(false), nxt(0), peer_ack(0), last_ack(0), last_win(0),
               dupacks(0), fin_seen(false) { memset(counts, 0, sizeof(counts)); }
};

class TCPSeqAnomalyTracker : public Element {
public:
  TCPSeqAnomalyTracker()
      : _reorder_window(0, 3000000), _fast_retx(0), _no_state(0),
        _hole_overflow(0) {}

  const char *class_name() const override { return "TCPSeqAnomalyTracker"; }
  const char *port_count() const override { return "1/2"; }
  const char *processing() const override { return PUSH; }

  int configure(Vector<String> &conf, ErrorHandler *errh) override {
    return Args(conf, this, errh)
        .read("REORDER_WINDOW", _reorder_window)
        .complete();
  }

  void push(int, Packet *p) override;

private:
  Timestamp _reorder_window;
  uint32_t _fast_retx, _no_state, _hole_overflow;
  HashTable<IPFlowID, DirState, 256, 4> _dirs;

  void open_hole(DirState &d, uint32_t a, uint32_t b, const Timestamp &now) {
    SeqHole h;
    h.start = a;
    h.end = b;
    h.opened = now;
    if (!d.holes.push_back(h)) {
      // Forget the oldest hole; its bytes will look like retransmissions.
      d.holes.erase(d.holes.begin());
      d.holes.push_back(h);
      _hole_overflow++;
    }
  }

  // Removes [a, b) from the holes; returns the youngest opening time of a
  // hole it touched (zero if none).
  Timestamp fill(DirState &d, uint32_t a, uint32_t b) {
    Timestamp touched;
    for (int i = 0; i < d.holes.size();) {
      SeqHole &h = d.holes[i];
      if (SEQ_GEQ(a, h.end) || SEQ_LEQ(b, h.start)) {
        ++i;
        continue;
      }
      if (h.opened > touched)
        touched = h.opened;
      bool keep_left = SEQ_GT(a, h.start), keep_right = SEQ_LT(b, h.end);
      if (keep_left && keep_right) {
        SeqHole right = h;
        right.start = b;
        h.end = a;
        if (!d.holes.push_back(right))
          _hole_overflow++;
        ++i;
      } else if (keep_left) {
        h.end = a;
        ++i;
      } else if (keep_right) {
        h.start = b;
        ++i;
      } else
        d.holes.erase(d.holes.begin() + i);
    }
    return touched;
  }

  SegClass classify(DirState &d, uint32_t seq, uint32_t end,
                    const Timestamp &now) {
    if (!d.synced) {
      d.synced = true;
      d.nxt = end;
      return SEG_INORDER;
    }
    if (seq == d.nxt) {
      d.nxt = end;
      return SEG_INORDER;
    }
    if (SEQ_GT(seq, d.nxt)) {
      open_hole(d, d.nxt, seq, now);
      d.nxt = end;
      return SEG_AHEAD;
    }
    uint32_t below = SEQ_GT(end, d.nxt) ? d.nxt : end;
    Timestamp opened = fill(d, seq, below);
    if (SEQ_GT(end, d.nxt))
      d.nxt = end;
    if (opened)
      return now - opened <= _reorder_window ? SEG_OOO : SEG_RETX;
    if (d.peer_ack && SEQ_LEQ(end, d.peer_ack))
      return SEG_SPURIOUS;
    return SEG_RETX;
  }

  bool track_ack(DirState &d, const click_tcp *th, uint32_t payload) {
    if (!(th->th_flags & TH_ACK))
      return false;
    uint32_t ack = ntohl(th->th_ack);
    uint16_t win = ntohs(th->th_win);
    bool dup = payload == 0 && !(th->th_flags & (TH_SYN | TH_FIN | TH_RST)) &&
               ack == d.last_ack && win == d.last_win;
    if (dup) {
      if (++d.dupacks == 3)
        _fast_retx++;
    } else if (SEQ_GT(ack, d.last_ack) || d.last_ack == 0) {
      d.dupacks = 0;
    }
    if (SEQ_GT(ack, d.last_ack) || d.last_ack == 0)
      d.last_ack = ack;
    d.last_win = win;
    return dup;
  }
};

void TCPSeqAnomalyTracker::push(int, Packet *p) {
  const click_ip *iph = p->ip_header();
  if (!p->has_network_header() || p->network_length() < 20 ||
      iph->ip_v != 4 || iph->ip_p != IP_PROTO_TCP || !IP_FIRSTFRAG(iph)) {
    output(0).push(p);
    return;
  }
  unsigned hl = iph->ip_hl << 2;
  unsigned ip_len = ntohs(iph->ip_len);
  const click_tcp *th =
      reinterpret_cast<const click_tcp *>(p->network_header() + hl);
  if (hl < 20 || ip_len > (unsigned)p->network_length() ||
      ip_len < hl + sizeof(click_tcp) || ip_len < hl + (th->th_off << 2)) {
    output(0).push(p);
    return;
  }
  uint32_t payload = ip_len - hl - (th->th_off << 2);
  uint32_t seq = ntohl(th->th_seq);
  uint32_t span = payload + ((th->th_flags & TH_SYN) ? 1 : 0) +
                  ((th->th_flags & TH_FIN) ? 1 : 0);
  IPFlowID fwd(p);
  const Timestamp &now = p->timestamp_anno();

  if (th->th_flags & TH_RST) {
    _dirs.erase(fwd);
    _dirs.erase(fwd.reverse());
    SET_PAINT_ANNO(p, SEG_NONE);
    output(0).push(p);
    return;
  }
  DirState *d = _dirs.get_pointer(fwd);
  if (!d) {
    if (!_dirs.set(fwd, DirState())) {
      _no_state++;
      output(0).push(p);
      return;
    }
    d = _dirs.get_pointer(fwd);
  }
  SegClass c = SEG_NONE;
  if (span)
    c = classify(*d, seq, seq + span, now);
  if (track_ack(*d, th, payload) && c == SEG_NONE)
    c = SEG_DUPACK;
  if (th->th_flags & TH_FIN)
    d->fin_seen = true;
  if (th->th_flags & TH_ACK) {
    uint32_t ack = ntohl(th->th_ack);
    IPFlowID rev = fwd.reverse();
    if (DirState *r = _dirs.get_pointer(rev)) {
      if (!r->peer_ack || SEQ_GT(ack, r->peer_ack))
        r->peer_ack = ack;
      // The other direction is finished once its FIN is acknowledged and
      // nothing is missing.
      if (r->fin_seen && r->holes.empty() && SEQ_GEQ(ack, r->nxt))
        _dirs.erase(rev);
    }
  }
  d->counts[c]++;
  SET_PAINT_ANNO(p, c);
  switch (c) {
  case SEG_OOO:
  case SEG_RETX:
  case SEG_SPURIOUS:
  case SEG_AHEAD:
    output(1).push(p);
    break;
  default:
    output(0).push(p);
    break;
  }
}

extern "C" Element *clara_nf_create(const char *config) {
  Element *e = new TCPSeqAnomalyTracker;
  if (clara_element_setup(e, config ? String(config) : String(), 1, 2) < 0)
    return 0;
  return e;
}
