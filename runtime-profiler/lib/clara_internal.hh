// clara_internal.hh - state shared between click_compat's source files
//
// Part of Clara's Click-compatible framework (library click_compat); not
// installed, not part of the Click API. Host-side bookkeeping the Click
// headers have no room for: element names and handlers.
#ifndef CLARA_RUNTIME_PROFILER_LIB_CLARA_INTERNAL_HH
#define CLARA_RUNTIME_PROFILER_LIB_CLARA_INTERNAL_HH
#include <click/element.hh>
#include <click/handler.hh>

#include <map>
#include <string>
#include <vector>

/// One handler added by an element's add_handlers().
struct ClaraHandlerRecord {
  Element *element;
  std::string name;
  ReadHandlerCallback read;
  void *read_user_data;
  WriteHandlerCallback write;
  void *write_user_data;
  HandlerCallback callback; // set_handler() form
  const void *callback_read_user_data;
  const void *callback_write_user_data;
  int flags;
};

/// Every element's handlers, in the order they were added.
std::vector<ClaraHandlerRecord> &clara_handler_records();
/// Names given with clara_set_element_name().
std::map<const Element *, std::string> &clara_element_names();
/// Forget an element's names and handlers (called by ~Element).
void clara_forget_element(const Element *e);
/// The element that unconnected ports lead to.
Element *clara_port_sink();

#endif // CLARA_RUNTIME_PROFILER_LIB_CLARA_INTERNAL_HH
