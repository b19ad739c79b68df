/* JSON encodings zmqcat produces, through jansson. */
#include "config.h"

#include <err.h>
#include <jansson.h>

#include "zjson.h"

/* The compact JSON text of an integer, as pyzmq's send_json makes it. */
char *
zjson_encode_int(long long v)
{
	json_t *j = json_integer(v);
	char *s;

	if (j == NULL || (s = json_dumps(j, JSON_ENCODE_ANY | JSON_COMPACT)) ==
	    NULL)
		err(1, "json");
	json_decref(j);
	return s;
}
