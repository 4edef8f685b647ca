// SRv6End: the SRv6 "End" endpoint behaviour (RFC 8754 section 4.3.1,
// RFC 8986 section 4.1) for packets whose destination address already
// matched one of this node's local SIDs, with optional Penultimate Segment
// Pop (PSP, RFC 8986 section 4.16.1).
//
// For the first Routing header (after any Hop-by-Hop / Destination Options
// headers):
//   * no Routing header, or Segments Left == 0  -> output 1 (process the
//     upper-layer header locally);
//   * Routing Type != 4 with Segments Left != 0 -> output 2 (ICMPv6
//     Parameter Problem code 0, pointer at the Routing Type field);
//   * SRH with Last Entry > (Hdr Ext Len / 2) - 1 or Segments Left >
//     Last Entry + 1                             -> output 2 (pointer at SL);
//   * Hop Limit <= 1                             -> output 3 (Time Exceeded);
//   * otherwise: decrement Hop Limit and Segments Left, copy
//     Segment List[Segments Left] into the Destination Address, and, when
//     PSP is on and Segments Left became 0, remove the SRH -> output 0.
// The ICMP pointer (from the start of the IPv6 header) is left in the
// ICMP_PARAMPROB annotation, saturated at 255.
//
// SRv6End([OFFSET n, PSP bool])

#include <click/config.h>
#include <click/args.hh>
#include <click/element.hh>
#include <click/error.hh>
#include <click/packet.hh>
#include <click/packet_anno.hh>
#include <clicknet/ip6.h>
#include <string.h>

class SRv6End : public Element {
public:
  SRv6End();

  const char *class_name() const override { return "SRv6End"; }
  const char *port_count() const override { return "1/4"; }
  const char *processing() const override { return PUSH; }

  int configure(Vector<String> &conf, ErrorHandler *errh) override;
  void push(int port, Packet *p) override;

  enum { OUT_FORWARD = 0, OUT_LOCAL = 1, OUT_PARAMPROB = 2, OUT_HLIM = 3 };
  enum { IPPROTO_HOPOPTS_ = 0, IPPROTO_ROUTING_ = 43, IPPROTO_DSTOPTS_ = 60 };
  enum { SRH_TYPE = 4, SRH_FIXED = 8, SEGMENT_BYTES = 16 };

  uint64_t forwarded() const { return _stats[OUT_FORWARD]; }
  uint64_t popped() const { return _popped; }

private:
  unsigned _offset;
  bool _psp;
  uint64_t _stats[4];
  uint64_t _popped;
  uint64_t _malformed;

  struct RhLocation {
    unsigned nh_field; // offset (from frame start) of the Next Header byte that names the RH
    unsigned rh;       // offset of the Routing header
    unsigned rh_len;   // its length in bytes
  };

  int find_routing_header(const Packet *p, RhLocation *loc) const;
  int process(Packet *&p);
  static void set_pointer(Packet *p, unsigned ptr);
  Packet *pop_srh(WritablePacket *q, const RhLocation &loc);
};

SRv6End::SRv6End() : _offset(14), _psp(false), _popped(0), _malformed(0) {
  for (int i = 0; i < 4; i++)
    _stats[i] = 0;
}

int SRv6End::configure(Vector<String> &conf, ErrorHandler *errh) {
  unsigned offset = 14;
  bool psp = false;
  if (Args(conf, this, errh).read("OFFSET", offset).read("PSP", psp).complete() < 0)
    return -1;
  if (offset > 256)
    return errh->error("OFFSET too large");
  _offset = offset;
  _psp = psp;
  return 0;
}

void SRv6End::set_pointer(Packet *p, unsigned ptr) {
  p->set_anno_u8(ICMP_PARAMPROB_ANNO_OFFSET, (uint8_t)(ptr > 255 ? 255 : ptr));
}

// 1: routing header found (loc filled); 0: none before the upper layer;
// -1: truncated or malformed extension header chain.
int SRv6End::find_routing_header(const Packet *p, RhLocation *loc) const {
  const unsigned char *d = p->data();
  unsigned len = p->length();
  unsigned nh_field = _offset + 6; // ip6_nxt inside the fixed header
  unsigned pos = _offset + 40;
  uint8_t nh = d[nh_field];
  for (int hops = 0; hops < 8; hops++) {
    if (nh == IPPROTO_ROUTING_) {
      if (pos + SRH_FIXED > len)
        return -1;
      unsigned rl = ((unsigned)d[pos + 1] + 1) * 8;
      if (pos + rl > len)
        return -1;
      loc->nh_field = nh_field;
      loc->rh = pos;
      loc->rh_len = rl;
      return 1;
    }
    if (nh != IPPROTO_HOPOPTS_ && nh != IPPROTO_DSTOPTS_)
      return 0;
    if (pos + 8 > len)
      return -1;
    unsigned el = ((unsigned)d[pos + 1] + 1) * 8;
    if (pos + el > len)
      return -1;
    nh = d[pos];
    nh_field = pos;
    pos += el;
  }
  return -1;
}

Packet *SRv6End::pop_srh(WritablePacket *q, const RhLocation &loc) {
  unsigned char *d = q->data();
  // The header that named the SRH now names what followed it.
  d[loc.nh_field] = d[loc.rh];
  // Payload Length (bytes 4..5 of the fixed header), big-endian; the
  // header may sit at any alignment, so it is edited bytewise.
  unsigned plen = ((unsigned)d[_offset + 4] << 8) | d[_offset + 5];
  plen -= loc.rh_len;
  d[_offset + 4] = (unsigned char)(plen >> 8);
  d[_offset + 5] = (unsigned char)plen;
  // Slide everything before the SRH forward over it, then drop the front.
  memmove(d + loc.rh_len, d, loc.rh);
  q->pull(loc.rh_len);
  if (_offset != 0)
    q->set_mac_header(q->data(), _offset);
  q->set_network_header(q->data() + _offset, 40);
  _popped++;
  return q;
}

int SRv6End::process(Packet *&p) {
  if (p->length() < _offset + 40) {
    _malformed++;
    return -1;
  }
  const unsigned char *d = p->data();
  if ((d[_offset] >> 4) != 6) {
    _malformed++;
    return -1;
  }
  RhLocation loc;
  int r = find_routing_header(p, &loc);
  if (r < 0) {
    _malformed++;
    return -1;
  }
  if (r == 0)
    return OUT_LOCAL;

  uint8_t rtype = d[loc.rh + 2];
  uint8_t sl = d[loc.rh + 3];
  if (sl == 0)
    return OUT_LOCAL;
  if (rtype != SRH_TYPE) {
    set_pointer(p, loc.rh + 2 - _offset);
    return OUT_PARAMPROB;
  }
  unsigned hel = d[loc.rh + 1];
  uint8_t last_entry = d[loc.rh + 4];
  int max_last_entry = (int)(hel / 2) - 1;
  if ((int)last_entry > max_last_entry || sl > (unsigned)last_entry + 1) {
    set_pointer(p, loc.rh + 3 - _offset);
    return OUT_PARAMPROB;
  }
  if (d[_offset + 7] <= 1)
    return OUT_HLIM;

  WritablePacket *q = p->uniqueify();
  if (!q) {
    p = 0;
    return -2;
  }
  p = q;
  unsigned char *w = q->data();
  w[_offset + 7]--; // Hop Limit
  sl--;
  w[loc.rh + 3] = sl;
  // Destination Address (bytes 24..39) <- Segment List[Segments Left]
  memcpy(w + _offset + 24, w + loc.rh + SRH_FIXED + (unsigned)sl * SEGMENT_BYTES,
         SEGMENT_BYTES);
  if (_psp && sl == 0)
    p = pop_srh(q, loc);
  return OUT_FORWARD;
}

void SRv6End::push(int, Packet *p) {
  int out = process(p);
  if (out == -2)
    return; // uniqueify failed and freed the packet
  if (out < 0) {
    p->kill();
    return;
  }
  _stats[out]++;
  output(out).push(p);
}
