// Training source for the instruction models (models/README.md): per-service
// volume counters kept in a Count sketch (signed counters, a +/- sign hash
// per row, median-of-rows estimate) keyed by destination address and port;
// the counters are halved every window of packets so estimates follow recent
// traffic; packets of services whose estimated share of the window exceeds a
// threshold are painted and counted. The sketch is a template over the
// counter type (16, 32 and 64-bit signed) and the number of rows.
// Written for training only; not part of the NF corpus.
#include <click/clara.hh>
#include <click/config.h>
#include <click/element.hh>
#include <click/packet.hh>
#include <click/packet_anno.hh>
#include <clicknet/ip.h>
#include <clicknet/tcp.h>
#include <clicknet/udp.h>

template <typename C, int ROWS, int COLS>
class TrainCountSketch : public Element {
public:
  TrainCountSketch()
      : _window(256), _in_window(0), _window_bytes(0), _share_pct(10),
        _flagged(0), _saturated(0) {
    memset(_ctr, 0, sizeof(_ctr));
  }
  const char *class_name() const override { return "TrainCountSketch"; }
  const char *port_count() const override { return PORTS_1_1; }
  Packet *simple_action(Packet *p) override;

private:
  static uint32_t row_hash(uint64_t key, int row) {
    uint64_t x = key ^ (0x9e3779b97f4a7c15ull * (uint64_t)(row + 1));
    x ^= x >> 31;
    x *= 0xbf58476d1ce4e5b9ull;
    x ^= x >> 29;
    return (uint32_t)x;
  }
  static int column(uint32_t h) { return (int)(h % COLS); }
  static int sign(uint32_t h) { return (h >> 31) ? -1 : 1; }
  C clamp_add(C c, int64_t delta) {
    int64_t maxv = (int64_t)(((uint64_t)1 << (sizeof(C) * 8 - 1)) - 1);
    int64_t v = (int64_t)c + delta;
    if (v > maxv) {
      _saturated++;
      return (C)maxv;
    }
    if (v < -maxv) {
      _saturated++;
      return (C)-maxv;
    }
    return (C)v;
  }
  void update(uint64_t key, uint32_t bytes) {
    for (int r = 0; r < ROWS; ++r) {
      uint32_t h = row_hash(key, r);
      C &c = _ctr[r][column(h)];
      c = clamp_add(c, sign(h) * (int64_t)bytes);
    }
  }
  int64_t estimate(uint64_t key) const {
    int64_t v[ROWS];
    for (int r = 0; r < ROWS; ++r) {
      uint32_t h = row_hash(key, r);
      v[r] = sign(h) * (int64_t)_ctr[r][column(h)];
    }
    // Insertion sort: ROWS is small.
    for (int i = 1; i < ROWS; ++i) {
      int64_t x = v[i];
      int j = i - 1;
      while (j >= 0 && v[j] > x) {
        v[j + 1] = v[j];
        j--;
      }
      v[j + 1] = x;
    }
    if (ROWS % 2)
      return v[ROWS / 2];
    return (v[ROWS / 2 - 1] + v[ROWS / 2]) >> 1;
  }
  void halve() {
    for (int r = 0; r < ROWS; ++r)
      for (int c = 0; c < COLS; ++c)
        _ctr[r][c] = (C)(_ctr[r][c] / 2);
  }
  static uint64_t service_key(const Packet *p) {
    const click_ip *iph = p->ip_header();
    uint64_t k = (uint64_t)ntohl(iph->ip_dst.s_addr) << 24 | iph->ip_p;
    if ((iph->ip_p == IP_PROTO_TCP || iph->ip_p == IP_PROTO_UDP) &&
        IP_FIRSTFRAG(iph) && p->transport_length() >= 4)
      k |= (uint64_t)ntohs(p->udp_header()->uh_dport) << 8;
    return k;
  }

  C _ctr[ROWS][COLS];
  uint32_t _window, _in_window;
  uint64_t _window_bytes;
  uint32_t _share_pct;
  uint32_t _flagged, _saturated;
};

template <typename C, int ROWS, int COLS>
Packet *TrainCountSketch<C, ROWS, COLS>::simple_action(Packet *p) {
  if (!p->has_network_header())
    return p;
  uint64_t key = service_key(p);
  uint32_t len = ntohs(p->ip_header()->ip_len);
  update(key, len);
  _window_bytes += len;
  if (++_in_window >= _window) {
    halve();
    _window_bytes >>= 1;
    _in_window = 0;
  }
  int64_t est = estimate(key);
  if (est < 0)
    est = 0;
  uint64_t share =
      _window_bytes ? (uint64_t)est * 100 / _window_bytes : (uint64_t)0;
  if (share >= _share_pct) {
    _flagged++;
    SET_PAINT_ANNO(p, (uint8_t)(share > 100 ? 100 : share));
  }
  SET_EXTRA_LENGTH_ANNO(p, est > 0xffffffffll ? 0xffffffffu : (uint32_t)est);
  return p;
}

extern "C" Element *clara_nf_create(const char *config) {
  Element *e[3] = {new TrainCountSketch<int16_t, 3, 64>,
                   new TrainCountSketch<int32_t, 5, 128>,
                   new TrainCountSketch<int64_t, 4, 256>};
  String conf = config ? String(config) : String();
  for (int i = 0; i < 3; ++i)
    if (clara_element_setup(e[i], conf, 1, 1) < 0)
      return 0;
  for (int i = 0; i + 1 < 3; ++i)
    clara_connect(e[i], 0, e[i + 1], 0);
  return e[0];
}
