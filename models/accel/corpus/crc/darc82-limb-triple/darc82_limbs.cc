// CRC-82/DARC (Data Radio Channel, ETSI EN 300 751), RevEng parameters:
//   width 82, poly 0x0308C0111011401440411, init 0, refin/refout, xorout 0.
//
// The 82-bit register does not fit a machine word, so it is held as three
// 32-bit limbs, least significant first (limb 2 carries the top 18 bits).
// The reflected algorithm shifts the register right; one byte is absorbed
// by XORing it into the bottom limb, shifting the whole triple right by
// eight and XORing in the residue of the eight bits that fell out.  The
// 256 residues are limb triples computed bit by bit on first use.
#include <stddef.h>
#include <stdint.h>
#include <string.h>

namespace darc {

struct Limbs {
  uint32_t w[3];
};

// The generator without its x^82 term, reversed: bit k <-> x^(81-k).
static const uint32_t kGen0 = 0x2200C430u;
static const uint32_t kGen1 = 0x8A00A202u;
static const uint32_t kGen2 = 0x00022080u;
static const uint32_t kTopMask = 0x0003FFFFu; // 18 bits live in limb 2

static Limbs g_residue[256];
static bool g_residue_ready = false;

static void build_residues() {
  for (unsigned v = 0; v < 256; ++v) {
    uint32_t a = v, b = 0, c = 0;
    for (int k = 0; k < 8; ++k) {
      uint32_t out = a & 1u;
      a = (a >> 1) | (b << 31);
      b = (b >> 1) | (c << 31);
      c >>= 1;
      if (out) {
        a ^= kGen0;
        b ^= kGen1;
        c ^= kGen2;
      }
    }
    g_residue[v].w[0] = a;
    g_residue[v].w[1] = b;
    g_residue[v].w[2] = c & kTopMask;
  }
  g_residue_ready = true;
}

class Darc82 {
public:
  Darc82() {
    if (!g_residue_ready)
      build_residues();
    reset();
  }

  void reset() { memset(&reg_, 0, sizeof reg_); }

  void absorb(const uint8_t *p, size_t n) {
    uint32_t lo = reg_.w[0], mid = reg_.w[1], hi = reg_.w[2];
    for (size_t i = 0; i < n; ++i) {
      const Limbs &r = g_residue[(lo ^ p[i]) & 0xFFu];
      lo = ((lo >> 8) | (mid << 24)) ^ r.w[0];
      mid = ((mid >> 8) | (hi << 24)) ^ r.w[1];
      hi = (hi >> 8) ^ r.w[2];
    }
    reg_.w[0] = lo;
    reg_.w[1] = mid;
    reg_.w[2] = hi;
  }

  // The 82-bit check value as 11 big-endian bytes (first byte: 2 bits).
  void digest(uint8_t out[11]) const {
    for (int i = 0; i < 11; ++i) {
      unsigned bitpos = 8u * (10 - i);
      unsigned limb = bitpos >> 5, sh = bitpos & 31u;
      uint32_t v = reg_.w[limb] >> sh;
      if (sh > 24 && limb < 2)
        v |= reg_.w[limb + 1] << (32 - sh);
      out[i] = (uint8_t)v;
    }
  }

  // Appending the check value, least significant byte first, to a block
  // gives a codeword whose register ends at zero.
  bool codeword_ok(const uint8_t *block, size_t n_with_check) {
    reset();
    absorb(block, n_with_check);
    return (reg_.w[0] | reg_.w[1] | reg_.w[2]) == 0;
  }

private:
  Limbs reg_;
};

} // namespace darc

// C-callable wrappers for the DARC block layer.
extern "C" void darc82_block_check(const uint8_t *block, size_t n,
                                   uint8_t out[11]) {
  darc::Darc82 d;
  d.absorb(block, n);
  d.digest(out);
}

extern "C" int darc82_codeword_ok(const uint8_t *block, size_t n) {
  darc::Darc82 d;
  return d.codeword_ok(block, n) ? 1 : 0;
}
