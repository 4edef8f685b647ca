// Route lookup by bit-vector intersection (Lakshman and Stiliadis): the
// rules are kept sorted by prefix length, longest first, and for every
// address bit position and bit value a vector records which rules accept
// that value (a rule accepts both values past its length). ANDing the 32
// vectors chosen by the address leaves the matching rules; the lowest set
// bit is the longest match. A TCAM, emulated in words. Label: lpm.

#include <click/config.h>
#include <click/element.hh>
#include <click/packet.hh>
#include <clicknet/ip.h>

class BitSliceRoutes : public Element {
public:
  BitSliceRoutes() : _n(0), _misses(0) { reslice(0); }

  const char *class_name() const override { return "BitSliceRoutes"; }
  const char *port_count() const override { return "1/-"; }
  const char *processing() const override { return PUSH; }

  void push(int port, Packet *p) override;

  bool insert(uint32_t addr, uint32_t mask_len, int port);
  int match(uint32_t addr) const;

  enum { RULES = 256, WORDS = RULES / 64 };
  static_assert(WORDS == 4, "match() ANDs four words");

private:
  uint32_t _addr[RULES];
  uint8_t _len[RULES];
  int16_t _port[RULES];
  int _n;
  uint64_t _slice[32][2][WORDS]; // [bit from the top][value][rule words]
  uint64_t _misses;

  void reslice(int from);
};

// Rewrites the vectors of rules from .. _n - 1 (they moved or are new).
void BitSliceRoutes::reslice(int from) {
  for (int r = from; r < RULES; r++) {
    uint64_t bit = 1ull << (r & 63);
    int w = r >> 6;
    for (int b = 0; b < 32; b++) {
      _slice[b][0][w] &= ~bit;
      _slice[b][1][w] &= ~bit;
      if (r >= _n)
        continue;
      if (b >= _len[r]) {
        _slice[b][0][w] |= bit;
        _slice[b][1][w] |= bit;
      } else {
        _slice[b][(_addr[r] >> (31 - b)) & 1][w] |= bit;
      }
    }
  }
}

bool BitSliceRoutes::insert(uint32_t addr, uint32_t mask_len, int port) {
  if (mask_len > 32)
    return false;
  if (mask_len < 32)
    addr &= ~(0xFFFFFFFFu >> mask_len);
  int at = 0;
  while (at < _n && _len[at] > mask_len)
    at++;
  for (int i = at; i < _n && _len[i] == mask_len; i++)
    if (_addr[i] == addr) {
      _port[i] = (int16_t)port;
      return true;
    }
  if (_n == RULES)
    return false;
  for (int i = _n; i > at; i--) {
    _addr[i] = _addr[i - 1];
    _len[i] = _len[i - 1];
    _port[i] = _port[i - 1];
  }
  _addr[at] = addr;
  _len[at] = (uint8_t)mask_len;
  _port[at] = (int16_t)port;
  _n++;
  reslice(at);
  return true;
}

int BitSliceRoutes::match(uint32_t addr) const {
  uint64_t acc[WORDS];
  for (int w = 0; w < WORDS; w++)
    acc[w] = ~0ull;
  for (int b = 0; b < 32; b++) {
    const uint64_t *v = _slice[b][addr >> 31];
    addr <<= 1;
    acc[0] &= v[0];
    acc[1] &= v[1];
    acc[2] &= v[2];
    acc[3] &= v[3];
  }
  for (int w = 0; w < WORDS; w++)
    if (acc[w])
      return _port[w * 64 + __builtin_ctzll(acc[w])];
  return -1;
}

void BitSliceRoutes::push(int, Packet *p) {
  int port = -1;
  if (p->has_network_header()) {
    const click_ip *iph = p->ip_header();
    port = match(ntohl(iph->ip_dst.s_addr));
  }
  if (port >= 0 && port < noutputs()) {
    output(port).push(p);
    return;
  }
  _misses++;
  p->kill();
}
