// Training source for the instruction models (models/README.md): a
// strict-priority queue with a shared buffer: push input, pull output.
// Four bands chosen by DSCP and well-known ports; the shared byte buffer is
// divided by dynamic thresholds (a band may hold alpha times the free
// space, alpha a power of two per band), a full buffer pushes out the tail
// of the lowest non-empty band below the arriving one, and the pull side
// serves bands in order with a starvation guard for the lowest band.
// Written for training only; not part of the NF corpus.
#include <click/clara.hh>
#include <click/config.h>
#include <click/element.hh>
#include <click/packet.hh>
#include <click/packet_anno.hh>
#include <clicknet/ip.h>
#include <clicknet/tcp.h>
#include <clicknet/udp.h>

enum { PQ_BANDS = 4, PQ_SLOTS = 128, PQ_BUFFER = 256 * 1024 };

struct PqBand {
  Packet *slot[PQ_SLOTS];
  uint16_t head, count;
  uint32_t bytes;
  int8_t alpha_shift; // limit = free << shift (negative: >> -shift)
  uint32_t enq, pushed_out, refused;
};

class TrainPrioQ : public Element {
public:
  TrainPrioQ() : _total(0), _streak(0), _guard(16) {
    static const int8_t shifts[PQ_BANDS] = {2, 1, 0, -1};
    for (int b = 0; b < PQ_BANDS; ++b) {
      _band[b].head = _band[b].count = 0;
      _band[b].bytes = 0;
      _band[b].alpha_shift = shifts[b];
      _band[b].enq = _band[b].pushed_out = _band[b].refused = 0;
    }
  }
  const char *class_name() const override { return "TrainPrioQ"; }
  const char *port_count() const override { return "1/1-2"; }
  const char *processing() const override { return "h/lh"; }
  void push(int port, Packet *p) override;
  Packet *pull(int port) override;

private:
  static int port_band(uint16_t port) {
    switch (port) {
    case 53:   // DNS
    case 123:  // NTP
    case 179:  // BGP
    case 3784: // BFD
      return 0;
    case 22:
    case 5060:
    case 5061:
      return 1;
    case 80:
    case 443:
    case 8080:
      return 2;
    default:
      return -1;
    }
  }
  static int band_of(const Packet *p) {
    if (!p->has_network_header())
      return 3;
    const click_ip *iph = p->ip_header();
    uint8_t dscp = iph->ip_tos >> 2;
    if (dscp == 46 || dscp >= 48)
      return 0;
    if (IP_FIRSTFRAG(iph) && p->transport_length() >= 4 &&
        (iph->ip_p == IP_PROTO_TCP || iph->ip_p == IP_PROTO_UDP)) {
      const click_udp *uh = p->udp_header();
      int b = port_band(ntohs(uh->uh_dport));
      if (b < 0)
        b = port_band(ntohs(uh->uh_sport));
      if (b >= 0)
        return b;
    }
    if (dscp >= 24)
      return 1;
    return dscp == 8 ? 3 : 2;
  }
  uint32_t band_limit(const PqBand &b) const {
    uint32_t free = PQ_BUFFER - _total;
    if (b.alpha_shift >= 0)
      return free << b.alpha_shift;
    return free >> -b.alpha_shift;
  }
  Packet *drop_tail(PqBand &b) {
    b.count--;
    Packet *p = b.slot[(b.head + b.count) % PQ_SLOTS];
    b.bytes -= p->length();
    _total -= p->length();
    return p;
  }
  bool make_room(int band, uint32_t need);
  Packet *take(int band) {
    PqBand &b = _band[band];
    Packet *p = b.slot[b.head];
    b.head = (uint16_t)((b.head + 1) % PQ_SLOTS);
    b.count--;
    b.bytes -= p->length();
    _total -= p->length();
    return p;
  }

  PqBand _band[PQ_BANDS];
  uint32_t _total;
  uint32_t _streak, _guard;
};

bool TrainPrioQ::make_room(int band, uint32_t need) {
  // push out from the lowest band strictly below the arrival's band
  for (int v = PQ_BANDS - 1; v > band && _total + need > PQ_BUFFER; --v) {
    while (_band[v].count > 0 && _total + need > PQ_BUFFER) {
      Packet *x = drop_tail(_band[v]);
      _band[v].pushed_out++;
      checked_output_push(1, x);
    }
  }
  return _total + need <= PQ_BUFFER;
}

void TrainPrioQ::push(int, Packet *p) {
  int band = band_of(p);
  PqBand &b = _band[band];
  uint32_t len = p->length();
  if (b.count >= PQ_SLOTS || b.bytes + len > band_limit(b) ||
      !make_room(band, len)) {
    b.refused++;
    checked_output_push(1, p);
    return;
  }
  b.slot[(b.head + b.count) % PQ_SLOTS] = p;
  b.count++;
  b.bytes += len;
  b.enq++;
  _total += len;
  SET_PAINT_ANNO(p, (uint8_t)band);
}

Packet *TrainPrioQ::pull(int) {
  // after _guard packets from higher bands, let the lowest band send one
  if (_streak >= _guard && _band[PQ_BANDS - 1].count) {
    _streak = 0;
    return take(PQ_BANDS - 1);
  }
  for (int band = 0; band < PQ_BANDS; ++band) {
    if (_band[band].count == 0)
      continue;
    if (band == PQ_BANDS - 1)
      _streak = 0;
    else
      _streak++;
    return take(band);
  }
  _streak = 0;
  return 0;
}

extern "C" Element *clara_nf_create(const char *config) {
  Element *e = new TrainPrioQ;
  if (clara_element_setup(e, config ? String(config) : String(), 1, 2) < 0)
    return 0;
  return e;
}
