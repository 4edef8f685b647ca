// Training source for the instruction models (models/README.md): a TCP
// header sanity filter and normaliser: a 256-entry verdict table over the
// flag byte (bit fields: action and reason) built at construction rejects
// the invalid combinations and stealth-scan probes (NULL, Xmas, SYN+FIN,
// SYN+RST, FIN without ACK); header checks on the data offset, ports, SYN
// payloads and urgent pointers; reserved bits and stray urgent pointers are
// cleared in place with incremental checksum updates. simple_action style.
// Written for training only; not part of the NF corpus.
#include <click/clara.hh>
#include <click/config.h>
#include <click/element.hh>
#include <click/packet.hh>
#include <click/packet_anno.hh>
#include <clicknet/ip.h>
#include <clicknet/tcp.h>

enum FlagReason {
  R_OK = 0,
  R_NULL,
  R_XMAS,
  R_SYNFIN,
  R_SYNRST,
  R_FINNOACK,
  R_NOFLAGSACK,
  R_BADOFF,
  R_PORT0,
  R_SYNDATA,
  R_URG,
  R_NREASONS
};

struct FlagVerdict {
  uint8_t drop : 1;
  uint8_t normalise : 1; // clear ECE/CWR on non-SYN when ECN not negotiated
  uint8_t reason : 4;
  uint8_t pad : 2;
};

class TrainTcpFlags : public Element {
public:
  TrainTcpFlags() : _allow_syn_data(false), _strip_ecn(true), _normalised(0) {
    for (int f = 0; f < 256; ++f)
      _table[f] = judge((uint8_t)f);
    memset(_reasons, 0, sizeof(_reasons));
  }
  const char *class_name() const override { return "TrainTcpFlags"; }
  const char *port_count() const override { return PORTS_1_1; }
  Packet *simple_action(Packet *p) override;

private:
  static FlagVerdict judge(uint8_t f);
  int check_header(const Packet *p, const click_tcp *th) const;
  bool normalise(WritablePacket *q, FlagVerdict v);
  Packet *reject(Packet *p, int reason) {
    _reasons[reason]++;
    p->kill();
    return 0;
  }

  FlagVerdict _table[256];
  bool _allow_syn_data, _strip_ecn;
  uint64_t _reasons[R_NREASONS];
  uint64_t _normalised;
};

FlagVerdict TrainTcpFlags::judge(uint8_t f) {
  FlagVerdict v = {0, 0, R_OK, 0};
  uint8_t core = f & (TH_SYN | TH_FIN | TH_RST | TH_ACK | TH_PUSH | TH_URG);
  if (core == 0)
    v.reason = R_NULL;
  else if ((core & (TH_FIN | TH_PUSH | TH_URG)) ==
               (TH_FIN | TH_PUSH | TH_URG) &&
           !(core & TH_ACK))
    v.reason = R_XMAS;
  else if ((f & (TH_SYN | TH_FIN)) == (TH_SYN | TH_FIN))
    v.reason = R_SYNFIN;
  else if ((f & (TH_SYN | TH_RST)) == (TH_SYN | TH_RST))
    v.reason = R_SYNRST;
  else if ((f & (TH_FIN | TH_ACK)) == TH_FIN)
    v.reason = R_FINNOACK;
  else if (!(f & (TH_SYN | TH_RST | TH_ACK)))
    v.reason = R_NOFLAGSACK; // only PSH/URG/FIN-less garbage
  v.drop = v.reason != R_OK;
  // ECE/CWR are legal on SYN (negotiation); elsewhere they stay only when
  // the flow negotiated ECN, which this element does not track.
  v.normalise = !(f & TH_SYN) && (f & (TH_ECE | TH_CWR)) != 0;
  return v;
}

int TrainTcpFlags::check_header(const Packet *p, const click_tcp *th) const {
  int tl = p->transport_length();
  int off = th->th_off << 2;
  if (off < (int)sizeof(click_tcp) || off > tl)
    return R_BADOFF;
  if (th->th_sport == 0 || th->th_dport == 0)
    return R_PORT0;
  const click_ip *iph = p->ip_header();
  int payload = ntohs(iph->ip_len) - (iph->ip_hl << 2) - off;
  if ((th->th_flags & TH_SYN) && payload > 0 && !_allow_syn_data)
    return R_SYNDATA;
  if ((th->th_flags & TH_URG) &&
      (th->th_urp == 0 || ntohs(th->th_urp) > (unsigned)payload + 1))
    return R_URG;
  return R_OK;
}

bool TrainTcpFlags::normalise(WritablePacket *q, FlagVerdict v) {
  click_tcp *th = q->tcp_header();
  uint8_t *b = reinterpret_cast<uint8_t *>(th) + 12;
  uint16_t old = (uint16_t)(b[0] << 8 | b[1]);
  uint8_t flags = th->th_flags;
  if (v.normalise && _strip_ecn)
    flags &= (uint8_t)~(TH_ECE | TH_CWR);
  b[0] &= 0xf0; // reserved bits and NS
  b[1] = flags;
  uint16_t now = (uint16_t)(b[0] << 8 | b[1]);
  bool changed = now != old;
  if (changed)
    click_update_in_cksum(&th->th_sum, htons(old), htons(now));
  if (!(flags & TH_URG) && th->th_urp != 0) {
    click_update_in_cksum(&th->th_sum, th->th_urp, 0);
    th->th_urp = 0;
    changed = true;
  }
  return changed;
}

Packet *TrainTcpFlags::simple_action(Packet *p) {
  const click_ip *iph = p->ip_header();
  if (!p->has_transport_header() || iph->ip_p != IP_PROTO_TCP ||
      !IP_FIRSTFRAG(iph))
    return p;
  if (p->transport_length() < (int)sizeof(click_tcp))
    return reject(p, R_BADOFF);
  const click_tcp *th = p->tcp_header();
  FlagVerdict v = _table[th->th_flags];
  if (v.drop)
    return reject(p, v.reason);
  int r = check_header(p, th);
  if (r != R_OK)
    return reject(p, r);
  bool dirty = v.normalise || th->th_flags2 != 0 ||
               (!(th->th_flags & TH_URG) && th->th_urp != 0);
  if (!dirty)
    return p;
  WritablePacket *q = p->uniqueify();
  if (!q)
    return 0;
  if (normalise(q, v)) {
    _normalised++;
    SET_PAINT_ANNO(q, 1);
  }
  return q;
}

extern "C" Element *clara_nf_create(const char *config) {
  Element *e = new TrainTcpFlags;
  if (clara_element_setup(e, config ? String(config) : String(), 1, 1) < 0)
    return 0;
  return e;
}
