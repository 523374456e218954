/* fleet without a broker: the station works as before. Setup errors are
 * reported, an unreachable broker is not one; the journal is counted and the
 * durable ack read back without any network; fleet_free returns promptly
 * even while connecting. (Against a real broker: tests/e2e/fleet_*.sh.) */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <time.h>
#include <unistd.h>

#include "io/fleet.h"

static char root[64];

static uint64_t mono_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

/* A 127.0.0.1 port nobody listens on (bound, then closed). */
static int closed_port(void)
{
	int s = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	socklen_t len = sizeof a;
	assert_int_equal(bind(s, (struct sockaddr *)&a, sizeof a), 0);
	assert_int_equal(getsockname(s, (struct sockaddr *)&a, &len), 0);
	close(s);
	return ntohs(a.sin_port);
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static void cfg_for(config_fleet *c, const char *url)
{
	memset(c, 0, sizeof *c);
	snprintf(c->broker, sizeof c->broker, "%s", url);
	snprintf(c->site, sizeof c->site, "gymA");
	snprintf(c->station, sizeof c->station, "st7");
	c->keepalive_s = 30;
	c->will_delay_s = 30;
}

static void opts_for(fleet_options *o, const config_fleet *c, char *j, char *st, char *rt)
{
	memset(o, 0, sizeof *o);
	o->cfg = c;
	o->journal_path = j;
	o->state_dir = st;
	o->routines_dir = rt;
	o->app_version = "test";
	o->backoff_min_ms = 50;
	o->backoff_max_ms = 200;
}

static int setup(void **st)
{
	(void)st;
	snprintf(root, sizeof root, "/tmp/unknot-fleet-XXXXXX");
	return mkdtemp(root) ? 0 : -1;
}

static int teardown(void **st)
{
	(void)st;
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
	return system(cmd) == 0 ? 0 : -1;
}

static void test_no_broker_counts_journal_and_keeps_ack(void **st)
{
	(void)st;
	char url[64], j[128], sd[128], rt[128], ack[160];
	snprintf(url, sizeof url, "mqtt://127.0.0.1:%d", closed_port());
	snprintf(j, sizeof j, "%s/journal.jsonl", root);
	snprintf(sd, sizeof sd, "%s/state/deeper", root);
	snprintf(rt, sizeof rt, "%s/fleet-routines", root);
	snprintf(ack, sizeof ack, "%s/fleet-st7.ack", sd);
	write_file(j, "{\"event\":\"a\"}\n{\"event\":\"b\"}\n{\"event\":\"torn");
	config_fleet c;
	fleet_options o;
	cfg_for(&c, url);
	opts_for(&o, &c, j, sd, rt);
	char err[256] = "";
	fleet *f = fleet_new(&o, err, sizeof err);
	assert_non_null(f);
	assert_string_equal(err, "");
	/* the folders were made; the ack starts at 0 */
	assert_int_equal(access(sd, W_OK), 0);
	assert_int_equal(access(rt, W_OK), 0);
	fleet_stats s;
	uint64_t t0 = mono_ms();
	do {
		usleep(20000);
		fleet_get_stats(f, &s);
	} while (s.journal_seq < 2 && mono_ms() - t0 < 3000);
	assert_int_equal(s.journal_seq, 2); /* the torn last line is not counted yet */
	assert_false(s.connected);
	assert_int_equal(s.acked_seq, 0);
	assert_int_equal(s.published, 0);
	/* the UI thread's calls are harmless without a broker */
	fleet_state fs = { .in_session = true, .routine = "Neck", .step = 2, .steps = 5,
	                   .faults = { "no audio" }, .nfaults = 1 };
	fleet_set_state(f, &fs);
	fleet_journal_appended(f);
	assert_int_equal(fleet_poll(f), 0);
	t0 = mono_ms();
	fleet_free(f);
	assert_true(mono_ms() - t0 < 1500);

	/* a durable ack from an earlier run is read back */
	write_file(ack, "41\n");
	f = fleet_new(&o, err, sizeof err);
	assert_non_null(f);
	fleet_get_stats(f, &s);
	assert_int_equal(s.acked_seq, 41);
	fleet_free(f);
	fleet_free(NULL);
}

static void test_setup_errors(void **st)
{
	(void)st;
	char j[128], sd[128], rt[128], err[256];
	snprintf(j, sizeof j, "%s/journal.jsonl", root);
	snprintf(sd, sizeof sd, "%s/state", root);
	snprintf(rt, sizeof rt, "%s/rt", root);
	config_fleet c;
	fleet_options o;
	cfg_for(&c, "mqtt://127.0.0.1:1");
	snprintf(c.password_file, sizeof c.password_file, "%s/no-such-file", root);
	opts_for(&o, &c, j, sd, rt);
	assert_null(fleet_new(&o, err, sizeof err));
	assert_non_null(strstr(err, "no-such-file"));

	cfg_for(&c, "http://x");
	assert_null(fleet_new(&o, err, sizeof err));
	assert_non_null(strstr(err, "mqtt://"));

	cfg_for(&c, "mqtt://127.0.0.1:1");
	snprintf(c.station, sizeof c.station, "a/b");
	assert_null(fleet_new(&o, err, sizeof err));
	assert_non_null(strstr(err, "topic level"));

	cfg_for(&c, "mqtts://127.0.0.1:1");
	snprintf(c.ca_file, sizeof c.ca_file, "%s/missing-ca.pem", root);
	assert_null(fleet_new(&o, err, sizeof err));
	assert_non_null(strstr(err, "missing-ca.pem"));
}

/* Many fleets in one process (the swarm test runs 200): independent, and all
 * gone promptly. */
static void test_many_instances(void **st)
{
	(void)st;
	enum { N = 20 };
	fleet *f[N];
	char url[64];
	snprintf(url, sizeof url, "mqtt://127.0.0.1:%d", closed_port());
	for (int i = 0; i < N; i++) {
		char j[128], sd[128], rt[128], err[256];
		config_fleet c;
		fleet_options o;
		cfg_for(&c, url);
		snprintf(c.station, sizeof c.station, "st%03d", i);
		snprintf(j, sizeof j, "%s/j%d.jsonl", root, i);
		snprintf(sd, sizeof sd, "%s/s%d", root, i);
		snprintf(rt, sizeof rt, "%s/r%d", root, i);
		opts_for(&o, &c, j, sd, rt);
		f[i] = fleet_new(&o, err, sizeof err);
		assert_non_null(f[i]);
	}
	uint64_t t0 = mono_ms();
	for (int i = 0; i < N; i++)
		fleet_free(f[i]);
	assert_true(mono_ms() - t0 < 3000);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_no_broker_counts_journal_and_keeps_ack),
		cmocka_unit_test(test_setup_errors),
		cmocka_unit_test(test_many_instances),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
