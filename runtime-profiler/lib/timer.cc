// timer.cc - Timer and Task on the host, and the loops that run them
//
// Part of Clara's Click-compatible framework (library click_compat).
// Mirrors the behaviour of the Click modular router's Timer and Task, but is
// Clara's own code: no Click source was copied. Scheduled timers and tasks
// are kept in plain lists; a host driver fires them with clara_run_timers()
// and clara_run_tasks() (<click/clara.hh>).
#include <click/clara.hh>
#include <click/config.h>
#include <click/element.hh>
#include <click/task.hh>
#include <click/timer.hh>

#include <algorithm>
#include <vector>

CLICK_DECLS

// Never destroyed: timers and tasks of static elements may outlive them.
static std::vector<Timer *> &scheduled_timers() {
  static std::vector<Timer *> *timers = new std::vector<Timer *>;
  return *timers;
}

static std::vector<Task *> &scheduled_tasks() {
  static std::vector<Task *> *tasks = new std::vector<Task *>;
  return *tasks;
}

template <typename T> static void remove_from(std::vector<T *> &v, T *x) {
  v.erase(std::remove(v.begin(), v.end(), x), v.end());
}

// TIMER

Timer::Timer()
    : _kind(kind_none), _callback(0), _user_data(0), _target(0), _task(0),
      _owner(0), _scheduled(false) {}

Timer::Timer(TimerCallback f, void *user_data)
    : _kind(kind_callback), _callback(f), _user_data(user_data), _target(0),
      _task(0), _owner(0), _scheduled(false) {}

Timer::Timer(Element *element)
    : _kind(kind_element), _callback(0), _user_data(0), _target(element),
      _task(0), _owner(0), _scheduled(false) {}

Timer::Timer(Task *task)
    : _kind(kind_task), _callback(0), _user_data(0), _target(0), _task(task),
      _owner(0), _scheduled(false) {}

Timer::~Timer() { unschedule(); }

void Timer::assign(TimerCallback f, void *user_data) {
  _kind = kind_callback;
  _callback = f;
  _user_data = user_data;
}

void Timer::assign(Element *element) {
  _kind = kind_element;
  _target = element;
}

void Timer::initialize(Element *owner, bool quiet) {
  (void)quiet;
  _owner = owner;
}

void Timer::initialize(Router *router) {
  (void)router;
  if (!_owner)
    _owner = _target;
}

void Timer::schedule_at(const Timestamp &when) {
  _expiry = when;
  if (!_scheduled) {
    scheduled_timers().push_back(this);
    _scheduled = true;
  }
}

void Timer::unschedule() {
  if (_scheduled) {
    remove_from(scheduled_timers(), this);
    _scheduled = false;
  }
}

void Timer::fire() {
  switch (_kind) {
  case kind_callback:
    if (_callback)
      _callback(this, _user_data);
    break;
  case kind_element:
    if (_target)
      _target->run_timer(this);
    break;
  case kind_task:
    if (_task)
      _task->reschedule();
    break;
  case kind_none:
    break;
  }
}

int clara_run_timers(const Timestamp &now) {
  int fired = 0;
  for (;;) {
    std::vector<Timer *> &timers = scheduled_timers();
    Timer *next = 0;
    for (size_t i = 0; i < timers.size(); ++i)
      if (timers[i]->expiry() <= now &&
          (!next || timers[i]->expiry() < next->expiry()))
        next = timers[i];
    if (!next)
      return fired;
    next->unschedule();
    next->fire();
    ++fired;
  }
}

bool clara_next_timer_expiry(Timestamp *expiry) {
  std::vector<Timer *> &timers = scheduled_timers();
  if (timers.empty())
    return false;
  Timestamp best = timers[0]->expiry();
  for (size_t i = 1; i < timers.size(); ++i)
    if (timers[i]->expiry() < best)
      best = timers[i]->expiry();
  if (expiry)
    *expiry = best;
  return true;
}

// TASK

Task::Task(TaskCallback f, void *user_data)
    : _callback(f), _user_data(user_data), _target(0), _owner(0),
      _scheduled(false) {}

Task::Task(Element *element)
    : _callback(0), _user_data(0), _target(element), _owner(0),
      _scheduled(false) {}

Task::~Task() { unschedule(); }

void Task::initialize(Element *owner, bool schedule) {
  _owner = owner;
  if (schedule)
    reschedule();
}

void Task::initialize(Router *router, bool schedule) {
  (void)router;
  if (!_owner)
    _owner = _target;
  if (schedule)
    reschedule();
}

void Task::reschedule() {
  if (!_scheduled) {
    scheduled_tasks().push_back(this);
    _scheduled = true;
  }
}

void Task::unschedule() {
  if (_scheduled) {
    remove_from(scheduled_tasks(), this);
    _scheduled = false;
  }
}

bool Task::fire() {
  if (_callback)
    return _callback(this, _user_data);
  if (_target)
    return _target->run_task(this);
  return false;
}

int clara_run_tasks(int rounds) {
  int worked = 0;
  for (int r = 0; r < rounds && !scheduled_tasks().empty(); ++r) {
    // run the tasks scheduled at the start of the round, in order
    std::vector<Task *> round = scheduled_tasks();
    for (size_t i = 0; i < round.size(); ++i) {
      Task *t = round[i];
      if (!t->scheduled())
        continue; // unscheduled by an earlier task this round
      t->unschedule();
      if (t->fire())
        ++worked;
    }
  }
  return worked;
}

CLICK_ENDDECLS
