// IGMPQueryClamp: polices the timers that IGMP queriers advertise (RFC 3376).
// An IGMPv3 Query carries its Max Resp Time and Querier's Query Interval as
// 8-bit codes: below 128 the code is the value itself, otherwise it is a
// tiny float 1|exp:3|mant:4 meaning (mant | 0x10) << (exp + 3). The element
// decodes both, clamps them to configured bounds, re-encodes (rounding
// towards the bound), and patches the IGMP checksum incrementally
// (RFC 1624). IGMPv2 queries (8-byte messages) carry a linear MRT and are
// clamped likewise; non-query IGMP and non-IGMP packets pass untouched.
//
// IGMPQueryClamp(MIN_MRT, MAX_MRT, MIN_QQI, MAX_QQI)  (MRT in 1/10 s,
// QQI in s). Input: IPv4 packets with the IP header annotation set.
// Output 0: packets; output 1 (optional): malformed queries.

#include <click/config.h>
#include <click/element.hh>
#include <click/error.hh>
#include <click/packet.hh>
#include <click/args.hh>
#include <clicknet/ip.h>

class IGMPQueryClamp : public Element {
public:
  IGMPQueryClamp();

  const char *class_name() const override { return "IGMPQueryClamp"; }
  const char *port_count() const override { return "1/1-2"; }
  const char *processing() const override { return PUSH; }
  int configure(Vector<String> &conf, ErrorHandler *errh) override;
  void push(int port, Packet *p) override;

  enum { CODE_MAX_VALUE = 0x1F << 10 };  // (0xF|0x10) << (7+3)

  static unsigned code_to_value(uint8_t code);
  static uint8_t value_to_code_floor(unsigned value);
  static uint8_t value_to_code_ceil(unsigned value);

  // Returns the output port; may replace p (uniqueify).
  int police(Packet *&p);

  uint64_t rewritten() const { return _rewritten; }

private:
  unsigned _min_mrt, _max_mrt, _min_qqi, _max_qqi;
  uint64_t _queries, _rewritten, _malformed;

  static uint8_t clamp_code(uint8_t code, unsigned lo, unsigned hi);
  static void patch_word(unsigned char *igmp, unsigned off, uint16_t oldw,
                         uint16_t neww);
};

IGMPQueryClamp::IGMPQueryClamp()
    : _min_mrt(10), _max_mrt(250), _min_qqi(10), _max_qqi(250), _queries(0),
      _rewritten(0), _malformed(0) {}

int IGMPQueryClamp::configure(Vector<String> &conf, ErrorHandler *errh) {
  if (Args(conf, this, errh)
          .read_mp("MIN_MRT", _min_mrt)
          .read_mp("MAX_MRT", _max_mrt)
          .read_mp("MIN_QQI", _min_qqi)
          .read_mp("MAX_QQI", _max_qqi)
          .complete() < 0)
    return -1;
  if (_min_mrt > _max_mrt || _min_qqi > _max_qqi || _max_mrt > CODE_MAX_VALUE ||
      _max_qqi > CODE_MAX_VALUE)
    return errh->error("bad bounds");
  return 0;
}

unsigned IGMPQueryClamp::code_to_value(uint8_t code) {
  if (code < 0x80)
    return code;
  unsigned exp = (code >> 4) & 7;
  unsigned mant = code & 0x0F;
  return (mant | 0x10) << (exp + 3);
}

// Largest code whose value does not exceed value.
uint8_t IGMPQueryClamp::value_to_code_floor(unsigned value) {
  if (value < 0x80)
    return (uint8_t)value;
  if (value >= CODE_MAX_VALUE)
    return 0xFF;
  unsigned top = 7;                 // index of the highest set bit
  while ((value >> (top + 1)) != 0)
    top++;
  unsigned exp = top - 7;
  unsigned mant = (value >> (exp + 3)) & 0x0F;
  return (uint8_t)(0x80 | (exp << 4) | mant);
}

// Smallest code whose value is at least value (saturating).
uint8_t IGMPQueryClamp::value_to_code_ceil(unsigned value) {
  uint8_t c = value_to_code_floor(value);
  if (code_to_value(c) < value && c != 0xFF)
    c++;
  return c;
}

uint8_t IGMPQueryClamp::clamp_code(uint8_t code, unsigned lo, unsigned hi) {
  unsigned v = code_to_value(code);
  if (v < lo)
    return value_to_code_ceil(lo);
  if (v > hi)
    return value_to_code_floor(hi);
  return code;
}

void IGMPQueryClamp::patch_word(unsigned char *igmp, unsigned off,
                                uint16_t oldw, uint16_t neww) {
  uint16_t hc = (uint16_t)((igmp[2] << 8) | igmp[3]);
  uint32_t sum = (uint16_t)~hc;
  sum += (uint16_t)~oldw;
  sum += neww;
  while (sum >> 16)
    sum = (sum & 0xFFFF) + (sum >> 16);
  hc = (uint16_t)~sum;
  igmp[off] = (unsigned char)(neww >> 8);
  igmp[off + 1] = (unsigned char)neww;
  igmp[2] = (unsigned char)(hc >> 8);
  igmp[3] = (unsigned char)hc;
}

int IGMPQueryClamp::police(Packet *&p) {
  const click_ip *iph = p->ip_header();
  if (!iph || iph->ip_p != IP_PROTO_IGMP)
    return 0;
  unsigned hlen = iph->ip_hl << 2;
  unsigned total = ntohs(iph->ip_len);
  int avail = p->end_data() - p->network_header();
  if (total > (unsigned)avail || total < hlen + 8)
    return 0;
  const unsigned char *g = p->network_header() + hlen;
  if (g[0] != 0x11)
    return 0;                      // not a membership query
  _queries++;
  unsigned glen = total - hlen;
  if (glen != 8 && glen < 12) {
    _malformed++;
    return noutputs() > 1 ? 1 : 0;
  }
  if (click_in_cksum(g, glen) != 0) {
    _malformed++;
    return noutputs() > 1 ? 1 : 0;
  }

  uint8_t mrc = g[1], new_mrc, qqic = 0, new_qqic = 0;
  if (glen == 8) {
    if (mrc == 0)
      return 0;                    // IGMPv1 query: no response time field
    unsigned lo = _min_mrt > 255 ? 255 : _min_mrt;
    unsigned hi = _max_mrt > 255 ? 255 : _max_mrt;
    new_mrc = mrc < lo ? lo : mrc > hi ? hi : mrc;
  } else {
    unsigned nsrc = (g[10] << 8) | g[11];
    if (12 + 4 * nsrc > glen) {
      _malformed++;
      return noutputs() > 1 ? 1 : 0;
    }
    new_mrc = clamp_code(mrc, _min_mrt, _max_mrt);
    qqic = g[9];
    new_qqic = clamp_code(qqic, _min_qqi, _max_qqi);
  }
  if (new_mrc == mrc && new_qqic == qqic)
    return 0;

  WritablePacket *q = p->uniqueify();
  p = q;
  if (!q)
    return -1;
  unsigned char *w = q->network_header() + hlen;
  if (new_mrc != mrc)
    patch_word(w, 0, (uint16_t)((w[0] << 8) | mrc), (uint16_t)((w[0] << 8) | new_mrc));
  if (new_qqic != qqic)
    patch_word(w, 8, (uint16_t)((w[8] << 8) | qqic), (uint16_t)((w[8] << 8) | new_qqic));
  _rewritten++;
  return 0;
}

void IGMPQueryClamp::push(int, Packet *p) {
  int port = police(p);
  if (port >= 0 && p)
    checked_output_push(port, p);
}

EXPORT_ELEMENT(IGMPQueryClamp)
