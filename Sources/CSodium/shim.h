#ifndef SAFESTATS_CSODIUM_SHIM_H
#define SAFESTATS_CSODIUM_SHIM_H
#include <sodium.h>
#endif
