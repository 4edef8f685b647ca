// PayloadEntropy: estimates the Shannon entropy (bits per byte) of each
// packet's transport payload, to tell encrypted/compressed flows from
// plaintext ones, and a chi-square statistic of the byte histogram against
// the uniform distribution.
//
// Input: IPv4 packets with the IP header annotation set. The payload is what
// follows the TCP header (data offset), the UDP header, or else the IP
// header; at most MAXBYTES bytes of it are examined.
//
// H = log2(n) - (1/n) * sum_c c*log2(c), computed in unsigned Q16 fixed point
// with an integer binary logarithm (normalise, then one squaring per
// fraction bit). A payload is "high entropy" when
//     H >= RATIO% * min(8, log2 n)
// (short payloads cannot reach 8 bits/byte). Those go to output 1 (if
// present); everything else, including payloads under MINBYTES, to output 0.
//
// Annotations written: entropy in Q8.8 (u16 at offset 10), chi-square
// statistic floor((256 * sum c^2 - n^2) / n) (u32 at offset 12).
#include <click/config.h>
#include <click/args.hh>
#include <click/element.hh>
#include <click/error.hh>
#include <click/packet.hh>
#include <clicknet/ip.h>
#include <clicknet/tcp.h>
#include <clicknet/udp.h>

CLICK_DECLS

class PayloadEntropy : public Element {
public:
  PayloadEntropy();

  const char *class_name() const override { return "PayloadEntropy"; }
  const char *port_count() const override { return "1/1-2"; }
  int configure(Vector<String> &conf, ErrorHandler *errh) override;
  void push(int port, Packet *p) override;

  enum { ANNO_ENTROPY = 10, ANNO_CHI2 = 12 };

  uint32_t last_entropy_q16() const { return _last_h; }
  uint32_t last_chi2() const { return _last_chi2; }
  uint32_t last_length() const { return _last_n; }
  uint64_t high_count() const { return _high; }
  uint64_t low_count() const { return _low; }

private:
  unsigned _max_bytes;
  unsigned _min_bytes;
  unsigned _ratio_pct;

  // Scratch histogram, kept all-zero between packets: only the symbols
  // touched by a packet are cleared again.
  uint16_t _hist[256];
  uint8_t _touched[256];
  unsigned _ntouched;

  uint32_t _last_h, _last_chi2, _last_n;
  uint64_t _high, _low;
  uint64_t _sum_h_q16; // for the mean entropy of inspected packets

  static uint32_t log2_q16(uint32_t x);
  static bool payload_span(Packet *p, const uint8_t *&start, uint32_t &len);
  void histogram(const uint8_t *s, uint32_t n);
  uint32_t entropy_q16(uint32_t n, uint64_t &sum_sq);
};

PayloadEntropy::PayloadEntropy()
    : _max_bytes(1024), _min_bytes(16), _ratio_pct(90), _ntouched(0),
      _last_h(0), _last_chi2(0), _last_n(0), _high(0), _low(0),
      _sum_h_q16(0) {
  for (int i = 0; i < 256; i++)
    _hist[i] = 0;
}

int PayloadEntropy::configure(Vector<String> &conf, ErrorHandler *errh) {
  unsigned maxb = 1024, minb = 16, ratio = 90;
  if (Args(conf, this, errh)
          .read("MAXBYTES", maxb)
          .read("MINBYTES", minb)
          .read("RATIO", ratio)
          .complete() < 0)
    return -1;
  if (maxb == 0 || maxb > 65535)
    return errh->error("MAXBYTES must be 1..65535");
  if (ratio > 100)
    return errh->error("RATIO is a percentage");
  _max_bytes = maxb;
  _min_bytes = minb;
  _ratio_pct = ratio;
  return 0;
}

// floor(2^16 * log2(x)) for x >= 1 (within one unit in the last place).
uint32_t PayloadEntropy::log2_q16(uint32_t x) {
  if (x <= 1)
    return 0;
  uint32_t ip = 0;
  while ((x >> ip) > 1)
    ip++;
  // mantissa m = x / 2^ip in [1, 2), held as Q62 in a 64-bit word
  uint64_t m = (uint64_t)x << (62 - ip);
  uint32_t frac = 0;
  for (int bit = 15; bit >= 0; bit--) {
    // square in Q31 to stay within 64 bits
    uint64_t m31 = m >> 31;
    m = m31 * m31; // Q62 again, in [1, 4)
    if (m >> 63) { // >= 2: renormalise, emit a 1 bit
      m >>= 1;
      frac |= 1u << bit;
    }
  }
  return (ip << 16) | frac;
}

bool PayloadEntropy::payload_span(Packet *p, const uint8_t *&start,
                                  uint32_t &len) {
  const click_ip *iph = p->ip_header();
  if (!iph)
    return false;
  const uint8_t *nh = p->network_header();
  const uint8_t *end = p->end_data();
  unsigned hl = iph->ip_hl << 2;
  unsigned tot = ntohs(iph->ip_len);
  if (tot < hl || nh + hl > end)
    return false;
  // never read past the captured bytes, nor past the datagram
  const uint8_t *dgram_end = (nh + tot < end) ? nh + tot : end;
  const uint8_t *l4 = nh + hl;
  unsigned skip = 0;
  if (IP_FIRSTFRAG(iph)) {
    if (iph->ip_p == IP_PROTO_TCP) {
      if (dgram_end - l4 < (long)sizeof(click_tcp))
        return false;
      skip = (l4[12] >> 4) * 4u;
      if (skip < sizeof(click_tcp))
        return false;
    } else if (iph->ip_p == IP_PROTO_UDP) {
      skip = sizeof(click_udp);
    }
  }
  if ((long)skip > dgram_end - l4)
    return false;
  start = l4 + skip;
  len = (uint32_t)(dgram_end - start);
  return true;
}

void PayloadEntropy::histogram(const uint8_t *s, uint32_t n) {
  for (unsigned i = 0; i < _ntouched; i++)
    _hist[_touched[i]] = 0;
  _ntouched = 0;
  for (uint32_t i = 0; i < n; i++) {
    uint8_t b = s[i];
    if (_hist[b]++ == 0)
      _touched[_ntouched++] = b;
  }
}

// Entropy in Q16 bits per byte; also returns sum of squared counts.
uint32_t PayloadEntropy::entropy_q16(uint32_t n, uint64_t &sum_sq) {
  uint64_t acc = 0; // sum c * log2(c), Q16
  sum_sq = 0;
  for (unsigned i = 0; i < _ntouched; i++) {
    uint32_t c = _hist[_touched[i]];
    acc += (uint64_t)c * log2_q16(c);
    sum_sq += (uint64_t)c * c;
  }
  uint64_t whole = (uint64_t)n * log2_q16(n);
  // H = (n log2 n - sum) / n, rounded to nearest
  uint64_t diff = whole > acc ? whole - acc : 0;
  return (uint32_t)((diff + n / 2) / n);
}

void PayloadEntropy::push(int, Packet *p) {
  const uint8_t *s;
  uint32_t n;
  if (!payload_span(p, s, n) || n < _min_bytes || n == 0) {
    _low++;
    output(0).push(p);
    return;
  }
  if (n > _max_bytes)
    n = _max_bytes;
  histogram(s, n);
  uint64_t sum_sq;
  uint32_t h = entropy_q16(n, sum_sq);
  uint64_t chi = (256 * sum_sq - (uint64_t)n * n) / n;
  uint32_t cap = log2_q16(n);
  if (cap > (8u << 16))
    cap = 8u << 16;
  bool high = (uint64_t)h * 100 >= (uint64_t)cap * _ratio_pct;

  _last_h = h;
  _last_chi2 = chi > 0xFFFFFFFFull ? 0xFFFFFFFFu : (uint32_t)chi;
  _last_n = n;
  _sum_h_q16 += h;
  p->set_anno_u16(ANNO_ENTROPY, (uint16_t)((h + 128) >> 8));
  p->set_anno_u32(ANNO_CHI2, _last_chi2);
  if (high) {
    _high++;
    checked_output_push(1, p);
  } else {
    _low++;
    output(0).push(p);
  }
}

CLICK_ENDDECLS
