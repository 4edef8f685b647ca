// Training source for the instruction models (models/README.md): VRRP (v2 and
// v3) advertisement checker. It validates the IP envelope (protocol 112, TTL
// 255, 224.0.0.18), the virtual-router MAC, version/type, checksum (plain for
// v2, pseudo-header for v3), address count against length and v2 simple-text
// authentication, then tracks each VRID's master, priority and advertisement
// interval from packet timestamps to flag master changes, resignations,
// master-down gaps and conflicting masters.
// Written for training only; not part of the NF corpus.
#include <click/args.hh>
#include <click/clara.hh>
#include <click/config.h>
#include <click/element.hh>
#include <click/packet.hh>
#include <click/packet_anno.hh>
#include <clicknet/ether.h>
#include <clicknet/ip.h>

#define IP_PROTO_VRRP 112
#define VRRP_GROUP_ADDR 0xE0000012u // 224.0.0.18

struct click_vrrp {
  uint8_t vers_type;
  uint8_t vrid;
  uint8_t priority;
  uint8_t naddr; // v2: count; v3: count
  uint8_t auth_or_rsvd;
  uint8_t adver_int; // v2: seconds; v3: high bits of 12-bit centiseconds
  uint16_t checksum;
};

struct VRRPRouterState {
  uint32_t master_ip;
  uint8_t priority;
  uint8_t version;
  uint16_t interval_cs; // advertisement interval in centiseconds
  int64_t last_advert_ms;
  uint32_t adverts;
  uint32_t master_changes;
  uint32_t resigns;
  uint32_t down_events;
  uint32_t conflicts;
};

enum VRRPEvent {
  VE_NONE = 0,
  VE_NEW_MASTER = 1,
  VE_RESIGN = 2,
  VE_MASTER_DOWN = 3,
  VE_CONFLICT = 4
};

class VRRPAdvertChecker : public Element {
public:
  VRRPAdvertChecker() : _auth_key(0), _check_auth(false), _nrej(0) {
    memset(_vr, 0, sizeof(_vr));
    memset(_reasons, 0, sizeof(_reasons));
  }
  const char *class_name() const override { return "VRRPAdvertChecker"; }
  const char *port_count() const override { return "1/3"; }
  const char *processing() const override { return PUSH; }

  int configure(Vector<String> &conf, ErrorHandler *errh) override {
    String key;
    if (Args(conf, this, errh).read("AUTH", key).complete() < 0)
      return -1;
    if (key.length()) {
      _check_auth = true;
      memset(_auth, 0, sizeof(_auth));
      memcpy(_auth, key.data(), key.length() < 8 ? key.length() : 8);
      _auth_key = 1;
    }
    return 0;
  }

  void push(int, Packet *p) override;

private:
  enum Reason {
    R_SHORT,
    R_TTL,
    R_DST,
    R_VERSION,
    R_TYPE,
    R_LENGTH,
    R_CKSUM,
    R_MAC,
    R_AUTH,
    R_INTERVAL,
    R_NREASON
  };

  static inline uint8_t vrrp_version(const click_vrrp *v) {
    return v->vers_type >> 4;
  }
  static inline uint8_t vrrp_type(const click_vrrp *v) {
    return v->vers_type & 0x0f;
  }
  static inline int expected_length(const click_vrrp *v, int ver) {
    // v2 carries 8 bytes of authentication data after the addresses
    return 8 + 4 * v->naddr + (ver == 2 ? 8 : 0);
  }
  static uint16_t interval_cs(const click_vrrp *v, int ver) {
    if (ver == 2)
      return (uint16_t)(v->adver_int * 100);
    return (uint16_t)(((v->auth_or_rsvd & 0x0f) << 8) | v->adver_int);
  }
  static bool vmac_matches(const click_ether *eh, uint8_t vrid) {
    static const uint8_t pfx[5] = {0x00, 0x00, 0x5e, 0x00, 0x01};
    return memcmp(eh->ether_shost, pfx, 5) == 0 && eh->ether_shost[5] == vrid;
  }
  bool checksum_ok(const click_ip *iph, const click_vrrp *v, int len,
                   int ver) const;
  bool auth_ok(const click_vrrp *v, int len) const;
  int reject(Packet *p, Reason r);
  VRRPEvent track(const click_ip *iph, const click_vrrp *v, int ver,
                  int64_t now_ms);

  uint8_t _auth[8];
  uint8_t _auth_key;
  bool _check_auth;
  VRRPRouterState _vr[256];
  uint64_t _reasons[R_NREASON];
  uint64_t _nrej;
};

bool VRRPAdvertChecker::checksum_ok(const click_ip *iph, const click_vrrp *v,
                                    int len, int ver) const {
  const unsigned char *b = reinterpret_cast<const unsigned char *>(v);
  if (ver == 2)
    return click_in_cksum(b, len) == 0;
  uint16_t c = click_in_cksum(b, len);
  uint16_t full = click_in_cksum_pseudohdr_raw(c, iph->ip_src.s_addr,
                                               iph->ip_dst.s_addr, IP_PROTO_VRRP,
                                               len);
  return full == 0;
}

bool VRRPAdvertChecker::auth_ok(const click_vrrp *v, int len) const {
  // v2 auth types: 0 none, 1 simple text (deprecated), 2 IP AH (rejected)
  uint8_t at = v->auth_or_rsvd;
  if (!_check_auth)
    return at == 0 || at == 1;
  if (at != _auth_key)
    return false;
  const uint8_t *data = reinterpret_cast<const uint8_t *>(v) + len - 8;
  for (int i = 0; i < 8; ++i)
    if (data[i] != _auth[i])
      return false;
  return true;
}

int VRRPAdvertChecker::reject(Packet *p, Reason r) {
  _reasons[r]++;
  _nrej++;
  SET_PAINT_ANNO(p, (uint8_t)r);
  output(2).push(p);
  return -1;
}

VRRPEvent VRRPAdvertChecker::track(const click_ip *iph, const click_vrrp *v,
                                   int ver, int64_t now_ms) {
  VRRPRouterState &s = _vr[v->vrid];
  uint32_t src = ntohl(iph->ip_src.s_addr);
  uint16_t ivl = interval_cs(v, ver);
  VRRPEvent ev = VE_NONE;
  s.adverts++;

  if (v->priority == 0) {
    // master is shutting down; backups should take over after skew time
    if (src == s.master_ip) {
      s.resigns++;
      s.master_ip = 0;
      s.priority = 0;
    }
    s.last_advert_ms = now_ms;
    return VE_RESIGN;
  }

  if (s.master_ip && s.last_advert_ms) {
    // Master_Down_Interval = 3 * interval + skew, skew = (256-prio)*interval/256
    int64_t ivl_ms = (int64_t)s.interval_cs * 10;
    int64_t down = 3 * ivl_ms + ((256 - s.priority) * ivl_ms) / 256;
    if (now_ms - s.last_advert_ms > down) {
      s.down_events++;
      ev = VE_MASTER_DOWN;
    }
  }

  if (src != s.master_ip) {
    bool takeover = !s.master_ip || ev == VE_MASTER_DOWN ||
                    v->priority > s.priority ||
                    (v->priority == s.priority && src > s.master_ip);
    if (takeover) {
      s.master_ip = src;
      s.master_changes++;
      if (ev == VE_NONE)
        ev = VE_NEW_MASTER;
    } else {
      s.conflicts++;
      return VE_CONFLICT;
    }
  }
  s.priority = v->priority;
  s.version = (uint8_t)ver;
  s.interval_cs = ivl;
  s.last_advert_ms = now_ms;
  return ev;
}

void VRRPAdvertChecker::push(int, Packet *p) {
  const unsigned char *d = p->data();
  if (p->length() < 14 + 20 ||
      reinterpret_cast<const click_ether *>(d)->ether_type != htons(ETHERTYPE_IP)) {
    output(0).push(p);
    return;
  }
  const click_ether *eh = reinterpret_cast<const click_ether *>(d);
  const click_ip *iph = reinterpret_cast<const click_ip *>(d + 14);
  if (iph->ip_v != 4 || iph->ip_p != IP_PROTO_VRRP) {
    output(0).push(p);
    return;
  }
  unsigned hl = iph->ip_hl << 2;
  unsigned iplen = ntohs(iph->ip_len);
  if (hl < 20 || iplen < hl + sizeof(click_vrrp) || 14 + iplen > p->length()) {
    reject(p, R_SHORT);
    return;
  }
  if (iph->ip_ttl != 255) {
    reject(p, R_TTL);
    return;
  }
  if (ntohl(iph->ip_dst.s_addr) != VRRP_GROUP_ADDR) {
    reject(p, R_DST);
    return;
  }
  const click_vrrp *v = reinterpret_cast<const click_vrrp *>(d + 14 + hl);
  int len = (int)(iplen - hl);
  int ver = vrrp_version(v);
  if (ver != 2 && ver != 3) {
    reject(p, R_VERSION);
    return;
  }
  if (vrrp_type(v) != 1) {
    reject(p, R_TYPE);
    return;
  }
  if (len < expected_length(v, ver) || v->naddr == 0) {
    reject(p, R_LENGTH);
    return;
  }
  if (!checksum_ok(iph, v, len, ver)) {
    reject(p, R_CKSUM);
    return;
  }
  if (!vmac_matches(eh, v->vrid) || v->vrid == 0) {
    reject(p, R_MAC);
    return;
  }
  if (ver == 2 && !auth_ok(v, len)) {
    reject(p, R_AUTH);
    return;
  }
  if (interval_cs(v, ver) == 0) {
    reject(p, R_INTERVAL);
    return;
  }
  VRRPEvent ev = track(iph, v, ver, p->timestamp_anno().msecval());
  SET_PAINT_ANNO(p, (uint8_t)ev);
  SET_AGGREGATE_ANNO(p, v->vrid);
  output(1).push(p);
}

extern "C" Element *clara_nf_create(const char *config) {
  Element *e = new VRRPAdvertChecker;
  if (clara_element_setup(e, config ? String(config) : String(), 1, 3) < 0)
    return 0;
  return e;
}
