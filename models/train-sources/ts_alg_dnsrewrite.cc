// Training source for the instruction models (models/README.md): a DNS
// response rewriter ("DNS doctoring" for a NAT): walks the question and
// answer sections of UDP/53 responses (labels, compression pointers with a
// hop limit), caps or floors record TTLs, replaces A record addresses found
// in a private-to-public HashMap, and keeps the UDP checksum right by
// patching 16-bit words at any byte alignment.
// Written for training only; not part of the NF corpus.
#include <click/clara.hh>
#include <click/config.h>
#include <click/element.hh>
#include <click/hashmap.hh>
#include <click/packet.hh>
#include <click/packet_anno.hh>
#include <clicknet/ip.h>
#include <clicknet/udp.h>

enum { DNS_T_A = 1, DNS_T_CNAME = 5, DNS_T_AAAA = 28, DNS_CLASS_IN = 1 };

// Overwrite n bytes at off (relative to the UDP header) and update the
// checksum for every aligned 16-bit word that changed.
static void patch_bytes(uint8_t *udp, int off, const uint8_t *nb, int n,
                        uint16_t *sum) {
  int first = off & ~1, last = (off + n - 1) & ~1;
  uint16_t before[4];
  for (int w = first, k = 0; w <= last && k < 4; w += 2, ++k)
    before[k] = (uint16_t)(udp[w] << 8 | udp[w + 1]);
  for (int i = 0; i < n; ++i)
    udp[off + i] = nb[i];
  for (int w = first, k = 0; w <= last && k < 4; w += 2, ++k) {
    uint16_t after = (uint16_t)(udp[w] << 8 | udp[w + 1]);
    click_update_zero_in_cksum(sum, htons(before[k]), htons(after));
  }
}

class TrainDnsRewrite : public Element {
public:
  TrainDnsRewrite() : _ttl_min(30), _ttl_max(3600), _answers(0), _bad(0) {
    _map.insert(0xC0A80001u, 0xCB007101u); // 192.168.0.1 -> 203.0.113.1
    _map.insert(0xC0A80002u, 0xCB007102u);
    _map.insert(0x0A000005u, 0xCB007105u);
    for (int i = 0; i < 4; ++i)
      _done[i] = 0;
  }
  const char *class_name() const override { return "TrainDnsRewrite"; }
  const char *port_count() const override { return PORTS_1_1; }
  Packet *simple_action(Packet *p) override;

private:
  // Offset just past the name starting at off, or -1.
  static int skip_name(const uint8_t *m, int len, int off) {
    int hops = 0;
    while (off < len) {
      uint8_t l = m[off];
      if (l == 0)
        return off + 1;
      if ((l & 0xC0) == 0xC0)
        return (off + 1 < len && ++hops < 16) ? off + 2 : -1;
      if (l & 0xC0)
        return -1; // extended label types are not supported
      off += 1 + l;
    }
    return -1;
  }
  static uint16_t rd16(const uint8_t *b) {
    return (uint16_t)(b[0] << 8 | b[1]);
  }
  static uint32_t rd32(const uint8_t *b) {
    return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 |
           b[3];
  }
  uint32_t clamp_ttl(uint32_t ttl) const {
    if ((int32_t)ttl < 0)
      return 0; // RFC 2181: treat as zero
    return ttl < _ttl_min ? _ttl_min : ttl > _ttl_max ? _ttl_max : ttl;
  }
  int rewrite_record(uint8_t *udp, int rr, int dlen, uint16_t *sum);

  HashMap<uint32_t, uint32_t, 64, 4> _map;
  uint32_t _ttl_min, _ttl_max;
  uint64_t _answers;
  uint32_t _bad;
  uint32_t _done[4]; // ttl changed, address changed, cname seen, aaaa seen
};

// rr: offset (from the UDP header) of the fixed part after the owner name.
int TrainDnsRewrite::rewrite_record(uint8_t *udp, int rr, int dlen,
                                    uint16_t *sum) {
  const uint8_t *f = udp + rr;
  uint16_t type = rd16(f), cls = rd16(f + 2), rdlen = rd16(f + 8);
  if (rr + 10 + rdlen > dlen)
    return -1;
  int changed = 0;
  uint32_t ttl = rd32(f + 4), nttl = clamp_ttl(ttl);
  if (nttl != ttl) {
    uint8_t b[4] = {(uint8_t)(nttl >> 24), (uint8_t)(nttl >> 16),
                    (uint8_t)(nttl >> 8), (uint8_t)nttl};
    patch_bytes(udp, rr + 4, b, 4, sum);
    _done[0]++;
    changed++;
  }
  if (cls != DNS_CLASS_IN)
    return changed;
  switch (type) {
  case DNS_T_A: {
    if (rdlen != 4)
      return -1;
    const uint32_t *to = _map.findp(rd32(f + 10));
    if (to) {
      uint8_t b[4] = {(uint8_t)(*to >> 24), (uint8_t)(*to >> 16),
                      (uint8_t)(*to >> 8), (uint8_t)*to};
      patch_bytes(udp, rr + 10, b, 4, sum);
      _done[1]++;
      changed++;
    }
    break;
  }
  case DNS_T_CNAME:
    _done[2]++;
    break;
  case DNS_T_AAAA:
    _done[3] += rdlen == 16;
    break;
  default:
    break;
  }
  return changed;
}

Packet *TrainDnsRewrite::simple_action(Packet *p) {
  const click_ip *iph = p->ip_header();
  if (!iph || iph->ip_p != IP_PROTO_UDP || IP_ISFRAG(iph))
    return p;
  const click_udp *cuh = p->udp_header();
  if (cuh->uh_sport != htons(53))
    return p;
  int ulen = ntohs(cuh->uh_ulen);
  if (ulen < 8 + 12 || p->transport_header_offset() + ulen > (int)p->length())
    return p;
  const uint8_t *m = reinterpret_cast<const uint8_t *>(cuh) + 8;
  int mlen = ulen - 8;
  if (!(m[2] & 0x80) || (m[3] & 0x0F) != 0) // not a response, or an error
    return p;
  unsigned qd = rd16(m + 4), an = rd16(m + 6);
  if (!an || qd > 4 || an > 32)
    return p;
  WritablePacket *q = p->uniqueify();
  if (!q)
    return 0;
  click_udp *uh = q->udp_header();
  uint8_t *udp = reinterpret_cast<uint8_t *>(uh);
  int off = 12;
  for (unsigned i = 0; i < qd && off >= 0; ++i) {
    off = skip_name(udp + 8, mlen, off);
    off = (off >= 0 && off + 4 <= mlen) ? off + 4 : -1;
  }
  int total = 0;
  for (unsigned i = 0; i < an && off >= 0; ++i) {
    off = skip_name(udp + 8, mlen, off);
    if (off < 0 || off + 10 > mlen)
      break;
    int r = rewrite_record(udp, off + 8, ulen, &uh->uh_sum);
    if (r < 0) {
      off = -1;
      break;
    }
    total += r;
    off += 10 + rd16(udp + 8 + off + 8);
    _answers++;
  }
  if (off < 0) {
    _bad++;
    SET_PAINT_ANNO(q, 1);
  }
  if (total)
    q->set_anno_u8(MISC_IP_ANNO_OFFSET, (uint8_t)(total > 255 ? 255 : total));
  return q;
}

extern "C" Element *clara_nf_create(const char *config) {
  Element *e = new TrainDnsRewrite;
  String conf = config ? String(config) : String();
  if (clara_element_setup(e, conf, 1, 1) < 0)
    return 0;
  return e;
}
