// ipflowid.cc - IPFlowID construction from packets, unparsing
//
// Part of Clara's Click-compatible framework (library click_compat).
// Mirrors the behaviour of the Click modular router's IPFlowID, but is
// Clara's own code: no Click source was copied.
#include <click/config.h>
#include <click/ipflowid.hh>
#include <click/packet.hh>
#include <click/straccum.hh>
#include <clicknet/ip.h>
#include <clicknet/udp.h>

CLICK_DECLS

// TCP and UDP both start with the 16-bit source and destination ports.
static void ports_of(const unsigned char *th, uint16_t &sport,
                     uint16_t &dport) {
  const click_udp *uh = reinterpret_cast<const click_udp *>(th);
  sport = uh->uh_sport;
  dport = uh->uh_dport;
}

IPFlowID::IPFlowID(const Packet *p, bool reverse) {
  const click_ip *iph = p->ip_header();
  const unsigned char *th = p->has_transport_header()
                                ? p->transport_header()
                                : p->network_header() + (iph->ip_hl << 2);
  uint16_t sport, dport;
  ports_of(th, sport, dport);
  if (reverse)
    assign(IPAddress(iph->ip_dst), dport, IPAddress(iph->ip_src), sport);
  else
    assign(IPAddress(iph->ip_src), sport, IPAddress(iph->ip_dst), dport);
}

IPFlowID::IPFlowID(const click_ip *iph, bool reverse) {
  const unsigned char *th =
      reinterpret_cast<const unsigned char *>(iph) + (iph->ip_hl << 2);
  uint16_t sport, dport;
  ports_of(th, sport, dport);
  if (reverse)
    assign(IPAddress(iph->ip_dst), dport, IPAddress(iph->ip_src), sport);
  else
    assign(IPAddress(iph->ip_src), sport, IPAddress(iph->ip_dst), dport);
}

String IPFlowID::unparse() const {
  StringAccum sa;
  sa << '(' << _saddr << ", " << ntohs(_sport) << ", " << _daddr << ", "
     << ntohs(_dport) << ')';
  return sa.take_string();
}

StringAccum &operator<<(StringAccum &sa, const IPFlowID &flow) {
  return sa << flow.unparse();
}

CLICK_ENDDECLS
