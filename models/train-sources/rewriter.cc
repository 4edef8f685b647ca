// Training source for the instruction models (models/README.md): header
// rewriting with helpers of several arguments, checksum updates, ternaries,
// signed arithmetic and per-width instances of one template element.
// Written for training only; not part of the NF corpus.
#include <click/clara.hh>
#include <click/config.h>
#include <click/element.hh>
#include <click/packet.hh>
#include <click/packet_anno.hh>
#include <clicknet/ether.h>
#include <clicknet/ip.h>
#include <clicknet/tcp.h>
#include <clicknet/udp.h>

static uint16_t fold_sum(uint32_t sum) {
  while (sum >> 16)
    sum = (sum & 0xffff) + (sum >> 16);
  return (uint16_t)~sum;
}

static uint16_t sum_words(const unsigned char *d, int n, uint32_t seed) {
  uint32_t s = seed;
  int i = 0;
  for (; i + 1 < n; i += 2)
    s += (uint32_t)((d[i] << 8) | d[i + 1]);
  if (i < n)
    s += (uint32_t)d[i] << 8;
  return fold_sum(s);
}

static void adjust_sum(uint16_t *sum, uint32_t old_v, uint32_t new_v) {
  uint32_t s = (uint16_t)~ntohs(*sum);
  s += (uint16_t)~(old_v >> 16) + (uint16_t)~(old_v & 0xffff);
  s += (new_v >> 16) + (new_v & 0xffff);
  *sum = htons((uint16_t)~fold_sum(s));
}

template <typename W> class TrainRewriter : public Element {
public:
  TrainRewriter() : _base(10), _span(250), _rewritten(0), _skipped(0) {
    for (int i = 0; i < 8; ++i)
      _map[i] = (W)(i * 3 + 1);
  }
  const char *class_name() const override { return "TrainRewriter"; }
  const char *port_count() const override { return PORTS_1_1; }
  Packet *simple_action(Packet *p) override;

private:
  W pick(W key, W salt, int round) const {
    W v = (W)(key ^ salt);
    v = (W)(v * 33 + (W)round);
    return round & 1 ? (W)(v >> 1) : (W)(v + _map[round & 7]);
  }
  uint32_t translate(uint32_t addr, W key, int rounds) const {
    W v = key;
    for (int r = 0; r < rounds; ++r)
      v = pick(v, (W)(addr >> (r & 3)), r);
    uint32_t off = (uint32_t)v % _span;
    return (addr & 0xffffff00u) | ((_base + off) & 0xff);
  }
  int port_shift(int sport, int dport, bool reverse) const {
    int d = reverse ? dport - sport : sport - dport;
    return d < 0 ? -d / 2 : d % 97;
  }
  bool rewrite_ports(click_udp *uh, click_ip *iph, int shift, bool tcp);

  W _map[8];
  uint32_t _base, _span;
  uint64_t _rewritten;
  uint32_t _skipped;
};

template <typename W>
bool TrainRewriter<W>::rewrite_ports(click_udp *uh, click_ip *iph, int shift,
                                     bool tcp) {
  uint16_t sp = ntohs(uh->uh_sport);
  uint16_t np = (uint16_t)(sp + shift);
  if (np < 1024)
    return false;
  uh->uh_sport = htons(np);
  if (tcp) {
    click_tcp *th = reinterpret_cast<click_tcp *>(uh);
    adjust_sum(&th->th_sum, sp, np);
  } else if (uh->uh_sum) {
    adjust_sum(&uh->uh_sum, sp, np);
  }
  (void)iph;
  return true;
}

template <typename W> Packet *TrainRewriter<W>::simple_action(Packet *p) {
  WritablePacket *q = p->uniqueify();
  if (!q || q->length() < 42)
    return q;
  click_ip *iph = reinterpret_cast<click_ip *>(q->data() + 14);
  if (iph->ip_v != 4 || (iph->ip_hl << 2) < 20) {
    _skipped++;
    return q;
  }
  uint32_t src = ntohl(iph->ip_src.s_addr);
  uint32_t nsrc = translate(src, (W)iph->ip_id, 3 + (iph->ip_tos & 3));
  iph->ip_src.s_addr = htonl(nsrc);
  iph->ip_sum = 0;
  iph->ip_sum =
      htons(sum_words((const unsigned char *)iph, iph->ip_hl << 2, 0));
  bool tcp = iph->ip_p == IP_PROTO_TCP;
  if (tcp || iph->ip_p == IP_PROTO_UDP) {
    click_udp *uh =
        reinterpret_cast<click_udp *>((unsigned char *)iph + (iph->ip_hl << 2));
    int shift =
        port_shift(ntohs(uh->uh_sport), ntohs(uh->uh_dport), (nsrc & 1) != 0);
    if (!rewrite_ports(uh, iph, shift, tcp))
      _skipped++;
  }
  _rewritten += q->length() > 60 ? 2 : 1;
  return q;
}

extern "C" Element *clara_nf_create(const char *config) {
  Element *e[4] = {new TrainRewriter<uint8_t>, new TrainRewriter<uint16_t>,
                   new TrainRewriter<uint32_t>, new TrainRewriter<uint64_t>};
  String conf = config ? String(config) : String();
  for (int i = 0; i < 4; ++i)
    if (clara_element_setup(e[i], conf, 1, 1) < 0)
      return 0;
  for (int i = 0; i + 1 < 4; ++i)
    clara_connect(e[i], 0, e[i + 1], 0);
  return e[0];
}
