// TSContinuityMonitor: an IPTV probe that watches MPEG-2 transport streams
// carried in UDP (optionally inside RTP, RFC 3551/2250) and keeps the
// first-priority ETSI TR 101 290 counters: TS sync loss, transport error
// indicator, continuity-counter errors (ISO/IEC 13818-1 2.4.3.3 rules:
// the counter advances only with payload, one duplicate is allowed, the
// discontinuity_indicator resets it), and PCR repetition errors (> 40 ms
// between PCRs of a PID).  Packets pass through unchanged.
//
// TSContinuityMonitor([OFFSET 14])

#include <click/config.h>
#include <click/args.hh>
#include <click/element.hh>
#include <click/error.hh>
#include <click/packet.hh>
#include <clicknet/ip.h>
#include <clicknet/udp.h>

class TSContinuityMonitor : public Element {
public:
  TSContinuityMonitor();
  ~TSContinuityMonitor();

  const char *class_name() const override { return "TSContinuityMonitor"; }
  const char *port_count() const override { return PORTS_1_1; }
  int configure(Vector<String> &conf, ErrorHandler *errh) override;
  Packet *simple_action(Packet *p) override;

  enum { TS_SIZE = 188, NPIDS = 8192, NULL_PID = 0x1FFF };

  struct PidStats {
    uint8_t seen;
    uint8_t last_cc;
    uint8_t dup_run;     // consecutive duplicates seen for last_cc
    uint8_t have_pcr;
    uint64_t last_pcr;   // 27 MHz
    uint32_t packets;
    uint32_t cc_errors;
    uint32_t duplicates;
    uint32_t pcr_count;
    uint32_t pcr_gap_errors;
  };

  struct Totals {
    uint64_t datagrams;
    uint64_t ts_packets;
    uint64_t sync_errors;
    uint64_t tei_errors;
    uint64_t afc_errors;
    uint64_t cc_errors;
    uint64_t pcr_gap_errors;
    uint64_t not_ts;
  };

  const PidStats &pid(unsigned p) const { return _pids[p & (NPIDS - 1)]; }
  const Totals &totals() const { return _tot; }

private:
  unsigned _offset;
  PidStats *_pids;
  Totals _tot;

  static const uint64_t PCR_WRAP = (1ULL << 33) * 300;
  static const uint64_t PCR_MAX_GAP = 27000000ULL * 40 / 1000;

  static int rtp_header_len(const uint8_t *d, unsigned len);
  static uint64_t read_pcr(const uint8_t *af);
  void continuity(PidStats &st, unsigned cc, bool payload, bool disc);
  void pcr_check(PidStats &st, uint64_t pcr, bool disc);
  void ts_packet(const uint8_t *ts);
};

TSContinuityMonitor::TSContinuityMonitor() : _offset(14), _pids(0) {
  memset(&_tot, 0, sizeof(_tot));
  _pids = new PidStats[NPIDS];
  memset(_pids, 0, sizeof(PidStats) * NPIDS);
}

TSContinuityMonitor::~TSContinuityMonitor() { delete[] _pids; }

int TSContinuityMonitor::configure(Vector<String> &conf, ErrorHandler *errh) {
  return Args(conf, this, errh).read("OFFSET", _offset).complete();
}

// RTP fixed header + CSRCs + extension; -1 if d does not look like RTP/MP2T.
int TSContinuityMonitor::rtp_header_len(const uint8_t *d, unsigned len) {
  if (len < 12 || (d[0] >> 6) != 2)
    return -1;
  unsigned h = 12 + 4u * (d[0] & 0x0F);
  if (d[0] & 0x10) {
    if (len < h + 4)
      return -1;
    h += 4 + 4u * (((unsigned)d[h + 2] << 8) | d[h + 3]);
  }
  if (h > len)
    return -1;
  return (int)h;
}

// program_clock_reference_base (33 bits), 6 reserved, extension (9 bits).
uint64_t TSContinuityMonitor::read_pcr(const uint8_t *f) {
  uint64_t base = ((uint64_t)f[0] << 25) | ((uint64_t)f[1] << 17) |
                  ((uint64_t)f[2] << 9) | ((uint64_t)f[3] << 1) | (f[4] >> 7);
  unsigned ext = ((unsigned)(f[4] & 1) << 8) | f[5];
  return base * 300 + ext;
}

void TSContinuityMonitor::continuity(PidStats &st, unsigned cc, bool payload,
                                     bool disc) {
  if (!st.seen || disc) {
    st.seen = 1;
    st.last_cc = (uint8_t)cc;
    st.dup_run = 0;
    return;
  }
  if (!payload) {
    // no payload: the counter must not change
    if (cc != st.last_cc) {
      st.cc_errors++;
      _tot.cc_errors++;
      st.last_cc = (uint8_t)cc;
    }
    st.dup_run = 0;
    return;
  }
  if (cc == ((st.last_cc + 1u) & 0xF)) {
    st.dup_run = 0;
  } else if (cc == st.last_cc && st.dup_run == 0) {
    st.dup_run = 1;
    st.duplicates++;
  } else {
    st.cc_errors++;
    _tot.cc_errors++;
    st.dup_run = 0;
  }
  st.last_cc = (uint8_t)cc;
}

void TSContinuityMonitor::pcr_check(PidStats &st, uint64_t pcr, bool disc) {
  if (st.have_pcr && !disc) {
    uint64_t gap = pcr >= st.last_pcr ? pcr - st.last_pcr
                                      : pcr + PCR_WRAP - st.last_pcr;
    if (gap > PCR_MAX_GAP) {
      st.pcr_gap_errors++;
      _tot.pcr_gap_errors++;
    }
  }
  st.have_pcr = 1;
  st.last_pcr = pcr;
  st.pcr_count++;
}

void TSContinuityMonitor::ts_packet(const uint8_t *ts) {
  unsigned pidv = ((unsigned)(ts[1] & 0x1F) << 8) | ts[2];
  unsigned afc = (ts[3] >> 4) & 3;
  unsigned cc = ts[3] & 0x0F;
  _tot.ts_packets++;
  if (ts[1] & 0x80) {
    _tot.tei_errors++;
    return; // header bits cannot be trusted
  }
  if (pidv == NULL_PID)
    return;
  PidStats &st = _pids[pidv];
  st.packets++;
  if (afc == 0) {
    _tot.afc_errors++;
    return;
  }
  bool disc = false;
  if (afc & 2) {
    unsigned aflen = ts[4];
    if ((afc == 2 && aflen != 183) || (afc == 3 && aflen > 182)) {
      _tot.afc_errors++;
      return;
    }
    if (aflen > 0) {
      uint8_t flags = ts[5];
      disc = (flags & 0x80) != 0;
      if ((flags & 0x10) && aflen >= 7)
        pcr_check(st, read_pcr(ts + 6), disc);
    }
  }
  continuity(st, cc, (afc & 1) != 0, disc);
}

Packet *TSContinuityMonitor::simple_action(Packet *p) {
  const uint8_t *d = p->data();
  unsigned len = p->length();
  _tot.datagrams++;
  if (len < _offset + sizeof(click_ip)) {
    _tot.not_ts++;
    return p;
  }
  const click_ip *iph = reinterpret_cast<const click_ip *>(d + _offset);
  unsigned hl = iph->ip_hl << 2;
  unsigned iplen = ntohs(iph->ip_len);
  if (iph->ip_v != 4 || iph->ip_p != IP_PROTO_UDP || hl < 20 ||
      iplen < hl + sizeof(click_udp) || _offset + iplen > len ||
      (ntohs(iph->ip_off) & IP_OFFMASK) != 0) {
    _tot.not_ts++;
    return p;
  }
  const uint8_t *pl = d + _offset + hl + sizeof(click_udp);
  unsigned plen = iplen - hl - sizeof(click_udp);
  if (plen == 0 || pl[0] != 0x47) {
    int rh = rtp_header_len(pl, plen);
    if (rh < 0 || (unsigned)rh >= plen || pl[rh] != 0x47) {
      _tot.not_ts++;
      return p;
    }
    pl += rh;
    plen -= (unsigned)rh;
  }
  for (unsigned off = 0; off + TS_SIZE <= plen; off += TS_SIZE) {
    if (pl[off] != 0x47) {
      _tot.sync_errors++;
      break;
    }
    ts_packet(pl + off);
  }
  if (plen % TS_SIZE)
    _tot.sync_errors++;
  return p;
}

EXPORT_ELEMENT(TSContinuityMonitor)
