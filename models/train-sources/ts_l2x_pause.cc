// Training source for the instruction models (models/README.md): Ethernet
// flow-control accounting with a PFC watchdog. 802.3x PAUSE and 802.1Qbb PFC
// frames (MAC control, 01:80:c2:00:00:01) are validated and consumed; their
// quanta are converted to pause time at the configured link speed and
// accumulated per port and priority. Data frames whose port/priority (PAINT
// annotation, VLAN PCP) is currently paused are diverted, unless the priority
// has stayed paused beyond the storm threshold, in which case the watchdog
// ignores further pauses until the storm clears.
// Written for training only; not part of the NF corpus.
#include <click/args.hh>
#include <click/clara.hh>
#include <click/config.h>
#include <click/element.hh>
#include <click/packet.hh>
#include <click/packet_anno.hh>
#include <clicknet/ether.h>

#define MACCTL_PAUSE 0x0001
#define MACCTL_PFC 0x0101

struct PrioPause {
  int64_t paused_until_ns;
  int64_t pause_start_ns; // start of the current continuous pause
  uint64_t total_pause_ns;
  uint32_t xoff, xon;
  uint32_t held;
  bool storm;
};

struct PortPause {
  PrioPause prio[8];
  uint32_t storms;
  uint32_t bad;
};

class PauseFrameAccountant : public Element {
public:
  PauseFrameAccountant() : _gbps(25), _storm_ms(100), _honor(true) {
    memset(_ports, 0, sizeof(_ports));
  }
  const char *class_name() const override { return "PauseFrameAccountant"; }
  // out 0: data to transmit, 1: consumed MAC control, 2: held/invalid
  const char *port_count() const override { return "1/3"; }
  const char *processing() const override { return PUSH; }

  int configure(Vector<String> &conf, ErrorHandler *errh) override {
    if (Args(conf, this, errh)
            .read("SPEED_GBPS", _gbps)
            .read("STORM_MS", _storm_ms)
            .read("HONOR", _honor)
            .complete() < 0)
      return -1;
    if (_gbps == 0)
      _gbps = 1;
    return 0;
  }

  void push(int, Packet *p) override;

private:
  // one quantum is 512 bit times
  inline int64_t quanta_ns(uint16_t q) const {
    return (int64_t)q * 512 / _gbps;
  }
  void apply(PortPause &pp, int prio, uint16_t quanta, int64_t now);
  bool mac_control(Packet *p, PortPause &pp, int64_t now);
  bool paused(PrioPause &pr, PortPause &pp, int64_t now);
  static int frame_priority(const Packet *p);

  uint32_t _gbps, _storm_ms;
  bool _honor;
  PortPause _ports[16];
};

void PauseFrameAccountant::apply(PortPause &pp, int prio, uint16_t quanta,
                                 int64_t now) {
  PrioPause &pr = pp.prio[prio];
  bool was_paused = pr.paused_until_ns > now;
  if (was_paused) // credit the part of the old pause that actually elapsed
    pr.total_pause_ns -= pr.paused_until_ns - now;
  if (quanta == 0) {
    pr.xon++;
    pr.paused_until_ns = now;
    pr.storm = false;
    return;
  }
  pr.xoff++;
  int64_t dur = quanta_ns(quanta);
  if (!was_paused)
    pr.pause_start_ns = now;
  pr.paused_until_ns = now + dur;
  pr.total_pause_ns += dur;
  if (!pr.storm && now - pr.pause_start_ns > (int64_t)_storm_ms * 1000000) {
    pr.storm = true;
    pp.storms++;
  }
}

bool PauseFrameAccountant::mac_control(Packet *p, PortPause &pp, int64_t now) {
  static const uint8_t dst[6] = {0x01, 0x80, 0xc2, 0x00, 0x00, 0x01};
  const unsigned char *d = p->data();
  // MAC control frames are minimum-size; 46 bytes of parameters after type
  if (p->length() < 60 || memcmp(d, dst, 6) != 0 || (d[6] & 1))
    return false;
  uint16_t opcode = (uint16_t)((d[14] << 8) | d[15]);
  const unsigned char *par = d + 16;
  switch (opcode) {
  case MACCTL_PAUSE: {
    uint16_t q = (uint16_t)((par[0] << 8) | par[1]);
    // 802.3x pause stops all priorities
    for (int i = 0; i < 8; ++i)
      apply(pp, i, q, now);
    return true;
  }
  case MACCTL_PFC: {
    uint16_t cev = (uint16_t)((par[0] << 8) | par[1]);
    if (cev & 0xff00)
      return false;
    for (int i = 0; i < 8; ++i) {
      if (!(cev & (1 << i)))
        continue;
      const unsigned char *qp = par + 2 + 2 * i;
      apply(pp, i, (uint16_t)((qp[0] << 8) | qp[1]), now);
    }
    return true;
  }
  default:
    return false;
  }
}

bool PauseFrameAccountant::paused(PrioPause &pr, PortPause &pp, int64_t now) {
  if (pr.paused_until_ns <= now) {
    pr.storm = false;
    return false;
  }
  if (!pr.storm && now - pr.pause_start_ns > (int64_t)_storm_ms * 1000000) {
    pr.storm = true;
    pp.storms++;
  }
  // the watchdog forwards through a storm instead of holding forever
  return !pr.storm;
}

int PauseFrameAccountant::frame_priority(const Packet *p) {
  const unsigned char *d = p->data();
  if (p->length() >= 18 && ((d[12] == 0x81 && d[13] == 0x00) ||
                            (d[12] == 0x88 && d[13] == 0xa8)))
    return d[14] >> 5;
  return 0;
}

void PauseFrameAccountant::push(int, Packet *p) {
  if (p->length() < 14) {
    output(2).push(p);
    return;
  }
  PortPause &pp = _ports[PAINT_ANNO(p) & 15];
  int64_t now = p->timestamp_anno().nsecval();
  const unsigned char *d = p->data();
  if (d[12] == 0x88 && d[13] == 0x08) {
    if (mac_control(p, pp, now))
      output(1).push(p);
    else {
      pp.bad++;
      output(2).push(p);
    }
    return;
  }
  int prio = frame_priority(p);
  PrioPause &pr = pp.prio[prio];
  if (_honor && paused(pr, pp, now)) {
    pr.held++;
    SET_PAINT_ANNO(p, (uint8_t)prio);
    output(2).push(p);
    return;
  }
  output(0).push(p);
}

extern "C" Element *clara_nf_create(const char *config) {
  Element *e = new PauseFrameAccountant;
  if (clara_element_setup(e, config ? String(config) : String(), 1, 3) < 0)
    return 0;
  return e;
}
