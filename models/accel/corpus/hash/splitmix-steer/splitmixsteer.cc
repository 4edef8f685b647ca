// SplitmixSteer: per-flow output selection (ECMP/RSS-like) that folds the
// IPv4 5-tuple into two 64-bit words and hashes them with the SplitMix64
// output function (Steele, Lea, Flood 2014: z ^= z>>30, *0xBF58476D1CE4E5B9,
// z ^= z>>27, *0x94D049BB133111EB, z ^= z>>31), the state advancing by the
// golden-ratio increment between words as in the generator.
//
// SplitmixSteer([SEED seed]); one input, any number of outputs.
#include <click/config.h>
#include <click/args.hh>
#include <click/element.hh>
#include <click/error.hh>
#include <clicknet/ip.h>
#include <clicknet/tcp.h>
#include <clicknet/udp.h>

CLICK_DECLS

class SplitmixSteer : public Element {
public:
  SplitmixSteer() : _seed(0) {}
  const char *class_name() const override { return "SplitmixSteer"; }
  const char *port_count() const override { return "1/1-"; }
  const char *processing() const override { return PUSH; }
  int configure(Vector<String> &conf, ErrorHandler *errh) override;
  void push(int port, Packet *p) override;

  static uint64_t finalize(uint64_t z);
  static uint64_t tuple_hash(uint32_t saddr, uint32_t daddr, uint16_t sport,
                             uint16_t dport, uint8_t proto, uint64_t seed);

private:
  uint64_t _seed;
};

static const uint64_t kGamma = 0x9E3779B97F4A7C15ULL;

uint64_t SplitmixSteer::finalize(uint64_t z) {
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

uint64_t SplitmixSteer::tuple_hash(uint32_t saddr, uint32_t daddr,
                                   uint16_t sport, uint16_t dport,
                                   uint8_t proto, uint64_t seed) {
  uint64_t state = seed + kGamma;
  uint64_t h = finalize(state ^ (((uint64_t)saddr << 32) | daddr));
  state += kGamma;
  uint64_t w = ((uint64_t)sport << 24) | ((uint64_t)dport << 8) | proto;
  h = finalize(state ^ h ^ w);
  return h;
}

int SplitmixSteer::configure(Vector<String> &conf, ErrorHandler *errh) {
  uint32_t seed = 0;
  if (Args(conf, this, errh).read("SEED", seed).complete() < 0)
    return -1;
  _seed = seed;
  return 0;
}

void SplitmixSteer::push(int, Packet *p) {
  const click_ip *iph = p->ip_header();
  uint16_t sport = 0, dport = 0;
  if (!IP_ISFRAG(iph) &&
      (iph->ip_p == IP_PROTO_TCP || iph->ip_p == IP_PROTO_UDP)) {
    const click_udp *uh = p->udp_header();
    sport = ntohs(uh->uh_sport);
    dport = ntohs(uh->uh_dport);
  }
  uint64_t h = tuple_hash(ntohl(iph->ip_src.s_addr), ntohl(iph->ip_dst.s_addr),
                          sport, dport, iph->ip_p, _seed);
  int out = (int)(((h >> 32) * (uint64_t)noutputs()) >> 32);
  output(out).push(p);
}

CLICK_ENDDECLS
EXPORT_ELEMENT(SplitmixSteer)
