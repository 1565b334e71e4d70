#ifndef LEARNMAIL_CCURL_SHIM_H
#define LEARNMAIL_CCURL_SHIM_H

// Typed wrappers around libcurl's variadic entry points, which Swift cannot call.
// The same approach swift-corelibs-foundation takes for its own libcurl use.
// Only the Transport module imports this; no curl type leaves that module.

#include <curl/curl.h>

// MARK: curl_easy_setopt

static inline CURLcode ccurl_setopt_long(CURL *handle, CURLoption option, long value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode ccurl_setopt_string(CURL *handle, CURLoption option, const char *value) {
    // libcurl copies string options (since 7.17), so a temporary C string is fine.
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode ccurl_setopt_pointer(CURL *handle, CURLoption option, void *value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode ccurl_setopt_offset(CURL *handle, CURLoption option, curl_off_t value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode ccurl_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode ccurl_setopt_write_callback(CURL *handle, CURLoption option, curl_write_callback value) {
    // Used for both CURLOPT_WRITEFUNCTION and CURLOPT_HEADERFUNCTION (same signature).
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode ccurl_setopt_read_callback(CURL *handle, curl_read_callback value) {
    return curl_easy_setopt(handle, CURLOPT_READFUNCTION, value);
}

static inline CURLcode ccurl_setopt_debug_callback(CURL *handle, curl_debug_callback value) {
    return curl_easy_setopt(handle, CURLOPT_DEBUGFUNCTION, value);
}

// MARK: curl_easy_getinfo

static inline CURLcode ccurl_getinfo_long(CURL *handle, CURLINFO info, long *value) {
    return curl_easy_getinfo(handle, info, value);
}

static inline CURLcode ccurl_getinfo_double(CURL *handle, CURLINFO info, double *value) {
    return curl_easy_getinfo(handle, info, value);
}

static inline CURLcode ccurl_getinfo_string(CURL *handle, CURLINFO info, char **value) {
    return curl_easy_getinfo(handle, info, value);
}

// MARK: global

static inline CURLcode ccurl_global_init_all(void) { return curl_global_init(CURL_GLOBAL_ALL); }

// MARK: constants that Swift does not import as plain values

static inline long ccurl_error_size(void) { return CURL_ERROR_SIZE; }
static inline long ccurl_max_read_size(void) { return CURL_MAX_READ_SIZE; }
static inline size_t ccurl_readfunc_abort(void) { return CURL_READFUNC_ABORT; }

// 7.88 spells the partial-recipient-failure option with three L's; 8.2 renamed it.
#if defined(CURLOPT_MAIL_RCPT_ALLOWFAILS) || LIBCURL_VERSION_NUM >= 0x080200
static inline CURLoption ccurl_opt_mail_rcpt_allowfails(void) { return CURLOPT_MAIL_RCPT_ALLOWFAILS; }
#else
static inline CURLoption ccurl_opt_mail_rcpt_allowfails(void) { return CURLOPT_MAIL_RCPT_ALLLOWFAILS; }
#endif

#endif
