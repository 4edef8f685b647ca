/*
 * LteParityAttach(TYPE)
 *
 * Appends the 3GPP TS 36.212 section 5.1.1 parity bits to every packet,
 * treating the packet data as the bit sequence a_0 .. a_{A-1} (a_0 = most
 * significant bit of the first byte).  TYPE selects the generator:
 *
 *   24A  gCRC24A(D) = D^24+D^23+D^18+D^17+D^14+D^11+D^10+D^7+D^6+D^5+D^4+D^3+D+1
 *   24B  gCRC24B(D) = D^24+D^23+D^6+D^5+D+1
 *   16   gCRC16(D)  = D^16+D^12+D^5+1
 *   8    gCRC8(D)   = D^8+D^7+D^4+D^3+D+1
 *
 * Parity p_0 .. p_{L-1} is appended high order first, as 36.212 prescribes
 * (b_k = p_{k-A}), so the packet grows by L/8 bytes.  The shift register
 * starts at zero and nothing is inverted.  Transport blocks use 24A, code
 * blocks 24B, so an encoder chain has two of these back to back.
 *
 * With CHECK true the element instead strips and checks the parity, sending
 * failures to output 1 (if connected; killed otherwise).
 */
#include <click/config.h>
#include <click/element.hh>
#include <click/packet.hh>
#include <click/args.hh>
#include <click/error.hh>
#include <click/string.hh>

CLICK_DECLS

class LteParityAttach : public Element {
public:
  LteParityAttach();
  ~LteParityAttach() {}

  const char *class_name() const { return "LteParityAttach"; }
  const char *port_count() const { return "1/1-2"; }
  const char *processing() const { return PUSH; }

  int configure(Vector<String> &conf, ErrorHandler *errh);
  void push(int port, Packet *p);

  // Division of the A packet bits by g(D); returns the L-bit remainder.
  static uint32_t divide(const unsigned char *a, uint32_t nbytes,
                         uint32_t gen, int L);

private:
  uint32_t _gen;      // g(D) without the D^L term
  int _L;             // number of parity bits
  bool _check;
  uint64_t _attached;
  uint64_t _bad;
};

LteParityAttach::LteParityAttach()
  : _gen(0x864CFB), _L(24), _check(false), _attached(0), _bad(0)
{
}

int LteParityAttach::configure(Vector<String> &conf, ErrorHandler *errh)
{
  String type = "24A";
  bool check = false;
  if (Args(conf, this, errh)
        .read_p("TYPE", type)
        .read("CHECK", check)
        .complete() < 0)
    return -1;
  if (type == "24A" || type == "24a") {
    _gen = 0x864CFB; _L = 24;
  } else if (type == "24B" || type == "24b") {
    _gen = 0x800063; _L = 24;
  } else if (type == "16") {
    _gen = 0x1021; _L = 16;
  } else if (type == "8") {
    _gen = 0x9B; _L = 8;
  } else
    return errh->error("TYPE must be 24A, 24B, 16 or 8");
  _check = check;
  return 0;
}

uint32_t LteParityAttach::divide(const unsigned char *a, uint32_t nbytes,
                                 uint32_t gen, int L)
{
  const uint32_t msb = 1u << (L - 1);
  const uint32_t keep = (L == 32) ? 0xFFFFFFFFu : ((1u << L) - 1);
  uint32_t sr = 0;

  for (uint32_t i = 0; i < nbytes; i++) {
    unsigned char octet = a[i];
    for (int k = 0; k < 8; k++) {
      bool in = (octet & 0x80) != 0;
      bool out = (sr & msb) != 0;
      octet <<= 1;
      sr = (sr << 1) & keep;
      if (in != out)
        sr ^= gen;
    }
  }
  return sr;
}

void LteParityAttach::push(int, Packet *p)
{
  const uint32_t nb = _L / 8;

  if (_check) {
    if (p->length() < nb) {
      _bad++;
      checked_output_push(1, p);
      return;
    }
    uint32_t A = p->length() - nb;
    uint32_t rx = 0;
    for (uint32_t i = 0; i < nb; i++)
      rx = (rx << 8) | p->data()[A + i];
    if (divide(p->data(), A, _gen, _L) != rx) {
      _bad++;
      checked_output_push(1, p);
      return;
    }
    p->take(nb);
    output(0).push(p);
    return;
  }

  uint32_t A = p->length();
  WritablePacket *q = p->put(nb);
  if (!q)
    return;
  uint32_t par = divide(q->data(), A, _gen, _L);
  unsigned char *tail = q->data() + A;
  for (uint32_t i = 0; i < nb; i++)
    tail[i] = (unsigned char)(par >> (8 * (nb - 1 - i)));
  _attached++;
  output(0).push(q);
}

CLICK_ENDDECLS
EXPORT_ELEMENT(LteParityAttach)
