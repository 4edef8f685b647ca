// TCPReorderList: puts the segments of one TCP connection direction back in
// sequence order before a stream-inspection element.  Out-of-order segments
// wait in a doubly linked list sorted by sequence number (RFC 1982 serial
// comparison, so the sequence space may wrap); each in-order arrival drains
// every queued segment it makes contiguous.  Segments that add nothing new
// are dropped.  The first SYN fixes the flow and the initial receive point;
// other flows' packets leave on output 1.
#include <click/config.h>
#include <click/args.hh>
#include <click/element.hh>
#include <click/error.hh>
#include <click/packet.hh>
#include <clicknet/ip.h>
#include <clicknet/tcp.h>

CLICK_DECLS

class TCPReorderList : public Element {
public:
  TCPReorderList();
  ~TCPReorderList() override;

  const char *class_name() const override { return "TCPReorderList"; }
  const char *port_count() const override { return "1/1-2"; }
  const char *processing() const override { return PUSH; }
  int configure(Vector<String> &conf, ErrorHandler *errh) override;
  void push(int port, Packet *p) override;

  uint32_t queued() const { return _nqueued; }
  uint32_t rcv_nxt() const { return _rcv_nxt; }
  uint64_t dropped() const { return _dup_drops + _overflow_drops; }

private:
  struct Seg {
    Packet *p;
    uint32_t seq, end;
    Seg *prev, *next;
  };

  Seg *_head, *_tail;
  uint32_t _nqueued, _max_queued;
  bool _synced;
  uint32_t _rcv_nxt;
  uint32_t _saddr, _daddr;
  uint16_t _sport, _dport;
  uint64_t _dup_drops, _overflow_drops, _reordered;

  static inline bool seq_lt(uint32_t a, uint32_t b) { return (int32_t)(a - b) < 0; }
  static inline bool seq_leq(uint32_t a, uint32_t b) { return (int32_t)(a - b) <= 0; }

  bool segment_bounds(Packet *p, uint32_t &seq, uint32_t &end, bool &syn);
  void enqueue(Packet *p, uint32_t seq, uint32_t end);
  void unlink(Seg *s);
  void drain();
};

TCPReorderList::TCPReorderList()
    : _head(0), _tail(0), _nqueued(0), _max_queued(256), _synced(false), _rcv_nxt(0),
      _saddr(0), _daddr(0), _sport(0), _dport(0), _dup_drops(0), _overflow_drops(0),
      _reordered(0) {}

TCPReorderList::~TCPReorderList() {
  while (_head) {
    Seg *s = _head;
    _head = s->next;
    s->p->kill();
    delete s;
  }
}

int TCPReorderList::configure(Vector<String> &conf, ErrorHandler *errh) {
  uint32_t m = 256;
  if (Args(conf, this, errh).read_p("CAPACITY", m).complete() < 0)
    return -1;
  if (m == 0)
    return errh->error("CAPACITY must be positive");
  _max_queued = m;
  return 0;
}

bool TCPReorderList::segment_bounds(Packet *p, uint32_t &seq, uint32_t &end, bool &syn) {
  const click_ip *iph = p->ip_header();
  if (!iph || p->network_length() < (int)sizeof(click_ip) || iph->ip_p != IP_PROTO_TCP)
    return false;
  unsigned hl = iph->ip_hl << 2;
  unsigned iplen = ntohs(iph->ip_len);
  if (iplen > (unsigned)p->network_length() || hl + sizeof(click_tcp) > iplen)
    return false;
  const click_tcp *th = reinterpret_cast<const click_tcp *>(reinterpret_cast<const uint8_t *>(iph) + hl);
  unsigned thl = th->th_off << 2;
  if (thl < sizeof(click_tcp) || hl + thl > iplen)
    return false;
  if (_synced && (iph->ip_src.s_addr != _saddr || iph->ip_dst.s_addr != _daddr ||
                  th->th_sport != _sport || th->th_dport != _dport))
    return false;
  syn = (th->th_flags & TH_SYN) != 0;
  seq = ntohl(th->th_seq);
  end = seq + (iplen - hl - thl) + (syn ? 1 : 0) + ((th->th_flags & TH_FIN) ? 1 : 0);
  if (syn && !_synced) {
    _saddr = iph->ip_src.s_addr;
    _daddr = iph->ip_dst.s_addr;
    _sport = th->th_sport;
    _dport = th->th_dport;
  }
  return true;
}

void TCPReorderList::unlink(Seg *s) {
  if (s->prev)
    s->prev->next = s->next;
  else
    _head = s->next;
  if (s->next)
    s->next->prev = s->prev;
  else
    _tail = s->prev;
  _nqueued--;
}

// Insert in sequence order, searching back from the tail (new data usually
// lands near the highest sequence seen).
void TCPReorderList::enqueue(Packet *p, uint32_t seq, uint32_t end) {
  Seg *after = _tail;
  while (after && seq_lt(seq, after->seq))
    after = after->prev;
  // Covered by its predecessor, or by a same-start successor of equal or
  // greater extent: nothing new.
  if (after && seq_leq(end, after->end)) {
    _dup_drops++;
    p->kill();
    return;
  }
  Seg *before = after ? after->next : _head;
  if (before && before->seq == seq && seq_leq(end, before->end)) {
    _dup_drops++;
    p->kill();
    return;
  }
  if (_nqueued >= _max_queued) {
    // Make room by giving up the segment farthest ahead, unless that is us.
    if (!_tail || !seq_lt(seq, _tail->seq)) {
      _overflow_drops++;
      p->kill();
      return;
    }
    Seg *victim = _tail;
    if (before == victim)
      before = 0;
    unlink(victim);
    victim->p->kill();
    delete victim;
    _overflow_drops++;
    after = _tail;
    while (after && seq_lt(seq, after->seq))
      after = after->prev;
    before = after ? after->next : _head;
  }
  Seg *s = new Seg;
  s->p = p;
  s->seq = seq;
  s->end = end;
  s->prev = after;
  s->next = before;
  if (after)
    after->next = s;
  else
    _head = s;
  if (before)
    before->prev = s;
  else
    _tail = s;
  _nqueued++;
}

void TCPReorderList::drain() {
  while (_head && seq_leq(_head->seq, _rcv_nxt)) {
    Seg *s = _head;
    unlink(s);
    if (seq_lt(_rcv_nxt, s->end)) {
      _rcv_nxt = s->end;
      _reordered++;
      output(0).push(s->p);
    } else {
      _dup_drops++;
      s->p->kill();
    }
    delete s;
  }
}

void TCPReorderList::push(int, Packet *p) {
  uint32_t seq, end;
  bool syn;
  if (!segment_bounds(p, seq, end, syn)) {
    checked_output_push(1, p);
    return;
  }
  if (!_synced) {
    if (!syn) {
      checked_output_push(1, p);
      return;
    }
    _synced = true;
    _rcv_nxt = end;
    output(0).push(p);
    drain();
    return;
  }
  if (seq_leq(end, _rcv_nxt)) {
    _dup_drops++;
    p->kill();
  } else if (seq_leq(seq, _rcv_nxt)) {
    _rcv_nxt = end;
    output(0).push(p);
    drain();
  } else {
    enqueue(p, seq, end);
  }
}

CLICK_ENDDECLS
EXPORT_ELEMENT(TCPReorderList)
