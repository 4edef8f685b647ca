// RoCEv2ICRC: stamps or verifies the invariant CRC of RoCE v2 packets
// (InfiniBand transport carried in UDP, destination port 4791).
//
// The ICRC is CRC-32/ISO-HDLC (the Ethernet FCS code: generator
// 0x04C11DB7 reflected, preset and final XOR all ones) over an "invariant"
// view of the packet, in which the fields routers may rewrite are replaced
// by all-one bits:
//   - 8 bytes of 0xFF standing for the (absent) InfiniBand LRH,
//   - the IPv4 header with TOS, TTL and header checksum set to ones,
//   - the UDP header with its checksum set to ones,
//   - the 12-byte BTH with its reserved byte (resv8a, byte 4) set to ones,
//   - the rest of the datagram up to the 4-byte ICRC that ends it.
// The ICRC is carried little-endian in the last four bytes of the UDP
// payload.
//
// RoCEv2ICRC(MODE stamp|verify, OFFSET n, PORT p)
//   OFFSET: bytes before the IPv4 header (default 14).
//   verify: intact packets to output 0, others to output 1 (if present).
//   stamp:  writes the ICRC into the trailer and emits on output 0.
#include <click/config.h>
#include <click/args.hh>
#include <click/element.hh>
#include <click/error.hh>
#include <click/packet.hh>
#include <clicknet/ip.h>
#include <clicknet/udp.h>

CLICK_DECLS

class RoCEv2ICRC : public Element {
public:
  RoCEv2ICRC();

  const char *class_name() const override { return "RoCEv2ICRC"; }
  const char *port_count() const override { return "1/1-2"; }
  const char *processing() const override { return PUSH; }
  int configure(Vector<String> &conf, ErrorHandler *errh) override;
  void push(int port, Packet *p) override;

  uint64_t good() const { return _good; }
  uint64_t bad() const { return _bad; }
  uint64_t malformed() const { return _malformed; }

private:
  enum { BTH_LEN = 12, ICRC_LEN = 4 };

  uint32_t _fcs_table[256];
  uint32_t _after_lrh;  // register after the 8 masked LRH bytes
  unsigned _offset;
  uint16_t _port;
  bool _stamp;
  uint64_t _good, _bad, _malformed, _stamped;

  void build_fcs_table();
  uint32_t fold(uint32_t reg, const unsigned char *p, unsigned n) const;
  uint32_t fold_headers(uint32_t reg, const unsigned char *ip,
                        unsigned hlen) const;
  static unsigned char invariant_mask(unsigned at, unsigned hlen);
  int locate(Packet *p, unsigned *hlen, unsigned *dgram_end) const;
  uint32_t compute_icrc(const unsigned char *ip, unsigned hlen,
                        unsigned dgram_end) const;
};

RoCEv2ICRC::RoCEv2ICRC()
    : _after_lrh(0), _offset(14), _port(4791), _stamp(false), _good(0),
      _bad(0), _malformed(0), _stamped(0) {
  build_fcs_table();
}

// Residues of single bits first (reflected generator 0xEDB88320 applied
// over eight shifts), then every other entry as the XOR of its lowest set
// bit's entry and the entry of the remaining bits: the table is linear.
void RoCEv2ICRC::build_fcs_table() {
  _fcs_table[0] = 0;
  for (int k = 0; k < 8; ++k) {
    uint32_t r = 1u << k;
    for (int s = 0; s < 8; ++s)
      r = (r & 1u) ? (r >> 1) ^ 0xEDB88320u : (r >> 1);
    _fcs_table[1u << k] = r;
  }
  for (unsigned i = 3; i < 256; ++i) {
    unsigned low = i & (0u - i);
    if (low != i)
      _fcs_table[i] = _fcs_table[low] ^ _fcs_table[i ^ low];
  }
  uint32_t reg = 0xFFFFFFFFu;
  for (int i = 0; i < 8; ++i)
    reg = (reg >> 8) ^ _fcs_table[(reg ^ 0xFFu) & 0xFFu];
  _after_lrh = reg;
}

int RoCEv2ICRC::configure(Vector<String> &conf, ErrorHandler *errh) {
  String mode = "verify";
  unsigned offset = 14, port = 4791;
  if (Args(conf, this, errh)
          .read("MODE", mode)
          .read("OFFSET", offset)
          .read("PORT", port)
          .complete() < 0)
    return -1;
  if (mode == "stamp")
    _stamp = true;
  else if (mode == "verify")
    _stamp = false;
  else
    return errh->error("MODE must be stamp or verify");
  if (port > 0xFFFF)
    return errh->error("bad PORT");
  _offset = offset;
  _port = (uint16_t)port;
  return 0;
}

uint32_t RoCEv2ICRC::fold(uint32_t reg, const unsigned char *p,
                          unsigned n) const {
  while (n >= 4) {
    reg = (reg >> 8) ^ _fcs_table[(reg ^ p[0]) & 0xFFu];
    reg = (reg >> 8) ^ _fcs_table[(reg ^ p[1]) & 0xFFu];
    reg = (reg >> 8) ^ _fcs_table[(reg ^ p[2]) & 0xFFu];
    reg = (reg >> 8) ^ _fcs_table[(reg ^ p[3]) & 0xFFu];
    p += 4;
    n -= 4;
  }
  while (n--)
    reg = (reg >> 8) ^ _fcs_table[(reg ^ *p++) & 0xFFu];
  return reg;
}

// Bits forced to one in the invariant view, by offset from the IP header.
unsigned char RoCEv2ICRC::invariant_mask(unsigned at, unsigned hlen) {
  if (at == 1 || at == 8 || at == 10 || at == 11)
    return 0xFF; // TOS, TTL, header checksum
  if (at == hlen + 6 || at == hlen + 7)
    return 0xFF; // UDP checksum
  if (at == hlen + 8 + 4)
    return 0xFF; // BTH resv8a
  return 0x00;
}

uint32_t RoCEv2ICRC::fold_headers(uint32_t reg, const unsigned char *ip,
                                  unsigned hlen) const {
  unsigned stop = hlen + sizeof(click_udp) + BTH_LEN;
  for (unsigned at = 0; at < stop; ++at) {
    unsigned char b = ip[at] | invariant_mask(at, hlen);
    reg = (reg >> 8) ^ _fcs_table[(reg ^ b) & 0xFFu];
  }
  return reg;
}

uint32_t RoCEv2ICRC::compute_icrc(const unsigned char *ip, unsigned hlen,
                                  unsigned dgram_end) const {
  uint32_t reg = fold_headers(_after_lrh, ip, hlen);
  unsigned body = hlen + sizeof(click_udp) + BTH_LEN;
  reg = fold(reg, ip + body, dgram_end - ICRC_LEN - body);
  return ~reg;
}

// 0 when p is an IPv4/UDP/BTH packet to this port; sets the header length
// and the end of the UDP datagram (relative to the IP header).
int RoCEv2ICRC::locate(Packet *p, unsigned *hlen, unsigned *dgram_end) const {
  if (p->length() < _offset + sizeof(click_ip))
    return -1;
  const click_ip *iph =
      reinterpret_cast<const click_ip *>(p->data() + _offset);
  unsigned avail = p->length() - _offset;
  unsigned h = iph->ip_hl << 2;
  if (iph->ip_v != 4 || h < sizeof(click_ip) || iph->ip_p != IP_PROTO_UDP)
    return -1;
  unsigned iplen = ntohs(iph->ip_len);
  if (iplen > avail || iplen < h + sizeof(click_udp) + BTH_LEN + ICRC_LEN)
    return -1;
  const click_udp *uh =
      reinterpret_cast<const click_udp *>(p->data() + _offset + h);
  if (ntohs(uh->uh_dport) != _port)
    return -1;
  unsigned ulen = ntohs(uh->uh_ulen);
  if (ulen < sizeof(click_udp) + BTH_LEN + ICRC_LEN || h + ulen > iplen)
    return -1;
  *hlen = h;
  *dgram_end = h + ulen;
  return 0;
}

void RoCEv2ICRC::push(int, Packet *p) {
  unsigned hlen, end;
  if (locate(p, &hlen, &end) < 0) {
    _malformed++;
    checked_output_push(_stamp ? 0 : 1, p);
    return;
  }
  if (_stamp) {
    WritablePacket *q = p->uniqueify();
    if (!q)
      return;
    unsigned char *ip = q->data() + _offset;
    uint32_t icrc = compute_icrc(ip, hlen, end);
    unsigned char *tr = ip + end - ICRC_LEN;
    tr[0] = (unsigned char)icrc;
    tr[1] = (unsigned char)(icrc >> 8);
    tr[2] = (unsigned char)(icrc >> 16);
    tr[3] = (unsigned char)(icrc >> 24);
    _stamped++;
    output(0).push(q);
    return;
  }
  const unsigned char *ip = p->data() + _offset;
  const unsigned char *tr = ip + end - ICRC_LEN;
  uint32_t carried = (uint32_t)tr[0] | ((uint32_t)tr[1] << 8) |
                     ((uint32_t)tr[2] << 16) | ((uint32_t)tr[3] << 24);
  if (compute_icrc(ip, hlen, end) == carried) {
    _good++;
    output(0).push(p);
  } else {
    _bad++;
    checked_output_push(1, p);
  }
}

CLICK_ENDDECLS
EXPORT_ELEMENT(RoCEv2ICRC)
