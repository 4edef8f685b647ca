// BitSelectTCAMRoute: IPv4 destination lookup in a software model of a
// partitioned TCAM with bit-selection (the CoolCAMs idea: power a few TCAM
// blocks per search by choosing the block from a handful of address bits).
//
// Routes of length >= 16 are spread over 2^k blocks by k "selection bits"
// taken from the first 16 address bits; each block is a ternary table
// (value, care-mask) ordered longest prefix first, so the first hit is the
// longest match in that block.  Shorter routes, whose selection bits are
// not all defined, sit in one extra "wildcard" block that is searched only
// when the selected block has no hit.  The selection bits are chosen
// greedily, one at a time, to minimise the largest block; they are chosen
// again (and the blocks laid out afresh) whenever a block runs out of room.
//
// The table is one flat array of (value, mask, length, port) rows; block b
// owns rows [b * room, b * room + fill[b]).  Adding or removing a route
// shifts the rows below it inside its block, as a TCAM update would.
//
// Configuration: "ADDR/LEN PORT" routes, optionally "SELECT k" (1..8).
#include <click/config.h>
#include <click/confparse.hh>
#include <click/element.hh>
#include <click/error.hh>
#include <click/ipaddress.hh>
#include <click/packet.hh>
#include <clicknet/ip.h>
#include <stdlib.h>

class BitSelectTCAMRoute : public Element {
public:
  BitSelectTCAMRoute();
  ~BitSelectTCAMRoute();

  const char *class_name() const override { return "BitSelectTCAMRoute"; }
  const char *port_count() const override { return "1/-"; }
  const char *processing() const override { return PUSH; }

  int configure(Vector<String> &conf, ErrorHandler *errh) override;
  void push(int port, Packet *p) override;

  int insert_route(uint32_t addr, int len, int port);
  int delete_route(uint32_t addr, int len);
  int route(uint32_t dst) const;
  int reselect(int extra_room);

  enum { SPAN = 16, MAX_SEL = 8 };

private:
  int _nsel;                 // selection bits in use
  int _selbit[MAX_SEL];      // their positions, 0 = most significant
  int _nblk;                 // 2^_nsel selected blocks + 1 wildcard block
  int _room;                 // rows per block
  int *_fill;
  uint32_t *_val;
  uint32_t *_care;
  uint8_t *_plen;
  int32_t *_port;

  uint64_t _hits, _misses;

  int block_of(uint32_t addr) const;
  int layout(int nsel, int room);
  void release_rows();
};

BitSelectTCAMRoute::BitSelectTCAMRoute()
    : _nsel(0), _nblk(0), _room(0), _fill(0), _val(0), _care(0), _plen(0),
      _port(0), _hits(0), _misses(0) {
  layout(4, 8);
}

BitSelectTCAMRoute::~BitSelectTCAMRoute() { release_rows(); }

void BitSelectTCAMRoute::release_rows() {
  free(_fill);
  free(_val);
  free(_care);
  free(_plen);
  free(_port);
  _fill = 0;
  _val = _care = 0;
  _plen = 0;
  _port = 0;
}

// Empty blocks for nsel selection bits, room rows each.
int BitSelectTCAMRoute::layout(int nsel, int room) {
  int nblk = (1 << nsel) + 1;
  size_t rows = (size_t)nblk * (size_t)room;
  int *fill = (int *)calloc((size_t)nblk, sizeof(int));
  uint32_t *val = (uint32_t *)malloc(rows * sizeof(uint32_t));
  uint32_t *care = (uint32_t *)malloc(rows * sizeof(uint32_t));
  uint8_t *plen = (uint8_t *)malloc(rows);
  int32_t *port = (int32_t *)malloc(rows * sizeof(int32_t));
  if (!fill || !val || !care || !plen || !port) {
    free(fill);
    free(val);
    free(care);
    free(plen);
    free(port);
    return -1;
  }
  release_rows();
  _fill = fill;
  _val = val;
  _care = care;
  _plen = plen;
  _port = port;
  _nsel = nsel;
  _nblk = nblk;
  _room = room;
  for (int j = 0; j < nsel; j++)
    _selbit[j] = j * SPAN / nsel;
  return 0;
}

// The selected block of an address: its selection bits, concatenated.
int BitSelectTCAMRoute::block_of(uint32_t addr) const {
  int b = 0;
  for (int j = 0; j < _nsel; j++)
    b = (b << 1) | (int)((addr >> (31 - _selbit[j])) & 1);
  return b;
}

// Choose the selection bits again for the current routes and lay the blocks
// out with room for at least extra_room more rows in the fullest block.
int BitSelectTCAMRoute::reselect(int extra_room) {
  int total = 0, b, i, j;
  for (b = 0; b < _nblk; b++)
    total += _fill[b];

  // gather the rows, longest prefix first (a counting pass per length)
  uint32_t *v = (uint32_t *)malloc((size_t)(total + 1) * sizeof(uint32_t));
  uint8_t *l = (uint8_t *)malloc((size_t)total + 1);
  int32_t *p = (int32_t *)malloc((size_t)(total + 1) * sizeof(int32_t));
  if (!v || !l || !p) {
    free(v);
    free(l);
    free(p);
    return -1;
  }
  int n = 0;
  for (int len = 32; len >= 0; len--)
    for (b = 0; b < _nblk; b++)
      for (i = 0; i < _fill[b]; i++) {
        int r = b * _room + i;
        if (_plen[r] == len) {
          v[n] = _val[r];
          l[n] = _plen[r];
          p[n] = _port[r];
          n++;
        }
      }

  // greedy bit choice: add the bit that keeps the largest block smallest
  int nsel = _nsel, chosen[MAX_SEL], count[1 << MAX_SEL];
  for (j = 0; j < nsel; j++) {
    int best_bit = -1, best_max = 0;
    for (int cand = 0; cand < SPAN; cand++) {
      int used = 0;
      for (int q = 0; q < j; q++)
        used |= chosen[q] == cand;
      if (used)
        continue;
      for (b = 0; b < (2 << j); b++)
        count[b] = 0;
      int worst = 0;
      for (i = 0; i < n; i++) {
        if (l[i] < SPAN)
          continue;
        int key = 0;
        for (int q = 0; q < j; q++)
          key = (key << 1) | (int)((v[i] >> (31 - chosen[q])) & 1);
        key = (key << 1) | (int)((v[i] >> (31 - cand)) & 1);
        if (++count[key] > worst)
          worst = count[key];
      }
      if (best_bit < 0 || worst < best_max) {
        best_bit = cand;
        best_max = worst;
      }
    }
    chosen[j] = best_bit;
  }
  // selection bits are applied in ascending position order
  for (j = 1; j < nsel; j++)
    for (i = j; i > 0 && chosen[i - 1] > chosen[i]; i--) {
      int t = chosen[i];
      chosen[i] = chosen[i - 1];
      chosen[i - 1] = t;
    }

  // size the blocks for the new partition
  int sizes[(1 << MAX_SEL) + 1];
  for (b = 0; b <= (1 << nsel); b++)
    sizes[b] = 0;
  for (i = 0; i < n; i++) {
    int key = (1 << nsel);
    if (l[i] >= SPAN) {
      key = 0;
      for (j = 0; j < nsel; j++)
        key = (key << 1) | (int)((v[i] >> (31 - chosen[j])) & 1);
    }
    sizes[key]++;
  }
  int biggest = 0;
  for (b = 0; b <= (1 << nsel); b++)
    if (sizes[b] > biggest)
      biggest = sizes[b];

  if (layout(nsel, 2 * biggest + extra_room + 4) < 0) {
    free(v);
    free(l);
    free(p);
    return -1;
  }
  for (j = 0; j < nsel; j++)
    _selbit[j] = chosen[j];

  // refill: rows arrive longest first, so each block stays ordered
  for (i = 0; i < n; i++) {
    int blk = l[i] >= SPAN ? block_of(v[i]) : _nblk - 1;
    int r = blk * _room + _fill[blk]++;
    _val[r] = v[i];
    _care[r] = l[i] ? 0xFFFFFFFFu << (32 - l[i]) : 0;
    _plen[r] = l[i];
    _port[r] = p[i];
  }
  free(v);
  free(l);
  free(p);
  return 0;
}

// 1: new route, 0: port replaced, -1: failure.
int BitSelectTCAMRoute::insert_route(uint32_t addr, int len, int port) {
  if (len < 0 || len > 32)
    return -1;
  uint32_t care = len ? 0xFFFFFFFFu << (32 - len) : 0;
  uint32_t val = addr & care;
  int blk = len >= SPAN ? block_of(val) : _nblk - 1;
  int base = blk * _room, i;

  for (i = 0; i < _fill[blk]; i++)
    if (_plen[base + i] == len && _val[base + i] == val) {
      _port[base + i] = port;
      return 0;
    }
  if (_fill[blk] == _room) {
    if (reselect(1) < 0)
      return -1;
    blk = len >= SPAN ? block_of(val) : _nblk - 1;
    base = blk * _room;
  }
  // the new row goes after every row at least as long; later rows move down
  int at = 0;
  while (at < _fill[blk] && _plen[base + at] >= len)
    at++;
  for (i = _fill[blk]; i > at; i--) {
    _val[base + i] = _val[base + i - 1];
    _care[base + i] = _care[base + i - 1];
    _plen[base + i] = _plen[base + i - 1];
    _port[base + i] = _port[base + i - 1];
  }
  _val[base + at] = val;
  _care[base + at] = care;
  _plen[base + at] = (uint8_t)len;
  _port[base + at] = port;
  _fill[blk]++;
  return 1;
}

// 1: removed, 0: absent.
int BitSelectTCAMRoute::delete_route(uint32_t addr, int len) {
  if (len < 0 || len > 32)
    return 0;
  uint32_t val = len ? addr & (0xFFFFFFFFu << (32 - len)) : 0;
  int blk = len >= SPAN ? block_of(val) : _nblk - 1;
  int base = blk * _room, i;
  for (i = 0; i < _fill[blk]; i++)
    if (_plen[base + i] == len && _val[base + i] == val)
      break;
  if (i == _fill[blk])
    return 0;
  for (; i + 1 < _fill[blk]; i++) {
    _val[base + i] = _val[base + i + 1];
    _care[base + i] = _care[base + i + 1];
    _plen[base + i] = _plen[base + i + 1];
    _port[base + i] = _port[base + i + 1];
  }
  _fill[blk]--;
  return 1;
}

// Port of the longest route covering dst (host order), or -1.
int BitSelectTCAMRoute::route(uint32_t dst) const {
  int blk = block_of(dst);
  const uint32_t *val = _val + blk * _room;
  const uint32_t *care = _care + blk * _room;
  for (int i = 0; i < _fill[blk]; i++)
    if (((dst ^ val[i]) & care[i]) == 0)
      return _port[blk * _room + i];
  int w = (_nblk - 1) * _room;
  for (int i = 0; i < _fill[_nblk - 1]; i++)
    if (((dst ^ _val[w + i]) & _care[w + i]) == 0)
      return _port[w + i];
  return -1;
}

int BitSelectTCAMRoute::configure(Vector<String> &conf, ErrorHandler *errh) {
  int k = _nsel;
  for (int i = 0; i < conf.size(); i++) {
    Vector<String> words;
    cp_spacevec(conf[i], words);
    if (words.size() == 2 && words[0] == "SELECT" &&
        (!cp_integer(words[1], &k) || k < 1 || k > MAX_SEL))
      return errh->error("SELECT must be 1..%d", (int)MAX_SEL);
  }
  if (layout(k, 8) < 0)
    return errh->error("out of memory");
  for (int i = 0; i < conf.size(); i++) {
    Vector<String> words;
    cp_spacevec(conf[i], words);
    if (words.size() == 2 && words[0] == "SELECT")
      continue;
    IPAddress addr, mask;
    int port;
    if (words.size() != 2 || !cp_ip_prefix(words[0], &addr, &mask, true, this) ||
        !cp_integer(words[1], &port) || port < 0)
      return errh->error("route %d: expected ADDR/LEN PORT", i + 1);
    int len = mask.mask_to_prefix_len();
    if (len < 0 || insert_route(ntohl(addr.addr()), len, port) < 0)
      return errh->error("route %d: bad prefix", i + 1);
  }
  // pick the selection bits for the configured table
  if (reselect(0) < 0)
    return errh->error("out of memory");
  return 0;
}

void BitSelectTCAMRoute::push(int, Packet *p) {
  int port = -1;
  if (p->has_network_header() && p->network_length() >= (int)sizeof(click_ip))
    port = route(ntohl(p->ip_header()->ip_dst.s_addr));
  if (port < 0 || port >= noutputs()) {
    _misses++;
    p->kill();
    return;
  }
  _hits++;
  output(port).push(p);
}
