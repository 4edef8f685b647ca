// click/task.hh - Task, a schedulable unit of work of an element
//
// Part of Clara. Mirrors the API of the Click modular router's
// <click/task.hh> (Task(Element*) calling run_task(), Task(callback, data),
// initialize, reschedule, fast_reschedule, unschedule, scheduled), but is
// Clara's own code: no Click source was copied. As in Click, running a task
// takes it off the schedule; the element reschedules it when it wants to
// run again. A host driver runs scheduled tasks with clara_run_tasks()
// (<click/clara.hh>). Implementation: runtime-profiler/lib/timer.cc.
#ifndef CLICK_TASK_HH
#define CLICK_TASK_HH
#include <click/glue.hh>

CLICK_DECLS

class Element;
class Router;
class Task;

typedef bool (*TaskCallback)(Task *task, void *user_data);
typedef TaskCallback TaskHook;

class Task {
public:
  /// A task that calls f(this, user_data).
  Task(TaskCallback f, void *user_data);
  /// A task that calls element->run_task(this).
  Task(Element *element);
  ~Task();

  inline bool initialized() const { return _owner != 0; }
  inline bool scheduled() const { return _scheduled; }
  inline Element *element() const { return _target ? _target : _owner; }
  inline TaskCallback callback() const { return _callback; }
  inline void *user_data() const { return _user_data; }

  void initialize(Element *owner, bool schedule);
  void initialize(Router *router, bool schedule);

  void reschedule();
  inline void fast_reschedule() { reschedule(); }
  void unschedule();
  inline void fast_unschedule(bool) { unschedule(); }
  inline void strong_unschedule() { unschedule(); }
  inline void strong_reschedule() { reschedule(); }

  /// Run the task's action (used by clara_run_tasks()); its result.
  bool fire();

private:
  TaskCallback _callback;
  void *_user_data;
  Element *_target;
  Element *_owner;
  bool _scheduled;

  Task(const Task &) = delete;
  Task &operator=(const Task &) = delete;
};

CLICK_ENDDECLS

#endif // CLICK_TASK_HH
