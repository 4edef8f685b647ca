// Training source for the instruction models (models/README.md): address
// range classification of the geo/ASN kind. Sorted, non-overlapping
// [first, last] IPv4 intervals map to a region and an AS number; lookups
// go through a small direct-mapped cache and otherwise binary-search the
// interval array. A region-by-region policy matrix decides whether a
// packet passes, is tagged (paint annotation) or is diverted, and per-region
// byte counts feed a running share in percent (64-bit division).
// One template per cache size.
// Written for training only; not part of the NF corpus.
#include <click/clara.hh>
#include <click/config.h>
#include <click/element.hh>
#include <click/packet.hh>
#include <click/packet_anno.hh>
#include <clicknet/ip.h>

enum { REGION_NONE = 0, NREGIONS = 6 };
enum GeoVerdict { GEO_PASS = 0, GEO_TAG = 1, GEO_DIVERT = 2 };

struct GeoRange {
  uint32_t first, last;
  uint32_t asn;
  uint16_t region;
};

struct GeoCacheLine {
  uint32_t addr;
  int32_t index; // into the range array, -1: no range
  uint8_t valid;
};

template <int CACHE> class TrainGeoRange : public Element {
public:
  enum { MAXRANGES = 32 };
  TrainGeoRange() : _n(0), _cache_hits(0), _lookups(0), _total_bytes(0) {
    // Synthetic allocation: 10.0.0.0/8 split into regions, 192.168/16 too.
    for (uint32_t i = 0; i < 8; ++i)
      add(0x0a000000u + (i << 21), 0x0a000000u + ((i + 1) << 21) - 1, 64500 + i,
          (uint16_t)(1 + i % (NREGIONS - 1)));
    add(0xc0a80000u, 0xc0a800ffu, 64600, 2);
    add(0xc0a80100u, 0xc0a8ffffu, 64601, 5);
    for (int a = 0; a < NREGIONS; ++a) {
      _bytes[a] = 0;
      for (int b = 0; b < NREGIONS; ++b)
        _policy[a][b] = (uint8_t)(a == b ? GEO_PASS : (a + b) % 3);
    }
    for (int i = 0; i < CACHE; ++i)
      _cache[i].valid = 0;
  }
  const char *class_name() const override { return "TrainGeoRange"; }
  const char *port_count() const override { return "1/3"; }
  Packet *simple_action(Packet *p) override;

private:
  void add(uint32_t first, uint32_t last, uint32_t asn, uint16_t region) {
    if (_n >= MAXRANGES)
      return;
    GeoRange &r = _ranges[_n++];
    r.first = first;
    r.last = last;
    r.asn = asn;
    r.region = region;
  }
  int search(uint32_t a) const {
    int lo = 0, hi = _n;
    // Last range whose first <= a.
    while (hi - lo > 1) {
      int mid = lo + (hi - lo) / 2;
      if (_ranges[mid].first <= a)
        lo = mid;
      else
        hi = mid;
    }
    if (_n == 0 || _ranges[lo].first > a || _ranges[lo].last < a)
      return -1;
    return lo;
  }
  int lookup(uint32_t a) {
    _lookups++;
    GeoCacheLine &c = _cache[(a ^ (a >> 12)) & (CACHE - 1)];
    if (c.valid && c.addr == a) {
      _cache_hits++;
      return c.index;
    }
    int i = search(a);
    c.addr = a;
    c.index = i;
    c.valid = 1;
    return i;
  }
  uint16_t region_of(int index) const {
    return index < 0 ? REGION_NONE : _ranges[index].region;
  }
  // Share of all bytes seen that came from region r, in percent.
  uint32_t share_pct(int r) const {
    if (_total_bytes == 0)
      return 0;
    return (uint32_t)(_bytes[r] * 100 / _total_bytes);
  }

  GeoRange _ranges[MAXRANGES];
  int _n;
  GeoCacheLine _cache[CACHE];
  uint8_t _policy[NREGIONS][NREGIONS];
  uint64_t _bytes[NREGIONS];
  uint32_t _cache_hits, _lookups;
  uint64_t _total_bytes;
};

template <int CACHE> Packet *TrainGeoRange<CACHE>::simple_action(Packet *p) {
  const click_ip *iph = p->ip_header();
  if (!iph)
    return p;
  int si = lookup(ntohl(iph->ip_src.s_addr));
  int di = lookup(ntohl(iph->ip_dst.s_addr));
  uint16_t sr = region_of(si), dr = region_of(di);
  uint32_t len = ntohs(iph->ip_len);
  _bytes[sr] += len;
  _total_bytes += len;
  uint8_t verdict = _policy[sr][dr];
  // A region sending more than half of all traffic is diverted outright.
  if (sr != REGION_NONE && _total_bytes > 100000 && share_pct(sr) > 50)
    verdict = GEO_DIVERT;
  if (si >= 0)
    SET_AGGREGATE_ANNO(p, _ranges[si].asn);
  switch (verdict) {
  case GEO_PASS:
    return p;
  case GEO_TAG:
    SET_PAINT_ANNO(p, (uint8_t)(sr << 4 | dr));
    checked_output_push(1, p);
    return 0;
  default:
    checked_output_push(2, p);
    return 0;
  }
}

extern "C" Element *clara_nf_create(const char *config) {
  Element *e[2] = {new TrainGeoRange<8>, new TrainGeoRange<64>};
  String conf = config ? String(config) : String();
  for (int i = 0; i < 2; ++i)
    if (clara_element_setup(e[i], conf, 1, 3) < 0)
      return 0;
  clara_connect(e[0], 0, e[1], 0);
  clara_connect(e[0], 1, e[1], 0);
  return e[0];
}
