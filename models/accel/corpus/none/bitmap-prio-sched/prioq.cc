// PrioRRSched: a Click push-to-pull scheduler with 32 queues in two tiers.
// Queues 0-7 are strict priority (lowest index first); queues 8-31 share the
// rest round robin, one packet per turn, starting after the queue served
// last. A 32-bit occupancy bitmap has bit q set while queue q holds packets;
// the next queue is found with a find-first-set built on a de Bruijn
// sequence (multiply, top five bits index a 32-entry position table filled
// in the constructor). The queue of a packet is its DSCP (top six bits of
// the IP TOS) folded into 32 classes. Label: none.
#include <click/config.h>
#include <click/element.hh>
#include <click/packet.hh>
#include <clicknet/ip.h>

class PrioRRSched : public Element {
public:
  enum { NQ = 32, NPRIO = 8, QCAP = 32 };
  static const uint32_t DEBRUIJN = 0x077CB531u;

  PrioRRSched() : _busy(0), _last(NQ - 1), _drops(0) {
    for (int i = 0; i < NQ; i++) {
      _pos[(uint32_t)(DEBRUIJN << i) >> 27] = (uint8_t)i;
      _h[i] = _n[i] = 0;
    }
  }
  const char *class_name() const override { return "PrioRRSched"; }
  const char *port_count() const override { return "1/1"; }
  const char *processing() const override { return PUSH_TO_PULL; }

  void push(int, Packet *p) override;
  Packet *pull(int) override;

  int ffs0(uint32_t m) const; // index of the lowest set bit, -1 if none
  int pick() const;
  bool enqueue(int q, Packet *p);
  uint32_t busy() const { return _busy; }

private:
  Packet *_q[NQ][QCAP];
  uint8_t _h[NQ], _n[NQ];
  uint8_t _pos[NQ];
  uint32_t _busy;
  int _last;
  unsigned long _drops;
};

int PrioRRSched::ffs0(uint32_t m) const {
  if (!m)
    return -1;
  uint32_t low = m & (0u - m); // isolate the lowest set bit
  return _pos[(uint32_t)(low * DEBRUIJN) >> 27];
}

int PrioRRSched::pick() const {
  uint32_t prio = _busy & ((1u << NPRIO) - 1);
  if (prio)
    return ffs0(prio);
  uint32_t rr = _busy & ~((1u << NPRIO) - 1);
  if (!rr)
    return -1;
  // round robin: first busy queue strictly after _last, else wrap around
  uint32_t after = _last >= NQ - 1 ? 0 : rr & ~((2u << _last) - 1);
  return ffs0(after ? after : rr);
}

bool PrioRRSched::enqueue(int q, Packet *p) {
  if (_n[q] == QCAP)
    return false;
  _q[q][(_h[q] + _n[q]) % QCAP] = p;
  _n[q]++;
  _busy |= 1u << q;
  return true;
}

void PrioRRSched::push(int, Packet *p) {
  int q = NQ - 1;
  if (p->length() >= sizeof(click_ip)) {
    const click_ip *iph = reinterpret_cast<const click_ip *>(p->data());
    unsigned dscp = iph->ip_tos >> 2;
    if (dscp >= 48)
      q = 0; // network control
    else if (dscp == 46)
      q = 1; // expedited forwarding
    else if ((dscp & 7) == 0)
      q = 2 + (dscp >> 3); // class selectors CS0..CS5 -> 2..7
    else
      q = NPRIO + (int)(dscp % (NQ - NPRIO));
  }
  if (!enqueue(q, p)) {
    _drops++;
    p->kill();
  }
}

Packet *PrioRRSched::pull(int) {
  int q = pick();
  if (q < 0)
    return 0;
  Packet *p = _q[q][_h[q]];
  _h[q] = (uint8_t)((_h[q] + 1) % QCAP);
  if (--_n[q] == 0)
    _busy &= ~(1u << q);
  if (q >= NPRIO)
    _last = q;
  return p;
}
