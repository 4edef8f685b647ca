// A payload-sharding element: TCP/UDP payloads are spread over the outputs
// by Justin Sobel's shift-add-xor string hash, h ^= (h << 5) + c + (h >> 2)
// from h = 1315423911 over every byte, and, for payloads longer than 32
// bytes, by the sampled form of the same step that Lua 5.1 uses for long
// strings (h starts at the length, at most 32 characters are taken, walking
// backwards from the end with a stride of (len >> 5) + 1). Label: hash.
#include <click/config.h>
#include <click/element.hh>
#include <click/packet.hh>
#include <clicknet/ip.h>
#include <clicknet/tcp.h>

class HostShard : public Element {
public:
  HostShard() : _long_payloads(0) {}

  const char *class_name() const override { return "HostShard"; }
  const char *port_count() const override { return "1/1-16"; }
  const char *processing() const override { return PUSH; }

  static uint32_t shard_key(const unsigned char *s, int n);
  static uint32_t sampled_key(const unsigned char *s, size_t l);
  void push(int port, Packet *p) override;

private:
  uint64_t _long_payloads;
};

uint32_t HostShard::shard_key(const unsigned char *s, int n) {
  uint32_t h = 1315423911u;
  for (const unsigned char *e = s + n; s < e; ++s)
    h ^= (h << 5) + *s + (h >> 2);
  return h;
}

uint32_t HostShard::sampled_key(const unsigned char *s, size_t l) {
  uint32_t h = (uint32_t)l;
  size_t step = (l >> 5) + 1;
  for (size_t l1 = l; l1 >= step; l1 -= step)
    h = h ^ ((h << 5) + (h >> 2) + (uint32_t)s[l1 - 1]);
  return h;
}

void HostShard::push(int, Packet *p) {
  const click_ip *iph = p->ip_header();
  const unsigned char *l4 = p->network_header() + iph->ip_hl * 4;
  int skip = 8;
  if (iph->ip_p == IP_PROTO_TCP)
    skip = reinterpret_cast<const click_tcp *>(l4)->th_off * 4;
  const unsigned char *payload = l4 + skip;
  int len = (int)(p->end_data() - payload);
  if (len < 0)
    len = 0;
  uint32_t key;
  if (len > 32) {
    _long_payloads++;
    key = sampled_key(payload, (size_t)len);
  } else {
    key = shard_key(payload, len);
  }
  output((int)(key % (uint32_t)noutputs())).push(p);
}
