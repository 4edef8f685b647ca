/*===- core/error.c - Clara's error convention ----------------------------===*
 *
 * See error.h.
 *
 *===----------------------------------------------------------------------===*/
#include "error.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

int clara_error(char **out_message, const char *format, ...) {
  if (!out_message)
    return CLARA_ERROR;
  va_list args;
  va_start(args, format);
  char *message = NULL;
  if (vasprintf(&message, format, args) < 0)
    message = NULL;
  va_end(args);
  *out_message = message;
  return CLARA_ERROR;
}

void clara_dispose_message(char *message) { free(message); }
