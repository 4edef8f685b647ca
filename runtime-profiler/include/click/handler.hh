// click/handler.hh - handler flags and callback types
//
// Part of Clara. Mirrors the names of the Click modular router's
// <click/handler.hh> (Handler flags, ReadHandlerCallback,
// WriteHandlerCallback, HandlerCallback), but is Clara's own code: no Click
// source was copied. Clara's host driver records handlers and can call them
// by name (see <click/clara.hh>); there is no control socket.
#ifndef CLICK_HANDLER_HH
#define CLICK_HANDLER_HH
#include <click/string.hh>

CLICK_DECLS

class Element;
class ErrorHandler;
class Handler;

typedef int (*HandlerCallback)(int operation, String &data, Element *element,
                               const Handler *handler, ErrorHandler *errh);
typedef String (*ReadHandlerCallback)(Element *element, void *user_data);
typedef int (*WriteHandlerCallback)(const String &data, Element *element,
                                    void *user_data, ErrorHandler *errh);

class Handler {
public:
  enum Flags {
    f_read = 0x0001,
    f_write = 0x0002,
    f_read_param = 0x0004,
    f_raw = 0x0040,
    f_calm = 0x0100,
    f_expensive = 0x0200,
    f_button = 0x0400,
    f_checkbox = 0x0800,
    f_uncommon = 0x1000,
    f_deprecated = 0x2000,
    h_read = f_read,
    h_write = f_write,
    OP_READ = f_read,
    OP_WRITE = f_write,
    READ_PARAM = f_read_param,
    RAW = f_raw,
    CALM = f_calm,
    EXPENSIVE = f_expensive,
    BUTTON = f_button,
    CHECKBOX = f_checkbox,
    UNCOMMON = f_uncommon,
    DEPRECATED = f_deprecated
  };
};

CLICK_ENDDECLS

#endif // CLICK_HANDLER_HH
