#ifndef SAFESTATS_CPREFETCH_H
#define SAFESTATS_CPREFETCH_H

/// Asks the processor to start loading the cache line at `address`, for a read soon; it changes
/// nothing and never faults. Swift has no prefetch of its own: the hash tables that every input
/// record reaches (ids, identifier pseudonyms) use this to overlap their cache misses with other work.
static inline void safestats_prefetch(const void *address) {
    __builtin_prefetch(address, 0, 3);
}

#endif
