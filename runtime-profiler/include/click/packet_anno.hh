// click/packet_anno.hh - standard packet annotation offsets and macros
//
// Part of Clara. Mirrors the macro names of the Click modular router's
// <click/packet_anno.hh> (X_ANNO_OFFSET, X_ANNO_SIZE, X_ANNO(p),
// SET_X_ANNO(p, v)), but is Clara's own code with its own layout of the
// 48-byte annotation area: no Click source was copied. Some annotations
// overlap, as in Click; an element uses the ones it needs.
//
//   bytes  0..3   DST_IP (0..15 DST_IP6)
//   byte   16     PAINT
//   byte   17     ICMP_PARAMPROB
//   byte   18     FIX_IP_SRC
//   byte   19     MISC_IP
//   bytes  20..21 VLAN_TCI
//   bytes  22..23 AGGREGATE_AUX (16-bit scratch)
//   bytes  24..27 AGGREGATE
//   bytes  28..31 EXTRA_PACKETS
//   bytes  32..35 EXTRA_LENGTH
//   bytes  36..39 FWD_RATE          (overlaps FIRST_TIMESTAMP)
//   bytes  40..43 REV_RATE          (overlaps FIRST_TIMESTAMP, PACKET_NUMBER)
//   bytes  44..47 SEQUENCE_NUMBER
//   bytes  36..43 FIRST_TIMESTAMP   (8 bytes: seconds, subsec)
//   bytes  40..43 PACKET_NUMBER
#ifndef CLICK_PACKET_ANNO_HH
#define CLICK_PACKET_ANNO_HH

#define DST_IP_ANNO_OFFSET 0
#define DST_IP_ANNO_SIZE 4
#define DST_IP6_ANNO_OFFSET 0
#define DST_IP6_ANNO_SIZE 16

#define PAINT_ANNO_OFFSET 16
#define PAINT_ANNO_SIZE 1
#define PAINT_ANNO(p) ((p)->anno_u8(PAINT_ANNO_OFFSET))
#define SET_PAINT_ANNO(p, v) ((p)->set_anno_u8(PAINT_ANNO_OFFSET, (v)))

#define ICMP_PARAMPROB_ANNO_OFFSET 17
#define ICMP_PARAMPROB_ANNO_SIZE 1
#define ICMP_PARAMPROB_ANNO(p) ((p)->anno_u8(ICMP_PARAMPROB_ANNO_OFFSET))
#define SET_ICMP_PARAMPROB_ANNO(p, v)                                          \
  ((p)->set_anno_u8(ICMP_PARAMPROB_ANNO_OFFSET, (v)))

#define FIX_IP_SRC_ANNO_OFFSET 18
#define FIX_IP_SRC_ANNO_SIZE 1
#define FIX_IP_SRC_ANNO(p) ((p)->anno_u8(FIX_IP_SRC_ANNO_OFFSET))
#define SET_FIX_IP_SRC_ANNO(p, v)                                              \
  ((p)->set_anno_u8(FIX_IP_SRC_ANNO_OFFSET, (v)))

#define MISC_IP_ANNO_OFFSET 19
#define MISC_IP_ANNO_SIZE 1
#define MISC_IP_ANNO(p) ((p)->anno_u8(MISC_IP_ANNO_OFFSET))
#define SET_MISC_IP_ANNO(p, v) ((p)->set_anno_u8(MISC_IP_ANNO_OFFSET, (v)))

#define VLAN_TCI_ANNO_OFFSET 20
#define VLAN_TCI_ANNO_SIZE 2
#define VLAN_TCI_ANNO(p) ((p)->anno_u16(VLAN_TCI_ANNO_OFFSET))
#define SET_VLAN_TCI_ANNO(p, v) ((p)->set_anno_u16(VLAN_TCI_ANNO_OFFSET, (v)))

#define AGGREGATE_AUX_ANNO_OFFSET 22
#define AGGREGATE_AUX_ANNO_SIZE 2
#define AGGREGATE_AUX_ANNO(p) ((p)->anno_u16(AGGREGATE_AUX_ANNO_OFFSET))
#define SET_AGGREGATE_AUX_ANNO(p, v)                                           \
  ((p)->set_anno_u16(AGGREGATE_AUX_ANNO_OFFSET, (v)))

#define AGGREGATE_ANNO_OFFSET 24
#define AGGREGATE_ANNO_SIZE 4
#define AGGREGATE_ANNO(p) ((p)->anno_u32(AGGREGATE_ANNO_OFFSET))
#define SET_AGGREGATE_ANNO(p, v) ((p)->set_anno_u32(AGGREGATE_ANNO_OFFSET, (v)))

#define EXTRA_PACKETS_ANNO_OFFSET 28
#define EXTRA_PACKETS_ANNO_SIZE 4
#define EXTRA_PACKETS_ANNO(p) ((p)->anno_u32(EXTRA_PACKETS_ANNO_OFFSET))
#define SET_EXTRA_PACKETS_ANNO(p, v)                                           \
  ((p)->set_anno_u32(EXTRA_PACKETS_ANNO_OFFSET, (v)))

#define EXTRA_LENGTH_ANNO_OFFSET 32
#define EXTRA_LENGTH_ANNO_SIZE 4
#define EXTRA_LENGTH_ANNO(p) ((p)->anno_u32(EXTRA_LENGTH_ANNO_OFFSET))
#define SET_EXTRA_LENGTH_ANNO(p, v)                                            \
  ((p)->set_anno_u32(EXTRA_LENGTH_ANNO_OFFSET, (v)))

#define FWD_RATE_ANNO_OFFSET 36
#define FWD_RATE_ANNO_SIZE 4
#define FWD_RATE_ANNO(p) ((p)->anno_s32(FWD_RATE_ANNO_OFFSET))
#define SET_FWD_RATE_ANNO(p, v) ((p)->set_anno_s32(FWD_RATE_ANNO_OFFSET, (v)))

#define REV_RATE_ANNO_OFFSET 40
#define REV_RATE_ANNO_SIZE 4
#define REV_RATE_ANNO(p) ((p)->anno_s32(REV_RATE_ANNO_OFFSET))
#define SET_REV_RATE_ANNO(p, v) ((p)->set_anno_s32(REV_RATE_ANNO_OFFSET, (v)))

#define SEQUENCE_NUMBER_ANNO_OFFSET 44
#define SEQUENCE_NUMBER_ANNO_SIZE 4
#define SEQUENCE_NUMBER_ANNO(p) ((p)->anno_u32(SEQUENCE_NUMBER_ANNO_OFFSET))
#define SET_SEQUENCE_NUMBER_ANNO(p, v)                                         \
  ((p)->set_anno_u32(SEQUENCE_NUMBER_ANNO_OFFSET, (v)))

#define PACKET_NUMBER_ANNO_OFFSET 40
#define PACKET_NUMBER_ANNO_SIZE 4
#define PACKET_NUMBER_ANNO(p) ((p)->anno_u32(PACKET_NUMBER_ANNO_OFFSET))
#define SET_PACKET_NUMBER_ANNO(p, v)                                           \
  ((p)->set_anno_u32(PACKET_NUMBER_ANNO_OFFSET, (v)))

#define FIRST_TIMESTAMP_ANNO_OFFSET 36
#define FIRST_TIMESTAMP_ANNO_SIZE 8
#define FIRST_TIMESTAMP_ANNO(p)                                                \
  (Timestamp((p)->anno_s32(FIRST_TIMESTAMP_ANNO_OFFSET),                       \
             (p)->anno_u32(FIRST_TIMESTAMP_ANNO_OFFSET + 4)))
#define SET_FIRST_TIMESTAMP_ANNO(p, t)                                         \
  ((p)->set_anno_s32(FIRST_TIMESTAMP_ANNO_OFFSET, (t).sec()),                  \
   (p)->set_anno_u32(FIRST_TIMESTAMP_ANNO_OFFSET + 4, (t).subsec()))

#endif // CLICK_PACKET_ANNO_HH
