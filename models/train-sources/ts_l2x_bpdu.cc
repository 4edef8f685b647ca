// Training source for the instruction models (models/README.md): spanning-tree
// BPDU filter with BPDU guard and root guard per ingress port (PAINT
// annotation). It recognises 802.3/LLC frames to the bridge group address,
// validates config, TCN and RST/MST BPDUs, error-disables guard ports that
// receive any BPDU (with timed recovery), blocks root-guard ports that hear a
// superior root, and rate-limits topology-change notifications.
// Written for training only; not part of the NF corpus.
#include <click/args.hh>
#include <click/clara.hh>
#include <click/config.h>
#include <click/element.hh>
#include <click/error.hh>
#include <click/packet.hh>
#include <click/packet_anno.hh>
#include <clicknet/ether.h>

namespace {

const uint8_t stp_group[6] = {0x01, 0x80, 0xc2, 0x00, 0x00, 0x00};
const uint8_t pvst_group[6] = {0x01, 0x00, 0x0c, 0xcc, 0xcc, 0xcd};

enum { BPDU_CONFIG = 0x00, BPDU_RST = 0x02, BPDU_TCN = 0x80 };
enum { MAX_PORTS = 16 };

struct BridgeId {
  uint8_t b[8];
};

struct PortGuardState {
  uint32_t errdisabled_until; // seconds; 0 = operational
  uint32_t root_block_until;
  uint32_t bpdus;
  uint32_t tcn_window_start;
  uint16_t tcn_in_window;
  uint16_t flags;
};

inline int cmp_bridge(const uint8_t *a, const uint8_t *b) {
  return memcmp(a, b, 8);
}

inline uint16_t rd16(const uint8_t *p) { return (uint16_t)((p[0] << 8) | p[1]); }

} // namespace

class STPGuardFilter : public Element {
public:
  STPGuardFilter()
      : _guard_mask(0), _root_guard_mask(0), _recovery(300), _max_age(20),
        _tcn_limit(4), _drop_pvst(false) {
    // our bridge: priority 32768, MAC 02:00:00:00:00:01
    static const uint8_t def[8] = {0x80, 0x00, 0x02, 0x00, 0x00, 0x00, 0x00, 0x01};
    memcpy(_root.b, def, 8);
    memset(_ports, 0, sizeof(_ports));
    memset(_drops, 0, sizeof(_drops));
  }
  const char *class_name() const override { return "STPGuardFilter"; }
  const char *port_count() const override { return "1/3"; }
  const char *processing() const override { return PUSH; }

  int configure(Vector<String> &conf, ErrorHandler *errh) override {
    uint32_t prio = 32768;
    if (Args(conf, this, errh)
            .read("GUARD_PORTS", _guard_mask)
            .read("ROOT_GUARD_PORTS", _root_guard_mask)
            .read("RECOVERY", _recovery)
            .read("MAX_AGE", _max_age)
            .read("TCN_LIMIT", _tcn_limit)
            .read("DROP_PVST", _drop_pvst)
            .read("PRIORITY", prio)
            .complete() < 0)
      return -1;
    if (prio > 61440 || (prio & 0x0fff))
      return errh->error("PRIORITY must be a multiple of 4096");
    _root.b[0] = (uint8_t)(prio >> 8);
    _root.b[1] = (uint8_t)prio;
    return 0;
  }

  void push(int, Packet *p) override;

private:
  enum Drop { D_ERRDIS, D_ROOTGUARD, D_MALFORMED, D_TCNRATE, D_PVST, D_NDROP };

  int classify_bpdu(const uint8_t *llc, int len, int port, uint32_t now);
  int check_config_bpdu(const uint8_t *b, int len, int port, uint32_t now);
  bool tcn_allowed(PortGuardState &ps, uint32_t now);
  void errdisable(PortGuardState &ps, uint32_t now) {
    ps.errdisabled_until = now + _recovery;
    ps.flags |= 1;
  }
  void drop(Packet *p, int why) {
    _drops[why]++;
    output(2).push(p);
  }

  uint32_t _guard_mask, _root_guard_mask;
  uint32_t _recovery, _max_age, _tcn_limit;
  bool _drop_pvst;
  BridgeId _root;
  PortGuardState _ports[MAX_PORTS];
  uint64_t _drops[D_NDROP];
};

bool STPGuardFilter::tcn_allowed(PortGuardState &ps, uint32_t now) {
  if (now - ps.tcn_window_start >= 2) {
    ps.tcn_window_start = now;
    ps.tcn_in_window = 0;
  }
  return ++ps.tcn_in_window <= _tcn_limit;
}

int STPGuardFilter::check_config_bpdu(const uint8_t *b, int len, int port,
                                      uint32_t now) {
  // b points at the protocol identifier; config BPDU is 35 bytes
  if (len < 35)
    return D_MALFORMED;
  const uint8_t *root_id = b + 5;
  uint16_t msg_age = rd16(b + 27);
  uint16_t max_age = rd16(b + 29);
  uint16_t hello = rd16(b + 31);
  // timers are in 1/256 s units
  if (msg_age >= max_age || hello < 256 || hello > 10 * 256 ||
      max_age < 6 * 256 || max_age > 40 * 256)
    return D_MALFORMED;
  PortGuardState &ps = _ports[port];
  if (_root_guard_mask & (1u << port)) {
    int c = cmp_bridge(root_id, _root.b);
    if (c < 0) {
      ps.root_block_until = now + 2 * _max_age;
      ps.flags |= 2;
      return D_ROOTGUARD;
    }
  }
  if (b[4] & 0x01) { // topology change flag
    if (!tcn_allowed(ps, now))
      return D_TCNRATE;
  }
  return -1;
}

int STPGuardFilter::classify_bpdu(const uint8_t *llc, int len, int port,
                                  uint32_t now) {
  if (len < 3 + 4 || llc[0] != 0x42 || llc[1] != 0x42 || llc[2] != 0x03)
    return D_MALFORMED;
  const uint8_t *b = llc + 3;
  len -= 3;
  if (b[0] != 0 || b[1] != 0)
    return D_MALFORMED;
  uint8_t version = b[2];
  uint8_t type = b[3];
  switch (type) {
  case BPDU_TCN:
    if (version != 0)
      return D_MALFORMED;
    return tcn_allowed(_ports[port], now) ? -1 : D_TCNRATE;
  case BPDU_CONFIG:
    return check_config_bpdu(b, len, port, now);
  case BPDU_RST:
    if (version < 2)
      return D_MALFORMED;
    if (len < 36 || (version == 3 && len < 38))
      return D_MALFORMED;
    return check_config_bpdu(b, len, port, now);
  default:
    return D_MALFORMED;
  }
}

void STPGuardFilter::push(int, Packet *p) {
  int port = PAINT_ANNO(p) & (MAX_PORTS - 1);
  uint32_t now = (uint32_t)p->timestamp_anno().sec();
  PortGuardState &ps = _ports[port];

  if (ps.errdisabled_until) {
    if ((int32_t)(now - ps.errdisabled_until) < 0) {
      drop(p, D_ERRDIS);
      return;
    }
    ps.errdisabled_until = 0;
    ps.flags &= ~1;
  }
  if (p->length() < 14) {
    drop(p, D_MALFORMED);
    return;
  }
  const click_ether *eh = reinterpret_cast<const click_ether *>(p->data());
  bool is_stp = memcmp(eh->ether_dhost, stp_group, 6) == 0;
  bool is_pvst = !is_stp && memcmp(eh->ether_dhost, pvst_group, 6) == 0;
  bool root_blocked = (ps.flags & 2) && (int32_t)(now - ps.root_block_until) < 0;
  if (!root_blocked)
    ps.flags &= ~2;

  if (!is_stp && !is_pvst) {
    if (root_blocked) {
      drop(p, D_ROOTGUARD);
      return;
    }
    output(0).push(p);
    return;
  }
  ps.bpdus++;
  if (_guard_mask & (1u << port)) {
    errdisable(ps, now);
    drop(p, D_ERRDIS);
    return;
  }
  if (is_pvst) {
    if (_drop_pvst)
      drop(p, D_PVST);
    else
      output(1).push(p);
    return;
  }
  uint16_t lenfield = ntohs(eh->ether_type);
  if (lenfield > 1500 || lenfield + 14u > p->length()) {
    drop(p, D_MALFORMED);
    return;
  }
  int why = classify_bpdu(p->data() + 14, lenfield, port, now);
  if (why >= 0) {
    drop(p, why);
    return;
  }
  output(1).push(p);
}

extern "C" Element *clara_nf_create(const char *config) {
  Element *e = new STPGuardFilter;
  if (clara_element_setup(e, config ? String(config) : String(), 1, 3) < 0)
    return 0;
  return e;
}
