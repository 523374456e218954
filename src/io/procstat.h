/* procstat: the process's own figures from /proc/self/status (traces, soak). */
#ifndef UNKNOT_PROCSTAT_H
#define UNKNOT_PROCSTAT_H

/* The value in kB of `field` ("VmRSS", "VmHWM"), or 0 when unknown. */
long procstat_kb(const char *field);

#endif
