// Training source for the instruction models (models/README.md): an ECN
// policy middlebox: a per-DSCP policy table of bit fields (bleach ECT,
// remap ECT(1) to ECT(0), allow TCP ECN negotiation, CE marking above a
// queue threshold with a RED-like linear probability), TCP ECE/CWR
// handling on SYNs and data, incremental IP/TCP checksum updates. Agnostic
// element with both push and pull paths.
// Written for training only; not part of the NF corpus.
#include <click/clara.hh>
#include <click/config.h>
#include <click/element.hh>
#include <click/packet.hh>
#include <click/packet_anno.hh>
#include <clicknet/ip.h>
#include <clicknet/tcp.h>

struct EcnPolicy {
  uint8_t bleach : 1;     // clear ECT/CE on this class
  uint8_t remap_ect1 : 1; // ECT(1) -> ECT(0)
  uint8_t allow_tcp : 1;  // let TCP negotiate ECN
  uint8_t mark : 1;       // CE-mark under congestion
  uint8_t weight : 4;     // marking weight 1..15
};

enum EcnAction { ECN_KEEP, ECN_CLEAR, ECN_SET_ECT0, ECN_SET_CE, ECN_DROP };

class TrainEcnPolicy : public Element {
public:
  TrainEcnPolicy() : _min_q(20), _max_q(120), _drops(0), _flag_fixes(0) {
    for (int d = 0; d < 64; ++d) {
      EcnPolicy &p = _policy[d];
      p.bleach = d == 0 || (d >= 8 && d < 16); // best effort, CS1
      p.remap_ect1 = d < 32;
      p.allow_tcp = d != 8;
      p.mark = d >= 10;
      p.weight = (uint8_t)(d >= 46 ? 15 : 4 + (d & 7));
    }
    for (int i = 0; i < 5; ++i)
      _actions[i] = 0;
  }
  const char *class_name() const override { return "TrainEcnPolicy"; }
  const char *port_count() const override { return PORTS_1_1; }
  const char *processing() const override { return AGNOSTIC; }
  void push(int port, Packet *p) override;
  Packet *pull(int port) override;

private:
  // Marking probability in 1/65536 units for a queue length q.
  uint32_t mark_probability(uint32_t q, uint8_t weight) const {
    if (q <= _min_q)
      return 0;
    if (q >= _max_q)
      return 65536;
    uint32_t span = _max_q - _min_q;
    uint64_t p = (uint64_t)(q - _min_q) * 65536u * weight / (span * 15u);
    return p > 65536 ? 65536 : (uint32_t)p;
  }
  int decide(const EcnPolicy &pol, uint8_t ecn, uint32_t qlen) const {
    if (pol.bleach)
      return ecn == IP_ECN_NOT_ECT ? ECN_KEEP : ECN_CLEAR;
    if (ecn == IP_ECN_NOT_ECT || ecn == IP_ECN_CE) {
      if (ecn == IP_ECN_NOT_ECT && qlen >= _max_q)
        return ECN_DROP; // a non-ECN flow at overload: drop
      return ECN_KEEP;
    }
    if (pol.mark &&
        (click_random() & 0xFFFF) < mark_probability(qlen, pol.weight))
      return ECN_SET_CE;
    return (pol.remap_ect1 && ecn == IP_ECN_ECT1) ? ECN_SET_ECT0 : ECN_KEEP;
  }
  static void set_tos(click_ip *iph, uint8_t tos) {
    uint16_t *w = reinterpret_cast<uint16_t *>(iph);
    uint16_t old = *w;
    iph->ip_tos = tos;
    click_update_in_cksum(&iph->ip_sum, old, *w);
  }
  static bool fix_tcp_flags(click_tcp *th, bool allow) {
    uint8_t f = th->th_flags, nf = f;
    if ((f & TH_SYN) && !allow)
      nf &= (uint8_t)~(TH_ECE | TH_CWR);
    else if (!(f & TH_SYN) && !allow && (f & TH_ECE))
      nf &= (uint8_t)~TH_ECE;
    if (nf == f)
      return false;
    uint16_t *w = reinterpret_cast<uint16_t *>(th) + 6; // th_off/flags word
    uint16_t old = *w;
    th->th_flags = nf;
    click_update_in_cksum(&th->th_sum, old, *w);
    return true;
  }
  Packet *process(Packet *p);

  EcnPolicy _policy[64];
  uint32_t _min_q, _max_q;
  uint32_t _drops, _flag_fixes;
  uint64_t _actions[5];
};

Packet *TrainEcnPolicy::process(Packet *p) {
  const click_ip *ciph = p->ip_header();
  if (!ciph)
    return p;
  uint8_t dscp = ciph->ip_tos >> IPTOS_DSCP_SHIFT;
  uint8_t ecn = ciph->ip_tos & IP_ECNMASK;
  const EcnPolicy &pol = _policy[dscp];
  uint32_t qlen = p->anno_u16(AGGREGATE_AUX_ANNO_OFFSET);
  if (!qlen)
    qlen = (p->length() >> 4) & 0x7F; // no queue annotation: size proxy
  int act = decide(pol, ecn, qlen);
  _actions[act]++;
  bool tcp = ciph->ip_p == IP_PROTO_TCP && IP_FIRSTFRAG(ciph) &&
             p->transport_length() >= 20;
  if (act == ECN_DROP) {
    _drops++;
    p->kill();
    return 0;
  }
  if (act == ECN_KEEP && (!tcp || pol.allow_tcp))
    return p;
  WritablePacket *q = p->uniqueify();
  if (!q)
    return 0;
  click_ip *iph = q->ip_header();
  switch (act) {
  case ECN_CLEAR:
    set_tos(iph, iph->ip_tos & (uint8_t)~IP_ECNMASK);
    break;
  case ECN_SET_ECT0:
    set_tos(iph, (uint8_t)((iph->ip_tos & ~IP_ECNMASK) | IP_ECN_ECT2));
    break;
  case ECN_SET_CE:
    set_tos(iph, iph->ip_tos | IP_ECN_CE);
    SET_PAINT_ANNO(q, 3);
    break;
  default:
    break;
  }
  if (tcp && fix_tcp_flags(q->tcp_header(), pol.allow_tcp && !pol.bleach))
    _flag_fixes++;
  return q;
}

void TrainEcnPolicy::push(int, Packet *p) {
  if (Packet *q = process(p))
    output(0).push(q);
}

Packet *TrainEcnPolicy::pull(int) {
  Packet *p = input(0).pull();
  return p ? process(p) : 0;
}

extern "C" Element *clara_nf_create(const char *config) {
  Element *e = new TrainEcnPolicy;
  String conf = config ? String(config) : String();
  if (clara_element_setup(e, conf, 1, 1) < 0)
    return 0;
  return e;
}
