// Training source for the instruction models (models/README.md): counting
// sketches, 64-bit arithmetic, division and remainders, array loops, packet
// construction with memcpy/memset and per-depth template instances.
// Written for training only; not part of the NF corpus.
#include <click/clara.hh>
#include <click/config.h>
#include <click/element.hh>
#include <click/packet.hh>
#include <click/packet_anno.hh>
#include <clicknet/ether.h>
#include <clicknet/ip.h>
#include <clicknet/udp.h>

static uint64_t mul_hash(uint64_t x, uint64_t a, unsigned shift) {
  x ^= x >> 29;
  x *= a;
  return x >> shift;
}

static int64_t ewma(int64_t avg, int64_t sample, int weight_log) {
  return avg + ((sample - avg) >> weight_log);
}

static void put_be32(unsigned char *d, uint32_t v) {
  d[0] = (unsigned char)(v >> 24);
  d[1] = (unsigned char)(v >> 16);
  d[2] = (unsigned char)(v >> 8);
  d[3] = (unsigned char)v;
}

template <int D, int W> class TrainSketch : public Element {
public:
  TrainSketch() : _total(0), _avg(0), _reports(0), _period(64) {
    memset(_rows, 0, sizeof(_rows));
    memset(_heavy, 0, sizeof(_heavy));
  }
  const char *class_name() const override { return "TrainSketch"; }
  const char *port_count() const override { return "1/2"; }
  void push(int port, Packet *p) override;

private:
  uint32_t update(uint64_t key, uint32_t inc);
  uint32_t estimate(uint64_t key) const;
  Packet *report(uint32_t key, uint32_t count, uint32_t total);

  uint32_t _rows[D][W];
  uint32_t _heavy[4];
  uint64_t _total;
  int64_t _avg;
  uint32_t _reports, _period;
};

template <int D, int W>
uint32_t TrainSketch<D, W>::update(uint64_t key, uint32_t inc) {
  uint32_t least = 0xffffffffu;
  for (int d = 0; d < D; ++d) {
    uint64_t h =
        mul_hash(key + (uint64_t)d, 0x9e3779b97f4a7c15ull + 2 * d, 64 - 16) % W;
    uint32_t v = _rows[d][h] + inc;
    _rows[d][h] = v;
    least = v < least ? v : least;
  }
  return least;
}

template <int D, int W>
uint32_t TrainSketch<D, W>::estimate(uint64_t key) const {
  uint32_t least = 0xffffffffu;
  for (int d = 0; d < D; ++d) {
    uint64_t h =
        mul_hash(key + (uint64_t)d, 0x9e3779b97f4a7c15ull + 2 * d, 64 - 16) % W;
    if (_rows[d][h] < least)
      least = _rows[d][h];
  }
  return least;
}

template <int D, int W>
Packet *TrainSketch<D, W>::report(uint32_t key, uint32_t count,
                                  uint32_t total) {
  WritablePacket *q = Packet::make(14 + 20 + 8 + 12);
  if (!q)
    return 0;
  unsigned char *d = q->data();
  memset(d, 0, q->length());
  d[12] = 0x08;
  click_ip *iph = reinterpret_cast<click_ip *>(d + 14);
  iph->ip_v = 4;
  iph->ip_hl = 5;
  iph->ip_ttl = 16;
  iph->ip_p = IP_PROTO_UDP;
  iph->ip_len = htons(20 + 8 + 12);
  click_udp *uh = reinterpret_cast<click_udp *>(d + 34);
  uh->uh_dport = htons(9999);
  uh->uh_ulen = htons(8 + 12);
  put_be32(d + 42, key);
  put_be32(d + 46, count);
  put_be32(d + 50, total ? (uint32_t)((uint64_t)count * 1000 / total) : 0);
  _reports++;
  return q;
}

template <int D, int W> void TrainSketch<D, W>::push(int, Packet *p) {
  const click_ip *iph = p->ip_header();
  if (!iph) {
    output(0).push(p);
    return;
  }
  uint64_t key =
      ((uint64_t)ntohl(iph->ip_src.s_addr) << 32) | ntohl(iph->ip_dst.s_addr);
  uint32_t len = p->length();
  uint32_t est = update(key, len);
  _total += len;
  _avg = ewma(_avg, (int64_t)len, 3);
  uint32_t slot = (uint32_t)(key % 4);
  if (est > _heavy[slot])
    _heavy[slot] = est;
  bool heavy = _total > 0 && (uint64_t)est * 100 / _total >= 5;
  if (heavy && (_reports % _period) == 0) {
    Packet *r = report((uint32_t)key, estimate(key), (uint32_t)_total);
    if (r)
      output(1).push(r);
  }
  output(0).push(p);
}

extern "C" Element *clara_nf_create(const char *config) {
  Element *e[3] = {new TrainSketch<2, 64>, new TrainSketch<3, 128>,
                   new TrainSketch<4, 100>};
  String conf = config ? String(config) : String();
  for (int i = 0; i < 3; ++i)
    if (clara_element_setup(e[i], conf, 1, 2) < 0)
      return 0;
  clara_connect(e[0], 0, e[1], 0);
  clara_connect(e[1], 0, e[2], 0);
  return e[0];
}
