// UDPHMAC384 -- authenticates UDP datagrams with HMAC-SHA-384-192
// (RFC 2104 HMAC over SHA-384 from FIPS 180-4, truncated to 192 bits as
// in RFC 4868).
//
// Configuration: UDPHMAC384(KEY secret [, VERIFY bool])
//   VERIFY false (default): append a 24-byte tag computed over the IPv4
//     source and destination addresses, the UDP ports and the payload, and
//     fix the IP and UDP lengths.
//   VERIFY true: recompute the tag, drop the packet on mismatch, otherwise
//     strip the tag and restore the lengths.
#include <click/config.h>
#include <click/args.hh>
#include <click/element.hh>
#include <click/error.hh>
#include <click/glue.hh>
#include <click/packet.hh>
#include <click/string.hh>
#include <clicknet/ip.h>
#include <clicknet/udp.h>
#include <string.h>

namespace {

const uint64_t K384[80] = {
    0x428a2f98d728ae22ULL, 0x7137449123ef65cdULL, 0xb5c0fbcfec4d3b2fULL,
    0xe9b5dba58189dbbcULL, 0x3956c25bf348b538ULL, 0x59f111f1b605d019ULL,
    0x923f82a4af194f9bULL, 0xab1c5ed5da6d8118ULL, 0xd807aa98a3030242ULL,
    0x12835b0145706fbeULL, 0x243185be4ee4b28cULL, 0x550c7dc3d5ffb4e2ULL,
    0x72be5d74f27b896fULL, 0x80deb1fe3b1696b1ULL, 0x9bdc06a725c71235ULL,
    0xc19bf174cf692694ULL, 0xe49b69c19ef14ad2ULL, 0xefbe4786384f25e3ULL,
    0x0fc19dc68b8cd5b5ULL, 0x240ca1cc77ac9c65ULL, 0x2de92c6f592b0275ULL,
    0x4a7484aa6ea6e483ULL, 0x5cb0a9dcbd41fbd4ULL, 0x76f988da831153b5ULL,
    0x983e5152ee66dfabULL, 0xa831c66d2db43210ULL, 0xb00327c898fb213fULL,
    0xbf597fc7beef0ee4ULL, 0xc6e00bf33da88fc2ULL, 0xd5a79147930aa725ULL,
    0x06ca6351e003826fULL, 0x142929670a0e6e70ULL, 0x27b70a8546d22ffcULL,
    0x2e1b21385c26c926ULL, 0x4d2c6dfc5ac42aedULL, 0x53380d139d95b3dfULL,
    0x650a73548baf63deULL, 0x766a0abb3c77b2a8ULL, 0x81c2c92e47edaee6ULL,
    0x92722c851482353bULL, 0xa2bfe8a14cf10364ULL, 0xa81a664bbc423001ULL,
    0xc24b8b70d0f89791ULL, 0xc76c51a30654be30ULL, 0xd192e819d6ef5218ULL,
    0xd69906245565a910ULL, 0xf40e35855771202aULL, 0x106aa07032bbd1b8ULL,
    0x19a4c116b8d2d0c8ULL, 0x1e376c085141ab53ULL, 0x2748774cdf8eeb99ULL,
    0x34b0bcb5e19b48a8ULL, 0x391c0cb3c5c95a63ULL, 0x4ed8aa4ae3418acbULL,
    0x5b9cca4f7763e373ULL, 0x682e6ff3d6b2b8a3ULL, 0x748f82ee5defb2fcULL,
    0x78a5636f43172f60ULL, 0x84c87814a1f0ab72ULL, 0x8cc702081a6439ecULL,
    0x90befffa23631e28ULL, 0xa4506cebde82bde9ULL, 0xbef9a3f7b2c67915ULL,
    0xc67178f2e372532bULL, 0xca273eceea26619cULL, 0xd186b8c721c0c207ULL,
    0xeada7dd6cde0eb1eULL, 0xf57d4f7fee6ed178ULL, 0x06f067aa72176fbaULL,
    0x0a637dc5a2c898a6ULL, 0x113f9804bef90daeULL, 0x1b710b35131c471bULL,
    0x28db77f523047d84ULL, 0x32caab7b40c72493ULL, 0x3c9ebe0a15c9bebcULL,
    0x431d67c49c100d4cULL, 0x4cc5d4becb3e42b6ULL, 0x597f299cfc657e2aULL,
    0x5fcb6fab3ad6faecULL, 0x6c44198c4a475817ULL};

const uint64_t IV384[8] = {
    0xcbbb9d5dc1059ed8ULL, 0x629a292a367cd507ULL, 0x9159015a3070dd17ULL,
    0x152fecd8f70e5939ULL, 0x67332667ffc00b31ULL, 0x8eb44a8768581511ULL,
    0xdb0c2e0d64f98fa7ULL, 0x47b5481dbefa4fa4ULL};

inline uint64_t rotr64(uint64_t x, unsigned n) {
  return (x >> n) | (x << (64 - n));
}

struct Sha384 {
  uint64_t h[8];
  uint64_t nbytes; // messages < 2^61 bytes
  unsigned char blk[128];
  unsigned used;

  void reset() {
    memcpy(h, IV384, sizeof h);
    nbytes = 0;
    used = 0;
  }

  void compress(const unsigned char *p) {
    uint64_t w[80];
    for (int t = 0; t < 16; t++) {
      uint64_t v = 0;
      for (int b = 0; b < 8; b++)
        v = (v << 8) | p[8 * t + b];
      w[t] = v;
    }
    for (int t = 16; t < 80; t++) {
      uint64_t s0 = rotr64(w[t - 15], 1) ^ rotr64(w[t - 15], 8) ^ (w[t - 15] >> 7);
      uint64_t s1 = rotr64(w[t - 2], 19) ^ rotr64(w[t - 2], 61) ^ (w[t - 2] >> 6);
      w[t] = s1 + w[t - 7] + s0 + w[t - 16];
    }
    uint64_t v[8];
    memcpy(v, h, sizeof v);
    for (int t = 0; t < 80; t++) {
      uint64_t S1 = rotr64(v[4], 14) ^ rotr64(v[4], 18) ^ rotr64(v[4], 41);
      uint64_t ch = (v[4] & v[5]) ^ (~v[4] & v[6]);
      uint64_t T1 = v[7] + S1 + ch + K384[t] + w[t];
      uint64_t S0 = rotr64(v[0], 28) ^ rotr64(v[0], 34) ^ rotr64(v[0], 39);
      uint64_t maj = (v[0] & v[1]) ^ (v[0] & v[2]) ^ (v[1] & v[2]);
      uint64_t T2 = S0 + maj;
      for (int i = 7; i > 0; i--)
        v[i] = v[i - 1];
      v[4] += T1;
      v[0] = T1 + T2;
    }
    for (int i = 0; i < 8; i++)
      h[i] += v[i];
  }

  void update(const unsigned char *p, size_t n) {
    nbytes += n;
    if (used) {
      size_t take = 128 - used < n ? 128 - used : n;
      memcpy(blk + used, p, take);
      used += (unsigned)take;
      p += take;
      n -= take;
      if (used < 128)
        return;
      compress(blk);
      used = 0;
    }
    while (n >= 128) {
      compress(p);
      p += 128;
      n -= 128;
    }
    memcpy(blk, p, n);
    used = (unsigned)n;
  }

  void finish(unsigned char out[48]) {
    uint64_t bits = nbytes << 3;
    blk[used++] = 0x80;
    if (used > 112) {
      memset(blk + used, 0, 128 - used);
      compress(blk);
      used = 0;
    }
    memset(blk + used, 0, 120 - used); // high 64 bits of length are zero
    for (int b = 0; b < 8; b++)
      blk[120 + b] = (unsigned char)(bits >> (56 - 8 * b));
    compress(blk);
    for (int i = 0; i < 6; i++)
      for (int b = 0; b < 8; b++)
        out[8 * i + b] = (unsigned char)(h[i] >> (56 - 8 * b));
  }
};

} // namespace

class UDPHMAC384 : public Element {
public:
  enum { TAG_LEN = 24, BLOCK = 128 };

  UDPHMAC384() : _verify(false) {}
  const char *class_name() const override { return "UDPHMAC384"; }
  const char *port_count() const override { return PORTS_1_1; }
  int configure(Vector<String> &conf, ErrorHandler *errh) override;
  Packet *simple_action(Packet *p) override;

  void set_key(const unsigned char *key, size_t len);
  void mac(const unsigned char *hdr, size_t hlen, const unsigned char *msg,
           size_t mlen, unsigned char out[48]) const;

private:
  Sha384 _inner0, _outer0; // states after absorbing K^ipad / K^opad
  bool _verify;
};

void UDPHMAC384::set_key(const unsigned char *key, size_t len) {
  unsigned char k0[BLOCK];
  memset(k0, 0, sizeof k0);
  if (len > BLOCK) {
    Sha384 s;
    s.reset();
    s.update(key, len);
    s.finish(k0); // 48 bytes, rest stays zero
  } else {
    memcpy(k0, key, len);
  }
  unsigned char pad[BLOCK];
  for (int i = 0; i < BLOCK; i++)
    pad[i] = k0[i] ^ 0x36;
  _inner0.reset();
  _inner0.update(pad, BLOCK);
  for (int i = 0; i < BLOCK; i++)
    pad[i] = k0[i] ^ 0x5c;
  _outer0.reset();
  _outer0.update(pad, BLOCK);
  memset(k0, 0, sizeof k0);
}

void UDPHMAC384::mac(const unsigned char *hdr, size_t hlen,
                     const unsigned char *msg, size_t mlen,
                     unsigned char out[48]) const {
  Sha384 in = _inner0, outer = _outer0;
  unsigned char ih[48];
  if (hlen)
    in.update(hdr, hlen);
  in.update(msg, mlen);
  in.finish(ih);
  outer.update(ih, sizeof ih);
  outer.finish(out);
}

int UDPHMAC384::configure(Vector<String> &conf, ErrorHandler *errh) {
  String key;
  bool verify = false;
  if (Args(conf, this, errh)
          .read_mp("KEY", StringArg(), key)
          .read("VERIFY", verify)
          .complete() < 0)
    return -1;
  if (key.length() == 0)
    return errh->error("KEY must not be empty");
  set_key(reinterpret_cast<const unsigned char *>(key.data()),
          (size_t)key.length());
  _verify = verify;
  return 0;
}

Packet *UDPHMAC384::simple_action(Packet *p) {
  const click_ip *iph0 = p->ip_header();
  if (!iph0 || iph0->ip_p != IP_PROTO_UDP || !p->transport_header())
    return p;
  int hl = (int)(p->transport_header() - p->data());
  int plen = (int)p->length() - hl - (int)sizeof(click_udp);
  if (plen < 0)
    return p;

  WritablePacket *q;
  if (_verify) {
    if (plen < TAG_LEN) {
      p->kill();
      return 0;
    }
    q = p->uniqueify();
    plen -= TAG_LEN;
  } else {
    q = p->put(TAG_LEN);
  }
  if (!q)
    return 0;

  click_ip *iph = q->ip_header();
  click_udp *udph = q->udp_header();
  unsigned char *payload = reinterpret_cast<unsigned char *>(udph + 1);

  unsigned char hdr[12];
  memcpy(hdr, &iph->ip_src, 4);
  memcpy(hdr + 4, &iph->ip_dst, 4);
  memcpy(hdr + 8, &udph->uh_sport, 2);
  memcpy(hdr + 10, &udph->uh_dport, 2);

  unsigned char tag[48];
  mac(hdr, sizeof hdr, payload, (size_t)plen, tag);

  if (_verify) {
    unsigned char diff = 0;
    for (int i = 0; i < TAG_LEN; i++)
      diff |= tag[i] ^ payload[plen + i];
    if (diff) {
      q->kill();
      return 0;
    }
    q->take(TAG_LEN);
  } else {
    memcpy(payload + plen, tag, TAG_LEN);
  }

  int delta = _verify ? -TAG_LEN : TAG_LEN;
  iph->ip_len = htons((uint16_t)(ntohs(iph->ip_len) + delta));
  udph->uh_ulen = htons((uint16_t)(ntohs(udph->uh_ulen) + delta));
  udph->uh_sum = 0;
  iph->ip_sum = 0;
  iph->ip_sum = click_in_cksum(reinterpret_cast<unsigned char *>(iph),
                               iph->ip_hl << 2);
  return q;
}
