/* The CRC field of CAN frames computed the way a CAN protocol controller
 * does it (ISO 11898-1): the register is clocked once per transmitted bit
 * of the unstuffed bit stream, from the start-of-frame bit to the end of
 * the data field, CRCNXT = next bit xor register top bit, shift left, add
 * the generator when CRCNXT is set. Classic CAN uses the 15-bit generator
 * 0x4599 (CRC-15/CAN); CAN FD uses 17 bits (0x1685B) up to 16 data bytes
 * and 21 bits (0x102899) above. Bit stuffing is not part of it. The
 * register, width and generator live in a small "unit" record. Label: crc. */
#include <stdint.h>

struct crc_unit {
  uint32_t rg;   /* CRC_RG */
  uint32_t gen;  /* generator without its top term */
  uint8_t width; /* 15, 17 or 21 */
};

struct can_std_frame {
  uint16_t ident; /* 11 bits */
  uint8_t rtr;
  uint8_t dlc; /* 0..8 */
  uint8_t data[8];
};

/* One bit time of the CRC unit. */
void crcu_clock(struct crc_unit *u, unsigned nxtbit) {
  unsigned top = (u->rg >> (u->width - 1)) & 1u;
  unsigned crcnxt = (nxtbit & 1u) ^ top;
  u->rg = (u->rg << 1) & ((1u << u->width) - 1u);
  if (crcnxt)
    u->rg ^= u->gen;
}

/* Clock in a field of nbits, most significant bit first. */
static void crcu_field(struct crc_unit *u, uint32_t value, int nbits) {
  while (nbits-- > 0)
    crcu_clock(u, (value >> nbits) & 1u);
}

/* Whole bytes, MSB first (used for the catalogue check value). */
uint32_t crcu_octets(struct crc_unit *u, const uint8_t *p, unsigned n) {
  const uint8_t *end = p + n;
  for (; p != end; p++) {
    uint8_t b = *p;
    int k = 8;
    do {
      k--;
      crcu_clock(u, (b >> k) & 1u);
    } while (k > 0);
  }
  return u->rg;
}

/* CRC sequence of a classic base-format data or remote frame:
 * SOF, identifier, RTR, IDE, r0, DLC, data. */
uint16_t can_crc_sequence(const struct can_std_frame *f) {
  struct crc_unit u;
  u.rg = 0;
  u.gen = 0x4599;
  u.width = 15;
  crcu_clock(&u, 0); /* SOF is dominant */
  crcu_field(&u, f->ident & 0x7FFu, 11);
  crcu_field(&u, f->rtr ? 1u : 0u, 1);
  crcu_field(&u, 0, 1); /* IDE */
  crcu_field(&u, 0, 1); /* r0 */
  crcu_field(&u, f->dlc & 0xFu, 4);
  if (!f->rtr) {
    unsigned n = f->dlc > 8 ? 8 : f->dlc;
    for (unsigned i = 0; i < n; i++)
      crcu_field(&u, f->data[i], 8);
  }
  return (uint16_t)u.rg;
}

/* CAN FD: the generator is chosen by the payload length; the caller gives
 * the bits to protect as a packed MSB-first byte string plus a bit count. */
uint32_t canfd_crc(const uint8_t *bits, unsigned nbits, unsigned payload,
                   uint32_t seed) {
  struct crc_unit u;
  if (payload <= 16) {
    u.gen = 0x1685Bu;
    u.width = 17;
  } else {
    u.gen = 0x102899u;
    u.width = 21;
  }
  u.rg = seed & ((1u << u.width) - 1u);
  for (unsigned i = 0; i < nbits; i++)
    crcu_clock(&u, bits[i >> 3] >> (7 - (i & 7)));
  return u.rg;
}
