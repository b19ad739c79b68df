/* JSON encodings zmqcat produces, through jansson. */
#ifndef ZMQCAT_ZJSON_H
#define ZMQCAT_ZJSON_H

char *zjson_encode_int(long long v);

#endif
