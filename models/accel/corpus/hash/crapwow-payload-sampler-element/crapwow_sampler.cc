// CrapWowSampler: consistent (hash-based) payload sampling.
//
// Each IPv4 packet's transport payload is digested with CrapWow (Andrew's
// 32-bit product-fold hash from the "noncryptohashzoo": two accumulators,
// two multipliers, each 32x32->64 product split between them). Packets whose
// digest falls below RATE/65536 of the 32-bit range go to output 0, the rest
// to output 1, so identical payloads seen at different vantage points are
// sampled identically (trajectory-sampling style).
#include <click/config.h>
#include <click/args.hh>
#include <click/element.hh>
#include <click/error.hh>
#include <click/packet.hh>
#include <clicknet/ip.h>
#include <clicknet/tcp.h>
#include <clicknet/udp.h>

CLICK_DECLS

class CrapWowSampler : public Element {
public:
  CrapWowSampler() : _rate(6554), _seed(0), _sampled(0), _passed(0) {}

  const char *class_name() const override { return "CrapWowSampler"; }
  const char *port_count() const override { return "1/2"; }
  const char *processing() const override { return PUSH; }

  int configure(Vector<String> &conf, ErrorHandler *errh) override;
  void push(int port, Packet *p) override;

  static uint32_t payload_digest(const unsigned char *buf, uint32_t len,
                                 uint32_t seed);

private:
  uint32_t _rate;  // out of 65536
  uint32_t _seed;
  uint64_t _sampled;
  uint64_t _passed;
};

uint32_t CrapWowSampler::payload_digest(const unsigned char *buf, uint32_t len,
                                        uint32_t seed) {
  const uint32_t kA = 0x57559429u;
  const uint32_t kB = 0x5052acdbu;
  uint32_t h = len;
  uint32_t k = len + seed + kB;
  uint32_t n = len;
  uint64_t p;

  while (n >= 8) {
    uint32_t w0 = buf[0] | (uint32_t(buf[1]) << 8) | (uint32_t(buf[2]) << 16) |
                  (uint32_t(buf[3]) << 24);
    uint32_t w1 = buf[4] | (uint32_t(buf[5]) << 8) | (uint32_t(buf[6]) << 16) |
                  (uint32_t(buf[7]) << 24);
    p = uint64_t(w0) * kB;          // mix "b": low half into h, high into k
    h ^= uint32_t(p);
    k ^= uint32_t(p >> 32);
    p = uint64_t(w1) * kA;          // mix "a": low half into k, high into h
    k ^= uint32_t(p);
    h ^= uint32_t(p >> 32);
    buf += 8;
    n -= 8;
  }
  if (n >= 4) {
    uint32_t w = buf[0] | (uint32_t(buf[1]) << 8) | (uint32_t(buf[2]) << 16) |
                 (uint32_t(buf[3]) << 24);
    p = uint64_t(w) * kB;
    h ^= uint32_t(p);
    k ^= uint32_t(p >> 32);
    buf += 4;
    n -= 4;
  }
  if (n) {
    uint32_t w = 0;
    switch (n) {
    case 3: w |= uint32_t(buf[2]) << 16; // fall through
    case 2: w |= uint32_t(buf[1]) << 8;  // fall through
    default: w |= buf[0];
    }
    p = uint64_t(w) * kA;
    k ^= uint32_t(p);
    h ^= uint32_t(p >> 32);
  }
  p = uint64_t(h ^ (k + kB)) * kB;
  h ^= uint32_t(p);
  k ^= uint32_t(p >> 32);
  return k ^ h;
}

int CrapWowSampler::configure(Vector<String> &conf, ErrorHandler *errh) {
  uint32_t rate = _rate, seed = _seed;
  if (Args(conf, this, errh)
          .read("RATE", rate)
          .read("SEED", seed)
          .complete() < 0)
    return -1;
  if (rate > 65536)
    return errh->error("RATE must be at most 65536");
  _rate = rate;
  _seed = seed;
  return 0;
}

void CrapWowSampler::push(int, Packet *p) {
  const click_ip *iph = p->ip_header();
  const unsigned char *end = p->end_data();
  const unsigned char *pl = 0;
  if (iph && (const unsigned char *)iph + sizeof(click_ip) <= end) {
    const unsigned char *th = (const unsigned char *)iph + (iph->ip_hl << 2);
    if (iph->ip_p == IP_PROTO_TCP && th + sizeof(click_tcp) <= end)
      pl = th + (((const click_tcp *)th)->th_off << 2);
    else if (iph->ip_p == IP_PROTO_UDP && th + sizeof(click_udp) <= end)
      pl = th + sizeof(click_udp);
  }
  if (!pl || pl > end)
    pl = end;
  uint32_t d = payload_digest(pl, uint32_t(end - pl), _seed);
  if ((uint64_t(d) * 65536u >> 32) < _rate) {
    _sampled++;
    output(0).push(p);
  } else {
    _passed++;
    output(1).push(p);
  }
}

CLICK_ENDDECLS
EXPORT_ELEMENT(CrapWowSampler)
