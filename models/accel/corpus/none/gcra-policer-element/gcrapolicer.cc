// GCRAPolicer: per-traffic-class policing with the Generic Cell Rate
// Algorithm in its virtual-scheduling form (ITU-T I.371), generalised to
// variable-length packets: every packet advances the class's theoretical
// arrival time (TAT) by len / RATE; a packet arriving more than TAU before
// its TAT is non-conforming and leaves the TAT untouched.
//
// GCRAPolicer(RATE bytes/s, TAU microseconds [, MODE drop|remark]
//             [, OFFSET 14])
// Class = DSCP of the IPv4 header (64 independent schedules).
// Output 0: conforming packets.  Output 1 (MODE drop): non-conforming.
// MODE remark: non-conforming packets are re-marked to CS1 (DSCP 8), the
// header checksum patched incrementally (RFC 1624), and sent to output 0.

#include <click/config.h>
#include <click/args.hh>
#include <click/element.hh>
#include <click/error.hh>
#include <click/packet.hh>
#include <click/timestamp.hh>
#include <clicknet/ip.h>

class GCRAPolicer : public Element {
public:
  GCRAPolicer();

  const char *class_name() const override { return "GCRAPolicer"; }
  const char *port_count() const override { return "1/1-2"; }
  const char *processing() const override { return PUSH; }
  int configure(Vector<String> &conf, ErrorHandler *errh) override;
  void push(int port, Packet *p) override;

  enum { NCLASSES = 64, DSCP_CS1 = 8 };

  struct Schedule {
    int64_t tat_ns;  // theoretical arrival time
    bool started;
    uint64_t conform_pkts, conform_bytes;
    uint64_t excess_pkts, excess_bytes;
  };

  const Schedule &schedule(int dscp) const { return _sched[dscp & 63]; }

private:
  uint64_t _rate;          // bytes per second
  int64_t _tau_ns;         // limit (burst tolerance)
  uint64_t _ns_per_byte_q16;
  unsigned _offset;
  bool _remark;
  uint64_t _malformed;
  Schedule _sched[NCLASSES];

  int64_t increment_ns(unsigned len) const;
  bool gcra_conform(Schedule &s, int64_t now_ns, unsigned len);
  static int64_t packet_time_ns(const Packet *p);
  static void remark_dscp(WritablePacket *q, unsigned offset, uint8_t dscp);
};

GCRAPolicer::GCRAPolicer()
    : _rate(125000), _tau_ns(0), _ns_per_byte_q16(0), _offset(14),
      _remark(false), _malformed(0) {
  memset(_sched, 0, sizeof(_sched));
}

int GCRAPolicer::configure(Vector<String> &conf, ErrorHandler *errh) {
  unsigned tau_us = 0;
  String mode = "drop";
  if (Args(conf, this, errh)
          .read_mp("RATE", _rate)
          .read_mp("TAU", tau_us)
          .read("MODE", mode)
          .read("OFFSET", _offset)
          .complete() < 0)
    return -1;
  if (_rate == 0)
    return errh->error("RATE must be positive");
  if (mode == "remark")
    _remark = true;
  else if (mode == "drop")
    _remark = false;
  else
    return errh->error("MODE must be drop or remark");
  _tau_ns = (int64_t)tau_us * 1000;
  // 1e9 / rate in 48.16 fixed point
  _ns_per_byte_q16 = ((uint64_t)1000000000 << 16) / _rate;
  return 0;
}

int64_t GCRAPolicer::increment_ns(unsigned len) const {
  return (int64_t)(((uint64_t)len * _ns_per_byte_q16) >> 16);
}

// Virtual scheduling algorithm. now is non-decreasing per class.
bool GCRAPolicer::gcra_conform(Schedule &s, int64_t now_ns, unsigned len) {
  if (!s.started) {
    s.started = true;
    s.tat_ns = now_ns;
  }
  if (s.tat_ns > now_ns + _tau_ns) {
    s.excess_pkts++;
    s.excess_bytes += len;
    return false;
  }
  int64_t base = s.tat_ns > now_ns ? s.tat_ns : now_ns;
  s.tat_ns = base + increment_ns(len);
  s.conform_pkts++;
  s.conform_bytes += len;
  return true;
}

int64_t GCRAPolicer::packet_time_ns(const Packet *p) {
  const Timestamp &ts = p->timestamp_anno();
  if (ts.sec() == 0 && ts.subsec() == 0)
    return (int64_t)Timestamp::now().nsecval();
  return (int64_t)ts.nsecval();
}

// Rewrite the DSCP bits keeping ECN; fix ip_sum with HC' = ~(~HC + ~m + m').
void GCRAPolicer::remark_dscp(WritablePacket *q, unsigned offset,
                              uint8_t dscp) {
  click_ip *iph = reinterpret_cast<click_ip *>(q->data() + offset);
  const unsigned char *w = reinterpret_cast<const unsigned char *>(iph);
  uint16_t old_word = (uint16_t)((w[0] << 8) | w[1]);
  iph->ip_tos = (uint8_t)((dscp << 2) | (iph->ip_tos & 3));
  uint16_t new_word = (uint16_t)((w[0] << 8) | w[1]);
  uint32_t sum = (uint16_t)~ntohs(iph->ip_sum);
  sum += (uint16_t)~old_word;
  sum += new_word;
  while (sum >> 16)
    sum = (sum & 0xFFFF) + (sum >> 16);
  iph->ip_sum = htons((uint16_t)~sum);
}

void GCRAPolicer::push(int, Packet *p) {
  if (p->length() < _offset + sizeof(click_ip)) {
    _malformed++;
    p->kill();
    return;
  }
  const click_ip *iph =
      reinterpret_cast<const click_ip *>(p->data() + _offset);
  if (iph->ip_v != 4) {
    _malformed++;
    p->kill();
    return;
  }
  unsigned len = p->length() - _offset;
  unsigned iplen = ntohs(iph->ip_len);
  if (iplen >= (unsigned)(iph->ip_hl << 2) && iplen < len)
    len = iplen;
  int dscp = iph->ip_tos >> 2;
  if (gcra_conform(_sched[dscp], packet_time_ns(p), len)) {
    output(0).push(p);
  } else if (_remark) {
    WritablePacket *q = p->uniqueify();
    if (!q)
      return;
    if (dscp != DSCP_CS1)
      remark_dscp(q, _offset, DSCP_CS1);
    output(0).push(q);
  } else {
    checked_output_push(1, p);
  }
}

EXPORT_ELEMENT(GCRAPolicer)
