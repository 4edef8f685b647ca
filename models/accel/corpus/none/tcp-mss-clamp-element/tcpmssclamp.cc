// TCPMSSClamp(MSS): lowers the Maximum Segment Size option of TCP SYN and
// SYN/ACK segments passing through a tunnel endpoint so that full-sized
// segments fit the reduced path MTU. The option may sit at any byte offset
// in the option list, so the TCP checksum is patched incrementally
// (RFC 1624, eqn. 3) on the 16-bit words that actually contain the two
// MSS bytes. SYNs without an MSS option are left alone (the peer then
// assumes 536). Non-TCP and non-first fragments pass unchanged.
#include <click/config.h>
#include <click/args.hh>
#include <click/element.hh>
#include <click/error.hh>
#include <click/packet.hh>
#include <clicknet/ip.h>
#include <clicknet/tcp.h>

CLICK_DECLS

class TCPMSSClamp : public Element {
public:
  TCPMSSClamp() : _mss(1360), _clamped(0), _syns(0), _no_mss(0) {}
  ~TCPMSSClamp() override {}

  const char *class_name() const override { return "TCPMSSClamp"; }
  const char *port_count() const override { return PORTS_1_1; }
  const char *processing() const override { return AGNOSTIC; }

  int configure(Vector<String> &conf, ErrorHandler *errh) override;
  Packet *simple_action(Packet *p) override;

  // Patch the options of one TCP header in place. Returns 1 if the MSS was
  // lowered, 0 if unchanged, -1 on a malformed option list.
  static int clamp_options(unsigned char *th, unsigned thlen, uint16_t mss);
  // One's-complement update of a stored checksum when a 16-bit word of the
  // covered data changes from old_w to new_w (host order words).
  static uint16_t cksum_adjust(uint16_t sum, uint16_t old_w, uint16_t new_w);

  uint32_t clamped() const { return _clamped; }

private:
  uint16_t _mss;
  uint32_t _clamped;
  uint32_t _syns;
  uint32_t _no_mss;
};

int TCPMSSClamp::configure(Vector<String> &conf, ErrorHandler *errh) {
  unsigned mss = _mss;
  if (Args(conf, this, errh).read_p("MSS", mss).complete() < 0)
    return -1;
  if (mss < 88 || mss > 65535)
    return errh->error("MSS out of range");
  _mss = (uint16_t)mss;
  return 0;
}

uint16_t TCPMSSClamp::cksum_adjust(uint16_t sum, uint16_t old_w,
                                   uint16_t new_w) {
  // HC' = ~(~HC + ~m + m')
  uint32_t acc = (uint16_t)~sum;
  acc += (uint16_t)~old_w;
  acc += new_w;
  acc = (acc & 0xffff) + (acc >> 16);
  acc = (acc & 0xffff) + (acc >> 16);
  return (uint16_t)~acc;
}

int TCPMSSClamp::clamp_options(unsigned char *th, unsigned thlen,
                               uint16_t mss) {
  unsigned i = sizeof(click_tcp);
  while (i < thlen) {
    unsigned char kind = th[i];
    if (kind == TCPOPT_EOL)
      break;
    if (kind == TCPOPT_NOP) {
      i++;
      continue;
    }
    if (i + 1 >= thlen)
      return -1;
    unsigned olen = th[i + 1];
    if (olen < 2 || i + olen > thlen)
      return -1;
    if (kind == TCPOPT_MAXSEG) {
      if (olen != TCPOLEN_MAXSEG)
        return -1;
      unsigned v = i + 2;
      uint16_t cur = (uint16_t)((th[v] << 8) | th[v + 1]);
      if (cur <= mss)
        return 0;
      // checksum as a host-order value of the big-endian field
      uint16_t sum = (uint16_t)((th[16] << 8) | th[17]);
      if ((v & 1) == 0) {
        sum = cksum_adjust(sum, cur, mss);
        th[v] = (unsigned char)(mss >> 8);
        th[v + 1] = (unsigned char)mss;
      } else {
        // The value straddles two checksum words: [x, hi] and [lo, y].
        unsigned char x = th[v - 1], y = th[v + 2];
        uint16_t w0 = (uint16_t)((x << 8) | th[v]);
        uint16_t w1 = (uint16_t)((th[v + 1] << 8) | y);
        th[v] = (unsigned char)(mss >> 8);
        th[v + 1] = (unsigned char)mss;
        uint16_t n0 = (uint16_t)((x << 8) | th[v]);
        uint16_t n1 = (uint16_t)((th[v + 1] << 8) | y);
        sum = cksum_adjust(sum, w0, n0);
        sum = cksum_adjust(sum, w1, n1);
      }
      th[16] = (unsigned char)(sum >> 8);
      th[17] = (unsigned char)sum;
      return 1;
    }
    i += olen;
  }
  return 0;
}

Packet *TCPMSSClamp::simple_action(Packet *p) {
  const click_ip *iph = p->ip_header();
  if (!iph || iph->ip_p != IP_PROTO_TCP || !IP_FIRSTFRAG(iph))
    return p;
  const unsigned char *tp = p->transport_header();
  int avail = (int)(p->end_data() - tp);
  if (avail < (int)sizeof(click_tcp))
    return p;
  const click_tcp *th = reinterpret_cast<const click_tcp *>(tp);
  if (!(th->th_flags & TH_SYN))
    return p;
  _syns++;
  unsigned thlen = th->th_off << 2;
  if (thlen <= sizeof(click_tcp) || (int)thlen > avail)
    return p;
  WritablePacket *q = p->uniqueify();
  if (!q)
    return 0;
  int r = clamp_options(q->transport_header(), thlen, _mss);
  if (r > 0)
    _clamped++;
  else if (r == 0)
    _no_mss++;
  return q;
}

CLICK_ENDDECLS
