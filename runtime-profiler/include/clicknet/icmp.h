/* clicknet/icmp.h - ICMP header structs and constants
 *
 * Part of Clara. Mirrors the names of the Click modular router's
 * <clicknet/icmp.h> (struct click_icmp, click_icmp_echo,
 * click_icmp_paramprob, click_icmp_redirect, click_icmp_unreach; ICMP_*
 * types and codes), but is Clara's own code: no Click source was copied.
 * Fields in network byte order.
 */
#ifndef CLICKNET_ICMP_H
#define CLICKNET_ICMP_H
#include <click/config.h>

#include <netinet/in.h>
#include <stdint.h>

struct click_icmp {
  uint8_t icmp_type;   /* ICMP_* */
  uint8_t icmp_code;   /* type-specific code */
  uint16_t icmp_cksum; /* checksum */
  uint32_t padding;    /* type-specific data */
};

struct click_icmp_echo {
  uint8_t icmp_type;
  uint8_t icmp_code;
  uint16_t icmp_cksum;
  uint16_t icmp_identifier;
  uint16_t icmp_sequence;
};

struct click_icmp_paramprob {
  uint8_t icmp_type;
  uint8_t icmp_code;
  uint16_t icmp_cksum;
  uint8_t icmp_pointer;
  uint8_t padding[3];
};

struct click_icmp_redirect {
  uint8_t icmp_type;
  uint8_t icmp_code;
  uint16_t icmp_cksum;
  struct in_addr icmp_gateway;
};

struct click_icmp_unreach {
  uint8_t icmp_type;
  uint8_t icmp_code;
  uint16_t icmp_cksum;
  uint16_t padding;
  uint16_t icmp_nextmtu; /* for ICMP_UNREACH_NEEDFRAG */
};

struct click_icmp_tstamp {
  uint8_t icmp_type;
  uint8_t icmp_code;
  uint16_t icmp_cksum;
  uint16_t icmp_identifier;
  uint16_t icmp_sequence;
  uint32_t icmp_originate;
  uint32_t icmp_receive;
  uint32_t icmp_transmit;
};

#define ICMP_ECHOREPLY 0
#define ICMP_UNREACH 3
#define ICMP_SOURCEQUENCH 4
#define ICMP_REDIRECT 5
#define ICMP_ECHO 8
#define ICMP_ROUTERADVERT 9
#define ICMP_ROUTERSOLICIT 10
#define ICMP_TIMXCEED 11
#define ICMP_PARAMPROB 12
#define ICMP_TSTAMP 13
#define ICMP_TSTAMPREPLY 14
#define ICMP_IREQ 15
#define ICMP_IREQREPLY 16
#define ICMP_MASKREQ 17
#define ICMP_MASKREPLY 18

#define ICMP_UNREACH_NET 0
#define ICMP_UNREACH_HOST 1
#define ICMP_UNREACH_PROTOCOL 2
#define ICMP_UNREACH_PORT 3
#define ICMP_UNREACH_NEEDFRAG 4
#define ICMP_UNREACH_SRCFAIL 5
#define ICMP_UNREACH_NET_UNKNOWN 6
#define ICMP_UNREACH_HOST_UNKNOWN 7
#define ICMP_UNREACH_ISOLATED 8
#define ICMP_UNREACH_NET_PROHIB 9
#define ICMP_UNREACH_HOST_PROHIB 10
#define ICMP_UNREACH_TOSNET 11
#define ICMP_UNREACH_TOSHOST 12
#define ICMP_UNREACH_FILTER_PROHIB 13

#define ICMP_REDIRECT_NET 0
#define ICMP_REDIRECT_HOST 1
#define ICMP_REDIRECT_TOSNET 2
#define ICMP_REDIRECT_TOSHOST 3

#define ICMP_TIMXCEED_TRANSIT 0
#define ICMP_TIMXCEED_REASSEMBLY 1

#define ICMP_PARAMPROB_ERRATPTR 0
#define ICMP_PARAMPROB_OPTABSENT 1

#endif /* CLICKNET_ICMP_H */
