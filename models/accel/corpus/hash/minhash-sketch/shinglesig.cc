// ShingleSig: per-packet MinHash signature of the transport payload.
// Every 4-byte shingle x (big-endian window sliding by one byte) is mapped
// through K functions of the multiply-add-shift family
//     h_j(x) = (a_j * x + b_j mod 2^64) >> 32,   a_j odd,
// and the minimum of each h_j over the payload is kept.  The b-bit variant
// (Li & Koenig) keeps only the two low bits of each minimum so the whole
// signature packs into one 32-bit annotation that downstream elements can
// compare to estimate payload resemblance.  Coefficients were drawn once from
// a seeded generator.
#include <click/config.h>
#include <click/element.hh>
#include <click/packet.hh>
#include <clicknet/ip.h>
CLICK_DECLS

namespace {
const uint64_t kMinCoef[16][2] = {
    {0xdc1d1cf9588acb11ULL, 0xa939ca2e44cb0351ULL},
    {0x9e498c9aa7b9e58fULL, 0x5c394a688ce9e879ULL},
    {0x29a21d8a4563ee2fULL, 0x9bafe3cd02b1d34eULL},
    {0x1788e43ae456d7edULL, 0x227518df93156151ULL},
    {0x6f0bf96c09416af5ULL, 0x839ea95b27787315ULL},
    {0xbf309cb0635312f5ULL, 0x43cf17bed4c294abULL},
    {0x8c3f917679938711ULL, 0x2f8d31986da02e8aULL},
    {0xcf7ce849b4a97133ULL, 0x6ddf1d0b7333126fULL},
    {0x61384d973784a779ULL, 0xf172cab3123639adULL},
    {0xdc10f01e617359d7ULL, 0x859145b6ee0de815ULL},
    {0x9f5b3b716ca69a99ULL, 0x44327903da55ef26ULL},
    {0x8ffc37c0dec67bcbULL, 0x2f64573906873f06ULL},
    {0x4658b524192ca5cbULL, 0xcc1de5de6b326aa8ULL},
    {0xe731c6d9f8de24f9ULL, 0xd56b199351c918caULL},
    {0xc9d2e355b2ca7f2fULL, 0x502be9ecf5b8b238ULL},
    {0xbb844a98ae1c54b3ULL, 0x48e3dbe3010f695aULL},
};
}

class ShingleSig : public Element {
public:
  enum { kRows = 16, kSigAnno = 8 };
  ShingleSig() {}
  const char *class_name() const override { return "ShingleSig"; }
  const char *port_count() const override { return PORTS_1_1; }
  Packet *simple_action(Packet *p) override;

  static void computeSig(const unsigned char *d, uint32_t n,
                         uint32_t sig[kRows]);
  static uint32_t packLowBits(const uint32_t sig[kRows]);
};

void ShingleSig::computeSig(const unsigned char *d, uint32_t n,
                            uint32_t sig[kRows]) {
  for (int j = 0; j < kRows; ++j)
    sig[j] = 0xFFFFFFFFu;
  if (n == 0)
    return;
  uint32_t win = 0;
  uint32_t i = 0;
  // prime the window; short payloads become one zero-padded shingle
  for (; i < 4; ++i)
    win = (win << 8) | (i < n ? d[i] : 0u);
  for (;;) {
    for (int j = 0; j < kRows; ++j) {
      uint32_t v = (uint32_t)((kMinCoef[j][0] * win + kMinCoef[j][1]) >> 32);
      if (v < sig[j])
        sig[j] = v;
    }
    if (i >= n)
      break;
    win = (win << 8) | d[i++];
  }
}

uint32_t ShingleSig::packLowBits(const uint32_t sig[kRows]) {
  uint32_t w = 0;
  for (int j = kRows - 1; j >= 0; --j)
    w = (w << 2) | (sig[j] & 3u);
  return w;
}

Packet *ShingleSig::simple_action(Packet *p) {
  const click_ip *iph = p->ip_header();
  const unsigned char *pay = p->data();
  uint32_t len = p->length();
  if (iph) {
    const unsigned char *nh = reinterpret_cast<const unsigned char *>(iph);
    uint32_t off = (uint32_t)(nh - p->data()) + (iph->ip_hl << 2);
    if (iph->ip_p == IP_PROTO_UDP)
      off += 8;
    else if (iph->ip_p == IP_PROTO_TCP && off + 13 <= len)
      off += (nh[(iph->ip_hl << 2) + 12] >> 4) << 2;
    if (off > len)
      off = len;
    pay += off;
    len -= off;
  }
  uint32_t sig[kRows];
  computeSig(pay, len, sig);
  p->set_anno_u32(kSigAnno, packLowBits(sig));
  return p;
}

CLICK_ENDDECLS
EXPORT_ELEMENT(ShingleSig)
