// Training source for the instruction models (models/README.md): a TCP option
// normaliser for SYN segments (MSS clamping, window-scale capping, SACK-
// permitted and timestamp stripping by NOP overwrite) with incremental
// checksum updates, per-width statistics counters.
// Written for training only; not part of the NF corpus.
#include <click/clara.hh>
#include <click/config.h>
#include <click/element.hh>
#include <click/packet.hh>
#include <click/packet_anno.hh>
#include <clicknet/ip.h>
#include <clicknet/tcp.h>

struct TcpOptSummary {
  uint16_t mss;
  uint8_t wscale;
  uint8_t has_sackok : 1;
  uint8_t has_ts : 1;
  uint8_t bad : 1;
  uint8_t nopts : 5;
};

// One 16-bit word of the TCP header changed: RFC 1624 update.
static void tcp_word_changed(click_tcp *th, const uint8_t *word, uint16_t old) {
  uint16_t now = (uint16_t)(word[0] << 8 | word[1]);
  if (now != old)
    click_update_in_cksum(&th->th_sum, htons(old), htons(now));
}

// The even-aligned 16-bit word of the segment that contains byte `off`.
static uint16_t word_at(const uint8_t *seg, int off) {
  int w = off & ~1;
  return (uint16_t)(seg[w] << 8 | seg[w + 1]);
}

template <typename C> class TrainTcpOpts : public Element {
public:
  TrainTcpOpts()
      : _clamp(1360), _max_wscale(8), _strip_ts(true), _strip_sack(false) {
    for (int i = 0; i < 6; ++i)
      _stats[i] = 0;
    for (int i = 0; i < 16; ++i)
      _kind_seen[i] = 0;
  }
  const char *class_name() const override { return "TrainTcpOpts"; }
  const char *port_count() const override { return PORTS_1_1; }
  Packet *simple_action(Packet *p) override;

private:
  int option_length(const uint8_t *o, int left) const {
    if (o[0] == TCPOPT_EOL || o[0] == TCPOPT_NOP)
      return 1;
    if (left < 2 || o[1] < 2 || o[1] > left)
      return -1;
    return o[1];
  }
  bool expected_length(uint8_t kind, int len) const {
    switch (kind) {
    case TCPOPT_MAXSEG:
      return len == TCPOLEN_MAXSEG;
    case TCPOPT_WSCALE:
      return len == TCPOLEN_WSCALE;
    case TCPOPT_SACK_PERMITTED:
      return len == TCPOLEN_SACK_PERMITTED;
    case TCPOPT_TIMESTAMP:
      return len == TCPOLEN_TIMESTAMP;
    case TCPOPT_SACK:
      return len >= 10 && (len - 2) % 8 == 0;
    default:
      return true;
    }
  }
  uint16_t clamp_mss(uint16_t mss, bool synack) const {
    uint16_t lim = synack ? (uint16_t)(_clamp - 20) : _clamp;
    if (mss == 0)
      return lim;
    return mss > lim ? lim : mss;
  }
  void nop_out(click_tcp *th, uint8_t *seg, int off, int len);
  int walk(uint8_t *seg, int hlen, bool synack, TcpOptSummary *sum);
  void count(int which, int by) { _stats[which] = (C)(_stats[which] + by); }

  uint16_t _clamp;
  uint8_t _max_wscale;
  bool _strip_ts, _strip_sack;
  C _stats[6];
  uint32_t _kind_seen[16];
};

template <typename C>
void TrainTcpOpts<C>::nop_out(click_tcp *th, uint8_t *seg, int off, int len) {
  for (int i = off; i < off + len; ++i) {
    uint16_t old = word_at(seg, i);
    seg[i] = TCPOPT_NOP;
    tcp_word_changed(th, seg + (i & ~1), old);
  }
}

template <typename C>
int TrainTcpOpts<C>::walk(uint8_t *seg, int hlen, bool synack,
                          TcpOptSummary *sum) {
  click_tcp *th = reinterpret_cast<click_tcp *>(seg);
  int off = 20, changed = 0;
  while (off < hlen) {
    uint8_t *o = seg + off;
    if (o[0] == TCPOPT_EOL)
      break;
    int len = option_length(o, hlen - off);
    if (len < 0 || !expected_length(o[0], len)) {
      sum->bad = 1;
      return -1;
    }
    _kind_seen[o[0] & 15]++;
    if (o[0] != TCPOPT_NOP)
      sum->nopts = (uint8_t)((sum->nopts + 1) & 31);
    switch (o[0]) {
    case TCPOPT_MAXSEG: {
      uint16_t mss = (uint16_t)(o[2] << 8 | o[3]);
      uint16_t nm = clamp_mss(mss, synack);
      sum->mss = nm;
      if (nm != mss) {
        int w0 = (off + 2) & ~1;
        uint16_t a = word_at(seg, w0), b = word_at(seg, w0 + 2);
        o[2] = (uint8_t)(nm >> 8);
        o[3] = (uint8_t)nm;
        tcp_word_changed(th, seg + w0, a);
        if ((off + 2) & 1)
          tcp_word_changed(th, seg + w0 + 2, b);
        changed++;
      }
      break;
    }
    case TCPOPT_WSCALE:
      sum->wscale = o[2];
      if (o[2] > _max_wscale) {
        int w = (off + 2) & ~1;
        uint16_t old = word_at(seg, w);
        o[2] = _max_wscale;
        tcp_word_changed(th, seg + w, old);
        changed++;
      }
      break;
    case TCPOPT_SACK_PERMITTED:
      sum->has_sackok = 1;
      if (_strip_sack) {
        nop_out(th, seg, off, len);
        changed++;
      }
      break;
    case TCPOPT_TIMESTAMP:
      sum->has_ts = 1;
      if (_strip_ts && !synack) {
        nop_out(th, seg, off, len);
        changed++;
      }
      break;
    default:
      break;
    }
    off += len;
  }
  return changed;
}

template <typename C> Packet *TrainTcpOpts<C>::simple_action(Packet *p) {
  const click_ip *iph = p->ip_header();
  if (!iph || iph->ip_p != IP_PROTO_TCP || IP_ISFRAG(iph)) {
    count(0, 1);
    return p;
  }
  int toff = p->transport_header_offset();
  if (toff < 0 || p->length() < (uint32_t)toff + 20)
    return p;
  const click_tcp *cth = p->tcp_header();
  int hlen = cth->th_off << 2;
  if (!(cth->th_flags & TH_SYN) && !_strip_ts)
    return p;
  if (hlen <= 20 || p->length() < (uint32_t)(toff + hlen)) {
    count(1, 1);
    return p;
  }
  WritablePacket *q = p->uniqueify();
  if (!q)
    return 0;
  click_tcp *th = q->tcp_header();
  TcpOptSummary sum = {0, 0, 0, 0, 0, 0};
  bool synack = (th->th_flags & (TH_SYN | TH_ACK)) == (TH_SYN | TH_ACK);
  int changed = walk(reinterpret_cast<uint8_t *>(th), hlen, synack, &sum);
  if (changed < 0) {
    count(2, 1);
    SET_PAINT_ANNO(q, 1);
    return q;
  }
  count(3, changed);
  if (sum.mss && sum.mss < 536)
    count(4, 1);
  if ((th->th_flags & TH_SYN) && !sum.has_sackok && sum.nopts > 2)
    count(5, 1);
  q->set_anno_u8(PAINT_ANNO_OFFSET + 1, (uint8_t)(sum.wscale | sum.nopts << 4));
  return q;
}

extern "C" Element *clara_nf_create(const char *config) {
  Element *e[3] = {new TrainTcpOpts<uint16_t>, new TrainTcpOpts<uint32_t>,
                   new TrainTcpOpts<uint64_t>};
  String conf = config ? String(config) : String();
  for (int i = 0; i < 3; ++i)
    if (clara_element_setup(e[i], conf, 1, 1) < 0)
      return 0;
  clara_connect(e[0], 0, e[1], 0);
  clara_connect(e[1], 0, e[2], 0);
  return e[0];
}
