/* clicknet/ip6.h - IPv6 header struct
 *
 * Part of Clara. Mirrors the names of the Click modular router's
 * <clicknet/ip6.h> (struct click_ip6), but is Clara's own code: no Click
 * source was copied. Fields in network byte order.
 */
#ifndef CLICKNET_IP6_H
#define CLICKNET_IP6_H
#include <click/config.h>

#include <netinet/in.h>
#include <stdint.h>

struct click_ip6 {
  union {
    struct {
      uint32_t ip6_un1_flow; /* version:4, traffic class:8, flow label:20 */
      uint16_t ip6_un1_plen; /* payload length */
      uint8_t ip6_un1_nxt;   /* next header */
      uint8_t ip6_un1_hlim;  /* hop limit */
    } ip6_un1;
    uint8_t ip6_un2_vfc; /* version:4, traffic class high:4 */
    uint32_t ip6_un3_fc;
  } ip6_ctlun;
  struct in6_addr ip6_src;
  struct in6_addr ip6_dst;
};

#define ip6_v ip6_ctlun.ip6_un2_vfc
#define ip6_vfc ip6_ctlun.ip6_un2_vfc
#define ip6_flow ip6_ctlun.ip6_un1.ip6_un1_flow
#define ip6_plen ip6_ctlun.ip6_un1.ip6_un1_plen
#define ip6_nxt ip6_ctlun.ip6_un1.ip6_un1_nxt
#define ip6_hlim ip6_ctlun.ip6_un1.ip6_un1_hlim

#endif /* CLICKNET_IP6_H */
