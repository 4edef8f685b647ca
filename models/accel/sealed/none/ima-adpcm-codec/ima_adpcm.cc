// IMA / DVI ADPCM (IMA Recommended Practices for Enhancing Digital Audio
// Compatibility, 1992): 16-bit linear PCM <-> 4-bit codes.
//
// Two framings are provided:
//   * a plain nibble stream, first sample in the high nibble of each byte,
//     with the predictor state carried across calls;
//   * the block layout used in WAVE files (format tag 0x11): a 4-byte header
//     holding the first sample (little-endian) and the step index, then codes
//     packed two per byte, low nibble first.
#include <stddef.h>
#include <stdint.h>

namespace ima {

static const int16_t kStepSize[89] = {
    7,     8,     9,     10,    11,    12,    13,    14,    16,    17,
    19,    21,    23,    25,    28,    31,    34,    37,    41,    45,
    50,    55,    60,    66,    73,    80,    88,    97,    107,   118,
    130,   143,   157,   173,   190,   209,   230,   253,   279,   307,
    337,   371,   408,   449,   494,   544,   598,   658,   724,   796,
    876,   963,   1060,  1166,  1282,  1411,  1552,  1707,  1878,  2066,
    2272,  2499,  2749,  3024,  3327,  3660,  4026,  4428,  4871,  5358,
    5894,  6484,  7132,  7845,  8630,  9493,  10442, 11487, 12635, 13899,
    15289, 16818, 18500, 20350, 22385, 24623, 27086, 29794, 32767};

// Index adjustment for the three magnitude bits of a code.
static const int8_t kIndexShift[8] = {-1, -1, -1, -1, 2, 4, 6, 8};

struct Channel {
  int32_t predicted; // last reconstructed sample
  int32_t index;     // position in kStepSize
};

static inline int32_t saturate16(int32_t v) {
  return v > 32767 ? 32767 : (v < -32768 ? -32768 : v);
}

static inline int32_t clamp_index(int32_t i) {
  return i < 0 ? 0 : (i > 88 ? 88 : i);
}

// Quantises one sample and updates the channel exactly as the decoder will.
unsigned encode_sample(Channel &ch, int32_t sample) {
  int32_t step = kStepSize[ch.index];
  int32_t diff = sample - ch.predicted;
  unsigned code = 0;
  if (diff < 0) {
    code = 8;
    diff = -diff;
  }
  int32_t recon = step >> 3;
  for (unsigned bit = 4; bit != 0; bit >>= 1) {
    if (diff >= step) {
      code |= bit;
      diff -= step;
      recon += step;
    }
    step >>= 1;
  }
  ch.predicted = saturate16((code & 8) ? ch.predicted - recon
                                       : ch.predicted + recon);
  ch.index = clamp_index(ch.index + kIndexShift[code & 7]);
  return code;
}

int32_t decode_sample(Channel &ch, unsigned code) {
  int32_t step = kStepSize[ch.index];
  int32_t recon = step >> 3;
  if (code & 4)
    recon += step;
  if (code & 2)
    recon += step >> 1;
  if (code & 1)
    recon += step >> 2;
  if (code & 8)
    recon = -recon;
  ch.predicted = saturate16(ch.predicted + recon);
  ch.index = clamp_index(ch.index + kIndexShift[code & 7]);
  return ch.predicted;
}

// Stream framing: nsamples codes into (nsamples + 1) / 2 bytes.
size_t encode_stream(Channel &ch, const int16_t *pcm, size_t nsamples,
                     uint8_t *out) {
  size_t o = 0;
  for (size_t i = 0; i < nsamples; i += 2) {
    unsigned hi = encode_sample(ch, pcm[i]);
    unsigned lo = (i + 1 < nsamples) ? encode_sample(ch, pcm[i + 1]) : 0;
    out[o++] = (uint8_t)((hi << 4) | lo);
  }
  return o;
}

size_t decode_stream(Channel &ch, const uint8_t *codes, size_t nsamples,
                     int16_t *pcm) {
  for (size_t i = 0; i < nsamples; i++) {
    uint8_t b = codes[i >> 1];
    unsigned c = (i & 1) ? (b & 0x0f) : (b >> 4);
    pcm[i] = (int16_t)decode_sample(ch, c);
  }
  return nsamples;
}

// Block framing (mono). Returns the bytes written: 4 + nsamples / 2, where
// nsamples must be odd (the header carries one sample).
size_t encode_wav_block(int32_t start_index, const int16_t *pcm,
                        size_t nsamples, uint8_t *out) {
  if (nsamples == 0 || (nsamples & 1) == 0)
    return 0;
  Channel ch;
  ch.predicted = pcm[0];
  ch.index = clamp_index(start_index);
  uint16_t first = (uint16_t)pcm[0];
  out[0] = (uint8_t)(first & 0xff);
  out[1] = (uint8_t)(first >> 8);
  out[2] = (uint8_t)ch.index;
  out[3] = 0;
  size_t o = 4;
  for (size_t i = 1; i < nsamples; i += 2) {
    unsigned lo = encode_sample(ch, pcm[i]);
    unsigned hi = encode_sample(ch, pcm[i + 1]);
    out[o++] = (uint8_t)(lo | (hi << 4));
  }
  return o;
}

// Returns the number of samples decoded, 0 on a malformed header.
size_t decode_wav_block(const uint8_t *blk, size_t len, int16_t *pcm) {
  if (len < 4 || blk[2] > 88 || blk[3] != 0)
    return 0;
  Channel ch;
  ch.predicted = (int16_t)(uint16_t)(blk[0] | (blk[1] << 8));
  ch.index = blk[2];
  size_t n = 0;
  pcm[n++] = (int16_t)ch.predicted;
  for (size_t k = 4; k < len; k++) {
    pcm[n++] = (int16_t)decode_sample(ch, blk[k] & 0x0f);
    pcm[n++] = (int16_t)decode_sample(ch, blk[k] >> 4);
  }
  return n;
}

} // namespace ima
