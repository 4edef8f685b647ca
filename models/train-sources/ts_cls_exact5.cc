// Training source for the instruction models (models/README.md): an
// exact-match 5-tuple flow table (open addressing, linear probing with a
// bounded probe length, tombstones) as a switch's fast path. A hit applies
// the entry's action (forward to a port, set DSCP with an incremental
// checksum update, or drop); a miss goes to the slow-path output, which
// installs an entry chosen by a coarse per-protocol policy. TCP FIN/RST
// retire entries. One template per table size.
// Written for training only; not part of the NF corpus.
#include <click/clara.hh>
#include <click/config.h>
#include <click/element.hh>
#include <click/packet.hh>
#include <click/packet_anno.hh>
#include <clicknet/ip.h>
#include <clicknet/tcp.h>
#include <clicknet/udp.h>

struct FiveTuple {
  uint32_t saddr, daddr;
  uint16_t sport, dport;
  uint8_t proto;
  uint8_t pad[3];
};

enum { SLOT_EMPTY = 0, SLOT_LIVE = 1, SLOT_DEAD = 2 };
enum { ACT_FWD = 0, ACT_DSCP = 1, ACT_DROP = 2 };

struct FlowSlot {
  FiveTuple key;
  uint8_t state;
  uint8_t action;
  uint8_t arg; // output port or DSCP
  uint32_t packets;
  uint64_t bytes;
};

static inline uint32_t mix32(uint32_t h, uint32_t v) {
  v *= 0xcc9e2d51u;
  v = (v << 15) | (v >> 17);
  v *= 0x1b873593u;
  h ^= v;
  h = (h << 13) | (h >> 19);
  return h * 5 + 0xe6546b64u;
}

static inline bool tuple_eq(const FiveTuple &a, const FiveTuple &b) {
  return a.saddr == b.saddr && a.daddr == b.daddr && a.sport == b.sport &&
         a.dport == b.dport && a.proto == b.proto;
}

template <unsigned SIZE, unsigned MAXPROBE>
class TrainExactMatch : public Element {
  static_assert((SIZE & (SIZE - 1)) == 0, "SIZE must be a power of two");

public:
  TrainExactMatch() : _live(0), _hits(0), _misses(0), _full(0) {
    for (unsigned i = 0; i < SIZE; ++i)
      _slots[i].state = SLOT_EMPTY;
  }
  const char *class_name() const override { return "TrainExactMatch"; }
  const char *port_count() const override { return "1/3"; }
  void push(int port, Packet *p) override;

private:
  static uint32_t hash(const FiveTuple &k) {
    uint32_t h = mix32(0x5bd1e995u, k.saddr);
    h = mix32(h, k.daddr);
    h = mix32(h, (uint32_t)k.sport << 16 | k.dport);
    h = mix32(h, k.proto);
    h ^= h >> 16;
    h *= 0x85ebca6bu;
    return h ^ (h >> 13);
  }
  int find(const FiveTuple &k) const {
    uint32_t i = hash(k) & (SIZE - 1);
    for (unsigned n = 0; n < MAXPROBE; ++n, i = (i + 1) & (SIZE - 1)) {
      const FlowSlot &s = _slots[i];
      if (s.state == SLOT_EMPTY)
        return -1;
      if (s.state == SLOT_LIVE && tuple_eq(s.key, k))
        return (int)i;
    }
    return -1;
  }
  int install(const FiveTuple &k, uint8_t action, uint8_t arg) {
    uint32_t i = hash(k) & (SIZE - 1);
    for (unsigned n = 0; n < MAXPROBE; ++n, i = (i + 1) & (SIZE - 1)) {
      FlowSlot &s = _slots[i];
      if (s.state != SLOT_LIVE) {
        s.key = k;
        s.state = SLOT_LIVE;
        s.action = action;
        s.arg = arg;
        s.packets = 0;
        s.bytes = 0;
        _live++;
        return (int)i;
      }
    }
    _full++;
    return -1;
  }
  void retire(int slot) {
    _slots[slot].state = SLOT_DEAD;
    _live--;
  }
  static bool key_of(const Packet *p, FiveTuple *k, uint8_t *flags);
  static uint8_t policy(const FiveTuple &k, uint8_t *arg) {
    switch (k.proto) {
    case IP_PROTO_TCP:
      if (k.dport == 22 || k.sport == 22) {
        *arg = 46 - 12; // AF41 for interactive
        return ACT_DSCP;
      }
      *arg = 0;
      return ACT_FWD;
    case IP_PROTO_UDP:
      if (k.dport == 123 && ntohs(k.sport) < 1024) {
        *arg = 0;
        return ACT_DROP; // NTP from privileged ports: reflection
      }
      *arg = (uint8_t)(k.dport == 53 ? 1 : 0);
      return ACT_FWD;
    default:
      *arg = 0;
      return ACT_DROP;
    }
  }
  bool set_dscp(WritablePacket *q, uint8_t dscp) {
    click_ip *iph = q->ip_header();
    uint8_t tos = (uint8_t)(dscp << 2 | (iph->ip_tos & IP_ECNMASK));
    if (tos == iph->ip_tos)
      return false;
    uint16_t old_w = *reinterpret_cast<uint16_t *>(iph);
    iph->ip_tos = tos;
    click_update_in_cksum(&iph->ip_sum, old_w,
                          *reinterpret_cast<uint16_t *>(iph));
    return true;
  }

  FlowSlot _slots[SIZE];
  uint32_t _live;
  uint64_t _hits, _misses;
  uint32_t _full;
};

template <unsigned SIZE, unsigned MAXPROBE>
bool TrainExactMatch<SIZE, MAXPROBE>::key_of(const Packet *p, FiveTuple *k,
                                             uint8_t *flags) {
  const click_ip *iph = p->ip_header();
  if (!iph || IP_ISFRAG(iph) || p->transport_length() < 8)
    return false;
  k->saddr = iph->ip_src.s_addr;
  k->daddr = iph->ip_dst.s_addr;
  k->proto = iph->ip_p;
  k->pad[0] = k->pad[1] = k->pad[2] = 0;
  *flags = 0;
  if (iph->ip_p == IP_PROTO_TCP) {
    if (p->transport_length() < (int)sizeof(click_tcp))
      return false;
    const click_tcp *th = p->tcp_header();
    k->sport = th->th_sport;
    k->dport = ntohs(th->th_dport);
    *flags = th->th_flags;
  } else if (iph->ip_p == IP_PROTO_UDP) {
    const click_udp *uh = p->udp_header();
    k->sport = uh->uh_sport;
    k->dport = ntohs(uh->uh_dport);
  } else {
    k->sport = k->dport = 0;
  }
  return true;
}

template <unsigned SIZE, unsigned MAXPROBE>
void TrainExactMatch<SIZE, MAXPROBE>::push(int, Packet *p) {
  FiveTuple k;
  uint8_t flags;
  if (!key_of(p, &k, &flags)) {
    checked_output_push(2, p);
    return;
  }
  int slot = find(k);
  if (slot < 0) {
    _misses++;
    uint8_t arg;
    uint8_t act = policy(k, &arg);
    if (!(flags & (TH_FIN | TH_RST)))
      install(k, act, arg);
    checked_output_push(1, p); // slow path sees the first packet
    return;
  }
  _hits++;
  FlowSlot &s = _slots[slot];
  s.packets++;
  s.bytes += p->length();
  if (flags & (TH_FIN | TH_RST))
    retire(slot);
  if (s.action == ACT_DROP) {
    p->kill();
    return;
  }
  if (s.action == ACT_DSCP) {
    WritablePacket *q = p->uniqueify();
    if (!q)
      return;
    set_dscp(q, s.arg);
    output(0).push(q);
    return;
  }
  SET_PAINT_ANNO(p, s.arg);
  output(0).push(p);
}

extern "C" Element *clara_nf_create(const char *config) {
  Element *e[3] = {new TrainExactMatch<64, 4>, new TrainExactMatch<256, 8>,
                   new TrainExactMatch<1024, 16>};
  String conf = config ? String(config) : String();
  for (int i = 0; i < 3; ++i)
    if (clara_element_setup(e[i], conf, 1, 3) < 0)
      return 0;
  for (int i = 0; i + 1 < 3; ++i) {
    clara_connect(e[i], 0, e[i + 1], 0);
    clara_connect(e[i], 1, e[i + 1], 0);
  }
  return e[0];
}
