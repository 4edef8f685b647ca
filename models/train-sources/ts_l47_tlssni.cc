// Training source for the instruction models (models/README.md): a TLS
// ClientHello inspector: record and handshake header checks, skipping the
// session ID, cipher suites and compression methods, walking extensions for
// server_name (SNI), ALPN and supported_versions, and suffix-matching the
// SNI against a small blocklist of domain hashes.
// Written for training only; not part of the NF corpus.
#include <click/clara.hh>
#include <click/config.h>
#include <click/element.hh>
#include <click/packet.hh>
#include <click/packet_anno.hh>
#include <clicknet/ip.h>
#include <clicknet/tcp.h>

struct TlsHelloInfo {
  uint32_t sni_hash;       // hash of the whole server name
  uint32_t suffix_hash[4]; // hashes of the last 1..4 labels
  uint8_t nsuffix;
  uint8_t alpn_h2 : 1;
  uint8_t alpn_http11 : 1;
  uint8_t tls13 : 1;
  uint8_t grease : 1;
  uint16_t ciphers;
};

static inline uint16_t rd16(const uint8_t *b) {
  return (uint16_t)(b[0] << 8 | b[1]);
}
static inline uint32_t rd24(const uint8_t *b) {
  return (uint32_t)b[0] << 16 | (uint32_t)b[1] << 8 | b[2];
}

// Hashes name[from..n) (lower-cased) with a multiplicative hash.
static uint32_t label_hash(const uint8_t *name, int from, int n) {
  uint32_t h = 0x12345u;
  for (int i = from; i < n; ++i) {
    uint8_t c = name[i];
    c = (uint8_t)(c | ((c >= 'A' && c <= 'Z') ? 0x20 : 0));
    h = (h ^ c) * 0x01000193u;
    h ^= h >> 15;
  }
  return h;
}

class TrainTlsSni : public Element {
public:
  TrainTlsSni() : _hellos(0), _blocked(0), _nosni(0), _truncated(0) {
    static const char *const block[] = {"tracker.example", "ads.example.net",
                                        "example.org"};
    for (int i = 0; i < 3; ++i) {
      const uint8_t *s = reinterpret_cast<const uint8_t *>(block[i]);
      _block[i] = label_hash(s, 0, (int)strlen(block[i]));
    }
    _nblock = 3;
  }
  const char *class_name() const override { return "TrainTlsSni"; }
  const char *port_count() const override { return "1/3"; }
  const char *processing() const override { return PUSH; }
  void push(int port, Packet *p) override;

private:
  // Returns the offset after a length-prefixed vector, or -1.
  int skip_vector(const uint8_t *b, int off, int len, int lenbytes) const {
    if (off + lenbytes > len)
      return -1;
    int n = lenbytes == 1 ? b[off] : rd16(b + off);
    off += lenbytes + n;
    return off > len ? -1 : off;
  }
  int parse_sni(const uint8_t *e, int elen, TlsHelloInfo *info) const;
  void parse_alpn(const uint8_t *e, int elen, TlsHelloInfo *info) const {
    int off = 2;
    while (off < elen) {
      int n = e[off];
      if (off + 1 + n > elen)
        return;
      if (n == 2 && e[off + 1] == 'h' && e[off + 2] == '2')
        info->alpn_h2 = 1;
      else if (n == 8 && !memcmp(e + off + 1, "http/1.1", 8))
        info->alpn_http11 = 1;
      off += 1 + n;
    }
  }
  int parse_hello(const uint8_t *b, int len, TlsHelloInfo *info) const;
  bool blocked(const TlsHelloInfo &info) const {
    for (int s = 0; s < info.nsuffix; ++s)
      for (int i = 0; i < _nblock; ++i)
        if (info.suffix_hash[s] == _block[i])
          return true;
    return false;
  }

  uint32_t _block[8];
  int _nblock;
  uint64_t _hellos, _blocked, _nosni, _truncated;
};

int TrainTlsSni::parse_sni(const uint8_t *e, int elen,
                           TlsHelloInfo *info) const {
  if (elen < 5 || rd16(e) + 2 != elen || e[2] != 0)
    return -1;
  int n = rd16(e + 3);
  if (n == 0 || n > 253 || 5 + n > elen)
    return -1;
  const uint8_t *name = e + 5;
  info->sni_hash = label_hash(name, 0, n);
  info->nsuffix = 0;
  for (int i = n - 1; i > 0 && info->nsuffix < 4; --i)
    if (name[i] == '.')
      info->suffix_hash[info->nsuffix++] = label_hash(name, i + 1, n);
  if (info->nsuffix < 4)
    info->suffix_hash[info->nsuffix++] = info->sni_hash;
  return n;
}

int TrainTlsSni::parse_hello(const uint8_t *b, int len,
                             TlsHelloInfo *info) const {
  // record header (5) + handshake header (4) + version (2) + random (32)
  if (len < 43 || b[0] != 22 || b[1] != 3 || b[5] != 1)
    return -1;
  uint32_t hs_len = rd24(b + 6);
  if (hs_len + 9 > (uint32_t)len)
    return -2;
  int off = skip_vector(b, 43, len, 1); // session id
  if (off < 0 || off + 2 > len)
    return -2;
  info->ciphers = (uint16_t)(rd16(b + off) / 2);
  for (int i = off + 2; i + 1 < off + 2 + rd16(b + off) && i + 1 < len; i += 2)
    if ((b[i] & 0x0f) == 0x0a && b[i] == b[i + 1])
      info->grease = 1;
  off = skip_vector(b, off, len, 2);                // cipher suites
  off = off < 0 ? -1 : skip_vector(b, off, len, 1); // compression
  if (off < 0 || off + 2 > len)
    return -2;
  int end = off + 2 + rd16(b + off);
  if (end > len)
    end = len;
  int found = 0;
  for (off += 2; off + 4 <= end;) {
    uint16_t type = rd16(b + off), elen = rd16(b + off + 2);
    const uint8_t *e = b + off + 4;
    if (off + 4 + elen > end)
      return found ? found : -2;
    switch (type) {
    case 0:
      if (parse_sni(e, elen, info) > 0)
        found = 1;
      break;
    case 16:
      parse_alpn(e, elen, info);
      break;
    case 43:
      for (int i = 1; i + 1 < elen; i += 2)
        if (rd16(e + i) == 0x0304)
          info->tls13 = 1;
      break;
    default:
      break;
    }
    off += 4 + elen;
  }
  return found;
}

void TrainTlsSni::push(int, Packet *p) {
  const click_ip *iph = p->ip_header();
  if (!iph || iph->ip_p != IP_PROTO_TCP || p->transport_length() < 20) {
    output(0).push(p);
    return;
  }
  const click_tcp *th = p->tcp_header();
  int hl = th->th_off << 2;
  int len = p->transport_length() - hl;
  if (hl < 20 || len <= 0 || th->th_dport != htons(443)) {
    output(0).push(p);
    return;
  }
  TlsHelloInfo info;
  memset(&info, 0, sizeof(info));
  int r = parse_hello(p->transport_header() + hl, len, &info);
  if (r == -1) {
    output(0).push(p);
    return;
  }
  _hellos++;
  if (r == -2) {
    _truncated++;
    output(2).push(p);
    return;
  }
  if (r == 0)
    _nosni++;
  if (r > 0 && blocked(info)) {
    _blocked++;
    output(1).push(p);
    return;
  }
  WritablePacket *q = p->uniqueify();
  if (!q)
    return;
  q->set_anno_u32(AGGREGATE_ANNO_OFFSET, info.sni_hash);
  SET_PAINT_ANNO(
      q, (uint8_t)(info.tls13 << 2 | info.alpn_h2 << 1 | info.alpn_http11));
  output(0).push(q);
}

extern "C" Element *clara_nf_create(const char *config) {
  Element *e = new TrainTlsSni;
  String conf = config ? String(config) : String();
  if (clara_element_setup(e, conf, 1, 3) < 0)
    return 0;
  return e;
}
