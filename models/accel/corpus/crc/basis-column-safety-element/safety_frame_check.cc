// SafetyFrameCheck: checks openSAFETY-style doubled safety frames.
//
// A safety frame is carried twice, as two sub-frames that follow each
// other at OFFSET bytes into the packet:
//     [ADR/ID: 2][LE: 1][TR: 1][payload: LE bytes][check: 1 or 2 bytes]
// Payloads of up to 8 bytes carry an 8-bit check (RevEng CRC-8/OPENSAFETY,
// generator 0x2F), longer ones a 16-bit check, big-endian: sub-frame 1
// uses CRC-16/OPENSAFETY-A (generator 0x5935), sub-frame 2
// CRC-16/OPENSAFETY-B (generator 0x755B).  All are MSB first, zero preset,
// no final XOR, over header and payload.  Both sub-frames must carry the
// same LE and payload.  Good frames leave on output 0, others on output 1.
//
// The remainders are evaluated column by column: appending w zero bits to
// a w-bit value v gives v(x)*x^w mod G = XOR of columns C[k] = x^(w+k) mod G
// for the set bits k of v.  The CRC-16s take two message octets per step
// (16 columns), the CRC-8 one octet (8 columns); the columns are produced
// once, at configuration, by repeated multiplication by x.
//
// SafetyFrameCheck(OFFSET n)      default OFFSET 42 (Ethernet+IPv4+UDP)
#include <click/config.h>
#include <click/args.hh>
#include <click/element.hh>
#include <click/error.hh>
#include <click/packet.hh>
#include <string.h>

CLICK_DECLS

struct ColumnSet16 {
  uint16_t col[16];
};

class SafetyFrameCheck : public Element {
public:
  SafetyFrameCheck();

  const char *class_name() const override { return "SafetyFrameCheck"; }
  const char *port_count() const override { return "1/1-2"; }
  int configure(Vector<String> &conf, ErrorHandler *errh) override;
  Packet *simple_action(Packet *p) override;

  uint64_t accepted() const { return _accepted; }
  uint64_t rejected(int why) const { return _rejected[why]; }

  enum { R_SHORT = 0, R_CHECK1, R_CHECK2, R_MISMATCH, NR };

private:
  uint8_t _col8[8];
  ColumnSet16 _sub1, _sub2;
  unsigned _offset;
  uint64_t _accepted;
  uint64_t _rejected[NR];

  static void make_columns16(ColumnSet16 &cs, uint16_t gen);
  void make_columns8(uint8_t gen);
  uint8_t check8(const unsigned char *p, unsigned n) const;
  static uint16_t check16(const ColumnSet16 &cs, const unsigned char *p,
                          unsigned n);
  int subframe(const unsigned char *p, unsigned avail, bool second,
               unsigned *used) const;
};

SafetyFrameCheck::SafetyFrameCheck() : _offset(42), _accepted(0) {
  for (int i = 0; i < NR; ++i)
    _rejected[i] = 0;
  make_columns8(0x2F);
  make_columns16(_sub1, 0x5935);
  make_columns16(_sub2, 0x755B);
}

// col[0] = x^16 mod G (the generator without its top term); each further
// column is the previous one times x.
void SafetyFrameCheck::make_columns16(ColumnSet16 &cs, uint16_t gen) {
  uint16_t c = gen;
  for (int k = 0; k < 16; ++k) {
    cs.col[k] = c;
    c = (uint16_t)((c & 0x8000u) ? ((c << 1) ^ gen) : (c << 1));
  }
}

void SafetyFrameCheck::make_columns8(uint8_t gen) {
  uint8_t c = gen;
  for (int k = 0; k < 8; ++k) {
    _col8[k] = c;
    c = (uint8_t)((c & 0x80u) ? ((c << 1) ^ gen) : (c << 1));
  }
}

uint8_t SafetyFrameCheck::check8(const unsigned char *p, unsigned n) const {
  unsigned reg = 0;
  for (unsigned i = 0; i < n; ++i) {
    unsigned v = reg ^ p[i];
    reg = 0;
    for (unsigned k = 0; v != 0; ++k, v >>= 1)
      if (v & 1u)
        reg ^= _col8[k];
  }
  return (uint8_t)reg;
}

uint16_t SafetyFrameCheck::check16(const ColumnSet16 &cs,
                                   const unsigned char *p, unsigned n) {
  unsigned reg = 0;
  unsigned i = 0;
  for (; i + 2 <= n; i += 2) {
    unsigned v = reg ^ ((unsigned)p[i] << 8 | p[i + 1]);
    reg = 0;
    for (unsigned k = 0; v != 0; ++k, v >>= 1)
      if (v & 1u)
        reg ^= cs.col[k];
  }
  if (i < n) { // odd octet: only the low eight columns are reached
    unsigned v = (reg >> 8) ^ p[i];
    reg = (reg << 8) & 0xFFFFu;
    for (unsigned k = 0; v != 0; ++k, v >>= 1)
      if (v & 1u)
        reg ^= cs.col[k];
  }
  return (uint16_t)reg;
}

int SafetyFrameCheck::configure(Vector<String> &conf, ErrorHandler *errh) {
  unsigned offset = 42;
  if (Args(conf, this, errh).read("OFFSET", offset).complete() < 0)
    return -1;
  _offset = offset;
  return 0;
}

// Validates one sub-frame; returns its LE or -1 on a bad check, -2 when
// truncated.  *used receives the sub-frame's total length.
int SafetyFrameCheck::subframe(const unsigned char *p, unsigned avail,
                               bool second, unsigned *used) const {
  if (avail < 4)
    return -2;
  unsigned le = p[2];
  unsigned body = 4 + le;
  unsigned clen = le <= 8 ? 1 : 2;
  if (avail < body + clen)
    return -2;
  *used = body + clen;
  if (clen == 1)
    return check8(p, body) == p[body] ? (int)le : -1;
  uint16_t want = (uint16_t)(p[body] << 8 | p[body + 1]);
  const ColumnSet16 &cs = second ? _sub2 : _sub1;
  return check16(cs, p, body) == want ? (int)le : -1;
}

Packet *SafetyFrameCheck::simple_action(Packet *p) {
  int why = -1;
  if (p->length() < _offset) {
    why = R_SHORT;
  } else {
    const unsigned char *f = p->data() + _offset;
    unsigned avail = p->length() - _offset, used1 = 0, used2 = 0;
    int le1 = subframe(f, avail, false, &used1);
    if (le1 == -2)
      why = R_SHORT;
    else if (le1 < 0)
      why = R_CHECK1;
    else {
      int le2 = subframe(f + used1, avail - used1, true, &used2);
      if (le2 == -2)
        why = R_SHORT;
      else if (le2 < 0)
        why = R_CHECK2;
      else if (le2 != le1 || memcmp(f + 4, f + used1 + 4, le1) != 0)
        why = R_MISMATCH;
    }
  }
  if (why < 0) {
    _accepted++;
    return p;
  }
  _rejected[why]++;
  checked_output_push(1, p);
  return 0;
}

CLICK_ENDDECLS
EXPORT_ELEMENT(SafetyFrameCheck)
