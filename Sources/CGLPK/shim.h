#ifndef SAFESTATS_CGLPK_SHIM_H
#define SAFESTATS_CGLPK_SHIM_H
#include <glpk.h>
#endif
