#ifndef OUTREACH_COPENSSL_SHIM_H
#define OUTREACH_COPENSSL_SHIM_H

#include <openssl/ssl.h>
#include <openssl/err.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <openssl/evp.h>
#include <openssl/sha.h>
#include <openssl/rand.h>

// Several OpenSSL entry points are macros over SSL_ctrl / SSL_CTX_ctrl, which
// Swift cannot import. These wrappers give them a callable form.

static inline long copenssl_set_tlsext_host_name(SSL *ssl, const char *name) {
  return SSL_set_tlsext_host_name(ssl, name);
}

static inline long copenssl_ctx_set_min_proto_version(SSL_CTX *ctx, int version) {
  return SSL_CTX_set_min_proto_version(ctx, version);
}

static inline long copenssl_ctx_set_mode(SSL_CTX *ctx, long mode) {
  return SSL_CTX_set_mode(ctx, mode);
}

static inline unsigned long copenssl_ctx_set_options(SSL_CTX *ctx, unsigned long options) {
  return SSL_CTX_set_options(ctx, options);
}

#endif
