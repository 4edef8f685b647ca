/* clicknet/ether.h - Ethernet, VLAN and ARP header structs and constants
 *
 * Part of Clara. Mirrors the names of the Click modular router's
 * <clicknet/ether.h> (struct click_ether, ETHERTYPE_*, click_arp ...), but
 * is Clara's own code: no Click source was copied. Plain C; fields in
 * network byte order.
 */
#ifndef CLICKNET_ETHER_H
#define CLICKNET_ETHER_H
#include <click/config.h>

#include <stdint.h>

struct click_ether {
  uint8_t ether_dhost[6]; /* destination address */
  uint8_t ether_shost[6]; /* source address */
  uint16_t ether_type;    /* ETHERTYPE_* */
};

#define ETHERTYPE_IP 0x0800
#define ETHERTYPE_ARP 0x0806
#define ETHERTYPE_TRAIL 0x1000
#define ETHERTYPE_8021Q 0x8100
#define ETHERTYPE_IP6 0x86DD
#define ETHERTYPE_MACCONTROL 0x8808
#define ETHERTYPE_PPPOE_DISC 0x8863
#define ETHERTYPE_PPPOE_SESSION 0x8864
#define ETHERTYPE_GRID 0x7fff

#define ETHER_ADDR_LEN 6
#define ETHER_HEADER_LEN 14

struct click_ether_vlan {
  uint8_t ether_dhost[6];
  uint8_t ether_shost[6];
  uint16_t ether_vlan_proto; /* ETHERTYPE_8021Q */
  uint16_t ether_vlan_tci;
  uint16_t ether_vlan_encap_proto;
};

struct click_arp {
  uint16_t ar_hrd; /* ARPHRD_* */
  uint16_t ar_pro; /* ETHERTYPE_IP */
  uint8_t ar_hln;  /* 6 */
  uint8_t ar_pln;  /* 4 */
  uint16_t ar_op;  /* ARPOP_* */
};

#define ARPHRD_ETHER 1
#define ARPHRD_IEEE802 6
#define ARPHRD_80211 801

#define ARPOP_REQUEST 1
#define ARPOP_REPLY 2
#define ARPOP_REVREQUEST 3
#define ARPOP_REVREPLY 4
#define ARPOP_INVREQUEST 8
#define ARPOP_INVREPLY 9

struct click_ether_arp {
  struct click_arp ea_hdr;
  uint8_t arp_sha[6]; /* sender hardware address */
  uint8_t arp_spa[4]; /* sender protocol address */
  uint8_t arp_tha[6]; /* target hardware address */
  uint8_t arp_tpa[4]; /* target protocol address */
};

#endif /* CLICKNET_ETHER_H */
