// UDPPayloadTag: appends a 4-byte Castagnoli check (iSCSI/SCTP flavour:
// reflected, preset and final xor all-ones) of the UDP payload.
//
// The engine works MSB-first with the unreflected generator 0x1EDC6F41; the
// bit order the reflected definition needs is obtained by pushing every input
// byte through a 256-entry bit-reversal table, and the final register is
// mirrored back the same way, one byte at a time.
#include <click/config.h>
#include <click/element.hh>
#include <click/packet.hh>
#include <clicknet/ip.h>
#include <clicknet/udp.h>

CLICK_DECLS

class UDPPayloadTag : public Element {
public:
  UDPPayloadTag();
  ~UDPPayloadTag() {}

  const char *class_name() const { return "UDPPayloadTag"; }
  const char *port_count() const { return PORTS_1_1; }

  uint32_t digest(const unsigned char *p, uint32_t n) const;
  Packet *simple_action(Packet *p);

private:
  uint8_t _flip[256];
  uint32_t _fwd[256];
};

UDPPayloadTag::UDPPayloadTag() {
  for (unsigned v = 0; v < 256; ++v) {
    unsigned m = 0;
    for (unsigned b = 0; b < 8; ++b)
      if (v & (1u << b))
        m |= 0x80u >> b;
    _flip[v] = (uint8_t)m;

    uint32_t r = (uint32_t)v << 24;
    for (int k = 0; k < 8; ++k)
      r = (r & 0x80000000u) ? (r << 1) ^ 0x1EDC6F41u : (r << 1);
    _fwd[v] = r;
  }
}

uint32_t UDPPayloadTag::digest(const unsigned char *p, uint32_t n) const {
  uint32_t r = 0xFFFFFFFFu; // mirror image of the preset is itself
  for (const unsigned char *e = p + n; p != e; ++p)
    r = (r << 8) ^ _fwd[(r >> 24) ^ _flip[*p]];
  // mirror the 32-bit register: reverse byte order and the bits of each byte
  uint32_t out = (uint32_t)_flip[r & 0xFF] << 24 |
                 (uint32_t)_flip[(r >> 8) & 0xFF] << 16 |
                 (uint32_t)_flip[(r >> 16) & 0xFF] << 8 |
                 (uint32_t)_flip[r >> 24];
  return out ^ 0xFFFFFFFFu;
}

Packet *UDPPayloadTag::simple_action(Packet *p) {
  const click_ip *iph = p->ip_header();
  if (!iph || iph->ip_p != IP_PROTO_UDP)
    return p;
  const unsigned char *udp = p->transport_header();
  int tl = p->transport_length();
  if (!udp || tl < (int)sizeof(click_udp))
    return p;
  uint32_t tag = digest(udp + sizeof(click_udp), tl - (int)sizeof(click_udp));
  WritablePacket *q = p->put(4);
  if (!q)
    return 0;
  unsigned char *t = q->end_data() - 4;
  t[0] = (unsigned char)tag;
  t[1] = (unsigned char)(tag >> 8);
  t[2] = (unsigned char)(tag >> 16);
  t[3] = (unsigned char)(tag >> 24);
  return q;
}

CLICK_ENDDECLS
EXPORT_ELEMENT(UDPPayloadTag)
