// Training source for the instruction models (models/README.md):
// captive-portal redirect: HTTP connections (SYN to port 80) from clients that
// have not logged in are redirected to the portal by rewriting destination
// address and port, with a per-connection table so the portal's replies are
// rewritten back to look like the original server; DNS/DHCP and walled-garden
// hosts stay reachable, everything else from unauthenticated clients is
// dropped, and a client becomes authorized when the portal's response carries
// the login marker header, until its session expires. Written for training
// only; not part of the NF corpus.
#include <click/clara.hh>
#include <click/config.h>
#include <click/element.hh>
#include <click/args.hh>
#include <click/hashtable.hh>
#include <click/ipflowid.hh>
#include <click/packet.hh>
#include <click/packet_anno.hh>
#include <click/vector.hh>
#include <clicknet/ip.h>
#include <clicknet/tcp.h>
#include <clicknet/udp.h>

namespace {

struct AuthSession {
  uint32_t expires_s;
  uint32_t last_seen_s;
  uint64_t bytes;
};

struct Redirect {
  uint32_t orig_dst; // network order
  uint16_t orig_dport; // network order
  uint8_t fin_seen;
  uint8_t pad;
  uint32_t last_s;
};

const char login_marker[] = "X-Portal-Auth: ok";

} // namespace

class MidCaptivePortal : public Element {
public:
  enum { OUT_PASS = 0, OUT_DROP = 1 };
  enum { REDIRECT_IDLE_S = 60, IDLE_LOGOUT_S = 900 };

  MidCaptivePortal()
      : _portal(htonl(0xc0a800fau)), _portal_port(htons(8080)),
        _client_net(0x0a000000u), _client_mask(0xffff0000u),
        _session_s(3600), _redirected(0), _restored(0), _logins(0),
        _garden(0), _dropped(0) {
    _walled_garden.push_back(htonl(0xc0a800fbu)); // payment gateway
    _walled_garden.push_back(htonl(0xc0a800fcu)); // terms-of-service host
  }

  const char *class_name() const override { return "MidCaptivePortal"; }
  const char *port_count() const override { return PORTS_1_1X2; }
  const char *processing() const override { return PUSH; }

  int configure(Vector<String> &conf, ErrorHandler *errh) override {
    IPAddress portal(_portal), net(htonl(_client_net)),
        mask(htonl(_client_mask));
    uint16_t pport = ntohs(_portal_port);
    if (Args(conf, this, errh)
            .read("PORTAL", portal)
            .read("PORTAL_PORT", pport)
            .read("CLIENTS", IPPrefixArg(), net, mask)
            .read("SESSION", _session_s)
            .complete() < 0)
      return -1;
    _portal = portal.addr();
    _portal_port = htons(pport);
    _client_mask = ntohl(mask.addr());
    _client_net = ntohl(net.addr()) & _client_mask;
    return 0;
  }

  void push(int, Packet *p) override;

private:
  bool is_client(uint32_t a) const {
    return (ntohl(a) & _client_mask) == _client_net;
  }
  bool from_portal(const click_ip *iph, uint16_t sport) const {
    return iph->ip_src.s_addr == _portal && sport == _portal_port;
  }
  bool in_garden(uint32_t dst) const {
    if (dst == _portal)
      return true;
    for (int i = 0; i < _walled_garden.size(); ++i)
      if (_walled_garden[i] == dst)
        return true;
    return false;
  }
  static bool infrastructure(uint8_t proto, uint16_t dport) {
    uint16_t d = ntohs(dport);
    if (d == 53)
      return proto == IP_PROTO_UDP || proto == IP_PROTO_TCP;
    return proto == IP_PROTO_UDP && (d == 67 || d == 68);
  }
  static bool is_syn(const click_tcp *th) {
    return (th->th_flags & (TH_SYN | TH_ACK | TH_RST)) == TH_SYN;
  }

  bool authorized(uint32_t client, uint32_t now_s, uint32_t bytes);
  static bool payload_has_marker(const uint8_t *data, int len);
  static void rewrite_addr(click_ip *iph, uint16_t *l4sum, struct in_addr *field,
                           uint32_t value);
  static void rewrite_port(uint16_t *l4sum, uint16_t *field, uint16_t value);
  Packet *redirect_to_portal(Packet *p, Redirect *r);
  Packet *restore_from_portal(Packet *p, const Redirect *r);
  void handle_client(Packet *p, const click_ip *iph, const uint8_t *l4,
                     int l4len, uint32_t now_s);
  void handle_portal(Packet *p, const click_ip *iph, const uint8_t *l4,
                     int l4len, uint32_t now_s);

  HashTable<uint32_t, AuthSession, 256, 4> _auth;
  HashTable<IPFlowID, Redirect, 512, 4> _redirects;
  Vector<uint32_t> _walled_garden;
  uint32_t _portal;
  uint16_t _portal_port;
  uint32_t _client_net, _client_mask, _session_s;
  uint64_t _redirected, _restored, _logins, _garden, _dropped;
};

bool MidCaptivePortal::authorized(uint32_t client, uint32_t now_s,
                                  uint32_t bytes) {
  AuthSession *s = _auth.get_pointer(client);
  if (!s)
    return false;
  if ((int32_t)(now_s - s->expires_s) >= 0 ||
      now_s - s->last_seen_s > IDLE_LOGOUT_S) {
    _auth.erase(client);
    return false;
  }
  s->last_seen_s = now_s;
  s->bytes += bytes;
  return true;
}

bool MidCaptivePortal::payload_has_marker(const uint8_t *data, int len) {
  const int mlen = (int)sizeof(login_marker) - 1;
  for (int i = 0; i + mlen <= len; ++i) {
    if (data[i] != 'X')
      continue;
    int j = 1;
    while (j < mlen && data[i + j] == (uint8_t)login_marker[j])
      ++j;
    if (j == mlen)
      return true;
  }
  return false;
}

void MidCaptivePortal::rewrite_addr(click_ip *iph, uint16_t *l4sum,
                                    struct in_addr *field, uint32_t value) {
  uint32_t old = field->s_addr;
  if (old == value)
    return;
  field->s_addr = value;
  uint16_t oh = (uint16_t)(old >> 16), ol = (uint16_t)old;
  uint16_t nh = (uint16_t)(value >> 16), nl = (uint16_t)value;
  click_update_in_cksum(&iph->ip_sum, oh, nh);
  click_update_in_cksum(&iph->ip_sum, ol, nl);
  click_update_in_cksum(l4sum, oh, nh);
  click_update_in_cksum(l4sum, ol, nl);
}

void MidCaptivePortal::rewrite_port(uint16_t *l4sum, uint16_t *field,
                                    uint16_t value) {
  if (*field == value)
    return;
  click_update_in_cksum(l4sum, *field, value);
  *field = value;
}

Packet *MidCaptivePortal::redirect_to_portal(Packet *p, Redirect *r) {
  WritablePacket *q = p->uniqueify();
  if (!q)
    return 0;
  click_ip *iph = q->ip_header();
  click_tcp *th = q->tcp_header();
  r->orig_dst = iph->ip_dst.s_addr;
  r->orig_dport = th->th_dport;
  rewrite_addr(iph, &th->th_sum, &iph->ip_dst, _portal);
  rewrite_port(&th->th_sum, &th->th_dport, _portal_port);
  q->set_dst_ip_anno(IPAddress(_portal));
  return q;
}

Packet *MidCaptivePortal::restore_from_portal(Packet *p, const Redirect *r) {
  WritablePacket *q = p->uniqueify();
  if (!q)
    return 0;
  click_ip *iph = q->ip_header();
  click_tcp *th = q->tcp_header();
  rewrite_addr(iph, &th->th_sum, &iph->ip_src, r->orig_dst);
  rewrite_port(&th->th_sum, &th->th_sport, r->orig_dport);
  return q;
}

void MidCaptivePortal::handle_client(Packet *p, const click_ip *iph,
                                     const uint8_t *l4, int l4len,
                                     uint32_t now_s) {
  uint32_t client = iph->ip_src.s_addr;
  if (authorized(client, now_s, ntohs(iph->ip_len))) {
    output(OUT_PASS).push(p);
    return;
  }
  uint16_t dport = l4len >= 4 ? *reinterpret_cast<const uint16_t *>(l4 + 2) : 0;
  if (infrastructure(iph->ip_p, dport) || in_garden(iph->ip_dst.s_addr)) {
    _garden++;
    output(OUT_PASS).push(p);
    return;
  }
  if (iph->ip_p != IP_PROTO_TCP || l4len < (int)sizeof(click_tcp) ||
      ntohs(dport) != 80) {
    _dropped++;
    output(OUT_DROP).push(p);
    return;
  }
  const click_tcp *th = reinterpret_cast<const click_tcp *>(l4);
  IPFlowID key(IPAddress(client), th->th_sport, IPAddress(_portal),
               _portal_port);
  Redirect *r = _redirects.get_pointer(key);
  if (r && r->orig_dst != iph->ip_dst.s_addr && !is_syn(th))
    r = 0; // same client port reused toward another server mid-stream
  if (!r) {
    if (!is_syn(th)) {
      _dropped++;
      output(OUT_DROP).push(p);
      return;
    }
    Redirect fresh = {0, 0, 0, 0, now_s};
    if (!_redirects.set(key, fresh)) {
      _dropped++;
      output(OUT_DROP).push(p);
      return;
    }
    r = _redirects.get_pointer(key);
  }
  r->last_s = now_s;
  if (th->th_flags & TH_FIN)
    r->fin_seen |= 1;
  bool rst = th->th_flags & TH_RST;
  Packet *q = redirect_to_portal(p, r);
  if (rst)
    _redirects.erase(key);
  if (q) {
    _redirected++;
    output(OUT_PASS).push(q);
  }
}

void MidCaptivePortal::handle_portal(Packet *p, const click_ip *iph,
                                     const uint8_t *l4, int l4len,
                                     uint32_t now_s) {
  const click_tcp *th = reinterpret_cast<const click_tcp *>(l4);
  IPFlowID key(IPAddress(iph->ip_dst), th->th_dport, IPAddress(_portal),
               _portal_port);
  Redirect *r = _redirects.get_pointer(key);
  int doff = th->th_off << 2;
  if (doff >= (int)sizeof(click_tcp) && doff < l4len &&
      payload_has_marker(l4 + doff, l4len - doff)) {
    AuthSession s = {now_s + _session_s, now_s, 0};
    if (_auth.set(iph->ip_dst.s_addr, s))
      _logins++;
  }
  if (!r) {
    // direct portal traffic (client browsed to the portal itself)
    output(OUT_PASS).push(p);
    return;
  }
  r->last_s = now_s;
  if (th->th_flags & TH_FIN)
    r->fin_seen |= 2;
  bool done = (th->th_flags & TH_RST) ||
              (r->fin_seen == 3 && (th->th_flags & TH_ACK));
  Redirect saved = *r;
  if (done)
    _redirects.erase(key);
  if (Packet *q = restore_from_portal(p, &saved)) {
    _restored++;
    output(OUT_PASS).push(q);
  }
}

void MidCaptivePortal::push(int, Packet *p) {
  const click_ip *iph = p->ip_header();
  if (!iph || iph->ip_v != 4 || IP_ISFRAG(iph)) {
    output(OUT_PASS).push(p);
    return;
  }
  int hl = iph->ip_hl << 2;
  const uint8_t *l4 = reinterpret_cast<const uint8_t *>(iph) + hl;
  int l4len = (int)(p->end_data() - l4);
  int iplen = ntohs(iph->ip_len) - hl;
  if (iplen < l4len)
    l4len = iplen;
  if (l4len < 0) {
    output(OUT_DROP).push(p);
    return;
  }
  p->set_ip_header(iph, hl);
  uint32_t now_s = (uint32_t)p->timestamp_anno().sec();

  if (is_client(iph->ip_src.s_addr)) {
    handle_client(p, iph, l4, l4len, now_s);
    return;
  }
  if (iph->ip_p == IP_PROTO_TCP && l4len >= (int)sizeof(click_tcp) &&
      from_portal(iph, reinterpret_cast<const click_tcp *>(l4)->th_sport)) {
    handle_portal(p, iph, l4, l4len, now_s);
    return;
  }
  if (is_client(iph->ip_dst.s_addr)) {
    uint32_t client = iph->ip_dst.s_addr;
    uint16_t sport =
        l4len >= 2 ? *reinterpret_cast<const uint16_t *>(l4) : 0;
    if (authorized(client, now_s, ntohs(iph->ip_len)) ||
        infrastructure(iph->ip_p, sport) || in_garden(iph->ip_src.s_addr)) {
      output(OUT_PASS).push(p);
      return;
    }
    _dropped++;
    output(OUT_DROP).push(p);
    return;
  }
  output(OUT_PASS).push(p);
}

extern "C" Element *clara_nf_create(const char *config) {
  Element *e = new MidCaptivePortal;
  if (clara_element_setup(e, config ? String(config) : String(), 1, 2) < 0)
    return 0;
  return e;
}
