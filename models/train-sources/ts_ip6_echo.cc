// Training source for the instruction models (models/README.md): an ICMPv6
// echo responder: finds the ICMPv6 header behind hop-by-hop and destination
// options, verifies the checksum over the pseudo-header, turns echo
// requests for the local address (or a multicast group) into echo replies
// in place (addresses and MACs swapped, extension headers removed, checksum
// patched or recomputed) and keeps per-/64 request counts. Written for
// training only; not part of the NF corpus.
#include <click/args.hh>
#include <click/clara.hh>
#include <click/config.h>
#include <click/element.hh>
#include <click/error.hh>
#include <click/hashtable.hh>
#include <click/packet.hh>
#include <click/packet_anno.hh>
#include <clicknet/ether.h>
#include <clicknet/ip.h>
#include <clicknet/ip6.h>

#define ICMP6_ECHO_REQUEST 128
#define ICMP6_ECHO_REPLY 129

static uint32_t sum16(const uint8_t *p, uint32_t len, uint32_t s) {
  for (; len > 1; p += 2, len -= 2)
    s += (uint32_t)(p[0] << 8 | p[1]);
  if (len)
    s += (uint32_t)p[0] << 8;
  return s;
}

static uint16_t fold(uint32_t s) {
  while (s >> 16)
    s = (s & 0xffff) + (s >> 16);
  return (uint16_t)s;
}

// Ones' complement sum of the IPv6 pseudo-header and the upper-layer data.
static uint16_t icmp6_sum(const uint8_t *ip6, const uint8_t *l4, uint32_t len) {
  uint32_t s = sum16(ip6 + 8, 32, 0);
  s += len >> 16;
  s += len & 0xffff;
  s += IP_PROTO_ICMP6;
  return fold(sum16(l4, len, s));
}

class ICMP6EchoResponder : public Element {
public:
  ICMP6EchoResponder() : _max_payload(1452), _hlim(64), _have_addr(false) {
    memset(_addr, 0, 16);
    _n[0] = _n[1] = _n[2] = _n[3] = 0;
  }
  const char *class_name() const override { return "ICMP6EchoResponder"; }
  const char *port_count() const override { return "1/2"; }
  const char *processing() const override { return PUSH; }

  int configure(Vector<String> &conf, ErrorHandler *errh) override {
    String addr;
    if (Args(conf, this, errh)
            .read_p("ADDR", addr)
            .read("MAX_PAYLOAD", _max_payload)
            .read("HLIM", _hlim)
            .complete() < 0)
      return -1;
    if (addr) {
      if (inet_pton(AF_INET6, addr.c_str(), _addr) != 1)
        return errh->error("ADDR: bad IPv6 address");
      _have_addr = true;
    }
    return 0;
  }

  void push(int, Packet *p) override;

private:
  enum { N_REPLIED, N_NOTME, N_BADSUM, N_OTHER };
  int locate(const uint8_t *ip6, uint32_t len, uint32_t *off) const;
  bool for_me(const uint8_t *dst) const;
  Packet *reply(Packet *p, uint32_t icmp_off, uint32_t icmp_len);

  uint32_t _max_payload;
  uint8_t _hlim;
  bool _have_addr;
  uint8_t _addr[16];
  uint64_t _n[4];
  HashTable<uint64_t, uint32_t, 256, 4> _per_prefix;
};

// Offset of the ICMPv6 header from the IPv6 header, skipping HBH and DSTOPT.
int ICMP6EchoResponder::locate(const uint8_t *ip6, uint32_t len,
                               uint32_t *off) const {
  uint8_t nh = ip6[6];
  uint32_t o = 40;
  for (int hops = 0; hops < 4; ++hops) {
    if (nh == IP_PROTO_ICMP6) {
      *off = o;
      return o + 8 <= len ? 0 : -1;
    }
    if (nh != 0 && nh != 60)
      return -1;
    if (o + 8 > len)
      return -1;
    nh = ip6[o];
    o += 8u * (ip6[o + 1] + 1u);
  }
  return -1;
}

bool ICMP6EchoResponder::for_me(const uint8_t *dst) const {
  if (dst[0] == 0xff) // all-nodes or another group we joined
    return dst[1] == 0x02 || dst[1] == 0x01;
  return !_have_addr || memcmp(dst, _addr, 16) == 0;
}

Packet *ICMP6EchoResponder::reply(Packet *p, uint32_t icmp_off,
                                  uint32_t icmp_len) {
  WritablePacket *q = p->uniqueify();
  if (!q)
    return 0;
  uint8_t *d = q->data();
  uint8_t *ip6 = d + 14;
  bool mcast = ip6[24] == 0xff;

  // drop the extension headers: slide the ICMPv6 message up to offset 40
  if (icmp_off != 40) {
    memmove(ip6 + 40, ip6 + icmp_off, icmp_len);
    q->take(q->length() - (14 + 40 + icmp_len));
  } else if (q->length() > 14 + 40 + icmp_len)
    q->take(q->length() - (14 + 40 + icmp_len));
  ip6[6] = IP_PROTO_ICMP6;
  ip6[4] = (uint8_t)(icmp_len >> 8);
  ip6[5] = (uint8_t)icmp_len;
  ip6[7] = _hlim;

  uint8_t tmp[16];
  memcpy(tmp, ip6 + 8, 16);
  if (mcast)
    memcpy(ip6 + 8, _addr, 16); // answer from our unicast address
  else
    memcpy(ip6 + 8, ip6 + 24, 16);
  memcpy(ip6 + 24, tmp, 16);

  uint8_t mac[6];
  memcpy(mac, d, 6);
  memcpy(d, d + 6, 6);
  memcpy(d + 6, mac, 6);

  uint8_t *icmp = ip6 + 40;
  icmp[0] = ICMP6_ECHO_REPLY;
  if (mcast) {
    icmp[2] = icmp[3] = 0;
    uint16_t c = (uint16_t)~icmp6_sum(ip6, icmp, icmp_len);
    icmp[2] = (uint8_t)(c >> 8);
    icmp[3] = (uint8_t)c;
  } else {
    // swapping the addresses keeps the pseudo-header sum; only the type
    // byte changed (128 -> 129 in the high byte of the first word)
    uint16_t c = (uint16_t)(icmp[2] << 8 | icmp[3]);
    uint32_t s = (uint16_t)~c;
    s += (uint16_t)~(uint16_t)(ICMP6_ECHO_REQUEST << 8 | icmp[1]);
    s += (uint16_t)(ICMP6_ECHO_REPLY << 8 | icmp[1]);
    c = (uint16_t)~fold(s);
    icmp[2] = (uint8_t)(c >> 8);
    icmp[3] = (uint8_t)c;
  }
  q->set_mac_header(d, 14);
  q->set_ip6_header(reinterpret_cast<click_ip6 *>(ip6));
  return q;
}

void ICMP6EchoResponder::push(int, Packet *p) {
  const uint8_t *d = p->data();
  if (p->length() < 14 + 48 || d[12] != 0x86 || d[13] != 0xdd ||
      (d[14] >> 4) != 6) {
    _n[N_OTHER]++;
    checked_output_push(1, p);
    return;
  }
  const uint8_t *ip6 = d + 14;
  uint32_t len = 40 + (uint32_t)(ip6[4] << 8 | ip6[5]);
  uint32_t off;
  if (len > p->length() - 14 || locate(ip6, len, &off) < 0 ||
      ip6[off] != ICMP6_ECHO_REQUEST || ip6[off + 1] != 0) {
    _n[N_OTHER]++;
    checked_output_push(1, p);
    return;
  }
  if (!for_me(ip6 + 24) || (ip6[24] == 0xff && !_have_addr) ||
      ip6[8] == 0xff) {
    _n[N_NOTME]++;
    checked_output_push(1, p);
    return;
  }
  uint32_t icmp_len = len - off;
  if (icmp_len - 8 > _max_payload || icmp6_sum(ip6, ip6 + off, icmp_len) != 0xffff) {
    _n[N_BADSUM]++;
    p->kill();
    return;
  }

  uint64_t prefix = 0;
  for (int i = 0; i < 8; ++i)
    prefix = prefix << 8 | ip6[8 + i];
  _per_prefix[prefix]++;

  if (Packet *q = reply(p, off, icmp_len)) {
    _n[N_REPLIED]++;
    output(0).push(q);
  }
}

extern "C" Element *clara_nf_create(const char *config) {
  Element *e = new ICMP6EchoResponder;
  if (clara_element_setup(e, config ? String(config) : String(), 1, 2) < 0)
    return 0;
  return e;
}
