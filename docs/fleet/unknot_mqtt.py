"""unknot_mqtt: the small MQTT 3.1.1 client of the fleet tools
(unknot-routine-push, unknot-fleet-collect, unknot-fleet-ha), Python's
standard library only, so a gym's server needs no extra package.

One connection per tool: the shipped broker config makes the user name the
client id, so a second connection under the same user would knock the
first one off.
"""
import os
import select
import socket
import ssl
import struct
import time


class MqttError(Exception):
    pass


def _str(s):
    b = s.encode("utf-8") if isinstance(s, str) else s
    return struct.pack(">H", len(b)) + b


class Mqtt:
    """QoS 0/1 publish and subscribe, keepalive, retained reads.

    Incoming PUBLISH packets that arrive while waiting for something else are
    kept in self.inbox (topic, payload, retained) for poll()."""

    def __init__(self, host, port, user=None, password=None, cafile=None,
                 client_id="", clean=True, keepalive=60):
        self.keepalive = keepalive
        try:
            s = socket.create_connection((host, port), timeout=10)
            if cafile:
                ctx = ssl.create_default_context(cafile=cafile)
                s = ctx.wrap_socket(s, server_hostname=host)
        except (OSError, ssl.SSLError) as e:
            raise MqttError("cannot connect to %s:%d: %s" % (host, port, e))
        self.s = s
        self.buf = b""
        self.mid = 0
        self.inbox = []
        self.last_out = time.monotonic()
        flags = 0x02 if clean else 0
        payload = _str(client_id)
        if user:
            flags |= 0x80
            payload += _str(user)
            if password:
                flags |= 0x40
                payload += _str(password)
        var = _str("MQTT") + bytes([4, flags]) + struct.pack(">H", keepalive)
        self._send(0x10, var + payload)
        t, _f, body = self._packet()
        if t != 0x20 or len(body) < 2 or body[1] != 0:
            code = body[1] if len(body) > 1 else -1
            reasons = {4: "bad user name or password", 5: "not authorized"}
            raise MqttError("the broker refused the connection: %s"
                            % reasons.get(code, "code %d" % code))
        self.session_present = bool(body[0] & 1)

    def _send(self, first, body):
        n, rl = len(body), b""
        while True:
            d, n = n % 128, n // 128
            rl += bytes([d | (0x80 if n else 0)])
            if not n:
                break
        try:
            self.s.sendall(bytes([first]) + rl + body)
        except OSError as e:
            raise MqttError("connection lost: %s" % e)
        self.last_out = time.monotonic()

    def _fill(self, timeout):
        """Reads what is there (waiting at most timeout s); False on timeout."""
        if not isinstance(self.s, ssl.SSLSocket) or not self.s.pending():
            r, _w, _x = select.select([self.s], [], [], timeout)
            if not r:
                return False
        try:
            chunk = self.s.recv(65536)
        except (socket.timeout, ssl.SSLWantReadError):
            return False
        except OSError as e:
            raise MqttError("connection lost: %s" % e)
        if not chunk:
            raise MqttError("the broker closed the connection")
        self.buf += chunk
        return True

    def _complete(self):
        """(type, flags, body) of a whole packet in the buffer, or None."""
        if len(self.buf) < 2:
            return None
        mult, n, i = 1, 0, 1
        while True:
            if i >= len(self.buf):
                return None
            d = self.buf[i]
            n += (d & 127) * mult
            mult *= 128
            i += 1
            if not d & 128:
                break
        if len(self.buf) < i + n:
            return None
        first, body = self.buf[0], self.buf[i:i + n]
        self.buf = self.buf[i + n:]
        return first & 0xF0, first & 0x0F, body

    def _packet(self, timeout=30):
        end = time.monotonic() + timeout
        while True:
            p = self._complete()
            if p:
                return p
            left = end - time.monotonic()
            if left <= 0 or not self._fill(left):
                raise MqttError("the broker stopped answering")

    def _next_mid(self):
        self.mid = self.mid % 65535 + 1
        return self.mid

    def _dispatch(self, t, flags, body):
        """Handles an incoming packet; returns it unless it was a PUBLISH."""
        if t == 0x30:
            tl = struct.unpack(">H", body[:2])[0]
            topic = body[2:2 + tl].decode("utf-8", "replace")
            rest = body[2 + tl:]
            if (flags >> 1) & 3:
                self._send(0x40, rest[:2])
                rest = rest[2:]
            self.inbox.append((topic, rest, bool(flags & 1)))
            return None
        return t, body

    def _wait(self, want_type, mid, timeout=30):
        end = time.monotonic() + timeout
        while True:
            t, flags, body = self._packet(max(0.01, end - time.monotonic()))
            got = self._dispatch(t, flags, body)
            if got and got[0] == want_type and struct.unpack(">H", got[1][:2])[0] == mid:
                return got[1]

    def publish(self, topic, payload, qos=1, retain=False, wait=True):
        if isinstance(payload, str):
            payload = payload.encode("utf-8")
        if qos == 0:
            self._send(0x30 | (1 if retain else 0), _str(topic) + payload)
            return
        mid = self._next_mid()
        self._send(0x32 | (1 if retain else 0), _str(topic) + struct.pack(">H", mid) + payload)
        if wait:
            self._wait(0x40, mid)

    def subscribe(self, topics, qos=1):
        mid = self._next_mid()
        body = struct.pack(">H", mid) + b"".join(_str(t) + bytes([qos]) for t in topics)
        self._send(0x82, body)
        ack = self._wait(0x90, mid)
        if any(c >= 0x80 for c in ack[2:]):
            raise MqttError("the broker refused the subscription to %s" % ", ".join(topics))

    def unsubscribe(self, topics):
        mid = self._next_mid()
        self._send(0xA2, struct.pack(">H", mid) + b"".join(_str(t) for t in topics))
        self._wait(0xB0, mid)

    def poll(self, timeout):
        """Incoming messages [(topic, payload, retained)] within timeout s;
        keeps the connection alive."""
        end = time.monotonic() + timeout
        while not self.inbox:
            if time.monotonic() - self.last_out > self.keepalive / 2:
                self._send(0xC0, b"")
            p = self._complete()
            if p:
                self._dispatch(*p)
                continue
            left = end - time.monotonic()
            if left <= 0:
                break
            self._fill(min(left, 1.0))
        out, self.inbox = self.inbox, []
        return out

    def retained(self, filt, marker_topic):
        """{topic: payload} retained under filt, complete: a QoS 1 marker
        published after the SUBACK queues behind every retained message, so
        no timeout is needed. (The user must be allowed to write the marker
        topic.)"""
        self.subscribe([filt, marker_topic])
        nonce = os.urandom(8).hex().encode()
        self.publish(marker_topic, nonce, qos=1, wait=False)
        got = {}
        while True:
            for topic, payload, _r in self.poll(10) or [(None, None, None)]:
                if topic is None:
                    raise MqttError("no answer to our marker on %s: is this user allowed to "
                                    "write there (a manager account)?" % marker_topic)
                if topic == marker_topic:
                    if payload == nonce:
                        self.unsubscribe([filt, marker_topic])
                        return got
                elif payload:
                    got[topic] = payload
                else:
                    got.pop(topic, None)

    def close(self):
        try:
            self._send(0xE0, b"")
            self.s.close()
        except (OSError, MqttError):
            pass
