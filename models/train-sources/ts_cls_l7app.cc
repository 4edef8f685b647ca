// Training source for the instruction models (models/README.md): an
// application identifier with fallbacks. It binary-searches a sorted
// well-known-port table (server port = the lower of the two, else the
// destination), then a port-range table, then peeks at the first payload
// bytes for signatures (HTTP methods, TLS records, SSH banners, DNS header
// shape, BitTorrent handshake), and finally guesses "ephemeral to
// ephemeral". The application id goes to the aggregate annotation; bytes
// are accounted per application and per category output.
// Written for training only; not part of the NF corpus.
#include <click/clara.hh>
#include <click/config.h>
#include <click/element.hh>
#include <click/packet.hh>
#include <click/packet_anno.hh>
#include <clicknet/ip.h>
#include <clicknet/tcp.h>
#include <clicknet/udp.h>

enum AppId {
  APP_UNKNOWN = 0,
  APP_HTTP,
  APP_TLS,
  APP_SSH,
  APP_DNS,
  APP_NTP,
  APP_SMTP,
  APP_RTP,
  APP_P2P,
  APP_DB,
  APP_COUNT
};

// Categories = outputs: 0 web, 1 interactive/infra, 2 bulk, 3 unknown.
static const uint8_t app_category[APP_COUNT] = {3, 0, 0, 1, 1, 1, 2, 1, 2, 2};

struct PortApp {
  uint16_t port;
  uint8_t proto;
  uint8_t app;
};

struct RangeApp {
  uint16_t lo, hi;
  uint8_t app;
};

static const PortApp well_known[] = {
    {22, IP_PROTO_TCP, APP_SSH},   {25, IP_PROTO_TCP, APP_SMTP},
    {53, IP_PROTO_TCP, APP_DNS},   {53, IP_PROTO_UDP, APP_DNS},
    {80, IP_PROTO_TCP, APP_HTTP},  {123, IP_PROTO_UDP, APP_NTP},
    {443, IP_PROTO_TCP, APP_TLS},  {443, IP_PROTO_UDP, APP_TLS},
    {587, IP_PROTO_TCP, APP_SMTP}, {853, IP_PROTO_TCP, APP_DNS},
    {3306, IP_PROTO_TCP, APP_DB},  {5432, IP_PROTO_TCP, APP_DB},
    {6379, IP_PROTO_TCP, APP_DB},  {8080, IP_PROTO_TCP, APP_HTTP},
    {8443, IP_PROTO_TCP, APP_TLS},
};

static const RangeApp ranges[] = {
    {6881, 6889, APP_P2P},
    {16384, 32767, APP_RTP},
    {51413, 51413, APP_P2P},
};

class TrainL7App : public Element {
public:
  TrainL7App() : _by_port(0), _by_range(0), _by_payload(0), _guessed(0) {
    for (int i = 0; i < APP_COUNT; ++i)
      _bytes[i] = 0;
  }
  const char *class_name() const override { return "TrainL7App"; }
  const char *port_count() const override { return "1/4"; }
  void push(int port, Packet *p) override;

private:
  static int port_lookup(uint16_t port, uint8_t proto) {
    int lo = 0, hi = (int)(sizeof(well_known) / sizeof(well_known[0])) - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >> 1;
      const PortApp &e = well_known[mid];
      if (e.port == port && e.proto == proto)
        return e.app;
      if (e.port < port || (e.port == port && e.proto < proto))
        lo = mid + 1;
      else
        hi = mid - 1;
    }
    return APP_UNKNOWN;
  }
  static int range_lookup(uint16_t port) {
    for (unsigned i = 0; i < sizeof(ranges) / sizeof(ranges[0]); ++i)
      if (port >= ranges[i].lo && port <= ranges[i].hi)
        return ranges[i].app;
    return APP_UNKNOWN;
  }
  static bool starts_with(const uint8_t *d, uint32_t n, const char *s) {
    uint32_t i = 0;
    for (; s[i]; ++i)
      if (i >= n || d[i] != (uint8_t)s[i])
        return false;
    return true;
  }
  static int payload_lookup(const uint8_t *d, uint32_t n, uint8_t proto);
  static uint16_t server_port(uint16_t sport, uint16_t dport) {
    if (sport < 1024 && dport >= 1024)
      return sport;
    if (dport < 1024 && sport >= 1024)
      return dport;
    return sport < dport ? sport : dport;
  }

  uint64_t _bytes[APP_COUNT];
  uint32_t _by_port, _by_range, _by_payload, _guessed;
};

int TrainL7App::payload_lookup(const uint8_t *d, uint32_t n, uint8_t proto) {
  if (n < 4)
    return APP_UNKNOWN;
  if (proto == IP_PROTO_TCP) {
    switch (d[0]) {
    case 'G':
      return starts_with(d, n, "GET ") ? APP_HTTP : APP_UNKNOWN;
    case 'P':
      return starts_with(d, n, "POST ") || starts_with(d, n, "PUT ")
                 ? APP_HTTP
                 : APP_UNKNOWN;
    case 'H':
      return starts_with(d, n, "HTTP/1.") ? APP_HTTP : APP_UNKNOWN;
    case 'S':
      return starts_with(d, n, "SSH-2.0") ? APP_SSH : APP_UNKNOWN;
    case 0x16: // TLS handshake record, version 3.x
      return d[1] == 3 && d[2] <= 4 ? APP_TLS : APP_UNKNOWN;
    case 19:
      return starts_with(d + 1, n - 1, "BitTorrent") ? APP_P2P : APP_UNKNOWN;
    default:
      return APP_UNKNOWN;
    }
  }
  // UDP: RTP version 2 with a plausible payload type, or a DNS header
  // with one question and no answers.
  if (n >= 12 && (d[0] >> 6) == 2 && (d[1] & 0x7f) < 35)
    return APP_RTP;
  if (n >= 12 && (d[2] & 0x80) == 0 && d[4] == 0 && d[5] == 1 && d[6] == 0 &&
      d[7] == 0)
    return APP_DNS;
  return APP_UNKNOWN;
}

void TrainL7App::push(int, Packet *p) {
  const click_ip *iph = p->ip_header();
  if (!iph || !IP_FIRSTFRAG(iph) ||
      (iph->ip_p != IP_PROTO_TCP && iph->ip_p != IP_PROTO_UDP)) {
    SET_AGGREGATE_ANNO(p, APP_UNKNOWN);
    checked_output_push(3, p);
    return;
  }
  int tlen = p->transport_length();
  uint16_t sport, dport;
  uint32_t hlen;
  if (iph->ip_p == IP_PROTO_TCP) {
    if (tlen < 20)
      goto unknown;
    sport = ntohs(p->tcp_header()->th_sport);
    dport = ntohs(p->tcp_header()->th_dport);
    hlen = p->tcp_header()->th_off << 2;
  } else {
    if (tlen < 8)
      goto unknown;
    sport = ntohs(p->udp_header()->uh_sport);
    dport = ntohs(p->udp_header()->uh_dport);
    hlen = 8;
  }
  {
    int app = port_lookup(server_port(sport, dport), iph->ip_p);
    if (app != APP_UNKNOWN)
      _by_port++;
    else if ((app = range_lookup(dport)) != APP_UNKNOWN ||
             (app = range_lookup(sport)) != APP_UNKNOWN)
      _by_range++;
    else if (hlen < (uint32_t)tlen &&
             (app = payload_lookup(p->transport_header() + hlen, tlen - hlen,
                                   iph->ip_p)) != APP_UNKNOWN)
      _by_payload++;
    else if (sport >= 49152 && dport >= 49152) {
      app = APP_P2P;
      _guessed++;
    }
    _bytes[app] += ntohs(iph->ip_len);
    SET_AGGREGATE_ANNO(p, (uint32_t)app);
    checked_output_push(app_category[app], p);
    return;
  }
unknown:
  SET_AGGREGATE_ANNO(p, APP_UNKNOWN);
  checked_output_push(3, p);
}

extern "C" Element *clara_nf_create(const char *config) {
  Element *e = new TrainL7App;
  if (clara_element_setup(e, config ? String(config) : String(), 1, 4) < 0)
    return 0;
  return e;
}
