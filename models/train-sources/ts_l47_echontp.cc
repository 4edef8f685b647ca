// Training source for the instruction models (models/README.md): an ICMP
// echo and NTP (RFC 5905) server-mode responder: request validation, in-place
// reply construction (address/port swap, ICMP type change with incremental
// checksum, NTP 64-bit fixed-point timestamps from the packet's timestamp
// annotation), and per-client request counters with a rate cap.
// Written for training only; not part of the NF corpus.
#include <click/clara.hh>
#include <click/config.h>
#include <click/element.hh>
#include <click/hashmap.hh>
#include <click/packet.hh>
#include <click/packet_anno.hh>
#include <click/timestamp.hh>
#include <clicknet/icmp.h>
#include <clicknet/ip.h>
#include <clicknet/udp.h>

enum { NTP_LEN = 48, ICMP_TS_LEN = 20 };
static const uint32_t NTP_EPOCH_OFFSET = 2208988800u;

// Seconds and nanoseconds to NTP 32.32 fixed point.
static uint64_t ntp_time(uint32_t sec, uint32_t nsec) {
  uint64_t frac = ((uint64_t)nsec << 32) / 1000000000u;
  return (uint64_t)(sec + NTP_EPOCH_OFFSET) << 32 | (frac & 0xffffffffu);
}

static void put64(uint8_t *b, uint64_t v) {
  for (int i = 7; i >= 0; --i) {
    b[i] = (uint8_t)v;
    v >>= 8;
  }
}

static void swap_ip(click_ip *iph) {
  struct in_addr a = iph->ip_src;
  iph->ip_src = iph->ip_dst;
  iph->ip_dst = a;
  // the header sum covers both addresses: swapping them keeps it
  iph->ip_ttl = 64;
  iph->ip_sum = 0;
  iph->ip_sum =
      click_in_cksum(reinterpret_cast<unsigned char *>(iph), iph->ip_hl << 2);
}

class TrainEchoNtp : public Element {
public:
  TrainEchoNtp()
      : _stratum(2), _precision(-20), _refid(0x47505300u), _cap(64), _echo(0),
        _ntp(0), _capped(0), _bad(0) {}
  const char *class_name() const override { return "TrainEchoNtp"; }
  const char *port_count() const override { return "1/2"; }
  const char *processing() const override { return PUSH; }
  void push(int port, Packet *p) override;

private:
  bool over_cap(uint32_t client, uint32_t sec) {
    uint32_t *w = _window.findp(client);
    if (!w) {
      _window.insert(client, sec << 8 | 1);
      return false;
    }
    if ((*w >> 8) != (sec & 0xffffffu)) {
      *w = sec << 8 | 1;
      return false;
    }
    if ((*w & 0xff) >= _cap)
      return true;
    (*w)++;
    return false;
  }
  Packet *echo_reply(WritablePacket *q, const Timestamp &rx);
  Packet *ntp_reply(WritablePacket *q, const Timestamp &rx);
  int ntp_mode(const uint8_t *b, int len) const {
    if (len < NTP_LEN)
      return -1;
    int vn = (b[0] >> 3) & 7, mode = b[0] & 7;
    if (vn < 1 || vn > 4)
      return -1;
    return mode;
  }

  HashMap<uint32_t, uint32_t, 128, 4> _window;
  uint8_t _stratum;
  int8_t _precision;
  uint32_t _refid;
  uint32_t _cap;
  uint64_t _echo, _ntp, _capped, _bad;
};

// Milliseconds since midnight UT, as ICMP timestamp messages carry them.
static uint32_t ms_of_day(const Timestamp &t) {
  return (uint32_t)((uint64_t)t.sec() % 86400u) * 1000u + t.msec();
}

Packet *TrainEchoNtp::echo_reply(WritablePacket *q, const Timestamp &rx) {
  click_icmp *ic = q->icmp_header();
  uint16_t old = htons((uint16_t)(ic->icmp_type << 8 | ic->icmp_code));
  if (ic->icmp_type == ICMP_TSTAMP) {
    if (q->transport_length() < ICMP_TS_LEN)
      return q;
    uint8_t *ts = reinterpret_cast<uint8_t *>(ic) + 12;
    uint32_t ms = ms_of_day(rx);
    for (int f = 0; f < 2; ++f) {
      uint8_t *w = ts + 4 * f;
      uint16_t oh = (uint16_t)(w[0] << 8 | w[1]),
               ol = (uint16_t)(w[2] << 8 | w[3]);
      w[0] = (uint8_t)(ms >> 24);
      w[1] = (uint8_t)(ms >> 16);
      w[2] = (uint8_t)(ms >> 8);
      w[3] = (uint8_t)ms;
      click_update_in_cksum(&ic->icmp_cksum, htons(oh),
                            htons((uint16_t)(ms >> 16)));
      click_update_in_cksum(&ic->icmp_cksum, htons(ol), htons((uint16_t)ms));
    }
    ic->icmp_type = ICMP_TSTAMPREPLY;
  } else
    ic->icmp_type = ICMP_ECHOREPLY;
  uint16_t now = htons((uint16_t)(ic->icmp_type << 8 | ic->icmp_code));
  click_update_in_cksum(&ic->icmp_cksum, old, now);
  swap_ip(q->ip_header());
  _echo++;
  return q;
}

Packet *TrainEchoNtp::ntp_reply(WritablePacket *q, const Timestamp &rx) {
  click_udp *uh = q->udp_header();
  uint8_t *b = reinterpret_cast<uint8_t *>(uh + 1);
  uint8_t vn = (uint8_t)((b[0] >> 3) & 7);
  uint8_t poll = b[2];
  b[0] = (uint8_t)(vn << 3 | 4); // LI 0, server mode
  b[1] = _stratum;
  b[2] = poll < 4 ? 4 : poll > 17 ? 17 : poll;
  b[3] = (uint8_t)_precision;
  memset(b + 4, 0, 8); // root delay, dispersion
  b[12] = (uint8_t)(_refid >> 24);
  b[13] = (uint8_t)(_refid >> 16);
  b[14] = (uint8_t)(_refid >> 8);
  b[15] = (uint8_t)_refid;
  uint64_t t = ntp_time((uint32_t)rx.sec(), rx.nsec());
  memcpy(b + 24, b + 40, 8); // origin = client's transmit
  put64(b + 16, t - ((uint64_t)16 << 32));
  put64(b + 32, t);
  put64(b + 40, t + 1000);
  uint16_t tp = uh->uh_sport;
  uh->uh_sport = uh->uh_dport;
  uh->uh_dport = tp;
  uh->uh_sum = 0;
  swap_ip(q->ip_header());
  _ntp++;
  return q;
}

void TrainEchoNtp::push(int, Packet *p) {
  const click_ip *iph = p->ip_header();
  if (!iph || IP_ISFRAG(iph)) {
    output(1).push(p);
    return;
  }
  int tl = p->transport_length();
  bool echo = iph->ip_p == IP_PROTO_ICMP && tl >= (int)sizeof(click_icmp) &&
              (p->icmp_header()->icmp_type == ICMP_ECHO ||
               p->icmp_header()->icmp_type == ICMP_TSTAMP) &&
              p->icmp_header()->icmp_code == 0;
  bool ntp = iph->ip_p == IP_PROTO_UDP && tl >= 8 + (int)NTP_LEN &&
             p->udp_header()->uh_dport == htons(123);
  if (!echo && !ntp) {
    output(1).push(p);
    return;
  }
  if (ntp) {
    int mode = ntp_mode(p->transport_header() + 8, tl - 8);
    if (mode != 3) {
      _bad += mode < 0;
      output(1).push(p);
      return;
    }
  }
  uint32_t client = ntohl(iph->ip_src.s_addr);
  if ((client >> 24) == 127 || (client >> 28) == 14 || client == 0xffffffffu ||
      over_cap(client, (uint32_t)p->timestamp_anno().sec())) {
    _capped++;
    p->kill();
    return;
  }
  Timestamp rx = p->timestamp_anno();
  WritablePacket *q = p->uniqueify();
  if (!q)
    return;
  Packet *r = echo ? echo_reply(q, rx) : ntp_reply(q, rx);
  output(0).push(r);
}

extern "C" Element *clara_nf_create(const char *config) {
  Element *e = new TrainEchoNtp;
  String conf = config ? String(config) : String();
  if (clara_element_setup(e, conf, 1, 2) < 0)
    return 0;
  return e;
}
