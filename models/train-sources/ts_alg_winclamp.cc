// Training source for the instruction models (models/README.md): a TCP
// receive-window clamp for a rate-limited access link: window-scale options
// are learned from the handshake per direction, the handshake RTT is taken
// from timestamp annotations, the advertised window is capped at the
// bandwidth-delay product (64-bit division, scale rounding) and the checksum
// is updated incrementally. Direct-mapped flow slots with tags; one template
// instantiated at several table sizes and accumulator widths.
// Written for training only; not part of the NF corpus.
#include <click/clara.hh>
#include <click/config.h>
#include <click/element.hh>
#include <click/packet.hh>
#include <click/packet_anno.hh>
#include <click/timestamp.hh>
#include <clicknet/ip.h>
#include <clicknet/tcp.h>

struct ClampSlot {
  uint32_t tag;
  uint32_t init_src;
  uint8_t wscale[2]; // 0: initiator, 1: responder; 15 = not yet known
  uint8_t state;     // 0 free, 1 SYN seen, 2 SYN-ACK seen, 3 established
  uint8_t clamps;
  uint64_t syn_us;
  uint32_t rtt_us;
};

template <unsigned SLOTS, typename Acc>
class TrainWindowClamp : public Element {
public:
  TrainWindowClamp() : _rate_bps(50000000ull), _min_window(8192) {
    for (unsigned i = 0; i < SLOTS; ++i)
      _slots[i].state = 0;
    _clamped_bytes = 0;
    _segments = 0;
  }
  const char *class_name() const override { return "TrainWindowClamp"; }
  const char *port_count() const override { return PORTS_1_1; }
  Packet *simple_action(Packet *p) override;

private:
  static uint32_t pair_tag(const click_ip *iph, const click_tcp *th) {
    uint32_t a = iph->ip_src.s_addr ^ th->th_sport;
    uint32_t b = iph->ip_dst.s_addr ^ th->th_dport;
    uint32_t lo = a < b ? a : b, hi = a < b ? b : a; // both directions
    uint32_t h = lo * 0x85EBCA6Bu ^ (hi + 0x9E3779B9u);
    return h ^ (h >> 13);
  }
  static int find_wscale(const click_tcp *th) {
    const uint8_t *o = reinterpret_cast<const uint8_t *>(th + 1);
    int len = (th->th_off << 2) - 20;
    for (int i = 0; i < len;) {
      if (o[i] == TCPOPT_EOL)
        break;
      if (o[i] == TCPOPT_NOP) {
        i++;
        continue;
      }
      if (i + 1 >= len || o[i + 1] < 2)
        break;
      if (o[i] == TCPOPT_WSCALE && o[i + 1] == TCPOLEN_WSCALE && i + 2 < len)
        return o[i + 2] > 14 ? 14 : o[i + 2];
      i += o[i + 1];
    }
    return 0;
  }
  uint64_t bdp_bytes(uint32_t rtt_us) const {
    uint64_t b = _rate_bps * (uint64_t)rtt_us / 8000000ull;
    return b < _min_window ? _min_window : b;
  }
  static uint16_t raw_window(uint64_t bytes, uint8_t scale) {
    uint64_t raw = (bytes + ((1ull << scale) - 1)) >> scale; // round up
    return raw > 0xFFFF ? (uint16_t)0xFFFF : (uint16_t)raw;
  }
  ClampSlot *slot_for(uint32_t tag, bool create) {
    ClampSlot *s = &_slots[tag % SLOTS];
    if (s->state && s->tag == tag)
      return s;
    if (!create)
      return 0;
    s->tag = tag;
    s->wscale[0] = s->wscale[1] = 15;
    s->state = 1;
    s->clamps = 0;
    s->rtt_us = 0;
    return s;
  }
  void handshake(ClampSlot *s, const click_tcp *th, uint64_t now_us);

  ClampSlot _slots[SLOTS];
  uint64_t _rate_bps;
  uint32_t _min_window;
  Acc _clamped_bytes;
  Acc _segments;
};

template <unsigned SLOTS, typename Acc>
void TrainWindowClamp<SLOTS, Acc>::handshake(ClampSlot *s, const click_tcp *th,
                                             uint64_t now_us) {
  bool synack = th->th_flags & TH_ACK;
  int ws = find_wscale(th);
  if (!synack) {
    s->wscale[0] = (uint8_t)ws;
    s->syn_us = now_us;
    s->state = 1;
  } else if (s->state == 1) {
    s->wscale[1] = (uint8_t)ws;
    s->state = 2;
    if (s->wscale[0] == 0 || ws == 0) // scaling only if both offered it
      s->wscale[0] = s->wscale[1] = 0;
  }
}

template <unsigned SLOTS, typename Acc>
Packet *TrainWindowClamp<SLOTS, Acc>::simple_action(Packet *p) {
  const click_ip *iph = p->ip_header();
  if (!iph || iph->ip_p != IP_PROTO_TCP || !IP_FIRSTFRAG(iph))
    return p;
  const click_tcp *cth = p->tcp_header();
  uint32_t tag = pair_tag(iph, cth);
  uint64_t now_us = (uint64_t)p->timestamp_anno().usecval();
  bool syn = cth->th_flags & TH_SYN;
  ClampSlot *s = slot_for(tag, syn && !(cth->th_flags & TH_ACK));
  if (!s)
    return p;
  if (cth->th_flags & TH_RST) {
    s->state = 0;
    return p;
  }
  if (syn) {
    if (!(cth->th_flags & TH_ACK))
      s->init_src = iph->ip_src.s_addr;
    handshake(s, cth, now_us);
    return p; // windows in SYNs are never scaled
  }
  if (s->state == 2) {
    uint64_t d = now_us > s->syn_us ? now_us - s->syn_us : 1;
    s->rtt_us = d > 0xFFFFFFFFull ? 0xFFFFFFFFu : (uint32_t)d;
    s->state = 3;
  }
  if (s->state != 3 || !s->rtt_us)
    return p;
  int side = iph->ip_src.s_addr == s->init_src ? 0 : 1;
  uint8_t scale = s->wscale[side] == 15 ? 0 : s->wscale[side];
  uint64_t offered = (uint64_t)ntohs(cth->th_win) << scale;
  uint64_t limit = bdp_bytes(s->rtt_us);
  _segments++;
  if (offered <= limit)
    return p;
  WritablePacket *q = p->uniqueify();
  if (!q)
    return 0;
  click_tcp *th = q->tcp_header();
  uint16_t old = th->th_win;
  th->th_win = htons(raw_window(limit, scale));
  click_update_in_cksum(&th->th_sum, old, th->th_win);
  _clamped_bytes += (Acc)(offered - limit);
  if (s->clamps < 255)
    s->clamps++;
  q->set_anno_u32(AGGREGATE_ANNO_OFFSET, (uint32_t)(limit >> 10));
  return q;
}

extern "C" Element *clara_nf_create(const char *config) {
  Element *e[3] = {new TrainWindowClamp<64, uint32_t>,
                   new TrainWindowClamp<256, uint64_t>,
                   new TrainWindowClamp<1024, uint64_t>};
  String conf = config ? String(config) : String();
  for (int i = 0; i < 3; ++i)
    if (clara_element_setup(e[i], conf, 1, 1) < 0)
      return 0;
  clara_connect(e[0], 0, e[1], 0);
  clara_connect(e[1], 0, e[2], 0);
  return e[0];
}
