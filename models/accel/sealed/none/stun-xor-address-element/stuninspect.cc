// StunInspect: validates STUN messages (RFC 5389) carried in UDP and
// extracts the reflexive transport address a server reported.
//
// Input: IPv4 packets (IP header at OFFSET, default 14). A datagram to or
// from the STUN port (default 3478) whose payload is a well-formed STUN
// message goes to output 0; everything else goes to output 1 (or is dropped
// if there is no second output).
//
// Well-formed means: the two top bits of the type are zero, the length is a
// multiple of 4 and matches the datagram, the magic cookie is present, every
// attribute fits, nothing follows FINGERPRINT, FINGERPRINT and
// MESSAGE-INTEGRITY have their fixed sizes, and (with FINGERPRINT true) the
// message ends with a FINGERPRINT attribute. The CRC and HMAC themselves are
// not checked here.
//
// On output 0 the packet's annotations carry: the mapped IPv4 address (dst IP
// annotation), the mapped port (u16 at offset 4), the message class (u8 at
// 6), and the method (u16 at 8). XOR-MAPPED-ADDRESS wins over MAPPED-ADDRESS.
#include <click/config.h>
#include <click/args.hh>
#include <click/element.hh>
#include <click/error.hh>
#include <click/packet.hh>
#include <clicknet/ip.h>
#include <clicknet/udp.h>

#include <string.h>

CLICK_DECLS

class StunInspect : public Element {
public:
  StunInspect();

  const char *class_name() const override { return "StunInspect"; }
  const char *port_count() const override { return "1/1-2"; }
  const char *processing() const override { return PUSH; }
  int configure(Vector<String> &conf, ErrorHandler *errh) override;
  void push(int port, Packet *p) override;

  enum Verdict {
    V_OK = 0,
    V_NOT_UDP,
    V_OTHER_PORT,
    V_SHORT,
    V_BAD_TYPE,
    V_BAD_LENGTH,
    V_BAD_COOKIE,
    V_ATTR_OVERRUN,
    V_AFTER_FINGERPRINT,
    V_BAD_FIXED_ATTR,
    V_NO_FINGERPRINT,
    V_BAD_ADDRESS,
    NVERDICTS
  };

  struct Result {
    unsigned msg_class; // 0 request, 1 indication, 2 success, 3 error
    unsigned method;
    int family;         // 0 none, 4 or 6
    uint16_t port;
    uint8_t addr[16];
    int error_code;     // -1 if absent
    unsigned unknown_required; // comprehension-required types not known
    unsigned ignored_after_mi;
    unsigned nattrs;
    bool has_integrity;
    bool has_fingerprint;
  };

  const Result &last() const { return _last; }
  uint64_t verdict_count(int v) const { return _verdicts[v]; }

private:
  unsigned _offset;
  unsigned _stun_port;
  bool _require_fingerprint;
  uint64_t _verdicts[NVERDICTS];
  Result _last;

  int classify(Packet *p, Result &r) const;
  static int walk_attributes(const uint8_t *msg, unsigned total, Result &r);
  static bool decode_address(const uint8_t *msg, const uint8_t *val,
                             unsigned len, bool xored, Result &r);
  static bool known_required(unsigned type);
};

enum {
  STUN_HDR = 20,
  STUN_COOKIE = 0x2112A442u,
  AT_MAPPED_ADDRESS = 0x0001,
  AT_USERNAME = 0x0006,
  AT_MESSAGE_INTEGRITY = 0x0008,
  AT_ERROR_CODE = 0x0009,
  AT_XOR_MAPPED_ADDRESS = 0x0020,
  AT_FINGERPRINT = 0x8028
};

StunInspect::StunInspect()
    : _offset(14), _stun_port(3478), _require_fingerprint(false) {
  memset(_verdicts, 0, sizeof(_verdicts));
  memset(&_last, 0, sizeof(_last));
}

int StunInspect::configure(Vector<String> &conf, ErrorHandler *errh) {
  unsigned offset = 14, port = 3478;
  bool fp = false;
  if (Args(conf, this, errh)
          .read("OFFSET", offset)
          .read("PORT", port)
          .read("FINGERPRINT", fp)
          .complete() < 0)
    return -1;
  if (port > 65535)
    return errh->error("PORT out of range");
  _offset = offset;
  _stun_port = port;
  _require_fingerprint = fp;
  return 0;
}

static inline unsigned be16(const uint8_t *p) {
  return ((unsigned)p[0] << 8) | p[1];
}

static inline uint32_t be32(const uint8_t *p) {
  return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) |
         ((uint32_t)p[2] << 8) | p[3];
}

// Comprehension-required attribute types (0x0000-0x7FFF) this element knows.
bool StunInspect::known_required(unsigned type) {
  static const uint16_t known[] = {0x0001, 0x0006, 0x0008, 0x0009, 0x000A,
                                   0x0014, 0x0015, 0x0020, 0x0024, 0x0025};
  unsigned lo = 0, hi = sizeof(known) / sizeof(known[0]);
  while (lo < hi) {
    unsigned mid = (lo + hi) >> 1;
    if (known[mid] == type)
      return true;
    if (known[mid] < type)
      lo = mid + 1;
    else
      hi = mid;
  }
  return false;
}

// MAPPED-ADDRESS / XOR-MAPPED-ADDRESS value: 0, family, port, address.
bool StunInspect::decode_address(const uint8_t *msg, const uint8_t *val,
                                 unsigned len, bool xored, Result &r) {
  if (len < 4 || val[0] != 0)
    return false;
  unsigned fam = val[1];
  unsigned alen = fam == 1 ? 4 : (fam == 2 ? 16 : 0);
  if (alen == 0 || len != 4 + alen)
    return false;
  unsigned port = be16(val + 2);
  if (xored)
    port ^= STUN_COOKIE >> 16;
  for (unsigned i = 0; i < alen; i++) {
    // The key is the cookie followed by the transaction ID: bytes 4..19
    // of the header.
    uint8_t key = xored ? msg[4 + i] : 0;
    r.addr[i] = val[4 + i] ^ key;
  }
  for (unsigned i = alen; i < 16; i++)
    r.addr[i] = 0;
  r.family = fam == 1 ? 4 : 6;
  r.port = (uint16_t)port;
  return true;
}

int StunInspect::walk_attributes(const uint8_t *msg, unsigned total,
                                 Result &r) {
  unsigned off = STUN_HDR;
  bool have_xor = false;
  while (off < total) {
    if (total - off < 4)
      return V_ATTR_OVERRUN;
    unsigned type = be16(msg + off);
    unsigned len = be16(msg + off + 2);
    unsigned padded = (len + 3u) & ~3u;
    const uint8_t *val = msg + off + 4;
    if (padded > total - off - 4)
      return V_ATTR_OVERRUN;
    if (r.has_fingerprint)
      return V_AFTER_FINGERPRINT;
    r.nattrs++;
    if (type == AT_FINGERPRINT) {
      if (len != 4)
        return V_BAD_FIXED_ATTR;
      r.has_fingerprint = true;
    } else if (r.has_integrity) {
      r.ignored_after_mi++; // RFC 5389 15.4: ignored by the receiver
    } else if (type == AT_MESSAGE_INTEGRITY) {
      if (len != 20)
        return V_BAD_FIXED_ATTR;
      r.has_integrity = true;
    } else if (type == AT_XOR_MAPPED_ADDRESS) {
      if (!decode_address(msg, val, len, true, r))
        return V_BAD_ADDRESS;
      have_xor = true;
    } else if (type == AT_MAPPED_ADDRESS) {
      if (!have_xor) {
        if (!decode_address(msg, val, len, false, r))
          return V_BAD_ADDRESS;
      }
    } else if (type == AT_ERROR_CODE) {
      if (len < 4)
        return V_BAD_FIXED_ATTR;
      r.error_code = (int)(val[2] & 7) * 100 + val[3];
    } else if (type < 0x8000 && !known_required(type)) {
      r.unknown_required++;
    }
    off += 4 + padded;
  }
  return V_OK;
}

int StunInspect::classify(Packet *p, Result &r) const {
  memset(&r, 0, sizeof(r));
  r.error_code = -1;
  if (p->length() < _offset + sizeof(click_ip))
    return V_NOT_UDP;
  const uint8_t *base = p->data() + _offset;
  const click_ip *iph = reinterpret_cast<const click_ip *>(base);
  unsigned hl = iph->ip_hl << 2;
  unsigned avail = p->length() - _offset;
  unsigned iplen = ntohs(iph->ip_len);
  if (iph->ip_v != 4 || hl < sizeof(click_ip) || iplen < hl || iplen > avail ||
      iph->ip_p != IP_PROTO_UDP || IP_ISFRAG(iph) ||
      iplen - hl < sizeof(click_udp))
    return V_NOT_UDP;
  const click_udp *udph = reinterpret_cast<const click_udp *>(base + hl);
  unsigned ulen = ntohs(udph->uh_ulen);
  if (ulen < sizeof(click_udp) || ulen > iplen - hl)
    return V_NOT_UDP;
  if (ntohs(udph->uh_sport) != _stun_port &&
      ntohs(udph->uh_dport) != _stun_port)
    return V_OTHER_PORT;

  const uint8_t *msg = reinterpret_cast<const uint8_t *>(udph + 1);
  unsigned n = ulen - sizeof(click_udp);
  if (n < STUN_HDR)
    return V_SHORT;
  unsigned type = be16(msg);
  if (type & 0xC000)
    return V_BAD_TYPE;
  unsigned mlen = be16(msg + 2);
  if ((mlen & 3) != 0 || mlen + STUN_HDR != n)
    return V_BAD_LENGTH;
  if (be32(msg + 4) != STUN_COOKIE)
    return V_BAD_COOKIE;
  // Class bits C1 (bit 8) and C0 (bit 4); the method is the remaining
  // twelve bits, M0-M3 / M4-M6 / M7-M11 packed together.
  r.msg_class = ((type >> 7) & 2u) | ((type >> 4) & 1u);
  r.method = (type & 0x000Fu) | ((type >> 1) & 0x0070u) | ((type >> 2) & 0x0F80u);

  int v = walk_attributes(msg, n, r);
  if (v != V_OK)
    return v;
  if (_require_fingerprint && !r.has_fingerprint)
    return V_NO_FINGERPRINT;
  return V_OK;
}

void StunInspect::push(int, Packet *p) {
  Result r;
  int v = classify(p, r);
  _verdicts[v]++;
  _last = r;
  if (v != V_OK) {
    checked_output_push(1, p);
    return;
  }
  if (r.family == 4) {
    uint32_t a;
    memcpy(&a, r.addr, 4);
    p->set_dst_ip_anno(IPAddress(a));
  }
  p->set_anno_u16(4, r.port);
  p->set_anno_u8(6, (uint8_t)r.msg_class);
  p->set_anno_u16(8, (uint16_t)r.method);
  output(0).push(p);
}

CLICK_ENDDECLS
