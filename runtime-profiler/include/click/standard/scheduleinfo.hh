// click/standard/scheduleinfo.hh - ScheduleInfo::initialize_task
//
// Part of Clara. Mirrors the API of the Click modular router's
// <click/standard/scheduleinfo.hh> (the helper elements call to initialize
// and schedule their Task), but is Clara's own code: no Click source was
// copied. Scheduling parameters (tickets) do not exist on the host.
#ifndef CLICK_SCHEDULEINFO_HH
#define CLICK_SCHEDULEINFO_HH
#include <click/element.hh>
#include <click/task.hh>

CLICK_DECLS

class ScheduleInfo {
public:
  enum { FRAC_BITS = 10 };
  /// Initialize task for element e and schedule it if schedule.
  static inline void initialize_task(Element *e, Task *task, bool schedule,
                                     ErrorHandler *errh) {
    (void)errh;
    task->initialize(e, schedule);
  }
  static inline void initialize_task(Element *e, Task *task,
                                     ErrorHandler *errh) {
    initialize_task(e, task, true, errh);
  }
  static inline void join_scheduler(Element *e, Task *task,
                                    ErrorHandler *errh) {
    initialize_task(e, task, true, errh);
  }
};

CLICK_ENDDECLS

#endif // CLICK_SCHEDULEINFO_HH
