//===- runtime-profiler/replay/clara_replay.cc - clara-replay -------------===//
//
//   clara-replay --nf ./libnf.so|--element NAME [--config STRING]
//       [--loop N] [--limit P] [--profile FILE] trace.pcap
//   clara-replay --list
//
// Runs a Click-compatible NF over a pcap or pcapng trace (libpcap): each
// packet becomes a Packet (Packet::make from the captured bytes, timestamp
// annotation and virtual clock from the capture time) pushed into input 0
// of the NF's first element. The NF comes from a shared object exporting
//   extern "C" Element *clara_nf_create(const char *config);
// (every corpus NF in test/nf has it); --element names a bundled corpus NF,
// built instrumented into <prefix>/lib/clara/nf/<name>.so. clara-replay
// carries libclara_rt and the framework (click_compat) and exports them to
// the NF. When the NF is instrumented (clara-instrument), the run-time
// profile is written at exit to --profile FILE or $CLARA_PROFILE.
//
//===----------------------------------------------------------------------===//
#include "clara_rt.h"

#include <click/clara.hh>
#include <click/element.hh>
#include <click/packet.hh>
#include <click/timestamp.hh>

#include <dirent.h>
#include <dlfcn.h>
#include <limits.h>
#include <pcap/pcap.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <string>
#include <vector>

namespace {

typedef Element *(*Factory)(const char *);

const char *Usage =
    "usage: clara-replay (--nf LIBNF.so | --element NAME) [--config STRING]\n"
    "                    [--loop N] [--limit P] [--profile FILE] TRACE.pcap\n"
    "       clara-replay --list\n"
    "\n"
    "Runs a Click-compatible NF over a pcap/pcapng trace of Ethernet frames\n"
    "and prints packets, seconds and packets/s.\n"
    "  --nf LIB       shared object exporting\n"
    "                 extern \"C\" Element *clara_nf_create(const char "
    "*config)\n"
    "  --element NAME a bundled corpus NF (see --list)\n"
    "  --config S     configuration string handed to clara_nf_create\n"
    "                 (default: empty, the NF's own default)\n"
    "  --loop N       replay the trace N times (default 1); time keeps\n"
    "                 advancing across rounds\n"
    "  --limit P      stop after P packets in all\n"
    "  --profile FILE where an instrumented NF's profile goes (default\n"
    "                 $CLARA_PROFILE, else clara.profile.yaml)\n"
    "  --quiet        no progress lines on stderr\n"
    "  --list         list the bundled NFs\n";

std::string exeDir() {
  char buf[PATH_MAX];
  ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
  if (n <= 0)
    return ".";
  buf[n] = 0;
  std::string s(buf);
  size_t slash = s.rfind('/');
  return slash == std::string::npos ? "." : s.substr(0, slash);
}

/// <bindir>/../lib/clara/nf: where the build puts the corpus NFs.
std::string bundleDir() { return exeDir() + "/../lib/clara/nf"; }

std::vector<std::string> bundled() {
  std::vector<std::string> names;
  DIR *d = opendir(bundleDir().c_str());
  if (!d)
    return names;
  while (struct dirent *e = readdir(d)) {
    std::string n = e->d_name;
    if (n.size() > 3 && n.compare(n.size() - 3, 3, ".so") == 0)
      names.push_back(n.substr(0, n.size() - 3));
  }
  closedir(d);
  std::sort(names.begin(), names.end());
  return names;
}

bool parseCount(const char *s, unsigned long long *out) {
  if (!s || !*s || *s == '-')
    return false;
  char *end;
  *out = strtoull(s, &end, 10);
  return !*end;
}

double now() {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + t.tv_nsec * 1e-9;
}

/// libpcap's open errors sometimes start with the file name already.
std::string openError(const char *trace, const char *errbuf) {
  std::string e = errbuf;
  if (e.compare(0, strlen(trace), trace) == 0)
    return e;
  return std::string(trace) + ": " + e;
}

[[noreturn]] void fail(const std::string &message) {
  fprintf(stderr, "clara-replay: %s\n", message.c_str());
  exit(1); // atexit: libclara_rt keeps the profile of what ran
}

} // namespace

int main(int argc, char **argv) {
  const char *nf = nullptr, *element = nullptr, *config = "", *trace = nullptr,
             *profile = nullptr;
  unsigned long long loops = 1, limit = 0;
  bool quiet = false;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&](const char *name) -> const char * {
      if (i + 1 >= argc)
        fail(std::string(name) + " needs a value (see --help)");
      return argv[++i];
    };
    if (a == "--help" || a == "-h") {
      fputs(Usage, stdout);
      return 0;
    } else if (a == "--list") {
      std::vector<std::string> names = bundled();
      if (names.empty())
        fail("no bundled NFs in " + bundleDir() +
             " (build the clara_nf_so "
             "target)");
      for (const std::string &n : names)
        printf("%s\n", n.c_str());
      return 0;
    } else if (a == "--nf") {
      nf = value("--nf");
    } else if (a == "--element") {
      element = value("--element");
    } else if (a == "--config") {
      config = value("--config");
    } else if (a == "--profile") {
      profile = value("--profile");
    } else if (a == "--quiet") {
      quiet = true;
    } else if (a == "--loop") {
      if (!parseCount(value("--loop"), &loops) || loops == 0)
        fail("--loop needs a positive integer, got '" + std::string(argv[i]) +
             "'");
    } else if (a == "--limit") {
      if (!parseCount(value("--limit"), &limit) || limit == 0)
        fail("--limit needs a positive integer, got '" + std::string(argv[i]) +
             "'");
    } else if (!a.empty() && a[0] == '-') {
      fail("unknown option '" + a + "' (see --help)");
    } else if (!trace) {
      trace = argv[i];
    } else {
      fail("one trace only (got '" + std::string(trace) + "' and '" + a + "')");
    }
  }
  if (!nf == !element)
    fail("give exactly one of --nf LIB.so and --element NAME (see --help)");
  if (!trace)
    fail("no trace given (see --help)");
  if (profile)
    setenv("CLARA_PROFILE", profile, 1);

  std::string lib = nf ? nf : bundleDir() + "/" + element + ".so";
  if (element && access(lib.c_str(), R_OK) != 0) {
    std::string known;
    for (const std::string &n : bundled())
      known += " " + n;
    fail("unknown element '" + std::string(element) +
         "'; bundled:" + (known.empty() ? std::string(" none") : known));
  }
  // The trace first: a bad trace should not even load the NF.
  char errbuf[PCAP_ERRBUF_SIZE];
  pcap_t *pcap = pcap_open_offline(trace, errbuf);
  if (!pcap)
    fail(openError(trace, errbuf));
  if (pcap_datalink(pcap) != DLT_EN10MB)
    fail(std::string(trace) + ": link type " +
         (pcap_datalink_val_to_name(pcap_datalink(pcap))
              ? pcap_datalink_val_to_name(pcap_datalink(pcap))
              : "?") +
         " is not Ethernet; clara-replay hands the NF Ethernet frames");

  void *handle = dlopen(lib.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!handle)
    fail(std::string("cannot load ") + lib + ": " + dlerror());
  Factory create = reinterpret_cast<Factory>(dlsym(handle, "clara_nf_create"));
  if (!create)
    fail(lib + " does not export extern \"C\" Element *clara_nf_create(const "
               "char *config)");
  clara_random_seed(1);
  Element *e = create(config);
  if (!e)
    fail(lib + ": clara_nf_create(\"" + config +
         "\") failed (bad configuration?)");
  const char *proc = e->processing();
  const char *slash = proc ? strchr(proc, '/') : nullptr;
  bool pullOutput = slash && strchr(slash, 'l');

  unsigned long long packets = 0, index = 0;
  Timestamp offset, first, last;
  bool haveFirst = false;
  double start = now(), lastProgress = start;
  for (unsigned long long round = 0; round < loops; ++round) {
    if (round > 0) {
      pcap_close(pcap);
      pcap = pcap_open_offline(trace, errbuf);
      if (!pcap)
        fail(openError(trace, errbuf));
      // Time keeps advancing: round k is shifted by k trace durations.
      offset += (last - first) + Timestamp::make_usec(0, 1);
    }
    index = 0;
    for (;;) {
      if (limit && packets >= limit)
        break;
      struct pcap_pkthdr *h;
      const u_char *data;
      int r = pcap_next_ex(pcap, &h, &data);
      if (r == -2)
        break;
      if (r != 1)
        fail(std::string(trace) + ": packet " + std::to_string(index) +
             " (from 0): " + pcap_geterr(pcap) + "; " +
             std::to_string(packets) + " packets were replayed");
      Timestamp t = Timestamp::make_usec(h->ts.tv_sec, h->ts.tv_usec);
      if (!haveFirst) {
        first = last = t;
        haveFirst = true;
      }
      if (round == 0 && last < t)
        last = t;
      Timestamp when = t + offset;
      clara_set_virtual_now(&when);
      Timestamp due;
      if (clara_next_timer_expiry(&due) && due <= when)
        clara_run_timers(when);
      WritablePacket *p = Packet::make(data, h->caplen);
      if (!p)
        fail("out of memory at packet " + std::to_string(index));
      p->set_timestamp_anno(when);
      clara_rt_add_packets(1);
      e->push(0, p);
      if (pullOutput)
        while (Packet *q = e->pull(0))
          q->kill();
      ++packets;
      ++index;
      if (!quiet && (packets & 0xffff) == 0) {
        double t2 = now();
        if (t2 - lastProgress >= 2) {
          lastProgress = t2;
          fprintf(stderr,
                  "clara-replay: %llu packets, %.1f s, %.0f packets/s\n",
                  packets, t2 - start, packets / (t2 - start));
        }
      }
    }
    if (limit && packets >= limit)
      break;
  }
  double seconds = now() - start;
  pcap_close(pcap);
  printf("packets: %llu\nseconds: %.6f\npackets/s: %.0f\n", packets, seconds,
         seconds > 0 ? packets / seconds : 0.0);
  fflush(stdout);
  return 0;
}
