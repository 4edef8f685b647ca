// Training source for the instruction models (models/README.md): LLDP frame
// parser that validates the mandatory TLV sequence (chassis ID, port ID, TTL),
// walks the optional TLVs (system name, capabilities, management address) and
// keeps a neighbour table keyed by chassis/port with TTL-driven ageing from
// packet timestamps; LLDP frames leave on port 1, malformed ones on port 2.
// Written for training only; not part of the NF corpus.
#include <click/args.hh>
#include <click/clara.hh>
#include <click/config.h>
#include <click/element.hh>
#include <click/hashtable.hh>
#include <click/packet.hh>
#include <click/packet_anno.hh>
#include <clicknet/ether.h>

#define ETHERTYPE_LLDP 0x88CC

enum {
  LLDP_TLV_END = 0,
  LLDP_TLV_CHASSIS = 1,
  LLDP_TLV_PORT = 2,
  LLDP_TLV_TTL = 3,
  LLDP_TLV_PORTDESC = 4,
  LLDP_TLV_SYSNAME = 5,
  LLDP_TLV_SYSDESC = 6,
  LLDP_TLV_CAPS = 7,
  LLDP_TLV_MGMT = 8,
  LLDP_TLV_ORG = 127
};

struct LLDPNeighbor {
  uint8_t chassis[16];
  uint8_t chassis_len;
  uint8_t port_subtype;
  uint16_t caps_enabled;
  uint32_t mgmt_ipv4;
  uint32_t expires_sec;
  uint32_t updates;
  char sysname[24];
};

static inline uint32_t fold_bytes(uint32_t h, const uint8_t *p, int n) {
  for (int i = 0; i < n; ++i)
    h = (h ^ p[i]) * 16777619u;
  return h;
}

class LLDPNeighborTable : public Element {
public:
  LLDPNeighborTable()
      : _max_ttl(3600), _accept_shutdown(true), _frames(0), _malformed(0),
        _shutdowns(0), _aged(0), _table_full(0), _last_sweep(0) {}
  const char *class_name() const override { return "LLDPNeighborTable"; }
  const char *port_count() const override { return "1/3"; }
  const char *processing() const override { return PUSH; }

  int configure(Vector<String> &conf, ErrorHandler *errh) override {
    return Args(conf, this, errh)
        .read("MAX_TTL", _max_ttl)
        .read("ACCEPT_SHUTDOWN", _accept_shutdown)
        .complete();
  }

  void push(int, Packet *p) override;

private:
  struct Parsed {
    const uint8_t *chassis;
    int chassis_len;
    const uint8_t *port;
    int port_len;
    uint16_t ttl;
    uint16_t caps_enabled;
    uint32_t mgmt_ipv4;
    const uint8_t *sysname;
    int sysname_len;
    int ntlv;
  };

  bool parse_tlvs(const uint8_t *p, const uint8_t *end, Parsed &out);
  bool check_mandatory(int index, int type, int len) const;
  void parse_mgmt(const uint8_t *v, int len, Parsed &out);
  void update_neighbor(const Parsed &pd, uint32_t now_sec);
  void sweep(uint32_t now_sec);

  HashTable<uint32_t, LLDPNeighbor, 256, 4> _nbrs;
  uint32_t _max_ttl;
  bool _accept_shutdown;
  uint64_t _frames, _malformed, _shutdowns, _aged, _table_full;
  uint32_t _last_sweep;
};

bool LLDPNeighborTable::check_mandatory(int index, int type, int len) const {
  switch (index) {
  case 0:
    return type == LLDP_TLV_CHASSIS && len >= 2 && len <= 256;
  case 1:
    return type == LLDP_TLV_PORT && len >= 2 && len <= 256;
  case 2:
    return type == LLDP_TLV_TTL && len == 2;
  default:
    return type != LLDP_TLV_CHASSIS && type != LLDP_TLV_PORT &&
           type != LLDP_TLV_TTL;
  }
}

void LLDPNeighborTable::parse_mgmt(const uint8_t *v, int len, Parsed &out) {
  if (len < 9)
    return;
  int alen = v[0];
  if (alen < 2 || alen + 1 > len)
    return;
  // address subtype 1 = IPv4 (IANA address family numbers)
  if (v[1] == 1 && alen == 5)
    out.mgmt_ipv4 = ((uint32_t)v[2] << 24) | ((uint32_t)v[3] << 16) |
                    ((uint32_t)v[4] << 8) | v[5];
}

bool LLDPNeighborTable::parse_tlvs(const uint8_t *p, const uint8_t *end,
                                   Parsed &out) {
  memset(&out, 0, sizeof(out));
  bool seen_end = false;
  while (p + 2 <= end) {
    uint16_t hdr = (uint16_t)((p[0] << 8) | p[1]);
    int type = hdr >> 9;
    int len = hdr & 0x1ff;
    const uint8_t *v = p + 2;
    if (v + len > end)
      return false;
    if (type == LLDP_TLV_END) {
      if (len != 0)
        return false;
      seen_end = true;
      break;
    }
    if (!check_mandatory(out.ntlv, type, len))
      return false;
    switch (type) {
    case LLDP_TLV_CHASSIS:
      out.chassis = v;
      out.chassis_len = len;
      break;
    case LLDP_TLV_PORT:
      out.port = v;
      out.port_len = len;
      break;
    case LLDP_TLV_TTL:
      out.ttl = (uint16_t)((v[0] << 8) | v[1]);
      break;
    case LLDP_TLV_SYSNAME:
      out.sysname = v;
      out.sysname_len = len;
      break;
    case LLDP_TLV_CAPS:
      if (len != 4)
        return false;
      out.caps_enabled = (uint16_t)((v[2] << 8) | v[3]);
      break;
    case LLDP_TLV_MGMT:
      parse_mgmt(v, len, out);
      break;
    case LLDP_TLV_ORG:
      if (len < 4)
        return false;
      break;
    default:
      break;
    }
    out.ntlv++;
    p = v + len;
  }
  return seen_end && out.ntlv >= 3;
}

void LLDPNeighborTable::update_neighbor(const Parsed &pd, uint32_t now_sec) {
  uint32_t key = fold_bytes(2166136261u, pd.chassis, pd.chassis_len);
  key = fold_bytes(key, pd.port, pd.port_len);
  if (pd.ttl == 0) {
    // shutdown LLDPDU: remove the neighbour immediately
    if (_accept_shutdown && _nbrs.erase(key))
      _shutdowns++;
    return;
  }
  auto it = _nbrs.find_insert(key);
  if (it == _nbrs.end()) {
    _table_full++;
    return;
  }
  LLDPNeighbor &n = it->second;
  int clen = pd.chassis_len - 1 < 16 ? pd.chassis_len - 1 : 16;
  memcpy(n.chassis, pd.chassis + 1, clen);
  n.chassis_len = (uint8_t)clen;
  n.port_subtype = pd.port[0];
  n.caps_enabled = pd.caps_enabled;
  if (pd.mgmt_ipv4)
    n.mgmt_ipv4 = pd.mgmt_ipv4;
  uint32_t ttl = pd.ttl < _max_ttl ? pd.ttl : _max_ttl;
  n.expires_sec = now_sec + ttl;
  n.updates++;
  int sl = pd.sysname_len < 23 ? pd.sysname_len : 23;
  for (int i = 0; i < sl; ++i) {
    uint8_t c = pd.sysname[i];
    n.sysname[i] = (c >= 0x20 && c < 0x7f) ? (char)c : '?';
  }
  n.sysname[sl] = 0;
}

void LLDPNeighborTable::sweep(uint32_t now_sec) {
  if (now_sec == _last_sweep)
    return;
  _last_sweep = now_sec;
  for (auto it = _nbrs.begin(); it != _nbrs.end();) {
    if ((int32_t)(it->second.expires_sec - now_sec) <= 0) {
      it = _nbrs.erase(it);
      _aged++;
    } else
      ++it;
  }
}

void LLDPNeighborTable::push(int, Packet *p) {
  if (p->length() < sizeof(click_ether)) {
    output(2).push(p);
    return;
  }
  const click_ether *eh = reinterpret_cast<const click_ether *>(p->data());
  uint32_t now = (uint32_t)p->timestamp_anno().sec();
  sweep(now);
  if (eh->ether_type != htons(ETHERTYPE_LLDP)) {
    output(0).push(p);
    return;
  }
  // nearest-bridge, nearest-non-TPMR or nearest-customer group address
  static const uint8_t prefix[5] = {0x01, 0x80, 0xc2, 0x00, 0x00};
  uint8_t last = eh->ether_dhost[5];
  if (memcmp(eh->ether_dhost, prefix, 5) != 0 ||
      (last != 0x0e && last != 0x03 && last != 0x00)) {
    _malformed++;
    output(2).push(p);
    return;
  }
  Parsed pd;
  if (!parse_tlvs(p->data() + sizeof(click_ether), p->end_data(), pd)) {
    _malformed++;
    output(2).push(p);
    return;
  }
  _frames++;
  update_neighbor(pd, now);
  SET_AGGREGATE_ANNO(p, (uint32_t)_nbrs.size());
  output(1).push(p);
}

extern "C" Element *clara_nf_create(const char *config) {
  Element *e = new LLDPNeighborTable;
  if (clara_element_setup(e, config ? String(config) : String(), 1, 3) < 0)
    return 0;
  return e;
}
