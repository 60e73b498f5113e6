/*
 * Test hooks of core/accounts.c. Nothing but tests includes this header;
 * both hooks are read without locks, so set them before any other thread
 * calls into accounts.
 */
#ifndef CONSORT_ACCOUNTS_INT_H
#define CONSORT_ACCOUNTS_INT_H

#include <stdbool.h>
#include <stdint.h>

/* The clock of accounts (unix seconds); NULL = time(). */
extern int64_t (*accounts_clock)(void);
/* Hash passwords at argon2id's minimum cost (tests only: a hash then takes microseconds). */
extern bool accounts_weak_hashing;

#endif
