/* Exit statuses of zmqcat, documented in the man page's EXIT STATUS. */
#ifndef ZMQCAT_STATUS_H
#define ZMQCAT_STATUS_H

enum zc_status {
	ZC_OK = 0,		/* success */
	ZC_RUNTIME = 1,		/* bind failed, bad input, write error */
	ZC_USAGE = 2,		/* bad command line or configuration */
	ZC_TIMEOUT = 3		/* a timeout ended the run before --count */
};

/* Room for one error message built by a pure parser. */
#define ZC_ERRLEN 512

#endif
