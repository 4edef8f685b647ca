// Training source for the instruction models (models/README.md): Ethernet
// OAM (802.1ag / Y.1731) continuity-check monitor for one local MEP. CFM PDUs
// (optionally behind one 802.1Q tag) are filtered by MD level; CCMs at the
// MEP's level are checked for MAID, MEPID and interval, remote MEPs are kept
// in a table with sequence-gap, RDI, port/interface-status and loss-of-
// continuity (3.5 intervals, from packet timestamps) tracking; loopback
// messages are turned into loopback replies in place.
// Written for training only; not part of the NF corpus.
#include <click/args.hh>
#include <click/clara.hh>
#include <click/config.h>
#include <click/element.hh>
#include <click/error.hh>
#include <click/hashtable.hh>
#include <click/packet.hh>
#include <click/packet_anno.hh>
#include <clicknet/ether.h>

#define ETHERTYPE_CFM 0x8902

enum { CFM_CCM = 1, CFM_LBR = 2, CFM_LBM = 3, CFM_LTR = 4, CFM_LTM = 5 };
enum { TLV_END = 0, TLV_SENDER = 1, TLV_PORT_STATUS = 2, TLV_IF_STATUS = 4,
       TLV_ORG = 31 };
enum { D_RDI = 2, D_ERRCCM = 8, D_PORT = 16 };

struct cfm_common {
  uint8_t level_version;
  uint8_t opcode;
  uint8_t flags;
  uint8_t first_tlv;
};

struct RemoteMEP {
  uint32_t last_seq;
  uint8_t interval;
  uint8_t defects;
  uint8_t port_status;
  uint8_t if_status;
  int64_t last_us;
  uint32_t ccms, lost, loc_events;
};

static const int64_t ccm_interval_us[8] = {
    0, 3333, 10000, 100000, 1000000, 10000000, 60000000, 600000000};

class CFMContinuityMonitor : public Element {
public:
  CFMContinuityMonitor()
      : _level(5), _mepid(1), _interval(4), _lbr_sent(0), _leaked(0),
        _bad(0), _xcon(0) {
    memset(_maid, 0, sizeof(_maid));
    // MD name format 1 (none), short MA name format 2 (string) "SVC100"
    static const uint8_t def[9] = {0x01, 0x02, 0x06, 'S', 'V', 'C', '1', '0', '0'};
    memcpy(_maid, def, sizeof(def));
    static const uint8_t mac[6] = {0x02, 0x00, 0x5e, 0x10, 0x00, 0x01};
    memcpy(_mac, mac, 6);
  }
  const char *class_name() const override { return "CFMContinuityMonitor"; }
  const char *port_count() const override { return "1/3"; }
  const char *processing() const override { return PUSH; }

  int configure(Vector<String> &conf, ErrorHandler *errh) override {
    if (Args(conf, this, errh)
            .read("LEVEL", _level)
            .read("MEPID", _mepid)
            .read("INTERVAL", _interval)
            .complete() < 0)
      return -1;
    if (_level > 7 || _interval < 1 || _interval > 7 || _mepid == 0 ||
        _mepid > 8191)
      return errh->error("bad LEVEL, MEPID or INTERVAL");
    return 0;
  }

  void push(int, Packet *p) override;

private:
  int ccm(const uint8_t *pdu, int len, int64_t now_us);
  void walk_tlvs(const uint8_t *t, const uint8_t *end, RemoteMEP &r);
  void check_loc(RemoteMEP &r, int64_t now_us);
  bool loopback_reply(WritablePacket *q, int cfm_off);
  static inline uint32_t rd32(const uint8_t *p) {
    return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) |
           ((uint32_t)p[2] << 8) | p[3];
  }

  uint32_t _level, _mepid, _interval;
  uint8_t _maid[48];
  uint8_t _mac[6];
  HashTable<uint16_t, RemoteMEP, 256, 4> _rmeps;
  uint64_t _lbr_sent, _leaked, _bad, _xcon;
};

void CFMContinuityMonitor::check_loc(RemoteMEP &r, int64_t now_us) {
  int64_t ivl = ccm_interval_us[r.interval & 7];
  if (!ivl || !r.last_us)
    return;
  // the remote MEP was silent for 3.5 intervals: count a continuity loss
  if (now_us - r.last_us > ivl * 7 / 2)
    r.loc_events++;
}

void CFMContinuityMonitor::walk_tlvs(const uint8_t *t, const uint8_t *end,
                                     RemoteMEP &r) {
  while (t < end && t[0] != TLV_END) {
    if (t + 3 > end)
      return;
    int len = (t[1] << 8) | t[2];
    const uint8_t *v = t + 3;
    if (v + len > end)
      return;
    switch (t[0]) {
    case TLV_PORT_STATUS:
      if (len == 1) {
        r.port_status = v[0];
        if (v[0] == 1) // psBlocked
          r.defects |= D_PORT;
        else
          r.defects &= ~D_PORT;
      }
      break;
    case TLV_IF_STATUS:
      if (len == 1) {
        r.if_status = v[0];
        if (v[0] != 1) // anything but isUp
          r.defects |= D_PORT;
      }
      break;
    default:
      break;
    }
    t = v + len;
  }
}

int CFMContinuityMonitor::ccm(const uint8_t *pdu, int len, int64_t now_us) {
  // common header (4) + seq (4) + MEPID (2) + MAID (48) + Y.1731 (16)
  if (len < 74 + 1 || pdu[3] != 70)
    return -1;
  uint8_t flags = pdu[2];
  int interval = flags & 7;
  uint32_t seq = rd32(pdu + 4);
  uint16_t mepid = (uint16_t)(((pdu[8] << 8) | pdu[9]) & 0x1fff);
  if (interval == 0 || mepid == 0 || mepid == _mepid)
    return -1;
  if (memcmp(pdu + 10, _maid, 48) != 0) {
    // a CCM for another MA at our level: cross-connect defect
    _xcon++;
    return -2;
  }
  auto it = _rmeps.find_insert(mepid);
  if (it == _rmeps.end())
    return -1;
  RemoteMEP &r = it->second;
  check_loc(r, now_us);
  if (r.ccms) {
    uint32_t gap = seq - r.last_seq;
    if (seq != 0 && gap > 1 && gap < 0x80000000u)
      r.lost += gap - 1;
  }
  r.last_seq = seq;
  r.ccms++;
  r.last_us = now_us;
  if (interval != (int)_interval)
    r.defects |= D_ERRCCM;
  else
    r.defects &= ~D_ERRCCM;
  r.interval = (uint8_t)interval;
  if (flags & 0x80)
    r.defects |= D_RDI;
  else
    r.defects &= ~D_RDI;
  walk_tlvs(pdu + 74, pdu + len, r);
  return r.defects;
}

bool CFMContinuityMonitor::loopback_reply(WritablePacket *q, int cfm_off) {
  click_ether *eh = reinterpret_cast<click_ether *>(q->data());
  // only unicast LBMs addressed to this MEP, or multicast class-1 ones
  bool mcast = eh->ether_dhost[0] & 1;
  if (!mcast && memcmp(eh->ether_dhost, _mac, 6) != 0)
    return false;
  memcpy(eh->ether_dhost, eh->ether_shost, 6);
  memcpy(eh->ether_shost, _mac, 6);
  q->data()[cfm_off + 1] = CFM_LBR;
  _lbr_sent++;
  return true;
}

void CFMContinuityMonitor::push(int, Packet *p) {
  const unsigned char *d = p->data();
  int off = 12;
  if (p->length() >= 18 && d[12] == 0x81 && d[13] == 0x00)
    off = 16;
  if ((int)p->length() < off + 2 + 4 || d[off] != 0x89 || d[off + 1] != 0x02) {
    output(0).push(p);
    return;
  }
  int cfm_off = off + 2;
  const uint8_t *pdu = d + cfm_off;
  int len = (int)p->length() - cfm_off;
  int level = pdu[0] >> 5;
  if ((pdu[0] & 0x1f) != 0) {
    _bad++;
    output(2).push(p);
    return;
  }
  if ((uint32_t)level > _level) { // a higher MD: transparent
    output(0).push(p);
    return;
  }
  if ((uint32_t)level < _level) { // a lower MD leaking through: stop it
    _leaked++;
    output(2).push(p);
    return;
  }
  int64_t now = p->timestamp_anno().usecval();
  switch (pdu[1]) {
  case CFM_CCM: {
    int r = ccm(pdu, len, now);
    if (r < 0) {
      if (r == -1)
        _bad++;
      output(2).push(p);
      return;
    }
    SET_PAINT_ANNO(p, (uint8_t)r);
    output(1).push(p);
    return;
  }
  case CFM_LBM: {
    WritablePacket *q = p->uniqueify();
    if (!q)
      return;
    if (loopback_reply(q, cfm_off))
      output(0).push(q);
    else
      output(2).push(q);
    return;
  }
  case CFM_LBR:
  case CFM_LTR:
  case CFM_LTM:
    output(1).push(p);
    return;
  default:
    _bad++;
    output(2).push(p);
    return;
  }
}

extern "C" Element *clara_nf_create(const char *config) {
  Element *e = new CFMContinuityMonitor;
  if (clara_element_setup(e, config ? String(config) : String(), 1, 3) < 0)
    return 0;
  return e;
}
