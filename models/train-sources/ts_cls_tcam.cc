// Training source for the instruction models (models/README.md): a software
// TCAM. A 128-bit lookup key (addresses, ports, protocol, DSCP, TCP flags,
// a fragment bit) is packed from the headers into NW words of type W; every
// entry holds value/mask words and a priority, all entries are compared and
// the highest-priority hit wins (TCAM semantics, not first match). Actions
// pick an output and may mirror a clone to the monitor output. One template
// per word width: 8 x 16, 4 x 32 and 2 x 64 bits.
// Written for training only; not part of the NF corpus.
#include <click/clara.hh>
#include <click/config.h>
#include <click/element.hh>
#include <click/packet.hh>
#include <click/packet_anno.hh>
#include <clicknet/ip.h>
#include <clicknet/tcp.h>
#include <clicknet/udp.h>

// Key layout, most significant byte first:
//  0-3 src, 4-7 dst, 8-9 sport, 10-11 dport, 12 proto, 13 dscp<<2|frag,
//  14 tcp flags, 15 ingress port.
enum { KEY_BYTES = 16 };

template <typename W, int NW> struct TcamEntry {
  W value[NW];
  W mask[NW];
  int16_t priority;
  uint8_t out;
  uint8_t mirror;
  uint64_t hits;
};

template <typename W, int NW, int NENTRIES> class TrainTcam : public Element {
  static_assert(sizeof(W) * NW == KEY_BYTES, "key must be 128 bits");

public:
  TrainTcam() : _n(0), _misses(0), _mirrored(0) {
    uint8_t v[KEY_BYTES], m[KEY_BYTES];
    // 1: any TCP SYN without ACK -> monitor and output 1 (priority 50).
    clear(v, m);
    v[12] = IP_PROTO_TCP, m[12] = 0xff;
    v[14] = TH_SYN, m[14] = TH_SYN | TH_ACK;
    add(v, m, 50, 1, 1);
    // 2: 10.0.0.0/16 to 192.168.0.0/24 -> output 0 (priority 20).
    clear(v, m);
    v[0] = 10, m[0] = m[1] = 0xff;
    v[4] = 192, v[5] = 168, m[4] = m[5] = m[6] = 0xff;
    add(v, m, 20, 0, 0);
    // 3: UDP destination ports 0-1023 -> output 1 (priority 30).
    clear(v, m);
    v[12] = IP_PROTO_UDP, m[12] = 0xff;
    m[10] = 0xfc; // dport < 1024: top 6 bits zero
    add(v, m, 30, 1, 0);
    // 4: fragments -> output 2 (priority 90).
    clear(v, m);
    v[13] = 1, m[13] = 1;
    add(v, m, 90, 2, 0);
    // 5: EF traffic from anywhere -> output 0 (priority 60).
    clear(v, m);
    v[13] = 46 << 2, m[13] = 0xfc;
    add(v, m, 60, 0, 1);
  }
  const char *class_name() const override { return "TrainTcam"; }
  const char *port_count() const override { return "1/4"; }
  void push(int port, Packet *p) override;

private:
  static void clear(uint8_t *v, uint8_t *m) {
    for (int i = 0; i < KEY_BYTES; ++i)
      v[i] = m[i] = 0;
  }
  static void pack(const uint8_t *bytes, W *words) {
    for (int w = 0; w < NW; ++w) {
      W x = 0;
      for (unsigned b = 0; b < sizeof(W); ++b)
        x = (W)(x << 8 | bytes[w * sizeof(W) + b]);
      words[w] = x;
    }
  }
  void add(const uint8_t *v, const uint8_t *m, int prio, int out, int mirror) {
    if (_n >= NENTRIES)
      return;
    TcamEntry<W, NW> &e = _e[_n++];
    pack(v, e.value);
    pack(m, e.mask);
    for (int w = 0; w < NW; ++w)
      e.value[w] &= e.mask[w];
    e.priority = (int16_t)prio;
    e.out = (uint8_t)out;
    e.mirror = (uint8_t)mirror;
    e.hits = 0;
  }
  static bool build_key(const Packet *p, uint8_t *k);
  bool entry_hit(const TcamEntry<W, NW> &e, const W *key) const {
    W diff = 0;
    for (int w = 0; w < NW; ++w)
      diff |= (W)((key[w] & e.mask[w]) ^ e.value[w]);
    return diff == 0;
  }
  int search(const W *key) const {
    int best = -1;
    int16_t best_prio = -1;
    for (int i = 0; i < _n; ++i)
      if (_e[i].priority > best_prio && entry_hit(_e[i], key)) {
        best = i;
        best_prio = _e[i].priority;
      }
    return best;
  }

  TcamEntry<W, NW> _e[NENTRIES];
  int _n;
  uint64_t _misses;
  uint32_t _mirrored;
};

template <typename W, int NW, int NENTRIES>
bool TrainTcam<W, NW, NENTRIES>::build_key(const Packet *p, uint8_t *k) {
  const click_ip *iph = p->ip_header();
  if (!iph)
    return false;
  const uint8_t *src = reinterpret_cast<const uint8_t *>(&iph->ip_src);
  const uint8_t *dst = reinterpret_cast<const uint8_t *>(&iph->ip_dst);
  for (int i = 0; i < 4; ++i) {
    k[i] = src[i];
    k[4 + i] = dst[i];
  }
  for (int i = 8; i < KEY_BYTES; ++i)
    k[i] = 0;
  k[12] = iph->ip_p;
  bool frag = IP_ISFRAG(iph);
  k[13] = (uint8_t)((iph->ip_tos & IPTOS_DSCP_MASK) | (frag ? 1 : 0));
  k[15] = PAINT_ANNO(p);
  if (frag && !IP_FIRSTFRAG(iph))
    return true;
  const uint8_t *th = p->transport_header();
  int tlen = p->transport_length();
  if ((iph->ip_p == IP_PROTO_TCP && tlen >= 14) ||
      (iph->ip_p == IP_PROTO_UDP && tlen >= 4)) {
    k[8] = th[0], k[9] = th[1];
    k[10] = th[2], k[11] = th[3];
    if (iph->ip_p == IP_PROTO_TCP)
      k[14] = th[13];
  }
  return true;
}

template <typename W, int NW, int NENTRIES>
void TrainTcam<W, NW, NENTRIES>::push(int, Packet *p) {
  uint8_t kb[KEY_BYTES];
  W key[NW];
  if (!build_key(p, kb)) {
    checked_output_push(3, p);
    return;
  }
  pack(kb, key);
  int i = search(key);
  if (i < 0) {
    _misses++;
    checked_output_push(3, p);
    return;
  }
  TcamEntry<W, NW> &e = _e[i];
  e.hits++;
  if (e.mirror) {
    if (Packet *c = p->clone()) {
      _mirrored++;
      checked_output_push(2, c);
    }
  }
  checked_output_push(e.out, p);
}

extern "C" Element *clara_nf_create(const char *config) {
  Element *e[3] = {new TrainTcam<uint16_t, 8, 8>,
                   new TrainTcam<uint32_t, 4, 16>,
                   new TrainTcam<uint64_t, 2, 32>};
  String conf = config ? String(config) : String();
  for (int i = 0; i < 3; ++i)
    if (clara_element_setup(e[i], conf, 1, 4) < 0)
      return 0;
  for (int i = 0; i + 1 < 3; ++i) {
    clara_connect(e[i], 0, e[i + 1], 0);
    clara_connect(e[i], 1, e[i + 1], 0);
  }
  return e[0];
}
