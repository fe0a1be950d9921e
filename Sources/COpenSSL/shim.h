#ifndef SAFESTATS_COPENSSL_SHIM_H
#define SAFESTATS_COPENSSL_SHIM_H
// OpenSSL 3 marks the one-shot SHA256_* calls deprecated in favour of EVP, whose per-call lookups
// cost more than a whole short HMAC; these calls stay in OpenSSL 3 and use the CPU's SHA extensions.
#define OPENSSL_SUPPRESS_DEPRECATED
#include <openssl/sha.h>
#include <openssl/crypto.h>
#endif
