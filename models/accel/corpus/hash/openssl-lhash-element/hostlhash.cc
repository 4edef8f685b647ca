// HostLHashSteer: steers HTTP requests by their Host header with the string
// hash of OpenSSL's LHASH tables (lh_strhash).  Per character c (as a
// signed char) at position i, with v = (0x100 * (i + 1)) | c:
//   r   = ((v >> 2) ^ v) & 15;              a data-dependent rotation
//   ret = ((ret << r) | (ret >> (32 - r))) & 0xffffffff;  ret ^= v * v;
// in a 64-bit word (v * v is not truncated, so bits above 32 shift back in)
// and the result is ret ^ (ret >> 16); an empty string hashes to 0.  The
// bounded member works on a header value that is not NUL-terminated and can
// fold ASCII upper case first (host names compare case-insensitively), as
// OpenSSL's case-insensitive variant does.  Written from that description.
// Packets without a Host header go to the last output.
#include <click/config.h>
#include <click/element.hh>
#include <click/packet.hh>
#include <clicknet/ip.h>
#include <clicknet/tcp.h>
CLICK_DECLS

class HostLHashSteer : public Element {
public:
  HostLHashSteer() {}
  const char *class_name() const override { return "HostLHashSteer"; }
  const char *port_count() const override { return "1/2-"; }
  const char *processing() const override { return PUSH; }

  void push(int, Packet *p) override;

  static unsigned long lh_strhash(const char *c);
  template <bool Fold>
  static unsigned long lh_span(const unsigned char *s, size_t n);
  static const unsigned char *find_host(const unsigned char *d, size_t n,
                                        size_t *vlen);
};

unsigned long HostLHashSteer::lh_strhash(const char *c) {
  unsigned long ret = 0;
  long n = 0x100;
  if (c == nullptr || *c == '\0')
    return 0;
  for (; *c; ++c, n += 0x100) {
    unsigned long v = (unsigned long)(n | (long)*c);
    int r = (int)((v >> 2) ^ v) & 0x0f;
    ret = (ret << r) | (ret >> (32 - r)); // 64-bit word: no UB for r == 0
    ret &= 0xffffffffUL;
    ret ^= v * v;
  }
  return (ret >> 16) ^ ret;
}

template <bool Fold>
unsigned long HostLHashSteer::lh_span(const unsigned char *s, size_t n) {
  unsigned long acc = 0;
  unsigned long pos = 0x100;
  const unsigned char *e = s + n;
  if (n == 0)
    return 0;
  while (s != e) {
    unsigned char b = *s++;
    if (Fold && b >= 'A' && b <= 'Z')
      b = (unsigned char)(b | 0x20);
    unsigned long v = pos | (unsigned long)(long)(signed char)b;
    pos += 0x100;
    unsigned r = (unsigned)(v ^ (v >> 2)) & 15u;
    acc = ((acc << r) | (acc >> (32 - r))) & 0xffffffffUL;
    acc ^= v * v;
  }
  return acc ^ (acc >> 16);
}

const unsigned char *HostLHashSteer::find_host(const unsigned char *d,
                                               size_t n, size_t *vlen) {
  size_t i = 0;
  while (i < n) {
    // at the start of a line
    if (n - i >= 5 && (d[i] | 0x20) == 'h' && (d[i + 1] | 0x20) == 'o' &&
        (d[i + 2] | 0x20) == 's' && (d[i + 3] | 0x20) == 't' &&
        d[i + 4] == ':') {
      size_t j = i + 5, k;
      while (j < n && (d[j] == ' ' || d[j] == '\t'))
        j++;
      k = j;
      while (k < n && d[k] != '\r' && d[k] != '\n' && d[k] != ':')
        k++;
      *vlen = k - j;
      return d + j;
    }
    while (i < n && d[i] != '\n')
      i++;
    i++;
  }
  return nullptr;
}

void HostLHashSteer::push(int, Packet *p) {
  const click_ip *iph = p->ip_header();
  int last = noutputs() - 1;
  int out = last;
  if (iph && iph->ip_p == IP_PROTO_TCP) {
    const unsigned char *l4 = (const unsigned char *)iph + (iph->ip_hl << 2);
    const click_tcp *th = (const click_tcp *)l4;
    if (l4 + sizeof(click_tcp) <= p->end_data()) {
      const unsigned char *pl = l4 + (th->th_off << 2);
      size_t vlen = 0;
      const unsigned char *host =
          pl < p->end_data()
              ? find_host(pl, (size_t)(p->end_data() - pl), &vlen)
              : nullptr;
      if (host && vlen > 0 && last > 0)
        out = (int)(lh_span<true>(host, vlen) % (unsigned long)last);
    }
  }
  output(out).push(p);
}

CLICK_ENDDECLS
EXPORT_ELEMENT(HostLHashSteer)
