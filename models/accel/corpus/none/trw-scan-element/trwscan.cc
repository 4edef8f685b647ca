// TRWScanDetector: port-scan detection by Threshold Random Walk (Jung,
// Paxson, Berger and Balakrishnan, "Fast Portscan Detection Using
// Sequential Hypothesis Testing", 2004). Each remote initiator's
// first-contact TCP connection attempts are outcomes of a Bernoulli trial:
// a SYN-ACK back is a success, a RST or no answer within TIMEOUT a
// failure. A benign host succeeds with probability theta0, a scanner with
// theta1; the log-likelihood ratio walks by log(theta1/theta0) on success
// and log((1-theta1)/(1-theta0)) on failure until it crosses
// log(PD/PF) (scanner: its later SYNs go to output 1) or
// log((1-PD)/(1-PF)) (benign: no longer tracked). The logs are base 2 in
// Q16, computed at configure time by an integer log2 (count leading zeros
// for the integer part, repeated squaring for the fraction). Pending
// attempts live in a fixed table scanned linearly; per-source contacted
// destinations in a small ring. Label: none.
#include <click/config.h>
#include <click/args.hh>
#include <click/element.hh>
#include <click/error.hh>
#include <click/packet.hh>
#include <click/timestamp.hh>
#include <clicknet/ip.h>
#include <clicknet/tcp.h>

CLICK_DECLS

// log2(x / 2^16) in Q16 for x > 0 (x is a Q16 value).
int32_t trw_log2_q16(uint32_t x) {
  if (x == 0)
    return INT32_MIN;
  int msb = 31 - __builtin_clz(x);
  int32_t result = (int32_t)(msb - 16) * 65536;
  // mantissa in [1, 2) as Q30
  uint64_t m = msb >= 30 ? (uint64_t)x >> (msb - 30) : (uint64_t)x << (30 - msb);
  for (int bit = 15; bit >= 0; bit--) {
    m = (m * m) >> 30; // square: [1, 4)
    if (m >= (2ull << 30)) {
      m >>= 1;
      result |= 1 << bit;
    }
  }
  return result;
}

class TRWScanDetector : public Element {
public:
  enum { MAX_SOURCES = 128, MAX_PENDING = 512, RECENT = 16 };
  enum class Verdict : uint8_t { Pending, Benign, Scanner };

  struct Source {
    uint32_t addr;
    int32_t llr_q16;
    Verdict verdict;
    uint8_t nrecent;
    uint8_t recent_at;
    uint16_t outcomes;
    uint32_t recent[RECENT]; // destinations already contacted
    int64_t last_seen;
  };
  struct Attempt {
    uint32_t src, dst;
    uint16_t sport, dport;
    int64_t started;
    bool live;
  };

  TRWScanDetector();

  const char *class_name() const override { return "TRWScanDetector"; }
  const char *port_count() const override { return "1/2"; }
  const char *processing() const override { return PUSH; }

  int configure(Vector<String> &conf, ErrorHandler *errh) override;
  void push(int port, Packet *p) override;

  int set_model(uint32_t theta0_pm, uint32_t theta1_pm, uint32_t pd_pm,
                uint32_t pf_pm);
  Source *source(uint32_t addr, int64_t now, bool create);
  bool first_contact(Source *s, uint32_t dst);
  void outcome(uint32_t src, bool success, int64_t now);
  void expire(int64_t now);
  int handle(const click_ip *iph, const click_tcp *th, int64_t now);
  int classify(Packet *p, int64_t now);

  Verdict verdict(uint32_t addr) {
    Source *s = source(addr, 0, false);
    return s ? s->verdict : Verdict::Pending;
  }
  int32_t step_success() const { return _step_ok; }
  int32_t step_failure() const { return _step_fail; }
  int32_t upper() const { return _upper; }
  int32_t lower() const { return _lower; }
  uint32_t pending() const { return _npending; }

private:
  Source _src[MAX_SOURCES];
  Attempt _att[MAX_PENDING];
  uint32_t _nsrc, _npending;
  int32_t _step_ok, _step_fail, _upper, _lower;
  int64_t _timeout_us;
  uint64_t _scanners, _blocked;
};

TRWScanDetector::TRWScanDetector()
    : _nsrc(0), _npending(0), _timeout_us(3000000), _scanners(0),
      _blocked(0) {
  for (int i = 0; i < MAX_PENDING; i++)
    _att[i].live = false;
  set_model(800, 200, 990, 10);
}

// Probabilities in thousandths: theta0 > theta1, PD > PF.
int TRWScanDetector::set_model(uint32_t theta0_pm, uint32_t theta1_pm,
                               uint32_t pd_pm, uint32_t pf_pm) {
  if (theta1_pm == 0 || theta0_pm >= 1000 || theta1_pm >= theta0_pm ||
      pf_pm == 0 || pd_pm >= 1000 || pf_pm >= pd_pm)
    return -1;
  // log2(a/b) = log2(a) - log2(b), a and b as Q16 integers
#define PM_Q16(v) ((uint32_t)(v) << 16)
  _step_ok = trw_log2_q16(PM_Q16(theta1_pm)) - trw_log2_q16(PM_Q16(theta0_pm));
  _step_fail = trw_log2_q16(PM_Q16(1000 - theta1_pm)) -
               trw_log2_q16(PM_Q16(1000 - theta0_pm));
  _upper = trw_log2_q16(PM_Q16(pd_pm)) - trw_log2_q16(PM_Q16(pf_pm));
  _lower = trw_log2_q16(PM_Q16(1000 - pd_pm)) -
           trw_log2_q16(PM_Q16(1000 - pf_pm));
#undef PM_Q16
  return 0;
}

int TRWScanDetector::configure(Vector<String> &conf, ErrorHandler *errh) {
  uint32_t theta0 = 800, theta1 = 200, pd = 990, pf = 10, timeout_ms = 3000;
  if (Args(conf, this, errh)
          .read("THETA0", theta0)
          .read("THETA1", theta1)
          .read("PD", pd)
          .read("PF", pf)
          .read("TIMEOUT_MS", timeout_ms)
          .complete() < 0)
    return -1;
  if (set_model(theta0, theta1, pd, pf) < 0)
    return errh->error("need 0 < THETA1 < THETA0 < 1000, 0 < PF < PD < 1000");
  _timeout_us = (int64_t)timeout_ms * 1000;
  return 0;
}

// The record of addr; with create, a new one replaces the least recently
// seen source when the table is full.
TRWScanDetector::Source *TRWScanDetector::source(uint32_t addr, int64_t now,
                                                 bool create) {
  Source *victim = 0;
  for (uint32_t i = 0; i < _nsrc; i++) {
    if (_src[i].addr == addr)
      return &_src[i];
    if (!victim || _src[i].last_seen < victim->last_seen)
      victim = &_src[i];
  }
  if (!create)
    return 0;
  if (_nsrc < MAX_SOURCES)
    victim = &_src[_nsrc++];
  victim->addr = addr;
  victim->llr_q16 = 0;
  victim->verdict = Verdict::Pending;
  victim->nrecent = victim->recent_at = 0;
  victim->outcomes = 0;
  victim->last_seen = now;
  return victim;
}

bool TRWScanDetector::first_contact(Source *s, uint32_t dst) {
  for (uint8_t i = 0; i < s->nrecent; i++)
    if (s->recent[i] == dst)
      return false;
  s->recent[s->recent_at] = dst;
  s->recent_at = (uint8_t)((s->recent_at + 1) % RECENT);
  if (s->nrecent < RECENT)
    s->nrecent++;
  return true;
}

void TRWScanDetector::outcome(uint32_t src, bool success, int64_t now) {
  Source *s = source(src, now, true);
  if (s->verdict != Verdict::Pending)
    return;
  s->llr_q16 += success ? _step_ok : _step_fail;
  s->outcomes++;
  if (s->llr_q16 >= _upper) {
    s->verdict = Verdict::Scanner;
    _scanners++;
  } else if (s->llr_q16 <= _lower) {
    s->verdict = Verdict::Benign;
  }
}

void TRWScanDetector::expire(int64_t now) {
  for (Attempt *a = _att; a != _att + MAX_PENDING; ++a)
    if (a->live && now - a->started >= _timeout_us) {
      a->live = false;
      _npending--;
      outcome(a->src, false, now);
    }
}

// Port for one TCP segment (addresses and ports in network order).
int TRWScanDetector::handle(const click_ip *iph, const click_tcp *th,
                            int64_t now) {
  uint32_t src = iph->ip_src.s_addr, dst = iph->ip_dst.s_addr;
  uint8_t fl = th->th_flags;
  if ((fl & (TH_SYN | TH_ACK | TH_RST)) == TH_SYN) {
    Source *s = source(src, now, true);
    s->last_seen = now;
    if (s->verdict == Verdict::Scanner) {
      _blocked++;
      return 1;
    }
    if (s->verdict == Verdict::Benign || !first_contact(s, dst))
      return 0;
    Attempt *slot = 0, *oldest = _att;
    for (Attempt *a = _att; a != _att + MAX_PENDING; ++a) {
      if (!a->live) {
        slot = a;
        break;
      }
      if (a->started < oldest->started)
        oldest = a;
    }
    if (!slot) { // table full: the oldest attempt counts as failed now
      slot = oldest;
      slot->live = false;
      _npending--;
      outcome(slot->src, false, now);
    }
    slot->src = src;
    slot->dst = dst;
    slot->sport = th->th_sport;
    slot->dport = th->th_dport;
    slot->started = now;
    slot->live = true;
    _npending++;
    return 0;
  }
  bool synack = (fl & (TH_SYN | TH_ACK)) == (TH_SYN | TH_ACK);
  bool rst = (fl & TH_RST) != 0;
  if (!synack && !rst)
    return 0;
  // A reply from the responder: reversed addresses and ports.
  for (Attempt *a = _att; a != _att + MAX_PENDING; ++a)
    if (a->live && a->src == dst && a->dst == src && a->sport == th->th_dport &&
        a->dport == th->th_sport) {
      a->live = false;
      _npending--;
      outcome(a->src, synack, now);
      break;
    }
  return 0;
}

int TRWScanDetector::classify(Packet *p, int64_t now) {
  expire(now);
  const click_ip *iph = p->ip_header();
  if (!iph || iph->ip_p != IP_PROTO_TCP || !IP_FIRSTFRAG(iph))
    return 0;
  const uint8_t *nh = reinterpret_cast<const uint8_t *>(iph);
  uint32_t hl = iph->ip_hl << 2;
  if (hl < 20 || nh + hl + sizeof(click_tcp) > p->data() + p->length())
    return 0;
  return handle(iph, reinterpret_cast<const click_tcp *>(nh + hl), now);
}

void TRWScanDetector::push(int, Packet *p) {
  checked_output_push(classify(p, Timestamp::now().usecval()), p);
}

CLICK_ENDDECLS
EXPORT_ELEMENT(TRWScanDetector)
