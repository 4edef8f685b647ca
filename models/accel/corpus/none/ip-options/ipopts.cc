// IPv4 option processing at a router (RFC 791), as a Click element: walks
// the options of each packet and updates Record Route, Timestamp (flags 0,
// 1 and 3, with the overflow counter) and loose/strict source routes whose
// current destination is this router (the next hop becomes the destination
// and this address is recorded in its slot; strict adjacency is not
// checked). Malformed options send the packet to output 1 with the offset
// of the bad byte, for an ICMP parameter problem. Also builds the option
// list of a non-first fragment (only options with the copied flag).
// Label: none.
#include <click/config.h>
#include <click/element.hh>
#include <click/glue.hh>
#include <click/packet.hh>
#include <clicknet/ip.h>

class IPOptProcess : public Element {
public:
  enum {
    OPT_EOL = 0,
    OPT_NOP = 1,
    OPT_RR = 7,
    OPT_TS = 68,
    OPT_LSRR = 131,
    OPT_SSRR = 137
  };

  IPOptProcess() : _me(0), _now_ms(0), _bad(0) {}

  const char *class_name() const override { return "IPOptProcess"; }
  const char *port_count() const override { return "1/2"; }
  const char *processing() const override { return PUSH; }

  void set_address(uint32_t net_order) { _me = net_order; }
  void set_clock(uint32_t ms) { _now_ms = ms; }
  int process(click_ip *iph, bool *changed);
  static int fragment_options(const uint8_t *opt, int len, uint8_t *out);
  void push(int port, Packet *p) override;

private:
  uint32_t _me; // network byte order
  uint32_t _now_ms;
  unsigned long _bad;
};

static inline void put32(uint8_t *d, uint32_t net_order) {
  memcpy(d, &net_order, 4);
}

// 0 when the options are fine, else the offset (from the start of the IP
// header) of the offending byte.
int IPOptProcess::process(click_ip *iph, bool *changed) {
  uint8_t *base = reinterpret_cast<uint8_t *>(iph);
  int hlen = iph->ip_hl << 2;
  int off = 20;
  *changed = false;
  while (off < hlen) {
    uint8_t *o = base + off;
    uint8_t type = o[0];
    if (type == OPT_EOL)
      break;
    if (type == OPT_NOP) {
      off++;
      continue;
    }
    if (off + 1 >= hlen)
      return off;
    int len = o[1];
    if (len < 2 || off + len > hlen)
      return off + 1;
    int ptr = len > 2 ? o[2] : 0;
    switch (type) {
    case OPT_RR:
      if (len < 3 || ptr < 4)
        return off + 2;
      if (ptr + 3 <= len) {
        put32(o + ptr - 1, _me);
        o[2] = (uint8_t)(ptr + 4);
        *changed = true;
      }
      break;
    case OPT_TS: {
      if (len < 4 || ptr < 5)
        return off + 2;
      int flag = o[3] & 0x0f, oflw = o[3] >> 4;
      int slot = (flag == 0) ? 4 : 8;
      if (flag != 0 && flag != 1 && flag != 3)
        return off + 3;
      if (ptr + slot - 1 > len) {
        // no room: count the router in the overflow field
        if (oflw == 15)
          return off + 3;
        o[3] = (uint8_t)(((oflw + 1) << 4) | flag);
        *changed = true;
        break;
      }
      uint8_t *slotp = o + ptr - 1;
      if (flag == 3) {
        uint32_t want;
        memcpy(&want, slotp, 4);
        if (want != _me)
          break; // prespecified for another router
      }
      if (flag != 0) {
        put32(slotp, _me);
        slotp += 4;
      }
      put32(slotp, htonl(_now_ms));
      o[2] = (uint8_t)(ptr + slot);
      *changed = true;
      break;
    }
    case OPT_LSRR:
    case OPT_SSRR:
      if (len < 3 || ptr < 4)
        return off + 2;
      if (iph->ip_dst.s_addr != _me || ptr > len)
        break; // not for us, or the route is complete
      if (ptr + 3 > len)
        return off + 2;
      memcpy(&iph->ip_dst.s_addr, o + ptr - 1, 4);
      put32(o + ptr - 1, _me);
      o[2] = (uint8_t)(ptr + 4);
      *changed = true;
      break;
    default:
      break; // unknown options are passed on
    }
    off += len;
  }
  return 0;
}

// Options with the copied flag (bit 7), padded with EOL to a multiple of 4.
int IPOptProcess::fragment_options(const uint8_t *opt, int len, uint8_t *out) {
  int i = 0, w = 0;
  while (i < len) {
    uint8_t t = opt[i];
    if (t == OPT_EOL)
      break;
    if (t == OPT_NOP) {
      i++;
      continue;
    }
    if (i + 1 >= len || opt[i + 1] < 2 || i + opt[i + 1] > len)
      return -1;
    int l = opt[i + 1];
    if (t & 0x80) {
      for (int k = 0; k < l; k++)
        out[w++] = opt[i + k];
    }
    i += l;
  }
  while (w & 3)
    out[w++] = OPT_EOL;
  return w;
}

void IPOptProcess::push(int, Packet *p) {
  if (p->ip_header_length() <= sizeof(click_ip)) {
    output(0).push(p);
    return;
  }
  WritablePacket *q = p->uniqueify();
  if (!q)
    return;
  click_ip *iph = q->ip_header();
  bool changed;
  int bad = process(iph, &changed);
  if (bad) {
    _bad++;
    q->set_anno_u8(0, (uint8_t)bad);
    output(1).push(q);
    return;
  }
  if (changed) {
    iph->ip_sum = 0;
    iph->ip_sum =
        click_in_cksum(reinterpret_cast<unsigned char *>(iph), iph->ip_hl << 2);
    q->set_dst_ip_anno(IPAddress(iph->ip_dst));
  }
  output(0).push(q);
}
