// Training source for the instruction models (models/README.md): DHCP
// snooping (RFC 2131/2132): BOOTP header checks, magic cookie, option
// walking (message type, requested address, lease time, server identifier,
// host name, parameter request list, overload), a binding table keyed by
// client MAC, per-client rate limiting and rogue-server detection.
// Written for training only; not part of the NF corpus.
#include <click/clara.hh>
#include <click/config.h>
#include <click/element.hh>
#include <click/hashtable.hh>
#include <click/packet.hh>
#include <click/packet_anno.hh>
#include <click/timestamp.hh>
#include <clicknet/ip.h>
#include <clicknet/udp.h>

enum { BOOTP_FIXED = 236, DHCP_COOKIE = 0x63825363 };

struct DhcpOpts {
  uint8_t msg_type;
  uint8_t overload;
  uint8_t nparams;
  uint8_t hostname_len;
  uint32_t requested;
  uint32_t server_id;
  uint32_t lease;
};

struct DhcpBinding {
  uint32_t addr;
  uint32_t expires;
  uint32_t last_ms;
  uint16_t tokens;
  uint8_t state;
};

static uint64_t mac_key(const uint8_t *m) {
  uint64_t k = 0;
  for (int i = 0; i < 6; ++i)
    k = k << 8 | m[i];
  return k;
}

static uint32_t opt32(const uint8_t *v) {
  return (uint32_t)v[0] << 24 | (uint32_t)v[1] << 16 | (uint32_t)v[2] << 8 |
         v[3];
}

class TrainDhcpSnoop : public Element {
public:
  TrainDhcpSnoop()
      : _trusted_server(0x0a000001u), _burst(4), _refill_ms(250), _rogue(0),
        _limited(0), _bound(0), _malformed(0) {}
  const char *class_name() const override { return "TrainDhcpSnoop"; }
  const char *port_count() const override { return "1/2"; }
  const char *processing() const override { return PUSH; }
  void push(int port, Packet *p) override;

private:
  int walk_options(const uint8_t *o, int len, DhcpOpts *out) const;
  bool allow(DhcpBinding *b, uint32_t now_ms) const {
    uint32_t elapsed = now_ms - b->last_ms;
    uint32_t add = _refill_ms ? elapsed / _refill_ms : _burst;
    if (add) {
      uint32_t t = b->tokens + add;
      b->tokens = (uint16_t)(t > _burst ? _burst : t);
      b->last_ms = now_ms;
    }
    if (!b->tokens)
      return false;
    b->tokens--;
    return true;
  }
  int server_message(const DhcpOpts &o, const uint8_t *bootp, uint32_t now_s);

  HashTable<uint64_t, DhcpBinding, 128, 4> _bindings;
  uint32_t _trusted_server;
  uint16_t _burst;
  uint32_t _refill_ms;
  uint64_t _rogue, _limited, _bound, _malformed;
};

int TrainDhcpSnoop::walk_options(const uint8_t *o, int len,
                                 DhcpOpts *out) const {
  int off = 0, n = 0;
  while (off < len) {
    uint8_t code = o[off];
    if (code == 255)
      return n;
    if (code == 0) {
      off++;
      continue;
    }
    if (off + 1 >= len || off + 2 + o[off + 1] > len)
      return -1;
    uint8_t olen = o[off + 1];
    const uint8_t *v = o + off + 2;
    switch (code) {
    case 53:
      if (olen != 1 || v[0] < 1 || v[0] > 8)
        return -1;
      out->msg_type = v[0];
      break;
    case 50:
      if (olen == 4)
        out->requested = opt32(v);
      break;
    case 51:
      if (olen == 4)
        out->lease = opt32(v);
      break;
    case 54:
      if (olen == 4)
        out->server_id = opt32(v);
      break;
    case 12:
      out->hostname_len = olen;
      for (int i = 0; i < olen; ++i)
        if (v[i] < 0x20 || v[i] > 0x7e)
          return -1;
      break;
    case 55:
      out->nparams = olen;
      break;
    case 52:
      out->overload = olen == 1 ? v[0] : 0;
      break;
    default:
      break;
    }
    off += 2 + olen;
    n++;
  }
  return -1; // no end option
}

int TrainDhcpSnoop::server_message(const DhcpOpts &o, const uint8_t *bootp,
                                   uint32_t now_s) {
  if (o.server_id != _trusted_server) {
    _rogue++;
    return -1;
  }
  uint64_t key = mac_key(bootp + 28);
  DhcpBinding *b = _bindings.get_pointer(key);
  if (o.msg_type == 5) { // ACK
    if (!b) {
      DhcpBinding nb = {0, 0, 0, _burst, 0};
      if (!_bindings.set(key, nb))
        return 0;
      b = _bindings.get_pointer(key);
    }
    b->addr = opt32(bootp + 16); // yiaddr
    uint32_t lease = o.lease ? o.lease : 3600;
    b->expires = lease == 0xffffffffu ? lease : now_s + lease;
    b->state = 2;
    _bound++;
  } else if (o.msg_type == 6 && b) { // NAK
    b->state = 0;
    b->addr = 0;
  }
  return 0;
}

void TrainDhcpSnoop::push(int, Packet *p) {
  const click_ip *iph = p->ip_header();
  if (!iph || iph->ip_p != IP_PROTO_UDP ||
      p->transport_length() < 8 + BOOTP_FIXED + 4) {
    output(0).push(p);
    return;
  }
  const click_udp *uh = p->udp_header();
  uint16_t sp = ntohs(uh->uh_sport), dp = ntohs(uh->uh_dport);
  if (!((sp == 68 && dp == 67) || (sp == 67 && dp == 68))) {
    output(0).push(p);
    return;
  }
  const uint8_t *bootp = reinterpret_cast<const uint8_t *>(uh + 1);
  int len = p->transport_length() - 8;
  if (bootp[1] != 1 || bootp[2] != 6 ||
      opt32(bootp + BOOTP_FIXED) != DHCP_COOKIE ||
      (bootp[0] != 1 && bootp[0] != 2)) {
    _malformed++;
    p->kill();
    return;
  }
  DhcpOpts o;
  memset(&o, 0, sizeof(o));
  if (walk_options(bootp + BOOTP_FIXED + 4, len - BOOTP_FIXED - 4, &o) < 0 ||
      !o.msg_type) {
    _malformed++;
    output(1).push(p);
    return;
  }
  const Timestamp &ts = p->timestamp_anno();
  uint32_t now_s = (uint32_t)ts.sec();
  if (bootp[0] == 2 || o.msg_type == 2 || o.msg_type == 5 || o.msg_type == 6) {
    if (server_message(o, bootp, now_s) < 0) {
      output(1).push(p);
      return;
    }
    output(0).push(p);
    return;
  }
  uint64_t key = mac_key(bootp + 28);
  DhcpBinding *b = _bindings.get_pointer(key);
  if (b && !allow(b, (uint32_t)ts.msecval())) {
    _limited++;
    p->kill();
    return;
  }
  if (o.msg_type == 7 && b) // RELEASE
    b->state = 0;
  else if (o.msg_type == 3 && b && b->state == 2 && o.requested &&
           o.requested != b->addr) {
    output(1).push(p); // request for another client's address
    return;
  }
  output(0).push(p);
}

extern "C" Element *clara_nf_create(const char *config) {
  Element *e = new TrainDhcpSnoop;
  String conf = config ? String(config) : String();
  if (clara_element_setup(e, conf, 1, 2) < 0)
    return 0;
  return e;
}
