/*
 * SailLevelLookup(PREFIX OUT, ...)
 *
 * Destination-address IPv4 route lookup in the spirit of SAIL's
 * "splitting on levels": every prefix length 1..24 has a presence bitmap of
 * 2^len bits, so finding the matching length is a scan of bit tests from
 * /24 upward-to-shorter; only the hit level's next hop is then fetched.
 * Next hops for /0../16 sit in flat per-length arrays, /17../32 in a hash.
 * Routes longer than /24 are pushed to level 32: each /24 that owns such a
 * route gets a 256-entry chunk holding, per last octet, the best /25../32
 * answer (0 = none, fall back to the bitmaps).
 */
#include <click/config.h>
#include <click/element.hh>
#include <click/packet.hh>
#include <click/confparse.hh>
#include <click/error.hh>
#include <clicknet/ip.h>
#include <stdlib.h>
#include <string.h>

CLICK_DECLS

class SailLevelLookup : public Element {
public:
  SailLevelLookup();
  ~SailLevelLookup() override;

  const char *class_name() const override { return "SailLevelLookup"; }
  const char *port_count() const override { return "1/-"; }
  const char *processing() const override { return PUSH; }

  int configure(Vector<String> &conf, ErrorHandler *errh) override;
  void push(int port, Packet *p) override;

  int add_route(uint32_t prefix, int len, int out);
  int remove_route(uint32_t prefix, int len);
  int find_route(uint32_t dst) const;

private:
  struct HopCell {
    uint64_t key;   // 0 = never used, 1 = deleted, else (len<<32|prefix)+2
    int out;
  };

  uint8_t *_present[25];    // bitmaps, index = prefix length (1..24)
  int16_t *_flat[17];       // next hops for /1../16, -1 = none
  int _default_out;         // /0

  HopCell *_hops;
  uint32_t _hop_cap, _hop_fill;

  uint32_t *_chunk_key;     // /24 + 1, 0 = empty
  uint32_t *_chunk_idx;
  uint32_t _cmap_cap, _cmap_fill;
  uint16_t *_chunks;        // 256 * nchunks, value = out + 1
  uint32_t _nchunks, _chunk_cap;

  static uint32_t pmask(int len) {
    return len ? 0xFFFFFFFFu << (32 - len) : 0;
  }
  static uint64_t hkey(int len, uint32_t prefix) {
    return (((uint64_t)len << 32) | prefix) + 2;
  }
  static uint32_t scramble(uint64_t k) {
    k ^= k >> 29;
    k *= 0xBF58476D1CE4E5B9ull;
    k ^= k >> 32;
    return (uint32_t)k;
  }
  bool test_bit(int len, uint32_t idx) const {
    return (_present[len][idx >> 3] >> (idx & 7)) & 1;
  }

  long hop_slot(uint64_t key) const;
  int hop_put(uint64_t key, int out);
  bool hop_get(uint64_t key, int *out) const;
  bool hop_drop(uint64_t key);

  long chunk_of(uint32_t slash24) const;
  long chunk_make(uint32_t slash24);
  void chunk_refill(uint32_t prefix, int len);
};

SailLevelLookup::SailLevelLookup()
  : _default_out(-1), _hop_cap(64), _hop_fill(0), _cmap_cap(16),
    _cmap_fill(0), _nchunks(0), _chunk_cap(4)
{
  memset(_present, 0, sizeof(_present));
  memset(_flat, 0, sizeof(_flat));
  for (int l = 1; l <= 24; l++)
    _present[l] = (uint8_t *)calloc(((size_t)1 << l) / 8 + 1, 1);
  for (int l = 1; l <= 16; l++) {
    _flat[l] = (int16_t *)malloc(sizeof(int16_t) << l);
    if (_flat[l])
      memset(_flat[l], 0xFF, sizeof(int16_t) << l);
  }
  _hops = (HopCell *)calloc(_hop_cap, sizeof(HopCell));
  _chunk_key = (uint32_t *)calloc(_cmap_cap, sizeof(uint32_t));
  _chunk_idx = (uint32_t *)calloc(_cmap_cap, sizeof(uint32_t));
  _chunks = (uint16_t *)calloc((size_t)_chunk_cap * 256, sizeof(uint16_t));
}

SailLevelLookup::~SailLevelLookup()
{
  for (int l = 0; l <= 24; l++)
    free(_present[l]);
  for (int l = 0; l <= 16; l++)
    free(_flat[l]);
  free(_hops);
  free(_chunk_key);
  free(_chunk_idx);
  free(_chunks);
}

// ---- next-hop hash for /17../32 -------------------------------------------

long SailLevelLookup::hop_slot(uint64_t key) const
{
  uint32_t m = _hop_cap - 1;
  uint32_t i = scramble(key) & m;
  long grave = -1;
  while (_hops[i].key != 0) {
    if (_hops[i].key == key)
      return i;
    if (_hops[i].key == 1 && grave < 0)
      grave = i;
    i = (i + 1) & m;
  }
  return -2 - (grave >= 0 ? grave : (long)i);
}

int SailLevelLookup::hop_put(uint64_t key, int out)
{
  long s = hop_slot(key);
  if (s >= 0) {
    _hops[s].out = out;
    return 0;
  }
  if ((_hop_fill + 1) * 2 > _hop_cap) {
    HopCell *old = _hops;
    uint32_t oldcap = _hop_cap;
    uint32_t live = 0;
    for (uint32_t j = 0; j < oldcap; j++)
      live += old[j].key > 1;
    uint32_t ncap = oldcap;
    while ((live + 1) * 4 > ncap)
      ncap *= 2;
    _hops = (HopCell *)calloc(ncap, sizeof(HopCell));
    if (!_hops) {
      _hops = old;
      return -1;
    }
    _hop_cap = ncap;
    _hop_fill = 0;
    for (uint32_t j = 0; j < oldcap; j++)
      if (old[j].key > 1) {
        _hops[-2 - hop_slot(old[j].key)] = old[j];
        _hop_fill++;
      }
    free(old);
    s = hop_slot(key);
  }
  long at = -2 - s;
  if (_hops[at].key == 0)
    _hop_fill++;
  _hops[at].key = key;
  _hops[at].out = out;
  return 0;
}

bool SailLevelLookup::hop_get(uint64_t key, int *out) const
{
  long s = hop_slot(key);
  if (s < 0)
    return false;
  *out = _hops[s].out;
  return true;
}

bool SailLevelLookup::hop_drop(uint64_t key)
{
  long s = hop_slot(key);
  if (s < 0)
    return false;
  _hops[s].key = 1;
  return true;
}

// ---- level-32 chunks -------------------------------------------------------

long SailLevelLookup::chunk_of(uint32_t slash24) const
{
  uint32_t m = _cmap_cap - 1, i = scramble(slash24) & m;
  while (_chunk_key[i]) {
    if (_chunk_key[i] == slash24 + 1)
      return _chunk_idx[i];
    i = (i + 1) & m;
  }
  return -1;
}

long SailLevelLookup::chunk_make(uint32_t slash24)
{
  long c = chunk_of(slash24);
  if (c >= 0)
    return c;
  if ((_cmap_fill + 1) * 2 > _cmap_cap) {
    uint32_t oc = _cmap_cap, nc = oc * 2;
    uint32_t *ok = _chunk_key, *oi = _chunk_idx;
    uint32_t *nk = (uint32_t *)calloc(nc, sizeof(uint32_t));
    uint32_t *ni = (uint32_t *)calloc(nc, sizeof(uint32_t));
    if (!nk || !ni) {
      free(nk);
      free(ni);
      return -1;
    }
    for (uint32_t j = 0; j < oc; j++)
      if (ok[j]) {
        uint32_t i = scramble(ok[j] - 1) & (nc - 1);
        while (nk[i])
          i = (i + 1) & (nc - 1);
        nk[i] = ok[j];
        ni[i] = oi[j];
      }
    free(ok);
    free(oi);
    _chunk_key = nk;
    _chunk_idx = ni;
    _cmap_cap = nc;
  }
  if (_nchunks == _chunk_cap) {
    uint16_t *g = (uint16_t *)realloc(_chunks, (size_t)_chunk_cap * 2 * 256 * sizeof(uint16_t));
    if (!g)
      return -1;
    _chunks = g;
    _chunk_cap *= 2;
  }
  memset(_chunks + (size_t)_nchunks * 256, 0, 256 * sizeof(uint16_t));
  uint32_t i = scramble(slash24) & (_cmap_cap - 1);
  while (_chunk_key[i])
    i = (i + 1) & (_cmap_cap - 1);
  _chunk_key[i] = slash24 + 1;
  _chunk_idx[i] = _nchunks;
  _cmap_fill++;
  return _nchunks++;
}

// Recompute the pushed /25../32 answers under one long prefix.
void SailLevelLookup::chunk_refill(uint32_t prefix, int len)
{
  long c = chunk_of(prefix >> 8);
  if (c < 0)
    return;
  uint16_t *cell = _chunks + (size_t)c * 256;
  uint32_t first = prefix & 0xFF, span = 1u << (32 - len);
  for (uint32_t o = first; o < first + span; o++) {
    uint32_t a = (prefix & 0xFFFFFF00u) | o;
    uint16_t best = 0;
    for (int l = 32; l >= 25; l--) {
      int out;
      if (hop_get(hkey(l, a & pmask(l)), &out)) {
        best = (uint16_t)(out + 1);
        break;
      }
    }
    cell[o] = best;
  }
}

// ---- route table API -------------------------------------------------------

int SailLevelLookup::add_route(uint32_t prefix, int len, int out)
{
  if (len < 0 || len > 32 || out < 0 || out > 32766)
    return -1;
  prefix &= pmask(len);
  if (len == 0) {
    _default_out = out;
    return 0;
  }
  if (len <= 16) {
    _flat[len][prefix >> (32 - len)] = (int16_t)out;
  } else {
    if (hop_put(hkey(len, prefix), out) < 0)
      return -1;
    if (len > 24) {
      if (chunk_make(prefix >> 8) < 0)
        return -1;
      chunk_refill(prefix, len);
      return 0;
    }
  }
  uint32_t idx = prefix >> (32 - len);
  _present[len][idx >> 3] |= (uint8_t)(1u << (idx & 7));
  return 0;
}

int SailLevelLookup::remove_route(uint32_t prefix, int len)
{
  if (len < 0 || len > 32)
    return -1;
  prefix &= pmask(len);
  if (len == 0) {
    if (_default_out < 0)
      return -1;
    _default_out = -1;
    return 0;
  }
  if (len <= 16) {
    if (_flat[len][prefix >> (32 - len)] < 0)
      return -1;
    _flat[len][prefix >> (32 - len)] = -1;
  } else {
    if (!hop_drop(hkey(len, prefix)))
      return -1;
    if (len > 24) {
      chunk_refill(prefix, len);
      return 0;
    }
  }
  uint32_t idx = prefix >> (32 - len);
  _present[len][idx >> 3] &= (uint8_t)~(1u << (idx & 7));
  return 0;
}

int SailLevelLookup::find_route(uint32_t dst) const
{
  long c = chunk_of(dst >> 8);
  if (c >= 0) {
    uint16_t v = _chunks[(size_t)c * 256 + (dst & 0xFF)];
    if (v)
      return v - 1;
  }
  for (int l = 24; l >= 17; l--)
    if (test_bit(l, dst >> (32 - l))) {
      int out;
      if (hop_get(hkey(l, dst & pmask(l)), &out))
        return out;
    }
  for (int l = 16; l >= 1; l--)
    if (test_bit(l, dst >> (32 - l)))
      return _flat[l][dst >> (32 - l)];
  return _default_out;
}

// ---- element glue ----------------------------------------------------------

int SailLevelLookup::configure(Vector<String> &conf, ErrorHandler *errh)
{
  for (int i = 0; i < conf.size(); i++) {
    Vector<String> words;
    cp_spacevec(conf[i], words);
    IPAddress addr, mask;
    int out;
    if (words.size() != 2 || !cp_ip_prefix(words[0], &addr, &mask, true, this)
        || !cp_integer(words[1], &out))
      return errh->error("route %d: expected 'PREFIX OUTPUT'", i);
    int len = mask.mask_to_prefix_len();
    if (len < 0)
      return errh->error("route %d: noncontiguous mask", i);
    if (add_route(ntohl(addr.addr()), len, out) < 0)
      return errh->error("route %d: cannot install", i);
  }
  return 0;
}

void SailLevelLookup::push(int, Packet *p)
{
  const click_ip *iph = p->ip_header();
  if (!iph) {
    p->kill();
    return;
  }
  int out = find_route(ntohl(iph->ip_dst.s_addr));
  if (out < 0)
    p->kill();
  else
    checked_output_push(out, p);
}

CLICK_ENDDECLS
EXPORT_ELEMENT(SailLevelLookup)
