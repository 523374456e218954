# Sourced by tests/e2e/fleet_*.sh: a real Mosquitto broker for one test.
#
#   . tests/fleet/broker.sh
#   broker_need                      exit 77 (with the reason) without mosquitto
#   broker_init DIR SITE "st001 ..." config, passwords (one per station, plus
#                                    manager and collector) and ACL under DIR
#   broker_start                     on 127.0.0.1:$BROKER_PORT (a free port)
#   broker_stop TERM|KILL            TERM saves retained messages and sessions
#                                    (persistence); KILL loses whatever came
#                                    after the last save (autosave_interval)
#   bpub USER args... / bsub USER args...   mosquitto_pub/_sub as USER
#   bsub_bg OUT USER args... / bg_stop     a background subscriber
#   sub_sync LOG                     everything published so far is in LOG
#   collector_start LOG / collector_stop   the collector (persistent session)
#   collect LOG events|first-gap|avail     tests/fleet/collect.py on its log
#   collector_resend LOG STATION     cmd/resend from STATION's first gap
#   swarm_start NAME FIRST COUNT [KA WD] / swarm_cmd NAME FD CMD
#                                    tests/helpers/fleet_swarm over a FIFO
#   wait_grep FILE PATTERN [S]       until PATTERN is in FILE
#
# Every user's password is "pw-USER" (stations: user SITE/STATION, password
# pw-STATION). The ACL is docs/fleet/acl plus one block per station, as
# unknot-fleet-station writes it: a station writes only its availability,
# status and events, reads its cmd/+ and its own site's routines; manager
# and nodered read and write everything; collector reads everything and may
# send cmd/resend; telegraf reads. BROKER_BIND_IDS=1: client id = user name
# (the shipped config's use_username_as_clientid; off by default because the
# tests run several clients per user at once).
# Run as root, mosquitto drops to the "mosquitto" user: the files it reads
# must be readable by it and its persistence directory writable (broker_init
# makes DIR 755; DIR's parents must be searchable: use the mktemp -d itself).

BROKER_HOST=127.0.0.1
# The repository root: the caller's $here/.. (tests/e2e scripts set here=tests).
fleet_root=$(cd "${here:-$(pwd)/tests}/.." && pwd)

broker_need() {
	for t in mosquitto mosquitto_pub mosquitto_sub mosquitto_passwd; do
		command -v "$t" >/dev/null 2>&1 || PATH="$PATH:/usr/sbin:/sbin"
		command -v "$t" >/dev/null 2>&1 && continue
		echo "$t is missing (Debian: apt-get install mosquitto mosquitto-clients)"
		exit 77
	done
}

# A free TCP port on 127.0.0.1 (the kernel picks it; a tiny race with the
# broker's bind, so broker_start retries with another port).
broker_free_port() {
	python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

# broker_init DIR SITE "station ids": writes DIR/mosquitto.conf, passwd, acl.
broker_init() {
	BROKER_DIR=$1 BROKER_SITE=$2
	mkdir -p "$BROKER_DIR/data"
	chmod 755 "$BROKER_DIR"
	: >"$BROKER_DIR/passwd"
	# -b: password on the command line (tests only; docs/fleet/README.md
	# shows the interactive form). -c would truncate, so append one by one.
	for u in manager nodered collector telegraf ha-discovery homeassistant; do
		mosquitto_passwd -b "$BROKER_DIR/passwd" "$u" "pw-$u" || return 1
	done
	sed -n '/^[^#]/p' "$fleet_root/docs/fleet/acl" >"$BROKER_DIR/acl"
	# stations: user SITE/STATION and their site's routines, as
	# docs/fleet/unknot-fleet-station makes them
	for u in $3; do broker_add_station "$BROKER_SITE" "$u" || return 1; done
	chmod 644 "$BROKER_DIR/passwd" "$BROKER_DIR/acl"
	if [ "$(id -u)" = 0 ] && id mosquitto >/dev/null 2>&1; then
		chown mosquitto "$BROKER_DIR/data"
	fi
	BROKER_LOG=$BROKER_DIR/broker.log
	: >"$BROKER_LOG"
}

# broker_add_station SITE STATION: user SITE/STATION, password pw-STATION, and
# its ACL block (read unknot/SITE/routines/#). A running broker needs SIGHUP.
broker_add_station() {
	mosquitto_passwd -b "$BROKER_DIR/passwd" "$1/$2" "pw-$2" || return 1
	printf '\nuser %s/%s\ntopic read unknot/%s/routines/#\n' "$1" "$2" "$1" >>"$BROKER_DIR/acl"
}

# buser NAME: the broker user for NAME: service users (manager, nodered,
# collector, telegraf) and SITE/STATION as they are; a bare station id is on
# $BROKER_SITE.
buser() {
	case $1 in
	manager | nodered | collector | telegraf | ha-discovery | homeassistant | */*) echo "$1" ;;
	*) echo "$BROKER_SITE/$1" ;;
	esac
}

# The config for $BROKER_PORT (plus $BROKER_EXTRA_LISTEN: more addresses,
# e.g. the host end of a veth pair).
broker_conf() {
	cat >"$BROKER_DIR/mosquitto.conf" <<EOF
# written by tests/fleet/broker.sh (docs/fleet/mosquitto.conf is the real one)
per_listener_settings false
allow_anonymous false
password_file $BROKER_DIR/passwd
acl_file $BROKER_DIR/acl
listener $BROKER_PORT $BROKER_HOST
EOF
	for a in ${BROKER_EXTRA_LISTEN:-}; do
		echo "listener $BROKER_PORT $a" >>"$BROKER_DIR/mosquitto.conf"
	done
	cat >>"$BROKER_DIR/mosquitto.conf" <<EOF
${BROKER_BIND_IDS:+use_username_as_clientid true}
persistence true
persistence_location $BROKER_DIR/data/
autosave_interval ${BROKER_AUTOSAVE:-1800}
max_queued_messages 100000
max_inflight_messages 100
# the limits of docs/fleet/mosquitto.conf
max_packet_size 2101248
max_queued_bytes 67108864
memory_limit 536870912
log_dest stderr
log_type error
log_type warning
log_type notice
log_type information
${BROKER_LOG_DEBUG:+log_type debug}
connection_messages true
log_timestamp true
EOF
	chmod 644 "$BROKER_DIR/mosquitto.conf"
}

broker_start() {
	tries=0
	while :; do
		[ -n "${BROKER_PORT:-}" ] || BROKER_PORT=$(broker_free_port)
		broker_conf
		start_lines=$(wc -l <"$BROKER_LOG")
		mosquitto -c "$BROKER_DIR/mosquitto.conf" >>"$BROKER_LOG" 2>&1 &
		BROKER_PID=$!
		i=0
		while [ $i -lt 100 ]; do
			if ! kill -0 "$BROKER_PID" 2>/dev/null; then break; fi
			if tail -n +"$((start_lines + 1))" "$BROKER_LOG" | grep -q " running"; then
				return 0
			fi
			sleep 0.05
			i=$((i + 1))
		done
		kill -9 "$BROKER_PID" 2>/dev/null
		wait "$BROKER_PID" 2>/dev/null
		tries=$((tries + 1))
		if [ $tries -ge 3 ] || [ -n "${BROKER_KEEP_PORT:-}" ]; then
			echo "# mosquitto did not start:" >&2
			tail -5 "$BROKER_LOG" | sed 's/^/# /' >&2
			return 1
		fi
		BROKER_PORT=  # the port was taken meanwhile: another one
	done
}

# broker_stop TERM|KILL: the broker exits; the port stays for a restart.
broker_stop() {
	[ -n "${BROKER_PID:-}" ] || return 0
	kill -"${1:-TERM}" "$BROKER_PID" 2>/dev/null
	wait "$BROKER_PID" 2>/dev/null
	BROKER_PID=
}

# A restart on the same port (the stations' config names it).
broker_restart() {
	BROKER_KEEP_PORT=1 broker_start
	rc=$?
	BROKER_KEEP_PORT=
	return $rc
}

bpub() {
	u=$(buser "$1"); shift
	mosquitto_pub -h "$BROKER_HOST" -p "$BROKER_PORT" -u "$u" -P "pw-${u#*/}" "$@"
}

# In a subshell (`bsub ... &`, a pipeline, $(...)) mosquitto_sub replaces it,
# so $! is mosquitto_sub's own pid and `kill $!` does not leave it running
# (reconnecting forever to a dead broker). $$ is the main shell's pid even in
# a subshell; a child's PPID is the subshell's.
bsub() {
	u=$(buser "$1"); shift
	if [ "$(exec sh -c 'echo $PPID')" != "$$" ]; then
		exec mosquitto_sub -h "$BROKER_HOST" -p "$BROKER_PORT" -u "$u" -P "pw-${u#*/}" "$@"
	fi
	mosquitto_sub -h "$BROKER_HOST" -p "$BROKER_PORT" -u "$u" -P "pw-${u#*/}" "$@"
}

# bsub_bg OUT USER args...: mosquitto_sub in the background, output to OUT;
# its own pid (not a subshell's) is added to $BG_PIDS for bg_stop.
bsub_bg() {
	o=$1 u=$(buser "$2"); shift 2
	mosquitto_sub -h "$BROKER_HOST" -p "$BROKER_PORT" -u "$u" -P "pw-${u#*/}" "$@" >"$o" 2>&1 &
	BG_PIDS="${BG_PIDS:-} $!"
}

bg_stop() {
	# SIGTERM first; a mosquitto_sub whose broker is gone waits for a
	# disconnect that never comes and ignores it, so SIGKILL what is left
	# (it flushes each message as it prints it: nothing is lost).
	for p in ${BG_PIDS:-}; do kill "$p" 2>/dev/null; done
	for p in ${BG_PIDS:-}; do
		n=0
		while kill -0 "$p" 2>/dev/null && [ $n -lt 10 ]; do sleep 0.1; n=$((n + 1)); done
		kill -9 "$p" 2>/dev/null
	done
	BG_PIDS=
}

# Seconds since the epoch with ms (the clock the %U of mosquitto_sub uses).
now_s() { date +%s.%N | cut -c1-14; }

# wait_grep FILE PATTERN [SECONDS]: until grep finds PATTERN in FILE (default 10 s).
wait_grep() {
	n=$(( ${3:-10} * 20 ))
	while [ $n -gt 0 ]; do
		grep -q -- "$2" "$1" 2>/dev/null && return 0
		sleep 0.05
		n=$((n - 1))
	done
	return 1
}

# sub_sync LOG: the manager publishes a marker to unknot/_sync and waits until
# the subscriber writing LOG (subscribed to unknot/#) has it: everything
# published before the marker on one connection has then been delivered.
sub_sync() {
	sync_n=$(( ${sync_n:-0} + 1 ))
	bpub manager -q 1 -t unknot/_sync -m "mark-$sync_n-$$"
	wait_grep "$1" "mark-$sync_n-$$" 10
}

# collector_start LOG: the collector (mosquitto_sub, a persistent QoS 1
# session, so events queued while it reconnects after a broker restart still
# reach it) logging "TIME TOPIC PAYLOAD" lines; tests/fleet/collect.py reads it.
collector_start() {
	mosquitto_sub -h "$BROKER_HOST" -p "$BROKER_PORT" -u collector -P pw-collector \
		-V mqttv311 -c -i "unknot-collector-$$" -q 1 -F '%U %t %p' \
		-t 'unknot/#' >>"$1" 2>>"$1.err" &
	COLLECTOR_PID=$!
}

collector_stop() {
	[ -n "${COLLECTOR_PID:-}" ] && kill "$COLLECTOR_PID" 2>/dev/null
	COLLECTOR_PID=
}

# collect LOG MODE ARGS: tests/fleet/collect.py.
collect() { python3 "$fleet_root/tests/fleet/collect.py" "$@"; }

# collector_resend LOG STATION: asks STATION to resend its first gap,
# {"from_seq": A, "to_seq": B}; prints A (nothing, and no request, when there
# is no gap).
collector_resend() {
	g=$(collect "$1" gap-range "$2")
	[ -n "$g" ] || return 0
	bpub collector -q 1 -t "unknot/$BROKER_SITE/$2/cmd/resend" -m "{\"from_seq\":${g% *},\"to_seq\":${g#* }}"
	echo "${g% *}"
}

# The swarm helper (tests/helpers/fleet_swarm.c) driven through a FIFO:
#   swarm_start NAME FIRST COUNT [KEEPALIVE WILL_DELAY]   swarm_cmd NAME "append 5"
# Its output goes to $T/NAME.out; swarm_cmd waits for the command's "done".
# SWARM_WRAP: a command put before it (e.g. "ip netns exec NS");
# SWARM_BROKER_HOST: the broker address it connects to (default $BROKER_HOST).
swarm_start() {
	mkdir -p "$T/$1"
	mkfifo "$T/$1.ctl"
	${SWARM_WRAP:-} "$BUILD/tests/helpers/fleet_swarm" "mqtt://${SWARM_BROKER_HOST:-$BROKER_HOST}:$BROKER_PORT" "$BROKER_SITE" \
		"${SWARM_PREFIX:-st}" "$2" "$3" "$T/$1" ${4:-5} ${5:-2} \
		<"$T/$1.ctl" >"$T/$1.out" 2>"$T/$1.err" &
	eval "SWARM_PID_$1=\$!"
	# hold the FIFO open for writing on a numbered fd chosen by the caller
	# ($SWARM_FD, default 7), so single commands do not close the swarm's stdin
	eval "exec ${SWARM_FD:-7}>\"\$T/\$1.ctl\""
	wait_grep "$T/$1.out" "^started" 60
}

# swarm_cmd NAME FD "COMMAND" [TIMEOUT_S]: sends COMMAND; waits for its "done".
swarm_cmd() {
	c=${3%% *}
	before=$(grep -c "^done $c\$" "$T/$1.out")
	echo "$3" >&"$2"
	n=$(( ${4:-60} * 20 ))
	while [ $n -gt 0 ]; do
		[ "$(grep -c "^done $c\$" "$T/$1.out")" -gt "$before" ] && return 0
		sleep 0.05
		n=$((n - 1))
	done
	return 1
}
