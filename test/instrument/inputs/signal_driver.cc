// Driver for dump-on-request.test: pushes packets through the instrumented
// tiny NF, asks libclara_rt for a dump by SIGUSR1 (which only wakes its
// dumper thread) and by clara_rt_dump_to(), and checks that each dump holds
// the packets pushed so far while the counters keep running.
#include <click/element.hh>
#include <click/packet.hh>

#include "clara_rt.h"

#include <signal.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

extern "C" Element *clara_nf_create(const char *config);

static void push(Element *e, int n) {
  static const unsigned char frame[64] = {0};
  for (int i = 0; i < n; ++i) {
    Packet *p = Packet::make(frame, sizeof frame);
    clara_rt_add_packets(1);
    if (Packet *out = e->simple_action(p))
      out->kill();
  }
}

// argv: the profile path ($CLARA_PROFILE), where to move the signal's dump
// (the exit dump rewrites the profile path), where to dump through the API.
int main(int argc, char **argv) {
  if (argc != 4)
    return 2;
  Element *e = clara_nf_create("");
  if (!e)
    return 3;
  push(e, 7);
  // $CLARA_PROFILE is argv[1]: the signal's dump goes there.
  raise(SIGUSR1);
  struct stat st;
  for (int waited = 0; stat(argv[1], &st) != 0; ++waited) {
    if (waited == 1000) { // 10 s
      fprintf(stderr, "no dump after SIGUSR1\n");
      return 4;
    }
    usleep(10000);
  }
  // Dumps are written to a temporary name and renamed: once the file
  // exists it is complete.
  if (rename(argv[1], argv[2]) != 0)
    return 5;
  push(e, 5);
  if (clara_rt_dump_to(argv[3]) != 0)
    return 6;
  return 0; // and the exit dump rewrites argv[1]
}
