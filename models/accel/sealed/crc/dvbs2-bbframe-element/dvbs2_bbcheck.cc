// DVBS2BBFrameCheck: CRC-8 checks of DVB-S2 baseband frames carried one
// per UDP datagram (BBFrame-over-IP monitoring feeds).
//
// ETSI EN 302 307-1 protects the 80-bit BBHEADER with a CRC-8 (generator
// x^8+x^7+x^6+x^4+x^2+1, register cleared, MSB first) over its first nine
// bytes, XORed with the MODE value (0 normal mode, 1 high efficiency mode).
// In normal mode every packetized user packet (UPL bits long) has its sync
// byte replaced by the CRC-8 of the previous packet's useful part; SYNCD
// gives the bit distance from the start of the data field to the first
// such CRC byte. The element checks the header, walks the data field and
// checks every user-packet CRC whose packet it has seen completely, also
// across consecutive frames. Optionally it rewrites MATYPE-2 (the input
// stream identifier) and reseals the header.
//
// Output 0: frames with a good header; output 1 (if connected): the rest.
#include <click/config.h>
#include <click/args.hh>
#include <click/element.hh>
#include <click/error.hh>
#include <click/packet.hh>
#include <clicknet/ip.h>
#include <clicknet/udp.h>

// Remainders x^8 * v mod (x^8+x^7+x^6+x^4+x^2+1), v = 0..255.
static const uint8_t bb_crc8_tab[256] = {
    0x00, 0xD5, 0x7F, 0xAA, 0xFE, 0x2B, 0x81, 0x54, 0x29, 0xFC, 0x56, 0x83,
    0xD7, 0x02, 0xA8, 0x7D, 0x52, 0x87, 0x2D, 0xF8, 0xAC, 0x79, 0xD3, 0x06,
    0x7B, 0xAE, 0x04, 0xD1, 0x85, 0x50, 0xFA, 0x2F, 0xA4, 0x71, 0xDB, 0x0E,
    0x5A, 0x8F, 0x25, 0xF0, 0x8D, 0x58, 0xF2, 0x27, 0x73, 0xA6, 0x0C, 0xD9,
    0xF6, 0x23, 0x89, 0x5C, 0x08, 0xDD, 0x77, 0xA2, 0xDF, 0x0A, 0xA0, 0x75,
    0x21, 0xF4, 0x5E, 0x8B, 0x9D, 0x48, 0xE2, 0x37, 0x63, 0xB6, 0x1C, 0xC9,
    0xB4, 0x61, 0xCB, 0x1E, 0x4A, 0x9F, 0x35, 0xE0, 0xCF, 0x1A, 0xB0, 0x65,
    0x31, 0xE4, 0x4E, 0x9B, 0xE6, 0x33, 0x99, 0x4C, 0x18, 0xCD, 0x67, 0xB2,
    0x39, 0xEC, 0x46, 0x93, 0xC7, 0x12, 0xB8, 0x6D, 0x10, 0xC5, 0x6F, 0xBA,
    0xEE, 0x3B, 0x91, 0x44, 0x6B, 0xBE, 0x14, 0xC1, 0x95, 0x40, 0xEA, 0x3F,
    0x42, 0x97, 0x3D, 0xE8, 0xBC, 0x69, 0xC3, 0x16, 0xEF, 0x3A, 0x90, 0x45,
    0x11, 0xC4, 0x6E, 0xBB, 0xC6, 0x13, 0xB9, 0x6C, 0x38, 0xED, 0x47, 0x92,
    0xBD, 0x68, 0xC2, 0x17, 0x43, 0x96, 0x3C, 0xE9, 0x94, 0x41, 0xEB, 0x3E,
    0x6A, 0xBF, 0x15, 0xC0, 0x4B, 0x9E, 0x34, 0xE1, 0xB5, 0x60, 0xCA, 0x1F,
    0x62, 0xB7, 0x1D, 0xC8, 0x9C, 0x49, 0xE3, 0x36, 0x19, 0xCC, 0x66, 0xB3,
    0xE7, 0x32, 0x98, 0x4D, 0x30, 0xE5, 0x4F, 0x9A, 0xCE, 0x1B, 0xB1, 0x64,
    0x72, 0xA7, 0x0D, 0xD8, 0x8C, 0x59, 0xF3, 0x26, 0x5B, 0x8E, 0x24, 0xF1,
    0xA5, 0x70, 0xDA, 0x0F, 0x20, 0xF5, 0x5F, 0x8A, 0xDE, 0x0B, 0xA1, 0x74,
    0x09, 0xDC, 0x76, 0xA3, 0xF7, 0x22, 0x88, 0x5D, 0xD6, 0x03, 0xA9, 0x7C,
    0x28, 0xFD, 0x57, 0x82, 0xFF, 0x2A, 0x80, 0x55, 0x01, 0xD4, 0x7E, 0xAB,
    0x84, 0x51, 0xFB, 0x2E, 0x7A, 0xAF, 0x05, 0xD0, 0xAD, 0x78, 0xD2, 0x07,
    0x53, 0x86, 0x2C, 0xF9,
};

enum {
  BBH_LEN = 10,
  BBH_MATYPE1 = 0,
  BBH_MATYPE2 = 1,
  BBH_UPL = 2,
  BBH_DFL = 4,
  BBH_SYNC = 6,
  BBH_SYNCD = 7,
  BBH_CRC = 9,
  BB_SYNCD_NONE = 0xFFFF
};

static inline unsigned bb_be16(const uint8_t *p) { return (unsigned)p[0] << 8 | p[1]; }

class DVBS2BBFrameCheck : public Element {
public:
  DVBS2BBFrameCheck();

  const char *class_name() const override { return "DVBS2BBFrameCheck"; }
  const char *port_count() const override { return "1/1-2"; }
  int configure(Vector<String> &conf, ErrorHandler *errh) override;
  void push(int port, Packet *p) override;

private:
  unsigned _offset;  // IP header offset in the frame
  unsigned _mode;    // 0 normal, 1 high efficiency
  bool _check_up;    // verify user-packet CRCs in normal mode
  int _new_isi;      // -1: leave MATYPE-2 alone
  uint8_t _up_run;   // CRC over the useful part of the open user packet
  int _up_have;      // its useful bytes so far, -1 when unknown
  uint64_t _frames, _bad_header, _up_good, _up_bad, _up_unchecked, _malformed;

  bool locate_frame(Packet *p, unsigned &off, unsigned &len) const;
  bool header_ok(const uint8_t *h) const;
  void reseal_header(uint8_t *h) const;
  void check_user_packets(const uint8_t *df, unsigned len, unsigned upl,
                          unsigned syncd);
};

DVBS2BBFrameCheck::DVBS2BBFrameCheck()
    : _offset(14), _mode(0), _check_up(true), _new_isi(-1), _up_run(0),
      _up_have(-1), _frames(0), _bad_header(0), _up_good(0), _up_bad(0),
      _up_unchecked(0), _malformed(0) {}

int DVBS2BBFrameCheck::configure(Vector<String> &conf, ErrorHandler *errh) {
  bool hem = false;
  int isi = -1;
  if (Args(conf, this, errh)
          .read("OFFSET", _offset)
          .read("HEM", hem)
          .read("CHECK_UP", _check_up)
          .read("ISI", BoundedIntArg(-1, 255), isi)
          .complete() < 0)
    return -1;
  _mode = hem ? 1 : 0;
  _new_isi = isi;
  return 0;
}

// Finds the UDP payload (the BBFrame) of an IPv4 datagram.
bool DVBS2BBFrameCheck::locate_frame(Packet *p, unsigned &off,
                                     unsigned &len) const {
  if (p->length() < _offset + sizeof(click_ip))
    return false;
  const click_ip *iph = reinterpret_cast<const click_ip *>(p->data() + _offset);
  unsigned hl = iph->ip_hl << 2;
  unsigned tot = ntohs(iph->ip_len);
  if (iph->ip_v != 4 || iph->ip_p != IP_PROTO_UDP || hl < sizeof(click_ip) ||
      tot < hl + sizeof(click_udp) || _offset + tot > p->length())
    return false;
  const click_udp *uh =
      reinterpret_cast<const click_udp *>(p->data() + _offset + hl);
  unsigned ulen = ntohs(uh->uh_ulen);
  if (ulen < sizeof(click_udp) + BBH_LEN || hl + ulen > tot)
    return false;
  off = _offset + hl + sizeof(click_udp);
  len = ulen - sizeof(click_udp);
  return true;
}

bool DVBS2BBFrameCheck::header_ok(const uint8_t *h) const {
  uint8_t r = 0;
  for (int i = 0; i < BBH_CRC; i++)
    r = bb_crc8_tab[r ^ h[i]];
  return (uint8_t)(r ^ _mode) == h[BBH_CRC];
}

void DVBS2BBFrameCheck::reseal_header(uint8_t *h) const {
  uint8_t r = 0;
  const uint8_t *q = h, *stop = h + BBH_CRC;
  while (q != stop)
    r = bb_crc8_tab[r ^ *q++];
  h[BBH_CRC] = (uint8_t)(r ^ _mode);
}

// Data field of len bytes; UPL and SYNCD in bytes here. The byte at each
// user-packet boundary is the CRC-8 of the useful part before it.
void DVBS2BBFrameCheck::check_user_packets(const uint8_t *df, unsigned len,
                                           unsigned upl, unsigned syncd) {
  uint8_t r = _up_run;
  int have = _up_have;
  unsigned pos = 0;
  unsigned boundary = syncd == BB_SYNCD_NONE ? len : syncd;
  for (;;) {
    unsigned stop = boundary < len ? boundary : len;
    if (have >= 0)
      have = have + (int)(stop - pos) > (int)upl ? -1 : have + (int)(stop - pos);
    for (; pos < stop; pos++)
      r = bb_crc8_tab[r ^ df[pos]];
    if (pos >= len)
      break;
    // df[pos] carries the CRC of the user packet that just ended.
    if (have == (int)(upl - 1)) {
      if (df[pos] == r)
        _up_good++;
      else
        _up_bad++;
    } else {
      _up_unchecked++;
    }
    r = 0;
    have = 0;
    pos++;
    boundary = pos + (upl - 1);
  }
  _up_run = r;
  _up_have = have;
}

void DVBS2BBFrameCheck::push(int, Packet *p) {
  unsigned off, len;
  _frames++;
  if (!locate_frame(p, off, len)) {
    _malformed++;
    _up_have = -1;
    checked_output_push(1, p);
    return;
  }
  const uint8_t *h = p->data() + off;
  if (!header_ok(h)) {
    _bad_header++;
    _up_have = -1;
    checked_output_push(1, p);
    return;
  }
  unsigned upl = bb_be16(h + BBH_UPL), dfl = bb_be16(h + BBH_DFL);
  unsigned syncd = bb_be16(h + BBH_SYNCD);
  bool ts_or_packetized = (h[BBH_MATYPE1] >> 6) != 1 && upl != 0;
  if (_check_up && _mode == 0 && ts_or_packetized && (upl & 7) == 0 &&
      (dfl & 7) == 0 && dfl / 8 <= len - BBH_LEN &&
      (syncd == BB_SYNCD_NONE || ((syncd & 7) == 0 && syncd < dfl)))
    check_user_packets(h + BBH_LEN, dfl / 8, upl / 8,
                       syncd == BB_SYNCD_NONE ? syncd : syncd / 8);
  else
    _up_have = -1;
  if (_new_isi >= 0 && h[BBH_MATYPE2] != (uint8_t)_new_isi) {
    WritablePacket *q = p->uniqueify();
    if (!q)
      return;
    uint8_t *wh = q->data() + off;
    wh[BBH_MATYPE2] = (uint8_t)_new_isi;
    reseal_header(wh);
    p = q;
  }
  output(0).push(p);
}
