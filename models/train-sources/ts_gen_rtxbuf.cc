// Training source for the instruction models (models/README.md): a TCP
// retransmission buffer at the edge of a lossy link: data segments leaving
// the local network are forwarded and a clone is kept per flow (direct-
// mapped flow table, ring of segments); ACKs coming back release acknowledged
// segments, feed a Jacobson/Karels RTT estimator (signed fixed point), count
// duplicate ACKs for a fast retransmit, and the oldest segment is resent on
// output 1 when its retransmission timeout expires (checked on the packet
// path, with exponential backoff).
// Written for training only; not part of the NF corpus.
#include <click/clara.hh>
#include <click/config.h>
#include <click/element.hh>
#include <click/packet.hh>
#include <click/packet_anno.hh>
#include <clicknet/ip.h>
#include <clicknet/tcp.h>

enum { RTX_FLOWS = 64, RTX_SEGS = 16 };

struct RtxKey {
  uint32_t laddr, raddr; // local, remote (network order)
  uint16_t lport, rport;
};

struct RtxSeg {
  Packet *clone;
  uint32_t seq, end;
  uint64_t sent_us;
  uint8_t rexmits;
};

struct RtxFlow {
  uint32_t laddr, raddr; // local, remote (network order)
  uint16_t lport, rport;
  uint8_t used, dupacks;
  uint8_t head, count;
  uint32_t last_ack;
  int32_t srtt, rttvar; // usec << 3, usec << 2
  uint32_t rto_us;
  RtxSeg seg[RTX_SEGS];
};

class TrainRtxBuf : public Element {
public:
  TrainRtxBuf()
      : _local_net(htonl(0x0a000000u)), _local_mask(htonl(0xff000000u)),
        _now(0), _evicted(0), _fast(0), _timeouts(0) {
    for (int i = 0; i < RTX_FLOWS; ++i) {
      _flows[i].used = 0;
      _flows[i].count = 0;
    }
  }
  const char *class_name() const override { return "TrainRtxBuf"; }
  const char *port_count() const override { return "1/2"; }
  const char *processing() const override { return PUSH; }
  void push(int port, Packet *p) override;

private:
  static uint32_t slot_of(const RtxKey &k) {
    uint32_t h = k.laddr * 31 + k.raddr;
    h ^= ((uint32_t)k.lport << 16 | k.rport) * 0x27d4eb2du;
    return (h ^ (h >> 16)) % RTX_FLOWS;
  }
  static bool same(const RtxFlow &f, const RtxKey &k) {
    return f.laddr == k.laddr && f.raddr == k.raddr && f.lport == k.lport &&
           f.rport == k.rport;
  }
  RtxFlow *lookup(const RtxKey &k, bool create);
  void flush(RtxFlow &f) {
    while (f.count) {
      f.seg[f.head].clone->kill();
      f.head = (uint8_t)((f.head + 1) % RTX_SEGS);
      f.count--;
    }
  }
  void rtt_sample(RtxFlow &f, uint32_t m_us) {
    int32_t m = (int32_t)m_us;
    if (f.srtt == 0) {
      f.srtt = m << 3;
      f.rttvar = m << 1;
    } else {
      int32_t err = m - (f.srtt >> 3);
      f.srtt += err;
      if (err < 0)
        err = -err;
      f.rttvar += err - (f.rttvar >> 2);
    }
    uint32_t rto = (uint32_t)((f.srtt >> 3) + f.rttvar);
    f.rto_us = rto < 200000 ? 200000 : rto > 60000000 ? 60000000 : rto;
  }
  void store(RtxFlow &f, Packet *p, uint32_t seq, uint32_t len);
  int on_ack(RtxFlow &f, uint32_t ack, uint64_t now);
  void resend(RtxFlow &f, uint64_t now) {
    RtxSeg &s = f.seg[f.head];
    if (Packet *c = s.clone->clone()) {
      s.sent_us = now;
      s.rexmits++;
      output(1).push(c);
    }
  }

  uint32_t _local_net, _local_mask;
  uint64_t _now; // usec, from the current packet
  RtxFlow _flows[RTX_FLOWS];
  uint32_t _evicted, _fast, _timeouts;
};

RtxFlow *TrainRtxBuf::lookup(const RtxKey &k, bool create) {
  RtxFlow &f = _flows[slot_of(k)];
  if (f.used && same(f, k))
    return &f;
  if (!create)
    return 0;
  if (f.used) {
    flush(f);
    _evicted++;
  }
  f.used = 1;
  f.laddr = k.laddr;
  f.raddr = k.raddr;
  f.lport = k.lport;
  f.rport = k.rport;
  f.dupacks = f.head = f.count = 0;
  f.last_ack = 0;
  f.srtt = f.rttvar = 0;
  f.rto_us = 1000000;
  return &f;
}

void TrainRtxBuf::store(RtxFlow &f, Packet *p, uint32_t seq, uint32_t len) {
  if (f.count == RTX_SEGS) {
    // buffer full: give up on the oldest segment
    f.seg[f.head].clone->kill();
    f.head = (uint8_t)((f.head + 1) % RTX_SEGS);
    f.count--;
  }
  Packet *c = p->clone();
  if (!c)
    return;
  RtxSeg &s = f.seg[(f.head + f.count) % RTX_SEGS];
  s.clone = c;
  s.seq = seq;
  s.end = seq + len;
  s.sent_us = _now;
  s.rexmits = 0;
  f.count++;
}

int TrainRtxBuf::on_ack(RtxFlow &f, uint32_t ack, uint64_t now) {
  int freed = 0;
  while (f.count && (int32_t)(f.seg[f.head].end - ack) <= 0) {
    RtxSeg &s = f.seg[f.head];
    if (s.rexmits == 0 && now > s.sent_us) // Karn: no samples from rexmits
      rtt_sample(f, (uint32_t)(now - s.sent_us));
    s.clone->kill();
    f.head = (uint8_t)((f.head + 1) % RTX_SEGS);
    f.count--;
    freed++;
  }
  if (freed) {
    f.dupacks = 0;
    f.last_ack = ack;
  } else if (ack == f.last_ack && f.count && ++f.dupacks == 3) {
    _fast++;
    resend(f, now);
  }
  return freed;
}

void TrainRtxBuf::push(int, Packet *p) {
  if (!p->has_network_header() || p->ip_header()->ip_p != IP_PROTO_TCP ||
      p->transport_length() < (int)sizeof(click_tcp)) {
    output(0).push(p);
    return;
  }
  const click_ip *iph = p->ip_header();
  const click_tcp *th = p->tcp_header();
  uint64_t now = (uint64_t)p->timestamp_anno().usecval();
  _now = now;
  RtxKey k;
  bool outbound = (iph->ip_src.s_addr & _local_mask) == _local_net;
  RtxFlow *f;
  if (outbound) {
    uint32_t hlen = (iph->ip_hl << 2) + (th->th_off << 2);
    uint32_t plen = ntohs(iph->ip_len) > hlen ? ntohs(iph->ip_len) - hlen : 0;
    if (th->th_flags & TH_SYN)
      plen++;
    k.laddr = iph->ip_src.s_addr;
    k.raddr = iph->ip_dst.s_addr;
    k.lport = th->th_sport;
    k.rport = th->th_dport;
    f = lookup(k, plen > 0);
    if (f && plen > 0)
      store(*f, p, ntohl(th->th_seq), plen);
  } else {
    k.laddr = iph->ip_dst.s_addr;
    k.raddr = iph->ip_src.s_addr;
    k.lport = th->th_dport;
    k.rport = th->th_sport;
    f = lookup(k, false);
    if (f && (th->th_flags & TH_RST)) {
      flush(*f);
      f->used = 0;
      f = 0;
    } else if (f && (th->th_flags & TH_ACK)) {
      on_ack(*f, ntohl(th->th_ack), now);
    }
  }
  // timeout check for this flow's oldest segment
  if (f && f->count && now - f->seg[f->head].sent_us >= f->rto_us) {
    _timeouts++;
    f->rto_us = f->rto_us >= 30000000 ? 60000000 : f->rto_us << 1;
    resend(*f, now);
  }
  output(0).push(p);
}

extern "C" Element *clara_nf_create(const char *config) {
  Element *e = new TrainRtxBuf;
  if (clara_element_setup(e, config ? String(config) : String(), 1, 2) < 0)
    return 0;
  return e;
}
