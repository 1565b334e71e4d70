#ifndef LEARNMAIL_CCURL_SHIM_H
#define LEARNMAIL_CCURL_SHIM_H
#include <curl/curl.h>
#endif
