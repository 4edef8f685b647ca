// Training source for the instruction models (models/README.md): heavy
// hitter tracking with a small fixed table (space-saving replacement of the
// minimum counter), byte and packet counts, periodic halving (decay), and a
// heavy-flow mark in the paint annotation; the table is a template
// instantiated at three counter widths and sizes.
// Written for training only; not part of the NF corpus.
#include <click/clara.hh>
#include <click/config.h>
#include <click/element.hh>
#include <click/packet.hh>
#include <click/packet_anno.hh>
#include <clicknet/ip.h>
#include <clicknet/tcp.h>
#include <clicknet/udp.h>

static uint32_t flow_key(const click_ip *iph, const unsigned char *l4) {
  uint32_t k = ntohl(iph->ip_src.s_addr) ^ (ntohl(iph->ip_dst.s_addr) << 7);
  if (l4 && (iph->ip_p == IP_PROTO_TCP || iph->ip_p == IP_PROTO_UDP)) {
    uint32_t ports = ((uint32_t)l4[0] << 24) | ((uint32_t)l4[1] << 16) |
                     ((uint32_t)l4[2] << 8) | l4[3];
    k ^= (ports >> 13) | (ports << 19);
  }
  return (k ^ iph->ip_p) | 1; // 0 marks an empty slot
}

template <typename C, int N> class TrainHeavyHitter : public Element {
public:
  TrainHeavyHitter()
      : _packets(0), _threshold_pct(5), _decay_every(1u << (N / 4 + 6)),
        _replaced(0) {
    memset(_key, 0, sizeof(_key));
    memset(_bytes, 0, sizeof(_bytes));
    memset(_err, 0, sizeof(_err));
  }
  const char *class_name() const override { return "TrainHeavyHitter"; }
  const char *port_count() const override { return PORTS_1_1; }
  Packet *simple_action(Packet *p) override;

private:
  int find(uint32_t key) const {
    for (int i = 0; i < N; ++i)
      if (_key[i] == key)
        return i;
    return -1;
  }
  int min_slot() const {
    int m = 0;
    for (int i = 1; i < N; ++i) {
      if (_key[i] == 0)
        return i;
      if (_bytes[i] < _bytes[m])
        m = i;
    }
    return _key[0] == 0 ? 0 : m;
  }
  C saturating_add(C a, uint32_t b) const {
    C maxc = (C) ~(C)0;
    return (uint64_t)a + b > (uint64_t)maxc ? maxc : (C)(a + b);
  }
  void decay() {
    for (int i = 0; i < N; ++i) {
      _bytes[i] >>= 1;
      _err[i] >>= 1;
      if (_bytes[i] == 0)
        _key[i] = 0;
    }
  }
  bool is_heavy(int slot, uint64_t total) const {
    if (total == 0)
      return false;
    uint64_t guaranteed = (uint64_t)(_bytes[slot] - _err[slot]);
    return guaranteed * 100 / total >= _threshold_pct;
  }
  uint64_t total_bytes() const {
    uint64_t t = 0;
    for (int i = 0; i < N; ++i)
      t += _bytes[i];
    return t;
  }

  uint32_t _key[N];
  C _bytes[N];
  C _err[N];
  uint64_t _packets;
  uint32_t _threshold_pct, _decay_every;
  uint32_t _replaced;
};

template <typename C, int N>
Packet *TrainHeavyHitter<C, N>::simple_action(Packet *p) {
  if (!p->has_network_header())
    return p;
  const click_ip *iph = p->ip_header();
  const unsigned char *l4 =
      p->transport_length() >= 4 ? p->transport_header() : 0;
  uint32_t key = flow_key(iph, l4);
  uint32_t len = ntohs(iph->ip_len);

  int slot = find(key);
  if (slot < 0) {
    slot = min_slot();
    if (_key[slot] != 0) {
      _replaced++;
      _err[slot] = _bytes[slot]; // space-saving: inherit the minimum
    } else {
      _err[slot] = 0;
      _bytes[slot] = 0;
    }
    _key[slot] = key;
  }
  _bytes[slot] = saturating_add(_bytes[slot], len);

  if (++_packets % _decay_every == 0)
    decay();
  bool heavy = is_heavy(slot, total_bytes());
  SET_PAINT_ANNO(p, heavy ? (uint8_t)(1 + (unsigned)slot % 255) : 0);
  if (heavy)
    SET_AGGREGATE_ANNO(p, key);
  return p;
}

extern "C" Element *clara_nf_create(const char *config) {
  Element *e[3] = {new TrainHeavyHitter<uint16_t, 8>,
                   new TrainHeavyHitter<uint32_t, 16>,
                   new TrainHeavyHitter<uint64_t, 32>};
  String conf = config ? String(config) : String();
  for (int i = 0; i < 3; ++i)
    if (clara_element_setup(e[i], conf, 1, 1) < 0)
      return 0;
  for (int i = 0; i + 1 < 3; ++i)
    clara_connect(e[i], 0, e[i + 1], 0);
  return e[0];
}
