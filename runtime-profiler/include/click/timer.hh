// click/timer.hh - Timer, a one-shot timer that calls an element or function
//
// Part of Clara. Mirrors the API of the Click modular router's
// <click/timer.hh> (Timer(Element*) calling run_timer(), Timer(callback,
// data), initialize, schedule_at/after/after_sec/after_msec/now,
// reschedule_after*, unschedule, scheduled, expiry), but is Clara's own
// code: no Click source was copied. There is no driver loop on the host: a
// replayer advances time and calls clara_run_timers() (<click/clara.hh>).
// Implementation: runtime-profiler/lib/timer.cc.
#ifndef CLICK_TIMER_HH
#define CLICK_TIMER_HH
#include <click/timestamp.hh>

CLICK_DECLS

class Element;
class Router;
class Task;
class Timer;

typedef void (*TimerCallback)(Timer *timer, void *user_data);

class Timer {
public:
  /// A timer that does nothing when it fires.
  Timer();
  /// A timer that calls f(this, user_data).
  Timer(TimerCallback f, void *user_data);
  /// A timer that calls element->run_timer(this).
  Timer(Element *element);
  /// A timer that reschedules task.
  Timer(Task *task);
  ~Timer();

  inline bool initialized() const { return _owner != 0; }
  inline bool scheduled() const { return _scheduled; }
  inline const Timestamp &expiry() const { return _expiry; }
  inline const Timestamp &expiry_steady() const { return _expiry; }
  inline Element *element() const { return _owner; }

  void assign(TimerCallback f, void *user_data);
  void assign(Element *element);
  void initialize(Element *owner, bool quiet = false);
  void initialize(Router *router);

  void schedule_at(const Timestamp &when);
  inline void schedule_at_steady(const Timestamp &when) { schedule_at(when); }
  inline void reschedule_at(const Timestamp &when) { schedule_at(when); }
  inline void schedule_now() { schedule_at(Timestamp::now()); }
  inline void schedule_after(const Timestamp &delta) {
    schedule_at(Timestamp::now() + delta);
  }
  inline void schedule_after_sec(uint32_t delta_sec) {
    schedule_after(Timestamp((int)delta_sec, 0U));
  }
  inline void schedule_after_msec(uint32_t delta_msec) {
    schedule_after(Timestamp::make_msec((Timestamp::value_type)delta_msec));
  }
  /// Schedule relative to the current expiry (for periodic timers).
  inline void reschedule_after(const Timestamp &delta) {
    schedule_at(_expiry + delta);
  }
  inline void reschedule_after_sec(uint32_t delta_sec) {
    reschedule_after(Timestamp((int)delta_sec, 0U));
  }
  inline void reschedule_after_msec(uint32_t delta_msec) {
    reschedule_after(Timestamp::make_msec((Timestamp::value_type)delta_msec));
  }
  void unschedule();
  inline void clear() { unschedule(); }

  /// Run the timer's action now (used by clara_run_timers()).
  void fire();

private:
  enum Kind { kind_none, kind_callback, kind_element, kind_task };
  Kind _kind;
  TimerCallback _callback;
  void *_user_data;
  Element *_target;
  Task *_task;
  Element *_owner;
  Timestamp _expiry;
  bool _scheduled;

  Timer(const Timer &) = delete;
  Timer &operator=(const Timer &) = delete;
};

CLICK_ENDDECLS

#endif // CLICK_TIMER_HH
