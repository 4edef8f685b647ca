// timestamp.cc - Timestamp's clock and unparsing; Clara's virtual clock
//
// Part of Clara's Click-compatible framework (library click_compat).
// Mirrors the behaviour of the Click modular router's Timestamp, but is
// Clara's own code: no Click source was copied. clara_set_virtual_now()
// lets a trace replayer make now() return the capture time of the packet
// being processed, so timeouts behave as they would have on the wire.
#include <click/clara.hh>
#include <click/config.h>
#include <click/straccum.hh>
#include <click/timestamp.hh>

#include <math.h>

CLICK_DECLS

static bool virtual_now_set = false;
static Timestamp virtual_now;

void clara_set_virtual_now(const Timestamp *t) {
  virtual_now_set = t != 0;
  if (t)
    virtual_now = *t;
}

Timestamp::Timestamp(double d) {
  double s = floor(d);
  _sec = (seconds_type)s;
  double frac = (d - s) * subsec_per_sec;
  uint32_t sub = (uint32_t)(frac + 0.5);
  if (sub >= (uint32_t)subsec_per_sec) {
    sub -= subsec_per_sec;
    ++_sec;
  }
  _subsec = sub;
}

void Timestamp::assign_now() {
  if (virtual_now_set) {
    *this = virtual_now;
    return;
  }
  struct timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  _sec = (seconds_type)ts.tv_sec;
  _subsec = (uint32_t)ts.tv_nsec;
}

String Timestamp::unparse() const {
  char buf[40];
  int n;
  if (_sec < 0 && _subsec != 0) {
    // -0.25 is stored as sec -1, subsec 0.75
    n = snprintf(buf, sizeof(buf), "-%d.%09u", -(_sec + 1),
                 (unsigned)(subsec_per_sec - _subsec));
  } else
    n = snprintf(buf, sizeof(buf), "%d.%09u", _sec, (unsigned)_subsec);
  return String(buf, n);
}

String Timestamp::unparse_interval() const {
  if (_sec == 0 && _subsec < (uint32_t)subsec_per_msec) {
    char buf[24];
    int n = snprintf(buf, sizeof(buf), "%uus", (unsigned)usec());
    return String(buf, n);
  }
  if (_sec == 0) {
    char buf[24];
    int n = snprintf(buf, sizeof(buf), "%ums", (unsigned)msec());
    return String(buf, n);
  }
  return unparse() + "s";
}

StringAccum &operator<<(StringAccum &sa, const Timestamp &t) {
  return sa << t.unparse();
}

CLICK_ENDDECLS
