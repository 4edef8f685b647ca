// CcmMonitor: IEEE 802.1ag / Y.1731 Continuity Check for one maintenance
// association.  Builds this MEP's CCM frames and tracks remote MEPs from
// received ones (sequence gaps, RDI, port status, loss of continuity).
//
// Input: Ethernet frames.  Output 0: CCMs of higher MD levels and non-CFM
// traffic (passed through).  Output 1: consumed/discarded CFM frames.
#include <click/config.h>
#include <click/element.hh>
#include <click/packet.hh>
#include <click/timestamp.hh>
#include <clicknet/ether.h>
#include <string.h>

CLICK_DECLS

#define ETHERTYPE_CFM 0x8902
#define CFM_OP_CCM 1
#define CCM_FIRST_TLV 70
#define CCM_PDU_LEN 75          /* header through End TLV without options */
#define MAID_LEN 48

class CcmMonitor : public Element {
public:
  struct RemoteMep {
    uint16_t mepid;
    uint8_t rdi;
    uint8_t port_status;      // 0: no TLV seen
    uint8_t interface_status;
    uint8_t lost;             // remote CCM defect
    uint32_t last_seq;
    uint32_t seq_errors;
    uint32_t ccms;
    Timestamp last_rx;
  };
  enum { MAX_RMEP = 32 };
  enum Defect { D_RDI = 1, D_MAC = 2, D_REMOTE = 4, D_ERROR = 8, D_XCON = 16 };

  CcmMonitor() : _level(3), _mepid(1), _interval(4), _tx_seq(0), _nrmep(0), _defects(0) {
    memset(_maid, 0, sizeof(_maid));
    memset(_rmep, 0, sizeof(_rmep));
  }
  const char *class_name() const override { return "CcmMonitor"; }
  const char *port_count() const override { return "1/2"; }
  const char *processing() const override { return PUSH; }

  void set_identity(unsigned level, uint16_t mepid, unsigned interval_code,
                    const char *md_name, const char *ma_name);
  WritablePacket *make_ccm(const uint8_t src[6], bool rdi, uint8_t port_status);
  void push(int, Packet *p) override;
  unsigned check_continuity(const Timestamp &now);

  const RemoteMep *rmep(uint16_t id) const {
    for (int i = 0; i < _nrmep; i++)
      if (_rmep[i].mepid == id)
        return &_rmep[i];
    return 0;
  }
  unsigned defects() const { return _defects; }
  static int64_t interval_usec(unsigned code) {
    static const int64_t us[8] = {0, 3333, 10000, 100000, 1000000, 10000000,
                                  60000000, 600000000};
    return us[code & 7];
  }

private:
  unsigned _level;
  uint16_t _mepid;
  unsigned _interval;
  uint32_t _tx_seq;
  uint8_t _maid[MAID_LEN];
  RemoteMep _rmep[MAX_RMEP];
  int _nrmep;
  unsigned _defects;

  bool read_tlvs(const uint8_t *p, const uint8_t *end, RemoteMep &r);
};

// MAID: MD name format 4 (character string) + short MA name format 2
// (character string), zero padded to 48 bytes.
void CcmMonitor::set_identity(unsigned level, uint16_t mepid, unsigned interval_code,
                              const char *md_name, const char *ma_name) {
  size_t mdl = strlen(md_name), mal = strlen(ma_name);
  _level = level & 7;
  _mepid = mepid & 0x1fff;
  _interval = interval_code & 7;
  memset(_maid, 0, sizeof(_maid));
  if (mdl > 43)
    mdl = 43;
  if (mal > MAID_LEN - 4 - mdl)
    mal = MAID_LEN - 4 - mdl;
  unsigned k = 0;
  _maid[k++] = mdl ? 4 : 1;     // 1: no MD name present
  _maid[k++] = (uint8_t)mdl;
  if (!mdl)
    k = 1;
  for (size_t i = 0; i < mdl; i++)
    _maid[k++] = (uint8_t)md_name[i];
  _maid[k++] = 2;
  _maid[k++] = (uint8_t)mal;
  for (size_t i = 0; i < mal; i++)
    _maid[k++] = (uint8_t)ma_name[i];
}

WritablePacket *CcmMonitor::make_ccm(const uint8_t src[6], bool rdi, uint8_t port_status) {
  unsigned tlvlen = port_status ? 4 : 0;
  WritablePacket *q = Packet::make(14 + CCM_PDU_LEN + tlvlen);
  if (!q)
    return 0;
  uint8_t *d = q->data();
  // Class 1 CCM group address 01-80-C2-00-00-3y, y = MD level
  static const uint8_t group[5] = {0x01, 0x80, 0xC2, 0x00, 0x00};
  memcpy(d, group, 5);
  d[5] = (uint8_t)(0x30 | _level);
  memcpy(d + 6, src, 6);
  d[12] = ETHERTYPE_CFM >> 8;
  d[13] = ETHERTYPE_CFM & 0xff;
  uint8_t *c = d + 14;
  c[0] = (uint8_t)(_level << 5);          // version 0
  c[1] = CFM_OP_CCM;
  c[2] = (uint8_t)((rdi ? 0x80 : 0) | _interval);
  c[3] = CCM_FIRST_TLV;
  uint32_t s = _tx_seq++;
  c[4] = s >> 24; c[5] = s >> 16; c[6] = s >> 8; c[7] = s;
  c[8] = _mepid >> 8; c[9] = _mepid & 0xff;
  memcpy(c + 10, _maid, MAID_LEN);
  memset(c + 58, 0, 16);                  // Y.1731 counters unused
  uint8_t *t = c + 4 + CCM_FIRST_TLV;
  if (port_status) {
    t[0] = 2; t[1] = 0; t[2] = 1; t[3] = port_status;
    t += 4;
  }
  t[0] = 0;                               // End TLV
  return q;
}

bool CcmMonitor::read_tlvs(const uint8_t *p, const uint8_t *end, RemoteMep &r) {
  while (p < end) {
    uint8_t type = *p;
    if (type == 0)
      return true;
    if (end - p < 3)
      return false;
    unsigned len = (p[1] << 8) | p[2];
    if ((size_t)(end - p) < 3 + len)
      return false;
    const uint8_t *v = p + 3;
    switch (type) {
    case 2:   // Port Status: 1 blocked, 2 up
      if (len != 1 || v[0] < 1 || v[0] > 2) return false;
      r.port_status = v[0];
      break;
    case 4:   // Interface Status: 1 up .. 7 lowerLayerDown
      if (len != 1 || v[0] < 1 || v[0] > 7) return false;
      r.interface_status = v[0];
      break;
    default:  // Sender ID, Organization-specific, ...: skip
      break;
    }
    p += 3 + len;
  }
  return false;                           // no End TLV
}

void CcmMonitor::push(int, Packet *p) {
  const uint8_t *d = p->data();
  const uint8_t *end = p->end_data();
  unsigned off = 12;

  if (p->length() < 14) goto pass;
  if (d[12] == 0x81 && d[13] == 0x00) {   // one VLAN tag
    if (p->length() < 18) goto pass;
    off = 16;
  }
  if (d[off] != (ETHERTYPE_CFM >> 8) || d[off + 1] != (ETHERTYPE_CFM & 0xff))
    goto pass;
  {
    const uint8_t *c = d + off + 2;
    if (end - c < 4) goto drop;
    unsigned level = c[0] >> 5;
    if (level > _level) goto pass;        // belongs to an outer domain
    if (c[1] != CFM_OP_CCM) goto drop;
    if (level < _level) {                 // leak from an inner domain
      _defects |= D_XCON;
      goto drop;
    }
    if (c[3] != CCM_FIRST_TLV || end - c < 4 + CCM_FIRST_TLV + 1) goto drop;
    if (memcmp(c + 10, _maid, MAID_LEN) != 0) {
      _defects |= D_XCON;
      goto drop;
    }
    uint16_t id = ((c[8] << 8) | c[9]) & 0x1fff;
    if (id == _mepid || (c[2] & 7) != _interval) {
      _defects |= D_ERROR;
      goto drop;
    }
    RemoteMep *r = 0;
    for (int i = 0; i < _nrmep; i++)
      if (_rmep[i].mepid == id) { r = &_rmep[i]; break; }
    if (!r) {
      if (_nrmep == MAX_RMEP) goto drop;
      r = &_rmep[_nrmep++];
      memset(r, 0, sizeof(*r));
      r->mepid = id;
    }
    uint32_t seq = ((uint32_t)c[4] << 24) | (c[5] << 16) | (c[6] << 8) | c[7];
    RemoteMep tmp = *r;
    if (!read_tlvs(c + 4 + CCM_FIRST_TLV, end, tmp)) goto drop;
    if (tmp.ccms && seq != tmp.last_seq + 1)
      tmp.seq_errors++;
    tmp.last_seq = seq;
    tmp.ccms++;
    tmp.rdi = (c[2] & 0x80) != 0;
    tmp.lost = 0;
    tmp.last_rx = p->timestamp_anno();
    *r = tmp;
    goto drop;
  }
pass:
  output(0).push(p);
  return;
drop:
  output(1).push(p);
}

// Re-evaluate defects: a remote MEP is lost after 3.5 intervals of silence.
unsigned CcmMonitor::check_continuity(const Timestamp &now) {
  int64_t limit = interval_usec(_interval) * 7 / 2;
  unsigned d = _defects & (D_XCON | D_ERROR);
  for (int i = 0; i < _nrmep; i++) {
    RemoteMep &r = _rmep[i];
    int64_t age = (now - r.last_rx).usecval();
    if (age > limit)
      r.lost = 1;
    if (r.lost)
      d |= D_REMOTE;
    else if (r.rdi)
      d |= D_RDI;
    if (!r.lost && r.port_status == 1)
      d |= D_MAC;
  }
  _defects = d;
  return d;
}

CLICK_ENDDECLS
EXPORT_ELEMENT(CcmMonitor)
