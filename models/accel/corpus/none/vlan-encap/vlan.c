/* 802.1Q tagging: insert and strip a VLAN tag by moving the MAC addresses,
 * and build an outer Ethernet + IPv4 header for tunnelling. Label: none. */
#include <stdint.h>
#include <string.h>

int vlan_push(uint8_t *frame, int len, uint16_t tci) {
  memmove(frame, frame + 4, 12);
  frame[12] = 0x81;
  frame[13] = 0x00;
  frame[14] = (uint8_t)(tci >> 8);
  frame[15] = (uint8_t)tci;
  return len + 4;
}

int vlan_pop(uint8_t *frame, int len, uint16_t *tci) {
  if (len < 18 || frame[12] != 0x81 || frame[13] != 0x00)
    return len;
  *tci = (uint16_t)((frame[14] << 8) | frame[15]) & 0x0FFF;
  for (int i = 11; i >= 0; i--)
    frame[i + 4] = frame[i];
  return len - 4;
}

void build_outer(uint8_t *h, const uint8_t *dmac, const uint8_t *smac,
                 uint32_t src, uint32_t dst, uint16_t payload) {
  for (int i = 0; i < 6; i++) {
    h[i] = dmac[i];
    h[6 + i] = smac[i];
  }
  h[12] = 0x08;
  h[13] = 0x00;
  uint8_t *ip = h + 14;
  ip[0] = 0x45;
  ip[1] = 0;
  ip[2] = (uint8_t)((payload + 20) >> 8);
  ip[3] = (uint8_t)(payload + 20);
  ip[8] = 64;
  ip[9] = 17;
  for (int i = 0; i < 4; i++) {
    ip[12 + i] = (uint8_t)(src >> (24 - 8 * i));
    ip[16 + i] = (uint8_t)(dst >> (24 - 8 * i));
  }
}
