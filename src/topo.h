/* --config FILE.json in, --dump-config out: the topology as JSON. */
#ifndef ZMQCAT_TOPO_H
#define ZMQCAT_TOPO_H

#include <stdio.h>

#include "settings.h"

int topo_load(const char *path, struct options *o, char *err,
    size_t errlen);
int topo_load_text(const char *name, const char *text, size_t len,
    struct options *o, char *err, size_t errlen);
int topo_dump(const struct options *o, FILE *fp);

#endif
