// Training source for the instruction models (models/README.md): a header
// anomaly monitor: per-packet checks of TTL (too low, or different from the
// TTL last seen from the same source: a spoofing hint), fragmentation (tiny
// first fragments, offsets past 64 KB, fragments of odd length with MF set),
// IP options, TCP flag combinations (null, SYN+FIN, SYN+RST, Xmas) and UDP
// length mismatches; the findings are a bit-field record whose bits index a
// counter array; the mask goes to the paint annotation and packets with
// "drop" anomalies are discarded.
// Written for training only; not part of the NF corpus.
#include <click/clara.hh>
#include <click/config.h>
#include <click/element.hh>
#include <click/hashmap.hh>
#include <click/packet.hh>
#include <click/packet_anno.hh>
#include <clicknet/ip.h>
#include <clicknet/tcp.h>
#include <clicknet/udp.h>

struct AnomalyBits {
  unsigned low_ttl : 1;
  unsigned ttl_change : 1;
  unsigned tiny_frag : 1;
  unsigned frag_overflow : 1;
  unsigned odd_frag : 1;
  unsigned ip_options : 1;
  unsigned tcp_null : 1;
  unsigned tcp_synfin : 1;
  unsigned tcp_synrst : 1;
  unsigned tcp_xmas : 1;
  unsigned udp_len : 1;
  unsigned reserved_bit : 1;
  unsigned spare : 20;
};

enum { N_ANOMALIES = 12, DROP_MASK = 0x0398 }; // frag overflow, synfin, ...

struct TtlTrack {
  uint8_t ttl;
  uint8_t changes;
  uint16_t seen;
};

class TrainAnomalyMon : public Element {
public:
  TrainAnomalyMon() : _min_ttl(2), _ttl_slack(3), _packets(0), _dropped(0) {
    memset(_count, 0, sizeof(_count));
  }
  const char *class_name() const override { return "TrainAnomalyMon"; }
  const char *port_count() const override { return PORTS_1_1; }
  Packet *simple_action(Packet *p) override;

private:
  static uint32_t to_mask(const AnomalyBits &a) {
    return a.low_ttl | a.ttl_change << 1 | a.tiny_frag << 2 |
           a.frag_overflow << 3 | a.odd_frag << 4 | a.ip_options << 5 |
           a.tcp_null << 6 | a.tcp_synfin << 7 | a.tcp_synrst << 8 |
           a.tcp_xmas << 9 | a.udp_len << 10 | a.reserved_bit << 11;
  }
  void check_ttl(const click_ip *iph, AnomalyBits *a) {
    if (iph->ip_ttl < _min_ttl)
      a->low_ttl = 1;
    TtlTrack &t = _ttl.find_force(iph->ip_src.s_addr);
    if (t.seen != 0) {
      int diff = (int)iph->ip_ttl - (int)t.ttl;
      if (diff > _ttl_slack || diff < -_ttl_slack) {
        a->ttl_change = 1;
        if (t.changes < 255)
          t.changes++;
      }
    }
    t.ttl = iph->ip_ttl;
    if (t.seen != 0xffff)
      t.seen++;
  }
  // Returns the fragment offset in bytes.
  uint32_t check_frag(const click_ip *iph, int hlen, AnomalyBits *a) const {
    uint16_t off = ntohs(iph->ip_off);
    uint32_t byte_off = (uint32_t)(off & IP_OFFMASK) << 3;
    uint32_t payload = ntohs(iph->ip_len) - (uint32_t)hlen;
    if (off & IP_RF)
      a->reserved_bit = 1;
    if (!(off & (IP_MF | IP_OFFMASK)))
      return 0;
    if (byte_off + payload > IP_MAXPACKET)
      a->frag_overflow = 1;
    if ((off & IP_MF) && (payload & 7) != 0)
      a->odd_frag = 1;
    if (byte_off == 0 && iph->ip_p == IP_PROTO_TCP && payload < 20)
      a->tiny_frag = 1;
    return byte_off;
  }
  static void check_tcp(uint8_t flags, AnomalyBits *a) {
    if (flags == 0)
      a->tcp_null = 1;
    else if ((flags & (TH_SYN | TH_FIN)) == (TH_SYN | TH_FIN))
      a->tcp_synfin = 1;
    else if ((flags & (TH_SYN | TH_RST)) == (TH_SYN | TH_RST))
      a->tcp_synrst = 1;
    else if ((flags & (TH_FIN | TH_PUSH | TH_URG)) ==
             (TH_FIN | TH_PUSH | TH_URG))
      a->tcp_xmas = 1;
  }
  static bool udp_len_bad(const click_udp *uh, uint32_t ip_payload) {
    uint16_t ulen = ntohs(uh->uh_ulen);
    return ulen < sizeof(click_udp) || ulen > ip_payload;
  }
  void count(uint32_t mask) {
    for (int i = 0; mask != 0 && i < N_ANOMALIES; ++i, mask >>= 1)
      if (mask & 1)
        _count[i]++;
  }

  HashMap<uint32_t, TtlTrack, 256, 4> _ttl;
  uint32_t _count[N_ANOMALIES];
  uint8_t _min_ttl;
  int _ttl_slack;
  uint64_t _packets;
  uint32_t _dropped;
};

Packet *TrainAnomalyMon::simple_action(Packet *p) {
  if (!p->has_network_header() || p->network_length() < 20)
    return p;
  _packets++;
  const click_ip *iph = p->ip_header();
  int hlen = iph->ip_hl << 2;
  AnomalyBits a;
  memset(&a, 0, sizeof(a));
  check_ttl(iph, &a);
  if (hlen > 20)
    a.ip_options = 1;
  uint32_t frag_off = check_frag(iph, hlen, &a);
  uint32_t ip_payload = ntohs(iph->ip_len) - (uint32_t)hlen;
  if (frag_off == 0) {
    if (iph->ip_p == IP_PROTO_TCP && p->transport_length() >= 14)
      check_tcp(p->tcp_header()->th_flags, &a);
    else if (iph->ip_p == IP_PROTO_UDP &&
             p->transport_length() >= (int)sizeof(click_udp) &&
             !(ntohs(iph->ip_off) & IP_MF))
      a.udp_len = udp_len_bad(p->udp_header(), ip_payload);
  }
  uint32_t mask = to_mask(a);
  if (mask == 0) {
    SET_PAINT_ANNO(p, 0);
    return p;
  }
  count(mask);
  if (mask & DROP_MASK) {
    _dropped++;
    p->kill();
    return 0;
  }
  SET_PAINT_ANNO(p, (uint8_t)(mask | (mask >> 8)));
  SET_AGGREGATE_AUX_ANNO(p, (uint16_t)mask);
  return p;
}

extern "C" Element *clara_nf_create(const char *config) {
  Element *e = new TrainAnomalyMon;
  if (clara_element_setup(e, config ? String(config) : String(), 1, 1) < 0)
    return 0;
  return e;
}
