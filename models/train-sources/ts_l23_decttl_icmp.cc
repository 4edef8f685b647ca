// Training source for the instruction models (models/README.md): TTL
// decrement with incremental checksum update for a tunnel that charges HOPS
// hops, and ICMP time-exceeded generation quoting the original header and
// 8 payload bytes, rate-limited per source /24 by a token bucket.
// Written for training only; not part of the NF corpus.
#include <click/clara.hh>
#include <click/config.h>
#include <click/element.hh>
#include <click/packet.hh>
#include <click/packet_anno.hh>
#include <click/timestamp.hh>
#include <clicknet/ether.h>
#include <clicknet/icmp.h>
#include <clicknet/ip.h>

struct IcmpBucket {
  uint32_t key;
  int64_t tokens; // in 1/1000 token units
  int64_t last_ms;
};

static void update_sum16(uint16_t *sum, uint16_t old_w, uint16_t new_w) {
  uint32_t s = (uint16_t)~ntohs(*sum);
  s += (uint16_t)~old_w;
  s += new_w;
  s = (s & 0xffff) + (s >> 16);
  s = (s & 0xffff) + (s >> 16);
  *sum = htons((uint16_t)~s);
}

static bool never_answer(const click_ip *iph, unsigned avail) {
  uint32_t dst = ntohl(iph->ip_dst.s_addr);
  uint32_t src = ntohl(iph->ip_src.s_addr);
  if ((dst >> 28) == 14 || dst == 0xffffffffu || src == 0 || (src >> 28) >= 14)
    return true;
  if (ntohs(iph->ip_off) & IP_OFFMASK)
    return true;
  if (iph->ip_p == IP_PROTO_ICMP) {
    unsigned hl = iph->ip_hl << 2;
    if (avail < hl + 1)
      return true;
    uint8_t t = ((const uint8_t *)iph)[hl];
    // Errors about ICMP errors are never sent; only queries are answered.
    return t != ICMP_ECHO && t != ICMP_ECHOREPLY && t != ICMP_TSTAMP;
  }
  return false;
}

template <int HOPS> class TrainDecTTL : public Element {
public:
  enum { NBUCKETS = 64, RATE_PER_SEC = 20, BURST = 5 };
  TrainDecTTL() : _my_addr(0xc0a8fe01u), _expired(0), _sent(0), _limited(0) {
    memset(_buckets, 0, sizeof(_buckets));
  }
  const char *class_name() const override { return "TrainDecTTL"; }
  const char *port_count() const override { return "1/2"; }
  void push(int port, Packet *p) override;

private:
  bool allow(uint32_t src, int64_t now_ms) {
    IcmpBucket &b = _buckets[(src >> 8) % NBUCKETS];
    if (b.key != (src >> 8)) {
      b.key = src >> 8;
      b.tokens = (int64_t)BURST * 1000;
      b.last_ms = now_ms;
    }
    int64_t dt = now_ms - b.last_ms;
    if (dt > 0) {
      b.tokens += dt * RATE_PER_SEC;
      if (b.tokens > (int64_t)BURST * 1000)
        b.tokens = (int64_t)BURST * 1000;
      b.last_ms = now_ms;
    }
    if (b.tokens < 1000)
      return false;
    b.tokens -= 1000;
    return true;
  }
  WritablePacket *make_error(const Packet *p, const click_ip *iph,
                             uint16_t type_code, unsigned avail);
  Packet *decrement(Packet *p, click_ip **iphp);

  uint32_t _my_addr;
  IcmpBucket _buckets[NBUCKETS];
  uint32_t _expired, _sent, _limited;
};

template <int HOPS>
WritablePacket *
TrainDecTTL<HOPS>::make_error(const Packet *p, const click_ip *iph,
                              uint16_t type_code, unsigned avail) {
  unsigned quote = (iph->ip_hl << 2) + 8;
  if (quote > avail)
    quote = avail;
  unsigned total = 14 + 20 + 8 + quote;
  WritablePacket *q = Packet::make(2, 0, total, 0);
  if (!q)
    return 0;
  click_ether *eh = reinterpret_cast<click_ether *>(q->data());
  const click_ether *oeh = reinterpret_cast<const click_ether *>(p->data());
  memcpy(eh->ether_dhost, oeh->ether_shost, 6);
  memcpy(eh->ether_shost, oeh->ether_dhost, 6);
  eh->ether_type = htons(ETHERTYPE_IP);
  click_ip *nip = reinterpret_cast<click_ip *>(eh + 1);
  nip->ip_v = 4;
  nip->ip_hl = 5;
  nip->ip_tos = 0xc0;
  nip->ip_len = htons((uint16_t)(20 + 8 + quote));
  nip->ip_id = htons((uint16_t)(_sent * 7 + 1));
  nip->ip_ttl = 255;
  nip->ip_p = IP_PROTO_ICMP;
  nip->ip_src.s_addr = htonl(_my_addr);
  nip->ip_dst = iph->ip_src;
  nip->ip_sum = click_in_cksum((const unsigned char *)nip, 20);
  click_icmp *ic = reinterpret_cast<click_icmp *>(nip + 1);
  ic->icmp_type = (uint8_t)(type_code >> 8);
  ic->icmp_code = (uint8_t)type_code;
  const uint8_t *src = reinterpret_cast<const uint8_t *>(iph);
  uint8_t *dst = reinterpret_cast<uint8_t *>(ic + 1);
  for (unsigned i = 0; i < quote; ++i)
    dst[i] = src[i];
  ic->icmp_cksum = click_in_cksum((const unsigned char *)ic, 8 + quote);
  q->set_ip_header(nip, 20);
  q->timestamp_anno() = p->timestamp_anno();
  return q;
}

template <int HOPS>
Packet *TrainDecTTL<HOPS>::decrement(Packet *p, click_ip **iphp) {
  WritablePacket *q = p->uniqueify();
  if (!q)
    return 0;
  click_ip *iph = reinterpret_cast<click_ip *>(q->data() + 14);
  uint16_t old_w = (uint16_t)((iph->ip_ttl << 8) | iph->ip_p);
  iph->ip_ttl = (uint8_t)(iph->ip_ttl - HOPS);
  uint16_t new_w = (uint16_t)((iph->ip_ttl << 8) | iph->ip_p);
  update_sum16(&iph->ip_sum, old_w, new_w);
  *iphp = iph;
  return q;
}

template <int HOPS> void TrainDecTTL<HOPS>::push(int, Packet *p) {
  if (p->length() < 34) {
    p->kill();
    return;
  }
  const click_ip *iph = reinterpret_cast<const click_ip *>(p->data() + 14);
  if (iph->ip_ttl > HOPS) {
    click_ip *w = 0;
    Packet *q = decrement(p, &w);
    if (q)
      output(0).push(q);
    return;
  }
  _expired++;
  unsigned avail = p->length() - 14;
  const Timestamp &ts = p->timestamp_anno();
  int64_t now_ms = (int64_t)ts.sec() * 1000 + ts.msec();
  if (never_answer(iph, avail)) {
    p->kill();
    return;
  }
  if (!allow(ntohl(iph->ip_src.s_addr), now_ms)) {
    _limited++;
    p->kill();
    return;
  }
  WritablePacket *e =
      make_error(p, iph, ICMP_TIMXCEED << 8 | ICMP_TIMXCEED_TRANSIT, avail);
  p->kill();
  if (e) {
    _sent++;
    output(1).push(e);
  }
}

extern "C" Element *clara_nf_create(const char *config) {
  Element *e[3] = {new TrainDecTTL<1>, new TrainDecTTL<16>,
                   new TrainDecTTL<48>};
  String conf = config ? String(config) : String();
  for (int i = 0; i < 3; ++i)
    if (clara_element_setup(e[i], conf, 1, 2) < 0)
      return 0;
  // Time-exceeded errors of every stage go back into the first one.
  for (int i = 0; i + 1 < 3; ++i)
    clara_connect(e[i], 0, e[i + 1], 0);
  clara_connect(e[2], 1, e[0], 0);
  return e[0];
}
