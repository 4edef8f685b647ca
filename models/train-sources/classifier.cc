// Training source for the instruction models (models/README.md): rule
// matching with short-circuit chains, predicates of several arguments,
// switches and per-size instances of one template element.
// Written for training only; not part of the NF corpus.
#include <click/clara.hh>
#include <click/config.h>
#include <click/element.hh>
#include <click/packet.hh>
#include <click/packet_anno.hh>
#include <clicknet/ether.h>
#include <clicknet/icmp.h>
#include <clicknet/ip.h>
#include <clicknet/tcp.h>
#include <clicknet/udp.h>

struct TrainRule {
  uint32_t addr, mask;
  uint16_t lo, hi;
  uint8_t proto, action;
  int16_t prio;
};

static bool prefix_match(uint32_t a, uint32_t addr, uint32_t mask) {
  return (a & mask) == (addr & mask);
}

static bool port_match(uint16_t port, uint16_t lo, uint16_t hi, bool any) {
  return any || (port >= lo && port <= hi);
}

static int tcp_state(uint8_t flags, int prev) {
  switch (flags & (TH_SYN | TH_ACK | TH_FIN | TH_RST)) {
  case TH_SYN:
    return 1;
  case TH_SYN | TH_ACK:
    return prev == 1 ? 2 : -1;
  case TH_ACK:
    return prev >= 2 ? 3 : prev;
  case TH_FIN | TH_ACK:
  case TH_FIN:
    return 4;
  case TH_RST:
  case TH_RST | TH_ACK:
    return 0;
  default:
    return -1;
  }
}

template <int N> class TrainClassifier : public Element {
public:
  TrainClassifier() : _state(0), _hits(0), _default(N % 3) {
    for (int i = 0; i < N; ++i) {
      _rules[i].addr = 0x0a000000u + (uint32_t)i * 256;
      _rules[i].mask = i & 1 ? 0xffffff00u : 0xffff0000u;
      _rules[i].lo = (uint16_t)(i * 100);
      _rules[i].hi = (uint16_t)(i * 100 + 99);
      _rules[i].proto = i % 3 == 0 ? IP_PROTO_TCP : IP_PROTO_UDP;
      _rules[i].action = (uint8_t)(i % 4);
      _rules[i].prio = (int16_t)(N - i);
      _counts[i] = 0;
    }
  }
  const char *class_name() const override { return "TrainClassifier"; }
  const char *port_count() const override { return "1/4"; }
  void push(int port, Packet *p) override;

private:
  int match(uint32_t src, uint32_t dst, uint16_t sport, uint16_t dport,
            uint8_t proto, int16_t *prio) const;
  bool suspicious(const click_ip *iph, const click_tcp *th, int len) const;

  TrainRule _rules[N];
  uint64_t _counts[N];
  int _state;
  uint32_t _hits;
  int _default;
};

template <int N>
int TrainClassifier<N>::match(uint32_t src, uint32_t dst, uint16_t sport,
                              uint16_t dport, uint8_t proto,
                              int16_t *prio) const {
  int best = -1;
  for (int i = 0; i < N; ++i) {
    const TrainRule &r = _rules[i];
    if (r.proto != proto && r.proto != 0)
      continue;
    if (!prefix_match(dst, r.addr, r.mask) &&
        !prefix_match(src, r.addr, r.mask))
      continue;
    if (!port_match(dport, r.lo, r.hi, r.lo == 0 && r.hi == 0) ||
        !port_match(sport, 0, 65535, true))
      continue;
    if (best < 0 || r.prio > *prio) {
      best = i;
      *prio = r.prio;
    }
  }
  return best;
}

template <int N>
bool TrainClassifier<N>::suspicious(const click_ip *iph, const click_tcp *th,
                                    int len) const {
  if (iph->ip_ttl < 2 || (ntohs(iph->ip_off) & IP_MF) != 0)
    return true;
  if (th && ((th->th_flags & (TH_SYN | TH_FIN)) == (TH_SYN | TH_FIN) ||
             (th->th_flags == 0 && len > 40)))
    return true;
  return ntohs(iph->ip_len) > len - 14 ||
         iph->ip_src.s_addr == iph->ip_dst.s_addr;
}

template <int N> void TrainClassifier<N>::push(int, Packet *p) {
  const click_ip *iph = p->ip_header();
  if (!iph || p->length() < 34) {
    output(3).push(p);
    return;
  }
  uint16_t sport = 0, dport = 0;
  const click_tcp *th = 0;
  if (iph->ip_p == IP_PROTO_TCP || iph->ip_p == IP_PROTO_UDP) {
    const click_udp *uh = p->udp_header();
    sport = ntohs(uh->uh_sport);
    dport = ntohs(uh->uh_dport);
    if (iph->ip_p == IP_PROTO_TCP) {
      th = p->tcp_header();
      int s = tcp_state(th->th_flags, _state);
      _state = s < 0 ? _state : s;
    }
  } else if (iph->ip_p == IP_PROTO_ICMP) {
    const click_icmp *ic = p->icmp_header();
    dport = (uint16_t)(ic->icmp_type << 8 | ic->icmp_code);
  }
  if (suspicious(iph, th, (int)p->length())) {
    output(3).push(p);
    return;
  }
  int16_t prio = -1;
  int r = match(ntohl(iph->ip_src.s_addr), ntohl(iph->ip_dst.s_addr), sport,
                dport, iph->ip_p, &prio);
  int port = r < 0 ? _default : _rules[r].action;
  if (r >= 0) {
    _counts[r]++;
    _hits++;
  }
  output(port > 2 ? 2 : port).push(p);
}

extern "C" Element *clara_nf_create(const char *config) {
  Element *e[3] = {new TrainClassifier<4>, new TrainClassifier<7>,
                   new TrainClassifier<12>};
  String conf = config ? String(config) : String();
  for (int i = 0; i < 3; ++i)
    if (clara_element_setup(e[i], conf, 1, 4) < 0)
      return 0;
  clara_connect(e[0], 0, e[1], 0);
  clara_connect(e[1], 0, e[2], 0);
  return e[0];
}
