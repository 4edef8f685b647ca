// Training source for the instruction models (models/README.md): HTTP/1.x
// request smuggling heuristics on the first segment of a request: the
// request line's method and version, then each header line with
// case-insensitive name matching; flags Content-Length together with
// Transfer-Encoding, duplicate lengths that disagree, lengths that
// overflow or carry junk, "chunked" not being the final coding or being
// obfuscated, whitespace before the colon, obsolete line folding and bare
// LF line ends. A bitmask of findings decides drop (output 1) or mark.
// Written for training only; not part of the NF corpus.
#include <click/clara.hh>
#include <click/config.h>
#include <click/element.hh>
#include <click/packet.hh>
#include <click/packet_anno.hh>
#include <clicknet/ip.h>
#include <clicknet/tcp.h>

enum SmuggleFlag {
  S_CL_TE = 1 << 0,
  S_CL_DUP = 1 << 1,
  S_CL_BAD = 1 << 2,
  S_TE_NOTLAST = 1 << 3,
  S_TE_ODD = 1 << 4,
  S_WS_COLON = 1 << 5,
  S_FOLD = 1 << 6,
  S_BARE_LF = 1 << 7,
  S_METHOD = 1 << 8,
  S_VERSION = 1 << 9,
  S_BODY_GET = 1 << 10
};
static const uint32_t kDropMask =
    S_CL_TE | S_CL_DUP | S_CL_BAD | S_TE_NOTLAST | S_TE_ODD | S_WS_COLON;

struct ReqScan {
  uint32_t flags;
  int64_t content_length; // -1: none seen
  uint8_t te_chunked;
  uint8_t method; // first letter of the method
};

static bool name_is(const uint8_t *s, int n, const char *want) {
  int i = 0;
  for (; i < n && want[i]; ++i) {
    uint8_t c = s[i];
    if (c >= 'A' && c <= 'Z')
      c = (uint8_t)(c + 32);
    if (c != (uint8_t)want[i])
      return false;
  }
  return i == n && want[i] == 0;
}

class TrainSmuggle : public Element {
public:
  TrainSmuggle() : _port(80), _checked(0), _dropped(0), _marked(0) {
    memset(_seen, 0, sizeof(_seen));
  }
  const char *class_name() const override { return "TrainSmuggle"; }
  const char *port_count() const override { return PORTS_1_1X2; }
  const char *processing() const override { return PUSH; }
  void push(int port, Packet *p) override;

private:
  int request_line(const uint8_t *b, int len, ReqScan *rs) const;
  int64_t parse_length(const uint8_t *v, int n) const;
  void header(const uint8_t *line, int colon, int end, ReqScan *rs) const;
  void encoding(const uint8_t *v, int n, ReqScan *rs) const;
  uint32_t scan(const uint8_t *b, int len) const;

  uint16_t _port;
  uint64_t _checked, _dropped, _marked;
  uint64_t _seen[11];
};

// Length of the request line including its end, or -1; sets method flags.
int TrainSmuggle::request_line(const uint8_t *b, int len, ReqScan *rs) const {
  int i = 0;
  while (i < len && b[i] >= 'A' && b[i] <= 'Z' && i < 16)
    i++;
  rs->method = len ? b[0] : 0;
  switch (i) {
  case 3: // GET, PUT
    if (!(b[0] == 'G' || b[0] == 'P'))
      rs->flags |= S_METHOD;
    break;
  case 4: // POST, HEAD
  case 5: // PATCH, TRACE
  case 6: // DELETE
  case 7: // OPTIONS, CONNECT
    break;
  default:
    rs->flags |= S_METHOD;
  }
  if (i >= len || b[i] != ' ')
    return -1;
  for (; i < len; ++i)
    if (b[i] == '\n')
      break;
  if (i >= len)
    return -1;
  int end = i > 0 && b[i - 1] == '\r' ? i - 1 : i;
  if (end == i)
    rs->flags |= S_BARE_LF;
  if (end < 8 || memcmp(b + end - 8, "HTTP/1.", 7) != 0 ||
      (b[end - 1] != '0' && b[end - 1] != '1'))
    rs->flags |= S_VERSION;
  return i + 1;
}

int64_t TrainSmuggle::parse_length(const uint8_t *v, int n) const {
  if (n <= 0 || n > 18)
    return -2; // empty, or would overflow 10^18
  int64_t x = 0;
  for (int i = 0; i < n; ++i) {
    if (v[i] < '0' || v[i] > '9')
      return -2;
    x = x * 10 + (v[i] - '0');
  }
  return x;
}

void TrainSmuggle::encoding(const uint8_t *v, int n, ReqScan *rs) const {
  // Find the last comma-separated coding; "chunked" must be it, exactly.
  int start = 0, found_at = -1;
  for (int i = 0; i <= n; ++i) {
    if (i < n && v[i] != ',')
      continue;
    int a = start, b = i;
    while (a < b && (v[a] == ' ' || v[a] == '\t'))
      a++;
    while (b > a && (v[b - 1] == ' ' || v[b - 1] == '\t'))
      b--;
    if (name_is(v + a, b - a, "chunked"))
      found_at = i;
    else if (b - a > 7 && name_is(v + b - 7, 7, "chunked"))
      rs->flags |= S_TE_ODD; // "xchunked" and friends
    start = i + 1;
  }
  if (found_at >= 0) {
    rs->te_chunked = 1;
    if (found_at != n)
      rs->flags |= S_TE_NOTLAST;
  }
}

// One header line: name before the colon, value after it up to end.
void TrainSmuggle::header(const uint8_t *line, int colon, int end,
                          ReqScan *rs) const {
  const uint8_t *name = line;
  int nlen = colon, v = colon + 1;
  while (v < end && (line[v] == ' ' || line[v] == '\t'))
    v++;
  const uint8_t *val = line + v;
  int vlen = end - v;
  if (nlen > 0 && (name[nlen - 1] == ' ' || name[nlen - 1] == '\t')) {
    rs->flags |= S_WS_COLON;
    while (nlen > 0 && (name[nlen - 1] == ' ' || name[nlen - 1] == '\t'))
      nlen--;
  }
  if (name_is(name, nlen, "content-length")) {
    int64_t l = parse_length(val, vlen);
    if (l < 0)
      rs->flags |= S_CL_BAD;
    else if (rs->content_length >= 0 && rs->content_length != l)
      rs->flags |= S_CL_DUP;
    if (l >= 0)
      rs->content_length = l;
  } else if (name_is(name, nlen, "transfer-encoding"))
    encoding(val, vlen, rs);
}

uint32_t TrainSmuggle::scan(const uint8_t *b, int len) const {
  ReqScan rs = {0, -1, 0, 0};
  int pos = request_line(b, len, &rs);
  if (pos < 0)
    return rs.flags;
  while (pos < len) {
    int eol = pos;
    while (eol < len && b[eol] != '\n')
      eol++;
    if (eol >= len)
      break; // header continues in the next segment
    int end = eol > pos && b[eol - 1] == '\r' ? eol - 1 : eol;
    if (end == eol)
      rs.flags |= S_BARE_LF;
    if (end == pos)
      break; // blank line: end of headers
    if (b[pos] == ' ' || b[pos] == '\t')
      rs.flags |= S_FOLD;
    else {
      int colon = pos;
      while (colon < end && b[colon] != ':')
        colon++;
      if (colon < end)
        header(b + pos, colon - pos, end - pos, &rs);
    }
    pos = eol + 1;
  }
  if (rs.content_length >= 0 && rs.te_chunked)
    rs.flags |= S_CL_TE;
  if ((rs.method == 'G' || rs.method == 'H') && rs.content_length > 0)
    rs.flags |= S_BODY_GET;
  return rs.flags;
}

void TrainSmuggle::push(int, Packet *p) {
  const click_ip *iph = p->ip_header();
  if (!p->has_transport_header() || iph->ip_p != IP_PROTO_TCP ||
      p->transport_length() < (int)sizeof(click_tcp)) {
    output(0).push(p);
    return;
  }
  const click_tcp *th = p->tcp_header();
  int off = th->th_off << 2;
  int len = p->transport_length() - off;
  if (th->th_dport != htons(_port) || len < 16 || off < 20) {
    output(0).push(p);
    return;
  }
  const uint8_t *payload = p->transport_header() + off;
  if (payload[0] < 'A' || payload[0] > 'Z') { // not a request start
    output(0).push(p);
    return;
  }
  _checked++;
  uint32_t flags = scan(payload, len);
  for (int i = 0; i < 11; ++i)
    if (flags & (1u << i))
      _seen[i]++;
  if (flags & kDropMask) {
    _dropped++;
    SET_AGGREGATE_ANNO(p, flags);
    output(1).push(p);
    return;
  }
  if (flags) {
    _marked++;
    SET_AGGREGATE_ANNO(p, flags);
  }
  output(0).push(p);
}

extern "C" Element *clara_nf_create(const char *config) {
  Element *e = new TrainSmuggle;
  if (clara_element_setup(e, config ? String(config) : String(), 1, 2) < 0)
    return 0;
  return e;
}
