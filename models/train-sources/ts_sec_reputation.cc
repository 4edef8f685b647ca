// Training source for the instruction models (models/README.md): an IP
// reputation filter: signed per-source scores raised by bad events (traffic
// to a dark prefix, probes of unusual ports, tiny fragments, low TTLs) and
// lowered by well-behaved traffic, halved per elapsed half-life (lazy decay
// on access), plus a /24 neighbourhood score in a direct-mapped array; the
// combined score picks pass, throttle (every Nth packet) or drop. One
// template at three score widths (int8_t, int16_t, int32_t).
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

template <typename Score> struct RepEntry {
  Score score;
  uint16_t stamp; // seconds (mod 2^16) of the last decay
  uint16_t packets;
};

template <typename Score> static Score clamp_add(Score s, int delta) {
  const int hi = (int)(((uint32_t)1 << (sizeof(Score) * 8 - 1)) - 1);
  const int cap = sizeof(Score) >= 4 ? 1 << 24 : hi;
  int v = (int)s + delta;
  if (v > cap)
    v = cap;
  if (v < -cap)
    v = -cap;
  return (Score)v;
}

template <typename Score> class TrainReputation : public Element {
public:
  enum { PREFIXES = 1024, HALF_LIFE = 4 };
  TrainReputation(int unit)
      : _unit(unit), _throttle_at(8 * unit), _drop_at(20 * unit),
        _dark(0xc0a800f0u), _dark_mask(0xfffffff0u) {
    memset(_prefix, 0, sizeof(_prefix));
    memset(_out, 0, sizeof(_out));
  }
  const char *class_name() const override { return "TrainReputation"; }
  const char *port_count() const override { return "1/3"; }
  const char *processing() const override { return PUSH; }
  void push(int port, Packet *p) override;

private:
  RepEntry<Score> *entry(uint32_t src, uint16_t sec);
  static Score decay(Score s, uint16_t elapsed) {
    unsigned halvings = elapsed / HALF_LIFE;
    if (halvings >= sizeof(Score) * 8)
      return 0;
    // Arithmetic shift keeps the sign; round toward zero for negatives.
    int v = (int)s;
    return (Score)(v < 0 ? -((-v) >> halvings) : v >> halvings);
  }
  int event_delta(const Packet *p) const;
  int prefix_score(uint32_t src) const {
    const int32_t *ps = &_prefix[(src >> 8) & (PREFIXES - 1)];
    return *ps / 8; // signed division on purpose: negative means good
  }
  int decide(int score, uint16_t packets) const {
    if (score >= _drop_at)
      return 2;
    if (score >= _throttle_at)
      return packets % 4 == 0 ? 0 : 1; // let one in four through
    return 0;
  }

  HashMap<uint32_t, RepEntry<Score>, 512, 4> _table;
  int32_t _prefix[PREFIXES];
  int _unit, _throttle_at, _drop_at;
  uint32_t _dark, _dark_mask;
  uint64_t _out[3];
};

template <typename Score>
RepEntry<Score> *TrainReputation<Score>::entry(uint32_t src, uint16_t sec) {
  RepEntry<Score> *e = _table.findp(src);
  if (!e) {
    RepEntry<Score> fresh = {0, sec, 0};
    if (!_table.insert(src, fresh))
      return 0;
    return _table.findp(src);
  }
  uint16_t elapsed = (uint16_t)(sec - e->stamp);
  if (elapsed >= HALF_LIFE) {
    e->score = decay(e->score, elapsed);
    e->stamp = (uint16_t)(sec - elapsed % HALF_LIFE);
  }
  return e;
}

template <typename Score>
int TrainReputation<Score>::event_delta(const Packet *p) const {
  const click_ip *iph = p->ip_header();
  uint32_t dst = ntohl(iph->ip_dst.s_addr);
  int d = 0;
  if ((dst & _dark_mask) == _dark)
    d += 6 * _unit; // nobody lives there
  if (iph->ip_ttl < 8)
    d += _unit;
  uint16_t off = ntohs(iph->ip_off);
  if ((off & IP_MF) && ntohs(iph->ip_len) < 128)
    d += 3 * _unit; // tiny first/middle fragments
  if (off & IP_OFFMASK)
    return d;
  int tl = p->transport_length();
  uint16_t dport = 0;
  if (iph->ip_p == IP_PROTO_TCP && tl >= (int)sizeof(click_tcp)) {
    const click_tcp *th = p->tcp_header();
    dport = ntohs(th->th_dport);
    if ((th->th_flags & (TH_ACK | TH_SYN)) == TH_ACK && tl > (th->th_off << 2))
      d -= (_unit >> 1) + 1; // data on an established connection
  } else if (iph->ip_p == IP_PROTO_UDP && tl >= (int)sizeof(click_udp))
    dport = ntohs(p->udp_header()->uh_dport);
  switch (dport) {
  case 22:
  case 23:
  case 135:
  case 139:
  case 445:
  case 1433:
  case 3389:
    d += 2 * _unit;
    break;
  case 53:
  case 80:
  case 123:
  case 443:
    break;
  default:
    if (dport != 0 && dport < 1024)
      d += _unit >> 1;
  }
  return d;
}

template <typename Score> void TrainReputation<Score>::push(int, Packet *p) {
  if (!p->has_network_header()) {
    output(0).push(p);
    return;
  }
  uint32_t src = ntohl(p->ip_header()->ip_src.s_addr);
  uint16_t sec = (uint16_t)p->timestamp_anno().sec();
  RepEntry<Score> *e = entry(src, sec);
  int delta = event_delta(p);
  int32_t *ps = &_prefix[(src >> 8) & (PREFIXES - 1)];
  *ps += delta;
  if (*ps > (1 << 20))
    *ps = 1 << 20;
  else if (*ps < -(1 << 20))
    *ps = -(1 << 20);
  int score = prefix_score(src);
  uint16_t packets = 0;
  if (e) {
    e->score = clamp_add<Score>(e->score, delta);
    e->packets++;
    packets = e->packets;
    score += e->score;
  }
  int port = decide(score, packets);
  _out[port]++;
  SET_AGGREGATE_ANNO(p, (uint32_t)score);
  output(port).push(p);
}

extern "C" Element *clara_nf_create(const char *config) {
  Element *e;
  if (config && config[0] == '8')
    e = new TrainReputation<int8_t>(1);
  else if (config && config[0] == '3')
    e = new TrainReputation<int32_t>(64);
  else
    e = new TrainReputation<int16_t>(8);
  if (clara_element_setup(e, String(), 1, 3) < 0)
    return 0;
  return e;
}
