// TrTCMMeter: the Two Rate Three Color Marker of RFC 2698 as a Click element.
//
// Two token buckets: C (committed, rate CIR, size CBS) and P (peak, rate
// PIR, size PBS), both starting full.  A packet of B bytes arriving at t is
//   color-blind:  red if Tp < B; else yellow if Tc < B (Tp -= B);
//                 else green (Tp -= B, Tc -= B).
//   color-aware:  red if pre-colored red or Tp < B; else yellow if
//                 pre-colored yellow or Tc < B (Tp -= B); else green.
// Buckets are kept in byte-microseconds (bytes * 10^6) so refill is exact
// integer arithmetic on microsecond timestamps.  The color goes to the PAINT
// annotation (0 green, 1 yellow, 2 red) and selects the output port.
//
// TrTCMMeter(CIR, CBS, PIR, PBS [, COLOR_AWARE bool, LENGTH ip|frame])

#include <click/config.h>
#include <click/args.hh>
#include <click/element.hh>
#include <click/error.hh>
#include <click/packet.hh>
#include <click/packet_anno.hh>
#include <clicknet/ip.h>

class TrTCMMeter : public Element {
public:
  TrTCMMeter();

  const char *class_name() const override { return "TrTCMMeter"; }
  const char *port_count() const override { return "1/3"; }
  const char *processing() const override { return PUSH; }

  int configure(Vector<String> &conf, ErrorHandler *errh) override;
  void push(int port, Packet *p) override;

  enum Color { GREEN = 0, YELLOW = 1, RED = 2 };
  static const uint64_t kScale = 1000000; // microseconds per second

  uint64_t count(int color) const { return _packets[color]; }
  uint64_t committed_tokens() const { return _tc / kScale; }
  uint64_t peak_tokens() const { return _tp / kScale; }

private:
  uint64_t _cir, _pir;         // bytes per second
  uint64_t _cbs_s, _pbs_s;     // bucket sizes, scaled
  uint64_t _tc, _tp;           // current tokens, scaled
  int64_t _last_us;
  bool _started;
  bool _color_aware;
  bool _ip_length;
  uint64_t _packets[3];
  uint64_t _bytes[3];

  void refill(int64_t now_us);
  int mark(unsigned bytes, int precolor);
  unsigned packet_bytes(const Packet *p) const;
};

TrTCMMeter::TrTCMMeter()
    : _cir(0), _pir(0), _cbs_s(0), _pbs_s(0), _tc(0), _tp(0), _last_us(0),
      _started(false), _color_aware(false), _ip_length(false) {
  for (int c = 0; c < 3; c++)
    _packets[c] = _bytes[c] = 0;
}

int TrTCMMeter::configure(Vector<String> &conf, ErrorHandler *errh) {
  uint32_t cir = 0, cbs = 0, pir = 0, pbs = 0;
  bool aware = false;
  String length = "frame";
  if (Args(conf, this, errh)
          .read_mp("CIR", cir)
          .read_mp("CBS", cbs)
          .read_mp("PIR", pir)
          .read_mp("PBS", pbs)
          .read("COLOR_AWARE", aware)
          .read("LENGTH", length)
          .complete() < 0)
    return -1;
  // RFC 2698: PIR >= CIR, and both burst sizes must be > 0.
  if (pir < cir)
    return errh->error("PIR must be at least CIR");
  if (cbs == 0 || pbs == 0)
    return errh->error("CBS and PBS must be positive");
  if (length == "ip")
    _ip_length = true;
  else if (length == "frame")
    _ip_length = false;
  else
    return errh->error("LENGTH must be ip or frame");
  _cir = cir;
  _pir = pir;
  _cbs_s = (uint64_t)cbs * kScale;
  _pbs_s = (uint64_t)pbs * kScale;
  _tc = _cbs_s;
  _tp = _pbs_s;
  _color_aware = aware;
  _started = false;
  return 0;
}

void TrTCMMeter::refill(int64_t now_us) {
  if (!_started) {
    _started = true;
    _last_us = now_us;
    return;
  }
  if (now_us <= _last_us)
    return; // clock went backwards or same instant: nothing to add
  uint64_t dt = (uint64_t)(now_us - _last_us);
  _last_us = now_us;

  // Avoid overflow on long idle gaps: a full bucket stays full.
  uint64_t room_c = _cbs_s - _tc;
  if (_cir != 0 && dt >= room_c / _cir + 1)
    _tc = _cbs_s;
  else
    _tc += dt * _cir;
  if (_tc > _cbs_s)
    _tc = _cbs_s;

  uint64_t room_p = _pbs_s - _tp;
  if (_pir != 0 && dt >= room_p / _pir + 1)
    _tp = _pbs_s;
  else
    _tp += dt * _pir;
  if (_tp > _pbs_s)
    _tp = _pbs_s;
}

int TrTCMMeter::mark(unsigned bytes, int precolor) {
  uint64_t need = (uint64_t)bytes * kScale;
  if (precolor == RED || _tp < need)
    return RED;
  if (precolor == YELLOW || _tc < need) {
    _tp -= need;
    return YELLOW;
  }
  _tp -= need;
  _tc -= need;
  return GREEN;
}

unsigned TrTCMMeter::packet_bytes(const Packet *p) const {
  if (_ip_length && p->has_network_header()) {
    const click_ip *iph = p->ip_header();
    return ntohs(iph->ip_len);
  }
  return p->length();
}

void TrTCMMeter::push(int, Packet *p) {
  refill(p->timestamp_anno().usecval());
  int pre = GREEN;
  if (_color_aware) {
    pre = PAINT_ANNO(p);
    if (pre > RED)
      pre = RED; // unknown pre-color is treated as the worst
  }
  unsigned b = packet_bytes(p);
  int color = mark(b, pre);
  _packets[color]++;
  _bytes[color] += b;
  p->set_anno_u8(PAINT_ANNO_OFFSET, (uint8_t)color);
  output(color).push(p);
}
