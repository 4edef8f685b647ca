// Training source for the instruction models (models/README.md): top-talker
// tracking: per-source byte totals in a bounded HashMap, and the K largest
// kept in a binary min-heap with a position index so a talker already in
// the top K is re-sifted in place; a source whose total passes the heap
// minimum replaces the root. Each packet gets its source's rank (1..K, or 0)
// in the paint annotation, and packets from the top talker are optionally
// diverted to output 1 for closer inspection.
// Written for training only; not part of the NF corpus.
#include <click/clara.hh>
#include <click/config.h>
#include <click/element.hh>
#include <click/hashmap.hh>
#include <click/packet.hh>
#include <click/packet_anno.hh>
#include <clicknet/ip.h>

struct TalkerTotal {
  uint64_t bytes;
  uint32_t packets;
  int16_t heap_pos; // -1: not in the heap
};

template <int K> class TrainTopTalkers : public Element {
public:
  TrainTopTalkers() : _heap_n(0), _full_table(0), _replacements(0) {
    TalkerTotal d;
    d.bytes = 0;
    d.packets = 0;
    d.heap_pos = -1;
    _default = d;
  }
  const char *class_name() const override { return "TrainTopTalkers"; }
  const char *port_count() const override { return "1/2"; }
  const char *processing() const override { return PUSH; }
  void push(int port, Packet *p) override;

private:
  uint64_t weight(int i) const { return _heap_bytes[i]; }
  void swap_nodes(int a, int b) {
    uint32_t ka = _heap_key[a], kb = _heap_key[b];
    uint64_t ba = _heap_bytes[a];
    _heap_key[a] = kb;
    _heap_bytes[a] = _heap_bytes[b];
    _heap_key[b] = ka;
    _heap_bytes[b] = ba;
    if (TalkerTotal *t = _totals.findp(kb))
      t->heap_pos = (int16_t)a;
    if (TalkerTotal *t = _totals.findp(ka))
      t->heap_pos = (int16_t)b;
  }
  int sift_up(int i) {
    while (i > 0) {
      int parent = (i - 1) >> 1;
      if (weight(parent) <= weight(i))
        break;
      swap_nodes(i, parent);
      i = parent;
    }
    return i;
  }
  int sift_down(int i) {
    for (;;) {
      int l = 2 * i + 1, r = l + 1, m = i;
      if (l < _heap_n && weight(l) < weight(m))
        m = l;
      if (r < _heap_n && weight(r) < weight(m))
        m = r;
      if (m == i)
        return i;
      swap_nodes(i, m);
      i = m;
    }
  }
  // Brings a talker's total into the heap; returns its position or -1.
  int offer(uint32_t key, TalkerTotal *t) {
    if (t->heap_pos >= 0) {
      _heap_bytes[t->heap_pos] = t->bytes;
      return sift_down(t->heap_pos);
    }
    if (_heap_n < K) {
      int i = _heap_n++;
      _heap_key[i] = key;
      _heap_bytes[i] = t->bytes;
      t->heap_pos = (int16_t)i;
      return sift_up(i);
    }
    if (t->bytes <= _heap_bytes[0])
      return -1;
    if (TalkerTotal *old = _totals.findp(_heap_key[0]))
      old->heap_pos = -1;
    _replacements++;
    _heap_key[0] = key;
    _heap_bytes[0] = t->bytes;
    t->heap_pos = 0;
    return sift_down(0);
  }
  // Rank 1 is the largest; a linear count over the heap.
  int rank(int pos) const {
    if (pos < 0)
      return 0;
    int r = 1;
    for (int i = 0; i < _heap_n; ++i)
      if (_heap_bytes[i] > _heap_bytes[pos])
        r++;
    return r;
  }

  HashMap<uint32_t, TalkerTotal, 128, 4> _totals;
  TalkerTotal _default;
  uint32_t _heap_key[K];
  uint64_t _heap_bytes[K];
  int _heap_n;
  uint32_t _full_table, _replacements;
};

template <int K> void TrainTopTalkers<K>::push(int, Packet *p) {
  if (!p->has_network_header()) {
    output(0).push(p);
    return;
  }
  const click_ip *iph = p->ip_header();
  uint32_t key = iph->ip_src.s_addr;
  TalkerTotal *t = _totals.findp(key);
  if (!t) {
    if (!_totals.insert(key, _default) || !(t = _totals.findp(key))) {
      _full_table++;
      SET_PAINT_ANNO(p, 0);
      output(0).push(p);
      return;
    }
  }
  t->bytes += ntohs(iph->ip_len);
  t->packets++;
  int pos = offer(key, t);
  int r = rank(pos);
  SET_PAINT_ANNO(p, (uint8_t)r);
  if (r == 1 && t->packets > 4)
    output(1).push(p);
  else
    output(0).push(p);
}

extern "C" Element *clara_nf_create(const char *config) {
  Element *e[2] = {new TrainTopTalkers<8>, new TrainTopTalkers<32>};
  String conf = config ? String(config) : String();
  for (int i = 0; i < 2; ++i)
    if (clara_element_setup(e[i], conf, 1, 2) < 0)
      return 0;
  clara_connect(e[0], 0, e[1], 0);
  return e[0];
}
