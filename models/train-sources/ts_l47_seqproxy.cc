// Training source for the instruction models (models/README.md): TCP
// sequence/acknowledgement rewriting for a splicing proxy (per-connection
// deltas in a HashMap, SACK block shifting, 32-bit incremental checksum
// updates, connection teardown on FIN/RST).
// Written for training only; not part of the NF corpus.
#include <click/clara.hh>
#include <click/config.h>
#include <click/element.hh>
#include <click/hashmap.hh>
#include <click/ipflowid.hh>
#include <click/packet.hh>
#include <click/packet_anno.hh>
#include <clicknet/ip.h>
#include <clicknet/tcp.h>

struct SpliceState {
  int32_t seq_delta; // added to seq in the forward direction
  int32_t ack_delta; // added to ack in the forward direction
  uint32_t isn;      // first sequence number seen
  uint32_t highest;  // highest end sequence seen
  uint16_t fin_seen; // bit 0 forward, bit 1 reverse
  uint16_t retransmits;
};

static uint16_t swap16(uint16_t v) { return (uint16_t)(v << 8 | v >> 8); }

// A 32-bit field changed; at an odd byte offset its bytes sit in the other
// halves of the checksum's 16-bit words, so each half is byte-swapped.
static void update_cksum32(uint16_t *sum, uint32_t old_v, uint32_t new_v,
                           bool odd) {
  uint16_t oh = (uint16_t)(old_v >> 16), ol = (uint16_t)old_v;
  uint16_t nh = (uint16_t)(new_v >> 16), nl = (uint16_t)new_v;
  if (odd) {
    oh = swap16(oh);
    ol = swap16(ol);
    nh = swap16(nh);
    nl = swap16(nl);
  }
  click_update_in_cksum(sum, htons(oh), htons(nh));
  click_update_in_cksum(sum, htons(ol), htons(nl));
}

static uint32_t read32(const uint8_t *b) {
  return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 |
         b[3];
}

static void write32(uint8_t *b, uint32_t v) {
  b[0] = (uint8_t)(v >> 24);
  b[1] = (uint8_t)(v >> 16);
  b[2] = (uint8_t)(v >> 8);
  b[3] = (uint8_t)v;
}

class TrainSeqProxy : public Element {
public:
  TrainSeqProxy()
      : _delta_step(1000), _created(0), _closed(0), _sack_fixed(0) {}
  const char *class_name() const override { return "TrainSeqProxy"; }
  const char *port_count() const override { return "1/2"; }
  const char *processing() const override { return PUSH; }
  void push(int port, Packet *p) override;

private:
  SpliceState *lookup(const IPFlowID &id, bool *reverse) {
    SpliceState *s = _conns.findp(id);
    *reverse = false;
    if (!s) {
      s = _conns.findp(id.reverse());
      *reverse = s != 0;
    }
    return s;
  }
  SpliceState *create(const IPFlowID &id, uint32_t seq) {
    SpliceState st;
    st.seq_delta = (int32_t)((id.sport() * 7919u + _delta_step) & 0xffff);
    st.ack_delta = -(int32_t)(id.dport() & 0x0fff);
    st.isn = seq;
    st.highest = seq + 1;
    st.fin_seen = 0;
    st.retransmits = 0;
    if (!_conns.insert(id, st))
      return 0;
    _created++;
    return _conns.findp(id);
  }
  uint32_t shift(uint32_t v, int32_t delta, bool undo) const {
    return undo ? v - (uint32_t)delta : v + (uint32_t)delta;
  }
  int fix_sack(click_tcp *th, int hlen, int32_t delta, bool undo);
  bool track(SpliceState *s, const click_tcp *th, uint32_t paylen, bool rev);

  HashMap<IPFlowID, SpliceState, 256, 4> _conns;
  uint32_t _delta_step;
  uint64_t _created, _closed, _sack_fixed;
};

int TrainSeqProxy::fix_sack(click_tcp *th, int hlen, int32_t delta, bool undo) {
  uint8_t *opt = reinterpret_cast<uint8_t *>(th);
  int off = 20, nblocks = 0;
  while (off + 1 < hlen) {
    uint8_t kind = opt[off];
    if (kind == TCPOPT_EOL)
      break;
    if (kind == TCPOPT_NOP) {
      off++;
      continue;
    }
    int len = opt[off + 1];
    if (len < 2 || off + len > hlen)
      return -1;
    if (kind == TCPOPT_SACK) {
      for (int b = off + 2; b + 4 <= off + len; b += 4) {
        uint32_t old = read32(opt + b);
        uint32_t nv = shift(old, delta, undo);
        write32(opt + b, nv);
        update_cksum32(&th->th_sum, old, nv, (b & 1) != 0);
        nblocks++;
      }
    }
    off += len;
  }
  return nblocks;
}

bool TrainSeqProxy::track(SpliceState *s, const click_tcp *th, uint32_t paylen,
                          bool rev) {
  uint32_t seq = ntohl(th->th_seq);
  uint32_t end = seq + paylen + ((th->th_flags & (TH_SYN | TH_FIN)) ? 1 : 0);
  if (!rev) {
    if (SEQ_LT(end, s->highest) ||
        (paylen && seq == s->isn + 1 && SEQ_GT(s->highest, s->isn + 1)))
      s->retransmits++;
    else
      s->highest = end;
  }
  if (th->th_flags & TH_FIN)
    s->fin_seen |= rev ? 2 : 1;
  if ((th->th_flags & TH_RST) || s->fin_seen == 3)
    return true;
  return false;
}

void TrainSeqProxy::push(int, Packet *p) {
  const click_ip *iph = p->ip_header();
  if (!iph || iph->ip_p != IP_PROTO_TCP ||
      p->transport_length() < (int)sizeof(click_tcp)) {
    output(1).push(p);
    return;
  }
  const click_tcp *cth = p->tcp_header();
  int hlen = cth->th_off << 2;
  if (hlen < 20 || hlen > p->transport_length()) {
    output(1).push(p);
    return;
  }
  IPFlowID id(p);
  bool rev = false;
  SpliceState *s = lookup(id, &rev);
  if (!s) {
    if ((cth->th_flags & (TH_SYN | TH_ACK)) != TH_SYN ||
        !(s = create(id, ntohl(cth->th_seq)))) {
      output(0).push(p);
      return;
    }
  }
  WritablePacket *q = p->uniqueify();
  if (!q)
    return;
  click_tcp *th = q->tcp_header();
  uint32_t paylen =
      (uint32_t)(ntohs(q->ip_header()->ip_len) - (q->ip_header()->ip_hl << 2)) -
      (uint32_t)hlen;
  if (paylen > 65535)
    paylen = 0;
  bool done = track(s, th, paylen, rev);
  uint32_t seq = ntohl(th->th_seq), ack = ntohl(th->th_ack);
  uint32_t nseq =
      rev ? shift(seq, s->ack_delta, true) : shift(seq, s->seq_delta, false);
  uint32_t nack = ack;
  if (th->th_flags & TH_ACK)
    nack =
        rev ? shift(ack, s->seq_delta, true) : shift(ack, s->ack_delta, false);
  th->th_seq = htonl(nseq);
  update_cksum32(&th->th_sum, seq, nseq, false);
  if (nack != ack) {
    th->th_ack = htonl(nack);
    update_cksum32(&th->th_sum, ack, nack, false);
  }
  if (hlen > 20 && (th->th_flags & TH_ACK)) {
    int n = fix_sack(th, hlen, rev ? s->seq_delta : s->ack_delta, rev);
    if (n > 0)
      _sack_fixed += (uint64_t)n;
  }
  if (done) {
    _conns.erase(rev ? id.reverse() : id);
    _closed++;
  }
  output(0).push(q);
}

extern "C" Element *clara_nf_create(const char *config) {
  Element *e = new TrainSeqProxy;
  String conf = config ? String(config) : String();
  if (clara_element_setup(e, conf, 1, 2) < 0)
    return 0;
  return e;
}
