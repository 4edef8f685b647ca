// TLSSNIFilter: reads the server name indication of a TLS ClientHello
// (RFC 8446 section 4.1.2, RFC 6066 section 3) carried in the first
// segment of a TCP connection, and sends the packet to output 1 when the
// name falls under one of the configured domains (case-insensitive, on a
// label boundary: "example.com" covers "www.example.com" but not
// "badexample.com"), otherwise to output 0. The parser walks the record
// with a bounded cursor through the length-prefixed vectors (session id,
// cipher suites, compression methods, extensions, server name list).
// Packets that are not TCP or carry no ClientHello pass on output 0.
// A parser and a suffix compare: nothing here is a hash. Label: none.
#include <click/config.h>
#include <click/element.hh>
#include <click/error.hh>
#include <click/packet.hh>
#include <clicknet/ip.h>
#include <clicknet/tcp.h>

CLICK_DECLS

// A read cursor over [p, end) that fails sticky on overrun.
struct TlsCursor {
  const uint8_t *p;
  const uint8_t *end;
  bool bad;

  TlsCursor(const uint8_t *b, const uint8_t *e) : p(b), end(e), bad(false) {}
  uint32_t avail() const { return bad ? 0 : (uint32_t)(end - p); }
  uint32_t u8() {
    if (avail() < 1) {
      bad = true;
      return 0;
    }
    return *p++;
  }
  uint32_t u16() {
    uint32_t hi = u8();
    return (hi << 8) | u8();
  }
  uint32_t u24() {
    uint32_t hi = u16();
    return (hi << 8) | u8();
  }
  void skip(uint32_t n) {
    if (avail() < n)
      bad = true;
    else
      p += n;
  }
  // A sub-cursor over the next n bytes, consumed from this one.
  TlsCursor sub(uint32_t n) {
    TlsCursor c(p, p);
    if (avail() < n) {
      bad = true;
      c.bad = true;
    } else {
      c.end = p + n;
      p += n;
    }
    return c;
  }
};

class TLSSNIFilter : public Element {
public:
  enum { MAX_RULES = 32, MAX_NAME = 255 };
  enum { TLS_HANDSHAKE = 22, HS_CLIENT_HELLO = 1, EXT_SERVER_NAME = 0 };

  TLSSNIFilter() : _nrules(0), _seen(0), _blocked(0), _malformed(0) {}

  const char *class_name() const override { return "TLSSNIFilter"; }
  const char *port_count() const override { return "1/2"; }
  const char *processing() const override { return PUSH; }

  int configure(Vector<String> &conf, ErrorHandler *errh) override;
  void push(int port, Packet *p) override;

  static int extract_sni(const uint8_t *rec, uint32_t len, char *out,
                         uint32_t cap);
  static bool under_domain(const char *host, int hlen, const char *dom,
                           int dlen);
  bool add_rule(const char *dom, int len);
  bool blocked_name(const char *host, int len) const;
  int classify(const Packet *p);

  uint32_t seen() const { return _seen; }
  uint32_t blocked() const { return _blocked; }
  uint32_t malformed() const { return _malformed; }

private:
  struct Rule {
    uint8_t len;
    char name[MAX_NAME + 1];
  };
  Rule _rules[MAX_RULES];
  int _nrules;
  uint32_t _seen, _blocked, _malformed;
};

static inline char ascii_lower(char c) {
  return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
}

int TLSSNIFilter::configure(Vector<String> &conf, ErrorHandler *errh) {
  _nrules = 0;
  for (int i = 0; i < conf.size(); i++) {
    String d = conf[i].trim_space();
    if (d.length() > 6 && d.starts_with(String("BLOCK ")))
      d = d.substring(6).trim_space();
    if (!add_rule(d.data(), d.length()))
      return errh->error("bad domain in argument %d", i + 1);
  }
  return 0;
}

bool TLSSNIFilter::add_rule(const char *dom, int len) {
  while (len > 0 && dom[0] == '.') { // ".example.com" is "example.com"
    dom++;
    len--;
  }
  while (len > 0 && dom[len - 1] == '.')
    len--;
  if (len <= 0 || len > MAX_NAME || _nrules == MAX_RULES)
    return false;
  Rule &r = _rules[_nrules];
  for (int i = 0; i < len; i++) {
    char c = ascii_lower(dom[i]);
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
              c == '.' || c == '_';
    if (!ok)
      return false;
    r.name[i] = c;
  }
  r.name[len] = 0;
  r.len = (uint8_t)len;
  _nrules++;
  return true;
}

// Server name of a ClientHello record: its length (copied to out, not
// terminated), 0 when there is none, -1 when the record is malformed or
// not a ClientHello.
int TLSSNIFilter::extract_sni(const uint8_t *rec, uint32_t len, char *out,
                              uint32_t cap) {
  TlsCursor rc(rec, rec + len);
  if (rc.u8() != TLS_HANDSHAKE)
    return -1;
  uint32_t ver = rc.u16();
  if ((ver >> 8) != 3)
    return -1;
  uint32_t reclen = rc.u16();
  // The ClientHello may continue in later segments; parse what is here.
  TlsCursor hs = rc.sub(reclen < rc.avail() ? reclen : rc.avail());
  if (hs.u8() != HS_CLIENT_HELLO)
    return -1;
  uint32_t hslen = hs.u24();
  TlsCursor ch = hs.sub(hslen < hs.avail() ? hslen : hs.avail());
  ch.skip(2 + 32);    // legacy_version, random
  ch.skip(ch.u8());   // legacy_session_id
  ch.skip(ch.u16());  // cipher_suites
  ch.skip(ch.u8());   // legacy_compression_methods
  if (ch.bad)
    return -1;
  if (ch.avail() == 0)
    return 0; // no extensions
  TlsCursor exts = ch.sub(ch.u16());
  while (!exts.bad && exts.avail() >= 4) {
    uint32_t type = exts.u16();
    TlsCursor body = exts.sub(exts.u16());
    if (type != EXT_SERVER_NAME)
      continue;
    TlsCursor list = body.sub(body.u16());
    while (!list.bad && list.avail() >= 3) {
      uint32_t name_type = list.u8();
      uint32_t nlen = list.u16();
      if (list.avail() < nlen)
        return -1;
      if (name_type == 0) { // host_name
        if (nlen == 0 || nlen > cap)
          return -1;
        for (uint32_t i = 0; i < nlen; i++)
          out[i] = (char)list.p[i];
        return (int)nlen;
      }
      list.skip(nlen);
    }
    return body.bad || list.bad ? -1 : 0;
  }
  return exts.bad ? -1 : 0;
}

// host == dom, or host ends in "." + dom; ASCII case-insensitive, one
// trailing dot of host ignored. dom is already lower case.
bool TLSSNIFilter::under_domain(const char *host, int hlen, const char *dom,
                                int dlen) {
  if (hlen > 0 && host[hlen - 1] == '.')
    hlen--;
  if (hlen < dlen)
    return false;
  const char *h = host + hlen, *d = dom + dlen;
  while (d != dom)
    if (ascii_lower(*--h) != *--d)
      return false;
  return h == host || h[-1] == '.';
}

bool TLSSNIFilter::blocked_name(const char *host, int len) const {
  for (const Rule *r = _rules; r != _rules + _nrules; ++r)
    if (under_domain(host, len, r->name, r->len))
      return true;
  return false;
}

// Output port for p: 1 for a ClientHello to a blocked name, else 0.
int TLSSNIFilter::classify(const Packet *p) {
  const click_ip *iph = p->ip_header();
  if (!iph || iph->ip_p != IP_PROTO_TCP || !IP_FIRSTFRAG(iph))
    return 0;
  const uint8_t *nh = reinterpret_cast<const uint8_t *>(iph);
  const uint8_t *tail = p->data() + p->length();
  uint32_t hl = iph->ip_hl << 2;
  if (hl < 20 || nh + hl + sizeof(click_tcp) > tail)
    return 0;
  const click_tcp *th = reinterpret_cast<const click_tcp *>(nh + hl);
  uint32_t thl = th->th_off << 2;
  if (thl < 20 || nh + hl + thl >= tail)
    return 0;
  uint32_t iplen = ntohs(iph->ip_len);
  const uint8_t *payload = nh + hl + thl;
  const uint8_t *pend = nh + iplen < tail ? nh + iplen : tail;
  if (payload >= pend || payload[0] != TLS_HANDSHAKE)
    return 0;
  _seen++;
  char name[MAX_NAME];
  int n = extract_sni(payload, (uint32_t)(pend - payload), name, sizeof name);
  if (n < 0) {
    _malformed++;
    return 0;
  }
  if (n > 0 && blocked_name(name, n)) {
    _blocked++;
    return 1;
  }
  return 0;
}

void TLSSNIFilter::push(int, Packet *p) {
  checked_output_push(classify(p), p);
}

CLICK_ENDDECLS
EXPORT_ELEMENT(TLSSNIFilter)
