// Training source for the instruction models (models/README.md): DSCP/ECN
// remarking by a rule table (prefix, protocol, port range), per-class
// two-rate policers with 64-bit token arithmetic, and CE marking when a
// class's smoothed load passes a threshold; incremental checksum updates.
// Written for training only; not part of the NF corpus.
#include <click/clara.hh>
#include <click/config.h>
#include <click/element.hh>
#include <click/packet.hh>
#include <click/packet_anno.hh>
#include <click/timestamp.hh>
#include <clicknet/ip.h>
#include <clicknet/tcp.h>
#include <clicknet/udp.h>

struct RemarkRule {
  uint32_t net, mask;
  uint16_t port_lo, port_hi;
  uint8_t proto; // 0: any
  uint8_t dscp;
  uint8_t cls;
};

struct Policer {
  uint64_t cir_bps, pir_bps;
  int64_t c_tokens, p_tokens; // bytes
  int64_t cbs, pbs;
  int64_t last_us;
  uint32_t load; // smoothed bytes per interval, fixed point 8.24
};

enum Color { GREEN = 0, YELLOW = 1, RED = 2 };

template <int NRULES> class TrainDscpRemark : public Element {
public:
  enum { NCLASS = 4 };
  TrainDscpRemark() : _remarked(0), _ce(0), _dropped(0) {
    static const uint8_t dscps[4] = {46, 34, 18, 0};
    for (int i = 0; i < NRULES; ++i) {
      _rules[i].net = 0x0a000000u | ((uint32_t)i << 12);
      _rules[i].mask = i == NRULES - 1 ? 0 : 0xfffff000u;
      _rules[i].port_lo = (uint16_t)(i * 50);
      _rules[i].port_hi = (uint16_t)(i * 50 + 500);
      _rules[i].proto = (uint8_t)(i % 3 == 0 ? 0 : i % 3 == 1 ? 6 : 17);
      _rules[i].cls = (uint8_t)(i % NCLASS);
      _rules[i].dscp = dscps[i % NCLASS];
    }
    for (int c = 0; c < NCLASS; ++c) {
      _pol[c].cir_bps = 1000000ull << c;
      _pol[c].pir_bps = 4000000ull << c;
      _pol[c].cbs = _pol[c].c_tokens = 3000;
      _pol[c].pbs = _pol[c].p_tokens = 9000;
      _pol[c].last_us = 0;
      _pol[c].load = 0;
    }
  }
  const char *class_name() const override { return "TrainDscpRemark"; }
  const char *port_count() const override { return PORTS_1_1X2; }
  Packet *simple_action(Packet *p) override;

private:
  int match(uint32_t src, uint8_t proto, uint16_t dport) const {
    for (int i = 0; i < NRULES; ++i) {
      const RemarkRule &r = _rules[i];
      if ((src & r.mask) == r.net && (!r.proto || r.proto == proto) &&
          (!r.proto || (dport >= r.port_lo && dport <= r.port_hi)))
        return i;
    }
    return -1;
  }
  static int64_t refill(int64_t tokens, int64_t burst, uint64_t bps,
                        int64_t dt_us) {
    int64_t add = (int64_t)((bps / 8) * (uint64_t)dt_us / 1000000u);
    tokens += add;
    return tokens > burst ? burst : tokens;
  }
  int color(Policer &pl, uint32_t len, int64_t now_us) {
    int64_t dt = now_us - pl.last_us;
    if (dt > 0) {
      pl.c_tokens = refill(pl.c_tokens, pl.cbs, pl.cir_bps, dt);
      pl.p_tokens = refill(pl.p_tokens, pl.pbs, pl.pir_bps, dt);
      pl.last_us = now_us;
    }
    // Load: exponentially weighted, 1/16 per packet.
    pl.load = pl.load - (pl.load >> 4) + ((len << 20) >> 4);
    if (pl.p_tokens < (int64_t)len)
      return RED;
    pl.p_tokens -= len;
    if (pl.c_tokens < (int64_t)len)
      return YELLOW;
    pl.c_tokens -= len;
    return GREEN;
  }
  static uint8_t demote(uint8_t dscp, int c) {
    if (c == GREEN || dscp == 0 || dscp == 46)
      return dscp;
    // AF classes: raise the drop precedence (AFx1 -> AFx2 -> AFx3).
    if ((dscp & 7) == 2 && (dscp >> 3) >= 1 && (dscp >> 3) <= 4) {
      int prec = (dscp >> 1) & 3;
      prec = prec + c > 3 ? 3 : prec + c;
      return (uint8_t)((dscp & 0x38) | (prec << 1));
    }
    return 0;
  }
  bool set_tos(click_ip *iph, uint8_t tos) {
    if (iph->ip_tos == tos)
      return false;
    uint16_t ow = htons((uint16_t)(0x4000 | iph->ip_hl << 8 | iph->ip_tos));
    uint16_t nw = htons((uint16_t)(0x4000 | iph->ip_hl << 8 | tos));
    iph->ip_tos = tos;
    click_update_in_cksum(&iph->ip_sum, ow, nw);
    return true;
  }

  RemarkRule _rules[NRULES];
  Policer _pol[NCLASS];
  uint64_t _remarked, _ce;
  uint32_t _dropped;
};

template <int NRULES>
Packet *TrainDscpRemark<NRULES>::simple_action(Packet *p) {
  if (p->length() < 14 + 20 + 4)
    return p;
  WritablePacket *q = p->uniqueify();
  if (!q)
    return 0;
  click_ip *iph = reinterpret_cast<click_ip *>(q->data() + 14);
  unsigned hl = iph->ip_hl << 2;
  uint16_t dport = 0;
  if (hl >= 20 && q->length() >= 14 + hl + 4 &&
      (iph->ip_p == IP_PROTO_TCP || iph->ip_p == IP_PROTO_UDP)) {
    const click_udp *uh =
        reinterpret_cast<const click_udp *>((const uint8_t *)iph + hl);
    dport = ntohs(uh->uh_dport);
  }
  int r = match(ntohl(iph->ip_src.s_addr), iph->ip_p, dport);
  if (r < 0)
    return q;
  const RemarkRule &rule = _rules[r];
  Policer &pl = _pol[rule.cls];
  const Timestamp &ts = q->timestamp_anno();
  int64_t now_us = (int64_t)ts.sec() * 1000000 + ts.usec();
  uint32_t len = ntohs(iph->ip_len);
  int c = color(pl, len, now_us);
  if (c == RED && rule.cls == NCLASS - 1) {
    _dropped++;
    checked_output_push(1, q);
    return 0;
  }
  uint8_t tos = (uint8_t)(demote(rule.dscp, c) << 2 | (iph->ip_tos & 3));
  uint8_t ecn = tos & IP_ECNMASK;
  if ((ecn == IP_ECN_ECT1 || ecn == IP_ECN_ECT2) && (pl.load >> 24) > 600) {
    tos |= IP_ECN_CE;
    _ce++;
  }
  if (set_tos(iph, tos))
    _remarked++;
  SET_PAINT_ANNO(q, (uint8_t)(rule.cls << 2 | c));
  return q;
}

extern "C" Element *clara_nf_create(const char *config) {
  Element *e[3] = {new TrainDscpRemark<4>, new TrainDscpRemark<8>,
                   new TrainDscpRemark<16>};
  String conf = config ? String(config) : String();
  for (int i = 0; i < 3; ++i)
    if (clara_element_setup(e[i], conf, 1, 2) < 0)
      return 0;
  for (int i = 0; i + 1 < 3; ++i)
    clara_connect(e[i], 0, e[i + 1], 0);
  return e[0];
}
