/* clicknet/udp.h - UDP header struct
 *
 * Part of Clara. Mirrors the names of the Click modular router's
 * <clicknet/udp.h> (struct click_udp), but is Clara's own code: no Click
 * source was copied. Fields in network byte order.
 */
#ifndef CLICKNET_UDP_H
#define CLICKNET_UDP_H
#include <click/config.h>

#include <stdint.h>

struct click_udp {
  uint16_t uh_sport; /* source port */
  uint16_t uh_dport; /* destination port */
  uint16_t uh_ulen;  /* UDP length (header and data) */
  uint16_t uh_sum;   /* checksum (0: none) */
};

#endif /* CLICKNET_UDP_H */
