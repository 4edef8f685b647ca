// Single rate three color marker (RFC 2697) as a Click element with three
// outputs (green, yellow, red). Two token buckets, C (size CBS) and E (size
// EBS), start full; tokens arrive at CIR bytes per second into C and spill
// into E when C is full. Color-blind mode meters every packet; color-aware
// mode reads the pre-color from the AF drop precedence of the DSCP
// (AFx1 green, AFx2 yellow, AFx3 red). Elapsed time is converted to tokens
// exactly, keeping the sub-token remainder (the token phase). Label: none.
#include <click/config.h>
#include <click/element.hh>
#include <click/packet.hh>
#include <click/timestamp.hh>
#include <clicknet/ip.h>

class SrTCMeter : public Element {
public:
  enum Color { GREEN = 0, YELLOW = 1, RED = 2 };

  SrTCMeter()
      : _cir(125000), _cbs(3000), _ebs(6000), _tc(3000), _te(6000), _last(0),
        _frac(0), _aware(false) {
    for (int i = 0; i < 3; i++)
      _marked[i] = _bytes[i] = 0;
  }

  const char *class_name() const override { return "SrTCMeter"; }
  const char *port_count() const override { return "1/3"; }
  const char *processing() const override { return PUSH; }

  void setup(uint64_t cir, uint64_t cbs, uint64_t ebs, bool aware,
             uint64_t now_ns);
  int meter(uint32_t bytes, int precolor, uint64_t now_ns);
  void push(int port, Packet *p) override;

private:
  uint64_t _cir; // bytes per second (below 1.8e10)
  uint64_t _cbs, _ebs;
  uint64_t _tc, _te;
  uint64_t _last; // ns
  uint64_t _frac; // byte-nanoseconds not yet worth a token
  bool _aware;
  uint64_t _marked[3];
  uint64_t _bytes[3];

  void refill(uint64_t now_ns);
  static int precolor_of(const click_ip *iph);
};

void SrTCMeter::setup(uint64_t cir, uint64_t cbs, uint64_t ebs, bool aware,
                      uint64_t now_ns) {
  _cir = cir;
  _cbs = cbs;
  _ebs = ebs;
  _tc = cbs;
  _te = ebs;
  _last = now_ns;
  _frac = 0;
  _aware = aware;
}

void SrTCMeter::refill(uint64_t now_ns) {
  if (now_ns <= _last || _cir == 0)
    return;
  uint64_t dt = now_ns - _last;
  _last = now_ns;
  // dt * CIR split into whole seconds and the rest so that nothing
  // overflows; the remainder keeps the token phase across calls
  uint64_t secs = dt / 1000000000ull, rest = dt % 1000000000ull;
  uint64_t part = _frac + rest * _cir;
  _frac = part % 1000000000ull;
  uint64_t room = (_cbs - _tc) + (_ebs - _te);
  uint64_t tokens;
  if (secs > room)
    tokens = room;
  else
    tokens = secs * _cir + part / 1000000000ull;
  uint64_t to_c = _cbs - _tc;
  if (tokens <= to_c) {
    _tc += tokens;
    return;
  }
  _tc = _cbs;
  tokens -= to_c;
  _te = (tokens > _ebs - _te) ? _ebs : _te + tokens;
}

int SrTCMeter::meter(uint32_t bytes, int precolor, uint64_t now_ns) {
  refill(now_ns);
  int color;
  if (!_aware)
    precolor = GREEN;
  if (precolor == GREEN && _tc >= bytes) {
    _tc -= bytes;
    color = GREEN;
  } else if (precolor != RED && _te >= bytes) {
    _te -= bytes;
    color = YELLOW;
  } else {
    color = RED;
  }
  _marked[color]++;
  _bytes[color] += bytes;
  return color;
}

int SrTCMeter::precolor_of(const click_ip *iph) {
  unsigned dscp = iph->ip_tos >> 2;
  // AF classes: dscp = 8 * class + 2 * precedence, class 1..4, prec 1..3
  unsigned cls = dscp >> 3, prec = (dscp >> 1) & 3;
  if ((dscp & 1) || cls < 1 || cls > 4 || prec == 0)
    return GREEN;
  return (int)prec - 1;
}

void SrTCMeter::push(int, Packet *p) {
  int pre = GREEN;
  if (_aware && p->length() >= sizeof(click_ip))
    pre = precolor_of(reinterpret_cast<const click_ip *>(p->data()));
  uint64_t now = (uint64_t)p->timestamp_anno().nsecval();
  int c = meter(p->length(), pre, now);
  output(c).push(p);
}
