// Training source for the instruction models (models/README.md): IEEE 802.3
// slow-protocols handler for link aggregation. Marker PDUs are answered in
// place (TLV type rewritten to Marker Response, source MAC set to the
// receiving port's address) and sent back out; LACPDUs are validated TLV by
// TLV and the partner's system, key, port and state recorded per port, with
// partner-change and sync/collecting/distributing transitions counted; the
// 10-frames-per-second slow-protocol rate limit is enforced per port.
// Written for training only; not part of the NF corpus.
#include <click/args.hh>
#include <click/clara.hh>
#include <click/config.h>
#include <click/element.hh>
#include <click/etheraddress.hh>
#include <click/packet.hh>
#include <click/packet_anno.hh>
#include <clicknet/ether.h>

#define ETHERTYPE_SLOW 0x8809

enum { SLOW_LACP = 1, SLOW_MARKER = 2, SLOW_OAM = 3 };
enum { TLV_TERM = 0, TLV_ACTOR = 1, TLV_PARTNER = 2, TLV_COLLECTOR = 3 };
enum { MARKER_INFO = 1, MARKER_RESP = 2 };
enum {
  LS_ACTIVITY = 0x01,
  LS_TIMEOUT = 0x02,
  LS_AGGREGATION = 0x04,
  LS_SYNC = 0x08,
  LS_COLLECTING = 0x10,
  LS_DISTRIBUTING = 0x20,
  LS_DEFAULTED = 0x40,
  LS_EXPIRED = 0x80
};

struct lacp_port_info { // actor / partner information TLV body
  uint8_t type, len;
  uint16_t sys_prio;
  uint8_t sys[6];
  uint16_t key;
  uint16_t port_prio;
  uint16_t port;
  uint8_t state;
  uint8_t reserved[3];
};

struct LagPort {
  uint8_t partner_sys[6];
  uint16_t partner_key;
  uint16_t partner_port;
  uint8_t partner_state;
  bool known;
  int64_t window_ms;
  uint8_t window_count;
  uint32_t lacpdus, markers, partner_changes, sync_changes;
  int64_t last_lacpdu_ms;
};

class LACPMarkerResponder : public Element {
public:
  LACPMarkerResponder() : _rate_limit(10), _responses(0), _malformed(0),
                          _limited(0) {
    static const uint8_t base[6] = {0x02, 0x1a, 0x11, 0x00, 0x00, 0x00};
    memcpy(_base_mac, base, 6);
    memset(_ports, 0, sizeof(_ports));
  }
  const char *class_name() const override { return "LACPMarkerResponder"; }
  // in: from the wire; out 0: data, 1: back to the wire, 2: to the LACP
  // control plane, 3: discarded
  const char *port_count() const override { return "1/4"; }
  const char *processing() const override { return PUSH; }

  int configure(Vector<String> &conf, ErrorHandler *errh) override {
    EtherAddress base;
    if (Args(conf, this, errh)
            .read("BASE_MAC", base)
            .read("RATE_LIMIT", _rate_limit)
            .complete() < 0)
      return -1;
    if (base)
      memcpy(_base_mac, base.data(), 6);
    return 0;
  }

  void push(int, Packet *p) override;

private:
  bool rate_ok(LagPort &lp, int64_t now_ms);
  // -1 malformed, 1 answered (goes back out), 2 a response to our marker
  int handle_marker(WritablePacket *q, int port, int len);
  bool handle_lacpdu(const uint8_t *pdu, int len, LagPort &lp, int64_t now_ms);
  void record_partner(LagPort &lp, const lacp_port_info *actor);
  void discard(Packet *p) {
    _malformed++;
    output(3).push(p);
  }

  uint8_t _base_mac[6];
  uint32_t _rate_limit;
  LagPort _ports[16];
  uint64_t _responses, _malformed, _limited;
};

bool LACPMarkerResponder::rate_ok(LagPort &lp, int64_t now_ms) {
  if (now_ms - lp.window_ms >= 1000) {
    lp.window_ms = now_ms;
    lp.window_count = 0;
  }
  if (lp.window_count >= _rate_limit)
    return false;
  lp.window_count++;
  return true;
}

void LACPMarkerResponder::record_partner(LagPort &lp,
                                         const lacp_port_info *a) {
  uint16_t key = ntohs(a->key), port = ntohs(a->port);
  bool changed = !lp.known || memcmp(lp.partner_sys, a->sys, 6) != 0 ||
                 lp.partner_key != key || lp.partner_port != port;
  if (changed) {
    if (lp.known)
      lp.partner_changes++;
    memcpy(lp.partner_sys, a->sys, 6);
    lp.partner_key = key;
    lp.partner_port = port;
    lp.known = true;
  }
  if ((lp.partner_state ^ a->state) & LS_SYNC)
    lp.sync_changes++;
  lp.partner_state = a->state;
}

bool LACPMarkerResponder::handle_lacpdu(const uint8_t *pdu, int len,
                                        LagPort &lp, int64_t now_ms) {
  // pdu[0] subtype, pdu[1] version, then actor/partner/collector/terminator
  if (len < 110 || pdu[1] < 1)
    return false;
  const uint8_t *t = pdu + 2;
  const uint8_t *end = pdu + len;
  const lacp_port_info *actor = 0, *partner = 0;
  int expect = TLV_ACTOR;
  while (t + 2 <= end) {
    uint8_t type = t[0], tlen = t[1];
    if (type == TLV_TERM)
      break;
    // version 1 mandates the TLV order and lengths; later versions may add
    // TLVs after the collector information
    if (pdu[1] == 1 && type != expect)
      return false;
    if (t + tlen > end)
      return false;
    switch (type) {
    case TLV_ACTOR:
    case TLV_PARTNER:
      if (tlen != 20)
        return false;
      if (type == TLV_ACTOR)
        actor = reinterpret_cast<const lacp_port_info *>(t);
      else
        partner = reinterpret_cast<const lacp_port_info *>(t);
      break;
    case TLV_COLLECTOR:
      if (tlen != 16)
        return false;
      break;
    default:
      if (tlen < 2)
        return false;
      break;
    }
    expect++;
    t += tlen;
  }
  if (!actor || !partner)
    return false;
  if (ntohs(actor->key) == 0 && !(actor->state & LS_AGGREGATION))
    lp.partner_state = actor->state; // individual link: no partner record
  else
    record_partner(lp, actor);
  lp.lacpdus++;
  lp.last_lacpdu_ms = now_ms;
  return true;
}

int LACPMarkerResponder::handle_marker(WritablePacket *q, int port, int len) {
  uint8_t *pdu = q->data() + 14;
  if (len < 2 + 18 || pdu[1] != 1)
    return -1;
  uint8_t *tlv = pdu + 2;
  if (tlv[1] != 16 || tlv[16] != TLV_TERM || tlv[17] != 0)
    return -1;
  if (tlv[0] == MARKER_RESP) {
    // response to a marker we sent: the distributor may move conversations
    _ports[port].markers++;
    return 2;
  }
  if (tlv[0] != MARKER_INFO)
    return -1;
  tlv[0] = MARKER_RESP;
  click_ether *eh = reinterpret_cast<click_ether *>(q->data());
  memcpy(eh->ether_shost, _base_mac, 5);
  eh->ether_shost[5] = (uint8_t)(_base_mac[5] + port);
  _responses++;
  return 1;
}

void LACPMarkerResponder::push(int, Packet *p) {
  if (p->length() < 16) {
    output(0).push(p);
    return;
  }
  const click_ether *eh = reinterpret_cast<const click_ether *>(p->data());
  if (eh->ether_type != htons(ETHERTYPE_SLOW)) {
    output(0).push(p);
    return;
  }
  static const uint8_t slow_dst[6] = {0x01, 0x80, 0xc2, 0x00, 0x00, 0x02};
  if (memcmp(eh->ether_dhost, slow_dst, 6) != 0) {
    discard(p);
    return;
  }
  int port = PAINT_ANNO(p) & 15;
  LagPort &lp = _ports[port];
  int64_t now = p->timestamp_anno().msecval();
  if (!rate_ok(lp, now)) {
    _limited++;
    output(3).push(p);
    return;
  }
  int len = (int)p->length() - 14;
  uint8_t subtype = p->data()[14];
  switch (subtype) {
  case SLOW_LACP:
    if (!handle_lacpdu(p->data() + 14, len, lp, now)) {
      discard(p);
      return;
    }
    SET_AGGREGATE_ANNO(p, lp.partner_key);
    output(2).push(p);
    return;
  case SLOW_MARKER: {
    WritablePacket *q = p->uniqueify();
    if (!q)
      return;
    int r = handle_marker(q, port, len);
    if (r < 0)
      discard(q);
    else
      output(r).push(q);
    return;
  }
  case SLOW_OAM:
    output(2).push(p);
    return;
  default:
    discard(p);
    return;
  }
}

extern "C" Element *clara_nf_create(const char *config) {
  Element *e = new LACPMarkerResponder;
  if (clara_element_setup(e, config ? String(config) : String(), 1, 4) < 0)
    return 0;
  return e;
}
