// A Click element that buckets flows the way a JVM HashMap<FlowKey, ...>
// would: String.hashCode over the payload bytes (s[0]*31^(n-1) + ... +
// s[n-1] in 32-bit two's complement, bytes taken as Latin-1 chars),
// Arrays.hashCode / Objects.hash over the flow fields (result = 31 * result
// + e from 1), and HashMap's spreading (h ^ (h >>> 16)) and masking to a
// power-of-two capacity (tableSizeFor). Label: hash.
#include <click/config.h>
#include <click/element.hh>
#include <click/packet.hh>
#include <clicknet/ip.h>
#include <clicknet/udp.h>

class JavaFlowBuckets : public Element {
public:
  JavaFlowBuckets() : _capacity(table_size_for(1000)) {
    for (uint32_t i = 0; i < MAXCAP; i++)
      _hits[i] = 0;
  }

  const char *class_name() const override { return "JavaFlowBuckets"; }
  const char *port_count() const override { return "1/1"; }

  static int32_t payload_code(const unsigned char *s, int len);
  static int32_t fields_code(const int32_t *a, int n);
  static int32_t flow_code(const unsigned char *ip, const unsigned char *end);
  static uint32_t table_size_for(uint32_t cap);
  uint32_t spread_index(int32_t h) const;
  Packet *simple_action(Packet *p) override;

private:
  enum { MAXCAP = 1 << 12 };
  uint32_t _capacity;
  uint32_t _hits[MAXCAP];
};

// String.hashCode: Horner's rule with multiplier 31, written as the JIT
// strength-reduces it.
int32_t JavaFlowBuckets::payload_code(const unsigned char *s, int len) {
  uint32_t h = 0;
  const unsigned char *end = s + len;
  while (s != end) {
    uint32_t c = *s++;
    h = (h << 5) - h + c;
  }
  return (int32_t)h;
}

// Arrays.hashCode(int[]) (and so Objects.hash of Integers): start from 1.
int32_t JavaFlowBuckets::fields_code(const int32_t *a, int n) {
  if (a == nullptr)
    return 0;
  uint32_t result = 1;
  for (int i = 0; i < n; ++i)
    result = 31u * result + (uint32_t)a[i];
  return (int32_t)result;
}

uint32_t JavaFlowBuckets::table_size_for(uint32_t cap) {
  uint32_t n = cap - 1;
  n |= n >> 1;
  n |= n >> 2;
  n |= n >> 4;
  n |= n >> 8;
  n |= n >> 16;
  if (n >= MAXCAP)
    return MAXCAP;
  return n + 1;
}

// HashMap.hash(key) then (n - 1) & hash.
uint32_t JavaFlowBuckets::spread_index(int32_t h) const {
  uint32_t u = (uint32_t)h;
  uint32_t spread = u ^ (u >> 16);
  return (_capacity - 1) & spread;
}

// Objects.hash(src, dst, sport, dport, proto), then combined with the
// payload String's hashCode as a two-field record would be.
int32_t JavaFlowBuckets::flow_code(const unsigned char *ip,
                                   const unsigned char *end) {
  int32_t f[5];
  f[0] = (int32_t)((uint32_t)ip[12] << 24 | (uint32_t)ip[13] << 16 |
                   (uint32_t)ip[14] << 8 | ip[15]);
  f[1] = (int32_t)((uint32_t)ip[16] << 24 | (uint32_t)ip[17] << 16 |
                   (uint32_t)ip[18] << 8 | ip[19]);
  const unsigned char *l4 = ip + ((ip[0] & 15) << 2);
  f[2] = l4[0] << 8 | l4[1];
  f[3] = l4[2] << 8 | l4[3];
  f[4] = ip[9];
  int32_t code = fields_code(f, 5);
  const unsigned char *payload = l4 + sizeof(click_udp);
  int plen = (int)(end - payload);
  if (plen > 0)
    code =
        (int32_t)(31u * (uint32_t)code + (uint32_t)payload_code(payload, plen));
  return code;
}

Packet *JavaFlowBuckets::simple_action(Packet *p) {
  const unsigned char *ip =
      reinterpret_cast<const unsigned char *>(p->ip_header());
  _hits[spread_index(flow_code(ip, p->end_data()))]++;
  return p;
}
