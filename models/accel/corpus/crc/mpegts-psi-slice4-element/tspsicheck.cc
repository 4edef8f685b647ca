// TSPSICheck: validates the CRC_32 of MPEG-2 transport-stream PSI sections
// (PAT, CAT, and the PMTs announced by the PAT) carried in UDP datagrams
// (ISO/IEC 13818-1, "MPEG-TS over UDP": 1..7 188-byte TS packets per
// datagram).
//
// PSI sections end in a CRC_32 computed MSB-first with the CRC-32/MPEG-2
// parameters (poly 0x04C11DB7, init 0xFFFFFFFF, no reflection, xorout 0;
// check 0x0376E6E7), chosen so that the CRC over a whole section including
// its trailer is zero.  The CRC is computed four bytes at a time from
// big-endian words with four derived tables (slicing by four, MSB-first).
//
// TSPSICheck([DROP_BAD bool]): datagrams with a failing section are painted
// 1 (PAINT annotation) and, with DROP_BAD true, dropped.
#include <click/config.h>
#include <click/args.hh>
#include <click/element.hh>
#include <click/error.hh>
#include <click/packet.hh>
#include <click/packet_anno.hh>
#include <clicknet/ip.h>
#include <clicknet/udp.h>

class TSPSICheck : public Element {
public:
  TSPSICheck();

  const char *class_name() const override { return "TSPSICheck"; }
  const char *port_count() const override { return PORTS_1_1; }
  int configure(Vector<String> &conf, ErrorHandler *errh) override;
  Packet *simple_action(Packet *p) override;

  // Register after the section bytes (0 for an intact section).
  uint32_t section_crc(const uint8_t *sec, unsigned len) const;

  uint64_t sections_ok() const { return _ok; }
  uint64_t sections_bad() const { return _bad; }
  uint64_t pmt_pids() const { return _npmt; }

  enum { TS_SIZE = 188, TS_SYNC = 0x47, MAX_PMT = 32 };

private:
  void build_slices();
  bool check_section(unsigned pid, const uint8_t *sec, unsigned avail);
  void learn_pat(const uint8_t *sec, unsigned len);
  bool is_psi_pid(unsigned pid) const;

  uint32_t _slice[4][256];
  uint16_t _pmt[MAX_PMT];
  unsigned _npmt;
  bool _drop_bad;
  uint64_t _ok;
  uint64_t _bad;
  uint64_t _datagrams;
};

static const uint32_t kMpegPoly = 0x04C11DB7u;

TSPSICheck::TSPSICheck()
    : _npmt(0), _drop_bad(false), _ok(0), _bad(0), _datagrams(0) {
  build_slices();
}

// _slice[0][b] = b(x) * x^32 mod P; _slice[k][b] = _slice[k-1][b] * x^8.
void TSPSICheck::build_slices() {
  for (unsigned b = 0; b < 256; ++b) {
    uint32_t r = (uint32_t)b << 24;
    for (int i = 0; i < 8; ++i)
      r = (r & 0x80000000u) ? (r << 1) ^ kMpegPoly : (r << 1);
    _slice[0][b] = r;
  }
  for (int k = 1; k < 4; ++k)
    for (unsigned b = 0; b < 256; ++b) {
      uint32_t prev = _slice[k - 1][b];
      _slice[k][b] = (prev << 8) ^ _slice[0][prev >> 24];
    }
}

uint32_t TSPSICheck::section_crc(const uint8_t *sec, unsigned len) const {
  uint32_t c = 0xFFFFFFFFu;
  while (len >= 4) {
    c ^= ((uint32_t)sec[0] << 24) | ((uint32_t)sec[1] << 16) |
         ((uint32_t)sec[2] << 8) | sec[3];
    c = _slice[3][c >> 24] ^ _slice[2][(c >> 16) & 0xFF] ^
        _slice[1][(c >> 8) & 0xFF] ^ _slice[0][c & 0xFF];
    sec += 4;
    len -= 4;
  }
  while (len--)
    c = (c << 8) ^ _slice[0][(c >> 24) ^ *sec++];
  return c;
}

int TSPSICheck::configure(Vector<String> &conf, ErrorHandler *errh) {
  if (Args(conf, this, errh).read("DROP_BAD", _drop_bad).complete() < 0)
    return -1;
  return 0;
}

bool TSPSICheck::is_psi_pid(unsigned pid) const {
  if (pid <= 1)
    return true;  // PAT, CAT
  for (unsigned i = 0; i < _npmt; ++i)
    if (_pmt[i] == pid)
      return true;
  return false;
}

// PAT body: after the 8-byte long header, 4-byte entries
// (program_number, 3 reserved bits + 13-bit PID) up to the CRC.
void TSPSICheck::learn_pat(const uint8_t *sec, unsigned len) {
  for (unsigned off = 8; off + 4 <= len - 4; off += 4) {
    unsigned program = (sec[off] << 8) | sec[off + 1];
    unsigned pid = ((sec[off + 2] & 0x1F) << 8) | sec[off + 3];
    if (program == 0 || is_psi_pid(pid) || _npmt >= MAX_PMT)
      continue;  // network PID, known, or table full
    _pmt[_npmt++] = (uint16_t)pid;
  }
}

// Returns false for a section that is complete but fails its CRC.
bool TSPSICheck::check_section(unsigned pid, const uint8_t *sec,
                               unsigned avail) {
  if (avail < 3 || sec[0] == 0xFF)
    return true;  // stuffing
  bool syntax = (sec[1] & 0x80) != 0;
  unsigned total = 3 + (((sec[1] & 0x0F) << 8) | sec[2]);
  if (!syntax || total < 12 || total > avail)
    return true;  // no CRC, or continues in a later TS packet
  if (section_crc(sec, total) != 0) {
    _bad++;
    return false;
  }
  _ok++;
  if (pid == 0 && sec[0] == 0x00)
    learn_pat(sec, total);
  return true;
}

Packet *TSPSICheck::simple_action(Packet *p) {
  const click_ip *iph = p->has_network_header() ? p->ip_header() : 0;
  if (!iph || iph->ip_p != IP_PROTO_UDP)
    return p;
  const uint8_t *udp = p->transport_header();
  if (!udp || p->transport_length() < (int)sizeof(click_udp))
    return p;
  const uint8_t *ts = udp + sizeof(click_udp);
  unsigned left = p->transport_length() - sizeof(click_udp);
  bool all_good = true;
  _datagrams++;
  for (; left >= TS_SIZE; ts += TS_SIZE, left -= TS_SIZE) {
    if (ts[0] != TS_SYNC || (ts[1] & 0x80))
      continue;  // lost sync or transport_error_indicator
    unsigned pid = ((ts[1] & 0x1F) << 8) | ts[2];
    bool pusi = (ts[1] & 0x40) != 0;
    unsigned afc = (ts[3] >> 4) & 3;
    if (!pusi || !(afc & 1) || !is_psi_pid(pid))
      continue;
    unsigned pay = 4;
    if (afc == 3)
      pay += 1 + ts[4];
    if (pay >= TS_SIZE)
      continue;
    unsigned ptr = ts[pay];
    unsigned start = pay + 1 + ptr;
    if (start >= TS_SIZE)
      continue;
    if (!check_section(pid, ts + start, TS_SIZE - start))
      all_good = false;
  }
  if (!all_good) {
    SET_PAINT_ANNO(p, 1);
    if (_drop_bad) {
      p->kill();
      return 0;
    }
  }
  return p;
}

EXPORT_ELEMENT(TSPSICheck)
