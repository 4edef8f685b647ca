// ICMPEchoResponder(ADDR, TTL) -- answers ICMP Echo Requests addressed to a
// router interface address without handing them to a host stack.
//
// The request is turned into the reply in place: source and destination
// are swapped (the source becomes ADDR even if the request went to a
// broadcast), TTL is reset, the IP ID is kept, the ICMP type goes from 8
// to 0, and both checksums are fixed incrementally. Requests from
// 0.0.0.0, to multicast, fragmented, or with a bad ICMP checksum are
// dropped (counted). Anything that is not an echo request for us leaves on
// output 1 untouched. Replies leave on output 0.
#include <click/config.h>
#include <click/args.hh>
#include <click/element.hh>
#include <click/error.hh>
#include <click/packet.hh>
#include <clicknet/icmp.h>
#include <clicknet/ip.h>

CLICK_DECLS

class ICMPEchoResponder : public Element {
public:
  ICMPEchoResponder() : _addr(0), _ttl(64), _replies(0), _bad(0) {}

  const char *class_name() const override { return "ICMPEchoResponder"; }
  const char *port_count() const override { return "1/2"; }
  const char *processing() const override { return PUSH; }

  int configure(Vector<String> &conf, ErrorHandler *errh) override;
  void push(int port, Packet *p) override;

  void set_address(uint32_t a_net, uint8_t ttl) {
    _addr = a_net;
    _ttl = ttl;
  }
  uint32_t replies() const { return _replies; }
  uint32_t bad() const { return _bad; }

  // 0 = not for us, 1 = reply built in place, -1 = drop
  int respond(unsigned char *ip, unsigned len);

private:
  static uint32_t fold(uint32_t s) {
    while (s >> 16)
      s = (s & 0xffff) + (s >> 16);
    return s;
  }
  static uint16_t rd16(const unsigned char *p) {
    return (uint16_t)((p[0] << 8) | p[1]);
  }
  static void wr16(unsigned char *p, uint16_t v) {
    p[0] = (unsigned char)(v >> 8);
    p[1] = (unsigned char)v;
  }
  static uint32_t sum_words(const unsigned char *p, unsigned len);

  uint32_t _addr; // network order
  uint8_t _ttl;
  uint32_t _replies;
  uint32_t _bad;
};

int ICMPEchoResponder::configure(Vector<String> &conf, ErrorHandler *errh) {
  IPAddress a;
  unsigned ttl = 64;
  if (Args(conf, this, errh)
          .read_mp("ADDR", a)
          .read_p("TTL", ttl)
          .complete() < 0)
    return -1;
  if (ttl == 0 || ttl > 255)
    return errh->error("bad TTL");
  _addr = a.addr();
  _ttl = (uint8_t)ttl;
  return 0;
}

uint32_t ICMPEchoResponder::sum_words(const unsigned char *p, unsigned len) {
  uint32_t s = 0;
  while (len > 1) {
    s += rd16(p);
    p += 2;
    len -= 2;
    if (s & 0x80000000u)
      s = fold(s);
  }
  if (len)
    s += (uint32_t)p[0] << 8;
  return fold(s);
}

int ICMPEchoResponder::respond(unsigned char *ip, unsigned len) {
  if (len < 20 || (ip[0] >> 4) != 4)
    return 0;
  unsigned hl = (ip[0] & 0x0f) * 4u;
  unsigned tot = rd16(ip + 2);
  if (hl < 20 || tot < hl + 8 || tot > len)
    return 0;
  if (ip[9] != IP_PROTO_ICMP)
    return 0;
  unsigned char *icmp = ip + hl;
  if (icmp[0] != ICMP_ECHO)
    return 0;
  uint32_t dst, src;
  memcpy(&dst, ip + 16, 4);
  memcpy(&src, ip + 12, 4);
  const unsigned char *d = ip + 16;
  bool bcast = d[0] == 255 && d[1] == 255 && d[2] == 255 && d[3] == 255;
  if (dst != _addr && !bcast)
    return 0;

  // the checks below are for packets that were meant for us
  uint16_t off = rd16(ip + 6);
  if ((off & (IP_MF | IP_OFFMASK)) != 0 || src == 0 ||
      (ip[12] & 0xf0) == 0xe0 || icmp[1] != 0 ||
      sum_words(icmp, tot - hl) != 0xffff) {
    _bad++;
    return -1;
  }

  // ICMP: only the type byte changes (8 -> 0), in the word [type, code]
  uint32_t s = (uint16_t)~rd16(icmp + 2);
  s += (uint16_t)~(uint16_t)(ICMP_ECHO << 8);
  s += (uint16_t)(ICMP_ECHOREPLY << 8);
  icmp[0] = ICMP_ECHOREPLY;
  wr16(icmp + 2, (uint16_t)~fold(s));

  // IP: TTL word, and the address words (sum of src+dst is unchanged by a
  // plain swap, but the new source may differ from the old destination)
  uint32_t is = (uint16_t)~rd16(ip + 10);
  uint16_t old_ttlw = rd16(ip + 8);
  ip[8] = _ttl;
  is += (uint16_t)~old_ttlw;
  is += rd16(ip + 8);
  for (int i = 0; i < 4; i += 2) {
    is += (uint16_t)~rd16(ip + 12 + i);
    is += (uint16_t)~rd16(ip + 16 + i);
  }
  memcpy(ip + 16, &src, 4);
  memcpy(ip + 12, &_addr, 4);
  for (int i = 0; i < 4; i += 2) {
    is += rd16(ip + 12 + i);
    is += rd16(ip + 16 + i);
  }
  wr16(ip + 10, (uint16_t)~fold(is));
  _replies++;
  return 1;
}

void ICMPEchoResponder::push(int, Packet *p) {
  if (!p->has_network_header()) {
    checked_output_push(1, p);
    return;
  }
  // cheap pre-check on the read-only packet before unsharing
  const unsigned char *nh = p->network_header();
  int nlen = p->network_length();
  if (nlen < 28 || nh[9] != IP_PROTO_ICMP ||
      nh[((nh[0] & 0x0f) << 2) < nlen ? ((nh[0] & 0x0f) << 2) : 0] !=
          ICMP_ECHO) {
    checked_output_push(1, p);
    return;
  }
  WritablePacket *q = p->uniqueify();
  if (!q)
    return;
  int r = respond(q->network_header(), (unsigned)q->network_length());
  if (r > 0)
    output(0).push(q);
  else if (r == 0)
    checked_output_push(1, q);
  else
    q->kill();
}

CLICK_ENDDECLS
