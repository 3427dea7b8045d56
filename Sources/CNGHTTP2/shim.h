#ifndef OUTREACH_CNGHTTP2_SHIM_H
#define OUTREACH_CNGHTTP2_SHIM_H

#include <nghttp2/nghttp2.h>

#endif
