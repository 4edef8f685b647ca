/* clicknet/ip.h - IPv4 header struct and constants
 *
 * Part of Clara. Mirrors the names of the Click modular router's
 * <clicknet/ip.h> (struct click_ip with ip_v/ip_hl bitfields, IP_PROTO_*,
 * IP_DF/IP_MF/IP_OFFMASK, IP_ISFRAG/IP_FIRSTFRAG, click_in_cksum_pseudohdr,
 * click_update_in_cksum), but is Clara's own code: no Click source was
 * copied. Fields in network byte order.
 */
#ifndef CLICKNET_IP_H
#define CLICKNET_IP_H
#include <click/config.h>

#include <netinet/in.h>
#include <stdint.h>

struct click_ip {
#if CLICK_BYTE_ORDER == CLICK_BIG_ENDIAN
  unsigned ip_v : 4;  /* version: 4 */
  unsigned ip_hl : 4; /* header length in 32-bit words */
#else
  unsigned ip_hl : 4; /* header length in 32-bit words */
  unsigned ip_v : 4;  /* version: 4 */
#endif
  uint8_t ip_tos;        /* type of service (DSCP, ECN) */
  uint16_t ip_len;       /* total length */
  uint16_t ip_id;        /* identification */
  uint16_t ip_off;       /* flags and fragment offset */
  uint8_t ip_ttl;        /* time to live */
  uint8_t ip_p;          /* protocol: IP_PROTO_* */
  uint16_t ip_sum;       /* header checksum */
  struct in_addr ip_src; /* source address */
  struct in_addr ip_dst; /* destination address */
};

#define IP_RF 0x8000      /* reserved fragment flag */
#define IP_DF 0x4000      /* don't fragment */
#define IP_MF 0x2000      /* more fragments */
#define IP_OFFMASK 0x1FFF /* fragment offset, in 8-byte units */

#define IP_ISFRAG(iph) (((iph)->ip_off & htons(IP_MF | IP_OFFMASK)) != 0)
#define IP_FIRSTFRAG(iph) (((iph)->ip_off & htons(IP_OFFMASK)) == 0)

#define IP_PROTO_ICMP 1
#define IP_PROTO_IGMP 2
#define IP_PROTO_GGP 3
#define IP_PROTO_IPIP 4
#define IP_PROTO_ST 5
#define IP_PROTO_TCP 6
#define IP_PROTO_UCL 7
#define IP_PROTO_EGP 8
#define IP_PROTO_IGP 9
#define IP_PROTO_UDP 17
#define IP_PROTO_IPV6 41
#define IP_PROTO_RSVP 46
#define IP_PROTO_GRE 47
#define IP_PROTO_ESP 50
#define IP_PROTO_AH 51
#define IP_PROTO_ICMP6 58
#define IP_PROTO_NONE 59
#define IP_PROTO_OSPF 89
#define IP_PROTO_PIM 103
#define IP_PROTO_SCTP 132
#define IP_PROTO_RAW 255
#define IP_PROTO_TCP_OR_UDP 256 /* pseudo-protocols for classifiers */
#define IP_PROTO_TRANSP 257

#define IPTOS_TOS_MASK 0x1E
#define IPTOS_LOWDELAY 0x10
#define IPTOS_THROUGHPUT 0x08
#define IPTOS_RELIABILITY 0x04
#define IPTOS_DSCP_MASK 0xFC
#define IPTOS_DSCP_SHIFT 2

#define IP_ECNMASK 0x03
#define IP_ECN_NOT_ECT 0x00
#define IP_ECN_ECT1 0x01
#define IP_ECN_ECT2 0x02
#define IP_ECN_CE 0x03

#define IPOPT_EOL 0
#define IPOPT_NOP 1
#define IPOPT_RR 7
#define IPOPT_TS 68
#define IPOPT_SECURITY 130
#define IPOPT_LSRR 131
#define IPOPT_SATID 136
#define IPOPT_SSRR 137
#define IPOPT_RA 148

#define IP_MAXPACKET 65535

#ifdef __cplusplus
CLICK_DECLS
uint16_t click_in_cksum_pseudohdr_raw(uint32_t csum, uint32_t src, uint32_t dst,
                                      int proto, int packet_len);
/* The pseudo-header checksum for a header with IP options. */
uint16_t click_in_cksum_pseudohdr_hard(uint32_t csum,
                                       const struct click_ip *iph,
                                       int packet_len);

/* The TCP/UDP checksum for the packet whose IP header is iph: csum is
 * click_in_cksum() of the transport header and payload (checksum field
 * zeroed), packet_len their length. */
static inline uint16_t click_in_cksum_pseudohdr(uint32_t csum,
                                                const struct click_ip *iph,
                                                int packet_len) {
  if (iph->ip_hl == 5)
    return click_in_cksum_pseudohdr_raw(
        csum, iph->ip_src.s_addr, iph->ip_dst.s_addr, iph->ip_p, packet_len);
  return click_in_cksum_pseudohdr_hard(csum, iph, packet_len);
}

/* Incrementally update checksum *csum after a 16-bit word changed from
 * old_hw to new_hw (RFC 1624; all values in network byte order). */
static inline void click_update_in_cksum(uint16_t *csum, uint16_t old_hw,
                                         uint16_t new_hw) {
  uint32_t sum = (uint16_t)~*csum;
  sum += (uint16_t)~old_hw;
  sum += new_hw;
  sum = (sum & 0xFFFF) + (sum >> 16);
  sum = (sum & 0xFFFF) + (sum >> 16);
  *csum = (uint16_t)~sum;
}

/* Like click_update_in_cksum, for UDP where 0 means "no checksum". */
static inline void click_update_zero_in_cksum(uint16_t *csum, uint16_t old_hw,
                                              uint16_t new_hw) {
  if (*csum != 0) {
    click_update_in_cksum(csum, old_hw, new_hw);
    if (*csum == 0)
      *csum = 0xFFFF;
  }
}
CLICK_ENDDECLS
#endif

#endif /* CLICKNET_IP_H */
