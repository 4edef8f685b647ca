// TCPFlagSanity: stateless screening of TCP segments for flag combinations
// that no conforming stack sends (scan probes such as NULL, FIN-only and
// "Christmas tree" segments, SYN+FIN, SYN+RST ...), malformed data offsets
// and zero ports, with an optional scrub of the reserved header bits and of
// an urgent pointer sent without URG.
//
// Input: packets whose IP header annotation is set (e.g. after
// CheckIPHeader / MarkIPHeader). Non-TCP packets and later fragments pass
// untouched. Good segments go to output 0; bad ones to output 1 if present,
// else they are dropped.
//
// Keywords: SCRUB (bool, default false): clear reserved bits and a stray
// urgent pointer, patching the TCP checksum incrementally (RFC 1624).
// RESERVED_BAD (bool, default false): treat non-zero reserved bits as bad
// instead of scrubbing them.
#include <click/config.h>
#include <click/args.hh>
#include <click/element.hh>
#include <click/error.hh>
#include <click/packet.hh>
#include <clicknet/ip.h>
#include <clicknet/tcp.h>

CLICK_DECLS

class TCPFlagSanity : public Element {
public:
  TCPFlagSanity();

  const char *class_name() const override { return "TCPFlagSanity"; }
  const char *port_count() const override { return "1/1-2"; }
  const char *processing() const override { return PUSH; }
  int configure(Vector<String> &conf, ErrorHandler *errh) override;
  void push(int port, Packet *p) override;

  enum Reason {
    OK = 0,
    NULL_FLAGS,
    SYN_FIN,
    SYN_RST,
    FIN_RST,
    FIN_NO_ACK,
    PSH_NO_ACK,
    URG_NO_ACK,
    BAD_OFFSET,
    TRUNCATED,
    ZERO_PORT,
    RESERVED_SET,
    NREASONS
  };

  int last_reason() const { return _last; }
  uint64_t count(int r) const { return _count[r]; }
  uint64_t scrubbed() const { return _scrubbed; }

private:
  uint8_t _verdict[256]; // th_flags -> Reason, filled by build_table
  bool _scrub;
  bool _reserved_bad;
  int _last;
  uint64_t _count[NREASONS];
  uint64_t _scrubbed;

  void build_table();
  int check(Packet *p, bool &need_scrub) const;
  Packet *scrub(Packet *p);
};

// Flag rules in priority order: a segment is judged by the first rule whose
// masked flag bits equal the pattern.
struct FlagRule {
  uint8_t mask;
  uint8_t pattern;
  uint8_t reason;
};

static const FlagRule flag_rules[] = {
    {TH_FIN | TH_SYN | TH_RST | TH_PUSH | TH_ACK | TH_URG, 0,
     TCPFlagSanity::NULL_FLAGS},
    {TH_SYN | TH_FIN, TH_SYN | TH_FIN, TCPFlagSanity::SYN_FIN},
    {TH_SYN | TH_RST, TH_SYN | TH_RST, TCPFlagSanity::SYN_RST},
    {TH_FIN | TH_RST, TH_FIN | TH_RST, TCPFlagSanity::FIN_RST},
    {TH_FIN | TH_ACK, TH_FIN, TCPFlagSanity::FIN_NO_ACK},
    {TH_PUSH | TH_ACK, TH_PUSH, TCPFlagSanity::PSH_NO_ACK},
    {TH_URG | TH_ACK, TH_URG, TCPFlagSanity::URG_NO_ACK},
};

TCPFlagSanity::TCPFlagSanity()
    : _scrub(false), _reserved_bad(false), _last(OK), _scrubbed(0) {
  for (int i = 0; i < NREASONS; i++)
    _count[i] = 0;
  build_table();
}

void TCPFlagSanity::build_table() {
  const unsigned nrules = sizeof(flag_rules) / sizeof(flag_rules[0]);
  for (unsigned f = 0; f < 256; f++) {
    uint8_t v = OK;
    for (unsigned k = 0; k < nrules; k++) {
      if ((f & flag_rules[k].mask) == flag_rules[k].pattern) {
        v = flag_rules[k].reason;
        break;
      }
    }
    _verdict[f] = v;
  }
}

int TCPFlagSanity::configure(Vector<String> &conf, ErrorHandler *errh) {
  bool scrub = false, reserved_bad = false;
  if (Args(conf, this, errh)
          .read("SCRUB", scrub)
          .read("RESERVED_BAD", reserved_bad)
          .complete() < 0)
    return -1;
  _scrub = scrub;
  _reserved_bad = reserved_bad;
  return 0;
}

int TCPFlagSanity::check(Packet *p, bool &need_scrub) const {
  const click_ip *iph = p->ip_header();
  const uint8_t *th = p->transport_header();
  need_scrub = false;
  int avail = p->transport_length();
  if (avail < (int)sizeof(click_tcp))
    return TRUNCATED;
  unsigned doff = (th[12] >> 4) * 4u;
  if (doff < sizeof(click_tcp))
    return BAD_OFFSET;
  unsigned seglen = ntohs(iph->ip_len) - (iph->ip_hl << 2);
  if (doff > seglen || (int)doff > avail)
    return TRUNCATED;
  int v = _verdict[th[13]];
  if (v != OK)
    return v;
  if ((th[0] | th[1]) == 0 || (th[2] | th[3]) == 0)
    return ZERO_PORT;
  bool reserved = (th[12] & 0x0E) != 0;
  bool stray_urp = !(th[13] & TH_URG) && (th[18] | th[19]) != 0;
  if (reserved && _reserved_bad)
    return RESERVED_SET;
  need_scrub = reserved || stray_urp;
  return OK;
}

// Replaces one 16-bit word of the TCP header and adjusts the checksum
// (RFC 1624 eqn. 3: HC' = ~(~HC + ~m + m')).
static void patch_word(uint8_t *th, unsigned off, unsigned new_word) {
  unsigned old_word = ((unsigned)th[off] << 8) | th[off + 1];
  unsigned hc = ((unsigned)th[16] << 8) | th[17];
  uint32_t sum = (~hc & 0xFFFFu) + (~old_word & 0xFFFFu) + (new_word & 0xFFFFu);
  sum = (sum & 0xFFFFu) + (sum >> 16);
  sum = (sum & 0xFFFFu) + (sum >> 16);
  unsigned nc = ~sum & 0xFFFFu;
  th[off] = (uint8_t)(new_word >> 8);
  th[off + 1] = (uint8_t)new_word;
  th[16] = (uint8_t)(nc >> 8);
  th[17] = (uint8_t)nc;
}

Packet *TCPFlagSanity::scrub(Packet *p) {
  WritablePacket *q = p->uniqueify();
  if (!q)
    return 0;
  uint8_t *th = q->transport_header();
  unsigned w12 = ((unsigned)th[12] << 8) | th[13];
  if (w12 & 0x0E00u)
    patch_word(th, 12, w12 & ~0x0E00u);
  if (!(th[13] & TH_URG) && (th[18] | th[19]) != 0)
    patch_word(th, 18, 0);
  _scrubbed++;
  return q;
}

void TCPFlagSanity::push(int, Packet *p) {
  const click_ip *iph = p->ip_header();
  if (!iph || iph->ip_p != IP_PROTO_TCP || !IP_FIRSTFRAG(iph)) {
    _last = OK;
    output(0).push(p);
    return;
  }
  bool need_scrub;
  int r = check(p, need_scrub);
  _last = r;
  _count[r]++;
  if (r != OK) {
    checked_output_push(1, p);
    return;
  }
  if (need_scrub && _scrub) {
    p = scrub(p);
    if (!p)
      return;
  }
  output(0).push(p);
}

CLICK_ENDDECLS
