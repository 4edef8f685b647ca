// Training source for the instruction models (models/README.md): a DNS
// reflection/amplification filter at a site edge: outgoing queries from the
// inside prefix are remembered by (client, port, transaction id) with their
// size and QTYPE; a response is passed only when it answers a pending
// query, is not much larger than allowed for its QTYPE, and the client's
// response bytes in the current second stay under a budget.
// Written for training only; not part of the NF corpus.
#include <click/clara.hh>
#include <click/config.h>
#include <click/element.hh>
#include <click/hashtable.hh>
#include <click/packet.hh>
#include <click/packet_anno.hh>
#include <clicknet/ip.h>
#include <clicknet/udp.h>

enum { DNS_HDR = 12, QT_ANY = 255, QT_TXT = 16, QT_DNSKEY = 48, QT_A = 1 };

struct PendingQuery {
  uint32_t sent_ms;
  uint16_t qsize;
  uint16_t qtype;
  uint8_t edns; // query carried an OPT record
};

struct ClientBudget {
  uint32_t second;
  uint32_t bytes;
  uint16_t unsolicited;
};

static uint16_t rd16(const uint8_t *b) { return (uint16_t)(b[0] << 8 | b[1]); }

class TrainDnsAmp : public Element {
public:
  enum { TIMEOUT_MS = 3000 };
  TrainDnsAmp()
      : _inside(0x0a000000u), _inside_mask(0xff000000u), _byte_budget(20000),
        _queries(0), _answered(0), _unsolicited(0), _amplified(0),
        _overbudget(0), _malformed(0) {}
  const char *class_name() const override { return "TrainDnsAmp"; }
  const char *port_count() const override { return "1/2"; }
  const char *processing() const override { return PUSH; }
  void push(int port, Packet *p) override;

private:
  static uint64_t key(uint32_t client, uint16_t port, uint16_t txid) {
    return (uint64_t)client << 32 | (uint32_t)port << 16 | txid;
  }
  int question_end(const uint8_t *dns, int len) const;
  bool parse_query(const uint8_t *dns, int len, uint16_t *qtype) const;
  uint32_t max_ratio(uint16_t qtype, bool edns) const;
  bool over_budget(uint32_t client, uint32_t second, uint32_t bytes);
  bool inside(uint32_t a) const { return (a & _inside_mask) == _inside; }
  int handle_query(const click_ip *iph, const click_udp *uh, int len,
                   uint32_t now);
  int handle_response(const click_ip *iph, const click_udp *uh, int len,
                      uint32_t now);

  HashTable<uint64_t, PendingQuery, 1024, 4> _pending;
  HashTable<uint32_t, ClientBudget, 256, 4> _budget;
  uint32_t _inside, _inside_mask, _byte_budget;
  uint64_t _queries, _answered, _unsolicited, _amplified, _overbudget,
      _malformed;
};

// Offset just past the first question (name, type, class), or -1.
int TrainDnsAmp::question_end(const uint8_t *dns, int len) const {
  int pos = DNS_HDR;
  for (int labels = 0; labels < 64; ++labels) {
    if (pos >= len)
      return -1;
    uint8_t l = dns[pos];
    if (l == 0)
      return pos + 5 <= len ? pos + 5 : -1;
    if ((l & 0xc0) == 0xc0) // compression pointer ends the name
      return pos + 6 <= len ? pos + 6 : -1;
    if (l & 0xc0)
      return -1;
    pos += 1 + l;
  }
  return -1;
}

bool TrainDnsAmp::parse_query(const uint8_t *dns, int len,
                              uint16_t *qtype) const {
  if (len < DNS_HDR + 5)
    return false;
  uint16_t flags = rd16(dns + 2);
  if (flags & 0x8000 || ((flags >> 11) & 0xf) != 0)
    return false; // a response, or not a standard query
  if (rd16(dns + 4) != 1)
    return false;
  int end = question_end(dns, len);
  if (end < 0)
    return false;
  *qtype = rd16(dns + end - 4);
  return true;
}

uint32_t TrainDnsAmp::max_ratio(uint16_t qtype, bool edns) const {
  uint32_t r;
  switch (qtype) {
  case QT_ANY:
    r = 4;
    break;
  case QT_TXT:
  case QT_DNSKEY:
    r = 12;
    break;
  case QT_A:
  case 28: // AAAA
    r = 8;
    break;
  default:
    r = 10;
  }
  return edns ? r * 3 : r;
}

bool TrainDnsAmp::over_budget(uint32_t client, uint32_t second,
                              uint32_t bytes) {
  ClientBudget *b = _budget.get_pointer(client);
  if (!b) {
    ClientBudget fresh = {second, 0, 0};
    if (!_budget.insert(client, fresh))
      return false; // table full: fail open
    b = _budget.get_pointer(client);
  }
  if (b->second != second) {
    // Carry a quarter of a heavy second into the next one.
    b->bytes = second - b->second == 1 ? b->bytes >> 2 : 0;
    b->second = second;
  }
  b->bytes += bytes;
  return b->bytes > _byte_budget;
}

int TrainDnsAmp::handle_query(const click_ip *iph, const click_udp *uh, int len,
                              uint32_t now) {
  const uint8_t *dns = reinterpret_cast<const uint8_t *>(uh + 1);
  uint16_t qtype;
  if (!parse_query(dns, len, &qtype)) {
    _malformed++;
    return 0;
  }
  PendingQuery q;
  q.sent_ms = now;
  q.qsize = (uint16_t)len;
  q.qtype = qtype;
  q.edns = rd16(dns + 10) > 0; // additional records: assume OPT
  uint64_t k = key(ntohl(iph->ip_src.s_addr), ntohs(uh->uh_sport), rd16(dns));
  _pending.set(k, q);
  _queries++;
  return 0;
}

int TrainDnsAmp::handle_response(const click_ip *iph, const click_udp *uh,
                                 int len, uint32_t now) {
  const uint8_t *dns = reinterpret_cast<const uint8_t *>(uh + 1);
  uint32_t client = ntohl(iph->ip_dst.s_addr);
  if (len < DNS_HDR || !(rd16(dns + 2) & 0x8000)) {
    _malformed++;
    return 1;
  }
  uint64_t k = key(client, ntohs(uh->uh_dport), rd16(dns));
  PendingQuery *q = _pending.get_pointer(k);
  if (!q || now - q->sent_ms > TIMEOUT_MS) {
    if (q)
      _pending.erase(k);
    _unsolicited++;
    ClientBudget *b = _budget.get_pointer(client);
    if (b && b->unsolicited != 0xffff)
      b->unsolicited++;
    return 1;
  }
  uint32_t ratio = (uint32_t)len / (q->qsize ? q->qsize : 1);
  bool amplified = ratio > max_ratio(q->qtype, q->edns);
  _pending.erase(k);
  if (amplified) {
    _amplified++;
    return 1;
  }
  if (over_budget(client, now / 1000, (uint32_t)len)) {
    _overbudget++;
    return 1;
  }
  _answered++;
  return 0;
}

void TrainDnsAmp::push(int, Packet *p) {
  const click_ip *iph = p->ip_header();
  if (!p->has_transport_header() || iph->ip_p != IP_PROTO_UDP ||
      IP_ISFRAG(iph) || p->transport_length() < (int)sizeof(click_udp)) {
    output(0).push(p);
    return;
  }
  const click_udp *uh = p->udp_header();
  int len = p->transport_length() - (int)sizeof(click_udp);
  int ulen = ntohs(uh->uh_ulen) - (int)sizeof(click_udp);
  if (ulen >= 0 && ulen < len)
    len = ulen; // Ethernet padding
  const Timestamp &ts = p->timestamp_anno();
  uint32_t now = (uint32_t)((uint64_t)ts.sec() * 1000 + ts.msec());
  int verdict = 0;
  if (uh->uh_dport == htons(53) && inside(ntohl(iph->ip_src.s_addr)))
    verdict = handle_query(iph, uh, len, now);
  else if (uh->uh_sport == htons(53) && inside(ntohl(iph->ip_dst.s_addr)))
    verdict = handle_response(iph, uh, len, now);
  if (verdict) {
    SET_PAINT_ANNO(p, (uint8_t)verdict);
    output(1).push(p);
  } else
    output(0).push(p);
}

extern "C" Element *clara_nf_create(const char *config) {
  Element *e = new TrainDnsAmp;
  if (clara_element_setup(e, config ? String(config) : String(), 1, 2) < 0)
    return 0;
  return e;
}
