// ClassicBPFFilter: a packet filter element that runs a classic BPF
// program (the BSD packet filter machine of McCanne & Jacobson: an
// accumulator A, an index register X, 16 scratch words, loads relative to
// the frame start, forward-only conditional jumps, return of a snap
// length) over each Ethernet frame. The program is checked once when it is
// loaded (opcodes known, jumps forward and inside the program, constant
// divisors non-zero, scratch indices < 16, last instruction a return).
// Frames for which the program returns 0 go to output 1; others go to
// output 0, trimmed to the returned length. Out-of-range loads and
// division by a zero X end the program with 0, as in the original.
// Label: none.
#include <click/config.h>
#include <click/element.hh>
#include <click/packet.hh>

struct BpfInsn {
  uint16_t code;
  uint8_t jt, jf;
  uint32_t k;
};

namespace bpf {
enum {
  LD = 0x00, LDX = 0x01, ST = 0x02, STX = 0x03, ALU = 0x04, JMP = 0x05,
  RET = 0x06, MISC = 0x07,
  W = 0x00, H = 0x08, B = 0x10,
  IMM = 0x00, ABS = 0x20, IND = 0x40, MEM = 0x60, LEN = 0x80, MSH = 0xa0,
  ADD = 0x00, SUB = 0x10, MUL = 0x20, DIV = 0x30, OR = 0x40, AND = 0x50,
  LSH = 0x60, RSH = 0x70, NEG = 0x80, MOD = 0x90, XOR = 0xa0,
  JA = 0x00, JEQ = 0x10, JGT = 0x20, JGE = 0x30, JSET = 0x40,
  K = 0x00, X = 0x08, A = 0x10,
  TAX = 0x00, TXA = 0x80,
  MEMWORDS = 16
};
inline unsigned cls(uint16_t c) { return c & 0x07; }
inline unsigned sz(uint16_t c) { return c & 0x18; }
inline unsigned mode(uint16_t c) { return c & 0xe0; }
inline unsigned op(uint16_t c) { return c & 0xf0; }
inline unsigned src(uint16_t c) { return c & 0x08; }
} // namespace bpf

class ClassicBPFFilter : public Element {
public:
  enum { MAXINSNS = 128 };
  ClassicBPFFilter() : _n(0), _dropped(0) {}
  const char *class_name() const override { return "ClassicBPFFilter"; }
  const char *port_count() const override { return "1/2"; }
  const char *processing() const override { return PUSH; }
  Packet *simple_action(Packet *p) override;

  static bool validate(const BpfInsn *prog, unsigned n);
  static uint32_t run(const BpfInsn *prog, const uint8_t *pkt, uint32_t len);
  int load(const BpfInsn *prog, unsigned n);

private:
  BpfInsn _prog[MAXINSNS];
  unsigned _n;
  unsigned long _dropped;
};

bool ClassicBPFFilter::validate(const BpfInsn *prog, unsigned n) {
  using namespace bpf;
  if (n == 0 || n > MAXINSNS)
    return false;
  for (unsigned pc = 0; pc < n; pc++) {
    const BpfInsn &in = prog[pc];
    switch (cls(in.code)) {
    case LD:
    case LDX:
      if (mode(in.code) == MEM && in.k >= MEMWORDS)
        return false;
      if (cls(in.code) == LDX && in.code != (LDX | W | IMM) &&
          in.code != (LDX | W | MEM) && in.code != (LDX | W | LEN) &&
          in.code != (LDX | B | MSH))
        return false;
      if (cls(in.code) == LD && (mode(in.code) == MSH || sz(in.code) == 0x18))
        return false;
      break;
    case ST:
    case STX:
      if (in.k >= MEMWORDS)
        return false;
      break;
    case ALU:
      if (op(in.code) > XOR)
        return false;
      if ((op(in.code) == DIV || op(in.code) == MOD) && src(in.code) == K &&
          in.k == 0)
        return false;
      break;
    case JMP:
      if (op(in.code) == JA) {
        if (in.k >= n - pc - 1)
          return false;
      } else {
        if (op(in.code) > JSET)
          return false;
        if (in.jt >= n - pc - 1 || in.jf >= n - pc - 1)
          return false;
      }
      break;
    case RET:
    case MISC:
      break;
    }
  }
  return cls(prog[n - 1].code) == RET;
}

uint32_t ClassicBPFFilter::run(const BpfInsn *prog, const uint8_t *pkt,
                               uint32_t len) {
  using namespace bpf;
  uint32_t a = 0, x = 0, mem[MEMWORDS] = {0};
  const BpfInsn *pc = prog;
  for (;; ++pc) {
    uint32_t k = pc->k;
    uint32_t off;
    switch (pc->code) {
    case RET | K: return k;
    case RET | A: return a;
    case LD | W | ABS:
    case LD | W | IND:
      off = k + (mode(pc->code) == IND ? x : 0);
      if (off < k || off > len || len - off < 4)
        return 0;
      a = (uint32_t)pkt[off] << 24 | (uint32_t)pkt[off + 1] << 16 |
          (uint32_t)pkt[off + 2] << 8 | pkt[off + 3];
      break;
    case LD | H | ABS:
    case LD | H | IND:
      off = k + (mode(pc->code) == IND ? x : 0);
      if (off < k || off > len || len - off < 2)
        return 0;
      a = (uint32_t)pkt[off] << 8 | pkt[off + 1];
      break;
    case LD | B | ABS:
    case LD | B | IND:
      off = k + (mode(pc->code) == IND ? x : 0);
      if (off < k || off >= len)
        return 0;
      a = pkt[off];
      break;
    case LD | W | LEN: a = len; break;
    case LDX | W | LEN: x = len; break;
    case LD | IMM: a = k; break;
    case LDX | IMM: x = k; break;
    case LD | MEM: a = mem[k]; break;
    case LDX | MEM: x = mem[k]; break;
    case LDX | B | MSH:
      if (k >= len)
        return 0;
      x = (pkt[k] & 0x0f) << 2;
      break;
    case ST: mem[k] = a; break;
    case STX: mem[k] = x; break;
    case JMP | JA: pc += k; break;
    case JMP | JEQ | K: pc += (a == k) ? pc->jt : pc->jf; break;
    case JMP | JGT | K: pc += (a > k) ? pc->jt : pc->jf; break;
    case JMP | JGE | K: pc += (a >= k) ? pc->jt : pc->jf; break;
    case JMP | JSET | K: pc += (a & k) ? pc->jt : pc->jf; break;
    case JMP | JEQ | X: pc += (a == x) ? pc->jt : pc->jf; break;
    case JMP | JGT | X: pc += (a > x) ? pc->jt : pc->jf; break;
    case JMP | JGE | X: pc += (a >= x) ? pc->jt : pc->jf; break;
    case JMP | JSET | X: pc += (a & x) ? pc->jt : pc->jf; break;
    case MISC | TAX: x = a; break;
    case MISC | TXA: a = x; break;
    default:
      if (cls(pc->code) != ALU)
        return 0;
      {
        uint32_t v = src(pc->code) == X ? x : k;
        switch (op(pc->code)) {
        case ADD: a += v; break;
        case SUB: a -= v; break;
        case MUL: a *= v; break;
        case DIV: if (v == 0) return 0; a /= v; break;
        case MOD: if (v == 0) return 0; a %= v; break;
        case OR: a |= v; break;
        case AND: a &= v; break;
        case XOR: a ^= v; break;
        case LSH: a = v < 32 ? a << v : 0; break;
        case RSH: a = v < 32 ? a >> v : 0; break;
        case NEG: a = 0u - a; break;
        default: return 0;
        }
      }
      break;
    }
  }
}

int ClassicBPFFilter::load(const BpfInsn *prog, unsigned n) {
  if (!validate(prog, n))
    return -1;
  for (unsigned i = 0; i < n; i++)
    _prog[i] = prog[i];
  _n = n;
  return 0;
}

Packet *ClassicBPFFilter::simple_action(Packet *p) {
  if (_n == 0)
    return p;
  uint32_t snap = run(_prog, p->data(), p->length());
  if (snap == 0) {
    _dropped++;
    output(1).push(p);
    return 0;
  }
  if (snap < p->length())
    p->take(p->length() - snap);
  return p;
}
