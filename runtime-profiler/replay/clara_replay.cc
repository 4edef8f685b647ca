//===- runtime-profiler/replay/clara_replay.cc - clara-replay -------------===//
//
//   clara-replay --nf ./libnf.so|--element NAME [--config STRING]
//       [--loop N] [--limit P] [--profile FILE] [--headers ether|l3|raw]
//       [--peer NAME] trace.pcap
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
// Headers (--headers): "ether" (default) hands the Ethernet frame with the
// MAC header annotation at data() and, for IPv4 frames, the network header
// annotation on the IP header at offset 14 (what Click's
// CheckIPHeader(14)/MarkIPHeader(14) leave behind); "l3" strips the
// Ethernet header first (Strip(14) + CheckIPHeader: the IP header at
// data()); "raw" gives the captured bytes with no annotation. Traces of
// another link type (802.11, raw IP) are handed over as captured ("raw").
//
// --peer NAME closes the loop for generator NFs (pull output, e.g. tcpgen,
// webgen): each trace packet is then only a clock tick; at each tick the
// NF's pull output is drained, every packet goes through the bundled peer
// NF (e.g. tcpresp) and the peer's output is pushed back into the NF, until
// nothing moves.
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
    "                    [--loop N] [--limit P] [--profile FILE]\n"
    "                    [--headers ether|l3|raw] [--peer NAME] TRACE.pcap\n"
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
    "  --headers H    how an Ethernet frame is handed over: ether (default;\n"
    "                 frame at data(), MAC header annotation, network header\n"
    "                 annotation on the IPv4 header at offset 14, as after\n"
    "                 Click's CheckIPHeader(14)), l3 (Ethernet stripped, IP\n"
    "                 header at data() and annotated, as after Strip(14) ->\n"
    "                 CheckIPHeader) or raw (captured bytes, no annotation).\n"
    "                 Non-Ethernet traces (802.11, raw IP) are always raw.\n"
    "  --peer NAME    closed loop for a generator NF with a pull output:\n"
    "                 trace packets are clock ticks only; at each tick the\n"
    "                 NF is pulled dry, its packets go through the bundled\n"
    "                 NF NAME (e.g. tcpresp) and NAME's output is pushed\n"
    "                 back into the NF (with an Ethernet header added in\n"
    "                 ether mode), until nothing moves. Packets counted\n"
    "                 = packets the NF emits plus packets it receives. The\n"
    "                 peer's own profile goes to PROFILE.<module id>.yaml\n"
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

enum class Headers { Ether, L3, Raw };

/// The IPv4 header length at `d` (bytes `len` available), 0 when it is not
/// a plausible IPv4 header.
unsigned ipv4HeaderLength(const unsigned char *d, uint32_t len) {
  if (len < 20 || (d[0] >> 4) != 4)
    return 0;
  unsigned hl = (d[0] & 0x0f) * 4u;
  return hl >= 20 && hl <= len ? hl : 0;
}

/// Sets Click's header annotations on an Ethernet frame as `mode` says; in
/// l3 mode the Ethernet header is pulled off (the MAC header annotation
/// keeps pointing at it, as after Click's Strip(14)).
void annotateFrame(WritablePacket *p, Headers mode) {
  if (mode == Headers::Raw || p->length() < 14)
    return;
  const unsigned char *d = p->data();
  p->set_mac_header(d, 14);
  bool ipv4 = d[12] == 0x08 && d[13] == 0x00;
  unsigned hl = ipv4 ? ipv4HeaderLength(d + 14, p->length() - 14) : 0;
  if (mode == Headers::L3)
    p->pull(14);
  if (hl)
    p->set_network_header(p->data() + (mode == Headers::L3 ? 0 : 14), hl);
}

/// Where an NF's generated packets come out: following output 0 through
/// the connected elements (WebGen's factory returns the receiver in front
/// of the generator), the first element whose output 0 is unconnected and
/// pull. Null when the chain ends in a push output.
Element *pullSource(Element *e) {
  for (int hop = 0; e && hop < 64; ++hop) {
    if (e->noutputs() < 1)
      return nullptr;
    if (e->output(0).active()) {
      e = e->output(0).element();
      continue;
    }
    const char *proc = e->processing();
    const char *slash = proc ? strchr(proc, '/') : nullptr;
    return slash && strchr(slash, 'l') ? e : nullptr;
  }
  return nullptr;
}

/// The last element of a push chain from `e` along output 0.
Element *chainTail(Element *e) {
  for (int hop = 0; hop < 64 && e->noutputs() > 0 && e->output(0).active();
       ++hop)
    e = e->output(0).element();
  return e;
}

/// The NFs loaded, alive until the process exits (as a Click router is):
/// kept reachable, so that LeakSanitizer in an NF built with
/// -fsanitize=address does not report them (and fail the run) at exit.
std::vector<Element *> &loadedNFs() {
  // Never destroyed: a static vector's destructor would run before the
  // leak check (atexit) and drop the references.
  static std::vector<Element *> *loaded = new std::vector<Element *>;
  return *loaded;
}

/// Loads a factory from a shared object; fails with a message otherwise.
Element *loadNF(const std::string &lib, const char *config) {
  void *handle = dlopen(lib.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!handle)
    fail(std::string("cannot load ") + lib + ": " + dlerror());
  Factory create = reinterpret_cast<Factory>(dlsym(handle, "clara_nf_create"));
  if (!create)
    fail(lib + " does not export extern \"C\" Element *clara_nf_create(const "
               "char *config)");
  Element *e = create(config);
  if (!e)
    fail(lib + ": clara_nf_create(\"" + config +
         "\") failed (bad configuration?)");
  loadedNFs().push_back(e);
  return e;
}

/// The bundled NF `name`'s shared object, or a failure listing the known.
std::string bundledLib(const char *name) {
  std::string lib = bundleDir() + "/" + name + ".so";
  if (access(lib.c_str(), R_OK) != 0) {
    std::string known;
    for (const std::string &n : bundled())
      known += " " + n;
    fail("unknown element '" + std::string(name) +
         "'; bundled:" + (known.empty() ? std::string(" none") : known));
  }
  return lib;
}

} // namespace

int main(int argc, char **argv) {
  const char *nf = nullptr, *element = nullptr, *config = "", *trace = nullptr,
             *profile = nullptr, *peerName = nullptr;
  Headers headers = Headers::Ether;
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
    } else if (a == "--peer") {
      peerName = value("--peer");
    } else if (a == "--headers") {
      std::string h = value("--headers");
      if (h == "ether")
        headers = Headers::Ether;
      else if (h == "l3")
        headers = Headers::L3;
      else if (h == "raw")
        headers = Headers::Raw;
      else
        fail("--headers must be ether, l3 or raw, got '" + h + "'");
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

  std::string lib = nf ? std::string(nf) : bundledLib(element);
  std::string peerLib = peerName ? bundledLib(peerName) : std::string();
  // The trace first: a bad trace should not even load the NF.
  char errbuf[PCAP_ERRBUF_SIZE];
  pcap_t *pcap = pcap_open_offline(trace, errbuf);
  if (!pcap)
    fail(openError(trace, errbuf));
  int link = pcap_datalink(pcap);
  if (link != DLT_EN10MB) {
    if (link != DLT_IEEE802_11 && link != DLT_RAW && link != DLT_IPV4)
      fail(std::string(trace) + ": link type " +
           (pcap_datalink_val_to_name(link) ? pcap_datalink_val_to_name(link)
                                            : "?") +
           " is not supported (Ethernet, IEEE802_11, RAW or IPV4)");
    headers = Headers::Raw; // handed over as captured
  }

  clara_random_seed(1);
  // The NF first: its module registers first and gets the profile path.
  Element *e = loadNF(lib, config);
  Element *source = pullSource(e);
  Element *peer = nullptr;
  ClaraCounterSink *back = nullptr;
  if (peerName) {
    if (!source)
      fail(std::string("--peer needs an NF with a pull output (a "
                       "generator); ") +
           (element ? element : nf) + " has none");
    peer = loadNF(peerLib, "");
    back = new ClaraCounterSink;
    back->set_keep(1 << 16);
    if (clara_connect(chainTail(peer), 0, back, 0) < 0)
      fail(std::string("cannot connect the output of peer ") + peerName);
  }
  bool pullOutput = source != nullptr;
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
      if (peer) {
        // A tick: drain the generator, through the peer and back.
        for (int round = 0; round < 64; ++round) {
          bool moved = false;
          for (int n = 0; n < 4096; ++n) {
            Packet *q = source->pull(0);
            if (!q)
              break;
            moved = true;
            if (!q->has_network_header())
              if (unsigned hl = ipv4HeaderLength(q->data(), q->length()))
                q->set_network_header(q->data(), hl);
            q->set_timestamp_anno(when);
            clara_rt_add_packets(1);
            ++packets;
            peer->push(0, q);
          }
          Packet *r = back->take_kept();
          while (r) {
            Packet *next = r->next();
            r->set_next(0);
            moved = true;
            // In ether mode the NF hears the peer through a wire: its
            // replies get an Ethernet header (IPv4, zero addresses) when
            // they have none; annotations stay on the IP header.
            if (headers == Headers::Ether && !r->has_mac_header()) {
              WritablePacket *w = r->push(14);
              if (!w)
                fail("out of memory at tick " + std::to_string(index));
              memset(w->data(), 0, 14);
              w->data()[12] = 0x08;
              w->set_mac_header(w->data(), 14);
              r = w;
            }
            clara_rt_add_packets(1);
            ++packets;
            e->push(0, r);
            r = next;
          }
          if (!moved)
            break;
        }
        ++index;
        continue;
      }
      WritablePacket *p = Packet::make(data, h->caplen);
      if (!p)
        fail("out of memory at packet " + std::to_string(index));
      p->set_timestamp_anno(when);
      annotateFrame(p, headers);
      clara_rt_add_packets(1);
      e->push(0, p);
      if (pullOutput)
        while (Packet *q = source->pull(0))
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
