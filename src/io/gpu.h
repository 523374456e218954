/* gpu: whether this machine has a GPU that can draw, found without loading
 * a GL driver (which maps Mesa and LLVM: tens of MB and a slow start). */
#ifndef UNKNOT_GPU_H
#define UNKNOT_GPU_H

#include <stdbool.h>
#include <stddef.h>

/* True when a DRM render node (/dev/dri/renderD*) exists whose kernel driver
 * renders (not vgem/vkms, which only share buffers). The driver's name goes
 * into driver (size bytes, "" when none). Without a render node Mesa falls
 * back to llvmpipe/softpipe: drawing in software with extra steps. */
bool gpu_present(char *driver, size_t size);

#endif
