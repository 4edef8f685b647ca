/*===- core/framework.c - Recognising Click framework code by name --------===*
 *
 * The class list follows Click's include/click and lib (see
 * ../shared/data/click-stats/api_calls.tsv for what real elements call).
 *
 *===----------------------------------------------------------------------===*/
#include "framework.h"

#include <string.h>

static int starts_with(const char *s, const char *prefix) {
  return strncmp(s, prefix, strlen(prefix)) == 0;
}

static int ends_with(const char *s, size_t len, const char *suffix) {
  size_t n = strlen(suffix);
  return len >= n && memcmp(s + len - n, suffix, n) == 0;
}

/* Length of `s` once trailing qualifiers and clone suffixes are dropped. */
static size_t strip_qualifiers(const char *s, size_t len) {
  const char *clone = strstr(s, " [clone ");
  if (clone && (size_t)(clone - s) < len)
    len = (size_t)(clone - s);
  static const char *const suffixes[] = {" const", " volatile", " &&", " &",
                                         " noexcept"};
  for (int again = 1; again;) {
    again = 0;
    for (size_t i = 0; i < sizeof suffixes / sizeof *suffixes; ++i)
      if (ends_with(s, len, suffixes[i])) {
        len -= strlen(suffixes[i]);
        again = 1;
      }
  }
  return len;
}

/* Operator spellings copied verbatim so that '<' in them is no template. */
static size_t operator_token_length(const char *s) {
  static const char *const ops[] = {
      "operator<<=", "operator>>=", "operator->*", "operator<<", "operator>>",
      "operator<=",  "operator>=",  "operator->",  "operator()", "operator[]",
      "operator<",   "operator>",   "operator"};
  for (size_t i = 0; i < sizeof ops / sizeof *ops; ++i)
    if (starts_with(s, ops[i]))
      return strlen(ops[i]);
  return 0;
}

size_t clara_qualified_name(const char *demangled, char *out, size_t out_size) {
  size_t len = strip_qualifiers(demangled, strlen(demangled));
  /* Drop the parameter list: the '(' matching the final ')'. */
  if (len > 0 && demangled[len - 1] == ')') {
    int depth = 0;
    for (size_t i = len; i-- > 0;) {
      if (demangled[i] == ')')
        ++depth;
      else if (demangled[i] == '(' && --depth == 0) {
        len = i;
        break;
      }
    }
  }
  /* Copy without template arguments. */
  char buf[1024];
  size_t n = 0;
  size_t operator_at = (size_t)-1;
  for (size_t i = 0; i < len && n + 1 < sizeof buf;) {
    size_t op = (demangled[i] == 'o' &&
                 (i == 0 || demangled[i - 1] == ':' || demangled[i - 1] == ' '))
                    ? operator_token_length(demangled + i)
                    : 0;
    if (op) {
      if (operator_at == (size_t)-1)
        operator_at = n;
      for (size_t k = 0; k < op && n + 1 < sizeof buf; ++k)
        buf[n++] = demangled[i + k];
      i += op;
    } else if (demangled[i] == '<') {
      int depth = 0;
      for (; i < len; ++i) {
        if (demangled[i] == '<')
          ++depth;
        else if (demangled[i] == '>' && --depth == 0) {
          ++i;
          break;
        }
      }
    } else {
      buf[n++] = demangled[i++];
    }
  }
  buf[n] = '\0';
  /* Drop a return type: the last space at parenthesis depth 0 before any
   * operator keyword (conversion operators contain spaces of their own). */
  size_t limit = operator_at == (size_t)-1 ? n : operator_at;
  size_t start = 0;
  int depth = 0;
  for (size_t i = 0; i < limit; ++i) {
    if (buf[i] == '(')
      ++depth;
    else if (buf[i] == ')')
      --depth;
    else if (buf[i] == ' ' && depth == 0)
      start = i + 1;
  }
  const char *q = buf + start;
  static const char *const namespaces[] = {
      "(anonymous namespace)::", "Click::", "click::"};
  for (size_t i = 0; i < sizeof namespaces / sizeof *namespaces; ++i)
    if (starts_with(q, namespaces[i]))
      q += strlen(namespaces[i]);
  size_t qlen = strlen(q);
  if (out_size) {
    size_t copy = qlen < out_size - 1 ? qlen : out_size - 1;
    memcpy(out, q, copy);
    out[copy] = '\0';
  }
  return qlen;
}

typedef struct {
  const char *name;
  clara_framework_class kind;
} class_entry;

/* Framework classes by their first qualified-name component. */
static const class_entry framework_classes[] = {
    /* Packet, ports, addresses, time: stateless per-packet API. */
    {"Packet", CLARA_FRAMEWORK_HEADER},
    {"WritablePacket", CLARA_FRAMEWORK_HEADER},
    {"Element", CLARA_FRAMEWORK_HEADER},
    {"IPAddress", CLARA_FRAMEWORK_HEADER},
    {"IP6Address", CLARA_FRAMEWORK_HEADER},
    {"EtherAddress", CLARA_FRAMEWORK_HEADER},
    {"IPFlowID", CLARA_FRAMEWORK_HEADER},
    {"IP6FlowID", CLARA_FRAMEWORK_HEADER},
    {"IPPrefix", CLARA_FRAMEWORK_HEADER},
    {"Timestamp", CLARA_FRAMEWORK_HEADER},
    {"TokenBucketX", CLARA_FRAMEWORK_HEADER},
    {"TokenRateX", CLARA_FRAMEWORK_HEADER},
    {"TokenCounterX", CLARA_FRAMEWORK_HEADER},
    {"RateEWMAX", CLARA_FRAMEWORK_HEADER},
    {"DirectEWMAX", CLARA_FRAMEWORK_HEADER},
    {"Spinlock", CLARA_FRAMEWORK_HEADER},
    {"SimpleSpinlock", CLARA_FRAMEWORK_HEADER},
    {"timeval", CLARA_FRAMEWORK_HEADER}, /* glue.hh's timeval operators */
    /* State containers (reverse-ported in runtime-profiler/include/click). */
    {"HashTable", CLARA_FRAMEWORK_STATE},
    {"HashTable_iterator", CLARA_FRAMEWORK_STATE},
    {"HashTable_const_iterator", CLARA_FRAMEWORK_STATE},
    {"HashTable_pair_key", CLARA_FRAMEWORK_STATE},
    {"HashTable_self_key", CLARA_FRAMEWORK_STATE},
    {"HashMap_Pair", CLARA_FRAMEWORK_STATE},
    {"HashMap_pair_key", CLARA_FRAMEWORK_STATE},
    {"HashMap", CLARA_FRAMEWORK_STATE},
    {"_HashMap_iterator", CLARA_FRAMEWORK_STATE},
    {"_HashMap_const_iterator", CLARA_FRAMEWORK_STATE},
    {"HashContainer", CLARA_FRAMEWORK_STATE},
    {"HashContainer_iterator", CLARA_FRAMEWORK_STATE},
    {"HashContainer_const_iterator", CLARA_FRAMEWORK_STATE},
    {"SizedHashAllocator", CLARA_FRAMEWORK_STATE},
    {"HashAllocator", CLARA_FRAMEWORK_STATE},
    {"HashContainer_rep", CLARA_FRAMEWORK_STATE},
    {"HashContainer_adapter", CLARA_FRAMEWORK_STATE},
    {"vector_memory", CLARA_FRAMEWORK_STATE},
    {"array_memory", CLARA_FRAMEWORK_STATE},
    {"Vector", CLARA_FRAMEWORK_STATE},
    {"Deque", CLARA_FRAMEWORK_STATE},
    {"DEQueue", CLARA_FRAMEWORK_STATE},
    {"Bitvector", CLARA_FRAMEWORK_STATE},
    {"Storage", CLARA_FRAMEWORK_STATE},
    {"Pair", CLARA_FRAMEWORK_STATE},
    {"atomic_uint32_t", CLARA_FRAMEWORK_STATE},
    {"atomic_uint64_t", CLARA_FRAMEWORK_STATE},
    /* Control plane: strings, logging, errors, configuration, scheduling. */
    {"String", CLARA_FRAMEWORK_DROPPED},
    {"StringAccum", CLARA_FRAMEWORK_DROPPED},
    {"StringRef", CLARA_FRAMEWORK_DROPPED},
    {"PermString", CLARA_FRAMEWORK_DROPPED},
    {"ErrorHandler", CLARA_FRAMEWORK_DROPPED},
    {"Args", CLARA_FRAMEWORK_DROPPED},
    {"ArgContext", CLARA_FRAMEWORK_DROPPED},
    {"HandlerCall", CLARA_FRAMEWORK_DROPPED},
    {"Handler", CLARA_FRAMEWORK_DROPPED},
    {"Router", CLARA_FRAMEWORK_DROPPED},
    {"Master", CLARA_FRAMEWORK_DROPPED},
    {"Task", CLARA_FRAMEWORK_DROPPED},
    {"Timer", CLARA_FRAMEWORK_DROPPED},
    {"Notifier", CLARA_FRAMEWORK_DROPPED},
    {"ActiveNotifier", CLARA_FRAMEWORK_DROPPED},
    {"NotifierSignal", CLARA_FRAMEWORK_DROPPED},
    {"NameInfo", CLARA_FRAMEWORK_DROPPED},
    {"StaticNameDB", CLARA_FRAMEWORK_DROPPED},
    {"ScheduleInfo", CLARA_FRAMEWORK_DROPPED},
    {"ElementCastTracker", CLARA_FRAMEWORK_DROPPED},
    {"Lexer", CLARA_FRAMEWORK_DROPPED},
    {"Json", CLARA_FRAMEWORK_DROPPED},
    {"ErrorVeneer", CLARA_FRAMEWORK_DROPPED},
    {"TimestampWarp", CLARA_FRAMEWORK_DROPPED},
};

/* Element methods that only run at configuration time. */
static const char *const element_control_methods[] = {
    "Element",
    "~Element",
    "add_read_handler",
    "add_write_handler",
    "add_data_handlers",
    "add_task_handlers",
    "set_handler",
    "add_handlers",
    "router",
    "name",
    "declaration",
    "landmark",
    "configure",
    "initialize",
    "cleanup",
    "cast",
    "eindex",
    "home_thread",
    "master",
    "configuration",
    "class_name",
    "port_count",
    "processing",
    "flow_code",
    "connect_port",
    "notify_ninputs",
    "notify_noutputs",
    "configure_phase",
    "live_reconfigure",
    "can_live_reconfigure",
    "static_initialize",
    "static_cleanup",
    "add_handler",
    "run_task",
    "run_timer",
    "set_nports",
    "flags",
    "selected",
};

/* Free functions of Click's lib by qualified name (prefix when ending in
 * '*'). */
static const class_entry framework_functions[] = {
    {"click_chatter", CLARA_FRAMEWORK_DROPPED},
    {"click_strcmp", CLARA_FRAMEWORK_DROPPED},
    {"cp_*", CLARA_FRAMEWORK_DROPPED},
    /* Clara's host driver (runtime-profiler/include/click/clara.hh). */
    {"clara_*", CLARA_FRAMEWORK_DROPPED},
    {"click_*", CLARA_FRAMEWORK_HEADER},
    {"hashcode", CLARA_FRAMEWORK_STATE},
    {"hashkey", CLARA_FRAMEWORK_STATE},
    {"int_divide", CLARA_FRAMEWORK_HEADER},
    {"int_remainder", CLARA_FRAMEWORK_HEADER},
    {"int_multiply", CLARA_FRAMEWORK_HEADER},
    {"args_base_read*", CLARA_FRAMEWORK_DROPPED},
    {"make_pair", CLARA_FRAMEWORK_STATE},
    {"int_sqrt", CLARA_FRAMEWORK_HEADER},
    {"ffs_msb", CLARA_FRAMEWORK_HEADER},
    {"ffs_lsb", CLARA_FRAMEWORK_HEADER},
    {"glob_match", CLARA_FRAMEWORK_DROPPED},
    {"libdivide*", CLARA_FRAMEWORK_HEADER},
};

/* Generic free templates of click/algorithm.hh and click/string.hh: only
 * their template instances are framework (an NF may well have a plain
 * function called find). */
static const class_entry framework_templates[] = {
    {"find", CLARA_FRAMEWORK_STATE},
    {"rfind", CLARA_FRAMEWORK_STATE},
    {"assign_consume", CLARA_FRAMEWORK_STATE},
    {"clear_by_swap", CLARA_FRAMEWORK_STATE},
    {"less", CLARA_FRAMEWORK_STATE},
    {"do_nothing", CLARA_FRAMEWORK_STATE},
    {"ignore_result", CLARA_FRAMEWORK_HEADER},
};

/* 1 if `demangled` is an instance of the free template `name`: "name<" at
 * the start or after the return type. */
static int is_template_instance(const char *demangled, const char *name) {
  size_t n = strlen(name);
  for (const char *p = strstr(demangled, name); p; p = strstr(p + 1, name))
    if ((p == demangled || p[-1] == ' ' || p[-1] == '*' || p[-1] == '&') &&
        p[n] == '<')
      return 1;
  return 0;
}

static clara_framework_class classify_class(const char *cls, size_t len) {
  for (size_t i = 0; i < sizeof framework_classes / sizeof *framework_classes;
       ++i)
    if (strlen(framework_classes[i].name) == len &&
        memcmp(framework_classes[i].name, cls, len) == 0)
      return framework_classes[i].kind;
  /* Families: FooErrorHandler, IntArg, IPAddressArg, ... */
  if (ends_with(cls, len, "ErrorHandler") ||
      (len > 3 && ends_with(cls, len, "Arg")))
    return CLARA_FRAMEWORK_DROPPED;
  return CLARA_FRAMEWORK_NONE;
}

/* First identifier of the first parameter: "operator==(IPAddress, ...)" ->
 * IPAddress, for free operators over framework types. */
static clara_framework_class classify_by_parameter(const char *demangled) {
  const char *open = strchr(demangled, '(');
  if (!open)
    return CLARA_FRAMEWORK_NONE;
  const char *p = open + 1;
  if (starts_with(p, "const "))
    p += 6;
  size_t len = strcspn(p, " <,)&*");
  return classify_class(p, len);
}

clara_framework_class clara_framework_classify(const char *demangled) {
  char q[512];
  clara_qualified_name(demangled, q, sizeof q);
  const char *sep = strstr(q, "::");
  if (!sep) {
    for (size_t i = 0;
         i < sizeof framework_functions / sizeof *framework_functions; ++i) {
      const char *pat = framework_functions[i].name;
      size_t plen = strlen(pat);
      if (pat[plen - 1] == '*' ? strncmp(q, pat, plen - 1) == 0
                               : strcmp(q, pat) == 0)
        return framework_functions[i].kind;
    }
    for (size_t i = 0;
         i < sizeof framework_templates / sizeof *framework_templates; ++i)
      if (strcmp(q, framework_templates[i].name) == 0 &&
          is_template_instance(demangled, q))
        return framework_templates[i].kind;
    if (starts_with(q, "operator"))
      return classify_by_parameter(demangled);
    return CLARA_FRAMEWORK_NONE;
  }
  clara_framework_class kind = classify_class(q, (size_t)(sep - q));
  /* Printing an address or a time builds a String for logging. */
  const char *last = strrchr(q, ':') + 1;
  if (kind == CLARA_FRAMEWORK_HEADER &&
      (starts_with(last, "unparse") || strcmp(last, "s") == 0))
    return CLARA_FRAMEWORK_DROPPED;
  if (kind == CLARA_FRAMEWORK_HEADER && (size_t)(sep - q) == 7 &&
      memcmp(q, "Element", 7) == 0) {
    const char *method = strrchr(q, ':') + 1;
    for (size_t i = 0;
         i < sizeof element_control_methods / sizeof *element_control_methods;
         ++i)
      if (strcmp(method, element_control_methods[i]) == 0)
        return CLARA_FRAMEWORK_DROPPED;
  }
  return kind;
}

int clara_is_entry_method(const char *method) {
  return strcmp(method, "simple_action") == 0 || strcmp(method, "push") == 0 ||
         strcmp(method, "pull") == 0 || strcmp(method, "smaction") == 0;
}
