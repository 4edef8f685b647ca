//===- test/nf/dnsproxy.cc - DNSProxy: caching DNS forwarder --------------===//
//
// A caching DNS proxy for UDP/53. DNSClassifier validates IPv4/UDP headers
// and splits client queries to the proxy address from upstream responses.
// DNSProxy parses each query (header, question labels with bounds checks),
// answers A queries from a fixed-capacity cache by turning the query into a
// response in place (addresses and ports swapped, QR/RA set, answer record
// appended, lengths and IP/UDP checksums fixed), and otherwise forwards the
// query upstream with a fresh ID; upstream responses fill the cache (A
// records and NXDOMAIN) and are relayed back to the client. This is the
// paper's "DNSProxy" NF.
//
// Entry points: DNSClassifier::push, DNSProxy::push
// State: DNSClassifier::_proxy_addr (none, address clients query);
//        DNSClassifier::_server_addr (none, upstream resolver);
//        DNSClassifier::_queries (none, client queries seen);
//        DNSClassifier::_responses (none, upstream responses seen);
//        DNSClassifier::_other (none, other traffic);
//        DNSClassifier::_bad (none, malformed IP/UDP packets);
//        DNSProxy::_proxy_addr (none, proxy's own address);
//        DNSProxy::_server_addr (none, upstream resolver);
//        DNSProxy::_upstream_port (none, source port towards upstream);
//        DNSProxy::_cache (hashtable, name+type -> address/NXDOMAIN, expiry);
//        DNSProxy::_pending (array, outstanding upstream queries by ID);
//        DNSProxy::_next_id (none, next upstream query ID);
//        DNSProxy::_hits (none, queries answered from the cache);
//        DNSProxy::_misses (none, queries forwarded upstream);
//        DNSProxy::_relayed (none, responses relayed to clients);
//        DNSProxy::_unsolicited (none, responses without a pending query);
//        DNSProxy::_malformed (none, unparsable DNS messages);
//        DNSProxy::_cache_full (none, cache inserts that found no room);
//        DNSProxy::_pending_full (none, queries dropped for lack of an ID)
// Accelerator opportunities: none — the cache is a framework HashTable on a
//        fixed-size key whose hashcode() delegates to the framework's
//        String::hashcode; checksums come from click_in_cksum.
//
//===----------------------------------------------------------------------===//
//
// clang-format off
// RUN: %clara_nf_cxx -g %s -o %t.g.bc
// RUN: %clara_opt -passes='print<clara-annotate>' -disable-output %t.g.bc 2>&1 | FileCheck %s --check-prefixes=CHECK,DBG
// RUN: %clara_nf_cxx %s -o %t.bc
// RUN: %clara_opt -passes='print<clara-annotate>' -disable-output %t.bc 2>&1 | FileCheck %s --check-prefixes=CHECK,NODBG
// RUN: %clara_nf_cxx_plain %s -o %t.plain.bc
// RUN: %clara_opt -passes='print<clara-annotate>' -disable-output %t.plain.bc 2>&1 | FileCheck %s --check-prefixes=CHECK,NODBG
//
// CHECK: clara-annotate: EntryPoints=2 StateObjects=19
// CHECK-DAG: EntryPoint Function=_ZN13DNSClassifier4pushEiP6Packet Demangled=DNSClassifier::push(int, Packet*)
// CHECK-DAG: EntryPoint Function=_ZN8DNSProxy4pushEiP6Packet Demangled=DNSProxy::push(int, Packet*)
// DBG-DAG: StateObject Name=DNSClassifier::_proxy_addr Bytes=4 Container=none Shared=no
// NODBG-DAG: StateObject Name=DNSClassifier.1 Bytes=4 Container=none Shared=no
// DBG-DAG: StateObject Name=DNSClassifier::_server_addr Bytes=4 Container=none Shared=no
// NODBG-DAG: StateObject Name=DNSClassifier.2 Bytes=4 Container=none Shared=no
// DBG-DAG: StateObject Name=DNSClassifier::_queries Bytes=8 Container=none Shared=no
// NODBG-DAG: StateObject Name=DNSClassifier.3 Bytes=8 Container=none Shared=no
// DBG-DAG: StateObject Name=DNSClassifier::_responses Bytes=8 Container=none Shared=no
// NODBG-DAG: StateObject Name=DNSClassifier.4 Bytes=8 Container=none Shared=no
// DBG-DAG: StateObject Name=DNSClassifier::_other Bytes=8 Container=none Shared=no
// NODBG-DAG: StateObject Name=DNSClassifier.5 Bytes=8 Container=none Shared=no
// DBG-DAG: StateObject Name=DNSClassifier::_bad Bytes=8 Container=none Shared=no
// NODBG-DAG: StateObject Name=DNSClassifier.6 Bytes=8 Container=none Shared=no
// DBG-DAG: StateObject Name=DNSProxy::_proxy_addr Bytes=4 Container=none Shared=no
// NODBG-DAG: StateObject Name=DNSProxy.1 Bytes=4 Container=none Shared=no
// DBG-DAG: StateObject Name=DNSProxy::_server_addr Bytes=4 Container=none Shared=no
// NODBG-DAG: StateObject Name=DNSProxy.2 Bytes=4 Container=none Shared=no
// DBG-DAG: StateObject Name=DNSProxy::_upstream_port Bytes=2 Container=none Shared=no
// NODBG-DAG: StateObject Name=DNSProxy.3 Bytes=2 Container=none Shared=no
// DBG-DAG: StateObject Name=DNSProxy::_cache Bytes={{[0-9]+}} Container=hashtable Shared=no
// NODBG-DAG: StateObject Name=DNSProxy.4 Bytes={{[0-9]+}} Container=hashtable Shared=no
// DBG-DAG: StateObject Name=DNSProxy::_pending Bytes=4096 Container=array Shared=no
// NODBG-DAG: StateObject Name=DNSProxy.5 Bytes=4096 Container=array Shared=no
// DBG-DAG: StateObject Name=DNSProxy::_next_id Bytes=2 Container=none Shared=no
// NODBG-DAG: StateObject Name=DNSProxy.6 Bytes=2 Container=none Shared=no
// DBG-DAG: StateObject Name=DNSProxy::_hits Bytes=8 Container=none Shared=no
// NODBG-DAG: StateObject Name=DNSProxy.7 Bytes=8 Container=none Shared=no
// DBG-DAG: StateObject Name=DNSProxy::_misses Bytes=8 Container=none Shared=no
// NODBG-DAG: StateObject Name=DNSProxy.8 Bytes=8 Container=none Shared=no
// DBG-DAG: StateObject Name=DNSProxy::_relayed Bytes=8 Container=none Shared=no
// NODBG-DAG: StateObject Name=DNSProxy.9 Bytes=8 Container=none Shared=no
// DBG-DAG: StateObject Name=DNSProxy::_unsolicited Bytes=8 Container=none Shared=no
// NODBG-DAG: StateObject Name=DNSProxy.10 Bytes=8 Container=none Shared=no
// DBG-DAG: StateObject Name=DNSProxy::_malformed Bytes=8 Container=none Shared=no
// NODBG-DAG: StateObject Name=DNSProxy.11 Bytes=8 Container=none Shared=no
// DBG-DAG: StateObject Name=DNSProxy::_cache_full Bytes=8 Container=none Shared=no
// NODBG-DAG: StateObject Name=DNSProxy.12 Bytes=8 Container=none Shared=no
// DBG-DAG: StateObject Name=DNSProxy::_pending_full Bytes=8 Container=none Shared=no
// NODBG-DAG: StateObject Name=DNSProxy.13 Bytes=8 Container=none Shared=no
// clang-format on

#include <click/config.h>
#include <click/element.hh>
#include <click/error.hh>
#include <click/hashtable.hh>
#include <click/packet.hh>
#include <click/timestamp.hh>
#include <clicknet/ip.h>
#include <clicknet/udp.h>

// DNS wire format (RFC 1035).
struct click_dns {
  uint16_t id;
  uint16_t flags;
  uint16_t qdcount;
  uint16_t ancount;
  uint16_t nscount;
  uint16_t arcount;
};

enum {
  DNS_PORT = 53,
  DNS_QR = 0x8000,
  DNS_OPCODE = 0x7800,
  DNS_AA = 0x0400,
  DNS_TC = 0x0200,
  DNS_RD = 0x0100,
  DNS_RA = 0x0080,
  DNS_RCODE = 0x000F,
  DNS_NOERROR = 0,
  DNS_NXDOMAIN = 3,
  DNS_TYPE_A = 1,
  DNS_TYPE_CNAME = 5,
  DNS_CLASS_IN = 1,
  DNS_RR_FIXED = 10, // type, class, TTL, rdlength
  DNS_ANSWER_A = 16  // compressed name + fixed part + IPv4 address
};

static bool dns_parse_addr(const String &str, uint32_t &addr) {
  const char *s = str.data(), *end = s + str.length();
  uint32_t a = 0;
  for (int i = 0; i < 4; i++) {
    uint32_t part = 0;
    const char *start = s;
    while (s < end && *s >= '0' && *s <= '9' && part <= 255)
      part = part * 10 + (*s++ - '0');
    if (s == start || part > 255)
      return false;
    a = (a << 8) | part;
    if (i < 3 && (s == end || *s++ != '.'))
      return false;
  }
  addr = htonl(a);
  return s == end;
}

// ---------------------------------------------------------------------------
// DNSClassifier: IPv4/UDP sanity checks on Ethernet frames, then
// output 0: queries to the proxy, output 1: upstream responses,
// output 2 (optional): everything else.

class DNSClassifier : public Element {
public:
  DNSClassifier()
      : _proxy_addr(0), _server_addr(0), _queries(0), _responses(0), _other(0),
        _bad(0) {}

  const char *class_name() const override { return "DNSClassifier"; }
  const char *port_count() const override { return "1/2-3"; }
  int configure(Vector<String> &conf, ErrorHandler *errh) override;

  void push(int port, Packet *p) override;

private:
  uint32_t _proxy_addr;
  uint32_t _server_addr;
  uint64_t _queries;
  uint64_t _responses;
  uint64_t _other;
  uint64_t _bad;

  const click_udp *check_udp(Packet *p);
};

int DNSClassifier::configure(Vector<String> &conf, ErrorHandler *errh) {
  // DNSClassifier(PROXY_ADDR, SERVER_ADDR)
  if (conf.size() != 2 || !dns_parse_addr(conf[0], _proxy_addr) ||
      !dns_parse_addr(conf[1], _server_addr))
    return errh->error("expected PROXY_ADDR, SERVER_ADDR");
  return 0;
}

// Validates the IPv4 header after the Ethernet header and the UDP header;
// annotates the IP header. Returns the UDP header or null.
const click_udp *DNSClassifier::check_udp(Packet *p) {
  const unsigned off = 14;
  if (p->length() < off + sizeof(click_ip) + sizeof(click_udp))
    return 0;
  const click_ip *iph = reinterpret_cast<const click_ip *>(p->data() + off);
  unsigned avail = p->length() - off;
  unsigned hlen = iph->ip_hl << 2;
  unsigned len = ntohs(iph->ip_len);
  if (iph->ip_v != 4 || hlen < sizeof(click_ip) || len < hlen || len > avail ||
      hlen + sizeof(click_udp) > len)
    return 0;
  if (iph->ip_p != IP_PROTO_UDP || (ntohs(iph->ip_off) & (IP_MF | IP_OFFMASK)))
    return 0;
  if (click_in_cksum(reinterpret_cast<const unsigned char *>(iph), hlen) != 0)
    return 0;
  const click_udp *udph =
      reinterpret_cast<const click_udp *>(p->data() + off + hlen);
  unsigned ulen = ntohs(udph->uh_ulen);
  if (ulen < sizeof(click_udp) || ulen > len - hlen)
    return 0;
  if (avail > len)
    p->take(avail - len); // link-layer padding
  p->set_ip_header(iph, hlen);
  return udph;
}

void DNSClassifier::push(int, Packet *p) {
  const click_udp *udph = check_udp(p);
  if (!udph) {
    _bad++;
    p->kill();
    return;
  }
  const click_ip *iph = p->ip_header();
  if (udph->uh_dport == htons(DNS_PORT) && iph->ip_dst.s_addr == _proxy_addr) {
    _queries++;
    output(0).push(p);
  } else if (udph->uh_sport == htons(DNS_PORT) &&
             iph->ip_src.s_addr == _server_addr &&
             iph->ip_dst.s_addr == _proxy_addr) {
    _responses++;
    output(1).push(p);
  } else {
    _other++;
    checked_output_push(2, p);
  }
}

// ---------------------------------------------------------------------------
// DNSProxy. Input 0: queries from clients; input 1: responses from the
// upstream resolver. Output 0: to clients; output 1: to the upstream.

// Cache key: lower-cased wire-format question name plus query type, in a
// fixed-size buffer so that the cache can live in fixed-capacity memory.
struct DNSKey {
  enum { MAX_WIRE = 96 };
  uint16_t qtype;
  uint16_t len; // bytes of name used, including the root label
  uint8_t name[MAX_WIRE];

  hashcode_t hashcode() const {
    return String::hashcode(reinterpret_cast<const char *>(name),
                            reinterpret_cast<const char *>(name) + len) ^
           qtype;
  }
  bool operator==(const DNSKey &o) const {
    return qtype == o.qtype && len == o.len && memcmp(name, o.name, len) == 0;
  }
};

struct DNSCacheEntry {
  uint32_t addr;    // network order; 0 for a negative entry
  uint32_t expires; // seconds
  uint16_t rcode;   // DNS_NOERROR or DNS_NXDOMAIN
};

struct DNSPending {
  uint32_t client_addr;
  uint32_t sent;
  uint16_t client_port;
  uint16_t client_id;
  uint16_t upstream_id;
  uint8_t used;
};

class DNSProxy : public Element {
public:
  DNSProxy();

  const char *class_name() const override { return "DNSProxy"; }
  const char *port_count() const override { return "2/2"; }
  int configure(Vector<String> &conf, ErrorHandler *errh) override;

  void push(int port, Packet *p) override;

  enum {
    NPENDING = 256,
    PENDING_TIMEOUT = 5,
    MAX_TTL = 3600,
    NEGATIVE_TTL = 60,
    MAX_ANSWERS = 16
  };
  enum ParseResult { PARSE_OK, PARSE_BAD, PARSE_UNCACHEABLE };

private:
  uint32_t _proxy_addr;
  uint32_t _server_addr;
  uint16_t _upstream_port;
  HashTable<DNSKey, DNSCacheEntry> _cache;
  DNSPending _pending[NPENDING];
  uint16_t _next_id;
  uint64_t _hits;
  uint64_t _misses;
  uint64_t _relayed;
  uint64_t _unsolicited;
  uint64_t _malformed;
  uint64_t _cache_full;
  uint64_t _pending_full;

  static int parse_question(const uint8_t *msg, const uint8_t *end, DNSKey &key,
                            unsigned &qend);
  static const uint8_t *skip_name(const uint8_t *p, const uint8_t *end);
  static void finish_udp(WritablePacket *q, unsigned dns_len);

  void handle_query(Packet *p, uint32_t now);
  void handle_response(Packet *p, uint32_t now);
  void answer_from_cache(Packet *p, const DNSCacheEntry &e, unsigned qend,
                         uint32_t now);
  void forward_query(Packet *p, uint32_t now);
  void cache_response(const uint8_t *msg, const uint8_t *end, unsigned qend,
                      const DNSKey &key, uint32_t now);
};

DNSProxy::DNSProxy()
    : _proxy_addr(0), _server_addr(0), _upstream_port(5353), _next_id(1),
      _hits(0), _misses(0), _relayed(0), _unsolicited(0), _malformed(0),
      _cache_full(0), _pending_full(0) {
  memset(_pending, 0, sizeof(_pending));
}

int DNSProxy::configure(Vector<String> &conf, ErrorHandler *errh) {
  // DNSProxy(PROXY_ADDR, SERVER_ADDR)
  if (conf.size() != 2 || !dns_parse_addr(conf[0], _proxy_addr) ||
      !dns_parse_addr(conf[1], _server_addr))
    return errh->error("expected PROXY_ADDR, SERVER_ADDR");
  return 0;
}

// Parses the single question of a message into a cache key. Every read is
// bounds-checked against end; compression is not allowed in the question.
// qend receives the offset just after QTYPE/QCLASS.
int DNSProxy::parse_question(const uint8_t *msg, const uint8_t *end,
                             DNSKey &key, unsigned &qend) {
  const uint8_t *p = msg + sizeof(click_dns);
  unsigned n = 0;
  bool fits = true;
  while (true) {
    if (p >= end)
      return PARSE_BAD;
    unsigned l = *p++;
    if (l == 0)
      break;
    if (l & 0xC0)
      return PARSE_BAD;
    if (p + l > end)
      return PARSE_BAD;
    if (n + l + 2 > DNSKey::MAX_WIRE)
      fits = false;
    if (fits) {
      key.name[n++] = l;
      for (unsigned i = 0; i < l; i++) {
        uint8_t c = p[i];
        if (c >= 'A' && c <= 'Z')
          c += 'a' - 'A';
        key.name[n++] = c;
      }
    }
    p += l;
  }
  if (p + 4 > end)
    return PARSE_BAD;
  uint16_t qtype = (p[0] << 8) | p[1];
  uint16_t qclass = (p[2] << 8) | p[3];
  qend = p + 4 - msg;
  if (!fits || qclass != DNS_CLASS_IN)
    return PARSE_UNCACHEABLE;
  key.name[n++] = 0;
  memset(key.name + n, 0, DNSKey::MAX_WIRE - n);
  key.len = n;
  key.qtype = qtype;
  return PARSE_OK;
}

// Skips a possibly compressed name in a resource record.
const uint8_t *DNSProxy::skip_name(const uint8_t *p, const uint8_t *end) {
  while (p < end) {
    unsigned l = *p;
    if (l == 0)
      return p + 1;
    if ((l & 0xC0) == 0xC0)
      return p + 2 <= end ? p + 2 : 0;
    if (l & 0xC0)
      return 0;
    p += l + 1;
  }
  return 0;
}

// Sets the IP and UDP lengths for a DNS message of dns_len bytes and
// recomputes both checksums.
void DNSProxy::finish_udp(WritablePacket *q, unsigned dns_len) {
  click_ip *iph = q->ip_header();
  click_udp *udph = q->udp_header();
  unsigned hlen = iph->ip_hl << 2;
  unsigned ulen = sizeof(click_udp) + dns_len;
  iph->ip_len = htons(hlen + ulen);
  iph->ip_sum = 0;
  iph->ip_sum =
      click_in_cksum(reinterpret_cast<const unsigned char *>(iph), hlen);
  udph->uh_ulen = htons(ulen);
  udph->uh_sum = 0;
  unsigned csum =
      click_in_cksum(reinterpret_cast<const unsigned char *>(udph), ulen);
  udph->uh_sum = click_in_cksum_pseudohdr(csum, iph, ulen);
  if (udph->uh_sum == 0)
    udph->uh_sum = 0xFFFF;
}

void DNSProxy::answer_from_cache(Packet *p, const DNSCacheEntry &e,
                                 unsigned qend, uint32_t now) {
  WritablePacket *q = p->uniqueify();
  if (!q)
    return;
  // Keep header and question, drop any further records (e.g. EDNS OPT),
  // then make room for the answer.
  const uint8_t *msg = reinterpret_cast<const uint8_t *>(q->udp_header() + 1);
  unsigned have = q->end_data() - msg;
  if (have > qend)
    q->take(have - qend);
  unsigned alen = e.rcode == DNS_NOERROR ? (unsigned)DNS_ANSWER_A : 0;
  if (alen && !(q = q->put(alen)))
    return;

  click_ip *iph = q->ip_header();
  click_udp *udph = q->udp_header();
  click_dns *dns = reinterpret_cast<click_dns *>(udph + 1);
  uint8_t *ans = reinterpret_cast<uint8_t *>(dns) + qend;
  if (alen) {
    uint32_t ttl = e.expires - now;
    ans[0] = 0xC0; // pointer to the question name at offset 12
    ans[1] = sizeof(click_dns);
    ans[2] = 0;
    ans[3] = DNS_TYPE_A;
    ans[4] = 0;
    ans[5] = DNS_CLASS_IN;
    ans[6] = ttl >> 24;
    ans[7] = ttl >> 16;
    ans[8] = ttl >> 8;
    ans[9] = ttl;
    ans[10] = 0;
    ans[11] = 4;
    memcpy(ans + 12, &e.addr, 4);
  }
  uint16_t flags = ntohs(dns->flags);
  flags = DNS_QR | (flags & (DNS_OPCODE | DNS_RD)) | DNS_RA | e.rcode;
  dns->flags = htons(flags);
  dns->ancount = htons(alen ? 1 : 0);
  dns->nscount = 0;
  dns->arcount = 0;

  // Back to the client: swap addresses and ports.
  struct in_addr a = iph->ip_src;
  iph->ip_src = iph->ip_dst;
  iph->ip_dst = a;
  iph->ip_ttl = 64;
  uint16_t port = udph->uh_sport;
  udph->uh_sport = udph->uh_dport;
  udph->uh_dport = port;
  finish_udp(q, qend + alen);
  _hits++;
  output(0).push(q);
}

void DNSProxy::forward_query(Packet *p, uint32_t now) {
  uint16_t id = _next_id++;
  if (_next_id == 0)
    _next_id = 1;
  DNSPending &pe = _pending[id % NPENDING];
  if (pe.used && now - pe.sent < PENDING_TIMEOUT) {
    _pending_full++;
    p->kill();
    return;
  }
  WritablePacket *q = p->uniqueify();
  if (!q)
    return;
  click_ip *iph = q->ip_header();
  click_udp *udph = q->udp_header();
  click_dns *dns = reinterpret_cast<click_dns *>(udph + 1);
  pe.client_addr = iph->ip_src.s_addr;
  pe.client_port = udph->uh_sport;
  pe.client_id = dns->id;
  pe.upstream_id = id;
  pe.sent = now;
  pe.used = 1;

  dns->id = htons(id);
  iph->ip_src.s_addr = _proxy_addr;
  iph->ip_dst.s_addr = _server_addr;
  udph->uh_sport = htons(_upstream_port);
  udph->uh_dport = htons(DNS_PORT);
  finish_udp(q, ntohs(udph->uh_ulen) - sizeof(click_udp));
  _misses++;
  output(1).push(q);
}

void DNSProxy::handle_query(Packet *p, uint32_t now) {
  const click_udp *udph = p->udp_header();
  const uint8_t *msg = reinterpret_cast<const uint8_t *>(udph + 1);
  const uint8_t *end = msg + (ntohs(udph->uh_ulen) - sizeof(click_udp));
  if (end - msg < (long)sizeof(click_dns)) {
    _malformed++;
    p->kill();
    return;
  }
  const click_dns *dns = reinterpret_cast<const click_dns *>(msg);
  uint16_t flags = ntohs(dns->flags);
  if ((flags & (DNS_QR | DNS_OPCODE)) != 0 || ntohs(dns->qdcount) != 1 ||
      dns->ancount != 0) {
    _malformed++;
    p->kill();
    return;
  }
  DNSKey key;
  unsigned qend = 0;
  int r = parse_question(msg, end, key, qend);
  if (r == PARSE_BAD) {
    _malformed++;
    p->kill();
    return;
  }
  if (r == PARSE_OK) {
    HashTable<DNSKey, DNSCacheEntry>::iterator it = _cache.find(key);
    if (it.live()) {
      if ((int32_t)(it.value().expires - now) > 0) {
        DNSCacheEntry e = it.value();
        answer_from_cache(p, e, qend, now);
        return;
      }
      _cache.erase(key); // stale
    }
  }
  forward_query(p, now);
}

// Caches the first IN A answer (following a CNAME chain's TTLs) or an
// NXDOMAIN for the question.
void DNSProxy::cache_response(const uint8_t *msg, const uint8_t *end,
                              unsigned qend, const DNSKey &key, uint32_t now) {
  const click_dns *dns = reinterpret_cast<const click_dns *>(msg);
  uint16_t rcode = ntohs(dns->flags) & DNS_RCODE;
  DNSCacheEntry e;
  e.addr = 0;
  e.rcode = rcode;
  if (rcode == DNS_NXDOMAIN)
    e.expires = now + NEGATIVE_TTL;
  else if (rcode == DNS_NOERROR && key.qtype == DNS_TYPE_A) {
    const uint8_t *p = msg + qend;
    unsigned n = ntohs(dns->ancount);
    uint32_t ttl = MAX_TTL;
    bool found = false;
    for (unsigned i = 0; i < n && i < MAX_ANSWERS && !found; i++) {
      p = skip_name(p, end);
      if (!p || p + DNS_RR_FIXED > end)
        return;
      uint16_t type = (p[0] << 8) | p[1];
      uint16_t cls = (p[2] << 8) | p[3];
      uint32_t rr_ttl = (p[4] << 24) | (p[5] << 16) | (p[6] << 8) | p[7];
      uint16_t rdlen = (p[8] << 8) | p[9];
      p += DNS_RR_FIXED;
      if (p + rdlen > end)
        return;
      if (cls == DNS_CLASS_IN && (type == DNS_TYPE_A || type == DNS_TYPE_CNAME))
        if (rr_ttl < ttl)
          ttl = rr_ttl;
      if (cls == DNS_CLASS_IN && type == DNS_TYPE_A && rdlen == 4) {
        memcpy(&e.addr, p, 4);
        found = true;
      }
      p += rdlen;
    }
    if (!found || ttl == 0)
      return;
    e.expires = now + ttl;
  } else
    return;
  if (!_cache.set(key, e))
    _cache_full++;
}

void DNSProxy::handle_response(Packet *p, uint32_t now) {
  const click_udp *udph = p->udp_header();
  const uint8_t *msg = reinterpret_cast<const uint8_t *>(udph + 1);
  const uint8_t *end = msg + (ntohs(udph->uh_ulen) - sizeof(click_udp));
  if (end - msg < (long)sizeof(click_dns) ||
      udph->uh_dport != htons(_upstream_port)) {
    _malformed++;
    p->kill();
    return;
  }
  const click_dns *dns = reinterpret_cast<const click_dns *>(msg);
  uint16_t flags = ntohs(dns->flags);
  uint16_t id = ntohs(dns->id);
  DNSPending &pe = _pending[id % NPENDING];
  if (!(flags & DNS_QR) || !pe.used || pe.upstream_id != id) {
    _unsolicited++;
    p->kill();
    return;
  }
  DNSKey key;
  unsigned qend = 0;
  int r = PARSE_BAD;
  if (ntohs(dns->qdcount) == 1)
    r = parse_question(msg, end, key, qend);
  if (r == PARSE_BAD) {
    pe.used = 0;
    _malformed++;
    p->kill();
    return;
  }
  if (r == PARSE_OK && !(flags & DNS_TC))
    cache_response(msg, end, qend, key, now);

  WritablePacket *q = p->uniqueify();
  if (!q) {
    pe.used = 0;
    return;
  }
  click_ip *iph = q->ip_header();
  click_udp *wudph = q->udp_header();
  click_dns *wdns = reinterpret_cast<click_dns *>(wudph + 1);
  wdns->id = pe.client_id;
  iph->ip_src.s_addr = _proxy_addr;
  iph->ip_dst.s_addr = pe.client_addr;
  wudph->uh_sport = htons(DNS_PORT);
  wudph->uh_dport = pe.client_port;
  finish_udp(q, ntohs(wudph->uh_ulen) - sizeof(click_udp));
  pe.used = 0;
  _relayed++;
  output(0).push(q);
}

void DNSProxy::push(int port, Packet *p) {
  uint32_t now = p->timestamp_anno().sec();
  if (port == 0)
    handle_query(p, now);
  else
    handle_response(p, now);
}

// ---------------------------------------------------------------------------
// Factory for clara-replay: DNSClassifier -> DNSProxy (queries on input 0,
// upstream responses on input 1), proxy address 10.0.0.53, upstream
// resolver 192.0.2.53. Both DNSProxy outputs and the classifier's "other"
// output go to the framework's sink. config, if given, replaces
// "PROXY_ADDR, SERVER_ADDR" for both elements.

#include <click/clara.hh>

extern "C" Element *clara_nf_create(const char *config) {
  DNSClassifier *cls = new DNSClassifier;
  DNSProxy *proxy = new DNSProxy;
  String conf =
      config && *config ? String(config) : String("10.0.0.53, 192.0.2.53");
  if (clara_element_setup(cls, conf, 1, 3) < 0 ||
      clara_element_setup(proxy, conf, 2, 2) < 0 ||
      clara_connect(cls, 0, proxy, 0) < 0 ||
      clara_connect(cls, 1, proxy, 1) < 0) {
    delete cls;
    delete proxy;
    return 0;
  }
  return cls;
}
