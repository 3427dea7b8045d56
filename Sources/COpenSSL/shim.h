#ifndef OUTREACH_COPENSSL_SHIM_H
#define OUTREACH_COPENSSL_SHIM_H

#include <openssl/ssl.h>
#include <openssl/err.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <openssl/evp.h>
#include <openssl/sha.h>
#include <openssl/rand.h>

// --- Non-blocking TLS for the RPC transport (Sources/RPC/TLS) ---------------
//
// Option bits defined through SSL_OP_BIT(), which Swift cannot import, and an
// ALPN selection callback written in C so a server context can pick a protocol
// without a Swift closure crossing into OpenSSL.

static inline uint64_t copenssl_op_ignore_unexpected_eof(void) {
  return SSL_OP_IGNORE_UNEXPECTED_EOF;
}

static inline uint64_t copenssl_op_no_renegotiation(void) {
  return SSL_OP_NO_RENEGOTIATION;
}

static inline uint64_t copenssl_op_no_compression(void) {
  return SSL_OP_NO_COMPRESSION;
}

/// Chooses the first protocol of the server's preference list that the client
/// also offers. `arg` points at one length byte followed by the list in ALPN
/// wire format (each name prefixed by its length). When nothing overlaps the
/// handshake fails with a no_application_protocol alert.
static inline int copenssl_alpn_select_callback(SSL *ssl, const unsigned char **out,
                                                unsigned char *outlen,
                                                const unsigned char *in, unsigned int inlen,
                                                void *arg) {
  (void)ssl;
  const unsigned char *preferences = (const unsigned char *)arg;
  unsigned char *selected = NULL;
  unsigned char selected_length = 0;
  int result = SSL_select_next_proto(&selected, &selected_length, preferences + 1,
                                     preferences[0], in, inlen);
  if (result != OPENSSL_NPN_NEGOTIATED) {
    return SSL_TLSEXT_ERR_ALERT_FATAL;
  }
  *out = selected;
  *outlen = selected_length;
  return SSL_TLSEXT_ERR_OK;
}

/// Installs ``copenssl_alpn_select_callback`` with `preferences` (which must
/// outlive the context; see the callback for its layout).
static inline void copenssl_ctx_set_alpn_preferences(SSL_CTX *ctx,
                                                     const unsigned char *preferences) {
  SSL_CTX_set_alpn_select_cb(ctx, copenssl_alpn_select_callback, (void *)preferences);
}

// --- End of the RPC transport block -------------------------------------------

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

// --- SHA-256 for the store (token digests, idempotency keys) --------------
//
// The one-shot SHA256() of OpenSSL 3 looks the algorithm up by name on every
// call; the low-level functions hash on the stack without lookups or
// allocations. They are marked deprecated in OpenSSL 3 but remain supported.

#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wdeprecated-declarations"
static inline void copenssl_sha256(const void *data, size_t count, unsigned char *digest) {
  SHA256_CTX context;
  SHA256_Init(&context);
  SHA256_Update(&context, data, count);
  SHA256_Final(digest, &context);
}
#pragma clang diagnostic pop

#endif
