// CountMinMAS: per-flow packet/byte estimation with a count-min sketch
// whose rows are indexed by Dietzfelbinger's multiply-add-shift scheme for
// vectors: the flow key is cut into 32-bit words x_1..x_k and row r uses
//     h_r(x) = ((b_r + sum_i a_{r,i} * x_i) mod 2^64) >> (64 - LOGW)
// with random 64-bit a's and b per row, a strongly universal (pairwise
// independent) family. Packets of flows whose estimate reaches THRESHOLD
// leave on output 1.
//
// CountMinMAS(THRESHOLD n, [SEED s], [BYTES bool])

#include <click/config.h>
#include <click/args.hh>
#include <click/element.hh>
#include <click/error.hh>
#include <click/packet.hh>
#include <clicknet/ip.h>
#include <clicknet/tcp.h>
#include <clicknet/udp.h>

CLICK_DECLS

class CountMinMAS : public Element {
public:
  enum { ROWS = 4, LOGW = 12, WIDTH = 1 << LOGW, KEYWORDS = 4 };

  CountMinMAS();

  const char *class_name() const override { return "CountMinMAS"; }
  const char *port_count() const override { return "1/1-2"; }
  const char *processing() const override { return PUSH; }

  int configure(Vector<String> &conf, ErrorHandler *errh) override;
  void push(int port, Packet *p) override;

  // Draw the row multipliers and offsets from a seed.
  void draw_coefficients(uint64_t seed);
  // Bucket of every row for one key (the hash family evaluated ROWS times).
  void row_buckets(const uint32_t key[KEYWORDS], uint32_t out[ROWS]) const;
  // Multiply-add-shift for one row.
  static uint32_t mas_hash(const uint64_t *a, uint64_t b, const uint32_t *x,
                           int k, int outbits);

private:
  uint64_t _mul[ROWS][KEYWORDS];
  uint64_t _add[ROWS];
  uint32_t _cells[ROWS][WIDTH];
  uint32_t _threshold;
  bool _bytes;
  uint64_t _heavy;

  static uint64_t next_random(uint64_t &state);
  static bool tuple_words(Packet *p, uint32_t key[KEYWORDS]);
};

CountMinMAS::CountMinMAS() : _threshold(1000), _bytes(false), _heavy(0) {
  memset(_cells, 0, sizeof(_cells));
  draw_coefficients(0x243f6a8885a308d3ULL);
}

uint64_t CountMinMAS::next_random(uint64_t &state) {
  // xorshift64* generator, only used to draw coefficients
  state ^= state >> 12;
  state ^= state << 25;
  state ^= state >> 27;
  return state * 0x2545f4914f6cdd1dULL;
}

void CountMinMAS::draw_coefficients(uint64_t seed) {
  uint64_t st = seed ? seed : 1;
  for (int r = 0; r < ROWS; r++) {
    for (int i = 0; i < KEYWORDS; i++)
      _mul[r][i] = next_random(st);
    _add[r] = next_random(st);
  }
}

uint32_t CountMinMAS::mas_hash(const uint64_t *a, uint64_t b,
                               const uint32_t *x, int k, int outbits) {
  uint64_t acc = b;
  for (int i = 0; i < k; i++)
    acc += a[i] * (uint64_t)x[i];
  return (uint32_t)(acc >> (64 - outbits));
}

void CountMinMAS::row_buckets(const uint32_t key[KEYWORDS],
                              uint32_t out[ROWS]) const {
  for (int r = 0; r < ROWS; r++)
    out[r] = mas_hash(_mul[r], _add[r], key, KEYWORDS, LOGW);
}

bool CountMinMAS::tuple_words(Packet *p, uint32_t key[KEYWORDS]) {
  if (!p->has_network_header() || p->network_length() < (int)sizeof(click_ip))
    return false;
  const click_ip *iph = p->ip_header();
  if (iph->ip_v != 4)
    return false;
  key[0] = ntohl(iph->ip_src.s_addr);
  key[1] = ntohl(iph->ip_dst.s_addr);
  key[2] = 0;
  key[3] = iph->ip_p;
  int hl = iph->ip_hl << 2;
  if ((iph->ip_p == IP_PROTO_TCP || iph->ip_p == IP_PROTO_UDP) &&
      (iph->ip_off & htons(IP_OFFMASK)) == 0 && p->network_length() >= hl + 4) {
    const unsigned char *l4 = p->network_header() + hl;
    key[2] = ((uint32_t)l4[0] << 24) | ((uint32_t)l4[1] << 16) |
             ((uint32_t)l4[2] << 8) | l4[3];
  }
  return true;
}

int CountMinMAS::configure(Vector<String> &conf, ErrorHandler *errh) {
  uint32_t threshold = _threshold;
  uint64_t seed = 0;
  bool bytes = false;
  if (Args(conf, this, errh)
          .read_mp("THRESHOLD", threshold)
          .read("SEED", seed)
          .read("BYTES", bytes)
          .complete() < 0)
    return -1;
  if (threshold == 0)
    return errh->error("THRESHOLD must be positive");
  _threshold = threshold;
  _bytes = bytes;
  if (seed)
    draw_coefficients(seed);
  return 0;
}

void CountMinMAS::push(int, Packet *p) {
  uint32_t key[KEYWORDS];
  if (!tuple_words(p, key)) {
    output(0).push(p);
    return;
  }
  uint32_t idx[ROWS];
  row_buckets(key, idx);
  uint32_t amount = _bytes ? p->length() : 1;
  uint32_t est = 0xffffffffu;
  for (int r = 0; r < ROWS; r++) {
    uint32_t &c = _cells[r][idx[r]];
    c = (c > 0xffffffffu - amount) ? 0xffffffffu : c + amount;
    if (c < est)
      est = c;
  }
  if (est >= _threshold && noutputs() > 1) {
    _heavy++;
    output(1).push(p);
  } else
    output(0).push(p);
}

CLICK_ENDDECLS
EXPORT_ELEMENT(CountMinMAS)
