// RohcCrcTagger: ahead of a ROHC compressor, compute the three header CRCs
// of RFC 3095 (section 5.9) for every IPv4/UDP packet and leave them in the
// first three annotation bytes: CRC-3 (1 + x + x^3), CRC-7
// (1 + x + x^2 + x^3 + x^6 + x^7) and CRC-8 (1 + x + x^2 + x^8), all fed
// least significant bit first from an all-ones preset with no final xor
// (the catalogue's CRC-3/ROHC, CRC-7/ROHC and CRC-8/ROHC; check values
// 0x6, 0x53 and 0xD0).  Because every register is at most eight bits wide,
// one step is a single lookup, reg = T[reg ^ byte], in a 256-entry table
// per polynomial.  The header is fed as its static fields followed by its
// dynamic ones; the registers after the static part are kept for the last
// flow seen and reused while its static fields do not change.
#include <click/config.h>
#include <click/element.hh>
#include <click/packet.hh>
#include <clicknet/ip.h>
#include <clicknet/udp.h>
#include <string.h>

CLICK_DECLS

struct RohcCrcSet {
  enum { K3 = 0, K7 = 1, K8 = 2, NKINDS = 3 };
  uint8_t t[NKINDS][256];

  void build();
  uint8_t run(int kind, uint8_t reg, const uint8_t *p, size_t n) const;
};

void RohcCrcSet::build()
{
  // generators written low coefficient first, i.e. bit-reversed
  static const uint8_t rev[NKINDS] = {0x6, 0x79, 0xE0};
  for (int k = 0; k < NKINDS; ++k) {
    for (unsigned idx = 0; idx < 256; ++idx) {
      unsigned v = idx;
      for (int s = 0; s < 8; ++s) {
        bool out = v & 1u;
        v >>= 1;
        if (out)
          v ^= rev[k];
      }
      t[k][idx] = (uint8_t)v;
    }
  }
}

uint8_t RohcCrcSet::run(int kind, uint8_t reg, const uint8_t *p, size_t n) const
{
  const uint8_t *tab = t[kind];
  for (const uint8_t *e = p + n; p < e; ++p)
    reg = tab[(uint8_t)(reg ^ *p)];
  return reg;
}

class RohcCrcTagger : public Element {
public:
  enum { STATIC_LEN = 14, DYNAMIC_LEN = 14 };

  RohcCrcTagger() : _have_cache(false), _tagged(0) { _crc.build(); }
  ~RohcCrcTagger() {}

  const char *class_name() const { return "RohcCrcTagger"; }
  const char *port_count() const { return PORTS_1_1; }

  Packet *simple_action(Packet *p);

  // Header fields in ROHC order: static part, then dynamic part.
  static void split_fields(const click_ip *iph, const click_udp *udph,
                           uint8_t *st, uint8_t *dy);

private:
  RohcCrcSet _crc;
  bool _have_cache;
  uint8_t _cache_key[STATIC_LEN];
  uint8_t _cache_reg[RohcCrcSet::NKINDS];
  uint64_t _tagged;
};

void RohcCrcTagger::split_fields(const click_ip *iph, const click_udp *udph,
                                 uint8_t *st, uint8_t *dy)
{
  const uint8_t *ip = reinterpret_cast<const uint8_t *>(iph);
  const uint8_t *u = reinterpret_cast<const uint8_t *>(udph);
  st[0] = ip[0];          // version, header length
  st[1] = ip[9];          // protocol
  memcpy(st + 2, ip + 12, 8); // source, destination
  memcpy(st + 10, u, 4);      // ports
  dy[0] = ip[1];          // TOS
  memcpy(dy + 1, ip + 2, 6);  // length, id, flags/offset
  dy[7] = ip[8];          // TTL
  memcpy(dy + 8, ip + 10, 2); // header checksum
  memcpy(dy + 10, u + 4, 4);  // UDP length, checksum
}

Packet *RohcCrcTagger::simple_action(Packet *p)
{
  const click_ip *iph = p->ip_header();
  if (!iph || iph->ip_p != IP_PROTO_UDP)
    return p;
  const uint8_t *l4 = reinterpret_cast<const uint8_t *>(iph) + (iph->ip_hl << 2);
  if (p->end_data() - l4 < 8)
    return p;
  const click_udp *udph = reinterpret_cast<const click_udp *>(l4);
  uint8_t st[STATIC_LEN], dy[DYNAMIC_LEN];
  split_fields(iph, udph, st, dy);

  if (!_have_cache || memcmp(st, _cache_key, STATIC_LEN) != 0) {
    for (int k = 0; k < RohcCrcSet::NKINDS; ++k)
      _cache_reg[k] = _crc.run(k, k == RohcCrcSet::K3 ? 0x7 : k == RohcCrcSet::K7 ? 0x7F : 0xFF,
                               st, STATIC_LEN);
    memcpy(_cache_key, st, STATIC_LEN);
    _have_cache = true;
  }
  uint8_t *anno = p->anno_u8();
  for (int k = 0; k < RohcCrcSet::NKINDS; ++k)
    anno[k] = _crc.run(k, _cache_reg[k], dy, DYNAMIC_LEN);
  _tagged++;
  return p;
}

CLICK_ENDDECLS
EXPORT_ELEMENT(RohcCrcTagger)
