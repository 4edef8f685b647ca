// IPv4 route lookup over the elementary address ranges of the table, with
// the range starts stored in Elias-Fano form. The prefixes cut the address
// space into ranges on whose every address the longest match is the same;
// build() finds the cut points (each prefix's first address and the one
// after its last), sorts the prefixes by start and then by length, and
// sweeps both with a stack of open prefixes, so the top of the stack owns
// each range. Neighbouring ranges with the same output are merged.
//
// The k sorted starts are then encoded with Elias-Fano: the low l bits of
// each (l = floor(log2(2^32 / k))) packed in an array, and the high part as
// unary gaps in a bit vector (element i sets bit high_i + i). A packet's
// destination x is routed by the range with the greatest start <= x: the
// zero that closes bucket high(x) - 1 (found from a sample of every 64th
// zero) tells how many starts lie in lower buckets, and the starts of
// bucket high(x) are scanned by their low bits. Label: lpm.

#include <click/config.h>
#include <click/element.hh>
#include <click/packet.hh>
#include <clicknet/ip.h>
#include <stdlib.h>
#include <string.h>

class EFRouteLookup : public Element {
public:
  EFRouteLookup()
    : _pfx(0), _npfx(0), _cappfx(0), _pfxout(0), _k(0), _lowbits(0), _low(0),
      _up(0), _upbits(0), _zsample(0), _out(0) {}
  ~EFRouteLookup() override {
    release();
    free(_pfx);
    free(_pfxout);
  }

  const char *class_name() const override { return "EFRouteLookup"; }
  const char *port_count() const override { return "1/-"; }
  const char *processing() const override { return PUSH; }

  void push(int port, Packet *p) override;

  bool add_route(uint32_t addr, int len, int out);
  bool build();
  int route(uint32_t dst) const;
  uint32_t nranges() const { return _k; }

private:
  // sort key: start << 32 | len << 24 | insertion number
  uint64_t *_pfx;
  uint32_t _npfx, _cappfx;
  int32_t *_pfxout; // by insertion number

  uint32_t _k, _lowbits;
  uint64_t *_low;
  uint64_t *_up;
  uint64_t _upbits;
  uint64_t *_zsample; // position of zero 64*j
  int32_t *_out;

  void release();
  static void radix_sort(uint64_t *v, uint64_t *tmp, uint32_t n);
  uint64_t select_zero(uint64_t rank) const;
  uint64_t low_at(uint32_t i) const;
};

void EFRouteLookup::release() {
  delete[] _low;
  delete[] _up;
  delete[] _zsample;
  delete[] _out;
  _low = _up = _zsample = 0;
  _out = 0;
  _k = 0;
}

bool EFRouteLookup::add_route(uint32_t addr, int len, int out) {
  if (len < 0 || len > 32 || out < 0 || _npfx >= (1u << 24))
    return false;
  if (_npfx == _cappfx) {
    uint32_t ncap = _cappfx ? 2 * _cappfx : 32;
    uint64_t *n = (uint64_t *)realloc(_pfx, ncap * sizeof(uint64_t));
    if (!n)
      return false;
    _pfx = n;
    int32_t *o = (int32_t *)realloc(_pfxout, ncap * sizeof(int32_t));
    if (!o)
      return false;
    _pfxout = o;
    _cappfx = ncap;
  }
  uint32_t mask = len ? 0xFFFFFFFFu << (32 - len) : 0;
  _pfx[_npfx] = (uint64_t)(addr & mask) << 32 | (uint64_t)len << 24 | _npfx;
  _pfxout[_npfx] = out;
  _npfx++;
  return true;
}

void EFRouteLookup::radix_sort(uint64_t *v, uint64_t *tmp, uint32_t n) {
  if (n < 2)
    return;
  for (unsigned shift = 0; shift < 64; shift += 8) {
    uint32_t count[257];
    memset(count, 0, sizeof count);
    for (uint32_t i = 0; i < n; i++)
      count[((v[i] >> shift) & 0xFF) + 1]++;
    for (unsigned d = 0; d < 256; d++)
      count[d + 1] += count[d];
    for (uint32_t i = 0; i < n; i++)
      tmp[count[(v[i] >> shift) & 0xFF]++] = v[i];
    memcpy(v, tmp, n * sizeof *v);
  }
}

bool EFRouteLookup::build() {
  release();
  uint32_t n = _npfx;
  uint64_t *cuts = new uint64_t[2 * n + 1];
  uint64_t *tmp = new uint64_t[2 * n + 1];
  uint32_t *stack = new uint32_t[33];
  uint32_t *starts = new uint32_t[2 * n + 1];
  int32_t *outs = new int32_t[2 * n + 1];

  // cut points
  uint32_t nc = 0;
  cuts[nc++] = 0;
  for (uint32_t i = 0; i < n; i++) {
    uint32_t lo = (uint32_t)(_pfx[i] >> 32);
    unsigned len = (unsigned)(_pfx[i] >> 24) & 0xFF;
    uint64_t after = (uint64_t)lo + (len ? (1ull << (32 - len)) : (1ull << 32));
    cuts[nc++] = lo;
    if (after <= 0xFFFFFFFFull)
      cuts[nc++] = after;
  }
  radix_sort(cuts, tmp, nc);
  radix_sort(_pfx, tmp, n);

  // sweep: the stack holds nested prefixes (indices into _pfx), innermost on top
  uint32_t depth = 0, next = 0, k = 0;
  for (uint32_t c = 0; c < nc; c++) {
    uint32_t at = (uint32_t)cuts[c];
    if (c && cuts[c - 1] == cuts[c])
      continue;
    for (;;) {
      while (depth) {
        uint64_t top = _pfx[stack[depth - 1]];
        unsigned len = (unsigned)(top >> 24) & 0xFF;
        uint64_t last = (top >> 32) + (len ? (1ull << (32 - len)) : (1ull << 32)) - 1;
        if (last >= at)
          break;
        depth--;
      }
      if (next == n || (uint32_t)(_pfx[next] >> 32) != at)
        break;
      if (depth && (_pfx[stack[depth - 1]] >> 24) == (_pfx[next] >> 24))
        stack[depth - 1] = next++; // same prefix again: the later one wins
      else
        stack[depth++] = next++; // starts here, inside whatever is open
    }
    int32_t o = depth ? _pfxout[(uint32_t)_pfx[stack[depth - 1]] & 0xFFFFFF] : -1;
    if (k && outs[k - 1] == o)
      continue;
    starts[k] = at;
    outs[k] = o;
    k++;
  }

  // Elias-Fano encoding of starts[0..k)
  uint64_t ratio = (1ull << 32) / k;
  unsigned l = 0;
  while ((2ull << l) <= ratio)
    l++;
  _k = k;
  _lowbits = l;
  uint64_t lowwords = ((uint64_t)k * l + 63) / 64 + 1;
  _low = new uint64_t[lowwords]();
  _upbits = (uint64_t)k + ((1ull << 32) >> l) + 1;
  uint64_t upwords = (_upbits + 63) / 64;
  _up = new uint64_t[upwords]();
  _out = new int32_t[k];
  for (uint32_t i = 0; i < k; i++) {
    uint64_t lowv = l ? (starts[i] & ((1ull << l) - 1)) : 0;
    uint64_t bit = (uint64_t)i * l;
    if (l) {
      _low[bit >> 6] |= lowv << (bit & 63);
      if ((bit & 63) + l > 64)
        _low[(bit >> 6) + 1] |= lowv >> (64 - (bit & 63));
    }
    uint64_t pos = ((uint64_t)starts[i] >> l) + i;
    _up[pos >> 6] |= 1ull << (pos & 63);
    _out[i] = outs[i];
  }
  uint64_t zeros = _upbits - k;
  _zsample = new uint64_t[zeros / 64 + 1];
  uint64_t seen = 0;
  for (uint64_t pos = 0; pos < _upbits; pos++) {
    if (!((_up[pos >> 6] >> (pos & 63)) & 1)) {
      if ((seen & 63) == 0)
        _zsample[seen >> 6] = pos;
      seen++;
    }
  }

  delete[] cuts;
  delete[] tmp;
  delete[] stack;
  delete[] starts;
  delete[] outs;
  return true;
}

uint64_t EFRouteLookup::low_at(uint32_t i) const {
  if (!_lowbits)
    return 0;
  uint64_t bit = (uint64_t)i * _lowbits;
  uint64_t v = _low[bit >> 6] >> (bit & 63);
  if ((bit & 63) + _lowbits > 64)
    v |= _low[(bit >> 6) + 1] << (64 - (bit & 63));
  return v & ((1ull << _lowbits) - 1);
}

// bit position of zero number `rank` (0-based) in the upper vector
uint64_t EFRouteLookup::select_zero(uint64_t rank) const {
  uint64_t pos = _zsample[rank >> 6];
  uint64_t left = rank & 63; // zeros still to skip after the sampled one
  uint64_t w = pos >> 6;
  uint64_t word = ~_up[w] & (~0ull << (pos & 63));
  for (;;) {
    uint64_t z = (uint64_t)__builtin_popcountll(word);
    if (left < z)
      break;
    left -= z;
    word = ~_up[++w];
  }
  while (left--)
    word &= word - 1;
  return (w << 6) + (uint64_t)__builtin_ctzll(word);
}

int EFRouteLookup::route(uint32_t dst) const {
  if (!_k)
    return -1;
  uint64_t high = (uint64_t)dst >> _lowbits;
  uint64_t lowx = _lowbits ? (dst & ((1ull << _lowbits) - 1)) : 0;
  uint64_t i = high ? select_zero(high - 1) - (high - 1) : 0;
  uint64_t pos = i + high;
  while (i < _k && ((_up[pos >> 6] >> (pos & 63)) & 1) && low_at((uint32_t)i) <= lowx) {
    i++;
    pos++;
  }
  return _out[i - 1];
}

void EFRouteLookup::push(int, Packet *p) {
  const click_ip *iph = p->ip_header();
  if (!iph) {
    p->kill();
    return;
  }
  int port = route(ntohl(iph->ip_dst.s_addr));
  if (port < 0)
    p->kill();
  else
    checked_output_push(port, p);
}
