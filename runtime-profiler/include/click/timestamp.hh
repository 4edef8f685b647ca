// click/timestamp.hh - Timestamp, a time or interval with nanosecond
// precision
//
// Part of Clara. Mirrors the API of the Click modular router's
// <click/timestamp.hh> (seconds plus a subsecond part; now(), sec(), usec(),
// nsec(), msecval(), make_msec()/make_usec(), arithmetic and comparisons),
// but is Clara's own code: no Click source was copied. Subseconds are
// nanoseconds (Click's nanotimestamp configuration). Timestamp::assign_now()
// lives in runtime-profiler/lib/timestamp.cc and honours a virtual clock set
// by clara_set_virtual_now() (see <click/clara.hh>), so replayed traces see
// their capture times.
#ifndef CLICK_TIMESTAMP_HH
#define CLICK_TIMESTAMP_HH
#include <click/glue.hh>
#include <click/string.hh>

CLICK_DECLS

class StringAccum;

class Timestamp {
public:
  typedef int32_t seconds_type;
  typedef int64_t value_type;
  typedef seconds_type (Timestamp::*unspecified_bool_type)() const;

  enum {
    max_seconds = (seconds_type)2147483647,
    min_seconds = (seconds_type)-2147483647 - 1,
    nsec_per_sec = 1000000000,
    nsec_per_msec = 1000000,
    nsec_per_usec = 1000,
    usec_per_sec = 1000000,
    usec_per_msec = 1000,
    msec_per_sec = 1000,
    subsec_per_sec = nsec_per_sec,
    subsec_per_msec = nsec_per_msec,
    subsec_per_usec = nsec_per_usec
  };

  inline Timestamp() : _sec(0), _subsec(0) {}
  inline Timestamp(long sec, uint32_t subsec = 0) {
    assign((seconds_type)sec, subsec);
  }
  inline Timestamp(int sec, uint32_t subsec = 0) { assign(sec, subsec); }
  inline Timestamp(unsigned long sec, uint32_t subsec = 0) {
    assign((seconds_type)sec, subsec);
  }
  inline Timestamp(unsigned sec, uint32_t subsec = 0) {
    assign((seconds_type)sec, subsec);
  }
  inline Timestamp(long long sec, uint32_t subsec = 0) {
    assign((seconds_type)sec, subsec);
  }
  Timestamp(double d);
  inline Timestamp(const struct timeval &tv) {
    assign((seconds_type)tv.tv_sec, (uint32_t)tv.tv_usec * subsec_per_usec);
  }
  inline Timestamp(const struct timespec &ts) {
    assign((seconds_type)ts.tv_sec, (uint32_t)ts.tv_nsec);
  }

  /// The current time (wall clock, or the virtual clock when set).
  static inline Timestamp now() {
    Timestamp t;
    t.assign_now();
    return t;
  }
  void assign_now();
  static inline Timestamp recent() { return now(); }
  inline void assign_recent() { assign_now(); }

  static inline Timestamp make_sec(seconds_type sec) { return Timestamp(sec); }
  static inline Timestamp make_msec(seconds_type sec, uint32_t msec) {
    return Timestamp(sec, msec * subsec_per_msec);
  }
  static inline Timestamp make_msec(value_type msec) {
    return make_split(msec, msec_per_sec, subsec_per_msec);
  }
  static inline Timestamp make_usec(seconds_type sec, uint32_t usec) {
    return Timestamp(sec, usec * subsec_per_usec);
  }
  static inline Timestamp make_usec(value_type usec) {
    return make_split(usec, usec_per_sec, subsec_per_usec);
  }
  static inline Timestamp make_nsec(seconds_type sec, uint32_t nsec) {
    return Timestamp(sec, nsec);
  }
  static inline Timestamp make_nsec(value_type nsec) {
    return make_split(nsec, nsec_per_sec, 1);
  }
  static inline Timestamp epsilon() { return Timestamp(0, 1U); }

  inline operator unspecified_bool_type() const {
    return (_sec || _subsec) ? &Timestamp::sec : 0;
  }
  inline bool is_negative() const { return _sec < 0; }

  inline seconds_type sec() const { return _sec; }
  inline uint32_t subsec() const { return _subsec; }
  /// The subsecond part in milliseconds, microseconds, nanoseconds.
  inline uint32_t msec() const { return _subsec / subsec_per_msec; }
  inline uint32_t usec() const { return _subsec / subsec_per_usec; }
  inline uint32_t nsec() const { return _subsec; }
  /// The whole timestamp in milliseconds, microseconds, nanoseconds.
  inline value_type msecval() const {
    return (value_type)_sec * msec_per_sec + _subsec / subsec_per_msec;
  }
  inline value_type usecval() const {
    return (value_type)_sec * usec_per_sec + _subsec / subsec_per_usec;
  }
  inline value_type nsecval() const {
    return (value_type)_sec * nsec_per_sec + _subsec;
  }
  /// Deprecated Click names of msecval(), usecval(), nsecval().
  inline value_type msec1() const { return msecval(); }
  inline value_type usec1() const { return usecval(); }
  inline value_type nsec1() const { return nsecval(); }
  inline double doubleval() const {
    return _sec + _subsec / (double)subsec_per_sec;
  }
  inline struct timeval timeval() const {
    struct timeval tv;
    tv.tv_sec = _sec;
    tv.tv_usec = usec();
    return tv;
  }
  inline struct timespec timespec() const {
    struct timespec ts;
    ts.tv_sec = _sec;
    ts.tv_nsec = _subsec;
    return ts;
  }

  inline void assign(seconds_type sec, uint32_t subsec = 0) {
    _sec = sec + (seconds_type)(subsec / subsec_per_sec);
    _subsec = subsec % subsec_per_sec;
  }
  inline void assign_usec(seconds_type sec, uint32_t usec) {
    assign(sec, usec * subsec_per_usec);
  }
  inline void set_sec(seconds_type sec) { _sec = sec; }
  inline void set_subsec(uint32_t subsec) { _subsec = subsec; }

  static inline uint32_t msec_to_subsec(uint32_t msec) {
    return msec * subsec_per_msec;
  }
  static inline uint32_t usec_to_subsec(uint32_t usec) {
    return usec * subsec_per_usec;
  }
  static inline uint32_t subsec_to_msec(uint32_t subsec) {
    return subsec / subsec_per_msec;
  }
  static inline uint32_t subsec_to_usec(uint32_t subsec) {
    return subsec / subsec_per_usec;
  }

  inline Timestamp &operator+=(const Timestamp &b) {
    _sec += b._sec;
    _subsec += b._subsec;
    if (_subsec >= (uint32_t)subsec_per_sec) {
      _subsec -= subsec_per_sec;
      ++_sec;
    }
    return *this;
  }
  inline Timestamp &operator-=(const Timestamp &b) {
    _sec -= b._sec;
    if (_subsec < b._subsec) {
      _subsec += subsec_per_sec - b._subsec;
      --_sec;
    } else
      _subsec -= b._subsec;
    return *this;
  }

  /// "SEC.NNNNNNNNN".
  String unparse() const;
  String unparse_interval() const;

private:
  seconds_type _sec;
  uint32_t _subsec;

  static inline Timestamp make_split(value_type v, value_type per_sec,
                                     uint32_t subsec_per_unit) {
    value_type s = v / per_sec, r = v % per_sec;
    if (r < 0) {
      r += per_sec;
      --s;
    }
    Timestamp t;
    t._sec = (seconds_type)s;
    t._subsec = (uint32_t)r * subsec_per_unit;
    return t;
  }
};

inline bool operator==(const Timestamp &a, const Timestamp &b) {
  return a.sec() == b.sec() && a.subsec() == b.subsec();
}
inline bool operator!=(const Timestamp &a, const Timestamp &b) {
  return !(a == b);
}
inline bool operator<(const Timestamp &a, const Timestamp &b) {
  return a.sec() < b.sec() || (a.sec() == b.sec() && a.subsec() < b.subsec());
}
inline bool operator<=(const Timestamp &a, const Timestamp &b) {
  return !(b < a);
}
inline bool operator>(const Timestamp &a, const Timestamp &b) { return b < a; }
inline bool operator>=(const Timestamp &a, const Timestamp &b) {
  return !(a < b);
}
inline Timestamp operator+(Timestamp a, const Timestamp &b) {
  a += b;
  return a;
}
inline Timestamp operator-(Timestamp a, const Timestamp &b) {
  a -= b;
  return a;
}
inline Timestamp operator-(const Timestamp &a) { return Timestamp() - a; }
inline Timestamp operator*(const Timestamp &a, double b) {
  return Timestamp(a.doubleval() * b);
}
inline Timestamp operator/(const Timestamp &a, double b) {
  return Timestamp(a.doubleval() / b);
}

StringAccum &operator<<(StringAccum &sa, const Timestamp &t);

CLICK_ENDDECLS

#endif // CLICK_TIMESTAMP_HH
