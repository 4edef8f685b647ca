//===- test/nf/udpipencap.cc - UDPIPEncap: encapsulate in UDP/IPv4 --------===//
//
// Prepends a fresh IPv4 and UDP header to every packet (a UDP tunnel or
// export encapsulation): fixed or annotation-supplied destination, a
// per-packet IP identification, outer ECN copied from an inner IPv4 header
// (RFC 6040), an MTU check, the IP header checksum from a configure-time
// partial sum, and an optional UDP checksum over pseudo-header and payload.
// This is the paper's "udpipencap" NF.
//
// Entry points: UDPIPEncap::simple_action
// State: UDPIPEncap::_saddr (none, outer source address);
//        UDPIPEncap::_daddr (none, outer destination address);
//        UDPIPEncap::_sport (none, UDP source port);
//        UDPIPEncap::_dport (none, UDP destination port);
//        UDPIPEncap::_cksum (none, compute the UDP checksum);
//        UDPIPEncap::_use_dst_anno (none, destination from the annotation);
//        UDPIPEncap::_df (none, set the don't-fragment flag);
//        UDPIPEncap::_ttl (none, outer TTL);
//        UDPIPEncap::_tos (none, outer TOS byte);
//        UDPIPEncap::_mtu (none, largest packet emitted);
//        UDPIPEncap::_id (none, next IP identification);
//        UDPIPEncap::_hdr_partial_sum (none, checksum of the constant words);
//        UDPIPEncap::_encapsulated (none, packets encapsulated);
//        UDPIPEncap::_bytes (none, bytes emitted);
//        UDPIPEncap::_too_big (none, packets dropped for the MTU);
//        UDPIPEncap::_no_headroom (none, packets lost when pushing headers)
// Accelerator opportunities: none — the Internet checksum (one's-complement
//        sum in sum_words/fold) is not a CRC, and there is no lookup, hash or
//        crypto.
//
//===----------------------------------------------------------------------===//
//
// clang-format off
// RUN: %clara_nf_cxx -g %s -o %t.g.bc
// RUN: %clara_opt -passes='print<clara-annotate>' -disable-output %t.g.bc 2>&1 | FileCheck %s --check-prefixes=CHECK,DBG
// RUN: %clara_nf_cxx %s -o %t.bc
// RUN: %clara_opt -passes='print<clara-annotate>' -disable-output %t.bc 2>&1 | FileCheck %s --check-prefixes=CHECK,NODBG
// RUN: %clara_nf_cxx_plain %s -o %t.plain.bc
// RUN: %clara_opt -passes='print<clara-annotate>' -disable-output %t.plain.bc 2>&1 | FileCheck %s --check-prefixes=CHECK,NODBG
//
// CHECK: clara-annotate: EntryPoints=1 StateObjects=16
// CHECK-DAG: EntryPoint Function=_ZN10UDPIPEncap13simple_actionEP6Packet Demangled=UDPIPEncap::simple_action(Packet*)
// DBG-DAG: StateObject Name=UDPIPEncap::_saddr Bytes=4 Container=none Shared=no
// NODBG-DAG: StateObject Name=UDPIPEncap.1 Bytes=4 Container=none Shared=no
// DBG-DAG: StateObject Name=UDPIPEncap::_daddr Bytes=4 Container=none Shared=no
// NODBG-DAG: StateObject Name=UDPIPEncap.2 Bytes=4 Container=none Shared=no
// DBG-DAG: StateObject Name=UDPIPEncap::_sport Bytes=2 Container=none Shared=no
// NODBG-DAG: StateObject Name=UDPIPEncap.3 Bytes=2 Container=none Shared=no
// DBG-DAG: StateObject Name=UDPIPEncap::_dport Bytes=2 Container=none Shared=no
// NODBG-DAG: StateObject Name=UDPIPEncap.4 Bytes=2 Container=none Shared=no
// DBG-DAG: StateObject Name=UDPIPEncap::_cksum Bytes=1 Container=none Shared=no
// NODBG-DAG: StateObject Name=UDPIPEncap.5 Bytes=1 Container=none Shared=no
// DBG-DAG: StateObject Name=UDPIPEncap::_use_dst_anno Bytes=1 Container=none Shared=no
// NODBG-DAG: StateObject Name=UDPIPEncap.6 Bytes=1 Container=none Shared=no
// DBG-DAG: StateObject Name=UDPIPEncap::_df Bytes=1 Container=none Shared=no
// NODBG-DAG: StateObject Name=UDPIPEncap.7 Bytes=1 Container=none Shared=no
// DBG-DAG: StateObject Name=UDPIPEncap::_ttl Bytes=1 Container=none Shared=no
// NODBG-DAG: StateObject Name=UDPIPEncap.8 Bytes=1 Container=none Shared=no
// DBG-DAG: StateObject Name=UDPIPEncap::_tos Bytes=1 Container=none Shared=no
// NODBG-DAG: StateObject Name=UDPIPEncap.9 Bytes=1 Container=none Shared=no
// DBG-DAG: StateObject Name=UDPIPEncap::_mtu Bytes=2 Container=none Shared=no
// NODBG-DAG: StateObject Name=UDPIPEncap.10 Bytes=2 Container=none Shared=no
// DBG-DAG: StateObject Name=UDPIPEncap::_id Bytes=2 Container=none Shared=no
// NODBG-DAG: StateObject Name=UDPIPEncap.11 Bytes=2 Container=none Shared=no
// DBG-DAG: StateObject Name=UDPIPEncap::_hdr_partial_sum Bytes=4 Container=none Shared=no
// NODBG-DAG: StateObject Name=UDPIPEncap.12 Bytes=4 Container=none Shared=no
// DBG-DAG: StateObject Name=UDPIPEncap::_encapsulated Bytes=4 Container=none Shared=no
// NODBG-DAG: StateObject Name=UDPIPEncap.13 Bytes=4 Container=none Shared=no
// DBG-DAG: StateObject Name=UDPIPEncap::_bytes Bytes=8 Container=none Shared=no
// NODBG-DAG: StateObject Name=UDPIPEncap.14 Bytes=8 Container=none Shared=no
// DBG-DAG: StateObject Name=UDPIPEncap::_too_big Bytes=4 Container=none Shared=no
// NODBG-DAG: StateObject Name=UDPIPEncap.15 Bytes=4 Container=none Shared=no
// DBG-DAG: StateObject Name=UDPIPEncap::_no_headroom Bytes=4 Container=none Shared=no
// NODBG-DAG: StateObject Name=UDPIPEncap.16 Bytes=4 Container=none Shared=no
// clang-format on

#include <click/config.h>

#include <click/args.hh>
#include <click/element.hh>
#include <click/error.hh>
#include <click/packet.hh>
#include <clicknet/ip.h>
#include <clicknet/udp.h>

// Wraps every packet in a fresh IPv4 + UDP header (a tunnel or a
// measurement-export encapsulation).  The constant part of the IP header
// checksum is summed once at configure time; per packet only the length,
// the identification and (with DST_ANNO) the destination are added in.
class UDPIPEncap : public Element {
public:
  UDPIPEncap();

  const char *class_name() const override { return "UDPIPEncap"; }
  const char *port_count() const override { return PORTS_1_1; }
  int configure(Vector<String> &conf, ErrorHandler *errh) override;

  Packet *simple_action(Packet *p) override;

private:
  enum { HEADROOM = sizeof(click_ip) + sizeof(click_udp) };

  void precompute_header_sum();
  uint16_t ip_header_cksum(uint16_t len_net, uint16_t id_net,
                           uint32_t dst_net) const;
  uint16_t udp_cksum(const click_ip *iph, const click_udp *udph,
                     unsigned udp_len) const;
  static uint32_t sum_words(const uint8_t *data, unsigned len, uint32_t sum);
  static uint16_t fold(uint32_t sum);

  uint32_t _saddr; // network byte order
  uint32_t _daddr; // network byte order
  uint16_t _sport; // network byte order
  uint16_t _dport; // network byte order
  bool _cksum;
  bool _use_dst_anno;
  bool _df;
  uint8_t _ttl;
  uint8_t _tos;
  uint16_t _mtu;
  uint16_t _id;
  uint32_t _hdr_partial_sum; // one's-complement sum of the constant words
  uint32_t _encapsulated;
  uint64_t _bytes;
  uint32_t _too_big;
  uint32_t _no_headroom;
};

UDPIPEncap::UDPIPEncap()
    : _saddr(0), _daddr(0), _sport(0), _dport(0), _cksum(true),
      _use_dst_anno(false), _df(false), _ttl(250), _tos(0), _mtu(1500), _id(0),
      _hdr_partial_sum(0), _encapsulated(0), _bytes(0), _too_big(0),
      _no_headroom(0) {}

int UDPIPEncap::configure(Vector<String> &conf, ErrorHandler *errh) {
  IPAddress saddr, daddr;
  String dst;
  uint16_t sport, dport;
  if (Args(conf, this, errh)
          .read_mp("SRC", saddr)
          .read_mp("SPORT", sport)
          .read_mp("DST", AnyArg(), dst)
          .read_mp("DPORT", dport)
          .read_p("CHECKSUM", _cksum)
          .read("TTL", _ttl)
          .read("TOS", _tos)
          .read("DF", _df)
          .read("MTU", _mtu)
          .complete() < 0)
    return -1;
  if (dst == "DST_ANNO")
    _use_dst_anno = true;
  else if (!IPAddressArg::parse(dst, daddr, ArgContext(this, errh)))
    return errh->error("DST: expected IP address or DST_ANNO");
  _saddr = saddr.addr();
  _daddr = daddr.addr();
  _sport = htons(sport);
  _dport = htons(dport);
  precompute_header_sum();
  return 0;
}

uint32_t UDPIPEncap::sum_words(const uint8_t *data, unsigned len,
                               uint32_t sum) {
  while (len > 1) {
    sum += (uint32_t)((data[0] << 8) | data[1]);
    data += 2;
    len -= 2;
  }
  if (len)
    sum += (uint32_t)(data[0] << 8);
  return sum;
}

uint16_t UDPIPEncap::fold(uint32_t sum) {
  while (sum >> 16)
    sum = (sum & 0xFFFF) + (sum >> 16);
  return (uint16_t)sum;
}

// Sum of the header words that never change: version/IHL/TOS, TTL/protocol,
// the source address, the flags (if DF) and, unless DST_ANNO, the
// destination.  Host-order arithmetic.
void UDPIPEncap::precompute_header_sum() {
  uint32_t sum = 0;
  sum += (0x45U << 8) | _tos;
  sum += ((uint32_t)_ttl << 8) | IP_PROTO_UDP;
  sum += ntohl(_saddr) >> 16;
  sum += ntohl(_saddr) & 0xFFFF;
  if (_df)
    sum += IP_DF;
  if (!_use_dst_anno) {
    sum += ntohl(_daddr) >> 16;
    sum += ntohl(_daddr) & 0xFFFF;
  }
  _hdr_partial_sum = sum;
}

uint16_t UDPIPEncap::ip_header_cksum(uint16_t len_net, uint16_t id_net,
                                     uint32_t dst_net) const {
  uint32_t sum = _hdr_partial_sum;
  sum += ntohs(len_net);
  sum += ntohs(id_net);
  if (_use_dst_anno) {
    uint32_t dst = ntohl(dst_net);
    sum += dst >> 16;
    sum += dst & 0xFFFF;
  }
  return htons((uint16_t)~fold(sum));
}

// UDP checksum: pseudo-header (addresses, protocol, UDP length), then the UDP
// header and payload.  A computed zero is sent as 0xFFFF (RFC 768).
uint16_t UDPIPEncap::udp_cksum(const click_ip *iph, const click_udp *udph,
                               unsigned udp_len) const {
  uint32_t sum = 0;
  uint32_t src = ntohl(iph->ip_src.s_addr);
  uint32_t dst = ntohl(iph->ip_dst.s_addr);
  sum += src >> 16;
  sum += src & 0xFFFF;
  sum += dst >> 16;
  sum += dst & 0xFFFF;
  sum += IP_PROTO_UDP;
  sum += udp_len;
  sum = sum_words(reinterpret_cast<const uint8_t *>(udph), udp_len, sum);
  uint16_t c = (uint16_t)~fold(sum);
  if (c == 0)
    c = 0xFFFF;
  return htons(c);
}

Packet *UDPIPEncap::simple_action(Packet *p) {
  unsigned payload_len = p->length();
  unsigned total = payload_len + HEADROOM;
  if (total > _mtu || total > 0xFFFF) {
    _too_big++;
    p->kill();
    return 0;
  }

  // Tunnelled IPv4 keeps its DSCP and ECN bits on the outer header
  // (RFC 6040 normal mode), so that queues on the path treat it the same.
  uint8_t tos = _tos;
  if (payload_len >= sizeof(click_ip)) {
    const click_ip *inner = reinterpret_cast<const click_ip *>(p->data());
    if (inner->ip_v == 4 && inner->ip_hl >= 5)
      tos = (uint8_t)((tos & ~IP_ECNMASK) | (inner->ip_tos & IP_ECNMASK));
  }

  uint32_t dst = _daddr;
  if (_use_dst_anno) {
    uint32_t anno = p->dst_ip_anno().addr();
    if (anno != 0)
      dst = anno;
  }

  // The new IP header must be 4-byte aligned (32-bit header accesses, NIC
  // DMA); move the data within the buffer if it would not be.
  uintptr_t misalign = ((uintptr_t)p->data() - HEADROOM) & 3;
  if (misalign) {
    p = p->shift_data(-(int)misalign);
    if (!p) {
      _no_headroom++;
      return 0;
    }
  }
  WritablePacket *q = p->push(HEADROOM);
  if (!q) {
    _no_headroom++;
    return 0;
  }

  click_ip *iph = reinterpret_cast<click_ip *>(q->data());
  click_udp *udph = reinterpret_cast<click_udp *>(iph + 1);
  uint16_t len_net = htons((uint16_t)total);
  uint16_t id_net = htons(_id);
  _id++;

  iph->ip_v = 4;
  iph->ip_hl = sizeof(click_ip) >> 2;
  iph->ip_tos = tos;
  iph->ip_len = len_net;
  iph->ip_id = id_net;
  iph->ip_off = _df ? htons(IP_DF) : 0;
  iph->ip_ttl = _ttl;
  iph->ip_p = IP_PROTO_UDP;
  iph->ip_src.s_addr = _saddr;
  iph->ip_dst.s_addr = dst;
  iph->ip_sum = ip_header_cksum(len_net, id_net, dst);
  if (tos != _tos) {
    // ECN bits differ from the precomputed sum: patch the TOS word in.
    uint32_t sum = (uint16_t)~ntohs(iph->ip_sum);
    sum += (uint16_t)~((0x45U << 8) | _tos);
    sum += (0x45U << 8) | tos;
    iph->ip_sum = htons((uint16_t)~fold(sum));
  }

  udph->uh_sport = _sport;
  udph->uh_dport = _dport;
  unsigned udp_len = payload_len + sizeof(click_udp);
  udph->uh_ulen = htons((uint16_t)udp_len);
  udph->uh_sum = 0;
  if (_cksum)
    udph->uh_sum = udp_cksum(iph, udph, udp_len);

  q->set_ip_header(iph, sizeof(click_ip));
  q->set_dst_ip_anno(IPAddress(dst));
  _encapsulated++;
  _bytes += total;
  return q;
}

// Host-driver entry for clara-replay: one UDPIPEncap.
#include <click/clara.hh>

extern "C" Element *clara_nf_create(const char *config) {
  UDPIPEncap *e = new UDPIPEncap;
  String conf = config && *config
                    ? String(config)
                    : String("10.0.0.1, 4789, 10.0.0.2, 4789, CHECKSUM true");
  if (clara_element_setup(e, conf) < 0) {
    delete e;
    return 0;
  }
  return e;
}
