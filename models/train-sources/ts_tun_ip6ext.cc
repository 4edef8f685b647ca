// Training source for the instruction models (models/README.md): an IPv6
// extension header policy element: walks the header chain (hop-by-hop
// first only, destination options, routing with type 0 rejected, fragment,
// AH), processes option TLVs with the unknown-option action bits, enforces
// RFC 7112 (the first fragment holds the whole chain), removes atomic
// fragment headers, and counts tiny non-last fragments per source prefix.
// Written for training only; not part of the NF corpus.
#include <click/clara.hh>
#include <click/config.h>
#include <click/element.hh>
#include <click/hashmap.hh>
#include <click/packet.hh>
#include <click/packet_anno.hh>
#include <clicknet/ether.h>
#include <clicknet/ip.h>
#include <clicknet/ip6.h>

#define NH_HOPOPT 0
#define NH_ROUTING 43
#define NH_FRAGMENT 44
#define NH_DSTOPTS 60

enum DropReason {
  R_OK = 0,
  R_TRUNC = 1,
  R_HBH_POS = 2,
  R_RH0 = 3,
  R_OPTION = 4,
  R_CHAIN = 5,
  R_TINY = 6,
  R_NOUPPER = 7
};

struct ChainInfo {
  uint32_t upper_off; // offset of the upper-layer header from the IPv6 header
  uint32_t frag_off;  // offset of the fragment header, 0 if none
  uint16_t frag_word; // offset(13) | res(2) | M(1)
  uint8_t upper;
  uint8_t count;
  uint8_t router_alert;
};

class TrainIPv6ExtFilter : public Element {
public:
  TrainIPv6ExtFilter() : _passed(0), _atomic(0), _max_headers(6) {
    for (int i = 0; i < 8; ++i)
      _drops[i] = 0;
  }
  const char *class_name() const override { return "TrainIPv6ExtFilter"; }
  const char *port_count() const override { return "1/2"; }
  const char *processing() const override { return PUSH; }
  void push(int port, Packet *p) override;

private:
  int options(const uint8_t *h, uint32_t len, ChainInfo *ci) const;
  int walk(const uint8_t *ip6, uint32_t len, ChainInfo *ci) const;
  bool tiny_fragment(const uint8_t *src, uint32_t payload);
  Packet *strip_atomic(Packet *p, const ChainInfo &ci);
  void drop(Packet *p, int reason) {
    _drops[reason & 7]++;
    p->set_anno_u8(PAINT_ANNO_OFFSET, (uint8_t)reason);
    checked_output_push(1, p);
  }

  HashMap<uint64_t, uint32_t, 128, 4> _tiny;
  uint64_t _passed;
  uint32_t _atomic;
  uint32_t _drops[8];
  uint8_t _max_headers;
};

// Hop-by-hop or destination options. Returns R_OK or a drop reason.
int TrainIPv6ExtFilter::options(const uint8_t *h, uint32_t len,
                                ChainInfo *ci) const {
  uint32_t i = 2;
  while (i < len) {
    uint8_t type = h[i];
    if (type == 0) { // Pad1
      i++;
      continue;
    }
    if (i + 2 > len || i + 2 + h[i + 1] > len)
      return R_TRUNC;
    uint8_t olen = h[i + 1];
    switch (type) {
    case 1: // PadN: at most 5 bytes, all zero
      if (olen > 5)
        return R_OPTION;
      for (uint8_t k = 0; k < olen; ++k)
        if (h[i + 2 + k])
          return R_OPTION;
      break;
    case 5: // router alert
      if (olen != 2)
        return R_OPTION;
      ci->router_alert = 1;
      break;
    case 0xc2: // jumbo payload: not expected on this link
      return R_OPTION;
    default:
      // the two high bits say what to do with an unknown option
      if ((type >> 6) != 0)
        return R_OPTION;
      break;
    }
    i += 2u + olen;
  }
  return R_OK;
}

int TrainIPv6ExtFilter::walk(const uint8_t *ip6, uint32_t len,
                             ChainInfo *ci) const {
  uint8_t nh = ip6[6];
  uint32_t off = 40;
  ci->frag_off = 0;
  ci->frag_word = 0;
  ci->count = 0;
  ci->router_alert = 0;
  for (;;) {
    uint32_t hlen;
    switch (nh) {
    case NH_HOPOPT:
    case NH_DSTOPTS:
    case NH_ROUTING:
      if (off + 8 > len)
        return R_TRUNC;
      hlen = 8u + ip6[off + 1] * 8u;
      if (off + hlen > len)
        return R_TRUNC;
      if (nh == NH_HOPOPT && off != 40)
        return R_HBH_POS;
      if (nh == NH_ROUTING && ip6[off + 2] == 0 && ip6[off + 3] != 0)
        return R_RH0;
      if (nh != NH_ROUTING) {
        int r = options(ip6 + off, hlen, ci);
        if (r != R_OK)
          return r;
      }
      break;
    case NH_FRAGMENT:
      if (off + 8 > len || ci->frag_off)
        return R_TRUNC;
      hlen = 8;
      ci->frag_off = off;
      ci->frag_word = (uint16_t)(ip6[off + 2] << 8 | ip6[off + 3]);
      if ((ci->frag_word & 0xfff8) != 0) { // not the first fragment
        ci->upper = ip6[off];
        ci->upper_off = off + 8;
        return R_OK;
      }
      break;
    case IP_PROTO_AH:
      if (off + 8 > len)
        return R_TRUNC;
      hlen = (ip6[off + 1] + 2u) * 4u;
      break;
    case IP_PROTO_NONE:
      return R_NOUPPER;
    default:
      ci->upper = nh;
      ci->upper_off = off;
      // RFC 7112: the first fragment must hold the upper-layer header
      if (ci->frag_off && off + 4 > len)
        return R_NOUPPER;
      return R_OK;
    }
    if (++ci->count > _max_headers)
      return R_CHAIN;
    nh = ip6[off];
    off += hlen;
  }
}

bool TrainIPv6ExtFilter::tiny_fragment(const uint8_t *src, uint32_t payload) {
  if (payload >= 1280 / 2)
    return false;
  uint64_t key = 0;
  for (int i = 0; i < 8; ++i) // the /64 of the source
    key = key << 8 | src[i];
  uint32_t &n = _tiny.find_force(key);
  n++;
  return n > 4;
}

Packet *TrainIPv6ExtFilter::strip_atomic(Packet *p, const ChainInfo &ci) {
  WritablePacket *q = p->uniqueify();
  if (!q)
    return 0;
  uint8_t *ip6 = q->data() + 14;
  uint8_t next = ip6[ci.frag_off];
  // patch the previous next-header field
  uint8_t *prev = ci.frag_off == 40 ? ip6 + 6 : 0;
  for (uint32_t off = 40, nh = ip6[6]; !prev && off < ci.frag_off;) {
    uint32_t hl =
        nh == IP_PROTO_AH ? (ip6[off + 1] + 2u) * 4u : 8u + ip6[off + 1] * 8u;
    if (off + hl == ci.frag_off)
      prev = ip6 + off;
    nh = ip6[off];
    off += hl;
  }
  if (!prev)
    return q;
  *prev = next;
  // slide Ethernet, IPv6 and the headers before the fragment header by 8
  uint32_t before = 14 + ci.frag_off;
  for (uint32_t i = before; i-- > 0;)
    q->data()[i + 8] = q->data()[i];
  q->pull(8);
  click_ip6 *h = reinterpret_cast<click_ip6 *>(q->data() + 14);
  h->ip6_plen = htons((uint16_t)(ntohs(h->ip6_plen) - 8));
  q->set_mac_header(q->data(), 14);
  q->set_ip6_header(h, ci.upper_off - 8);
  return q;
}

void TrainIPv6ExtFilter::push(int, Packet *p) {
  const uint8_t *d = p->data();
  if (p->length() < 54 || d[12] != 0x86 || d[13] != 0xdd) {
    output(0).push(p);
    return;
  }
  const uint8_t *ip6 = d + 14;
  uint32_t len = 40 + (uint32_t)(ip6[4] << 8 | ip6[5]);
  if (len > p->length() - 14)
    return drop(p, R_TRUNC);
  ChainInfo ci;
  int r = walk(ip6, len, &ci);
  if (r != R_OK)
    return drop(p, r);
  if (ci.frag_off) {
    bool more = ci.frag_word & 1;
    if ((ci.frag_word & 0xfff8) == 0 && !more) {
      _atomic++;
      if (Packet *q = strip_atomic(p, ci))
        output(0).push(q);
      return;
    }
    if (more && tiny_fragment(ip6 + 8, len - 40))
      return drop(p, R_TINY);
  }
  if (ci.router_alert)
    p->set_anno_u8(MISC_IP_ANNO_OFFSET, 1);
  _passed++;
  output(0).push(p);
}

extern "C" Element *clara_nf_create(const char *config) {
  TrainIPv6ExtFilter *e = new TrainIPv6ExtFilter;
  if (clara_element_setup(e, config ? String(config) : String(), 1, 2) < 0)
    return 0;
  return e;
}
