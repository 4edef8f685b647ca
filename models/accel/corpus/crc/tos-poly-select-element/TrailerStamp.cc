// TrailerStamp: protects the invariant part of an IPv4 packet with a one-byte
// trailer.  The low two bits of the TOS byte pick the check profile (generator,
// preset, final xor) from a small table; the check is computed bit by bit,
// MSB first, over the IP header with the mutable fields (TTL, header checksum)
// read as zero, followed by the payload.  Input 0 stamps; input 1 verifies and
// strips, sending good packets to output 0 and damaged ones to output 1.
#include <click/config.h>
#include <click/element.hh>
#include <click/packet.hh>
#include <clicknet/ip.h>

CLICK_DECLS

struct StampProfile {
  uint8_t gen;
  uint8_t preset;
  uint8_t outxor;
};

static const StampProfile stamp_profiles[4] = {
    {0xD5, 0x00, 0x00}, // DVB-S2
    {0x2F, 0xFF, 0xFF}, // AUTOSAR
    {0x1D, 0xFF, 0xFF}, // SAE J1850
    {0x07, 0x00, 0x00}, // SMBus
};

// Shift one byte into the register for generator `gen`.
static inline uint8_t shift_in(uint8_t reg, uint8_t byte, uint8_t gen) {
  reg ^= byte;
  for (int i = 0; i < 8; i++)
    reg = (uint8_t)((reg << 1) ^ ((reg & 0x80) ? gen : 0));
  return reg;
}

uint8_t stamp_run(uint8_t cfg, uint8_t reg, const uint8_t *p, uint32_t n) {
  const uint8_t gen = stamp_profiles[cfg & 3].gen;
  while (n--) {
    uint8_t b = *p++;
    for (int bit = 7; bit >= 0; --bit) {
      bool hi = ((reg >> 7) ^ (b >> bit)) & 1;
      reg = (uint8_t)(reg << 1);
      if (hi)
        reg ^= gen;
    }
  }
  return reg;
}

uint8_t stamp_header(uint8_t cfg, const click_ip *iph, uint32_t hlen) {
  const uint8_t *h = reinterpret_cast<const uint8_t *>(iph);
  const uint8_t gen = stamp_profiles[cfg & 3].gen;
  uint8_t reg = stamp_profiles[cfg & 3].preset;
  for (uint32_t i = 0; i < hlen; i++) {
    uint8_t b = h[i];
    if (i == 8 || i == 10 || i == 11) // ttl, checksum
      b = 0;
    reg = shift_in(reg, b, gen);
  }
  return reg;
}

class TrailerStamp : public Element {
public:
  TrailerStamp() {}
  ~TrailerStamp() {}

  const char *class_name() const { return "TrailerStamp"; }
  const char *port_count() const { return "2/2"; }
  const char *processing() const { return PUSH; }

  void push(int port, Packet *p);

private:
  static uint8_t compute(const Packet *p, uint32_t body_len);
};

uint8_t TrailerStamp::compute(const Packet *p, uint32_t body_len) {
  const click_ip *iph = p->ip_header();
  uint8_t cfg = iph->ip_tos & 3;
  uint32_t hlen = iph->ip_hl << 2;
  uint8_t reg = stamp_header(cfg, iph, hlen);
  reg = stamp_run(cfg, reg, p->transport_header(), body_len);
  return reg ^ stamp_profiles[cfg].outxor;
}

void TrailerStamp::push(int port, Packet *p) {
  if (!p->has_network_header() || !p->has_transport_header() ||
      p->transport_length() < 0) {
    checked_output_push(1, p);
    return;
  }
  if (port == 0) {
    uint8_t v = compute(p, p->transport_length());
    WritablePacket *q = p->put(1);
    if (q) {
      q->end_data()[-1] = v;
      output(0).push(q);
    }
    return;
  }
  if (p->transport_length() < 1) {
    checked_output_push(1, p);
    return;
  }
  uint8_t v = compute(p, p->transport_length() - 1);
  if (v == p->end_data()[-1]) {
    p->take(1);
    output(0).push(p);
  } else {
    checked_output_push(1, p);
  }
}

CLICK_ENDDECLS
EXPORT_ELEMENT(TrailerStamp)
