// RtpJitterMeter: per-SSRC RTP receiver statistics (RFC 3550 A.1, A.3, A.8)
// for IPv4/UDP packets whose network header is set.  Packets that belong to
// a validated source leave on output 0 with the extended highest sequence
// number in the annotation area; the rest leave on output 1 (or die).
#include <click/config.h>
#include <click/element.hh>
#include <click/args.hh>
#include <click/error.hh>
#include <click/packet.hh>
#include <clicknet/ip.h>
#include <clicknet/udp.h>

CLICK_DECLS

class RtpJitterMeter : public Element {
public:
  enum { NSRC = 16, SEQ_MOD = 1 << 16, MAX_DROPOUT = 3000, MAX_MISORDER = 100,
         MIN_SEQUENTIAL = 2, EXTSEQ_ANNO = 8, JITTER_ANNO = 12 };

  struct Source {
    uint32_t ssrc;
    uint16_t max_seq;
    uint32_t cycles;
    uint32_t base_seq;
    uint32_t bad_seq;
    uint32_t probation;
    uint32_t received;
    uint32_t transit;
    uint32_t jitter16;   // jitter in timestamp units, scaled by 16
    int64_t last_arrival_us;
    bool live;
  };

  RtpJitterMeter() : _rate(8000), _drops(0) { memset(_src, 0, sizeof(_src)); }
  const char *class_name() const override { return "RtpJitterMeter"; }
  const char *port_count() const override { return "1/1-2"; }
  const char *processing() const override { return PUSH; }

  int configure(Vector<String> &conf, ErrorHandler *errh) override {
    return Args(conf, this, errh).read("RATE", _rate).complete();
  }

  void push(int, Packet *p) override;

  const Source *source(uint32_t ssrc) const {
    for (int i = 0; i < NSRC; i++)
      if (_src[i].live && _src[i].ssrc == ssrc)
        return &_src[i];
    return 0;
  }
  static uint32_t expected(const Source &s) {
    return s.cycles + s.max_seq - s.base_seq + 1;
  }

private:
  Source _src[NSRC];
  uint32_t _rate;
  uint32_t _drops;

  Source *lookup_or_claim(uint32_t ssrc, int64_t now_us, bool &created);
  static void reset_seq(Source &s, uint16_t seq);
  static bool accept_seq(Source &s, uint16_t seq);
};


RtpJitterMeter::Source *RtpJitterMeter::lookup_or_claim(uint32_t ssrc, int64_t now_us, bool &created) {
  Source *victim = &_src[0];
  created = false;
  for (int i = 0; i < NSRC; i++) {
    Source &s = _src[i];
    if (s.live && s.ssrc == ssrc)
      return &s;
    if (!s.live)
      victim = &s;
    else if (victim->live && s.last_arrival_us < victim->last_arrival_us)
      victim = &s;
  }
  memset(victim, 0, sizeof(*victim));
  victim->live = true;
  victim->ssrc = ssrc;
  victim->last_arrival_us = now_us;
  created = true;
  return victim;
}

void RtpJitterMeter::reset_seq(Source &s, uint16_t seq) {
  s.base_seq = seq;
  s.max_seq = seq;
  s.bad_seq = SEQ_MOD + 1;
  s.cycles = 0;
  s.received = 0;
}

bool RtpJitterMeter::accept_seq(Source &s, uint16_t seq) {
  uint16_t udelta = (uint16_t)(seq - s.max_seq);

  if (s.probation) {
    if (seq == (uint16_t)(s.max_seq + 1)) {
      s.probation--;
      s.max_seq = seq;
      if (s.probation == 0) {
        reset_seq(s, seq);
        s.received++;
        return true;
      }
    } else {
      s.probation = MIN_SEQUENTIAL - 1;
      s.max_seq = seq;
    }
    return false;
  }
  if (udelta < MAX_DROPOUT) {
    if (seq < s.max_seq)
      s.cycles += SEQ_MOD;
    s.max_seq = seq;
  } else if (udelta <= SEQ_MOD - MAX_MISORDER) {
    if (seq == s.bad_seq) {
      reset_seq(s, seq); // the sender restarted
    } else {
      s.bad_seq = (seq + 1) & (SEQ_MOD - 1);
      return false;
    }
  }
  s.received++;
  return true;
}

void RtpJitterMeter::push(int, Packet *p) {
  const click_ip *iph = p->ip_header();
  const unsigned char *end = p->end_data();
  const unsigned char *rtp;

  if (!iph || iph->ip_p != IP_PROTO_UDP || IP_ISFRAG(iph))
    goto reject;
  rtp = reinterpret_cast<const unsigned char *>(iph) + (iph->ip_hl << 2) + sizeof(click_udp);
  if (rtp + 12 > end || (rtp[0] >> 6) != 2)
    goto reject;
  {
    unsigned csrc = rtp[0] & 15;
    const unsigned char *payload = rtp + 12 + 4 * csrc;
    if (payload > end)
      goto reject;
    if (rtp[0] & 0x10) { // header extension: 16-bit profile, 16-bit length in words
      if (payload + 4 > end)
        goto reject;
      payload += 4 + 4 * ((payload[2] << 8) | payload[3]);
      if (payload > end)
        goto reject;
    }
    if ((rtp[0] & 0x20) && (end == payload || end[-1] == 0 || end[-1] > end - payload))
      goto reject; // padding count must fit the payload
    uint8_t pt = rtp[1] & 0x7f;
    if (pt >= 72 && pt <= 76)
      goto reject; // RTCP SR/RR/SDES/BYE/APP collide here
  }
  {
    uint16_t seq = (rtp[2] << 8) | rtp[3];
    uint32_t ts = ((uint32_t)rtp[4] << 24) | (rtp[5] << 16) | (rtp[6] << 8) | rtp[7];
    uint32_t ssrc = ((uint32_t)rtp[8] << 24) | (rtp[9] << 16) | (rtp[10] << 8) | rtp[11];
    int64_t now_us = p->timestamp_anno().usecval();
    bool created;
    Source *s = lookup_or_claim(ssrc, now_us, created);

    if (created) {
      reset_seq(*s, seq);
      s->max_seq = seq - 1;
      s->probation = MIN_SEQUENTIAL;
    }
    s->last_arrival_us = now_us;
    if (!accept_seq(*s, seq))
      goto reject;

    // arrival time in RTP clock units; 32-bit wrap is intended
    uint32_t arrival = (uint32_t)((now_us * (int64_t)_rate) / 1000000);
    uint32_t transit = arrival - ts;
    if (s->received > 1) {
      int32_t d = (int32_t)(transit - s->transit);
      if (d < 0)
        d = -d;
      s->jitter16 += (uint32_t)d - ((s->jitter16 + 8) >> 4);
    }
    s->transit = transit;

    WritablePacket *q = p->uniqueify();
    if (!q)
      return;
    q->set_anno_u32(EXTSEQ_ANNO, s->cycles + s->max_seq);
    q->set_anno_u32(JITTER_ANNO, s->jitter16 >> 4);
    output(0).push(q);
    return;
  }
reject:
  _drops++;
  checked_output_push(1, p);
}

CLICK_ENDDECLS
EXPORT_ELEMENT(RtpJitterMeter)
