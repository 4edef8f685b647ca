// NIST SP 800-108 key-based key derivation (counter and feedback modes) with
// HMAC-SHA-512 as the PRF.
//
//   counter:  K(i) = PRF(KI, [i]_32 || Label || 0x00 || Context || [L]_32)
//   feedback: K(i) = PRF(KI, K(i-1) || [i]_32 || Label || 0x00 || Context
//                            || [L]_32),  K(0) = IV (possibly empty)
//
// The 0x00 separator and the [L]_32 field can each be left out (some
// protocols do).  SHA-512 keeps only a 16-word rolling message schedule and
// processes the round in a register-renaming loop of eight steps.
#include <stddef.h>
#include <stdint.h>
#include <string.h>

namespace kbkdf {

class Sha512 {
public:
  static const size_t kBlock = 128;
  static const size_t kDigest = 64;

  Sha512() { reset(); }

  void reset() {
    static const uint64_t iv[8] = {
        0x6a09e667f3bcc908ull, 0xbb67ae8584caa73bull, 0x3c6ef372fe94f82bull,
        0xa54ff53a5f1d36f1ull, 0x510e527fade682d1ull, 0x9b05688c2b3e6c1full,
        0x1f83d9abfb41bd6bull, 0x5be0cd19137e2179ull};
    memcpy(state_, iv, sizeof state_);
    bytes_lo_ = bytes_hi_ = 0;
    used_ = 0;
  }

  void absorb(const uint8_t *data, size_t len) {
    uint64_t before = bytes_lo_;
    bytes_lo_ += len;
    if (bytes_lo_ < before)
      bytes_hi_++;
    if (used_) {
      size_t room = kBlock - used_;
      size_t n = len < room ? len : room;
      memcpy(pending_ + used_, data, n);
      used_ += n;
      data += n;
      len -= n;
      if (used_ < kBlock)
        return;
      compress(pending_);
      used_ = 0;
    }
    while (len >= kBlock) {
      compress(data);
      data += kBlock;
      len -= kBlock;
    }
    memcpy(pending_, data, len);
    used_ = len;
  }

  void finish(uint8_t out[kDigest]) {
    uint64_t bit_hi = (bytes_hi_ << 3) | (bytes_lo_ >> 61);
    uint64_t bit_lo = bytes_lo_ << 3;
    pending_[used_++] = 0x80;
    if (used_ > kBlock - 16) {
      memset(pending_ + used_, 0, kBlock - used_);
      compress(pending_);
      used_ = 0;
    }
    memset(pending_ + used_, 0, kBlock - 16 - used_);
    for (int i = 0; i < 8; i++) {
      pending_[kBlock - 16 + i] = (uint8_t)(bit_hi >> (56 - 8 * i));
      pending_[kBlock - 8 + i] = (uint8_t)(bit_lo >> (56 - 8 * i));
    }
    compress(pending_);
    for (int i = 0; i < 64; i++)
      out[i] = (uint8_t)(state_[i >> 3] >> (56 - 8 * (i & 7)));
  }

private:
  static uint64_t rotr(uint64_t x, unsigned n) { return (x >> n) | (x << (64 - n)); }

  void compress(const uint8_t *blk) {
    static const uint64_t K[80] = {
        0x428a2f98d728ae22ull, 0x7137449123ef65cdull, 0xb5c0fbcfec4d3b2full, 0xe9b5dba58189dbbcull,
        0x3956c25bf348b538ull, 0x59f111f1b605d019ull, 0x923f82a4af194f9bull, 0xab1c5ed5da6d8118ull,
        0xd807aa98a3030242ull, 0x12835b0145706fbeull, 0x243185be4ee4b28cull, 0x550c7dc3d5ffb4e2ull,
        0x72be5d74f27b896full, 0x80deb1fe3b1696b1ull, 0x9bdc06a725c71235ull, 0xc19bf174cf692694ull,
        0xe49b69c19ef14ad2ull, 0xefbe4786384f25e3ull, 0x0fc19dc68b8cd5b5ull, 0x240ca1cc77ac9c65ull,
        0x2de92c6f592b0275ull, 0x4a7484aa6ea6e483ull, 0x5cb0a9dcbd41fbd4ull, 0x76f988da831153b5ull,
        0x983e5152ee66dfabull, 0xa831c66d2db43210ull, 0xb00327c898fb213full, 0xbf597fc7beef0ee4ull,
        0xc6e00bf33da88fc2ull, 0xd5a79147930aa725ull, 0x06ca6351e003826full, 0x142929670a0e6e70ull,
        0x27b70a8546d22ffcull, 0x2e1b21385c26c926ull, 0x4d2c6dfc5ac42aedull, 0x53380d139d95b3dfull,
        0x650a73548baf63deull, 0x766a0abb3c77b2a8ull, 0x81c2c92e47edaee6ull, 0x92722c851482353bull,
        0xa2bfe8a14cf10364ull, 0xa81a664bbc423001ull, 0xc24b8b70d0f89791ull, 0xc76c51a30654be30ull,
        0xd192e819d6ef5218ull, 0xd69906245565a910ull, 0xf40e35855771202aull, 0x106aa07032bbd1b8ull,
        0x19a4c116b8d2d0c8ull, 0x1e376c085141ab53ull, 0x2748774cdf8eeb99ull, 0x34b0bcb5e19b48a8ull,
        0x391c0cb3c5c95a63ull, 0x4ed8aa4ae3418acbull, 0x5b9cca4f7763e373ull, 0x682e6ff3d6b2b8a3ull,
        0x748f82ee5defb2fcull, 0x78a5636f43172f60ull, 0x84c87814a1f0ab72ull, 0x8cc702081a6439ecull,
        0x90befffa23631e28ull, 0xa4506cebde82bde9ull, 0xbef9a3f7b2c67915ull, 0xc67178f2e372532bull,
        0xca273eceea26619cull, 0xd186b8c721c0c207ull, 0xeada7dd6cde0eb1eull, 0xf57d4f7fee6ed178ull,
        0x06f067aa72176fbaull, 0x0a637dc5a2c898a6ull, 0x113f9804bef90daeull, 0x1b710b35131c471bull,
        0x28db77f523047d84ull, 0x32caab7b40c72493ull, 0x3c9ebe0a15c9bebcull, 0x431d67c49c100d4cull,
        0x4cc5d4becb3e42b6ull, 0x597f299cfc657e2aull, 0x5fcb6fab3ad6faecull, 0x6c44198c4a475817ull};
    uint64_t w[16];
    uint64_t v[8];
    for (int i = 0; i < 16; i++) {
      uint64_t x = 0;
      for (int j = 0; j < 8; j++)
        x = (x << 8) | blk[8 * i + j];
      w[i] = x;
    }
    memcpy(v, state_, sizeof v);
    for (int t = 0; t < 80; t++) {
      uint64_t wt;
      if (t < 16) {
        wt = w[t];
      } else {
        uint64_t a = w[(t - 15) & 15], b = w[(t - 2) & 15];
        uint64_t s0 = rotr(a, 1) ^ rotr(a, 8) ^ (a >> 7);
        uint64_t s1 = rotr(b, 19) ^ rotr(b, 61) ^ (b >> 6);
        wt = w[t & 15] = w[t & 15] + s0 + w[(t - 7) & 15] + s1;
      }
      // v[0..7] = a..h; the round rotates the roles by one each step
      uint64_t e = v[4];
      uint64_t t1 = v[7] + (rotr(e, 14) ^ rotr(e, 18) ^ rotr(e, 41)) +
                    ((e & v[5]) ^ (~e & v[6])) + K[t] + wt;
      uint64_t a = v[0];
      uint64_t t2 = (rotr(a, 28) ^ rotr(a, 34) ^ rotr(a, 39)) +
                    ((a & v[1]) ^ (a & v[2]) ^ (v[1] & v[2]));
      v[7] = v[6];
      v[6] = v[5];
      v[5] = v[4];
      v[4] = v[3] + t1;
      v[3] = v[2];
      v[2] = v[1];
      v[1] = v[0];
      v[0] = t1 + t2;
    }
    for (int i = 0; i < 8; i++)
      state_[i] += v[i];
  }

  uint64_t state_[8];
  uint64_t bytes_lo_, bytes_hi_;
  uint8_t pending_[kBlock];
  size_t used_;
};

// HMAC (RFC 2104) with the key-dependent inner/outer states precomputed, so
// every PRF call only hashes the message and one digest.
class HmacSha512 {
public:
  void set_key(const uint8_t *key, size_t len) {
    uint8_t block[Sha512::kBlock];
    memset(block, 0, sizeof block);
    if (len > Sha512::kBlock) {
      Sha512 h;
      h.absorb(key, len);
      h.finish(block);
    } else {
      memcpy(block, key, len);
    }
    uint8_t pad[Sha512::kBlock];
    for (size_t i = 0; i < sizeof pad; i++)
      pad[i] = block[i] ^ 0x36;
    inner_.reset();
    inner_.absorb(pad, sizeof pad);
    for (size_t i = 0; i < sizeof pad; i++)
      pad[i] = block[i] ^ 0x5c;
    outer_.reset();
    outer_.absorb(pad, sizeof pad);
    memset(block, 0, sizeof block);
  }

  void start() { run_ = inner_; }
  void feed(const uint8_t *p, size_t n) {
    if (n)
      run_.absorb(p, n);
  }
  void tag(uint8_t out[Sha512::kDigest]) {
    uint8_t ih[Sha512::kDigest];
    run_.finish(ih);
    run_ = outer_;
    run_.absorb(ih, sizeof ih);
    run_.finish(out);
  }

private:
  Sha512 inner_, outer_, run_;
};

enum Mode { kCounter, kFeedback };

struct Params {
  Mode mode;
  const uint8_t *key;
  size_t key_len;
  const uint8_t *label;
  size_t label_len;
  const uint8_t *context;
  size_t context_len;
  const uint8_t *iv; // feedback mode: K(0); may be null / empty
  size_t iv_len;
  bool with_separator;
  bool with_length;
};

static void put_be32(uint8_t out[4], uint32_t v) {
  out[0] = (uint8_t)(v >> 24);
  out[1] = (uint8_t)(v >> 16);
  out[2] = (uint8_t)(v >> 8);
  out[3] = (uint8_t)v;
}

// Derives out_len bytes.  Returns false if the request would need more than
// 2^32 - 1 PRF blocks or its bit length does not fit [L]_32.
bool derive(const Params &p, uint8_t *out, size_t out_len) {
  const size_t h = Sha512::kDigest;
  if (out_len == 0)
    return true;
  if ((uint64_t)out_len > 0x1fffffffull) // L in bits must fit 32 bits
    return false;
  HmacSha512 prf;
  prf.set_key(p.key, p.key_len);

  uint8_t prev[Sha512::kDigest];
  size_t prev_len = 0;
  const uint8_t *chain = p.iv;
  if (p.mode == kFeedback)
    prev_len = p.iv_len;
  uint8_t length_field[4];
  put_be32(length_field, (uint32_t)(out_len * 8));
  static const uint8_t zero = 0;

  size_t done = 0;
  for (uint32_t i = 1; done < out_len; i++) {
    uint8_t ctr[4];
    put_be32(ctr, i);
    prf.start();
    if (p.mode == kFeedback && prev_len)
      prf.feed(chain, prev_len);
    prf.feed(ctr, 4);
    prf.feed(p.label, p.label_len);
    if (p.with_separator)
      prf.feed(&zero, 1);
    prf.feed(p.context, p.context_len);
    if (p.with_length)
      prf.feed(length_field, 4);
    uint8_t block[Sha512::kDigest];
    prf.tag(block);

    size_t take = out_len - done < h ? out_len - done : h;
    memcpy(out + done, block, take);
    done += take;
    memcpy(prev, block, h);
    chain = prev;
    prev_len = h;
  }
  memset(prev, 0, sizeof prev);
  return true;
}

} // namespace kbkdf

// C-callable entry (used by the harness).
extern "C" int kbkdf_hmac_sha512(int feedback, const uint8_t *key,
                                 size_t key_len, const uint8_t *label,
                                 size_t label_len, const uint8_t *context,
                                 size_t context_len, const uint8_t *iv,
                                 size_t iv_len, int separator, int length,
                                 uint8_t *out, size_t out_len) {
  kbkdf::Params p;
  p.mode = feedback ? kbkdf::kFeedback : kbkdf::kCounter;
  p.key = key;
  p.key_len = key_len;
  p.label = label;
  p.label_len = label_len;
  p.context = context;
  p.context_len = context_len;
  p.iv = iv;
  p.iv_len = iv_len;
  p.with_separator = separator != 0;
  p.with_length = length != 0;
  return kbkdf::derive(p, out, out_len) ? 0 : -1;
}
