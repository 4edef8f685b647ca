// Training source for the instruction models (models/README.md): an HTTP/1.x
// request scanner on TCP payload: method recognition, request-target and
// version checks, header line walking (Host, Content-Length with overflow
// checks, Connection), per-host counters in a HashMap, paint annotation.
// Written for training only; not part of the NF corpus.
#include <click/clara.hh>
#include <click/config.h>
#include <click/element.hh>
#include <click/hashmap.hh>
#include <click/packet.hh>
#include <click/packet_anno.hh>
#include <clicknet/ip.h>
#include <clicknet/tcp.h>

enum HttpMethod { M_NONE, M_GET, M_HEAD, M_POST, M_PUT, M_DELETE, M_OPTIONS };

struct HttpReqInfo {
  uint32_t host;
  int64_t clen;
};

struct HttpHostStats {
  uint32_t requests;
  uint32_t bodies;
  uint64_t body_bytes;
};

static int lower(int c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }

static bool token_eq(const uint8_t *b, int n, const char *lit) {
  int i = 0;
  for (; i < n && lit[i]; ++i)
    if (lower(b[i]) != lit[i])
      return false;
  return i == n && !lit[i];
}

// Index of the next "\r\n" at or after off, or -1.
static int find_crlf(const uint8_t *b, int off, int len) {
  for (int i = off; i + 1 < len; ++i)
    if (b[i] == '\r' && b[i + 1] == '\n')
      return i;
  return -1;
}

class TrainHttpScan : public Element {
public:
  TrainHttpScan() : _max_headers(32), _max_body(1 << 20), _bad(0), _seen(0) {
    for (int i = 0; i < 7; ++i)
      _by_method[i] = 0;
  }
  const char *class_name() const override { return "TrainHttpScan"; }
  const char *port_count() const override { return "1/3"; }
  const char *processing() const override { return PUSH; }
  void push(int port, Packet *p) override;

private:
  HttpMethod method(const uint8_t *b, int len, int *sp) const {
    int i = 0;
    while (i < len && i < 8 && b[i] != ' ')
      i++;
    *sp = i;
    if (i >= len || b[i] != ' ')
      return M_NONE;
    switch (b[0]) {
    case 'G':
      return i == 3 && b[1] == 'E' && b[2] == 'T' ? M_GET : M_NONE;
    case 'H':
      return i == 4 && !memcmp(b, "HEAD", 4) ? M_HEAD : M_NONE;
    case 'P':
      if (i == 4 && b[1] == 'O')
        return !memcmp(b, "POST", 4) ? M_POST : M_NONE;
      return i == 3 && b[1] == 'U' && b[2] == 'T' ? M_PUT : M_NONE;
    case 'D':
      return i == 6 && !memcmp(b, "DELETE", 6) ? M_DELETE : M_NONE;
    case 'O':
      return i == 7 && !memcmp(b, "OPTIONS", 7) ? M_OPTIONS : M_NONE;
    default:
      return M_NONE;
    }
  }
  int version(const uint8_t *b, int n) const {
    if (n != 8 || memcmp(b, "HTTP/1.", 7) != 0)
      return -1;
    return b[7] == '1' ? 11 : b[7] == '0' ? 10 : -1;
  }
  int64_t parse_length(const uint8_t *b, int n) const {
    int64_t v = 0;
    int i = 0;
    while (i < n && (b[i] == ' ' || b[i] == '\t'))
      i++;
    if (i == n)
      return -1;
    for (; i < n; ++i) {
      if (b[i] < '0' || b[i] > '9')
        return b[i] == ' ' ? v : -1;
      v = v * 10 + (b[i] - '0');
      if (v > (int64_t)_max_body)
        return -2;
    }
    return v;
  }
  uint32_t host_key(const uint8_t *b, int n) const {
    uint32_t h = 5381;
    for (int i = 0; i < n && b[i] != ':'; ++i)
      if (b[i] != ' ')
        h = ((h << 5) + h) ^ (uint32_t)lower(b[i]);
    return h;
  }
  int scan_headers(const uint8_t *b, int off, int len, HttpReqInfo *r);

  HashMap<uint32_t, HttpHostStats, 128, 4> _hosts;
  int _max_headers;
  uint32_t _max_body;
  uint32_t _by_method[7];
  uint64_t _bad, _seen;
};

int TrainHttpScan::scan_headers(const uint8_t *b, int off, int len,
                                HttpReqInfo *r) {
  int n = 0;
  while (off < len) {
    int e = find_crlf(b, off, len);
    if (e < 0)
      return n;
    if (e == off)
      return n;
    if (++n > _max_headers)
      return -1;
    int colon = off;
    while (colon < e && b[colon] != ':')
      colon++;
    if (colon == e || colon == off)
      return -1;
    const uint8_t *val = b + colon + 1;
    int vlen = e - colon - 1;
    int nlen = colon - off;
    if (token_eq(b + off, nlen, "host"))
      r->host = host_key(val, vlen);
    else if (token_eq(b + off, nlen, "content-length")) {
      int64_t v = parse_length(val, vlen);
      if (v < 0 || (r->clen >= 0 && r->clen != v))
        return -1;
      r->clen = v;
    } else if (nlen == 17 && token_eq(b + off, nlen, "transfer-encoding"))
      r->clen = -3;
    off = e + 2;
  }
  return n;
}

void TrainHttpScan::push(int, Packet *p) {
  const click_ip *iph = p->ip_header();
  if (!iph || iph->ip_p != IP_PROTO_TCP || p->transport_length() < 20) {
    output(2).push(p);
    return;
  }
  const click_tcp *th = p->tcp_header();
  int hl = th->th_off << 2;
  int len = p->transport_length() - hl;
  if (hl < 20 || len < 16) {
    output(2).push(p);
    return;
  }
  const uint8_t *b = p->transport_header() + hl;
  _seen++;
  int sp = 0;
  HttpMethod m = method(b, len, &sp);
  int eol = find_crlf(b, sp, len);
  if (m == M_NONE || eol < 0) {
    output(2).push(p);
    return;
  }
  int tgt = sp + 1, tend = tgt;
  while (tend < eol && b[tend] != ' ')
    tend++;
  int ver = tend < eol ? version(b + tend + 1, eol - tend - 1) : -1;
  if (ver < 0 || tend == tgt ||
      (b[tgt] != '/' && b[tgt] != '*' && m != M_OPTIONS)) {
    _bad++;
    p->kill();
    return;
  }
  HttpReqInfo r = {0, -1};
  int nh = scan_headers(b, eol + 2, len, &r);
  uint32_t host = r.host;
  int64_t clen = r.clen;
  if (nh < 0 || (ver == 11 && host == 0)) {
    _bad++;
    output(1).push(p);
    return;
  }
  _by_method[m]++;
  HttpHostStats *hs = _hosts.findp(host);
  if (!hs) {
    HttpHostStats z = {0, 0, 0};
    _hosts.insert(host, z);
    hs = _hosts.findp(host);
  }
  if (hs) {
    hs->requests++;
    if (clen > 0) {
      hs->bodies++;
      hs->body_bytes += (uint64_t)clen;
    }
  }
  WritablePacket *q = p->uniqueify();
  if (!q)
    return;
  SET_PAINT_ANNO(q, (uint8_t)(m | (ver == 11 ? 0x80 : 0)));
  q->set_anno_u32(AGGREGATE_ANNO_OFFSET, host);
  output(0).push(q);
}

extern "C" Element *clara_nf_create(const char *config) {
  Element *e = new TrainHttpScan;
  String conf = config ? String(config) : String();
  if (clara_element_setup(e, conf, 1, 3) < 0)
    return 0;
  return e;
}
