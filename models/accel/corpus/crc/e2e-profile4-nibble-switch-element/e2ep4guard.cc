// E2EP4Guard: AUTOSAR E2E Profile 4 protection for signals carried in UDP
// datagrams (SOME/IP-style).  The protected area starts at the UDP payload
// with a 12-byte big-endian header: Length(16) Counter(16) DataID(32)
// CRC(32).  The CRC is CRC-32P4 (generator 0xF4ACFB13, reflected, preset and
// final XOR all ones) over the first 8 header bytes and the data after the
// CRC field.
//
// The CRC engine consumes four bits at a time; the sixteen reduction
// constants (the reflected generator pushed through four shifts for each
// nibble value) are spelled out in a switch.
//
//   E2EP4Guard(DATA_ID id [, MODE CHECK|PROTECT] [, MAX_DELTA n])
// CHECK: verified datagrams to output 0, failures to output 1.
// PROTECT: fills Length/Counter/DataID/CRC and emits on output 0.
#include <click/config.h>
#include <click/args.hh>
#include <click/element.hh>
#include <click/error.hh>
#include <click/packet.hh>
#include <clicknet/ip.h>
#include <clicknet/udp.h>

class E2EP4Guard : public Element {
public:
  E2EP4Guard();

  const char *class_name() const override { return "E2EP4Guard"; }
  const char *port_count() const override { return "1/1-2"; }
  int configure(Vector<String> &conf, ErrorHandler *errh) override;
  Packet *simple_action(Packet *p) override;

  static uint32_t crc32p4_update(uint32_t reg, const uint8_t *p, uint32_t n);
  static uint32_t e2e_crc(const uint8_t *area, uint32_t len);

private:
  static uint32_t fold_nibble(uint32_t reg);
  Packet *check(Packet *p, uint8_t *area, uint32_t avail);
  Packet *protect(Packet *p, uint32_t area_off, uint32_t avail);

  uint32_t _data_id;
  bool _protect;
  unsigned _max_delta;
  uint16_t _counter;
  bool _have_last;
  uint16_t _last;
  uint32_t _ok, _crc_err, _len_err, _id_err, _seq_err;
};

E2EP4Guard::E2EP4Guard()
    : _data_id(0), _protect(false), _max_delta(1), _counter(0),
      _have_last(false), _last(0), _ok(0), _crc_err(0), _len_err(0),
      _id_err(0), _seq_err(0) {}

int E2EP4Guard::configure(Vector<String> &conf, ErrorHandler *errh) {
  String mode = "CHECK";
  if (Args(conf, this, errh)
          .read_mp("DATA_ID", _data_id)
          .read("MODE", mode)
          .read("MAX_DELTA", _max_delta)
          .complete() < 0)
    return -1;
  if (mode == "PROTECT")
    _protect = true;
  else if (mode != "CHECK")
    return errh->error("MODE must be CHECK or PROTECT");
  return 0;
}

// Shift the register right by four, folding back the nibble that falls out.
uint32_t E2EP4Guard::fold_nibble(uint32_t reg) {
  uint32_t k;
  switch (reg & 0xF) {
  case 0x0: k = 0x00000000u; break;
  case 0x1: k = 0x2B2C2BEEu; break;
  case 0x2: k = 0x565857DCu; break;
  case 0x3: k = 0x7D747C32u; break;
  case 0x4: k = 0xACB0AFB8u; break;
  case 0x5: k = 0x879C8456u; break;
  case 0x6: k = 0xFAE8F864u; break;
  case 0x7: k = 0xD1C4D38Au; break;
  case 0x8: k = 0xC8DF352Fu; break;
  case 0x9: k = 0xE3F31EC1u; break;
  case 0xA: k = 0x9E8762F3u; break;
  case 0xB: k = 0xB5AB491Du; break;
  case 0xC: k = 0x646F9A97u; break;
  case 0xD: k = 0x4F43B179u; break;
  case 0xE: k = 0x3237CD4Bu; break;
  default:  k = 0x191BE6A5u; break;
  }
  return (reg >> 4) ^ k;
}

uint32_t E2EP4Guard::crc32p4_update(uint32_t reg, const uint8_t *p,
                                    uint32_t n) {
  while (n--) {
    reg ^= *p++;
    reg = fold_nibble(reg);
    reg = fold_nibble(reg);
  }
  return reg;
}

// CRC of an E2E area of len bytes: header without its CRC field, then data.
uint32_t E2EP4Guard::e2e_crc(const uint8_t *area, uint32_t len) {
  uint32_t reg = crc32p4_update(0xFFFFFFFFu, area, 8);
  reg = crc32p4_update(reg, area + 12, len - 12);
  return reg ^ 0xFFFFFFFFu;
}

static inline uint32_t load_be32(const uint8_t *b) {
  return ((uint32_t)b[0] << 24) | ((uint32_t)b[1] << 16) |
         ((uint32_t)b[2] << 8) | b[3];
}

static inline void store_be32(uint8_t *b, uint32_t v) {
  b[0] = (uint8_t)(v >> 24);
  b[1] = (uint8_t)(v >> 16);
  b[2] = (uint8_t)(v >> 8);
  b[3] = (uint8_t)v;
}

Packet *E2EP4Guard::check(Packet *p, uint8_t *area, uint32_t avail) {
  uint32_t len = ((uint32_t)area[0] << 8) | area[1];
  uint16_t ctr = (uint16_t)((area[2] << 8) | area[3]);
  if (len < 12 || len > avail) {
    ++_len_err;
  } else if (load_be32(area + 4) != _data_id) {
    ++_id_err;
  } else if (e2e_crc(area, len) != load_be32(area + 8)) {
    ++_crc_err;
  } else {
    uint16_t delta = (uint16_t)(ctr - _last);
    bool in_seq = !_have_last || (delta >= 1 && delta <= _max_delta);
    _have_last = true;
    _last = ctr;
    if (in_seq) {
      ++_ok;
      return p;
    }
    ++_seq_err;
  }
  checked_output_push(1, p);
  return 0;
}

Packet *E2EP4Guard::protect(Packet *p, uint32_t area_off, uint32_t avail) {
  WritablePacket *q = p->uniqueify();
  if (!q)
    return 0;
  uint8_t *area = q->data() + area_off;
  uint32_t len = avail > 0xFFFF ? 0xFFFF : avail;
  area[0] = (uint8_t)(len >> 8);
  area[1] = (uint8_t)len;
  area[2] = (uint8_t)(_counter >> 8);
  area[3] = (uint8_t)_counter;
  ++_counter;
  store_be32(area + 4, _data_id);
  store_be32(area + 8, e2e_crc(area, len));
  // the UDP checksum no longer matches; IPv4 allows "no checksum"
  click_udp *uh = reinterpret_cast<click_udp *>(area - sizeof(click_udp));
  uh->uh_sum = 0;
  return q;
}

Packet *E2EP4Guard::simple_action(Packet *p) {
  const click_ip *iph = p->ip_header();
  if (!iph || iph->ip_p != IP_PROTO_UDP) {
    checked_output_push(1, p);
    return 0;
  }
  uint32_t off = (uint32_t)p->ip_header_offset() + (iph->ip_hl << 2) +
                 sizeof(click_udp);
  if (p->length() < off + 12) {
    ++_len_err;
    checked_output_push(1, p);
    return 0;
  }
  uint32_t avail = p->length() - off;
  if (_protect)
    return protect(p, off, avail);
  return check(p, const_cast<uint8_t *>(p->data()) + off, avail);
}

CLICK_ENDDECLS
EXPORT_ELEMENT(E2EP4Guard)
