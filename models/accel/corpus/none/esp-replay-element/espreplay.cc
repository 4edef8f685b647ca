// ESPReplayWindow: inbound anti-replay check of an IPsec gateway as a Click
// element. Packets are IPv4 ESP; the SPI selects one of a few security
// associations (linear scan of a small table). Each SA keeps a 64-bit
// extended sequence number (ESN, RFC 4303): only the low 32 bits travel in
// the packet and the high half is inferred from the right edge of the
// window as in RFC 4303 appendix A2.2. Seen sequence numbers are recorded
// in a ring of 64-bit words (RFC 6479): advancing the window clears whole
// words instead of shifting a long bitmap, and one word of the ring is
// kept as slack so the usable window is (WORDS - 1) * 64 numbers.
// Replayed or too-old packets leave on output 1, accepted ones on output 0.
// (Integrity is assumed already verified, so the window is updated here.)
// Label: none.
#include <click/config.h>
#include <click/element.hh>
#include <click/packet.hh>
#include <clicknet/ip.h>

namespace {
const unsigned REPLAY_WORDS = 16;              // ring size, power of two
const unsigned REPLAY_WIN = (REPLAY_WORDS - 1) * 64;
const unsigned WORD_SHIFT = 6;

struct EspSa {
  uint32_t spi;
  bool active;
  uint64_t top;  // highest accepted ESN; 0 = nothing accepted yet
  uint64_t ring[REPLAY_WORDS];
  uint64_t accepted, replayed, stale;
};
} // namespace

enum ReplayVerdict { RV_OK = 0, RV_REPLAY = 1, RV_STALE = 2 };

class ESPReplayWindow : public Element {
public:
  enum { NSA = 8 };
  ESPReplayWindow() {
    for (int i = 0; i < NSA; i++)
      _sa[i].active = false;
  }
  const char *class_name() const override { return "ESPReplayWindow"; }
  const char *port_count() const override { return "1/2"; }
  const char *processing() const override { return PUSH; }
  void push(int, Packet *p) override;

  int add_sa(uint32_t spi);
  EspSa *find_sa(uint32_t spi);

  static uint64_t infer_esn(uint64_t top, uint32_t seql);
  static int check(const EspSa *sa, uint64_t seq);
  static void update(EspSa *sa, uint64_t seq);
  int receive(uint32_t spi, uint32_t seql);

private:
  EspSa _sa[NSA];
};

int ESPReplayWindow::add_sa(uint32_t spi) {
  for (int i = 0; i < NSA; i++) {
    EspSa &s = _sa[i];
    if (!s.active) {
      s.spi = spi;
      s.active = true;
      s.top = 0;
      for (unsigned w = 0; w < REPLAY_WORDS; w++)
        s.ring[w] = 0;
      s.accepted = s.replayed = s.stale = 0;
      return i;
    }
  }
  return -1;
}

EspSa *ESPReplayWindow::find_sa(uint32_t spi) {
  EspSa *s = _sa, *e = _sa + NSA;
  for (; s != e; ++s)
    if (s->active && s->spi == spi)
      return s;
  return 0;
}

// RFC 4303 A2.2: choose the high half so that the ESN lands in the window
// [top - W + 1, top + 2^32 - W].
uint64_t ESPReplayWindow::infer_esn(uint64_t top, uint32_t seql) {
  uint32_t tl = (uint32_t)top;
  uint32_t th = (uint32_t)(top >> 32);
  uint32_t bottom = tl - (REPLAY_WIN - 1);  // modulo 2^32
  uint32_t sh;
  if (tl >= REPLAY_WIN - 1) {
    // window within one 2^32 subspace
    sh = (seql >= bottom) ? th : th + 1;
  } else {
    // window straddles the subspace boundary
    sh = (seql >= bottom) ? th - 1 : th;
  }
  return ((uint64_t)sh << 32) | seql;
}

int ESPReplayWindow::check(const EspSa *sa, uint64_t seq) {
  if (seq == 0)
    return RV_STALE;  // 0 is never sent
  if (seq > sa->top)
    return RV_OK;
  if (sa->top - seq >= REPLAY_WIN)
    return RV_STALE;
  unsigned bit = (unsigned)(seq & 63);
  unsigned idx = (unsigned)(seq >> WORD_SHIFT) & (REPLAY_WORDS - 1);
  return (sa->ring[idx] >> bit) & 1 ? RV_REPLAY : RV_OK;
}

void ESPReplayWindow::update(EspSa *sa, uint64_t seq) {
  if (seq > sa->top) {
    uint64_t old_w = sa->top >> WORD_SHIFT, new_w = seq >> WORD_SHIFT;
    uint64_t diff = new_w - old_w;
    if (diff > REPLAY_WORDS)
      diff = REPLAY_WORDS;
    for (uint64_t k = 1; k <= diff; k++)
      sa->ring[(old_w + k) & (REPLAY_WORDS - 1)] = 0;
    sa->top = seq;
  }
  sa->ring[(seq >> WORD_SHIFT) & (REPLAY_WORDS - 1)] |= 1ull << (seq & 63);
}

// Returns the verdict for one packet of the SA (or -1 for an unknown SPI).
int ESPReplayWindow::receive(uint32_t spi, uint32_t seql) {
  EspSa *sa = find_sa(spi);
  if (!sa)
    return -1;
  uint64_t seq = infer_esn(sa->top, seql);
  int v = check(sa, seq);
  if (v == RV_OK) {
    update(sa, seq);
    sa->accepted++;
  } else if (v == RV_REPLAY) {
    sa->replayed++;
  } else {
    sa->stale++;
  }
  return v;
}

void ESPReplayWindow::push(int, Packet *p) {
  const click_ip *iph = p->ip_header();
  unsigned hl = iph->ip_hl << 2;
  const unsigned char *esp = p->data() + p->ip_header_offset() + hl;
  if (iph->ip_p != IP_PROTO_ESP || esp + 8 > p->end_data()) {
    output(1).push(p);
    return;
  }
  uint32_t spi = ((uint32_t)esp[0] << 24) | ((uint32_t)esp[1] << 16) |
                 ((uint32_t)esp[2] << 8) | esp[3];
  uint32_t seql = ((uint32_t)esp[4] << 24) | ((uint32_t)esp[5] << 16) |
                  ((uint32_t)esp[6] << 8) | esp[7];
  output(receive(spi, seql) == RV_OK ? 0 : 1).push(p);
}
