// PKCS #12 key derivation (RFC 7292 appendix B.2) over SHA-256
// (u = 32-byte output, v = 64-byte block). Derives encryption keys (ID 1),
// IVs (ID 2) and MAC keys (ID 3) from a password and salt. The password is
// turned into a big-endian BMPString with a terminating 00 00 (B.1) here.
// SHA-256 is a small class with an 8-way unrolled round macro that renames
// the working variables instead of shifting them.

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

namespace p12 {

class Sha256 {
public:
  static const size_t kOut = 32, kBlock = 64;
  Sha256() { reset(); }
  void reset();
  void update(const uint8_t *data, size_t len);
  void digest(uint8_t out[kOut]);

private:
  static const uint32_t kRound[64];
  static const uint32_t kInit[8];
  uint32_t h_[8];
  uint8_t buf_[kBlock];
  size_t used_;
  uint64_t bytes_;
  void compress(const uint8_t *blk);
};

const uint32_t Sha256::kRound[64] = {
    0x428a2f98U, 0x71374491U, 0xb5c0fbcfU, 0xe9b5dba5U, 0x3956c25bU, 0x59f111f1U,
    0x923f82a4U, 0xab1c5ed5U, 0xd807aa98U, 0x12835b01U, 0x243185beU, 0x550c7dc3U,
    0x72be5d74U, 0x80deb1feU, 0x9bdc06a7U, 0xc19bf174U, 0xe49b69c1U, 0xefbe4786U,
    0x0fc19dc6U, 0x240ca1ccU, 0x2de92c6fU, 0x4a7484aaU, 0x5cb0a9dcU, 0x76f988daU,
    0x983e5152U, 0xa831c66dU, 0xb00327c8U, 0xbf597fc7U, 0xc6e00bf3U, 0xd5a79147U,
    0x06ca6351U, 0x14292967U, 0x27b70a85U, 0x2e1b2138U, 0x4d2c6dfcU, 0x53380d13U,
    0x650a7354U, 0x766a0abbU, 0x81c2c92eU, 0x92722c85U, 0xa2bfe8a1U, 0xa81a664bU,
    0xc24b8b70U, 0xc76c51a3U, 0xd192e819U, 0xd6990624U, 0xf40e3585U, 0x106aa070U,
    0x19a4c116U, 0x1e376c08U, 0x2748774cU, 0x34b0bcb5U, 0x391c0cb3U, 0x4ed8aa4aU,
    0x5b9cca4fU, 0x682e6ff3U, 0x748f82eeU, 0x78a5636fU, 0x84c87814U, 0x8cc70208U,
    0x90befffaU, 0xa4506cebU, 0xbef9a3f7U, 0xc67178f2U,
};
const uint32_t Sha256::kInit[8] = {
    0x6a09e667U, 0xbb67ae85U, 0x3c6ef372U, 0xa54ff53aU,
    0x510e527fU, 0x9b05688cU, 0x1f83d9abU, 0x5be0cd19U,
};

#define P12_ROR(x, n) (((x) >> (n)) | ((x) << (32 - (n))))
#define P12_ROUND(a, b, c, d, e, f, g, h, i)                                   \
  do {                                                                         \
    uint32_t t1_ = h + (P12_ROR(e, 6) ^ P12_ROR(e, 11) ^ P12_ROR(e, 25)) +      \
                   (g ^ (e & (f ^ g))) + kRound[i] + w[i];                     \
    uint32_t t2_ = (P12_ROR(a, 2) ^ P12_ROR(a, 13) ^ P12_ROR(a, 22)) +          \
                   ((a & b) | (c & (a | b)));                                  \
    d += t1_;                                                                  \
    h = t1_ + t2_;                                                             \
  } while (0)

void Sha256::reset() {
  memcpy(h_, kInit, sizeof h_);
  used_ = 0;
  bytes_ = 0;
}

void Sha256::compress(const uint8_t *blk) {
  uint32_t w[64];
  for (int i = 0; i < 16; i++, blk += 4)
    w[i] = (uint32_t)blk[0] << 24 | (uint32_t)blk[1] << 16 |
           (uint32_t)blk[2] << 8 | blk[3];
  for (int i = 16; i < 64; i++) {
    uint32_t s0 = P12_ROR(w[i - 15], 7) ^ P12_ROR(w[i - 15], 18) ^
                  (w[i - 15] >> 3);
    uint32_t s1 = P12_ROR(w[i - 2], 17) ^ P12_ROR(w[i - 2], 19) ^
                  (w[i - 2] >> 10);
    w[i] = w[i - 16] + s0 + w[i - 7] + s1;
  }
  uint32_t a = h_[0], b = h_[1], c = h_[2], d = h_[3];
  uint32_t e = h_[4], f = h_[5], g = h_[6], h = h_[7];
  for (int i = 0; i < 64; i += 8) {
    P12_ROUND(a, b, c, d, e, f, g, h, i + 0);
    P12_ROUND(h, a, b, c, d, e, f, g, i + 1);
    P12_ROUND(g, h, a, b, c, d, e, f, i + 2);
    P12_ROUND(f, g, h, a, b, c, d, e, i + 3);
    P12_ROUND(e, f, g, h, a, b, c, d, i + 4);
    P12_ROUND(d, e, f, g, h, a, b, c, i + 5);
    P12_ROUND(c, d, e, f, g, h, a, b, i + 6);
    P12_ROUND(b, c, d, e, f, g, h, a, i + 7);
  }
  h_[0] += a;
  h_[1] += b;
  h_[2] += c;
  h_[3] += d;
  h_[4] += e;
  h_[5] += f;
  h_[6] += g;
  h_[7] += h;
}

void Sha256::update(const uint8_t *data, size_t len) {
  bytes_ += len;
  if (used_) {
    size_t k = kBlock - used_ < len ? kBlock - used_ : len;
    memcpy(buf_ + used_, data, k);
    used_ += k;
    data += k;
    len -= k;
    if (used_ < kBlock)
      return;
    compress(buf_);
    used_ = 0;
  }
  for (; len >= kBlock; len -= kBlock, data += kBlock)
    compress(data);
  memcpy(buf_, data, len);
  used_ = len;
}

void Sha256::digest(uint8_t out[kOut]) {
  uint64_t bits = bytes_ * 8;
  uint8_t pad[kBlock + 8] = {0x80};
  size_t n = (used_ < 56 ? 56 : 120) - used_;
  for (int i = 0; i < 8; i++)
    pad[n + i] = (uint8_t)(bits >> (56 - 8 * i));
  update(pad, n + 8);
  for (int i = 0; i < 8; i++) {
    out[4 * i] = (uint8_t)(h_[i] >> 24);
    out[4 * i + 1] = (uint8_t)(h_[i] >> 16);
    out[4 * i + 2] = (uint8_t)(h_[i] >> 8);
    out[4 * i + 3] = (uint8_t)h_[i];
  }
}

// I_j <- (I_j + B + 1) mod 2^(8v), big-endian, for every v-byte block I_j.
static void p12_fold_in(uint8_t *I, size_t ilen, const uint8_t *B) {
  for (size_t off = 0; off < ilen; off += Sha256::kBlock) {
    unsigned carry = 1;
    for (size_t k = Sha256::kBlock; k-- > 0;) {
      carry += (unsigned)I[off + k] + B[k];
      I[off + k] = (uint8_t)carry;
      carry >>= 8;
    }
  }
}

// Returns false when memory cannot be had. pass is a NUL-terminated ASCII
// / Latin-1 string (null: no password at all, as opposed to "").
bool pkcs12_derive(const char *pass, const uint8_t *salt, size_t saltlen,
                   unsigned id, unsigned iterations, uint8_t *out,
                   size_t outlen) {
  const size_t v = Sha256::kBlock, u = Sha256::kOut;
  size_t plen = pass ? 2 * (strlen(pass) + 1) : 0;  // BMPString + 00 00
  size_t slen_r = v * ((saltlen + v - 1) / v);
  size_t plen_r = v * ((plen + v - 1) / v);
  size_t ilen = slen_r + plen_r;
  uint8_t *I = (uint8_t *)malloc(ilen ? ilen : 1);
  if (!I)
    return false;
  for (size_t i = 0; i < slen_r; i++)
    I[i] = salt[i % saltlen];
  for (size_t i = 0; i < plen_r; i++) {
    size_t k = i % plen;  // index into the BMPString
    I[slen_r + i] = (k & 1) ? (uint8_t)pass[k / 2] : 0;
  }
  uint8_t D[v], A[u], B[v];
  memset(D, (int)id, v);
  Sha256 sha;
  for (size_t done = 0; done < outlen;) {
    sha.reset();
    sha.update(D, v);
    sha.update(I, ilen);
    sha.digest(A);
    for (unsigned r = 1; r < iterations; r++) {
      sha.reset();
      sha.update(A, u);
      sha.digest(A);
    }
    size_t take = outlen - done < u ? outlen - done : u;
    memcpy(out + done, A, take);
    done += take;
    if (done >= outlen)
      break;
    for (size_t k = 0; k < v; k++)
      B[k] = A[k % u];
    p12_fold_in(I, ilen, B);
  }
  memset(I, 0, ilen);
  free(I);
  return true;
}

}  // namespace p12
