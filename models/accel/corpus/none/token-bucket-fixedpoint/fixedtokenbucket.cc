// FixedTokenBucket: a byte-rate policer/marker element with a Q16.16
// fixed-point token bucket, refilled from the packet timestamp annotation.
// Output 0 receives conforming packets; output 1 receives packets that
// exceed the bucket. Exceeding ECN-capable packets can instead be marked
// CE and passed to output 0 (MARK true).
#include <click/config.h>
#include <click/args.hh>
#include <click/element.hh>
#include <click/error.hh>
#include <click/packet.hh>
#include <clicknet/ip.h>

CLICK_DECLS

class FixedTokenBucket : public Element {
public:
  FixedTokenBucket()
      : _rate_bps(125000), _burst_fp(1500ull << 16), _tokens_fp(1500ull << 16),
        _last_usec(0), _started(false), _mark(false), _conform(0),
        _exceed(0), _marked(0) {}

  const char *class_name() const override { return "FixedTokenBucket"; }
  const char *port_count() const override { return "1/1-2"; }
  const char *processing() const override { return PUSH; }

  int configure(Vector<String> &conf, ErrorHandler *errh) override;

  // Bring the bucket up to date at time now_usec (microseconds).
  void refill(int64_t now_usec);
  // Take len bytes from the bucket if enough tokens; true when taken.
  bool take_tokens(uint32_t len);
  // Microseconds until len bytes would conform (0 if they already do).
  uint64_t usec_until_conform(uint32_t len) const;
  // Set the CE codepoint on an ECN-capable IPv4 packet; false otherwise.
  bool mark_ce(WritablePacket *q);

  void push(int port, Packet *p) override;

  uint64_t tokens_fp() const { return _tokens_fp; }
  uint64_t conform_count() const { return _conform; }
  uint64_t exceed_count() const { return _exceed; }
  uint64_t marked_count() const { return _marked; }

private:
  uint32_t _rate_bps;   // bytes per second
  uint64_t _burst_fp;   // bucket depth, Q16.16 bytes
  uint64_t _tokens_fp;  // current fill, Q16.16 bytes
  int64_t _last_usec;
  bool _started;
  bool _mark;
  uint64_t _conform;
  uint64_t _exceed;
  uint64_t _marked;
};

int FixedTokenBucket::configure(Vector<String> &conf, ErrorHandler *errh) {
  uint32_t rate = 125000, burst = 1500;
  bool mark = false;
  if (Args(conf, this, errh)
          .read_p("RATE", rate)
          .read_p("BURST", burst)
          .read("MARK", mark)
          .complete() < 0)
    return -1;
  if (rate == 0)
    return errh->error("RATE must be positive");
  if (burst < 64)
    return errh->error("BURST must be at least 64 bytes");
  _rate_bps = rate;
  _burst_fp = (uint64_t)burst << 16;
  _tokens_fp = _burst_fp;
  _mark = mark;
  _started = false;
  return 0;
}

void FixedTokenBucket::refill(int64_t now_usec) {
  if (!_started) {
    _started = true;
    _last_usec = now_usec;
    return;
  }
  if (now_usec <= _last_usec)
    return;
  uint64_t elapsed = (uint64_t)(now_usec - _last_usec);
  // Time needed to fill an empty bucket; beyond that the bucket is full
  // anyway, and capping keeps the product below 2^64.
  uint64_t fill_usec = ((_burst_fp >> 16) * 1000000ull) / _rate_bps + 1;
  if (elapsed >= fill_usec) {
    _tokens_fp = _burst_fp;
  } else {
    // tokens += elapsed * rate / 1e6, in Q16.16.
    uint64_t add = (elapsed * (uint64_t)_rate_bps << 16) / 1000000ull;
    _tokens_fp += add;
    if (_tokens_fp > _burst_fp)
      _tokens_fp = _burst_fp;
  }
  _last_usec = now_usec;
}

bool FixedTokenBucket::take_tokens(uint32_t len) {
  uint64_t need = (uint64_t)len << 16;
  if (need > _tokens_fp)
    return false;
  _tokens_fp -= need;
  return true;
}

uint64_t FixedTokenBucket::usec_until_conform(uint32_t len) const {
  uint64_t need = (uint64_t)len << 16;
  if (need <= _tokens_fp)
    return 0;
  if (need > _burst_fp)
    return UINT64_MAX;
  uint64_t deficit = need - _tokens_fp;
  // ceil(deficit * 1e6 / (rate << 16))
  uint64_t denom = (uint64_t)_rate_bps << 16;
  return (deficit * 1000000ull + denom - 1) / denom;
}

bool FixedTokenBucket::mark_ce(WritablePacket *q) {
  click_ip *iph = q->ip_header();
  if (!iph || q->network_length() < (int)sizeof(click_ip) || iph->ip_v != 4)
    return false;
  uint8_t ecn = iph->ip_tos & IP_ECNMASK;
  if (ecn == IP_ECN_NOT_ECT)
    return false;
  if (ecn == IP_ECN_CE)
    return true;
  uint16_t *word = reinterpret_cast<uint16_t *>(iph);
  uint16_t old_hw = word[0];
  iph->ip_tos |= IP_ECN_CE;
  click_update_in_cksum(&iph->ip_sum, old_hw, word[0]);
  return true;
}

void FixedTokenBucket::push(int, Packet *p) {
  refill(p->timestamp_anno().usecval());
  if (take_tokens(p->length())) {
    _conform++;
    output(0).push(p);
    return;
  }
  if (_mark) {
    if (WritablePacket *q = p->uniqueify()) {
      if (mark_ce(q)) {
        _marked++;
        output(0).push(q);
        return;
      }
      p = q;
    } else {
      return;
    }
  }
  _exceed++;
  checked_output_push(1, p);
}

CLICK_ENDDECLS
EXPORT_ELEMENT(FixedTokenBucket)
