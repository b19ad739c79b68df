/* The command line: parsed once into struct options, or exit 2. */
#ifndef ZMQCAT_OPTIONS_H
#define ZMQCAT_OPTIONS_H

#include "settings.h"

void options_parse(struct options *o, int argc, char **argv);
void options_free(struct options *o);

#endif
