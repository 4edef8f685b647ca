// Classifies TCP and UDP packets by destination port with rules written as
// port prefixes (value/length over 16 bits, as in "tp_dst=0x1f00/0xff00"),
// the longest matching prefix deciding. Ranges are turned into prefixes on
// insertion: the largest aligned power-of-two block at the low end of what
// is left, repeatedly. Each prefix length has a bitmap of 2^len bits saying
// which values are present and a byte array of outputs, so a lookup tests
// at most 17 bits, from /16 down to /0. Label: lpm.

#include <click/config.h>
#include <click/element.hh>
#include <click/packet.hh>
#include <clicknet/ip.h>
#include <clicknet/tcp.h>
#include <clicknet/udp.h>

class PortPrefixClass : public Element {
public:
  PortPrefixClass() : _present(), _out(), _other(0) {}

  const char *class_name() const override { return "PortPrefixClass"; }
  const char *port_count() const override { return "1/1-"; }
  const char *processing() const override { return PUSH; }

  void push(int port, Packet *p) override;

  bool add_prefix(uint16_t value, int len, uint8_t out);
  int add_range(uint16_t lo, uint16_t hi, uint8_t out);
  int match(uint16_t port) const;

private:
  // Level len starts at bit/byte offset 2^len - 1 (levels 0..16 packed).
  uint32_t _present[((1 << 17) - 1 + 31) / 32];
  uint8_t _out[(1 << 17) - 1];
  uint64_t _other;
};

bool PortPrefixClass::add_prefix(uint16_t value, int len, uint8_t out) {
  if (len < 0 || len > 16)
    return false;
  uint32_t slot = ((1u << len) - 1) + ((uint32_t)value >> (16 - len));
  _present[slot >> 5] |= 1u << (slot & 31);
  _out[slot] = out;
  return true;
}

// Returns the number of prefixes the range was split into.
int PortPrefixClass::add_range(uint16_t lo, uint16_t hi, uint8_t out) {
  if (lo > hi)
    return 0;
  uint32_t cur = lo, end = (uint32_t)hi + 1;
  int n = 0;
  while (cur < end) {
    int tz = 16; // block size 2^tz
    while (tz > 0 && ((cur & ((1u << tz) - 1)) != 0 || cur + (1u << tz) > end))
      --tz;
    add_prefix((uint16_t)cur, 16 - tz, out);
    cur += 1u << tz;
    ++n;
  }
  return n;
}

int PortPrefixClass::match(uint16_t port) const {
  int len = 16;
  do {
    uint32_t slot = ((1u << len) - 1) + ((uint32_t)port >> (16 - len));
    if (_present[slot >> 5] >> (slot & 31) & 1)
      return _out[slot];
  } while (--len >= 0);
  return -1;
}

void PortPrefixClass::push(int, Packet *p) {
  const click_ip *iph = p->ip_header();
  int out = -1;
  if (iph && p->has_transport_header()) {
    if (iph->ip_p == IP_PROTO_TCP)
      out = match(ntohs(p->tcp_header()->th_dport));
    else if (iph->ip_p == IP_PROTO_UDP)
      out = match(ntohs(p->udp_header()->uh_dport));
  }
  if (out < 0 || out >= noutputs() - 1) {
    ++_other;
    out = noutputs() - 1;
  }
  output(out).push(p);
}
