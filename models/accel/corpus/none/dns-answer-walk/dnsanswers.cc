// DNSAnswerSnoop: a Click element that watches DNS responses (UDP source
// port 53, IPv4 header at the start of the packet) and records the IPv4
// addresses of the A records that answer the question, for a DNS-based
// flow classifier. Names are expanded following RFC 1035 message
// compression (a length byte with the top two bits set is a 14-bit pointer
// to an earlier name), with a hop limit against pointer loops; owner names
// of answers are compared with the question name ignoring ASCII case.
// Packets pass through unchanged on output 0; malformed ones go to output 1.
// Label: none.
#include <click/config.h>
#include <click/element.hh>
#include <click/packet.hh>
#include <clicknet/ip.h>
#include <clicknet/udp.h>

class DNSAnswerSnoop : public Element {
public:
  enum { MAXNAME = 256, MAXADDR = 16, MAXHOPS = 16 };

  DNSAnswerSnoop() : _naddr(0), _bad(0), _seen(0) {}
  const char *class_name() const override { return "DNSAnswerSnoop"; }
  const char *port_count() const override { return "1/2"; }
  const char *processing() const override { return PUSH; }

  void push(int, Packet *p) override;

  // Expands the name at off into out (dotted, no trailing dot); *after is
  // the offset just past the name where it appears. -1 if malformed.
  static int expand(const uint8_t *msg, unsigned len, unsigned off, char *out,
                    unsigned cap, unsigned *after);
  static bool same_name(const char *a, const char *b);
  int scan(const uint8_t *msg, unsigned len);

  unsigned naddr() const { return _naddr; }
  uint32_t addr(unsigned i) const { return _addr[i]; }

private:
  uint32_t _addr[MAXADDR];
  unsigned _naddr;
  unsigned long _bad;
  unsigned long _seen;
};

int DNSAnswerSnoop::expand(const uint8_t *msg, unsigned len, unsigned off,
                           char *out, unsigned cap, unsigned *after) {
  unsigned o = 0;
  int hops = 0;
  bool jumped = false;
  while (true) {
    if (off >= len)
      return -1;
    uint8_t c = msg[off];
    if ((c & 0xC0) == 0xC0) {
      if (off + 1 >= len || ++hops > MAXHOPS)
        return -1;
      if (!jumped)
        *after = off + 2;
      jumped = true;
      off = ((unsigned)(c & 0x3F) << 8) | msg[off + 1];
      continue;
    }
    if (c & 0xC0)
      return -1; // 01 and 10 label types are not in use
    if (c == 0) {
      if (!jumped)
        *after = off + 1;
      break;
    }
    if (off + 1 + c > len)
      return -1;
    if (o + c + 2 > cap)
      return -1;
    if (o)
      out[o++] = '.';
    for (unsigned i = 1; i <= c; i++)
      out[o++] = (char)msg[off + i];
    off += 1 + c;
  }
  out[o] = 0;
  return (int)o;
}

bool DNSAnswerSnoop::same_name(const char *a, const char *b) {
  for (;; a++, b++) {
    unsigned char x = (unsigned char)*a, y = (unsigned char)*b;
    if (x >= 'A' && x <= 'Z')
      x += 'a' - 'A';
    if (y >= 'A' && y <= 'Z')
      y += 'a' - 'A';
    if (x != y)
      return false;
    if (x == 0)
      return true;
  }
}

// DNS message (header onwards): returns the number of A records recorded,
// -1 if malformed.
int DNSAnswerSnoop::scan(const uint8_t *msg, unsigned len) {
  char qname[MAXNAME], owner[MAXNAME];
  if (len < 12)
    return -1;
  unsigned flags = (unsigned)msg[2] << 8 | msg[3];
  unsigned qd = (unsigned)msg[4] << 8 | msg[5];
  unsigned an = (unsigned)msg[6] << 8 | msg[7];
  if (!(flags & 0x8000) || qd != 1)
    return -1; // responses to a single question only
  unsigned pos = 12, next;
  if (expand(msg, len, pos, qname, sizeof(qname), &next) < 0)
    return -1;
  pos = next + 4; // QTYPE, QCLASS
  int found = 0;
  _naddr = 0;
  for (unsigned i = 0; i < an; i++) {
    if (expand(msg, len, pos, owner, sizeof(owner), &next) < 0)
      return -1;
    pos = next;
    if (pos + 10 > len)
      return -1;
    const uint8_t *rr = msg + pos;
    unsigned type = (unsigned)rr[0] << 8 | rr[1];
    unsigned klass = (unsigned)rr[2] << 8 | rr[3];
    unsigned rdlen = (unsigned)rr[8] << 8 | rr[9];
    pos += 10;
    if (pos + rdlen > len)
      return -1;
    if (type == 1 && klass == 1 && rdlen == 4 && same_name(owner, qname)) {
      if (_naddr < MAXADDR)
        _addr[_naddr++] = (uint32_t)msg[pos] << 24 |
                          (uint32_t)msg[pos + 1] << 16 |
                          (uint32_t)msg[pos + 2] << 8 | msg[pos + 3];
      found++;
    } else if (type == 5 && klass == 1 &&
               same_name(owner, qname)) { // CNAME: follow the alias
      unsigned dummy;
      if (expand(msg, len, pos, qname, sizeof(qname), &dummy) < 0)
        return -1;
    }
    pos += rdlen;
  }
  return found;
}

void DNSAnswerSnoop::push(int, Packet *p) {
  const uint8_t *d = p->data();
  unsigned len = p->length();
  if (len < sizeof(click_ip) + sizeof(click_udp)) {
    _bad++;
    output(1).push(p);
    return;
  }
  const click_ip *iph = reinterpret_cast<const click_ip *>(d);
  unsigned hl = iph->ip_hl << 2;
  if (iph->ip_p != IP_PROTO_UDP || hl < sizeof(click_ip) ||
      len < hl + sizeof(click_udp)) {
    output(0).push(p);
    return;
  }
  const click_udp *uh = reinterpret_cast<const click_udp *>(d + hl);
  if (ntohs(uh->uh_sport) != 53) {
    output(0).push(p);
    return;
  }
  _seen++;
  if (scan(d + hl + sizeof(click_udp), len - hl - sizeof(click_udp)) < 0) {
    _bad++;
    output(1).push(p);
  } else
    output(0).push(p);
}
