// TkipMicVerify: checks the TKIP "Michael" message integrity code that
// trails each frame.  The frame is an Ethernet-style header (DA, SA, type)
// followed by the MSDU body and an 8-byte MIC; the MIC covers
// DA | SA | priority | three zero bytes | body, as in IEEE 802.11i.
// Frames whose MIC matches leave on output 0 (trailer removed), the
// others on output 1.  Michael itself is written from its definition:
// two 32-bit registers, the block function b() of rotations, additions
// and a half-word byte swap, and 0x5a-then-zeros padding to a word
// boundary with at least four zero bytes.
#include <click/config.h>
#include <click/element.hh>
#include <click/packet.hh>
#include <clicknet/ether.h>
#include <stdint.h>

CLICK_DECLS

namespace {

inline uint32_t rotl32(uint32_t v, unsigned n) {
  return (v << n) | (v >> (32 - n));
}

} // namespace

// The register pair plus a word being assembled from bytes.
struct MichaelRegs {
  uint32_t l, r;
  uint32_t word;
  unsigned nbytes;

  void keyed(const uint8_t k[8]);
  void mix();
  void feed(uint8_t byte);
  void feed_span(const uint8_t *p, const uint8_t *end);
  void finish(uint8_t out[8]);
};

void MichaelRegs::keyed(const uint8_t k[8]) {
  l = r = 0;
  for (int i = 3; i >= 0; --i) {
    l = (l << 8) | k[i];
    r = (r << 8) | k[i + 4];
  }
  word = 0;
  nbytes = 0;
}

// b(L, R)
void MichaelRegs::mix() {
  r ^= rotl32(l, 17);
  l += r;
  r ^= ((l & 0xff00ff00u) >> 8) | ((l & 0x00ff00ffu) << 8);
  l += r;
  r ^= rotl32(l, 3);
  l += r;
  r ^= rotl32(l, 30);
  l += r;
}

void MichaelRegs::feed(uint8_t byte) {
  word |= (uint32_t)byte << (8 * nbytes);
  if (++nbytes == 4) {
    l ^= word;
    mix();
    word = 0;
    nbytes = 0;
  }
}

void MichaelRegs::feed_span(const uint8_t *p, const uint8_t *end) {
  while (p != end && nbytes != 0)
    feed(*p++);
  // whole little-endian words straight from the buffer
  while (end - p >= 4) {
    l ^= (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
         (uint32_t)p[3] << 24;
    mix();
    p += 4;
  }
  while (p != end)
    feed(*p++);
}

void MichaelRegs::finish(uint8_t out[8]) {
  feed(0x5a);
  for (int z = 0; z < 4; ++z)
    feed(0);
  while (nbytes != 0)
    feed(0);
  for (int i = 0; i < 4; ++i) {
    out[i] = (uint8_t)(l >> (8 * i));
    out[i + 4] = (uint8_t)(r >> (8 * i));
  }
}

// Michael over a plain message (the form the standard's vectors use).
void michael_digest(const uint8_t key[8], const uint8_t *msg, size_t n,
                    uint8_t out[8]) {
  MichaelRegs m;
  m.keyed(key);
  m.feed_span(msg, msg + n);
  m.finish(out);
}

class TkipMicVerify : public Element {
public:
  TkipMicVerify() : _priority(0) {
    for (int i = 0; i < 8; ++i)
      _key[i] = (uint8_t)(0x3c + 17 * i);
  }
  const char *class_name() const override { return "TkipMicVerify"; }
  const char *port_count() const override { return "1/2"; }
  const char *processing() const override { return PUSH; }

  bool mic_ok(const unsigned char *frame, uint32_t len) const;
  void push(int port, Packet *p) override;

private:
  uint8_t _key[8];
  uint8_t _priority;
};

// Recomputes the MIC of the frame and compares it with the trailer in
// constant time.
bool TkipMicVerify::mic_ok(const unsigned char *frame, uint32_t len) const {
  const uint32_t hdr = sizeof(click_ether);
  if (len < hdr + 8)
    return false;
  const click_ether *eh = reinterpret_cast<const click_ether *>(frame);
  MichaelRegs m;
  m.keyed(_key);
  m.feed_span(eh->ether_dhost, eh->ether_dhost + 6);
  m.feed_span(eh->ether_shost, eh->ether_shost + 6);
  m.feed(_priority);
  m.feed(0);
  m.feed(0);
  m.feed(0);
  const unsigned char *body = frame + 12;
  const unsigned char *trailer = frame + len - 8;
  m.feed_span(body, trailer);
  uint8_t tag[8];
  m.finish(tag);
  uint8_t diff = 0;
  for (int i = 0; i < 8; ++i)
    diff |= (uint8_t)(tag[i] ^ trailer[i]);
  return diff == 0;
}

void TkipMicVerify::push(int, Packet *p) {
  if (mic_ok(p->data(), p->length())) {
    p->take(8);
    checked_output_push(0, p);
  } else
    checked_output_push(1, p);
}

CLICK_ENDDECLS
EXPORT_ELEMENT(TkipMicVerify)
