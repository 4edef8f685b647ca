// RedisSlotPaint: Redis Cluster key-slot classification of client requests.
//
// Each TCP segment towards a Redis server whose payload starts with a RESP
// array ("*N\r\n$len\r\nCMD\r\n$len\r\nKEY\r\n...") has its first key
// mapped to one of the 16384 cluster hash slots,
//     slot = CRC16(key) mod 16384,
// where CRC16 is CRC-16/XMODEM (poly 0x1021, init 0, not reflected,
// xorout 0; check 0x31C3) and, when the key contains a hash tag "{...}"
// with a non-empty body, only the tag body is hashed.  The slot is stored
// in the AGGREGATE_AUX annotation and the owning node -- NODES equal slot
// ranges, as a freshly created cluster assigns them -- in PAINT.
// Segments without a parsable key are painted 0xFF.
//
// The CRC table below is written out from the definition
// (entry i = i(x) * x^16 mod P); the loop consumes two bytes per turn.
#include <click/config.h>
#include <click/args.hh>
#include <click/element.hh>
#include <click/error.hh>
#include <click/packet.hh>
#include <click/packet_anno.hh>
#include <clicknet/ip.h>
#include <clicknet/tcp.h>

static const uint16_t kSlotCrcTable[256] = {
    0x0000, 0x1021, 0x2042, 0x3063, 0x4084, 0x50A5, 0x60C6, 0x70E7,
    0x8108, 0x9129, 0xA14A, 0xB16B, 0xC18C, 0xD1AD, 0xE1CE, 0xF1EF,
    0x1231, 0x0210, 0x3273, 0x2252, 0x52B5, 0x4294, 0x72F7, 0x62D6,
    0x9339, 0x8318, 0xB37B, 0xA35A, 0xD3BD, 0xC39C, 0xF3FF, 0xE3DE,
    0x2462, 0x3443, 0x0420, 0x1401, 0x64E6, 0x74C7, 0x44A4, 0x5485,
    0xA56A, 0xB54B, 0x8528, 0x9509, 0xE5EE, 0xF5CF, 0xC5AC, 0xD58D,
    0x3653, 0x2672, 0x1611, 0x0630, 0x76D7, 0x66F6, 0x5695, 0x46B4,
    0xB75B, 0xA77A, 0x9719, 0x8738, 0xF7DF, 0xE7FE, 0xD79D, 0xC7BC,
    0x48C4, 0x58E5, 0x6886, 0x78A7, 0x0840, 0x1861, 0x2802, 0x3823,
    0xC9CC, 0xD9ED, 0xE98E, 0xF9AF, 0x8948, 0x9969, 0xA90A, 0xB92B,
    0x5AF5, 0x4AD4, 0x7AB7, 0x6A96, 0x1A71, 0x0A50, 0x3A33, 0x2A12,
    0xDBFD, 0xCBDC, 0xFBBF, 0xEB9E, 0x9B79, 0x8B58, 0xBB3B, 0xAB1A,
    0x6CA6, 0x7C87, 0x4CE4, 0x5CC5, 0x2C22, 0x3C03, 0x0C60, 0x1C41,
    0xEDAE, 0xFD8F, 0xCDEC, 0xDDCD, 0xAD2A, 0xBD0B, 0x8D68, 0x9D49,
    0x7E97, 0x6EB6, 0x5ED5, 0x4EF4, 0x3E13, 0x2E32, 0x1E51, 0x0E70,
    0xFF9F, 0xEFBE, 0xDFDD, 0xCFFC, 0xBF1B, 0xAF3A, 0x9F59, 0x8F78,
    0x9188, 0x81A9, 0xB1CA, 0xA1EB, 0xD10C, 0xC12D, 0xF14E, 0xE16F,
    0x1080, 0x00A1, 0x30C2, 0x20E3, 0x5004, 0x4025, 0x7046, 0x6067,
    0x83B9, 0x9398, 0xA3FB, 0xB3DA, 0xC33D, 0xD31C, 0xE37F, 0xF35E,
    0x02B1, 0x1290, 0x22F3, 0x32D2, 0x4235, 0x5214, 0x6277, 0x7256,
    0xB5EA, 0xA5CB, 0x95A8, 0x8589, 0xF56E, 0xE54F, 0xD52C, 0xC50D,
    0x34E2, 0x24C3, 0x14A0, 0x0481, 0x7466, 0x6447, 0x5424, 0x4405,
    0xA7DB, 0xB7FA, 0x8799, 0x97B8, 0xE75F, 0xF77E, 0xC71D, 0xD73C,
    0x26D3, 0x36F2, 0x0691, 0x16B0, 0x6657, 0x7676, 0x4615, 0x5634,
    0xD94C, 0xC96D, 0xF90E, 0xE92F, 0x99C8, 0x89E9, 0xB98A, 0xA9AB,
    0x5844, 0x4865, 0x7806, 0x6827, 0x18C0, 0x08E1, 0x3882, 0x28A3,
    0xCB7D, 0xDB5C, 0xEB3F, 0xFB1E, 0x8BF9, 0x9BD8, 0xABBB, 0xBB9A,
    0x4A75, 0x5A54, 0x6A37, 0x7A16, 0x0AF1, 0x1AD0, 0x2AB3, 0x3A92,
    0xFD2E, 0xED0F, 0xDD6C, 0xCD4D, 0xBDAA, 0xAD8B, 0x9DE8, 0x8DC9,
    0x7C26, 0x6C07, 0x5C64, 0x4C45, 0x3CA2, 0x2C83, 0x1CE0, 0x0CC1,
    0xEF1F, 0xFF3E, 0xCF5D, 0xDF7C, 0xAF9B, 0xBFBA, 0x8FD9, 0x9FF8,
    0x6E17, 0x7E36, 0x4E55, 0x5E74, 0x2E93, 0x3EB2, 0x0ED1, 0x1EF0,
};

class RedisSlotPaint : public Element {
public:
  RedisSlotPaint() : _nodes(3), _port(6379), _unparsed(0) {
    for (int i = 0; i < MAX_NODES; ++i)
      _per_node[i] = 0;
  }

  const char *class_name() const override { return "RedisSlotPaint"; }
  const char *port_count() const override { return PORTS_1_1; }
  int configure(Vector<String> &conf, ErrorHandler *errh) override;
  Packet *simple_action(Packet *p) override;

  enum { NSLOTS = 16384, MAX_NODES = 64, NO_KEY = 0xFF };

  static unsigned key_crc(const uint8_t *s, unsigned n);
  static unsigned key_slot(const uint8_t *key, unsigned n);
  uint64_t node_count(int i) const { return _per_node[i]; }
  uint64_t unparsed() const { return _unparsed; }

private:
  static bool read_len(const uint8_t *&p, const uint8_t *end, char lead,
                       unsigned &val);
  static bool first_key(const uint8_t *p, const uint8_t *end,
                        const uint8_t *&key, unsigned &klen);

  int _nodes;
  unsigned _port;
  uint64_t _unparsed;
  uint64_t _per_node[MAX_NODES];
};

// MSB-first table CRC, two bytes per iteration.
unsigned RedisSlotPaint::key_crc(const uint8_t *s, unsigned n) {
  unsigned crc = 0;
  const uint8_t *end = s + (n & ~1u);
  while (s != end) {
    crc = ((crc << 8) & 0xFFFF) ^ kSlotCrcTable[(crc >> 8) ^ s[0]];
    crc = ((crc << 8) & 0xFFFF) ^ kSlotCrcTable[(crc >> 8) ^ s[1]];
    s += 2;
  }
  if (n & 1)
    crc = ((crc << 8) & 0xFFFF) ^ kSlotCrcTable[(crc >> 8) ^ *s];
  return crc;
}

// Hash-tag rule of the cluster specification, then CRC mod 16384.
unsigned RedisSlotPaint::key_slot(const uint8_t *key, unsigned n) {
  unsigned open = 0;
  while (open < n && key[open] != '{')
    ++open;
  if (open < n) {
    unsigned close = open + 1;
    while (close < n && key[close] != '}')
      ++close;
    if (close < n && close != open + 1)
      return key_crc(key + open + 1, close - open - 1) & (NSLOTS - 1);
  }
  return key_crc(key, n) & (NSLOTS - 1);
}

// "<lead><decimal>\r\n" -> val, advancing p past the CRLF.
bool RedisSlotPaint::read_len(const uint8_t *&p, const uint8_t *end, char lead,
                              unsigned &val) {
  if (p >= end || *p != (uint8_t)lead)
    return false;
  ++p;
  unsigned v = 0, digits = 0;
  while (p < end && *p >= '0' && *p <= '9' && digits < 9) {
    v = v * 10 + (*p - '0');
    ++p;
    ++digits;
  }
  if (!digits || end - p < 2 || p[0] != '\r' || p[1] != '\n')
    return false;
  p += 2;
  val = v;
  return true;
}

bool RedisSlotPaint::first_key(const uint8_t *p, const uint8_t *end,
                               const uint8_t *&key, unsigned &klen) {
  unsigned argc, len;
  if (!read_len(p, end, '*', argc) || argc < 2)
    return false;
  if (!read_len(p, end, '$', len) || (unsigned)(end - p) < len + 2)
    return false;  // command name
  p += len + 2;
  if (!read_len(p, end, '$', len) || (unsigned)(end - p) < len + 2)
    return false;
  key = p;
  klen = len;
  return true;
}

int RedisSlotPaint::configure(Vector<String> &conf, ErrorHandler *errh) {
  if (Args(conf, this, errh)
          .read("NODES", _nodes)
          .read("PORT", _port)
          .complete() < 0)
    return -1;
  if (_nodes < 1 || _nodes > MAX_NODES)
    return errh->error("NODES must be 1..%d", (int)MAX_NODES);
  return 0;
}

Packet *RedisSlotPaint::simple_action(Packet *p) {
  const click_ip *iph = p->has_network_header() ? p->ip_header() : 0;
  const uint8_t *key = 0;
  unsigned klen = 0;
  bool found = false;
  if (iph && iph->ip_p == IP_PROTO_TCP &&
      p->transport_length() >= (int)sizeof(click_tcp)) {
    const click_tcp *th = p->tcp_header();
    unsigned doff = th->th_off << 2;
    if (ntohs(th->th_dport) == _port && doff >= sizeof(click_tcp) &&
        (int)doff <= p->transport_length()) {
      const uint8_t *pay = p->transport_header() + doff;
      found = first_key(pay, p->end_data(), key, klen);
    }
  }
  if (!found) {
    _unparsed++;
    SET_PAINT_ANNO(p, NO_KEY);
    return p;
  }
  unsigned slot = key_slot(key, klen);
  unsigned node = (slot * (unsigned)_nodes) / NSLOTS;
  _per_node[node]++;
  SET_AGGREGATE_AUX_ANNO(p, (uint16_t)slot);
  SET_PAINT_ANNO(p, (uint8_t)node);
  return p;
}

EXPORT_ELEMENT(RedisSlotPaint)
