// Training source for the instruction models (models/README.md): an RTP/RTCP
// stream monitor (RFC 3550): header validation (version, CSRC count,
// extension, padding), per-SSRC sequence tracking with 16-bit wraparound and
// cycle counting, interarrival jitter in signed fixed point, loss fraction by
// 64-bit division, and RTCP packet-type dispatch.
// Written for training only; not part of the NF corpus.
#include <click/clara.hh>
#include <click/config.h>
#include <click/element.hh>
#include <click/hashmap.hh>
#include <click/packet.hh>
#include <click/packet_anno.hh>
#include <click/timestamp.hh>
#include <clicknet/ip.h>
#include <clicknet/udp.h>

struct RtpSource {
  uint16_t max_seq;
  uint32_t cycles;
  uint32_t base_seq;
  uint32_t received;
  uint32_t bad_seq;
  int32_t transit;
  uint32_t jitter; // scaled by 16
  uint32_t sr_count;
  uint8_t probation;
};

enum { RTP_SEQ_MOD = 1 << 16, MAX_DROPOUT = 3000, MAX_MISORDER = 100 };

static uint32_t be32(const uint8_t *b) {
  return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 |
         b[3];
}

template <int CLOCK_KHZ> class TrainRtpMon : public Element {
public:
  TrainRtpMon() : _rtp(0), _rtcp(0), _invalid(0), _late(0) {}
  const char *class_name() const override { return "TrainRtpMon"; }
  const char *port_count() const override { return PORTS_1_1; }
  Packet *simple_action(Packet *p) override;

private:
  // Length of the fixed header plus CSRCs and extension, or -1.
  int header_length(const uint8_t *b, int len) const {
    if (len < 12 || (b[0] >> 6) != 2)
      return -1;
    int hl = 12 + 4 * (b[0] & 0x0f);
    if (b[0] & 0x10) {
      if (hl + 4 > len)
        return -1;
      hl += 4 + 4 * ((b[hl + 2] << 8) | b[hl + 3]);
    }
    if (hl > len)
      return -1;
    if (b[0] & 0x20) {
      int pad = b[len - 1];
      if (pad == 0 || hl + pad > len)
        return -1;
    }
    return hl;
  }
  bool update_seq(RtpSource *s, uint16_t seq);
  void update_jitter(RtpSource *s, uint32_t rtp_ts, const Timestamp &arrival) {
    uint32_t now = (uint32_t)(arrival.msecval() * CLOCK_KHZ);
    int32_t transit = (int32_t)(now - rtp_ts);
    int32_t d = (int32_t)((uint32_t)transit - (uint32_t)s->transit);
    s->transit = transit;
    uint32_t ad = d < 0 ? 0u - (uint32_t)d : (uint32_t)d;
    s->jitter += ad - ((s->jitter + 8) >> 4);
  }
  uint8_t loss_fraction(const RtpSource *s) const {
    uint64_t extended = (uint64_t)s->cycles + s->max_seq;
    int64_t expected = (int64_t)extended - s->base_seq + 1;
    int64_t lost = expected - s->received;
    if (expected <= 0 || lost <= 0)
      return 0;
    return (uint8_t)((uint64_t)(lost << 8) / (uint64_t)expected);
  }
  int rtcp(const uint8_t *b, int len);

  HashMap<uint32_t, RtpSource, 64, 4> _sources;
  uint64_t _rtp, _rtcp, _invalid, _late;
};

template <int CLOCK_KHZ>
bool TrainRtpMon<CLOCK_KHZ>::update_seq(RtpSource *s, uint16_t seq) {
  uint16_t udelta = (uint16_t)(seq - s->max_seq);
  if (s->probation) {
    if (seq == (uint16_t)(s->max_seq + 1)) {
      s->probation--;
      s->max_seq = seq;
      if (s->probation == 0) {
        s->base_seq = seq;
        s->received = 0;
        return true;
      }
    } else {
      s->probation = 1;
      s->max_seq = seq;
    }
    return false;
  }
  if (udelta < MAX_DROPOUT) {
    if (seq < s->max_seq)
      s->cycles += RTP_SEQ_MOD;
    s->max_seq = seq;
  } else if (udelta <= RTP_SEQ_MOD - MAX_MISORDER) {
    if ((uint32_t)seq == s->bad_seq) {
      s->base_seq = seq;
      s->max_seq = seq;
      s->cycles = 0;
      s->received = 0;
    } else {
      s->bad_seq = (uint32_t)(seq + 1) & (RTP_SEQ_MOD - 1);
      return false;
    }
  } else {
    _late++;
  }
  return true;
}

template <int CLOCK_KHZ>
int TrainRtpMon<CLOCK_KHZ>::rtcp(const uint8_t *b, int len) {
  int off = 0, n = 0;
  while (off + 8 <= len) {
    if ((b[off] >> 6) != 2)
      return -1;
    int plen = 4 * (((b[off + 2] << 8) | b[off + 3]) + 1);
    if (off + plen > len)
      return -1;
    uint32_t ssrc = be32(b + off + 4);
    switch (b[off + 1]) {
    case 200: { // SR
      RtpSource *s = _sources.findp(ssrc);
      if (s)
        s->sr_count++;
      break;
    }
    case 201: // RR
    case 202: // SDES
      break;
    case 203: // BYE
      _sources.erase(ssrc);
      break;
    default:
      if (b[off + 1] < 192 || b[off + 1] > 223)
        return -1;
    }
    off += plen;
    n++;
  }
  return n;
}

template <int CLOCK_KHZ>
Packet *TrainRtpMon<CLOCK_KHZ>::simple_action(Packet *p) {
  const click_ip *iph = p->ip_header();
  if (!iph || iph->ip_p != IP_PROTO_UDP || p->transport_length() < 8 + 12)
    return p;
  const click_udp *uh = p->udp_header();
  const uint8_t *b = reinterpret_cast<const uint8_t *>(uh + 1);
  int len = p->transport_length() - 8;
  uint16_t dport = ntohs(uh->uh_dport);
  if (dport < 1024 || dport > 49151)
    return p;
  if (b[1] >= 200 && b[1] <= 204) {
    _rtcp++;
    if (rtcp(b, len) < 0)
      _invalid++;
    return p;
  }
  int hl = header_length(b, len);
  if (hl < 0) {
    _invalid++;
    return p;
  }
  uint32_t ssrc = be32(b + 8);
  RtpSource *s = _sources.findp(ssrc);
  uint16_t seq = (uint16_t)(b[2] << 8 | b[3]);
  if (!s) {
    RtpSource fresh;
    memset(&fresh, 0, sizeof(fresh));
    fresh.max_seq = (uint16_t)(seq - 1);
    fresh.probation = 2;
    fresh.bad_seq = RTP_SEQ_MOD + 1;
    if (!_sources.insert(ssrc, fresh) || !(s = _sources.findp(ssrc)))
      return p;
  }
  if (update_seq(s, seq)) {
    s->received++;
    update_jitter(s, be32(b + 4), p->timestamp_anno());
  }
  _rtp++;
  WritablePacket *q = p->uniqueify();
  if (q) {
    q->set_anno_u8(PAINT_ANNO_OFFSET, loss_fraction(s));
    q->set_anno_u16(AGGREGATE_AUX_ANNO_OFFSET, (uint16_t)(s->jitter >> 4));
  }
  return q;
}

extern "C" Element *clara_nf_create(const char *config) {
  Element *e[2] = {new TrainRtpMon<8>, new TrainRtpMon<90>};
  String conf = config ? String(config) : String();
  for (int i = 0; i < 2; ++i)
    if (clara_element_setup(e[i], conf, 1, 1) < 0)
      return 0;
  clara_connect(e[0], 0, e[1], 0);
  return e[0];
}
