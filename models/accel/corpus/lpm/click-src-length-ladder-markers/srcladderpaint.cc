// SrcLadderPaint: colours packets by the longest prefix matching their IPv4
// SOURCE address (ingress policy classes: customer blocks, peers, bogons).
//
// Search structure: binary search over the ladder of prefix lengths that
// actually occur in the table (Waldvogel et al.'s binary search on lengths).
// All probes go to one shared open-addressed table keyed by (length, bits).
// For the search to move towards longer lengths only when something longer
// may match, each route leaves "markers" at the shorter rungs where the
// search would otherwise turn away from its own rung; every marker carries
// the best real match for its bits, so a hit on a marker that leads nowhere
// still yields the right answer.
//
// The ladder and markers are rebuilt after every change of the route set.
// Matched packets get the class in the paint annotation; unmatched ones are
// dropped.
//
// Configuration: SrcLadderPaint(ADDR/LEN CLASS, ...)
#include <click/config.h>
#include <click/confparse.hh>
#include <click/element.hh>
#include <click/error.hh>
#include <click/ipaddress.hh>
#include <click/packet.hh>
#include <click/packet_anno.hh>
#include <clicknet/ip.h>

class SrcLadderPaint : public Element {
public:
  SrcLadderPaint();

  const char *class_name() const override { return "SrcLadderPaint"; }
  const char *port_count() const override { return PORTS_1_1; }

  int configure(Vector<String> &conf, ErrorHandler *errh) override;
  Packet *simple_action(Packet *p) override;

  int insert(uint32_t src, int len, int colour);
  int erase(uint32_t src, int len);
  int classify(uint32_t src) const;

private:
  enum { MAXROUTES = 1024, SLOTS = 1 << 14, F_USED = 1, F_REAL = 2 };

  struct Route {
    uint32_t bits;
    int8_t len;
    int16_t colour;
  };
  struct Slot {
    uint32_t bits;
    uint8_t len;
    uint8_t flags;
    int16_t best; // colour of the longest real prefix covering this entry
  };

  static inline uint32_t head(uint32_t a, int len) {
    return len ? a & (0xFFFFFFFFu << (32 - len)) : 0u;
  }
  static inline unsigned bucket(uint32_t bits, int len) {
    uint32_t x = (bits ^ ((uint32_t)len << 26) ^ (uint32_t)len) * 0x9E3779B1u;
    return (x >> 18) & (SLOTS - 1);
  }
  int probe(uint32_t bits, int len) const;
  Slot *claim(uint32_t bits, int len);
  void relayer();
  int find_route(uint32_t bits, int len) const;

  Route _route[MAXROUTES];
  int _nroute;
  Slot _slot[SLOTS];
  int8_t _rung[33]; // ascending distinct lengths present
  int _nrung;
  uint64_t _painted, _dropped;
};

SrcLadderPaint::SrcLadderPaint()
    : _nroute(0), _nrung(0), _painted(0), _dropped(0) {
  memset(_slot, 0, sizeof(_slot));
}

int SrcLadderPaint::probe(uint32_t bits, int len) const {
  unsigned i = bucket(bits, len);
  while (_slot[i].flags & F_USED) {
    if (_slot[i].len == len && _slot[i].bits == bits)
      return (int)i;
    i = (i + 1) & (SLOTS - 1);
  }
  return -1;
}

SrcLadderPaint::Slot *SrcLadderPaint::claim(uint32_t bits, int len) {
  unsigned i = bucket(bits, len);
  while (_slot[i].flags & F_USED) {
    if (_slot[i].len == len && _slot[i].bits == bits)
      return &_slot[i];
    i = (i + 1) & (SLOTS - 1);
  }
  Slot &s = _slot[i];
  s.bits = bits;
  s.len = (uint8_t)len;
  s.flags = F_USED;
  s.best = -1;
  return &s;
}

// Recomputes the ladder, the real entries, the markers and their best-match
// colours from the route list.
void SrcLadderPaint::relayer() {
  memset(_slot, 0, sizeof(_slot));
  uint64_t present = 0;
  for (int r = 0; r < _nroute; r++)
    present |= (uint64_t)1 << _route[r].len;
  _nrung = 0;
  for (int l = 0; l <= 32; l++)
    if (present >> l & 1)
      _rung[_nrung++] = (int8_t)l;

  for (int r = 0; r < _nroute; r++) {
    Slot *s = claim(_route[r].bits, _route[r].len);
    s->flags |= F_REAL;
    s->best = _route[r].colour;
  }
  // markers along each route's search path
  for (int r = 0; r < _nroute; r++) {
    int want = _route[r].len;
    int lo = 0, hi = _nrung - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >> 1;
      int l = _rung[mid];
      if (l == want)
        break;
      if (l < want) {
        claim(head(_route[r].bits, l), l);
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
  }
  // best real match below each pure marker
  for (unsigned i = 0; i < SLOTS; i++) {
    Slot &s = _slot[i];
    if ((s.flags & F_USED) == 0 || (s.flags & F_REAL))
      continue;
    for (int k = _nrung - 1; k >= 0; k--) {
      int l = _rung[k];
      if (l >= s.len)
        continue;
      int j = probe(head(s.bits, l), l);
      if (j >= 0 && (_slot[j].flags & F_REAL)) {
        s.best = _slot[j].best;
        break;
      }
    }
  }
}

int SrcLadderPaint::find_route(uint32_t bits, int len) const {
  for (int r = 0; r < _nroute; r++)
    if (_route[r].len == len && _route[r].bits == bits)
      return r;
  return -1;
}

int SrcLadderPaint::insert(uint32_t src, int len, int colour) {
  if (len < 0 || len > 32)
    return -1;
  uint32_t bits = head(src, len);
  int r = find_route(bits, len);
  if (r >= 0) {
    _route[r].colour = (int16_t)colour;
  } else {
    if (_nroute == MAXROUTES)
      return -1;
    _route[_nroute].bits = bits;
    _route[_nroute].len = (int8_t)len;
    _route[_nroute].colour = (int16_t)colour;
    _nroute++;
  }
  relayer();
  return r < 0;
}

int SrcLadderPaint::erase(uint32_t src, int len) {
  if (len < 0 || len > 32)
    return 0;
  int r = find_route(head(src, len), len);
  if (r < 0)
    return 0;
  _route[r] = _route[--_nroute];
  relayer();
  return 1;
}

int SrcLadderPaint::classify(uint32_t src) const {
  int lo = 0, hi = _nrung - 1, colour = -1;
  while (lo <= hi) {
    int mid = (lo + hi) >> 1;
    int l = _rung[mid];
    int j = probe(head(src, l), l);
    if (j >= 0) {
      if (_slot[j].best >= 0)
        colour = _slot[j].best;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return colour;
}

int SrcLadderPaint::configure(Vector<String> &conf, ErrorHandler *errh) {
  for (int i = 0; i < conf.size(); i++) {
    Vector<String> words;
    cp_spacevec(conf[i], words);
    IPAddress addr, mask;
    int colour;
    if (words.size() != 2 || !cp_ip_prefix(words[0], &addr, &mask, true, this) ||
        !cp_integer(words[1], &colour) || colour < 0 || colour > 255)
      return errh->error("entry %d: expected ADDR/LEN CLASS", i + 1);
    int len = mask.mask_to_prefix_len();
    if (len < 0 || insert(ntohl(addr.addr()), len, colour) < 0)
      return errh->error("entry %d: bad prefix or table full", i + 1);
  }
  return 0;
}

Packet *SrcLadderPaint::simple_action(Packet *p) {
  const unsigned char *h = p->has_network_header()
                               ? (const unsigned char *)p->ip_header()
                               : p->data();
  if (p->end_data() - h < 20) {
    _dropped++;
    p->kill();
    return 0;
  }
  uint32_t src = (uint32_t)h[12] << 24 | (uint32_t)h[13] << 16 |
                 (uint32_t)h[14] << 8 | h[15];
  int colour = classify(src);
  if (colour < 0) {
    _dropped++;
    p->kill();
    return 0;
  }
  SET_PAINT_ANNO(p, (uint8_t)colour);
  _painted++;
  return p;
}
