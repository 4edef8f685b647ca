// MLSpread: spreads IPv4 traffic over its outputs with the strongly
// universal multilinear family of Lemire and Kaser:
//   h(s_1..s_n) = (m_0 + sum_i m_i * s_i  mod 2^64) >> 32
// with 64-bit random coefficients m_i and 32-bit (or narrower) characters
// s_i.  The flow key contributes four characters (addresses, port word,
// protocol); the first bytes of payload contribute up to eight 16-bit
// characters plus a length character, and the two values are summed in the
// same ring before the final shift.  Coefficients came from a seeded
// generator run once at development time.
#include <click/config.h>
#include <click/element.hh>
#include <click/packet.hh>
#include <clicknet/ip.h>
CLICK_DECLS

static const uint64_t ml_coef[14] = {
    0x0149cd9563173760ULL, 0x0d940bc99ac5dfecULL, 0xa03f90d9f03bfc49ULL,
    0x144c0ea7925cc57fULL, 0x74cfd72a19e4f633ULL, 0x6f3aa7298e66c1ceULL,
    0xf4fa339e978f5436ULL, 0x6a3a64e2acb3faacULL, 0x24e635beebbd2645ULL,
    0xeb11c2e575a1dfa2ULL, 0x653c2ca3764576c7ULL, 0x7673241ea5bbfaa4ULL,
    0x7ff21fe8a463f279ULL, 0x632f150b986c5fb6ULL,
};

class MLSpread : public Element {
public:
  MLSpread() : _nspread(0) {}
  const char *class_name() const override { return "MLSpread"; }
  const char *port_count() const override { return "1/1-"; }
  const char *processing() const override { return PUSH; }

  void push(int port, Packet *p) override;

  static uint64_t key_sum(const click_ip *iph, const unsigned char *l4);
  static uint64_t body_sum(const unsigned char *d, uint32_t len);
  uint32_t flow_value(const Packet *p) const;

private:
  uint32_t _nspread;
};

uint64_t MLSpread::key_sum(const click_ip *iph, const unsigned char *l4) {
  uint32_t chars[4];
  chars[0] = ntohl(iph->ip_src.s_addr);
  chars[1] = ntohl(iph->ip_dst.s_addr);
  chars[2] = l4 ? ((uint32_t)l4[0] << 24 | (uint32_t)l4[1] << 16 |
                   (uint32_t)l4[2] << 8 | l4[3])
                : 0;
  chars[3] = iph->ip_p;
  uint64_t acc = ml_coef[0];
  for (int i = 0; i < 4; ++i)
    acc += ml_coef[i + 1] * (uint64_t)chars[i];
  return acc;
}

uint64_t MLSpread::body_sum(const unsigned char *d, uint32_t len) {
  uint64_t acc = ml_coef[13] * (uint64_t)(len > 16 ? 16 : len);
  uint32_t k = 5;
  while (len >= 2 && k < 13) {
    acc += ml_coef[k++] * (uint64_t)((uint32_t)d[0] << 8 | d[1]);
    d += 2;
    len -= 2;
  }
  if (len == 1 && k < 13)
    acc += ml_coef[k] * (uint64_t)((uint32_t)d[0] << 8);
  return acc;
}

uint32_t MLSpread::flow_value(const Packet *p) const {
  const click_ip *iph = p->ip_header();
  if (!iph)
    return 0;
  unsigned hl = iph->ip_hl << 2;
  const unsigned char *l4 = 0;
  const unsigned char *end = p->end_data();
  const unsigned char *nh = reinterpret_cast<const unsigned char *>(iph);
  if ((iph->ip_p == IP_PROTO_TCP || iph->ip_p == IP_PROTO_UDP) &&
      !IP_ISFRAG(iph) && nh + hl + 4 <= end)
    l4 = nh + hl;
  uint64_t acc = key_sum(iph, l4);
  if (l4) {
    unsigned skip = iph->ip_p == IP_PROTO_TCP ? 20 : 8;
    if (l4 + skip <= end)
      acc += body_sum(l4 + skip, (uint32_t)(end - (l4 + skip)));
  }
  return (uint32_t)(acc >> 32);
}

void MLSpread::push(int, Packet *p) {
  uint32_t v = flow_value(p);
  p->set_anno_u32(4, v);
  int n = noutputs();
  output(n > 1 ? (int)(((uint64_t)v * (uint32_t)n) >> 32) : 0).push(p);
  ++_nspread;
}

CLICK_ENDDECLS
EXPORT_ELEMENT(MLSpread)
