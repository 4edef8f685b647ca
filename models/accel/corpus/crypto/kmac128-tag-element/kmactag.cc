// KmacTag: authenticates the IP payload with KMAC128 (NIST SP 800-185).
//
// Without VERIFY, a 32-byte KMAC128(K, payload, 256, S) tag is appended to
// every IP packet (the IP length and header checksum are updated). With
// VERIFY, the trailing tag is recomputed and compared; good packets lose the
// tag and leave on output 0, bad ones go to output 1 (or are dropped).
// The customization string S defaults to "click-kmac".
//
// Keccak-f[1600] is written on a 5x5 lane array indexed [x][y]; the round
// constants come from the degree-8 LFSR rc(t) and the rotation offsets from
// the (x, y) -> (y, 2x + 3y) walk, both computed once at configure time.

#include <click/config.h>
#include <click/args.hh>
#include <click/element.hh>
#include <click/error.hh>
#include <click/glue.hh>
#include <click/packet.hh>
#include <clicknet/ip.h>
#include <string.h>

namespace {

struct KeccakTables {
  uint64_t iota[24];
  unsigned rho[5][5];
};

KeccakTables kt;
bool kt_ready = false;

// rc(t) from the LFSR x^8 + x^6 + x^5 + x^4 + 1, stepping state r.
void kt_setup() {
  uint8_t r = 1;
  for (int ir = 0; ir < 24; ir++) {
    uint64_t c = 0;
    for (int j = 0; j < 7; j++) {
      if (r & 1)
        c |= 1ull << ((1u << j) - 1);
      r = (uint8_t)((r << 1) ^ ((r & 0x80) ? 0x71 : 0));
    }
    kt.iota[ir] = c;
  }
  unsigned x = 1, y = 0;
  kt.rho[0][0] = 0;
  for (unsigned t = 0; t < 24; t++) {
    kt.rho[x][y] = ((t + 1) * (t + 2) / 2) % 64;
    unsigned nx = y, ny = (2 * x + 3 * y) % 5;
    x = nx;
    y = ny;
  }
  kt_ready = true;
}

inline uint64_t kt_rol(uint64_t v, unsigned n) { return n ? (v << n) | (v >> (64 - n)) : v; }

struct Sponge {
  uint64_t a[5][5];
  unsigned pos; // byte position inside the 168-byte rate
};

void keccak_f1600(uint64_t a[5][5]) {
  for (int round = 0; round < 24; round++) {
    uint64_t c[5], d[5], b[5][5];
    for (int x = 0; x < 5; x++)
      c[x] = a[x][0] ^ a[x][1] ^ a[x][2] ^ a[x][3] ^ a[x][4];
    for (int x = 0; x < 5; x++)
      d[x] = c[(x + 4) % 5] ^ kt_rol(c[(x + 1) % 5], 1);
    for (int x = 0; x < 5; x++)
      for (int y = 0; y < 5; y++)
        b[y][(2 * x + 3 * y) % 5] = kt_rol(a[x][y] ^ d[x], kt.rho[x][y]);
    for (int x = 0; x < 5; x++)
      for (int y = 0; y < 5; y++)
        a[x][y] = b[x][y] ^ (~b[(x + 1) % 5][y] & b[(x + 2) % 5][y]);
    a[0][0] ^= kt.iota[round];
  }
}

const unsigned KMAC_RATE = 168;

void sponge_absorb(Sponge &s, const uint8_t *p, size_t n) {
  for (size_t i = 0; i < n; i++) {
    unsigned lane = s.pos >> 3;
    s.a[lane % 5][lane / 5] ^= (uint64_t)p[i] << (8 * (s.pos & 7));
    if (++s.pos == KMAC_RATE) {
      keccak_f1600(s.a);
      s.pos = 0;
    }
  }
}

// left_encode (prefix = true) or right_encode of an integer, into out; returns its size.
unsigned sp800185_encode(uint64_t v, uint8_t out[9], bool prefix) {
  uint8_t digits[8];
  unsigned n = 0;
  do {
    digits[n++] = (uint8_t)v;
    v >>= 8;
  } while (v != 0);
  unsigned k = 0;
  if (prefix)
    out[k++] = (uint8_t)n;
  for (unsigned i = 0; i < n; i++)
    out[k++] = digits[n - 1 - i];
  if (!prefix)
    out[k++] = (uint8_t)n;
  return k;
}

// encode_string(S) = left_encode(bitlen(S)) || S; returns bytes absorbed.
size_t sponge_encode_string(Sponge &s, const uint8_t *str, size_t n) {
  uint8_t hdr[9];
  unsigned h = sp800185_encode((uint64_t)n * 8, hdr, true);
  sponge_absorb(s, hdr, h);
  sponge_absorb(s, str, n);
  return h + n;
}

// Zero-fill so that everything absorbed since bytepad began is a multiple of the rate.
void sponge_pad_to_rate(Sponge &s) {
  if (s.pos != 0) {
    keccak_f1600(s.a);
    s.pos = 0;
  }
}

} // namespace

class KmacTag : public Element {
public:
  KmacTag();

  const char *class_name() const override { return "KmacTag"; }
  const char *port_count() const override { return "1/1-2"; }
  const char *processing() const override { return PUSH; }

  int configure(Vector<String> &conf, ErrorHandler *errh) override;
  void push(int port, Packet *p) override;

  void set_key(const uint8_t *key, size_t klen, const uint8_t *custom, size_t clen);
  void kmac(const uint8_t *msg, size_t len, uint8_t *out, size_t outlen) const;

private:
  Sponge _keyed; // state after absorbing the cSHAKE prefix and the padded key
  bool _verify;
  uint64_t _tagged, _passed, _failed;

  void fix_ip(WritablePacket *q, unsigned hl);
};

KmacTag::KmacTag() : _verify(false), _tagged(0), _passed(0), _failed(0) {
  memset(&_keyed, 0, sizeof _keyed);
}

// Precompute: bytepad(encode_string("KMAC") || encode_string(S), 168) then
// bytepad(encode_string(K), 168); every message continues from this state.
void KmacTag::set_key(const uint8_t *key, size_t klen, const uint8_t *custom, size_t clen) {
  if (!kt_ready)
    kt_setup();
  static const uint8_t fn[4] = {'K', 'M', 'A', 'C'};
  uint8_t w[9];
  unsigned wl = sp800185_encode(KMAC_RATE, w, true);
  memset(&_keyed, 0, sizeof _keyed);
  sponge_absorb(_keyed, w, wl);
  sponge_encode_string(_keyed, fn, 4);
  sponge_encode_string(_keyed, custom, clen);
  sponge_pad_to_rate(_keyed);
  sponge_absorb(_keyed, w, wl);
  sponge_encode_string(_keyed, key, klen);
  sponge_pad_to_rate(_keyed);
}

void KmacTag::kmac(const uint8_t *msg, size_t len, uint8_t *out, size_t outlen) const {
  Sponge s = _keyed;
  uint8_t tail[9];
  sponge_absorb(s, msg, len);
  unsigned tl = sp800185_encode((uint64_t)outlen * 8, tail, false);
  sponge_absorb(s, tail, tl);
  // cSHAKE domain bits 00, then pad10*1.
  unsigned lane = s.pos >> 3;
  s.a[lane % 5][lane / 5] ^= (uint64_t)0x04 << (8 * (s.pos & 7));
  s.a[(KMAC_RATE / 8 - 1) % 5][(KMAC_RATE / 8 - 1) / 5] ^= 0x80ull << 56;
  keccak_f1600(s.a);
  size_t done = 0;
  while (done < outlen) {
    for (unsigned i = 0; i < KMAC_RATE && done < outlen; i++, done++) {
      unsigned ln = i >> 3;
      out[done] = (uint8_t)(s.a[ln % 5][ln / 5] >> (8 * (i & 7)));
    }
    if (done < outlen)
      keccak_f1600(s.a);
  }
}

int KmacTag::configure(Vector<String> &conf, ErrorHandler *errh) {
  String key, custom = "click-kmac";
  bool verify = false;
  if (Args(conf, this, errh)
          .read_mp("KEY", key)
          .read("CUSTOM", custom)
          .read("VERIFY", verify)
          .complete() < 0)
    return -1;
  if (key.length() == 0)
    return errh->error("KEY must not be empty");
  _verify = verify;
  set_key(reinterpret_cast<const uint8_t *>(key.data()), (size_t)key.length(),
          reinterpret_cast<const uint8_t *>(custom.data()), (size_t)custom.length());
  return 0;
}

void KmacTag::fix_ip(WritablePacket *q, unsigned hl) {
  click_ip *ip = reinterpret_cast<click_ip *>(q->data());
  ip->ip_len = htons((uint16_t)q->length());
  ip->ip_sum = 0;
  ip->ip_sum = click_in_cksum(q->data(), (int)hl);
}

void KmacTag::push(int, Packet *p) {
  unsigned hl = p->length() >= 20 ? (p->data()[0] & 0x0f) * 4u : 0;
  if (hl < 20 || p->length() < hl + (_verify ? 32 : 0)) {
    checked_output_push(1, p);
    return;
  }
  if (!_verify) {
    size_t plen = p->length() - hl;
    WritablePacket *q = p->put(32);
    if (!q)
      return;
    kmac(q->data() + hl, plen, q->data() + hl + plen, 32);
    fix_ip(q, hl);
    _tagged++;
    output(0).push(q);
    return;
  }
  size_t plen = p->length() - hl - 32;
  uint8_t want[32];
  kmac(p->data() + hl, plen, want, 32);
  uint8_t diff = 0;
  for (int i = 0; i < 32; i++)
    diff |= (uint8_t)(want[i] ^ p->data()[hl + plen + i]);
  if (diff) {
    _failed++;
    checked_output_push(1, p);
    return;
  }
  WritablePacket *q = p->uniqueify();
  if (!q)
    return;
  q->take(32);
  fix_ip(q, hl);
  _passed++;
  output(0).push(q);
}

EXPORT_ELEMENT(KmacTag)
