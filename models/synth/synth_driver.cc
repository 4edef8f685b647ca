//===- models/synth/synth_driver.cc - run a synthesised NF on packets -----===//
//
// Links with one synthesised NF (or any source defining clara_nf_create) and
// click_compat; builds the NF with clara_nf_create("") and pushes
// generated Ethernet/IPv4 TCP and UDP packets through it. Used under
// ASan/UBSan by test/synth to check that every synthesised element runs.
//
//   clang++-19 -std=c++17 -fsanitize=address,undefined \
//     -I runtime-profiler/include synth_driver.cc NF.cc \
//     build/lib/libclick_compat.a -o run && ./run [PACKETS] [SEED]
//
// Exit status 0 when every packet went through, 1 when the NF could not be
// created.
//===----------------------------------------------------------------------===//
#include <click/clara.hh>
#include <click/element.hh>
#include <click/packet.hh>
#include <clicknet/ether.h>
#include <clicknet/ip.h>
#include <clicknet/tcp.h>
#include <clicknet/udp.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern "C" Element *clara_nf_create(const char *config);

static uint32_t next_random(uint64_t *s) {
  *s = *s * 6364136223846793005ULL + 1442695040888963407ULL;
  return (uint32_t)(*s >> 33);
}

int main(int argc, char **argv) {
  int packets = argc > 1 ? atoi(argv[1]) : 300;
  uint64_t seed = argc > 2 ? strtoull(argv[2], 0, 10) : 1;
  Element *nf = clara_nf_create("");
  if (!nf) {
    fprintf(stderr, "synth_driver: clara_nf_create failed\n");
    return 1;
  }
  // Two bytes of offset, as Click's default headroom: the IP header after the
  // 14-byte Ethernet header is then 4-byte aligned.
  alignas(8) unsigned char raw[1608];
  unsigned char *buf = raw + 2;
  for (int i = 0; i < packets; i++) {
    bool tcp = next_random(&seed) & 1;
    // Mostly full headers; some runts exercise the length checks.
    unsigned len = (next_random(&seed) % 8 == 0)
                       ? 14 + next_random(&seed) % 40
                       : 60 + next_random(&seed) % 1400;
    for (unsigned k = 0; k < len; k++)
      buf[k] = (unsigned char)next_random(&seed);
    click_ether *eh = reinterpret_cast<click_ether *>(buf);
    eh->ether_type = htons(ETHERTYPE_IP);
    if (len >= 34) {
      click_ip *iph = reinterpret_cast<click_ip *>(buf + 14);
      iph->ip_v = 4;
      iph->ip_hl = 5;
      iph->ip_len = htons((uint16_t)(len - 14));
      iph->ip_p = tcp ? IP_PROTO_TCP : IP_PROTO_UDP;
      iph->ip_off = 0;
      iph->ip_sum = 0;
      iph->ip_sum = click_in_cksum(buf + 14, sizeof(click_ip));
    }
    if (tcp && len >= 54)
      reinterpret_cast<click_tcp *>(buf + 34)->th_off = 5;
    else if (!tcp && len >= 42)
      reinterpret_cast<click_udp *>(buf + 34)->uh_ulen =
          htons((uint16_t)(len - 34));
    WritablePacket *p = Packet::make(buf, len);
    if (!p)
      continue;
    Timestamp t = Timestamp::make_msec(1000 + i, 0);
    p->set_timestamp_anno(t);
    nf->push(0, p);
  }
  printf("synth_driver: %d packets\n", packets);
  return 0;
}
