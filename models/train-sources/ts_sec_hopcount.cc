// Training source for the instruction models (models/README.md): an
// ingress anti-spoofing filter: martian and bogon source prefixes (a small
// longest-prefix table scanned in order), land packets (source equals
// destination), and hop-count filtering: the initial TTL is inferred from
// the observed one (the next of 32, 64, 128, 255), the hop count learnt
// per source /24 with a confidence counter, and packets whose hop count
// strays beyond a tolerance from a confident value are marked or dropped.
// Written for training only; not part of the NF corpus.
#include <click/clara.hh>
#include <click/config.h>
#include <click/element.hh>
#include <click/hashmap.hh>
#include <click/packet.hh>
#include <click/packet_anno.hh>
#include <clicknet/ip.h>
#include <clicknet/tcp.h>

struct Bogon {
  uint32_t net;
  uint8_t plen;
  uint8_t reason;
};

struct HopInfo {
  uint8_t hops;
  uint8_t confidence; // 0..15
  uint8_t strikes;    // recent mismatches
  uint8_t alt_hops;   // candidate replacement value
  uint32_t last_sec;
};

enum SpoofReason {
  SP_NONE = 0,
  SP_MARTIAN = 1,
  SP_BOGON = 2,
  SP_LAND = 3,
  SP_HOPS = 4,
  SP_NREASONS = 5
};

static const Bogon kBogons[] = {
    {0x00000000u, 8, SP_MARTIAN},  {0x7f000000u, 8, SP_MARTIAN},
    {0xa9fe0000u, 16, SP_MARTIAN}, {0xe0000000u, 4, SP_MARTIAN},
    {0xf0000000u, 4, SP_MARTIAN},  {0x64400000u, 10, SP_BOGON},
    {0xc0000200u, 24, SP_BOGON},   {0xc6336400u, 24, SP_BOGON},
    {0xcb007100u, 24, SP_BOGON},   {0xc6120000u, 15, SP_BOGON},
};
enum { NBOGONS = sizeof(kBogons) / sizeof(kBogons[0]) };

class TrainHopCount : public Element {
public:
  enum { TOLERANCE = 2, CONFIDENT = 6, RELEARN_STRIKES = 8 };
  TrainHopCount() : _drop_hops(true), _learnt(0) {
    memset(_counts, 0, sizeof(_counts));
  }
  const char *class_name() const override { return "TrainHopCount"; }
  const char *port_count() const override { return PORTS_1_1X2; }
  const char *processing() const override { return PUSH; }
  void push(int port, Packet *p) override;

private:
  static uint8_t initial_ttl(uint8_t ttl) {
    if (ttl <= 32)
      return 32;
    if (ttl <= 64)
      return 64;
    if (ttl <= 128)
      return 128;
    return 255;
  }
  int bogon(uint32_t src) const;
  int check_hops(uint32_t src, uint8_t ttl, uint32_t sec);
  bool learn(HopInfo *h, uint8_t hops);
  static int distance(uint8_t a, uint8_t b) { return a > b ? a - b : b - a; }

  HashMap<uint32_t, HopInfo, 512, 4> _hops;
  bool _drop_hops;
  uint64_t _learnt;
  uint64_t _counts[SP_NREASONS];
};

int TrainHopCount::bogon(uint32_t src) const {
  int best = -1, best_len = -1;
  for (int i = 0; i < NBOGONS; ++i) {
    uint8_t l = kBogons[i].plen;
    uint32_t mask = l ? 0xffffffffu << (32 - l) : 0;
    if ((src & mask) == kBogons[i].net && (int)l > best_len) {
      best = i;
      best_len = l;
    }
  }
  return best < 0 ? SP_NONE : kBogons[best].reason;
}

// Moves the learnt value toward a persistent new one (route change).
bool TrainHopCount::learn(HopInfo *h, uint8_t hops) {
  if (h->confidence == 0 || h->hops == hops) {
    h->hops = hops;
    if (h->confidence < 15)
      h->confidence++;
    h->strikes = h->strikes ? h->strikes - 1 : 0;
    return true;
  }
  if (h->alt_hops == hops) {
    if (++h->strikes >= RELEARN_STRIKES) {
      h->hops = hops;
      h->confidence = CONFIDENT / 2;
      h->strikes = 0;
      return true;
    }
  } else {
    h->alt_hops = hops;
    h->strikes = 1;
  }
  if (h->confidence > 0 && distance(h->hops, hops) > TOLERANCE)
    h->confidence--;
  return false;
}

int TrainHopCount::check_hops(uint32_t src, uint8_t ttl, uint32_t sec) {
  uint8_t hops = (uint8_t)(initial_ttl(ttl) - ttl);
  uint32_t prefix = src & 0xffffff00u;
  HopInfo *h = _hops.findp(prefix);
  if (!h) {
    HopInfo fresh = {hops, 1, 0, hops, sec};
    _hops.insert(prefix, fresh);
    _learnt++;
    return SP_NONE;
  }
  // An entry idle for a minute loses its confidence step by step.
  uint32_t idle = sec - h->last_sec;
  if (idle >= 60) {
    uint32_t steps = idle / 60;
    h->confidence = steps >= h->confidence ? 0 : h->confidence - steps;
  }
  h->last_sec = sec;
  bool was_confident = h->confidence >= CONFIDENT;
  uint8_t expect = h->hops;
  learn(h, hops);
  if (was_confident && distance(expect, hops) > TOLERANCE)
    return SP_HOPS;
  return SP_NONE;
}

void TrainHopCount::push(int, Packet *p) {
  if (!p->has_network_header()) {
    output(0).push(p);
    return;
  }
  const click_ip *iph = p->ip_header();
  uint32_t src = ntohl(iph->ip_src.s_addr);
  uint32_t dst = ntohl(iph->ip_dst.s_addr);
  int reason = bogon(src);
  if (reason == SP_NONE && src == dst)
    reason = SP_LAND;
  if (reason == SP_NONE) {
    // SYNs and packets without TCP: hop counts of established flows are
    // trusted because a spoofer cannot complete the handshake.
    bool syn_or_other = true;
    if (iph->ip_p == IP_PROTO_TCP && p->has_transport_header() &&
        p->transport_length() >= (int)sizeof(click_tcp))
      syn_or_other = (p->tcp_header()->th_flags & TH_SYN) != 0;
    uint32_t sec = (uint32_t)p->timestamp_anno().sec();
    if (syn_or_other)
      reason = check_hops(src, iph->ip_ttl, sec);
    else {
      HopInfo *h = _hops.findp(src & 0xffffff00u);
      if (h)
        learn(h, (uint8_t)(initial_ttl(iph->ip_ttl) - iph->ip_ttl));
    }
  }
  _counts[reason]++;
  if (reason == SP_NONE || (reason == SP_HOPS && !_drop_hops)) {
    SET_PAINT_ANNO(p, (uint8_t)reason);
    output(0).push(p);
    return;
  }
  SET_PAINT_ANNO(p, (uint8_t)reason);
  output(1).push(p);
}

extern "C" Element *clara_nf_create(const char *config) {
  Element *e = new TrainHopCount;
  if (clara_element_setup(e, config ? String(config) : String(), 1, 2) < 0)
    return 0;
  return e;
}
