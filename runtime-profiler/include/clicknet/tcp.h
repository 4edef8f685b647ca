/* clicknet/tcp.h - TCP header struct and constants
 *
 * Part of Clara. Mirrors the names of the Click modular router's
 * <clicknet/tcp.h> (struct click_tcp with th_off/th_flags2 bitfields,
 * TH_* flags, TCPOPT_*, SEQ_* comparisons), but is Clara's own code: no
 * Click source was copied. Fields in network byte order.
 */
#ifndef CLICKNET_TCP_H
#define CLICKNET_TCP_H
#include <click/config.h>

#include <stdint.h>

typedef uint32_t tcp_seq_t;

struct click_tcp {
  uint16_t th_sport; /* source port */
  uint16_t th_dport; /* destination port */
  tcp_seq_t th_seq;  /* sequence number */
  tcp_seq_t th_ack;  /* acknowledgement number */
#if CLICK_BYTE_ORDER == CLICK_BIG_ENDIAN
  unsigned th_off : 4;    /* data offset in 32-bit words */
  unsigned th_flags2 : 4; /* reserved bits and NS */
#else
  unsigned th_flags2 : 4; /* reserved bits and NS */
  unsigned th_off : 4;    /* data offset in 32-bit words */
#endif
  uint8_t th_flags; /* TH_* */
  uint16_t th_win;  /* window */
  uint16_t th_sum;  /* checksum */
  uint16_t th_urp;  /* urgent pointer */
};

#define TH_FIN 0x01
#define TH_SYN 0x02
#define TH_RST 0x04
#define TH_PUSH 0x08
#define TH_ACK 0x10
#define TH_URG 0x20
#define TH_ECE 0x40
#define TH_CWR 0x80
#define TH_NS2 0x01 /* NS, in th_flags2 */

#define TCPOPT_EOL 0
#define TCPOPT_NOP 1
#define TCPOPT_MAXSEG 2
#define TCPOLEN_MAXSEG 4
#define TCPOPT_WSCALE 3
#define TCPOLEN_WSCALE 3
#define TCPOPT_SACK_PERMITTED 4
#define TCPOLEN_SACK_PERMITTED 2
#define TCPOPT_SACK 5
#define TCPOPT_TIMESTAMP 8
#define TCPOLEN_TIMESTAMP 10

/* Sequence number comparisons modulo 2^32. */
#define SEQ_LT(x, y) ((int32_t)((x) - (y)) < 0)
#define SEQ_LEQ(x, y) ((int32_t)((x) - (y)) <= 0)
#define SEQ_GT(x, y) ((int32_t)((x) - (y)) > 0)
#define SEQ_GEQ(x, y) ((int32_t)((x) - (y)) >= 0)

#endif /* CLICKNET_TCP_H */
