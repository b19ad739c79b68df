/* SIGINT/SIGTERM (and SIGCHLD) turned into a readable fd for the poll
 * loop. */
#ifndef ZMQCAT_SIGNALS_H
#define ZMQCAT_SIGNALS_H

#include <signal.h>

extern volatile sig_atomic_t signals_caught;
extern volatile sig_atomic_t signals_children;

int signals_install(void);
int signals_fd(void);
void signals_drain(void);
const char *signals_name(void);

#endif
