// Training source for the instruction models (models/README.md): a
// two-rate three-color marker (RFC 2698 style) with one pair of token
// buckets per traffic class chosen from the DSCP, colour-aware mode,
// DSCP remarking with checksum update, and per-class colour counters; the
// bucket arithmetic is a template instantiated at three counter widths.
// Written for training only; not part of the NF corpus.
#include <click/clara.hh>
#include <click/config.h>
#include <click/element.hh>
#include <click/packet.hh>
#include <click/packet_anno.hh>
#include <clicknet/ip.h>

enum { GREEN = 0, YELLOW = 1, RED = 2 };

template <typename W> struct TokenPair {
  W c_tokens, p_tokens; // committed / peak bucket fill, bytes
  W cbs, pbs;           // bucket sizes, bytes
  uint32_t cir, pir;    // rates, bytes per second
  int64_t last_usec;
  uint32_t colored[3];
};

template <typename W> static W refill(W tokens, W size, uint64_t add) {
  uint64_t t = (uint64_t)tokens + add;
  return t > (uint64_t)size ? size : (W)t;
}

// Bytes earned at rate bytes/s over delta microseconds, without overflow
// for long idle periods.
static uint64_t earned(uint32_t rate, int64_t delta_usec) {
  if (delta_usec <= 0)
    return 0;
  uint64_t d = (uint64_t)delta_usec;
  if (d > 10000000)
    d = 10000000;
  return (d * rate) / 1000000 + ((d % 1000000) * rate % 1000000 > 500000);
}

static int dscp_class(uint8_t tos) {
  uint8_t dscp = tos >> 2;
  if (dscp == 46)
    return 0; // EF
  if ((dscp & 0x07) == 0 && dscp != 0)
    return 1 + ((dscp >> 3) & 3); // CS1..CS3 (and CS5-7 folded)
  if ((dscp & 0x01) == 0 && dscp >= 10 && dscp <= 38)
    return 4 + (((dscp >> 3) - 1) & 3); // AF1x..AF4x
  return 8;                             // best effort
}

static int prev_color(uint8_t tos) {
  uint8_t dp = (tos >> 3) & 3; // AF drop precedence
  return dp == 3 ? RED : dp == 2 ? YELLOW : GREEN;
}

template <typename W> class TrainTrTCM : public Element {
public:
  enum { NCLASS = 9 };
  TrainTrTCM() : _aware(true), _dropped(0) {
    for (int i = 0; i < NCLASS; ++i) {
      TokenPair<W> &b = _tb[i];
      uint64_t cbs = 1500 * (uint64_t)(i + 2), pbs = cbs * 2;
      W maxw = (W) ~(W)0;
      b.cbs = cbs > maxw ? maxw : (W)cbs;
      b.pbs = pbs > maxw ? maxw : (W)pbs;
      b.c_tokens = b.cbs;
      b.p_tokens = b.pbs;
      b.cir = 125000u * (uint32_t)(i + 1);
      b.pir = b.cir * 3;
      b.last_usec = -1;
      b.colored[0] = b.colored[1] = b.colored[2] = 0;
    }
  }
  const char *class_name() const override { return "TrainTrTCM"; }
  const char *port_count() const override { return PORTS_1_1X2; }
  const char *processing() const override { return PUSH; }
  void push(int port, Packet *p) override;

private:
  void advance(TokenPair<W> &b, int64_t now) {
    if (b.last_usec >= 0) {
      int64_t delta = now - b.last_usec;
      b.c_tokens = refill<W>(b.c_tokens, b.cbs, earned(b.cir, delta));
      b.p_tokens = refill<W>(b.p_tokens, b.pbs, earned(b.pir, delta));
    }
    b.last_usec = now;
  }
  int color(TokenPair<W> &b, uint32_t len, int pre) {
    if (pre == RED || b.p_tokens < len)
      return RED;
    if (pre == YELLOW || b.c_tokens < len) {
      b.p_tokens = (W)(b.p_tokens - len);
      return YELLOW;
    }
    b.p_tokens = (W)(b.p_tokens - len);
    b.c_tokens = (W)(b.c_tokens - len);
    return GREEN;
  }
  static uint8_t remark(uint8_t tos, int cls, int c) {
    if (cls < 4 || cls > 7)
      return tos;
    return (uint8_t)((tos & ~0x18) | ((c + 1) << 3));
  }

  TokenPair<W> _tb[NCLASS];
  bool _aware;
  uint64_t _dropped;
};

template <typename W> void TrainTrTCM<W>::push(int, Packet *p) {
  if (!p->has_network_header()) {
    output(0).push(p);
    return;
  }
  const click_ip *iph = p->ip_header();
  int cls = dscp_class(iph->ip_tos);
  TokenPair<W> &b = _tb[cls];
  const Timestamp &ts = p->timestamp_anno();
  advance(b, (int64_t)ts.sec() * 1000000 + ts.usec());
  uint32_t len = ntohs(iph->ip_len);
  int c = color(b, len, _aware ? prev_color(iph->ip_tos) : GREEN);
  b.colored[c]++;
  if (c == RED && cls != 0) {
    _dropped++;
    output(1).push(p);
    return;
  }
  uint8_t ntos = remark(iph->ip_tos, cls, c);
  if (ntos != iph->ip_tos) {
    WritablePacket *q = p->uniqueify();
    if (!q)
      return;
    click_ip *wip = q->ip_header();
    uint16_t oldw =
        htons((uint16_t)((wip->ip_v << 12) | (wip->ip_hl << 8) | wip->ip_tos));
    wip->ip_tos = ntos;
    uint16_t neww =
        htons((uint16_t)((wip->ip_v << 12) | (wip->ip_hl << 8) | wip->ip_tos));
    uint32_t s = (uint16_t)~wip->ip_sum + (uint32_t)(uint16_t)~oldw + neww;
    s = (s & 0xffff) + (s >> 16);
    s = (s & 0xffff) + (s >> 16);
    wip->ip_sum = (uint16_t)~s;
    p = q;
  }
  SET_PAINT_ANNO(p, (uint8_t)c);
  output(0).push(p);
}

extern "C" Element *clara_nf_create(const char *config) {
  Element *e[3] = {new TrainTrTCM<uint16_t>, new TrainTrTCM<uint32_t>,
                   new TrainTrTCM<uint64_t>};
  String conf = config ? String(config) : String();
  for (int i = 0; i < 3; ++i)
    if (clara_element_setup(e[i], conf, 1, 2) < 0)
      return 0;
  for (int i = 0; i + 1 < 3; ++i)
    clara_connect(e[i], 0, e[i + 1], 0);
  return e[0];
}
