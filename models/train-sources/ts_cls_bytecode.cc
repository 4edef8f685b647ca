// Training source for the instruction models (models/README.md): a
// Classifier-style decision program. Patterns "offset/value%mask" over the
// raw frame are compiled to an array of (offset, mask, value, yes, no)
// instructions; each packet walks the array, loading big-endian words of
// 16, 32 or 64 bits (one template per word width), branching until a
// negative target names an output. Short frames take the "no" branch.
// Written for training only; not part of the NF corpus.
#include <click/clara.hh>
#include <click/config.h>
#include <click/element.hh>
#include <click/packet.hh>
#include <click/packet_anno.hh>
#include <clicknet/ether.h>
#include <clicknet/ip.h>

template <typename W> struct ClsInsn {
  uint16_t offset;
  int16_t yes; // >0: next instruction, <=0: -output
  int16_t no;
  W mask;
  W value;
};

template <typename W> static W load_be(const uint8_t *d) {
  W w = 0;
  for (unsigned i = 0; i < sizeof(W); ++i)
    w = (W)((w << 8) | d[i]);
  return w;
}

template <typename W, int MAXI> class TrainBytecodeClassifier : public Element {
public:
  TrainBytecodeClassifier() : _ninsn(0), _steps(0), _max_steps(0) {
    // Output 0: IPv4 TCP to port 80/443; 1: IPv4 UDP DNS; 2: ARP;
    // 3: anything else. The patterns are written per word width so that
    // each instantiation compiles its own program.
    int eth = pattern(12, 0x0800, 0xffff, 0, 0);
    int arp = pattern(12, 0x0806, 0xffff, 0, -3);
    patch_no(eth, arp);
    arp_out(arp);
    int proto = pattern(23, IP_PROTO_TCP, 0xff, 0, 0);
    patch_yes(eth, proto);
    int udp = pattern(23, IP_PROTO_UDP, 0xff, 0, -3);
    patch_no(proto, udp);
    int frag = pattern(20, 0, 0x1fff, 0, -3);
    patch_yes(proto, frag);
    int http = pattern(36, 80, 0xffff, 0, 0);
    patch_yes(frag, http);
    int https = pattern(36, 443, 0xffff, 0, -3);
    patch_no(http, https);
    _prog[http].yes = 0;
    _prog[https].yes = 0;
    int dns = pattern(36, 53, 0xffff, -1, -3);
    patch_yes(udp, dns);
    for (int i = 0; i < 4; ++i)
      _hits[i] = 0;
  }
  const char *class_name() const override { return "TrainBytecodeClassifier"; }
  const char *port_count() const override { return "1/4"; }
  void push(int port, Packet *p) override;

private:
  // Encodes a field test at a byte offset: the value and mask are shifted
  // into a word of width W that starts at an offset aligned down to 2.
  int pattern(int off, uint32_t value, uint32_t mask, int yes, int no) {
    if (_ninsn >= MAXI)
      return MAXI - 1;
    int fieldlen = mask > 0xffff ? 4 : mask > 0xff ? 2 : 1;
    int start = off & ~1;
    int shift = (int)(sizeof(W) - (off - start) - fieldlen) * 8;
    if (shift < 0)
      shift = 0;
    ClsInsn<W> &in = _prog[_ninsn];
    in.offset = (uint16_t)start;
    in.mask = (W)((W)mask << shift);
    in.value = (W)((W)value << shift);
    in.yes = (int16_t)yes;
    in.no = (int16_t)no;
    return _ninsn++;
  }
  void patch_yes(int at, int target) { _prog[at].yes = (int16_t)target; }
  void patch_no(int at, int target) { _prog[at].no = (int16_t)target; }
  void arp_out(int at) { _prog[at].yes = -2; }

  bool test(const ClsInsn<W> &in, const uint8_t *d, uint32_t len) const {
    if ((uint32_t)in.offset + sizeof(W) > len)
      return false;
    W w = load_be<W>(d + in.offset);
    return (w & in.mask) == in.value;
  }
  int run(const uint8_t *d, uint32_t len, uint32_t *steps) const;

  ClsInsn<W> _prog[MAXI];
  int _ninsn;
  uint64_t _hits[4];
  uint64_t _steps;
  uint32_t _max_steps;
};

template <typename W, int MAXI>
int TrainBytecodeClassifier<W, MAXI>::run(const uint8_t *d, uint32_t len,
                                          uint32_t *steps) const {
  int pc = 0;
  uint32_t n = 0;
  while (pc >= 0 && pc < _ninsn) {
    const ClsInsn<W> &in = _prog[pc];
    int next = test(in, d, len) ? in.yes : in.no;
    ++n;
    if (next <= 0) {
      *steps = n;
      return -next;
    }
    if (next <= pc) // programs only jump forward
      break;
    pc = next;
  }
  *steps = n;
  return 3;
}

template <typename W, int MAXI>
void TrainBytecodeClassifier<W, MAXI>::push(int, Packet *p) {
  uint32_t steps = 0;
  int out = run(p->data(), p->length(), &steps);
  if (out > 3)
    out = 3;
  _hits[out]++;
  _steps += steps;
  if (steps > _max_steps)
    _max_steps = steps;
  SET_AGGREGATE_ANNO(p, (uint32_t)out << 16 | steps);
  if (out == 0)
    output(0).push(p);
  else
    checked_output_push(out, p);
}

extern "C" Element *clara_nf_create(const char *config) {
  Element *e[3] = {new TrainBytecodeClassifier<uint16_t, 12>,
                   new TrainBytecodeClassifier<uint32_t, 12>,
                   new TrainBytecodeClassifier<uint64_t, 16>};
  String conf = config ? String(config) : String();
  for (int i = 0; i < 3; ++i)
    if (clara_element_setup(e[i], conf, 1, 4) < 0)
      return 0;
  clara_connect(e[0], 0, e[1], 0);
  clara_connect(e[0], 1, e[1], 0);
  clara_connect(e[1], 0, e[2], 0);
  clara_connect(e[1], 1, e[2], 0);
  return e[0];
}
